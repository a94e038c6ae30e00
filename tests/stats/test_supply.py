"""Supply and demand: offers and needs by theme, the needs no offer answers, how long they have waited, and
private needs counted but never listed."""

from datetime import timedelta
from typing import Any

from sqlmodel import Session

from bot.matching.model import Kind
from bot.models import DigestRun, DigestSuggestion, MemberStatus, Need, Offer, OfferStatus
from bot.stats.csv_rows import to_csv
from bot.stats.supply import OTHER, GapRow, Supply, supply, theme_of, wanted_skills
from tests.conftest import NOW
from tests.factories import TEAM, make_member, make_need, make_offer


def _posted(session: Session, entry: Any, *, days_ago: float) -> None:
    entry.created_at = entry.updated_at = NOW - timedelta(days=days_ago)
    session.add(entry)
    session.flush()


def _theme(found: Supply, name: str) -> tuple[int, int, int, float | None, int | None]:
    row = next(theme for theme in found.themes if theme.name == name)
    return row.offers, row.needs, row.gaps, row.median_days, row.longest_days


def _digest(session: Session, need: Need, offer: Offer, *, days_ago: int = 0) -> None:
    """A digest planned `days_ago` that suggested `offer` for `need`."""
    run = DigestRun(
        team_id=TEAM, period=f"2026-W{48 - days_ago // 7}", created_at=NOW - timedelta(days=days_ago)
    )
    session.add(run)
    session.flush()
    assert run.id is not None
    session.add(
        DigestSuggestion(
            team_id=TEAM,
            run_id=run.id,
            recipient_id=need.member_id,
            other_id=offer.member_id,
            kind=Kind.CAN_HELP_YOU,
            score=1,
            reason="",
            need_id=need.id,
            offer_id=offer.id,
            created_at=run.created_at,
        )
    )
    session.flush()


def test_a_theme_is_the_category_its_skills_weigh_most_in_a_generic_skill_half() -> None:
    assert theme_of({"seo": 1.0}) == "Marketing"
    assert theme_of({"tech": 1.0, "shopify": 1.0}) == "E-commerce"  # "Tech" is generic: it weighs half
    assert theme_of({"tech": 1.0}) == "General"
    assert theme_of({"logo-design": 0.3, "seo": 1.0}) == "Marketing"  # the details count less
    assert theme_of({"logo-design": 1.0, "seo": 1.0}) == "Design"  # a tie: the first named
    assert theme_of({"sourdough": 1.0}) == OTHER  # a member's own tag has no category
    assert theme_of({}) == OTHER
    assert "tech" not in wanted_skills(["tech", "devops"]) >= {"devops"}  # the specific skill, not "Tech"
    assert wanted_skills(["tech"]) >= {"tech", "it-support"}  # all it names is generic: that will do
    assert wanted_skills(["local-seo"]) == {"local-seo", "seo"}  # and the skills related to them


def test_offers_and_needs_by_theme_and_a_need_nobody_can_read_is_other(session: Session) -> None:
    ana, ben = make_member(session, "U0ANA", name="Ana"), make_member(session, "U0BEN", name="Ben")
    make_offer(session, ana, "SEO audits for small shops", skills=["seo"])
    make_offer(session, ana, "I draw logos")
    make_offer(session, ben, "Logo design")
    make_need(session, ben, "My shop doesn't show up on Google")
    make_need(session, ana, "Someone to taste my sourdough starter")

    found = supply(session, team_id=TEAM, now=NOW)
    assert [theme.name for theme in found.themes] == [
        "Marketing",
        "Design",
        OTHER,
    ]  # most needed first, "Other" last
    assert _theme(found, "Design") == (2, 0, 0, None, None)
    assert _theme(found, "Marketing") == (1, 1, 0, None, None)  # Ana's SEO answers Ben's need
    assert _theme(found, OTHER) == (0, 1, 1, 0, 0)
    assert (found.offers, found.needs, found.gaps) == (3, 2, 1)
    assert sum(theme.needs for theme in found.themes) == found.needs


