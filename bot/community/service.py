"""The community file (version 1): import and export a whole community as JSON.

Import validates the whole file first and reports every problem with its location
(`members[3].offers[0].description: too long…`); a bad file writes nothing. It upserts by `user_id`
and matches entries by their description (or project name), so importing the same file twice changes
nothing, and it never deletes: entries missing from the file are left as they are.
Export writes the same shape, including the optional fields (format, urgency, visibility, status…),
so export → import into an empty database → export gives an identical file.
"""

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from pydantic_core import ErrorDetails
from sqlmodel import Session

from bot import repo
from bot.entries.service import RULES, EntryKind
from bot.errors import InvalidInput
from bot.models import (
    DigestCadence,
    Member,
    MemberStatus,
    Need,
    NeedCreate,
    NeedStatus,
    Offer,
    OfferCreate,
    OfferStatus,
    Project,
    ProjectCreate,
    ProjectStatus,
)
from bot.validation import Bio, Links, Name, Timezone, Title, file_message, location

FORMAT_VERSION = 1
MAX_ENTRIES_PER_LIST = 50
USER_ID = r"^[UW][A-Z0-9]{2,30}$"


class OfferRecord(OfferCreate):
    status: OfferStatus = OfferStatus.ACTIVE


class NeedRecord(NeedCreate):
    status: NeedStatus = NeedStatus.OPEN


class ProjectRecord(ProjectCreate):
    status: ProjectStatus = ProjectStatus.ACTIVE


class MemberRecord(BaseModel):
    model_config = ConfigDict(extra="forbid")

    user_id: Annotated[str, Field(pattern=USER_ID)]
    name: Name
    title: Title = ""
    timezone: Timezone = "UTC"
    links: Links = Field(default_factory=list)
    bio: Bio = ""
    status: MemberStatus = MemberStatus.ACTIVE
    digest_cadence: DigestCadence = DigestCadence.WEEKLY
    offers: list[OfferRecord] = Field(default_factory=list, max_length=MAX_ENTRIES_PER_LIST)
    needs: list[NeedRecord] = Field(default_factory=list, max_length=MAX_ENTRIES_PER_LIST)
    projects: list[ProjectRecord] = Field(default_factory=list, max_length=MAX_ENTRIES_PER_LIST)


class CommunityFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: Literal[1]
    team_id: Annotated[str, Field(pattern=r"^[TE][A-Z0-9]{2,30}$")]
    members: list[MemberRecord]


class CommunityFileError(InvalidInput):
    def __init__(self, problems: list[str]) -> None:
        super().__init__(f"{len(problems)} problem(s) in the community file; nothing was imported")
        self.problems = problems


@dataclass
class ImportReport:
    members_created: int = 0
    members_updated: int = 0
    members_unchanged: int = 0
    forgotten_skipped: list[str] = field(default_factory=list)  # asked Kindred to forget them: not imported
    entries_created: dict[str, int] = field(default_factory=lambda: dict.fromkeys(EntryKind, 0))
    entries_updated: dict[str, int] = field(default_factory=lambda: dict.fromkeys(EntryKind, 0))

    @property
    def changed(self) -> bool:
        return bool(
            self.members_created
            or self.members_updated
            or any(self.entries_created.values())
            or any(self.entries_updated.values())
        )


