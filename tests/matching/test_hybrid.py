"""The hybrid scorer with the bundled model: a need told as a situation finds its helper, sense rules veto
lookalikes, owners never match themselves, and the answer depends on nothing but the documents."""

import json
from importlib.resources import files

import numpy as np
import pytest

from bot.matching import hybrid as hybrid_module
from bot.matching.embeddings import DEFAULT_MODEL, StaticEmbedder, background, entry_vectors, load_embedder
from bot.matching.hybrid import HybridScorer, combine
from bot.matching.scorer import Doc


@pytest.fixture(scope="module")
def embedder() -> StaticEmbedder:
    found = load_embedder(DEFAULT_MODEL)
    assert found is not None
    return found


def doc(embedder: StaticEmbedder, owner: int, text: str, details: str = "") -> Doc:
    return Doc(owner, text, details, vector=entry_vectors(embedder, [text], [details])[0])


def scorer(embedder: StaticEmbedder) -> HybridScorer:
    return HybridScorer(background=background(embedder))


def ranked(embedder: StaticEmbedder, need: Doc, offers: list[Doc], threshold: float = 0.0) -> list[int]:
    found = scorer(embedder).match([need], offers, per_left=len(offers))
    return [m.right for m in found if m.score >= threshold]


@pytest.fixture
def offers(embedder: StaticEmbedder) -> list[Doc]:
    return [
        doc(
            embedder, 10, "Logo design and brand identity", "Logos, palettes and brand guides for small shops"
        ),
        doc(
            embedder, 11, "Bookkeeping for freelancers", "Monthly bookkeeping, invoices and expenses in Xero"
        ),
        doc(
            embedder,
            12,
            "Coaching on boundaries and burnout for freelancers",
            "For people who can't switch off: set working hours and protect your evenings",
        ),
        doc(embedder, 13, "SEO audits", "Technical SEO and keyword research so people find your site"),
    ]


COACH = 2


@pytest.mark.parametrize(
    "need",
    [
        "Every time a client emails at 11pm I answer straight away and now I'm exhausted and can't "
        "switch off",
        "evry time a cliant emails late at nite i anser strait away, now im exhausted & cant switch of 😩",
    ],
)
def test_a_situation_finds_the_helper_who_never_named_it(
    embedder: StaticEmbedder, offers: list[Doc], need: str
) -> None:
    found = ranked(embedder, doc(embedder, 1, need), offers)
    assert found[:1] == [COACH], found


def test_a_typo_in_the_skill_still_finds_its_helper(embedder: StaticEmbedder, offers: list[Doc]) -> None:
    assert ranked(embedder, doc(embedder, 1, "I need help with my bookeeping and invoises"), offers)[0] == 1


def test_another_language_finds_its_helper_through_a_shared_word(
    embedder: StaticEmbedder, offers: list[Doc]
) -> None:
    need = doc(embedder, 1, "Je cherche quelqu'un pour créer le logo de ma boulangerie")
    assert ranked(embedder, need, offers, threshold=0.3) == [0]


def test_a_sense_rule_vetoes_a_lookalike(embedder: StaticEmbedder) -> None:
    offers = [
        doc(embedder, 10, "Python scripting and automation", "Small Python scripts that save hours of work"),
        doc(embedder, 11, "Logo design and brand identity"),
    ]
    needs = [
        doc(embedder, 1, "Ball python care: my snake hasn't eaten in three weeks", "First ball python"),
        doc(embedder, 2, "My python won't eat, any reptile keepers around?"),
        doc(embedder, 3, "I need a Python script to rename thousands of files"),
    ]
    hybrid = scorer(embedder)
    matched = {(m.left, m.right) for m in hybrid.match(needs, offers, per_left=2)}
    assert (0, 0) not in matched
    assert (1, 0) not in matched
    assert (2, 0) in matched
    assert hybrid.shared(needs[0], offers[0]) == ()
    assert hybrid.shared(needs[2], offers[0]) == ("python",)


