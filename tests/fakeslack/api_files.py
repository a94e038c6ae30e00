"""Slack's external file upload: files.getUploadURLExternal, the upload URL, files.completeUploadExternal.

slack_sdk's ``files_upload_v2`` asks for an upload URL per file (filename, length in bytes), POSTs the raw
bytes to it (Slack also takes a multipart form with the file as one field), then completes the upload with
the file ids and titles and where to share them. Only completing shares a file: one message with ``files``
in each conversation, as Slack posts it. A file id can be completed once; until then it is not a file.
"""

from __future__ import annotations

import copy
import mimetypes
import secrets
import time
from typing import Any

from tests.fakeslack.api_chat import Handler
from tests.fakeslack.wire import ApiError, Reply, invalid, multipart_args, text_reply
from tests.fakeslack.workspace import JSON, Workspace

MAX_ALT_TXT = 1000
UPLOAD_PATH = "/upload/v1/"  # Slack's upload URLs are https://files.slack.com/upload/v1/<opaque key>


def files_get_upload_url_external(ws: Workspace, args: dict[str, Any]) -> JSON:
    filename = args.get("filename")
    if filename is None or filename == "":
        raise invalid("missing required field: filename")
    raw_length = args.get("length")
    if raw_length is None or raw_length == "":
        raise invalid("missing required field: length")
    try:
        length = int(raw_length)
    except (TypeError, ValueError):
        raise invalid("must be an integer [json-pointer:/length]") from None
    if length <= 0:
        raise ApiError("missing_argument")  # Slack's answer to length=0
    alt_txt = args.get("alt_txt")
    if isinstance(alt_txt, str) and len(alt_txt) > MAX_ALT_TXT:
        raise ApiError("alt_txt_too_large")
    file_id = ws.new_id("F")
    key = secrets.token_hex(12)
    ws.upload_keys[key] = file_id
    ws.pending_files[file_id] = {
        "filename": str(filename),
        "length": length,
        "alt_txt": alt_txt or None,
        "snippet_type": args.get("snippet_type") or None,
        "content": None,
    }
    return {"ok": True, "upload_url": f"{ws.base_url}{UPLOAD_PATH}{key}", "file_id": file_id}


# ------------------------------------------------------------------ the upload URL


def upload_content(headers: dict[str, str], body: bytes) -> bytes:
    """The file's bytes from a POST to an upload URL: the body itself, or a multipart form's file field."""
    content_type = headers.get("content-type", "")
    if not content_type.startswith("multipart/form-data"):
        return body
    parts = [value for value in multipart_args(content_type, body).values() if isinstance(value, bytes)]
    return parts[0] if parts else b""


def receive_upload(ws: Workspace, args: dict[str, Any], content: bytes) -> tuple[Reply, JSON]:
    """Stores the bytes POSTed to an upload URL (``args["_url"]``) and answers as Slack does: ``OK - <size>``,
    or 404 for an unknown URL or one whose file was already completed. A second POST replaces the first."""
    file_id = ws.upload_keys.get(str(args["_url"]).rsplit("/", 1)[-1])
    if file_id is None or file_id not in ws.pending_files:
        return text_reply("Not Found", 404), {"ok": False, "error": "not_found"}
    ws.pending_files[file_id]["content"] = content
    args["file_id"] = file_id
    return text_reply(f"OK - {len(content)}"), {"ok": True, "file_id": file_id}


# ------------------------------------------------------------------ completing


def _files_arg(args: dict[str, Any]) -> list[JSON]:
    files = args.get("files")
    if files is None or files == "":
        raise invalid("missing required field: files")
    if (
        not isinstance(files, list)
        or not all(isinstance(f, dict) and f.get("id") for f in files)
        or not files
    ):
        raise invalid("must provide an array of objects with an id [json-pointer:/files]")
    return files


