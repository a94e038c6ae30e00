import copy
import json
from datetime import timedelta
from typing import Any

import pytest
from sqlmodel import Session, select

from bot.community import service as community_file
from bot.community.service import CommunityFileError
from bot.demo import demo_text
from bot.models import Member, Need, Offer, Project
from tests.conftest import NOW

SMALL = {
    "version": 1,
    "team_id": "T0SMALL",
    "members": [
        {
            "user_id": "U0DANA",
            "name": "Dana Diaz",
            "title": "Local SEO consultant",
            "timezone": "Europe/Berlin",
            "links": ["https://dana.example"],
            "bio": "Helping shops get found.",
            "offers": [{"description": "Local SEO audits", "skills": ["SEO", "local seo"]}],
            "needs": [
                {
                    "description": "Someone to check my contract",
                    "skills": ["contracts"],
                    "visibility": "private",
                }
            ],
            "projects": [{"name": "SEO zine", "description": "A zine", "skills": ["writing"]}],
        },
        {
            "user_id": "U0TOMAS",
            "name": "Tomás",
            "offers": [],
            "needs": [{"description": "Bakery not on Google"}],
        },
    ],
}


def _import(session: Session, document: dict[str, Any], now=NOW) -> community_file.ImportReport:
    report = community_file.import_community(session, community_file.parse(json.dumps(document)), now=now)
    session.commit()
    return report


def _problems(document: Any) -> list[str]:
    with pytest.raises(CommunityFileError) as raised:
        community_file.parse(document if isinstance(document, str) else json.dumps(document))
    return raised.value.problems


def test_import_creates_members_and_entries_with_defaults(session: Session) -> None:
    report = _import(session, SMALL)
    assert (report.members_created, report.entries_created) == (2, {"offer": 1, "need": 2, "project": 1})
    dana = session.exec(select(Member).where(Member.user_id == "U0DANA")).one()
    offer = session.exec(select(Offer).where(Offer.member_id == dana.id)).one()
    assert offer.skills == ["seo", "local-seo"]
    assert (offer.format, offer.status) == ("call", "active")
    need = session.exec(select(Need).where(Need.member_id == dana.id)).one()
    assert need.visibility == "private"


def test_importing_the_same_file_again_changes_nothing(session: Session) -> None:
    _import(session, SMALL)
    before = [(m.user_id, m.updated_at) for m in session.exec(select(Member)).all()]
    report = _import(session, SMALL, now=NOW + timedelta(days=1))
    assert not report.changed
    assert report.members_unchanged == 2
    assert [(m.user_id, m.updated_at) for m in session.exec(select(Member)).all()] == before
    assert len(session.exec(select(Offer)).all()) == 1


def test_reimport_updates_matching_entries_and_never_deletes(session: Session) -> None:
    _import(session, SMALL)
    changed = copy.deepcopy(SMALL)
    changed["members"][0]["title"] = "SEO for cafés"
    changed["members"][0]["offers"] = [
        {"description": "local SEO AUDITS", "skills": ["seo"], "status": "withdrawn"}
    ]
    changed["members"][0]["projects"] = []
    report = _import(session, changed)
    assert (report.members_updated, report.entries_updated["offer"]) == (1, 1)
    offer = session.exec(select(Offer)).one()
    assert (offer.status, offer.skills) == ("withdrawn", ["seo"])
    assert len(session.exec(select(Project)).all()) == 1  # missing from the file, kept


def test_export_then_import_into_an_empty_database_then_export_is_identical(
    session: Session, sessions
) -> None:
    demo = community_file.parse(demo_text())
    community_file.import_community(session, demo, now=NOW)
    session.commit()
    first = community_file.dumps(community_file.export_community(session, team_id=demo.team_id))
    for table in (Offer, Need, Project, Member):
        for row in session.exec(select(table)).all():
            session.delete(row)
    session.commit()
    community_file.import_community(session, community_file.parse(first), now=NOW + timedelta(days=2))
    session.commit()
    second = community_file.dumps(community_file.export_community(session, team_id=demo.team_id))
    assert second == first
    assert json.loads(first)["members"][0].keys() >= {
        "user_id",
        "name",
        "title",
        "timezone",
        "links",
        "bio",
        "offers",
        "needs",
        "projects",
    }


def test_every_problem_is_reported_with_its_location() -> None:
    bad = copy.deepcopy(SMALL)
    bad["members"][1]["offers"] = [{"description": "x" * 301}]
    bad["members"][0]["links"] = ["ftp://files.example"]
    bad["members"][0]["timezone"] = "Mars/Olympus"
    bad["members"][0]["needs"][0]["urgency"] = "yesterday"
    bad["members"][1]["user_id"] = "bob"
    problems = _problems(bad)
    assert "members[1].offers[0].description: too long: at most 300 characters (this has 301)" in problems
    assert any(
        p.startswith("members[0].links (U0DANA): “ftp://files.example” is not a web link") for p in problems
    )
    assert any(
        p.startswith("members[0].timezone (U0DANA): “Mars/Olympus” is not a time zone") for p in problems
    )
    assert any(p.startswith("members[0].needs[0].urgency (U0DANA): must be one of") for p in problems)
    assert any(p.startswith("members[1].user_id:") for p in problems)
    assert len(problems) == 5


