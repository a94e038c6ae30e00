"""The scorer: specific beats generic, related skills count partly, owners never match themselves."""

from bot.matching.scorer import ConceptTextScorer, Doc


def scores(left: list[Doc], right: list[Doc]) -> dict[tuple[int, int], float]:
    return {(m.left, m.right): m.score for m in ConceptTextScorer().match(left, right, per_left=10)}


def test_a_specific_offer_ranks_above_a_generic_one() -> None:
    need = [Doc(1, "My Shopify store needs better SEO so people find us on Google")]
    offers = [
        Doc(2, "Happy to help with anything marketing", tags=("marketing",)),
        Doc(3, "Shopify SEO audits for small shops", tags=("seo", "shopify")),
    ]
    found = scores(need, offers)
    assert found[(0, 1)] > found.get((0, 0), 0.0)


def test_rare_skills_weigh_more_than_common_ones() -> None:
    need = [Doc(1, "Help with my pitch deck and illustration for it", tags=("pitch-decks", "illustration"))]
    offers = [Doc(10 + i, "Illustration", tags=("illustration",)) for i in range(6)] + [
        Doc(20, "Pitch deck reviews", tags=("pitch-decks",))
    ]
    found = scores(need, offers)
    assert found[(0, 6)] > max(found[(0, i)] for i in range(6))


def test_a_related_skill_counts_but_less_than_the_same_skill() -> None:
    need = [Doc(1, "bookkeeping help", tags=("bookkeeping",))]
    offers = [
        Doc(2, "Accountant for freelancers", tags=("accounting",)),
        Doc(3, "Bookkeeping", tags=("bookkeeping",)),
    ]
    found = scores(need, offers)
    assert 0 < found[(0, 0)] < found[(0, 1)]


def test_nobody_is_matched_with_themselves() -> None:
    docs = [
        Doc(1, "Podcast about makers", tags=("podcasting",)),
        Doc(1, "Another podcast", tags=("podcasting",)),
    ]
    assert scores(docs, docs) == {}


def test_words_alone_must_agree_strongly_to_count() -> None:
    need = [Doc(1, "someone to water my plants while travelling")]
    offers = [
        Doc(2, "I can review your travelling sales team's CRM"),
        Doc(3, "I water plants for neighbours while they travel"),
    ]
    found = scores(need, offers)
    assert (0, 0) not in found
    assert (0, 1) in found


def test_the_same_input_gives_the_same_output() -> None:
    left = [Doc(i, f"need {i} seo and ux") for i in range(20)]
    right = [Doc(100 + i, "SEO audits" if i % 2 else "UX reviews") for i in range(30)]
    first = ConceptTextScorer().match(left, right, per_left=3)
    assert ConceptTextScorer().match(left, right, per_left=3) == first
    assert all(len([m for m in first if m.left == i]) <= 3 for i in range(20))


def test_documents_naming_no_skill_or_no_word_at_all_are_read_without_crashing() -> None:
    assert scores([Doc(1, "x")], [Doc(2, "y")]) == {}  # no skill anywhere: an empty concept space
    assert scores([Doc(1, "???")], [Doc(2, "!!!")]) == {}  # not even a word: an empty vocabulary
    assert scores([Doc(1, "???")], [Doc(2, "SEO audits", tags=("seo",))]) == {}
