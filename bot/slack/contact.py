"""Who Kindred may contact, about what: the kinds of message it sends on its own initiative, the delivery
key each is stored under, and the one rule (`may_contact`) every such message passes.

`slack/delivery.send_once` is the only sender of these messages; it builds the key from the kind and asks
`may_contact` for every person the message reaches. Pure: no session, no Slack.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from bot.models import DigestCadence, Member, MemberStatus
from bot.quiet_hours import QuietHours, zone_of

# --- the kinds ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Welcome:
    """The welcome DM to someone who joined the workspace."""


@dataclass(frozen=True)
class Digest:
    """A member's digest for a period (`2026-W48`)."""

    period: str


@dataclass(frozen=True)
class ChannelDigest:
    """The period's new offers and asks, posted in the community channel: it addresses no one person."""

    period: str


@dataclass(frozen=True)
class IntroRequest:
    """ "Would you like an intro to …?", to one of the intro's two people."""

    intro_id: int


@dataclass(frozen=True)
class Introduction:
    """The group DM that introduces the two people once both said yes."""

    intro_id: int


@dataclass(frozen=True)
class IntroEnded:
    """ "It didn't work out this time", to whoever asked or said yes, and to the connector."""

    intro_id: int


@dataclass(frozen=True)
class FollowUp:
    """ "How did it go?", the `number`th time (1 at the follow-up day, 2 at day 28 after a "not yet")."""

    intro_id: int
    number: int


@dataclass(frozen=True)
class ConnectorOutcome:
    """How a connector's intro turned out (met, or not a fit)."""

    intro_id: int


@dataclass(frozen=True)
class AutoPaused:
    """ "Kindred paused itself for you": to a member whose last three intro requests went unanswered,
    keyed by the last of them (so a second quiet spell after a resume is told again, each once)."""

    last_unanswered: int


@dataclass(frozen=True)
class Reconnect:
    """ "It has been a while since you met …", the `number`th nudge about an intro whose people met."""

    intro_id: int
    number: int


@dataclass(frozen=True)
class ReconnectCredit:
    """ "Your intro of Ana and Ben is still going", to the connector, once, at the first "We're in touch"."""

    intro_id: int


IntroKind = IntroRequest | Introduction | IntroEnded | FollowUp | ConnectorOutcome
ReconnectKind = Reconnect | ReconnectCredit
Kind = Welcome | Digest | ChannelDigest | AutoPaused | IntroKind | ReconnectKind
INTRO_KINDS = (IntroRequest, Introduction, IntroEnded, FollowUp, ConnectorOutcome)
RECONNECT_KINDS = (Reconnect, ReconnectCredit)


def addresses_people(kind: Kind) -> bool:
    """Whether the message goes to members (a DM, a group DM) rather than to a channel."""
    return not isinstance(kind, ChannelDigest)


def intro_of(kind: Kind) -> int | None:
    """The intro a message is about, if it is about one."""
    return kind.intro_id if isinstance(kind, INTRO_KINDS + RECONNECT_KINDS) else None


# --- delivery keys ----------------------------------------------------------------------------------------

DIGEST_KEY_PREFIX = "digest:"  # every digest's key starts so: the latest digest a member got is found by it
AUTO_PAUSED_KEY_PREFIX = "auto-paused:"  # likewise for the latest automatic pause a member was told of


def delivery_key(kind: Kind) -> str:
    """The key a message of this kind is claimed under, once per team and recipient. These strings are
    stored: changing one would send every such message again."""
    match kind:
        case Welcome():
            return "welcome"
        case Digest(period):
            return f"{DIGEST_KEY_PREFIX}{period}"
        case ChannelDigest(period):
            return f"channel-digest:{period}"
        case AutoPaused(last_unanswered):
            return f"{AUTO_PAUSED_KEY_PREFIX}{last_unanswered}"
        case IntroRequest(intro_id):
            return f"intro:{intro_id}:ask"
        case Introduction(intro_id):
            return f"intro:{intro_id}:introduction"
        case IntroEnded(intro_id):
            return f"intro:{intro_id}:ended"
        case FollowUp(intro_id, number):
            return f"intro:{intro_id}:follow-up:{number}"
        case ConnectorOutcome(intro_id):
            return f"intro:{intro_id}:connector-outcome"
        case Reconnect(intro_id, number):
            return f"reconnect:{intro_id}:{number}"
        case ReconnectCredit(intro_id):
            return f"reconnect:{intro_id}:credit"


def kind_of_key(key: str) -> Kind | None:
    """The kind a stored key was built from (`delivery_key` read backwards); None for a key no kind builds."""
    if key == "welcome":
        return Welcome()
    head, _, rest = key.partition(":")
    if head == "digest" and rest:
        return Digest(rest)
    if head == "channel-digest" and rest:
        return ChannelDigest(rest)
    if head == "reconnect":
        return _reconnect_kind(rest)
    if head == "auto-paused" and rest.isdecimal():
        return AutoPaused(int(rest))
    return _intro_kind(rest) if head == "intro" else None


