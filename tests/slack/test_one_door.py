"""Only the delivery core starts a conversation or posts a message, so a new kind of DM cannot bypass
`send_once` (and with it `may_contact` and the delivery key). The few places that answer a member's own
action where they acted are listed, each with its reason; a new one has to be added here, on purpose."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORE = {"bot/slack/delivery.py"}  # send_once: every message Kindred sends on its own initiative
# Web API methods that post something new into a conversation (editing a message, chat.update, does not).
POSTING = {
    "chat_postMessage",
    "chat_scheduleMessage",
    "chat_meMessage",
    "conversations_open",
    "files_upload",
    "files_upload_v2",
    "files_completeUploadExternal",
}
POSTING_NAMES = {
    name.replace("_", ".", 1) for name in POSTING
}  # as `api_call("chat.postMessage")` names them

REPLIES = {
    ("bot/slack/surfaces.py", "chat_postMessage"): (
        "dm(): the last resort of tell(), which answers a member's own command, click or form (or an error"
        " in it) in their DM when there is no response_url or modal to answer in"
    ),
    ("bot/privacy/listeners.py", "conversations_open"): (
        "/kindred export: the file with their data goes to the DM of the member who asked for it"
    ),
    ("bot/privacy/listeners.py", "files_upload_v2"): "/kindred export: the same file",
}


def _posting_calls(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if not isinstance(node, ast.Call):
            continue
        if isinstance(node.func, ast.Attribute) and node.func.attr in POSTING:
            found.add(node.func.attr)
        if isinstance(node.func, ast.Attribute) and node.func.attr == "api_call" and node.args:
            method = node.args[0]
            if isinstance(method, ast.Constant) and method.value in POSTING_NAMES:
                found.add(str(method.value))
    return found


def _everywhere() -> set[tuple[str, str]]:
    return {
        (path.relative_to(ROOT).as_posix(), method)
        for path in sorted((ROOT / "bot").rglob("*.py"))
        for method in _posting_calls(path)
    }


def test_only_the_delivery_core_posts_and_the_listed_replies() -> None:
    outside = {(path, method) for path, method in _everywhere() if path not in CORE}
    unlisted = outside - set(REPLIES)
    assert not unlisted, (
        f"{sorted(unlisted)} post to Slack outside send_once: send a message Kindred starts through"
        " bot/slack/delivery.send_once with its kind; list a reply to a member's own action in REPLIES"
    )


def test_every_listed_reply_still_exists() -> None:
    assert set(REPLIES) <= _everywhere()


def test_the_check_sees_the_core_post() -> None:
    core = {("bot/slack/delivery.py", "chat_postMessage"), ("bot/slack/delivery.py", "conversations_open")}
    assert core <= _everywhere()
