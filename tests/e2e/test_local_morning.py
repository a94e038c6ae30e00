"""Each member's own morning, over signed HTTP and `kindred tick`: the digest at its day and time on their
clock; intro questions, follow-ups and reconnect nudges held through their quiet hours (20:00–08:00) and
sent as their morning begins — for a member at UTC+13 (Tonga), one at UTC−10 (Hawaii), and across
daylight-saving changes. Ticks run hourly, as the scheduler's would (more often, in production)."""

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from bot.db import session_scope
from bot.members import Identity, ensure_member
from bot.models import Delivery, Member
from tests.e2e.community import latest
from tests.e2e.conftest import TEAM, Bot
from tests.factories import make_need, make_offer

PEOPLE = {
    "U0TEVITA": ("tevita", "Tevita Taufa", "Pacific/Tongatapu"),  # UTC+13 all year
    "U0KAI": ("kai", "Kai Kahale", "Pacific/Honolulu"),  # UTC−10 all year
    "U0ALICE": ("alice", "Alice Adams", "Europe/Berlin"),
    "U0CHI": ("chi", "Chidi Okafor", "America/Chicago"),
    "U0CAROL": ("carol", "Carol Chen", "Europe/Paris"),
}


def _people(bot: Bot) -> dict[str, Member]:
    """Everyone in PEOPLE, in Slack and in Kindred with their Slack time zone; Tevita needs SEO help and the
    others offer it, so each has someone in their digest."""
    made = {}
    with session_scope(bot.sessions) as session:
        for user_id, (name, real_name, tz) in PEOPLE.items():
            bot.fake.add_user(user_id, name=name, real_name=real_name, tz=tz)
            made[user_id], _ = ensure_member(
                session, who=Identity(TEAM, user_id, real_name, tz), now=bot.clock() - timedelta(days=30)
            )
        make_need(session, made["U0TEVITA"], "Our shop doesn't show up on Google", skills=["seo"])
        for user_id in ("U0KAI", "U0ALICE", "U0CHI"):
            make_offer(session, made[user_id], "SEO audits for small shops", skills=["seo"])
            make_need(session, made[user_id], "Feedback on my shop's logo", skills=["logo-design"])
        make_offer(session, made["U0TEVITA"], "Logo design for small brands", skills=["logo-design"])
    return made


def _hourly(bot: Bot, start: datetime, hours: int, watch: dict[str, str]) -> dict[str, list[datetime]]:
    """Tick every hour from `start`; for each user id in `watch`, when each new message mentioning
    `watch[user]` first appeared in their DM."""
    seen = {user_id: _count(bot, user_id, text) for user_id, text in watch.items()}
    arrived: dict[str, list[datetime]] = {user_id: [] for user_id in watch}
    for hour in range(hours):
        bot.clock.now = start + timedelta(hours=hour)
        bot.tick()
        for user_id, text in watch.items():
            now_seen = _count(bot, user_id, text)
            arrived[user_id] += [bot.clock.now] * (now_seen - seen[user_id])
            seen[user_id] = now_seen
    return arrived


def _count(bot: Bot, user_id: str, text: str) -> int:
    return len([m for m in bot.fake.messages(user_id) if text.lower() in str(m).lower()])


def _local(moments: Iterable[datetime], user_id: str) -> list[str]:
    zone = ZoneInfo(PEOPLE[user_id][2])
    return [moment.astimezone(zone).strftime("%a %H:%M") for moment in moments]


def _click(bot: Bot, user_id: str, action_id: str, message: dict[str, Any]) -> None:
    value = next(
        e["value"]
        for b in message["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
        if e["action_id"] == action_id
    )
    assert bot.slack.click(action_id, user=user_id, value=value, message=message).status == 200
    bot.settle()


def test_the_digest_comes_at_nine_on_each_members_own_clock(bot: Bot) -> None:
    _people(bot)
    sunday_noon = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)
    watch = dict.fromkeys(("U0TEVITA", "U0KAI", "U0ALICE", "U0CHI"), "kindred spirits")
    arrived = _hourly(bot, sunday_noon, 48, watch)
    assert _local(arrived["U0ALICE"], "U0ALICE") == ["Mon 09:00"]
    assert _local(arrived["U0CHI"], "U0CHI") == ["Mon 09:00"]
    assert _local(arrived["U0KAI"], "U0KAI") == ["Mon 09:00"]
    # Monday 09:00 in Tonga is still Sunday in the community (UTC): theirs comes as the week opens there.
    assert _local(arrived["U0TEVITA"], "U0TEVITA") == ["Mon 13:00"]
    keys = {row.key for row in bot.rows(Delivery) if row.key.startswith("digest:")}
    assert keys == {"digest:2026-W49"}  # one period, the community's ISO week, for everyone


def test_the_digest_follows_each_members_clock_across_a_daylight_saving_change(bot: Bot) -> None:
    """US clocks go forward on Sunday 14 March 2027: 09:00 in Chicago is 15:00 UTC one Monday and 14:00 UTC
    the next; the digest stays at 09:00 there, and Berlin (which changes later in March) keeps 08:00 UTC."""
    _people(bot)
    watch = {"U0CHI": "kindred spirits", "U0ALICE": "kindred spirits"}
    before = _hourly(bot, datetime(2027, 3, 8, 6, 0, tzinfo=UTC), 12, watch)
    with session_scope(bot.sessions) as session:  # someone new for each of them to meet the next week
        lena, _ = ensure_member(session, who=Identity(TEAM, "U0LENA", "Lena Lind"), now=bot.clock())
        make_offer(session, lena, "Logo and packaging design", skills=["logo-design"])
    after = _hourly(bot, datetime(2027, 3, 15, 6, 0, tzinfo=UTC), 12, watch)
    assert [m.hour for m in before["U0CHI"] + after["U0CHI"]] == [15, 14]
    assert _local(before["U0CHI"] + after["U0CHI"], "U0CHI") == ["Mon 09:00", "Mon 09:00"]
    assert _local(before["U0ALICE"] + after["U0ALICE"], "U0ALICE") == ["Mon 09:00", "Mon 09:00"]


