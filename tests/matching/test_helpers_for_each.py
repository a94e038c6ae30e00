"""`helpers_for_each` names, for many needs at once, the helpers `helpers_for` names for each need alone."""

import pytest

from bot.matching.engine import helpers_for, helpers_for_each
from bot.matching.model import Community, History, NeedDoc, OfferDoc, Person
from tests.matching.embedded import embedded

PEOPLE = tuple(
    Person(n, f"U0{n}", f"Person {n}", title)
    for n, title in enumerate(
        ["SEO consultant", "Baker", "Bookkeeper", "Illustrator", "Web developer", "Tax adviser"], start=1
    )
)
PLAIN = Community(
    people=PEOPLE,
    offers=(
        OfferDoc(10, 1, "Local SEO audits for cafés and small shops", skills=("local-seo",)),
        OfferDoc(11, 1, "Google Business profile set-up", skills=("local-seo",)),
        OfferDoc(12, 3, "Bookkeeping for freelancers: Xero set-up", skills=("bookkeeping",)),
        OfferDoc(13, 5, "I build small shop websites and fix SEO problems", skills=("seo",)),
        OfferDoc(14, 6, "Tax returns for freelancers in Germany", skills=("tax",)),
        OfferDoc(15, 4, "Logos and illustrations for small brands", skills=("illustration",)),
        OfferDoc(16, 2, "Sourdough baking lessons"),
    ),
    needs=(
        NeedDoc(20, 2, "People searching for a bakery near them don't find us on Google maps"),
        NeedDoc(21, 4, "drowning in receipts, no idea what I can claim", private=True),
        NeedDoc(22, 5, "Need a logo for my web studio"),
        NeedDoc(23, 1, "Who can help me with my freelancer taxes?"),
        NeedDoc(24, 3, "??"),
    ),
)
EMBEDDED = embedded(PLAIN)


@pytest.fixture(params=["vocabulary", "hybrid"])
def community(request: pytest.FixtureRequest) -> Community:
    return PLAIN if request.param == "vocabulary" else EMBEDDED


def one_at_a_time(community: Community, limit: int) -> dict[int, list[tuple[int, int]]]:
    return {
        need.entry_id: [
            (found.other_id, found.offer_id or 0)
            for found in helpers_for(need, community, History(), limit=limit)
        ]
        for need in community.needs
    }


@pytest.mark.parametrize("limit", [1, 2, 10])
def test_the_same_helpers_as_one_need_at_a_time(community: Community, limit: int) -> None:
    together = helpers_for_each(community.needs, community, limit=limit)
    assert together == one_at_a_time(community, limit)
    assert all(together[need] for need in (20, 21, 23))  # the scenario finds helpers at all


def test_never_the_asker(community: Community) -> None:
    together = helpers_for_each(community.needs, community, limit=10)
    assert all(helper != need.member_id for need in community.needs for helper, _ in together[need.entry_id])


def test_only_the_needs_asked_about(community: Community) -> None:
    asked = [community.needs[0], community.needs[0], community.needs[3]]
    assert set(helpers_for_each(asked, community, limit=3)) == {20, 23}