def test_a_need_is_a_gap_unless_another_member_offers_its_skill_or_a_digest_paired_it(
    session: Session,
) -> None:
    ana, ben, cleo = (make_member(session, f"U0{n.upper()}", name=n) for n in ("Ana", "Ben", "Cleo"))
    dara = make_member(session, "U0DARA", name="Dara", status=MemberStatus.PAUSED)
    make_offer(session, ana, "Bookkeeping for freelancers", skills=["bookkeeping"])
    make_offer(session, ben, "Tech help, any kind")
    make_offer(session, dara, "Contract reviews", skills=["contracts"])
    own = make_need(session, ana, "Bookkeeping, I am drowning in receipts", skills=["bookkeeping"])
    specific = make_need(session, cleo, "Kubernetes keeps falling over", skills=["devops", "tech"])
    broad = make_need(session, cleo, "General tech questions", skills=["tech"])
    paused = make_need(session, cleo, "Someone to read my freelance contract", skills=["contracts"])
    meaning = make_need(session, cleo, "My sourdough starter died again")
    withdrawn = make_need(session, ben, "A second opinion on my sourdough")
    gone = make_offer(session, cleo, "Baking advice")
    _digest(session, meaning, make_offer(session, ana, "Bread baking"), days_ago=14)  # paired by meaning
    _digest(session, withdrawn, gone, days_ago=7)
    gone.status = OfferStatus.WITHDRAWN  # the offer it was paired with is no longer there
    session.add(gone)
    session.flush()

    found = supply(session, team_id=TEAM, now=NOW, listed=None)
    gaps = {row.need for row in found.listed}
    assert own.description in gaps  # her own offer does not answer her own need
    assert specific.description in gaps  # "Tech" alone does not answer Kubernetes
    assert broad.description not in gaps  # but it does answer a need that is only about tech
    assert paused.description in gaps  # a paused member cannot be suggested
    assert meaning.description not in gaps  # the digest paired it with a bread offer
    assert withdrawn.description in gaps
    assert found.gaps == found.shared_gaps == 4
    assert found.offers == 3  # not paused Dara's, nor Cleo's withdrawn one


def test_gaps_wait_from_their_posting_to_now_the_longest_waiting_listed_first(session: Session) -> None:
    ana, ben = make_member(session, "U0ANA", name="Ana"), make_member(session, "U0BEN", name="Ben")
    for days, text in (
        (3.5, "Packaging for my jam jars"),
        (40, "A logo for my bakery"),
        (10, "Brand colours"),
    ):
        _posted(session, make_need(session, ana, text, skills=["packaging-design"]), days_ago=days)
    make_offer(session, ben, "Presentation design", skills=["presentation-design"])

    found = supply(session, team_id=TEAM, now=NOW, listed=2)
    assert _theme(found, "Design") == (1, 3, 3, 10, 40)
    assert [(row.need, row.days_waiting) for row in found.listed] == [
        ("A logo for my bakery", 40),
        ("Brand colours", 10),
    ]
    assert found.shared_gaps == 3  # two listed of three
    row = found.listed[0]
    assert (row.asked_by, row.user_id, row.theme) == ("Ana", "U0ANA", "Design")
    assert row.slack_link == "slack://user?team=T0TEST&id=U0ANA"
    later = supply(session, team_id=TEAM, now=NOW + timedelta(days=7))
    assert _theme(later, "Design")[3:] == (17, 47)


def test_private_needs_count_everywhere_and_are_listed_nowhere(session: Session) -> None:
    ana, ben = (
        make_member(session, "U0ANA", name="Ana"),
        make_member(session, "U0ZEPHYRINE", name="Zephyrine"),
    )
    make_need(session, ben, "Quetzalcoatl burnout, honestly", skills=["wellbeing"], visibility="private")
    make_need(session, ben, "Bookkeeping help", skills=["bookkeeping"])
    make_offer(session, ana, "Logo design")

    found = supply(session, team_id=TEAM, now=NOW, listed=None)
    assert (found.needs, found.private_needs, found.gaps, found.private_gaps) == (2, 1, 2, 1)
    assert _theme(found, "Career & coaching")[1:3] == (1, 1)
    assert [row.need for row in found.listed] == ["Bookkeeping help"]
    assert found.shared_gaps == 1
    assert "Quetzalcoatl" not in to_csv(found.listed, GapRow)


def test_the_stored_reading_is_used_and_an_entry_edited_since_the_last_digest_is_read_again(
    session: Session,
) -> None:
    ana = make_member(session, "U0ANA", name="Ana")
    need = make_need(session, ana, "My shop doesn't show up on Google")
    need.analysis = {"concepts": {"logo-design": 1.0}, "terms": []}  # what the last digest read in it
    need.concepts = '{"logo-design":1.0}'  # kept beside it for the dashboard, as `vectors.refresh` does
    session.add(need)
    session.flush()
    assert _theme(supply(session, team_id=TEAM, now=NOW), "Design")[1] == 1

    run = DigestRun(team_id=TEAM, period="2026-W47", created_at=NOW - timedelta(days=1))
    session.add(run)
    session.flush()  # the need was edited (at NOW) after that digest stored its reading
    assert _theme(supply(session, team_id=TEAM, now=NOW), "Marketing")[1] == 1


def test_a_gap_downloads_without_starting_a_spreadsheet_formula(session: Session) -> None:
    ana = make_member(session, "U0ANA", name="=Ana")
    make_need(session, ana, '=HYPERLINK("http://example.com", "Tax help")', skills=["tax"])
    text = to_csv(supply(session, team_id=TEAM, now=NOW).listed, GapRow)
    assert "'=HYPERLINK" in text
    assert ",'=Ana," in text