def test_intro_questions_follow_ups_and_reconnects_wait_for_each_members_morning(bot: Bot) -> None:
    _people(bot)
    # Monday 09:00 UTC: Carol (in Paris, 10:00) introduces Tevita (22:00) and Kai (23:00).
    bot.clock.now = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
    bot.slack.command("/intro", "<@U0TEVITA|tevita> <@U0KAI|kai> you both sell online", user="U0CAROL")
    bot.settle()
    asked = _hourly(bot, bot.clock(), 12, {"U0TEVITA": "Would you like an intro", "U0KAI": "Would you like"})
    assert _local(asked["U0KAI"], "U0KAI") == ["Mon 08:00"]
    assert _local(asked["U0TEVITA"], "U0TEVITA") == ["Tue 08:00"]

    # They both say yes from bed, Kai at 23:00 and Tevita at midnight: the introduction they asked for comes
    # at once, whatever the hour.
    bot.clock.now = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
    _click(bot, "U0KAI", "intro_yes", latest(bot, "U0KAI", "Would you like an intro"))
    bot.clock.now += timedelta(hours=2)
    _click(bot, "U0TEVITA", "intro_yes", latest(bot, "U0TEVITA", "Would you like an intro"))
    group = bot.fake.calls_to("conversations.open")
    assert group, "the introduction was sent at once"

    # The follow-up is due 14 days later, at 11:00 UTC: midnight in Tonga, 01:00 in Hawaii.
    followed = _hourly(
        bot,
        datetime(2026, 12, 8, 10, 0, tzinfo=UTC),
        12,
        {"U0TEVITA": "How did it go", "U0KAI": "How did it go"},
    )
    assert _local(followed["U0KAI"], "U0KAI") == ["Tue 08:00"]
    assert _local(followed["U0TEVITA"], "U0TEVITA") == ["Wed 08:00"]

    # Kai says "We met" at 02:00 his time; 90 days on, the nudges wait for each one's morning.
    bot.clock.now = datetime(2026, 12, 9, 12, 0, tzinfo=UTC)
    _click(bot, "U0KAI", "outcome_met", latest(bot, "U0KAI", "How did it go"))
    nudged = _hourly(
        bot, bot.clock() + timedelta(days=90), 12, {"U0TEVITA": "since you met", "U0KAI": "since you met"}
    )
    assert _local(nudged["U0KAI"], "U0KAI") == ["Tue 08:00"]  # 9 March 2027
    assert _local(nudged["U0TEVITA"], "U0TEVITA") == ["Wed 08:00"]


def test_a_follow_up_waits_for_eight_on_the_morning_the_clocks_go_back(bot: Bot) -> None:
    """Berlin goes from CEST to CET at 03:00 on Sunday 31 October 2027: 08:00 that morning is 07:00 UTC
    (it would be 06:00 on the evening before's clock)."""
    _people(bot)
    bot.clock.now = datetime(2027, 10, 16, 9, 0, tzinfo=UTC)
    bot.slack.command("/intro", "<@U0ALICE|alice> <@U0CAROL|carol> you both love type", user="U0CHI")
    bot.settle()
    bot.tick()
    bot.clock.now = datetime(2027, 10, 17, 4, 30, tzinfo=UTC)  # 06:30: they answer before breakfast
    for user_id in ("U0ALICE", "U0CAROL"):
        _click(bot, user_id, "intro_yes", latest(bot, user_id, "Would you like an intro"))
    # The follow-up is due at 04:30 UTC on the 31st: 05:30 in Berlin and Paris, after the change.
    followed = _hourly(
        bot, datetime(2027, 10, 31, 4, 0, tzinfo=UTC), 5, {"U0ALICE": "How did it go", "U0CAROL": "How did"}
    )
    assert followed["U0ALICE"] == [datetime(2027, 10, 31, 7, 0, tzinfo=UTC)]
    assert _local(followed["U0ALICE"], "U0ALICE") == ["Sun 08:00"]
    assert followed["U0CAROL"] == followed["U0ALICE"]


def test_a_member_who_moves_gets_the_next_digest_on_their_new_clock(bot: Bot) -> None:
    """Slack's user_change carries the new `tz`; the next digest follows it."""
    _people(bot)
    moved = bot.fake.add_user("U0KAI", name="kai", real_name="Kai Kahale", tz="Asia/Tokyo")
    bot.slack.event({"type": "user_change", "user": moved})
    bot.settle()
    arrived = _hourly(bot, datetime(2026, 11, 29, 12, 0, tzinfo=UTC), 36, {"U0KAI": "kindred spirits"})
    assert [m.astimezone(ZoneInfo("Asia/Tokyo")).strftime("%a %H:%M") for m in arrived["U0KAI"]] == [
        "Mon 09:00"
    ]
