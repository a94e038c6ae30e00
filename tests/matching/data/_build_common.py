"""Throwaway helpers for building the labelled sets. Deleted after use."""

import json
import random
from pathlib import Path

HERE = Path(__file__).parent


def O(desc, skills=(), details="", fmt="call", cap=None, links=(), status="active"):
    return {
        "description": desc,
        "skills": list(skills),
        "details": details,
        "format": fmt,
        "monthly_capacity": cap,
        "links": list(links),
        "status": status,
    }


def N(key, desc, skills=(), details="", urgency="normal", vis="shared", links=(), status="open"):
    return (
        key,
        {
            "description": desc,
            "skills": list(skills),
            "details": details,
            "urgency": urgency,
            "visibility": vis,
            "links": list(links),
            "status": status,
        },
    )


def P(name, desc, skills=(), help_wanted="", links=(), status="active"):
    return {
        "name": name,
        "description": desc,
        "skills": list(skills),
        "help_wanted": help_wanted,
        "links": list(links),
        "status": status,
    }


def M(key, name, title, tz, bio, offers=(), needs=(), projects=(), links=(), status="active", cadence="weekly"):
    return {
        "key": key,
        "name": name,
        "title": title,
        "timezone": tz,
        "links": list(links),
        "bio": bio,
        "status": status,
        "digest_cadence": cadence,
        "offers": list(offers),
        "needs": list(needs),
        "projects": list(projects),
    }


def build(members, team_id, prefix, seed, labels, kindred, never, community_file, labels_file):
    members = list(members)
    random.Random(seed).shuffle(members)
    ids = {}
    need_text = {}
    need_owner = {}
    out_members = []
    for i, m in enumerate(members, start=1):
        uid = f"{prefix}{i:03d}"
        assert m["key"] not in ids, m["key"]
        ids[m["key"]] = uid
    for m in members:
        needs = []
        for key, need in m["needs"]:
            if key:
                assert key not in need_text, key
                need_text[key] = need["description"]
                need_owner[key] = m["key"]
            needs.append(need)
        out_members.append(
            {
                "user_id": ids[m["key"]],
                "name": m["name"],
                "title": m["title"],
                "timezone": m["timezone"],
                "links": m["links"],
                "bio": m["bio"],
                "status": m["status"],
                "digest_cadence": m["digest_cadence"],
                "offers": m["offers"],
                "needs": needs,
                "projects": m["projects"],
            }
        )
    community = {"version": 1, "team_id": team_id, "members": out_members}
    missing = set(need_text) - set(labels)
    extra = set(labels) - set(need_text)
    assert not missing and not extra, (missing, extra)
    can_help = []
    for key, (helpers, why) in labels.items():
        can_help.append(
            {
                "user_id": ids[need_owner[key]],
                "need": need_text[key],
                "helpers": sorted(ids[h] for h in helpers),
                "why": why,
            }
        )
    can_help.sort(key=lambda e: (e["user_id"], e["need"]))
    out_labels = {
        "can_help": can_help,
        "kindred": [{"a": ids[a], "b": ids[b], "why": why} for a, b, why in kindred],
        "never": [{"a": ids[a], "b": ids[b], "why": why} for a, b, why in never],
    }
    (HERE / community_file).write_text(json.dumps(community, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (HERE / labels_file).write_text(json.dumps(out_labels, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return ids