def test_shared_names_a_skill_only_when_both_sides_mean_it(
    embedder: StaticEmbedder, offers: list[Doc]
) -> None:
    hybrid = scorer(embedder)
    logo = doc(embedder, 1, "I need a new logo for my bakery")
    assert "logo-design" in hybrid.shared(logo, offers[0])
    assert hybrid.shared(logo, offers[3]) == ()


def test_owners_never_match_themselves(embedder: StaticEmbedder) -> None:
    docs = [
        doc(embedder, 1, "Python scripting"),
        doc(embedder, 1, "Python automation scripts"),
        doc(embedder, 2, "Python scripts for data cleaning"),
    ]
    found = scorer(embedder).match(docs, docs, per_left=5)
    assert found
    assert all(docs[m.left].owner != docs[m.right].owner for m in found)


def test_only_the_right_helper_clears_the_calibrated_threshold(
    embedder: StaticEmbedder, offers: list[Doc]
) -> None:
    need = doc(embedder, 1, "My receipts are a mess and I never know what I owe the tax office")
    everything = scorer(embedder).match([need], offers, per_left=4)
    assert len(everything) > 1
    assert [m.right for m in everything if m.score >= scorer(embedder).threshold] == [1], "the bookkeeper"


def test_combine_stays_between_zero_and_one_and_grows_with_each_signal() -> None:
    rng = np.random.default_rng(0)
    signals = [rng.uniform(-1.0, 1.0, size=500).astype(np.float32) for _ in range(4)]
    base = combine(*signals)
    assert ((base >= 0.0) & (base <= 1.0)).all()
    assert combine(*(np.full(1, 5.0, np.float32) for _ in range(4)))[0] <= 1.0
    for k in range(4):
        raised = list(signals)
        raised[k] = signals[k] + 0.1
        higher = combine(*raised)
        assert (higher >= base).all(), f"signal {k}"
        assert (higher[base > 0] > base[base > 0]).all(), f"signal {k} counts once the score is above 0"


def demo_docs(embedder: StaticEmbedder) -> tuple[list[Doc], list[Doc]]:
    sample = json.loads(files("bot").joinpath("data/demo_community.json").read_text(encoding="utf-8"))
    sides: dict[str, list[Doc]] = {"needs": [], "offers": []}
    for owner, member in enumerate(sample["members"]):
        for kind, found in sides.items():
            for entry in member.get(kind, []):
                text, details = entry["description"], entry.get("details", "")
                tags = tuple(entry.get("skills", ()))
                vector = entry_vectors(embedder, [text], [details])[0]
                found.append(Doc(owner, text, details, tags=tags, vector=vector))
    return sides["needs"], sides["offers"]


def test_the_same_documents_give_the_same_matches_in_any_order(embedder: StaticEmbedder) -> None:
    needs, offers = demo_docs(embedder)
    first = {(m.left, m.right): m.score for m in scorer(embedder).match(needs, offers, per_left=5)}
    again = {(m.left, m.right): m.score for m in scorer(embedder).match(needs, offers, per_left=5)}
    order = np.random.default_rng(1).permutation(len(offers)).tolist()
    shuffled = [offers[k] for k in order]
    moved = {(m.left, order[m.right]): m.score for m in scorer(embedder).match(needs, shuffled, per_left=5)}
    assert len(first) > len(needs)
    assert again == first
    assert moved == first


def test_scoring_a_few_left_rows_at_a_time_gives_the_same_matches(
    embedder: StaticEmbedder, offers: list[Doc], monkeypatch: pytest.MonkeyPatch
) -> None:
    needs = [
        doc(embedder, 1, "I need a new logo for my bakery"),
        doc(embedder, 2, "drowning in receipts and invoices, bookkeeping help please"),
        doc(embedder, 3, "can't switch off in the evenings, clients email at night"),
        doc(embedder, 4, "nobody finds my website on google"),
        doc(embedder, 5, "Ball python care: my snake hasn't eaten"),
    ]
    at_once = scorer(embedder).match(needs, offers, per_left=3)
    monkeypatch.setattr(hybrid_module, "LEFT_CHUNK", 2)
    assert scorer(embedder).match(needs, offers, per_left=3) == at_once
    assert at_once, "the needs found helpers"