def test_duplicates_and_limits_are_reported() -> None:
    bad = copy.deepcopy(SMALL)
    bad["members"][1]["user_id"] = "U0DANA"
    bad["members"][0]["offers"].append({"description": "  LOCAL seo audits "})
    bad["members"][0]["projects"] = [{"name": f"Project {i}"} for i in range(6)]
    problems = _problems(bad)
    assert "members[1].user_id: U0DANA appears more than once (first at members[0])" in problems
    assert any(p.startswith("members[0].offers[1] (U0DANA): the same as offers[0]") for p in problems)
    assert "members[0].projects (U0DANA): 6 open, at most 5 allowed" in problems


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("{not json", "line 1, column 2: not valid JSON"),
        (
            '{"version": 2, "team_id": "T1", "members": []}',
            "version: this Kindred reads version 1 files, not 2",
        ),
        ('{"team_id": "T0X", "members": []}', "version: missing: add this field"),
        (
            '{"version": 1, "team_id": "T0X", "members": [], "extra": 1}',
            "extra: is not a field Kindred knows",
        ),
        ("[]", "file: should be an object, got a list"),
        ("[" * 100_000, "file: lists or objects are nested too deeply"),
        ('{"version": ' + "1" * 5000 + "}", "file: holds a number thousands of digits long"),
    ],
)
def test_malformed_files_are_explained(text: str, expected: str) -> None:
    assert _problems(text)[0].startswith(expected)


def test_odd_text_in_links_and_time_zones_is_a_located_problem_not_a_crash() -> None:
    bad = copy.deepcopy(SMALL)
    bad["members"][0]["links"] = ["https://dana.example/\udfff", "https://dana.exa\nmple", "http://["]
    bad["members"][0]["timezone"] = "America"
    bad["members"][1]["timezone"] = "\ud800"
    problems = _problems(bad)  # json.dumps writes the unpaired surrogates as \udfff escapes
    assert problems == [
        "members[0].timezone (U0DANA): “America” is not a time zone; use a name such as Europe/Berlin",
        "members[0].links (U0DANA): “https://dana.example/?” doesn't look like a web address, e.g. "
        "https://example.com/portfolio",
        "members[1].timezone (U0TOMAS): “?” is not a time zone; use a name such as Europe/Berlin",
    ]


@pytest.mark.parametrize(
    ("member", "expected"),
    [
        (
            {"user_id": "abc", "name": "Ana"},
            "members[0].user_id: “abc” is not a Slack user id: one looks like U012AB3CD "
            "(U or W, then capital letters and digits)",
        ),
        ({"user_id": "U0ANA", "name": None}, "members[0].name (U0ANA): should be text, got null"),
        ({"user_id": "U0ANA", "name": 7}, "members[0].name (U0ANA): should be text, got the number 7"),
        (
            {"user_id": "U0ANA", "name": "Ana", "offers": {}},
            "members[0].offers (U0ANA): should be a list, got an object",
        ),
        ({"user_id": "U0ANA"}, "members[0].name (U0ANA): missing: add this field"),
        ({"name": "Ana"}, "members[0].user_id: missing: add this field"),
        (
            {"user_id": "U0ANA", "name": "Ana", "needs": [{"description": None}]},
            "members[0].needs[0].description (U0ANA): should be text, got null",
        ),
    ],
)
def test_problems_say_what_a_field_should_be_and_whose_it_is(member: dict, expected: str) -> None:
    assert _problems({"version": 1, "team_id": "T0X", "members": [member]}) == [expected]


def test_a_bad_workspace_id_says_what_one_looks_like() -> None:
    assert _problems({"version": 1, "team_id": "acme", "members": []}) == [
        "team_id: “acme” is not a Slack workspace id: one looks like T012AB3CD "
        "(T or E, then capital letters and digits)"
    ]


def test_a_file_that_is_not_utf8_says_to_save_it_as_utf8() -> None:
    latin1 = '{"version": 1,\n"team_id": "T0X", "members": [{"name": "Tomás"}]}'.encode("latin-1")
    with pytest.raises(CommunityFileError) as raised:
        community_file.decode(latin1)
    assert raised.value.problems == [
        "line 2: not UTF-8 text (byte 0xe1); open the file in a text editor and save it as UTF-8"
    ]


def test_utf8_with_a_byte_order_mark_is_read() -> None:
    text = community_file.decode(json.dumps(SMALL).encode("utf-8-sig"))
    assert community_file.parse(text).team_id == "T0SMALL"
