"""Getting into the dashboard: one-time sign-in links (stored as hashes, used once, atomically) and the
signed session cookie they open, which names its link so that signing out ends the session on the server.
Times are the caller's `now`."""

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TypeGuard

from itsdangerous import BadData, URLSafeSerializer
from sqlalchemy import delete, update
from sqlmodel import Session, col, select

from bot.models import DashboardLink

LINK_LIFETIME = timedelta(minutes=10)
SESSION_LIFETIME = timedelta(hours=12)
KEEP_USED_LINKS = timedelta(days=1)  # then a link's row is deleted, when the next one is made
TOKEN_MAX = 200  # a longer token is no token of ours: refused before it is hashed
SESSION_SALT = "kindred.dashboard.session"


@dataclass(frozen=True)
class Admin:
    """Who a link or a session signs in."""

    team_id: str
    user_id: str


@dataclass(frozen=True)
class SignIn:
    """A link just used: whom it signs in, and the session it opens (the link's row)."""

    admin: Admin
    link_id: int


@dataclass(frozen=True)
class DashboardSession:
    admin: Admin
    link_id: int
    issued_at: datetime
    csrf: str  # the secret every form of this session carries back


def create_link(session: Session, *, admin: Admin, now: datetime) -> str:
    """A new one-time token for `admin`, valid for `LINK_LIFETIME`; only its hash is stored."""
    session.execute(delete(DashboardLink).where(col(DashboardLink.expires_at) < now - KEEP_USED_LINKS))
    token = secrets.token_urlsafe(32)
    session.add(
        DashboardLink(
            token_hash=_hash(token),
            team_id=admin.team_id,
            user_id=admin.user_id,
            created_at=now,
            expires_at=now + LINK_LIFETIME,
        )
    )
    return token


def link_works(session: Session, *, token: str, now: datetime) -> bool:
    """Whether the link would sign someone in now, leaving it unused: opening a link only asks to confirm,
    so a link scanner or a chat preview fetching it uses nothing up."""
    if not token or len(token) > TOKEN_MAX:
        return False
    unused = select(DashboardLink.id).where(
        DashboardLink.token_hash == _hash(token),
        col(DashboardLink.used_at).is_(None),
        col(DashboardLink.expires_at) > now,
    )
    return session.exec(unused).first() is not None


def use_link(session: Session, *, token: str, now: datetime) -> SignIn | None:
    """Who the link signs in, marking it used; None for a used, expired or unknown token. One conditional
    UPDATE claims it, so of two concurrent uses only one succeeds."""
    if not token or len(token) > TOKEN_MAX:
        return None
    token_hash = _hash(token)
    claimed = session.execute(
        update(DashboardLink)
        .where(
            col(DashboardLink.token_hash) == token_hash,
            col(DashboardLink.used_at).is_(None),
            col(DashboardLink.expires_at) > now,
        )
        .values(used_at=now)
    )
    if claimed.rowcount != 1:  # type: ignore[attr-defined]
        return None
    link = session.exec(select(DashboardLink).where(DashboardLink.token_hash == token_hash)).one()
    return SignIn(Admin(team_id=link.team_id, user_id=link.user_id), link_id=link.id or 0)


def is_signed_in(session: Session, *, link_id: int) -> bool:
    """Whether the session opened by this link was not signed out (its row may also be gone, long after)."""
    signed_out = session.exec(
        select(DashboardLink.signed_out_at).where(
            DashboardLink.id == link_id, col(DashboardLink.used_at).is_not(None)
        )
    ).all()
    return signed_out == [None]


def sign_out(session: Session, *, link_id: int, now: datetime) -> None:
    session.execute(
        update(DashboardLink)
        .where(col(DashboardLink.id) == link_id, col(DashboardLink.signed_out_at).is_(None))
        .values(signed_out_at=now)
    )


def open_session(secret_key: str, signed_in: SignIn, *, now: datetime) -> str:
    """The signed cookie value of the session a link opened, with a fresh CSRF secret."""
    payload = {
        "team": signed_in.admin.team_id,
        "user": signed_in.admin.user_id,
        "link": signed_in.link_id,
        "issued": int(now.timestamp()),
        "csrf": secrets.token_urlsafe(24),
    }
    return URLSafeSerializer(secret_key, salt=SESSION_SALT).dumps(payload)


def read_session(secret_key: str, cookie: str | None, *, now: datetime) -> DashboardSession | None:
    """The session a cookie carries, if it was signed with our key and is younger than
    `SESSION_LIFETIME`; None otherwise (forged, tampered, garbled or expired)."""
    if not cookie:
        return None
    try:
        payload = URLSafeSerializer(secret_key, salt=SESSION_SALT).loads(cookie)
    except BadData:
        return None
    if not isinstance(payload, dict):
        return None
    team, user, link, issued, csrf = (payload.get(key) for key in ("team", "user", "link", "issued", "csrf"))
    if not (isinstance(team, str) and isinstance(user, str) and isinstance(csrf, str)):
        return None
    if not (_is_int(issued) and _is_int(link)):
        return None
    issued_at = datetime.fromtimestamp(issued, UTC)
    if not now - SESSION_LIFETIME < issued_at <= now + timedelta(minutes=5):
        return None
    return DashboardSession(
        admin=Admin(team_id=team, user_id=user), link_id=link, issued_at=issued_at, csrf=csrf
    )


def csrf_matches(current: DashboardSession, given: str | None) -> bool:
    return given is not None and hmac.compare_digest(current.csrf.encode(), given.encode())


def _is_int(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