def _uploaded(ws: Workspace, file_id: str) -> JSON:
    """The pending file, uploaded in full; Slack only finalizes a file whose bytes all arrived."""
    pending = ws.pending_files.get(file_id)
    if pending is None or pending["content"] is None:
        raise ApiError("file_not_found")
    size = len(pending["content"])
    if size != pending["length"]:
        # Slack documents no error code for this; the upload never finalizes, so completing must fail.
        raise invalid(
            f"file {file_id} was announced as {pending['length']} bytes but {size} were uploaded "
            "[json-pointer:/files]"
        )
    return pending


def _share_targets(ws: Workspace, args: dict[str, Any]) -> list[str]:
    """Where to share: channel_id (a conversation id), else channels (conversation or user ids, comma
    separated; a user id means the DM with them). Neither: the file stays private."""
    if args.get("channel_id"):
        named = [(str(args["channel_id"]), False)]
    else:
        raw = args.get("channels")
        listed = raw.split(",") if isinstance(raw, str) else raw if isinstance(raw, list) else []
        named = [(str(c).strip(), True) for c in listed if str(c).strip()]
    targets = []
    for name, user_ids_allowed in named:
        try:
            if user_ids_allowed and name in ws.users:
                targets.append(ws.conversation(name, posting=True))
            else:
                targets.append(ws.conversation(name))
        except ApiError as error:
            if error.error == "channel_not_found":
                raise ApiError("invalid_channel") from None
            raise
    return list(dict.fromkeys(targets))


def _file_object(ws: Workspace, file_id: str, pending: JSON, title: str, channels: list[str]) -> JSON:
    name = pending["filename"]
    mimetype = mimetypes.guess_type(name)[0] or "application/octet-stream"
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else "binary"
    now = int(time.time())
    found: JSON = {
        "id": file_id,
        "created": now,
        "timestamp": now,
        "name": name,
        "title": title,
        "mimetype": mimetype,
        "filetype": pending["snippet_type"] or extension,
        "user": ws.bot_user_id,
        "size": len(pending["content"]),
        "is_public": any(not ws.channels[c].is_private and not ws.channels[c].is_im for c in channels),
        "channels": channels,
        "url_private": f"{ws.base_url}/files-pri/{ws.team_id}-{file_id}/{name}",
        "permalink": f"https://fake-team.slack.com/files/{ws.bot_user_id}/{file_id}/{name}",
    }
    if pending["alt_txt"]:
        found["alt_txt"] = pending["alt_txt"]
    return found


def files_complete_upload_external(ws: Workspace, args: dict[str, Any]) -> JSON:
    files = _files_arg(args)
    targets = _share_targets(ws, args)
    ids = [str(item["id"]) for item in files]
    pendings = [_uploaded(ws, file_id) for file_id in ids]  # check them all before completing any
    comment = args.get("initial_comment")
    thread_ts = str(args["thread_ts"]) if args.get("thread_ts") else None
    objects = []
    for item, file_id, pending in zip(files, ids, pendings, strict=True):
        del ws.pending_files[file_id]
        title = str(item.get("title") or pending["filename"])
        objects.append(_file_object(ws, file_id, pending, title, targets))
        ws.uploads.append(
            {
                "file_id": file_id,
                "filename": pending["filename"],
                "title": title,
                "content": pending["content"],
                "alt_txt": pending["alt_txt"],
                "snippet_type": pending["snippet_type"],
                "channel": targets[0] if targets else None,
                "channels": targets,
                "initial_comment": comment,
                "thread_ts": thread_ts,
            }
        )
    for channel_id in targets:
        message = ws.bot_message(str(comment or ""), ws.next_ts())
        message["files"] = copy.deepcopy(objects)
        message["upload"] = True
        if thread_ts:
            message["thread_ts"] = thread_ts
        ws.store(channel_id, message)
    return {"ok": True, "files": objects}


METHODS: dict[str, Handler] = {
    "files.getUploadURLExternal": files_get_upload_url_external,
    "files.completeUploadExternal": files_complete_upload_external,
}