_ONE_STEP_INTRO_KINDS: dict[str, Callable[[int], IntroKind]] = {
    "ask": IntroRequest,
    "introduction": Introduction,
    "ended": IntroEnded,
    "connector-outcome": ConnectorOutcome,
}


def _intro_kind(rest: str) -> IntroKind | None:
    intro_id, _, step = rest.partition(":")
    if not intro_id.isdecimal():
        return None
    number = step.removeprefix("follow-up:")
    if number != step and number.isdecimal():
        return FollowUp(int(intro_id), int(number))
    make = _ONE_STEP_INTRO_KINDS.get(step)
    return make(int(intro_id)) if make is not None else None


def _reconnect_kind(rest: str) -> ReconnectKind | None:
    intro_id, _, step = rest.partition(":")
    if not intro_id.isdecimal():
        return None
    if step == "credit":
        return ReconnectCredit(int(intro_id))
    return Reconnect(int(intro_id), int(step)) if step.isdecimal() else None


# --- who may be contacted ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class MemberState:
    """What `may_contact` knows about a person: their member row's status and digest cadence (None when
    Kindred has no row for them), whether they asked Kindred to forget them, whether they want reconnect
    nudges, and their Slack time zone (for quiet hours; UTC when unknown)."""

    status: MemberStatus | None = None
    digest_cadence: DigestCadence | None = None
    forgotten: bool = False
    reconnects_on: bool = True
    timezone: str = "UTC"

    @classmethod
    def of(cls, member: Member | None, *, forgotten: bool = False) -> "MemberState":
        if member is None:
            return cls(forgotten=forgotten)
        return cls(member.status, member.digest_cadence, forgotten, member.reconnects_on, member.timezone)


# Sent whatever the hour: what both people asked for just now (the introduction once both said yes), the
# welcome to someone who has just joined, and a channel post (nobody's DM). Everything else waits out quiet
# hours on the recipient's own clock.
SENT_AT_ANY_HOUR = (Welcome, Introduction, ChannelDigest)
STOPPED_BY_PAUSE = (Digest, IntroRequest, FollowUp, Reconnect)
STOPPED_BY_DIGESTS_OFF = (Digest,)
STOPPED_BY_RECONNECTS_OFF = (Reconnect,)


def may_contact(member: MemberState, kind: Kind, now: datetime) -> bool:  # noqa: ARG001
    """Whether Kindred may send `member` a message of this `kind` on its own initiative.

    ==================  =========  ====  ======  ============  =============  ==============================
    kind                forgotten  left  paused  digests off   reconnects off  someone without a member row
    ==================  =========  ====  ======  ============  =============  ==============================
    Welcome             no         no    yes     yes           yes            yes (a newcomer, row on the way)
    Digest              no         no    no      no            yes            yes
    IntroRequest        no         no    no      yes           yes            yes
    Introduction        no         no    yes     yes           yes            yes
    IntroEnded          no         no    yes     yes           yes            yes
    FollowUp            no         no    no      yes           yes            yes
    ConnectorOutcome    no         no    yes     yes           yes            yes
    AutoPaused          no         no    yes     yes           yes            yes
    Reconnect           no         no    no      yes           no             yes
    ReconnectCredit     no         no    yes     yes           yes            yes
    ChannelDigest       (addresses no person: never asked)
    ==================  =========  ====  ======  ============  =============  ==============================

    Left means the Slack account was deactivated or deleted. A pause stops what Kindred offers unasked
    (digests, follow-ups, reconnect nudges, intro questions still queued) but not the intro steps the member
    started or agreed to: a paused member cannot be asked for a new intro (`intros.request` refuses, and a
    question queued before the pause waits), only told how the ones under way go on. `AutoPaused` tells a
    member Kindred paused them, so it reaches the paused. Digests off stops digests only; reconnects off
    stops reconnect nudges only (a connector's credit is news about their own intro). An intro message to
    two people (the introduction) needs both to pass. `now` is
    for rules that depend on the time; none does today (a pause has no end date).
    """
    if member.forgotten or member.status == MemberStatus.LEFT:
        return False
    if member.status == MemberStatus.PAUSED and isinstance(kind, STOPPED_BY_PAUSE):
        return False
    if not member.reconnects_on and isinstance(kind, STOPPED_BY_RECONNECTS_OFF):
        return False
    return not (member.digest_cadence == DigestCadence.OFF and isinstance(kind, STOPPED_BY_DIGESTS_OFF))


def quiet_until(member: MemberState, kind: Kind, now: datetime, quiet: QuietHours | None) -> datetime | None:
    """When a message of this `kind` may reach `member`, if it must wait for their quiet hours to end
    (None: it may go now). Nothing Kindred sends unasked lands in a member's night; a message held back
    goes out on the first run after their morning begins."""
    if quiet is None or isinstance(kind, SENT_AT_ANY_HOUR):
        return None
    zone = zone_of(member.timezone)
    return quiet.ends_after(now, zone) if quiet.is_quiet(now, zone) else None
