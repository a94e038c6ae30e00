"""Reasons for matches found by meaning: both sides quoted briefly, a skill named only when both mean it,
and a private need never quoted to anyone but its owner."""

from bot.matching.engine import suggest
from bot.matching.model import Community, History, NeedDoc, OfferDoc, Person
from tests.matching.embedded import embedded

SAM, NOOR, PRIYA, LEE = 1, 2, 3, 4
PEOPLE = (
    Person(SAM, "U0SAM", "Sam Okafor", "Illustrator"),
    Person(NOOR, "U0NOOR", "Noor Haddad", "Coach"),
    Person(PRIYA, "U0PRIYA", "Priya Raman", "Bookkeeper"),
    Person(LEE, "U0LEE", "Lee Park", "Choir director"),
)
LONG_NEED = (
    "Every client email at 11pm gets an answer from me and now I'm exhausted, I can't switch off at all and "
    "my partner says I'm never really home even when I am"
)


def _reasons(*needs: NeedDoc) -> dict[tuple[int, int], str]:
    community = embedded(
        Community(
            people=PEOPLE,
            offers=(
                OfferDoc(10, NOOR, "Coaching for freelancers who can't switch off: boundaries and burnout"),
                OfferDoc(11, PRIYA, "Bookkeeping for freelancers: receipts, expenses and what you can claim"),
            ),
            needs=needs,
        )
    )
    found = suggest(community, History())
    return {(s.recipient_id, s.other_id): s.reason for listed in found.values() for s in listed}


def test_both_sides_are_quoted_briefly_and_the_shared_skill_is_named() -> None:
    reason = _reasons(NeedDoc(20, SAM, LONG_NEED))[(SAM, NOOR)]
    assert reason.startswith("You asked for help with “Every client email at 11pm")
    assert "…”" in reason, "a long need is cut, not pasted whole"
    assert "Noor offers “Coaching for freelancers" in reason
    assert len(reason) < 300


def test_no_skill_is_named_that_one_side_does_not_mean() -> None:
    reasons = _reasons(
        NeedDoc(20, SAM, LONG_NEED), NeedDoc(21, LEE, "drowning in receipts, no idea what I can claim")
    )
    assert "Bookkeeping" not in reasons[(SAM, NOOR)]
    assert "Wellbeing" not in reasons.get((LEE, PRIYA), "")


def test_a_private_need_is_quoted_to_its_owner_only() -> None:
    reasons = _reasons(NeedDoc(20, SAM, "drowning in receipts, no idea what I can claim", private=True))
    assert "drowning in receipts" in reasons[(SAM, PRIYA)]
    assert all("receipts" not in reason for (recipient, _), reason in reasons.items() if recipient != SAM)
