"""The intro state machine and its limits: which status may follow which, and how long things wait.

Pure: no session. The intros service (`service.py`) moves intros from one status to the next with these.
"""

from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum

from bot.config import Settings
from bot.models import IntroStatus, Outcome

S = IntroStatus
TRANSITIONS: dict[IntroStatus, frozenset[IntroStatus]] = {
    S.REQUESTED: frozenset({S.AWAITING_CONSENT, S.DECLINED, S.EXPIRED, S.CANCELLED}),
    S.AWAITING_CONSENT: frozenset({S.ACCEPTED, S.DECLINED, S.EXPIRED, S.CANCELLED}),
    S.ACCEPTED: frozenset({S.INTRODUCED, S.CANCELLED}),
    S.INTRODUCED: frozenset({S.FOLLOWED_UP}),
    S.FOLLOWED_UP: frozenset({S.MET, S.NOT_YET, S.NOT_A_FIT}),
    S.NOT_YET: frozenset({S.MET, S.NOT_A_FIT}),
    S.MET: frozenset({S.NOT_A_FIT}),
    S.NOT_A_FIT: frozenset(),
    S.DECLINED: frozenset(),
    S.EXPIRED: frozenset(),
    S.CANCELLED: frozenset(),
}
OPEN = frozenset({S.REQUESTED, S.AWAITING_CONSENT})
ENDED_WITHOUT_INTRO = frozenset({S.DECLINED, S.EXPIRED, S.CANCELLED})
OUTCOME_KNOWN = frozenset({S.MET, S.NOT_A_FIT})  # what a connector is told
OUTCOME_STATUS = {Outcome.MET: S.MET, Outcome.NOT_YET: S.NOT_YET, Outcome.NOT_A_FIT: S.NOT_A_FIT}
DECLINE_MEMORY = timedelta(days=180)
QUEUE_LIMIT = timedelta(days=14)  # a request that could not be asked for two weeks is let go
SECOND_NUDGE_AFTER = timedelta(days=28)
QUIET_STREAK = 3  # intro questions in a row left to expire unanswered: Kindred pauses the member


@dataclass(frozen=True)
class IntroRules:
    expiry: timedelta = timedelta(days=7)
    follow_up_after: timedelta = timedelta(days=14)
    max_pending: int = 3  # open requests one member may have started
    max_new_per_week: int = 2  # new intro questions one member is asked in seven days

    @classmethod
    def from_settings(cls, settings: Settings) -> "IntroRules":
        return cls(
            expiry=timedelta(days=settings.intro_expiry_days),
            follow_up_after=timedelta(days=settings.follow_up_days),
            max_pending=settings.max_pending_intros,
            max_new_per_week=settings.max_intro_requests_per_week,
        )


class Answer(StrEnum):
    WAITING = "waiting"  # this person said yes; the other has not answered yet
    ACCEPTED = "accepted"  # both said yes: introduce them now
    DECLINED = "declined"  # this person said no: let the others know, gently
    UNCHANGED = "unchanged"  # a second click, a late click: nothing changed
