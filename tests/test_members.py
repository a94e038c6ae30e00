from datetime import timedelta

from sqlmodel import Session

from bot import members, repo
from bot.db import SessionFactory, session_scope
from bot.members import Identity
from bot.models import DigestCadence, MemberStatus, ProfileUpdate
from bot.profiles import service as profiles
from bot.slack.contact import MemberState, Welcome, may_contact
from tests.conftest import NOW
from tests.factories import TEAM, make_member


def test_first_contact_creates_the_member_once(session: Session) -> None:
    who = Identity(TEAM, "U0NEW", "  Dana   Diaz ", "Europe/Lisbon")
    created, was_new = members.ensure_member(session, who=who, now=NOW)
    again, again_new = members.ensure_member(session, who=who, now=NOW + timedelta(days=1))
    assert (was_new, again_new, again.id) == (True, False, created.id)
    assert (created.name, created.timezone, created.status, created.digest_cadence) == (
        "Dana Diaz",
        "Europe/Lisbon",
        MemberStatus.ACTIVE,
        DigestCadence.WEEKLY,
    )


def test_a_concurrent_first_contact_ends_with_one_row(sessions: SessionFactory, monkeypatch) -> None:
    """Two requests from a new member race: the second looked before the first committed."""
    who = Identity(TEAM, "U0RACE", "Racer")
    with session_scope(sessions) as first:
        winner, _ = members.ensure_member(first, who=who, now=NOW)
    real_lookup = repo.get_member
    lookups = iter([None])  # the second request's first lookup still saw nothing
    monkeypatch.setattr(
        repo, "get_member", lambda session, **kw: next(lookups, None) or real_lookup(session, **kw)
    )
    with session_scope(sessions) as second:
        member, created = members.ensure_member(second, who=who, now=NOW)
        assert (member.id, created) == (winner.id, False)
    monkeypatch.undo()
    with session_scope(sessions) as check:
        assert len(repo.members_of_team(check, team_id=TEAM)) == 1


def test_unusable_names_and_time_zones_fall_back(session: Session) -> None:
    member, _ = members.ensure_member(session, who=Identity(TEAM, "U0BLANK", "   ", "Nowhere/Else"), now=NOW)
    assert (member.name, member.timezone) == ("U0BLANK", "UTC")


def test_identity_refresh_only_touches_what_changed(session: Session) -> None:
    alice = make_member(session)
    members.refresh_identity(
        session, member=alice, name="Alice", timezone="Europe/Berlin", now=NOW + timedelta(hours=1)
    )
    assert alice.updated_at == NOW
    members.refresh_identity(
        session, member=alice, name="Alice A.", timezone="Asia/Tokyo", now=NOW + timedelta(hours=2)
    )
    assert (alice.name, alice.timezone, alice.updated_at) == (
        "Alice A.",
        "Asia/Tokyo",
        NOW + timedelta(hours=2),
    )


def test_profile_pause_resume_and_cadence(session: Session) -> None:
    alice = make_member(session)
    profiles.update_profile(
        session, member=alice, update=ProfileUpdate(title="Baker", links="bakery.example"), now=NOW
    )
    profiles.pause(session, member=alice, now=NOW)
    assert alice.status == MemberStatus.PAUSED
    profiles.resume(session, member=alice, now=NOW)
    profiles.set_cadence(session, member=alice, cadence=DigestCadence.MONTHLY, now=NOW)
    assert (alice.title, alice.links, alice.status, alice.digest_cadence) == (
        "Baker",
        ["https://bakery.example"],
        MemberStatus.ACTIVE,
        DigestCadence.MONTHLY,
    )


def test_a_deactivated_account_is_marked_left_once(session: Session) -> None:
    make_member(session)
    assert members.mark_left(session, team_id=TEAM, user_id="U0ALICE", now=NOW) is True
    assert members.mark_left(session, team_id=TEAM, user_id="U0ALICE", now=NOW) is False
    assert members.mark_left(session, team_id=TEAM, user_id="U0NOBODY", now=NOW) is False
    member = repo.get_member(session, team_id=TEAM, user_id="U0ALICE")
    assert member is not None
    assert member.status == MemberStatus.LEFT
    assert not may_contact(MemberState.of(member), Welcome(), NOW)


def test_onboarding_is_recorded_once(session: Session) -> None:
    alice = make_member(session)
    members.mark_onboarded(session, member=alice, now=NOW)
    members.mark_onboarded(session, member=alice, now=NOW + timedelta(days=3))
    assert alice.onboarded_at == NOW
