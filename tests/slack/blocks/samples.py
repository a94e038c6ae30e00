"""Members and entries built directly (no validation), as anything could be in an old database."""

from bot.entries.service import OpenEntries
from bot.models import Member, Need, Offer, Project
from tests.conftest import NOW

UNUSUAL = (
    "🎉 <!channel> *bold* _it_ <@U0OTHER> <https://evil.example|click> & \u202eRTL\u202c 日本語 " + "ß" * 20
)
LONG = "x" * 3000
RAW_MARKUP = ("<!channel>", "<@U0OTHER>", "<https://evil.example")


def mrkdwn_of(message: dict) -> str:
    """Everything Slack reads as mrkdwn: the fallback text and every mrkdwn text object (not plain_text)."""
    parts = [str(message.get("text", ""))]

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if node.get("type") == "mrkdwn":
                parts.append(str(node.get("text", "")))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(message.get("blocks", []))
    return "\n".join(parts)


def member(text: str = "Alice", *, status: str = "active", cadence: str = "weekly", links: int = 1) -> Member:
    return Member(
        id=1,
        team_id="T0TEST",
        user_id="U0ALICE",
        name=text[:80] or "A",
        title=text,
        bio=text,
        links=[f"https://site{i}.example/" + "p" * 270 for i in range(links)],
        status=status,
        digest_cadence=cadence,
        created_at=NOW,
        updated_at=NOW,
    )


def offer(text: str, number: int = 1, skills: int = 10) -> Offer:
    return Offer(
        id=number,
        team_id="T0TEST",
        member_id=1,
        description=text,
        details=text,
        skills=[f"skill-{i}-" + "k" * 30 for i in range(skills)],
        format="async-review",
        monthly_capacity=3,
        links=["https://a.example"],
        status="active",
        created_at=NOW,
        updated_at=NOW,
    )


def need(text: str, number: int = 1, private: bool = True) -> Need:
    return Need(
        id=number,
        team_id="T0TEST",
        member_id=1,
        description=text,
        details=text,
        skills=["seo"] * 10,
        urgency="high",
        visibility="private" if private else "shared",
        links=[],
        status="open",
        created_at=NOW,
        updated_at=NOW,
    )


def project(text: str, number: int = 1) -> Project:
    return Project(
        id=number,
        team_id="T0TEST",
        member_id=1,
        name=text[:100] or "P",
        description=text,
        help_wanted=text,
        skills=["python"],
        links=[],
        status="active",
        created_at=NOW,
        updated_at=NOW,
    )


def everything(text: str, count: int = 10) -> OpenEntries:
    return OpenEntries(
        offers=[offer(text, i) for i in range(count)],
        needs=[need(text, i) for i in range(count)],
        projects=[project(text, i) for i in range(count)],
    )
