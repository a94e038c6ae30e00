from datetime import timedelta

import pytest
from sqlmodel import Session

from bot.entries import service as entries
from bot.entries.service import Closing, EntryKind
from bot.errors import InvalidInput, NotAllowed, NotFound
from bot.models import NeedCreate, NeedStatus, OfferCreate, OfferStatus, ProjectStatus
from tests.conftest import NOW
from tests.factories import make_member, make_need, make_offer, make_project


def test_an_offer_is_stored_with_its_owner_and_normalised_skills(session: Session) -> None:
    alice = make_member(session)
    offer = make_offer(
        session, alice, "Shopify SEO audits", skills=["Shopify", "SEO", "seo"], monthly_capacity=3
    )
    assert (offer.member_id, offer.team_id, offer.status) == (alice.id, alice.team_id, OfferStatus.ACTIVE)
    assert offer.skills == ["shopify", "seo"]
    assert offer.created_at == NOW


def test_open_entries_lists_only_what_is_open(session: Session) -> None:
    alice = make_member(session)
    kept = make_offer(session, alice, "Kept")
    gone = make_offer(session, alice, "Gone")
    need = make_need(session, alice)
    make_project(session, alice)
    entries.close_entry(
        session, member=alice, kind=EntryKind.OFFER, entry_id=gone.id, closing=Closing.WITHDRAW, now=NOW
    )
    listed = entries.open_entries(session, member=alice)
    assert [o.id for o in listed.offers] == [kept.id]
    assert [n.id for n in listed.needs] == [need.id]
    assert len(listed.projects) == 1


def test_an_update_replaces_the_fields_and_keeps_the_identity(session: Session) -> None:
    alice = make_member(session)
    need = make_need(session, alice, "Old words")
    later = NOW + timedelta(hours=1)
    updated = entries.update_entry(
        session,
        member=alice,
        entry_id=need.id,
        data=NeedCreate(description="New words", visibility="private"),
        now=later,
    )
    assert updated.id == need.id
    assert (updated.description, updated.visibility, updated.updated_at) == ("New words", "private", later)
    assert updated.created_at == NOW


def test_nobody_can_change_or_close_someone_elses_entry(session: Session) -> None:
    alice, mallory = make_member(session, "U0ALICE"), make_member(session, "U0MALLORY", name="Mallory")
    offer = make_offer(session, alice)
    with pytest.raises(NotAllowed):
        entries.update_entry(
            session, member=mallory, entry_id=offer.id, data=OfferCreate(description="mine"), now=NOW
        )
    with pytest.raises(NotAllowed):
        entries.close_entry(
            session,
            member=mallory,
            kind=EntryKind.OFFER,
            entry_id=offer.id,
            closing=Closing.WITHDRAW,
            now=NOW,
        )
    session.refresh(offer)
    assert (offer.description, offer.status) == ("Local SEO audits", OfferStatus.ACTIVE)


def test_an_entry_of_another_workspace_looks_like_it_does_not_exist(session: Session) -> None:
    alice = make_member(session)
    offer = make_offer(session, alice)
    offer.team_id = "T0OTHER"
    session.add(offer)
    session.flush()
    with pytest.raises(NotFound):
        entries.own_entry(session, member=alice, kind=EntryKind.OFFER, entry_id=offer.id)


def test_closing_twice_changes_nothing_the_second_time(session: Session) -> None:
    alice = make_member(session)
    need = make_need(session, alice)
    _, changed = entries.close_entry(
        session, member=alice, kind=EntryKind.NEED, entry_id=need.id, closing=Closing.RESOLVE, now=NOW
    )
    again, changed_again = entries.close_entry(
        session, member=alice, kind=EntryKind.NEED, entry_id=need.id, closing=Closing.WITHDRAW, now=NOW
    )
    assert (changed, changed_again, again.status) == (True, False, NeedStatus.RESOLVED)


def test_each_kind_closes_only_in_its_own_ways(session: Session) -> None:
    alice = make_member(session)
    project = make_project(session, alice)
    with pytest.raises(InvalidInput):
        entries.close_entry(
            session,
            member=alice,
            kind=EntryKind.PROJECT,
            entry_id=project.id,
            closing=Closing.RESOLVE,
            now=NOW,
        )
    entries.close_entry(
        session, member=alice, kind=EntryKind.PROJECT, entry_id=project.id, closing=Closing.ARCHIVE, now=NOW
    )
    assert project.status == ProjectStatus.ARCHIVED


def test_a_closed_entry_cannot_be_edited(session: Session) -> None:
    alice = make_member(session)
    offer = make_offer(session, alice)
    entries.close_entry(
        session, member=alice, kind=EntryKind.OFFER, entry_id=offer.id, closing=Closing.WITHDRAW, now=NOW
    )
    with pytest.raises(NotFound, match="no longer open"):
        entries.update_entry(
            session, member=alice, entry_id=offer.id, data=OfferCreate(description="x"), now=NOW
        )


def test_open_entries_are_capped_per_member(session: Session) -> None:
    alice = make_member(session)
    limit = entries.RULES[EntryKind.OFFER].max_open
    for number in range(limit):
        make_offer(session, alice, f"Offer {number}")
    with pytest.raises(InvalidInput, match=f"already have {limit} open offers"):
        make_offer(session, alice, "One too many")
    first = entries.open_entries(session, member=alice).offers[0]
    entries.close_entry(
        session, member=alice, kind=EntryKind.OFFER, entry_id=first.id, closing=Closing.WITHDRAW, now=NOW
    )
    make_offer(session, alice, "Room again")