def decode(data: bytes) -> str:
    """The text of a community file; raises CommunityFileError unless it is UTF-8 (a BOM is fine)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise CommunityFileError(
            [
                f"line {line}: not UTF-8 text (byte 0x{data[error.start]:02x}); open the file in a text "
                "editor and save it as UTF-8"
            ]
        ) from None


def parse(text: str) -> CommunityFile:
    """Validate a community file; raises CommunityFileError listing every problem."""
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as error:
        raise CommunityFileError(
            [f"line {error.lineno}, column {error.colno}: not valid JSON ({error.msg})"]
        ) from None
    except RecursionError:
        raise CommunityFileError(
            ["file: lists or objects are nested too deeply to be a community file"]
        ) from None
    except ValueError:  # Python refuses integers of thousands of digits
        raise CommunityFileError(
            ["file: holds a number thousands of digits long; no field needs one"]
        ) from None
    if isinstance(raw, dict) and raw.get("version") not in (None, FORMAT_VERSION):
        raise CommunityFileError(
            [f"version: this Kindred reads version {FORMAT_VERSION} files, not {raw['version']!r}"]
        )
    try:
        community = CommunityFile.model_validate(raw)
    except ValidationError as error:
        raise CommunityFileError([_located(detail, raw) for detail in error.errors()]) from None
    problems = _cross_checks(community)
    if problems:
        raise CommunityFileError(problems)
    return community


def _located(detail: ErrorDetails, raw: Any) -> str:
    """'members[3].offers[0].description (U0DANA): too long…'."""
    where = location("", detail["loc"])
    user_id = _user_id_at(detail["loc"], raw)
    return f"{where} ({user_id}): {file_message(detail)}" if user_id else f"{where}: {file_message(detail)}"


def _user_id_at(loc: tuple[int | str, ...], raw: Any) -> str | None:
    """The user id of the member a problem is in, when that member has a well-formed one of its own."""
    if len(loc) < 3 or loc[0] != "members" or not isinstance(loc[1], int) or loc[2] == "user_id":
        return None
    members = raw.get("members") if isinstance(raw, dict) else None
    member = members[loc[1]] if isinstance(members, list) and loc[1] < len(members) else None
    user_id = member.get("user_id") if isinstance(member, dict) else None
    return user_id if isinstance(user_id, str) and re.fullmatch(USER_ID, user_id) else None


def _cross_checks(community: CommunityFile) -> list[str]:
    problems: list[str] = []
    first_seen: dict[str, int] = {}
    for index, record in enumerate(community.members):
        if record.user_id in first_seen:
            problems.append(
                f"members[{index}].user_id: {record.user_id} appears more than once (first at "
                f"members[{first_seen[record.user_id]}])"
            )
        first_seen.setdefault(record.user_id, index)
        for kind, entries in (
            ("offers", record.offers),
            ("needs", record.needs),
            ("projects", record.projects),
        ):
            keys: dict[str, int] = {}
            for position, entry in enumerate(entries):
                key = _key(entry)
                if key in keys:
                    problems.append(
                        f"members[{index}].{kind}[{position}] ({record.user_id}): the same as "
                        f"{kind}[{keys[key]}] (each entry needs its own description)"
                    )
                keys.setdefault(key, position)
            open_count = sum(1 for entry in entries if entry.status in (OfferStatus.ACTIVE, NeedStatus.OPEN))
            limit = RULES[EntryKind(kind.removesuffix("s"))].max_open
            if open_count > limit:
                problems.append(
                    f"members[{index}].{kind} ({record.user_id}): {open_count} open, at most {limit} allowed"
                )
    return problems


def import_community(session: Session, community: CommunityFile, *, now: datetime) -> ImportReport:
    report = ImportReport()
    forgotten = repo.forgotten_user_ids(session, team_id=community.team_id)
    for record in community.members:
        if record.user_id in forgotten:
            report.forgotten_skipped.append(record.user_id)
            continue
        member = _upsert_member(session, community.team_id, record, report, now)
        assert member.id is not None
        for kind, records in (
            (EntryKind.OFFER, record.offers),
            (EntryKind.NEED, record.needs),
            (EntryKind.PROJECT, record.projects),
        ):
            _upsert_entries(session, member, kind, records, report, now)
    return report


def export_community(session: Session, *, team_id: str) -> dict[str, Any]:
    members = repo.members_of_team(session, team_id=team_id)
    return {
        "version": FORMAT_VERSION,
        "team_id": team_id,
        "members": [_member_record(session, m) for m in members],
    }


def dumps(document: dict[str, Any]) -> str:
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


# --- import details --------------------------------------------------------------------------------

PROFILE_FIELDS = ("name", "title", "timezone", "links", "bio", "status", "digest_cadence")


def _upsert_member(
    session: Session, team_id: str, record: MemberRecord, report: ImportReport, now: datetime
) -> Member:
    wanted = {name: getattr(record, name) for name in PROFILE_FIELDS}
    member = repo.get_member(session, team_id=team_id, user_id=record.user_id)
    if member is None:
        member = Member(team_id=team_id, user_id=record.user_id, created_at=now, updated_at=now, **wanted)
        session.add(member)
        session.flush()
        report.members_created += 1
    elif _apply(member, wanted, now):
        session.add(member)
        report.members_updated += 1
    else:
        report.members_unchanged += 1
    return member


def _upsert_entries(
    session: Session,
    member: Member,
    kind: EntryKind,
    records: Sequence[OfferRecord | NeedRecord | ProjectRecord],
    report: ImportReport,
    now: datetime,
) -> None:
    model = RULES[kind].model
    assert member.id is not None
    existing: dict[str, Offer | Need | Project] = {}
    for row in repo.entries_of_member(session, model=model, member_id=member.id):  # type: ignore[type-var]
        existing.setdefault(_key(row), row)
    for record in records:
        wanted = record.model_dump()
        entry = existing.get(_key(record))
        if entry is None:
            session.add(
                model(**wanted, team_id=member.team_id, member_id=member.id, created_at=now, updated_at=now)
            )
            report.entries_created[kind] += 1
        elif _apply(entry, wanted, now):
            session.add(entry)
            report.entries_updated[kind] += 1
    session.flush()


def _apply(row: Any, wanted: dict[str, Any], now: datetime) -> bool:
    changed = False
    for name, value in wanted.items():
        if getattr(row, name) != value:
            setattr(row, name, value)
            changed = True
    if changed:
        row.updated_at = now
    return changed


def _key(entry: Any) -> str:
    text = entry.name if isinstance(entry, Project | ProjectCreate) else entry.description
    return " ".join(str(text).casefold().split())


# --- export details --------------------------------------------------------------------------------


def _member_record(session: Session, member: Member) -> dict[str, Any]:
    assert member.id is not None
    record: dict[str, Any] = {name: _plain(getattr(member, name)) for name in ("user_id", *PROFILE_FIELDS)}
    for key, model, create in (
        ("offers", Offer, OfferRecord),
        ("needs", Need, NeedRecord),
        ("projects", Project, ProjectRecord),
    ):
        rows = repo.entries_of_member(session, model=model, member_id=member.id)  # type: ignore[type-var]
        record[key] = [{name: _plain(getattr(row, name)) for name in create.model_fields} for row in rows]
    return record


def _plain(value: Any) -> Any:
    if isinstance(value, list):
        return list(value)
    return value.value if hasattr(value, "value") else value
