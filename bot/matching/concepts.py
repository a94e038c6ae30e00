"""Concepts: which curated skills a piece of text talks about, however it is worded.

Every skill's tag, label and aliases become stemmed phrases ("search engine optimisation" →
("search", "engin", "optim")), so inflections and spelling variants match. Stemming is aggressive
("productivity" and "products" share a stem), so a phrase word only matches a written word of similar
length. An excluded phrase ("ball python") is matched on the words as written and hides them from that
skill. A word one typo away from a vocabulary word ("bookeeping") is read as that word.
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
LENGTH_RATIO = 0.75


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
        self.related: dict[str, frozenset[str]] = {}
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
                self.related[skill.tag] = self.related.get(skill.tag, frozenset()) | {other}
                self.related[other] = self.related.get(other, frozenset()) | {skill.tag}
        self._stems = frozenset(part for key in self.phrases for part in key)
        self._typo_targets = sorted(part for part in self._stems if len(part) >= TYPO_MIN_LENGTH - 1)
        self._corrections: dict[str, str] = {}
        self._longest_exclude = max((len(key) for key in self.excludes), default=0)

    def read(self, text: str) -> Reading:
        written = words(text)
        hidden = self._excluded_spans(written)
        stems = ["" if i in hidden else self.correct(stem(word)) for i, word in enumerate(written)]
        concepts: list[str] = []
        position = 0
        while position < len(stems):
            length, concept = self._phrase_at(written, stems, position)
            if concept is not None:
                concepts.append(concept)
            position += length
        terms = [
            f"{word}~{hidden[i]}" if i in hidden else stems[i]
            for i, word in enumerate(written)
            if not is_filler(word)
        ]
        return Reading(concepts=tuple(concepts), terms=tuple(terms))

    def read_tags(self, tags: Iterable[str]) -> list[str]:
        """Tags as they are; a member's own tag also counts for any curated skill its words name."""
        found: list[str] = []
        for tag in tags:
            found.append(tag)
            found.extend(concept for concept in self.read(tag.replace("-", " ")).concepts if concept != tag)
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
            if "" in window:
                continue
            for phrase in self.phrases.get(window, ()):
                if all(
                    _alike(a, b)
                    for a, b in zip(written[position : position + length], phrase.written, strict=True)
                ):
                    return length, phrase.tag
        return 1, None

    def _excluded_spans(self, written: Sequence[str]) -> dict[int, str]:
        hidden: dict[int, str] = {}
        for start in range(len(written)):
            for length in range(min(self._longest_exclude, len(written) - start), 0, -1):
                tag = self.excludes.get(tuple(written[start : start + length]))
                if tag is not None:
                    hidden.update(dict.fromkeys(range(start, start + length), tag))
                    break
        return hidden


def _alike(written: str, phrase_word: str) -> bool:
    """Same stem is not enough: 'products' must not read as 'productivity'."""
    return min(len(written), len(phrase_word)) / max(len(written), len(phrase_word)) >= LENGTH_RATIO


@cache
def concept_index() -> ConceptIndex:
    return ConceptIndex(vocabulary())
