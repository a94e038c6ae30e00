"""Concepts: which curated skills a piece of text talks about, however it is worded.

Every skill's tag, label and aliases become stemmed phrases ("search engine optimisation" →
("search", "engin", "optim")), so inflections and spelling variants match. Stemming is aggressive
("productivity" and "products" share a stem), so a phrase word only matches a written word of similar
length, and a one-word skill named by an -ing noun ("accounting") never matches its root ("accounts").
A skill's excluded phrases say its words mean something else in this entry: "ball python" or "snake"
anywhere in an offer means no "python" is the language there, and those words stay apart in the text too.
A word one typo away from a vocabulary word ("bookeeping") is read as that word.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from rapidfuzz import fuzz, process

from bot.matching.text import is_filler, stem, words
from bot.skills import Vocabulary, vocabulary

MAX_PHRASE = 6
TYPO_MIN_LENGTH = 6
TYPO_SCORE = 88.0
LENGTH_RATIO = 0.85


@dataclass(frozen=True)
class Reading:
    """What a text says: the concepts found, and the stemmed topic words for text similarity."""

    concepts: tuple[str, ...]
    terms: tuple[str, ...]


@dataclass(frozen=True)
class Phrase:
    tag: str
    written: tuple[str, ...]


class ConceptIndex:
    def __init__(self, skills: Vocabulary) -> None:
        self.phrases: dict[tuple[str, ...], list[Phrase]] = {}
        self.excludes: dict[tuple[str, ...], str] = {}
        self.generic = frozenset(skill.tag for skill in skills if skill.generic)
        self.local = frozenset(skill.tag for skill in skills if skill.local)
        related: dict[str, set[str]] = {}
        for skill in skills:
            for text in (skill.tag.replace("-", " "), skill.label, *skill.aliases):
                written = tuple(words(text))
                if not written or (len(written) == 1 and (is_filler(written[0]) or len(written[0]) < 2)):
                    continue
                key = tuple(stem(word) for word in written)
                candidates = self.phrases.setdefault(key, [])
                if all(phrase.written != written for phrase in candidates):
                    candidates.append(Phrase(skill.tag, written))
            for text in skill.excludes:
                self.excludes[tuple(words(text))] = skill.tag
            for other in skill.related:
                related.setdefault(skill.tag, set()).add(other)
                related.setdefault(other, set()).add(skill.tag)
        # Sorted, never a set: iterating a set of strings follows PYTHONHASHSEED, and the skills a
        # reason names must not change from one process to the next.
        self.related: dict[str, tuple[str, ...]] = {
            tag: tuple(sorted(found)) for tag, found in related.items()
        }
        self._single_words: dict[str, set[str]] = {}  # a skill's one-word names
        self._tag_words: dict[str, set[str]] = {}  # every topic word of any of its names
        for key, candidates in self.phrases.items():
            for phrase in candidates:
                if len(key) == 1:
                    self._single_words.setdefault(phrase.tag, set()).add(key[0])
                self._tag_words.setdefault(phrase.tag, set()).update(
                    part for part, word in zip(key, phrase.written, strict=True) if not is_filler(word)
                )
        with_rules = set(self.excludes.values())
        self.ambiguous = frozenset(
            word for tag in sorted(with_rules) for word in self._single_words.get(tag, ())
        )
        self._stems = frozenset(part for key in self.phrases for part in key)
        self._typo_targets = sorted(part for part in self._stems if len(part) >= TYPO_MIN_LENGTH - 1)
        self._corrections: dict[str, str] = {}
        self._excludes_by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for excluded, tag in self.excludes.items():
            self._excludes_by_first.setdefault(excluded[0], []).append((excluded, tag))

    def read(self, text: str, *, context: str = "") -> Reading:
        """The concepts and topic words of `text`; `context` (the rest of the entry) can rule skills out."""
        written = words(text)
        ruled_out = self.ruled_out(f"{text} {context}")
        stems = [self.correct(stem(word)) for word in written]
        concepts: list[str] = []
        position = 0
        while position < len(stems):
            length, concept = self._phrase_at(written, stems, position)
            if concept is not None and concept not in ruled_out:
                concepts.append(concept)
            position += length
        terms = [self._term(stems[i], ruled_out) for i, word in enumerate(written) if not is_filler(word)]
        return Reading(concepts=tuple(concepts), terms=tuple(terms))

    def ruled_out(self, text: str) -> frozenset[str]:
        """Skills an excluded phrase says this text is not about."""
        written = words(text)
        found: set[str] = set()
        for start, word in enumerate(written):
            for phrase, tag in self._excludes_by_first.get(word, ()):
                if tuple(written[start : start + len(phrase)]) == phrase:
                    found.add(tag)
        return frozenset(found)

    def words_of(self, tags: frozenset[str]) -> frozenset[str]:
        """The stems of every word that names any of `tags` ("python" for the language)."""
        return frozenset(word for tag in tags for word in self._tag_words.get(tag, ()))

    def unconfirmed(self, concepts: frozenset[str]) -> frozenset[str]:
        """Ambiguous stems (a word of a skill that has sense rules: "python", "ruby", "spark") that this
        text uses without meaning the skill: they say nothing until the vocabulary confirms the sense."""
        return self.ambiguous - self.words_of(concepts)

    def _term(self, word_stem: str, ruled_out: frozenset[str]) -> str:
        for tag in sorted(ruled_out):
            if word_stem in self._single_words.get(tag, ()):
                return f"{word_stem}~{tag}"  # "python" of a snake keeper is not the developer's "python"
        return word_stem

    def read_tags(self, tags: Iterable[str], *, context: str = "") -> list[str]:
        """Tags as chosen; a member's own tag also counts for any curated skill its words name."""
        found: list[str] = []
        for tag in tags:
            found.append(tag)
            named = self.read(tag.replace("-", " "), context=context).concepts
            found.extend(concept for concept in named if concept != tag)
        return found

    def correct(self, word_stem: str) -> str:
        """A stem one typo away from a vocabulary stem is read as that stem."""
        if len(word_stem) < TYPO_MIN_LENGTH or word_stem in self._stems:
            return word_stem
        corrected = self._corrections.get(word_stem)
        if corrected is None:
            found = process.extractOne(
                word_stem, self._typo_targets, scorer=fuzz.ratio, score_cutoff=TYPO_SCORE
            )
            corrected = self._corrections[word_stem] = str(found[0]) if found else word_stem
        return corrected

    def _phrase_at(
        self, written: Sequence[str], stems: Sequence[str], position: int
    ) -> tuple[int, str | None]:
        """The longest phrase starting at `position`: (words consumed, concept or None)."""
        for length in range(min(MAX_PHRASE, len(stems) - position), 0, -1):
            window = tuple(stems[position : position + length])
            for phrase in self.phrases.get(window, ()):
                pairs = zip(written[position : position + length], phrase.written, strict=True)
                if all(_alike(a, b, single=length == 1) for a, b in pairs):
                    return length, phrase.tag
        return 1, None


def _alike(written: str, phrase_word: str, *, single: bool) -> bool:
    """Same stem is not enough: 'products' is not 'productivity', 'accounts' is not 'accounting'."""
    if written == phrase_word:
        return True
    if single and written.endswith("ing") != phrase_word.endswith("ing"):
        return False
    if _plural_of(written, phrase_word) or _plural_of(phrase_word, written):
        return True
    return min(len(written), len(phrase_word)) / max(len(written), len(phrase_word)) >= LENGTH_RATIO


def _plural_of(plural: str, single: str) -> bool:
    return plural in (single + "s", single + "es") or (single.endswith("y") and plural == single[:-1] + "ies")


@cache
def concept_index() -> ConceptIndex:
    return ConceptIndex(vocabulary())
