"""Pure builders of outbox actions: the exact API request for each operator action (docs/API.md)."""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from backend_client.api.action_base import Action
from backend_client.api.action_base import field_of as _field
from backend_client.api.action_base import identity as _identity
from backend_client.api.action_base import path_id as _path_id

# The meeting procedure's builders live in their own module; re-exported here with the others.
from backend_client.api.meeting_actions import MEETING_VERBS
from backend_client.api.meeting_actions import add_conclusion as add_conclusion
from backend_client.api.meeting_actions import agenda_next as agenda_next
from backend_client.api.meeting_actions import agenda_previous as agenda_previous
from backend_client.api.meeting_actions import check_in as check_in
from backend_client.api.meeting_actions import check_out as check_out
from backend_client.api.meeting_actions import close_poll as close_poll
from backend_client.api.meeting_actions import create_poll as create_poll
from backend_client.api.meeting_actions import open_poll as open_poll
from backend_client.api.meeting_actions import order_speakers as order_speakers
from backend_client.api.meeting_actions import publish_poll as publish_poll
from backend_client.api.meeting_actions import request_to_speak as request_to_speak
from backend_client.api.meeting_actions import set_current_item as set_current_item
from backend_client.api.meeting_actions import start_speaker as start_speaker
from backend_client.api.meeting_actions import stop_speaker as stop_speaker
from backend_client.api.meeting_actions import withdraw_speaker as withdraw_speaker
from backend_client.api.models import BulkResult
from backend_client.api.validation import parse_as
from backend_client.api.warning_body import check_create_body, check_update_fields
from ioc_domain.alerts import CLOSE_REASONS as _CLOSE_REASONS
from ioc_domain.alerts import MOVE_TARGETS
from ioc_domain.alerts import VERDICTS as _VERDICTS
from ioc_domain.statuses import REPORT_STATUSES as _REPORT_STATUSES
from ioc_domain.statuses import TASK_STATUSES as _TASK_STATUSES

_ALERT_TARGETS = tuple(target for target in MOVE_TARGETS.values() if target is not None)
MAX_UNIT = 200
_TASK_FIELDS = ("status", "title", "description", "assignee_unit", "due_at", "lat", "lon", "ward")
MAX_NOTE = 2000
# Saved views (docs/API.md "Saved view"): checked here too, so a bad one is refused before it is queued.
MAX_VIEW_NAME = 80
MAX_VIEW_DATA_BYTES = 16 * 1024
_VIEW_KIND = re.compile(r"[a-z][a-z0-9_]{0,39}")
_SHA256 = re.compile(r"[0-9a-fA-F]{64}")
MAX_FILE_NAME = 255
SNAPSHOT_KIND = "camera.snapshot"
BULK_KIND = "alert.bulk"
#: Kinds whose answer is a record, not the resource they name: nothing to cache from it. The
#: answer stays on the outbox entry (``entry.response``): a snapshot's audit entry, a bulk
#: action's list of the alerts changed and refused (read it with ``bulk_result_of``); the
#: alerts a bulk action changed reach the cache through their own change events.
RECORD_ONLY_KINDS = frozenset({SNAPSHOT_KIND, BULK_KIND})
#: Writes without a base version that always change the resource when the server accepts them
#: (a vote is recorded, a waiting request withdrawn: anything else is a 409), so the version
#: their answer carries is known to be this console's own doing. The sync engine counts it in
#: the chain of its own versions, so that e.g. closing a poll queued after voting in it is not a
#: conflict with that vote. Check-in/out and asking to speak are not here: done twice, they
#: change nothing, and a version moved meanwhile by someone else must not pass for ours.
UNVERSIONED_CHANGE_KINDS = frozenset({"meeting.vote", "meeting.speaker_withdraw"})


def _note(note: str | None, *, required: bool = False) -> str | None:
    if note is None and not required:
        return None
    if not isinstance(note, str) or not note.strip():
        if required:
            raise ValueError("A note needs some text.")
        return None
    if len(note) > MAX_NOTE:
        raise ValueError(f"A note may have at most {MAX_NOTE} characters (this one has {len(note)}).")
    return note


def _transition(alert: Any, to: str, *, reason: str | None = None, note: str | None = None) -> Action:
    rid, version = _identity(alert)
    body = {"to": to, "version": version, "reason": reason, "note": _note(note)}
    return Action(
        kind=f"alert.{to}",
        method="POST",
        path=f"/alerts/{_path_id(rid)}/transition",
        body=body,
        resource="alert",
        resource_id=rid,
        base_version=version,
    )


def acknowledge_alert(alert: Mapping[str, Any] | Any, note: str | None = None) -> Action:
    return _transition(alert, "acknowledged", note=note)


def start_alert(alert: Mapping[str, Any] | Any) -> Action:
    return _transition(alert, "in_progress")


def close_alert(alert: Mapping[str, Any] | Any, reason: str, note: str | None = None) -> Action:
    if reason not in _CLOSE_REASONS:
        raise ValueError(f"Close reason {reason!r} is not one of {', '.join(_CLOSE_REASONS)}.")
    return _transition(alert, "closed", reason=reason, note=note)


def verify_alert(alert: Mapping[str, Any] | Any, verdict: str, note: str | None = None) -> Action:
    """The operator checked the alert on camera: ``confirmed``, or ``false_alarm`` (which closes it)."""
    if verdict not in _VERDICTS:
        raise ValueError(f"Verdict {verdict!r} is not one of {', '.join(_VERDICTS)}.")
    rid, version = _identity(alert)
    body = {"verdict": verdict, "version": version, "note": _note(note)}
    return Action(
        kind="alert.verify",
        method="POST",
        path=f"/alerts/{_path_id(rid)}/verify",
        body=body,
        resource="alert",
        resource_id=rid,
        base_version=version,
    )


def dispatch_alert(alert: Mapping[str, Any] | Any, unit: str, note: str | None = None) -> Action:
    """Hand the alert to the unit in charge (ward police, fire and rescue...); it moves to in_progress."""
    if not isinstance(unit, str) or not unit.strip():
        raise ValueError("Name the unit the alert is dispatched to.")
    unit = unit.strip()
    if len(unit) > MAX_UNIT:
        raise ValueError(f"A unit name may have at most {MAX_UNIT} characters (this one has {len(unit)}).")
    rid, version = _identity(alert)
    body = {"unit": unit, "version": version, "note": _note(note)}
    return Action(
        kind="alert.dispatch",
        method="POST",
        path=f"/alerts/{_path_id(rid)}/dispatch",
        body=body,
        resource="alert",
        resource_id=rid,
        base_version=version,
    )


def add_alert_note(alert: Mapping[str, Any] | Any, text: str) -> Action:
    """Notes append without a version check on the server; base_version only records what was seen."""
    rid, version = _identity(alert)
    return Action(
        kind="alert.note",
        method="POST",
        path=f"/alerts/{_path_id(rid)}/notes",
        body={"text": _note(text, required=True)},
        resource="alert",
        resource_id=rid,
        base_version=version,
    )


def set_report_status(
    report: Mapping[str, Any] | Any,
    status: str,
    note: str | None = None,
    agency_responsible: str | None = None,
    satisfaction: int | None = None,
) -> Action:
    """Move a report to ``status``; ``satisfaction`` (the citizen's rating, 1..5) only when closing it."""
    if status not in _REPORT_STATUSES:
        raise ValueError(f"Report status {status!r} is not one of {', '.join(_REPORT_STATUSES)}.")
    if satisfaction is not None:
        if status != "closed":
            raise ValueError("A satisfaction rating is given only when closing a report.")
        if isinstance(satisfaction, bool) or not isinstance(satisfaction, int) or not 1 <= satisfaction <= 5:
            raise ValueError(f"A satisfaction rating is an integer from 1 to 5, not {satisfaction!r}.")
    rid, version = _identity(report)
    body: dict[str, Any] = {"status": status, "version": version}
    if _note(note) is not None:
        body["note"] = note
    if agency_responsible is not None:
        body["agency_responsible"] = agency_responsible
    if satisfaction is not None:
        body["satisfaction"] = satisfaction
    return Action(
        kind="report.status",
        method="PATCH",
        path=f"/reports/{_path_id(rid)}",
        body=body,
        resource="report",
        resource_id=rid,
        base_version=version,
    )


def update_task(task: Mapping[str, Any] | Any, **fields: Any) -> Action:
    unknown = sorted(set(fields) - set(_TASK_FIELDS))
    if unknown:
        raise ValueError(f"update_task got unknown fields {unknown}; allowed: {', '.join(_TASK_FIELDS)}.")
    if not fields:
        raise ValueError("update_task needs at least one field to change.")
    if "status" in fields and fields["status"] not in _TASK_STATUSES:
        raise ValueError(f"Task status {fields['status']!r} is not one of {', '.join(_TASK_STATUSES)}.")
    rid, version = _identity(task)
    body: dict[str, Any] = {"version": version}
    for name, value in fields.items():
        # A due date may be a datetime; the outbox stores JSON, so send the ISO text the API expects.
        body[name] = value.isoformat() if hasattr(value, "isoformat") else value
    return Action(
        kind="task.update",
        method="PATCH",
        path=f"/tasks/{_path_id(rid)}",
        body=body,
        resource="task",
        resource_id=rid,
        base_version=version,
    )


def view_name(name: str) -> str:
    """A saved view's name as the server stores it (trimmed, NFC); ValueError if it would be refused."""
    if not isinstance(name, str):
        raise ValueError("A view name must be text.")
    # NFC like the server: Vietnamese typed with combining accents must equal the precomposed name.
    cleaned = unicodedata.normalize("NFC", name).strip()
    if not cleaned:
        raise ValueError("A view needs a name.")
    if len(cleaned) > MAX_VIEW_NAME:
        raise ValueError(f"A view name may have at most {MAX_VIEW_NAME} characters (this one has {len(cleaned)}).")
    if any(unicodedata.category(ch) in ("Cc", "Zl", "Zp") for ch in cleaned):
        raise ValueError("A view name may not contain control characters or line breaks.")
    return cleaned


def _view_data(data: Mapping[str, Any]) -> dict[str, Any]:
    if not isinstance(data, Mapping):
        raise ValueError("A view's settings must be a JSON object.")
    try:
        encoded = json.dumps(dict(data), ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"A view's settings cannot be stored as JSON: {exc}.") from exc
    size = len(encoded.encode("utf-8"))
    if size > MAX_VIEW_DATA_BYTES:
        raise ValueError(f"A view's settings may take at most {MAX_VIEW_DATA_BYTES} bytes (these take {size}).")
    return json.loads(encoded)  # a plain copy: later changes to the caller's dict do not leak in


def create_view(name: str, kind: str, data: Mapping[str, Any]) -> Action:
    """Save a new view (``POST /me/views``); it has no id until the server answers."""
    if not isinstance(kind, str) or not _VIEW_KIND.fullmatch(kind):
        raise ValueError(f"View kind {kind!r} must be lower-case letters, digits and '_' (at most 40).")
    body = {"name": view_name(name), "kind": kind, "data": _view_data(data)}
    return Action(kind="view.create", method="POST", path="/me/views", body=body, resource="view")


def update_view(
    view: Mapping[str, Any] | Any, name: str | None = None, data: Mapping[str, Any] | None = None
) -> Action:
    """Rename a view and/or replace its settings (``PATCH /me/views/{id}``), based on the version seen."""
    if name is None and data is None:
        raise ValueError("update_view needs a new name, new settings, or both.")
    rid, version = _identity(view)
    body: dict[str, Any] = {"version": version}
    if name is not None:
        body["name"] = view_name(name)
    if data is not None:
        body["data"] = _view_data(data)
    return Action(
        kind="view.update",
        method="PATCH",
        path=f"/me/views/{_path_id(rid)}",
        body=body,
        resource="view",
        resource_id=rid,
        base_version=version,
    )


def delete_view(view: Mapping[str, Any] | Any) -> Action:
    """Delete a view (``DELETE /me/views/{id}?version=N``: the version travels in the query, no body)."""
    rid, version = _identity(view)
    return Action(
        kind="view.delete",
        method="DELETE",
        path=f"/me/views/{_path_id(rid)}?version={version}",
        body=None,
        resource="view",
        resource_id=rid,
        base_version=version,
    )


def vote(meeting: Mapping[str, Any] | Any, poll_id: int, option: int) -> Action:
    """Vote for ``option`` (0-based) in a poll of ``meeting``: once, the server refuses a second vote
    (409 ``already_voted``) and a replay of this action under its Idempotency-Key answers as the
    first time.

    No base version: a vote is not stale because someone else voted or the meeting changed
    meanwhile (docs/API.md). When the meeting the operator saw lists the poll, the option is
    checked against it and a poll seen in draft, closed or published is refused.
    """
    rid, _version = _identity(meeting)
    if isinstance(poll_id, bool) or not isinstance(poll_id, int) or poll_id < 1:
        raise ValueError(f"A poll id must be a positive integer, not {poll_id!r}.")
    if isinstance(option, bool) or not isinstance(option, int) or option < 0:
        raise ValueError(f"An option must be a number from 0, not {option!r}.")
    polls = meeting.get("polls") if isinstance(meeting, Mapping) else getattr(meeting, "polls", None)
    for poll in polls or ():
        poll_map = poll if isinstance(poll, Mapping) else poll.model_dump()
        if poll_map.get("id") != poll_id:
            continue
        if poll_map.get("status") == "draft":
            raise ValueError(f"Poll {poll_id} is not open yet.")
        if poll_map.get("status") in ("closed", "published"):
            raise ValueError(f"Poll {poll_id} is closed; votes are no longer accepted.")
        if option >= len(poll_map.get("options") or ()):
            raise ValueError(f"Poll {poll_id} has options 0..{len(poll_map.get('options') or ()) - 1}, not {option}.")
    return Action(
        kind="meeting.vote",
        method="POST",
        path=f"/meetings/{_path_id(rid)}/polls/{poll_id}/vote",
        body={"option": option},
        resource="meeting",
        resource_id=rid,
        base_version=None,
    )


def snapshot_body(taken_at: datetime, sha256: str, file_name: str) -> dict[str, Any]:
    """The body of ``POST /cameras/{id}/snapshots``; ValueError for what the server would refuse."""
    if not isinstance(taken_at, datetime) or taken_at.tzinfo is None or taken_at.utcoffset() is None:
        raise ValueError("taken_at must be a datetime with a time zone (UTC).")
    if not isinstance(sha256, str) or not _SHA256.fullmatch(sha256):
        raise ValueError("sha256 must be 64 hexadecimal digits.")
    if not isinstance(file_name, str) or not file_name.strip() or len(file_name) > MAX_FILE_NAME:
        raise ValueError(f"file_name must be 1..{MAX_FILE_NAME} characters.")
    return {"taken_at": taken_at.isoformat(), "sha256": sha256.lower(), "file_name": file_name}


def record_snapshot(camera: Mapping[str, Any] | Any, taken_at: datetime, sha256: str, file_name: str) -> Action:
    """Record a snapshot saved at the console in the backend's audit ("snapshot taken").

    Queued in the outbox like any action, so a snapshot taken offline is recorded when the
    backend is back, once (the entry's idempotency key). No base version: a snapshot does
    not depend on the camera's state. The answer is the audit entry, never cached as the camera.
    """
    rid = _field(camera, "id") if not isinstance(camera, str) else camera
    if rid is None or str(rid) == "":
        raise ValueError("The camera has an empty id.")
    rid = str(rid)
    return Action(
        kind=SNAPSHOT_KIND,
        method="POST",
        path=f"/cameras/{_path_id(rid)}/snapshots",
        body=snapshot_body(taken_at, sha256, file_name),
        resource="camera",
        resource_id=rid,
        base_version=None,
    )


# --------------------------------------------------------------------------- bulk triage
#: POST /alerts/bulk: what one request may do to many alerts, and to how many at most.
BULK_ACTIONS = ("acknowledge", "false_alarm", "close", "dispatch")
MAX_BULK_ITEMS = 500


def _alert_id(obj: Mapping[str, Any] | Any) -> int:
    rid = _field(obj, "id")
    if isinstance(rid, str) and rid.isdecimal():
        rid = int(rid)  # an id as the cache keys it
    if isinstance(rid, bool) or not isinstance(rid, int) or rid < 1:
        raise ValueError(f"An alert id must be a positive integer, not {rid!r}.")
    return rid


def bulk_alert_action(
    action: str,
    alerts: Iterable[Mapping[str, Any] | Any],
    *,
    reason: str | None = None,
    unit: str | None = None,
    note: str | None = None,
) -> Action:
    """One request acting on many alerts (``POST /alerts/bulk``), each at the version the operator saw.

    ``action``: ``acknowledge``, ``false_alarm``, ``close`` (with ``reason``) or ``dispatch``
    (with ``unit``). The server checks every alert on its own and answers which were changed
    and which were refused (changed meanwhile, or the move no longer possible); that answer is
    recorded on the outbox entry (``bulk_result_of``) rather than merged into the cache, which
    the changed alerts reach through their own change events. No base version: the versions
    travel per alert in the body.
    """
    if action not in BULK_ACTIONS:
        raise ValueError(f"Bulk action {action!r} is not one of {', '.join(BULK_ACTIONS)}.")
    items: list[dict[str, int]] = []
    seen: set[int] = set()
    for alert in alerts:
        rid = _alert_id(alert)
        _, version = _identity(alert)
        if rid in seen:
            raise ValueError(f"Alert {rid} is selected twice; each alert may appear once.")
        seen.add(rid)
        items.append({"id": rid, "version": version})
    if not items:
        raise ValueError("A bulk action needs at least one alert.")
    if len(items) > MAX_BULK_ITEMS:
        raise ValueError(f"A bulk action may change at most {MAX_BULK_ITEMS} alerts (this one has {len(items)}).")
    body: dict[str, Any] = {"action": action, "items": items}
    if action == "close":
        if reason not in _CLOSE_REASONS:
            raise ValueError(f"Close reason {reason!r} is not one of {', '.join(_CLOSE_REASONS)}.")
        body["reason"] = reason
    elif reason is not None:
        raise ValueError("Only closing takes a reason.")
    if action == "dispatch":
        if not isinstance(unit, str) or not unit.strip():
            raise ValueError("Name the unit the alerts are dispatched to.")
        unit = unit.strip()
        if len(unit) > MAX_UNIT:
            raise ValueError(f"A unit name may have at most {MAX_UNIT} characters (this one has {len(unit)}).")
        body["unit"] = unit
    elif unit is not None:
        raise ValueError("Only dispatching takes a unit.")
    body["note"] = _note(note)
    return Action(kind=BULK_KIND, method="POST", path="/alerts/bulk", body=body, resource="alert")


def bulk_result_of(entry: Mapping[str, Any] | Any) -> BulkResult | None:
    """Which alerts an applied bulk action changed and which it left alone, from its outbox entry.

    None when the entry is not a bulk action or has no answer yet (pending, refused, withdrawn).
    An answer that breaks the contract raises ``BadResponse`` naming the field.
    """
    get = entry.get if isinstance(entry, Mapping) else lambda name: getattr(entry, name, None)
    if get("kind") != BULK_KIND or get("state") != "applied":
        return None
    response = get("response")
    if response is None:
        return None
    return parse_as(BulkResult, response, what="bulk action answer")


# --------------------------------------------------------------------------- public warnings (CAP)
WARNING_CREATE_KIND = "warning.create"
WARNING_UPDATE_KIND = "warning.update"
WARNING_PUBLISH_KIND = "warning.publish"


def _draft_identity(warning: Mapping[str, Any] | Any) -> tuple[str, int]:
    rid, version = _identity(warning)
    state = warning.get("state") if isinstance(warning, Mapping) else getattr(warning, "state", None)
    if state is not None and state != "draft":
        # Published and imported warnings are immutable: a change is a new Update/Cancel message.
        raise ValueError(f"Warning {rid} is {state}; only a draft can be changed or published.")
    return rid, version


def create_warning_action(body: Mapping[str, Any]) -> Action:
    """Draft a public warning (``POST /warnings``), usually prefilled from a confirmed alert
    (``ioc_domain.cap.draft_from_alert``). The answer, the new draft, is cached as a "warning"."""
    checked = check_create_body(body)
    return Action(kind=WARNING_CREATE_KIND, method="POST", path="/warnings", body=checked, resource="warning")


def update_warning_action(warning: Mapping[str, Any] | Any, **fields: Any) -> Action:
    """Change a draft's ``info``, ``area`` and/or ``status`` (``PATCH /warnings/{id}``), based on
    the version the operator saw."""
    rid, version = _draft_identity(warning)
    body = {"version": version, **check_update_fields(fields)}
    return Action(
        kind=WARNING_UPDATE_KIND,
        method="PATCH",
        path=f"/warnings/{_path_id(rid)}",
        body=body,
        resource="warning",
        resource_id=rid,
        base_version=version,
    )


def publish_warning_action(warning: Mapping[str, Any] | Any) -> Action:
    """Publish a draft (``POST /warnings/{id}/publish``; supervisors and admins): it gets its CAP
    ``sent`` time and never changes again."""
    rid, version = _draft_identity(warning)
    return Action(
        kind=WARNING_PUBLISH_KIND,
        method="POST",
        path=f"/warnings/{_path_id(rid)}/publish",
        body={"version": version},
        resource="warning",
        resource_id=rid,
        base_version=version,
    )


MAX_NOTE_TEXT = 20_000
MAX_NOTE_HIGHLIGHTS = 200
_RECT_KEYS = ("x", "y", "width", "height")


def _note_text(text: str) -> str:
    if not isinstance(text, str):
        raise ValueError("A note's text must be a string.")
    cleaned = unicodedata.normalize("NFC", text)
    if "\x00" in cleaned:
        raise ValueError("A note cannot contain the NUL character.")
    if len(cleaned) > MAX_NOTE_TEXT:
        raise ValueError(f"A note may have at most {MAX_NOTE_TEXT} characters (this one has {len(cleaned)}).")
    return cleaned


def _note_highlights(highlights: Iterable[Mapping[str, Any]]) -> list[dict[str, float]]:
    out: list[dict[str, float]] = []
    for rect in highlights:
        values: dict[str, float] = {}
        for k in _RECT_KEYS:
            v = rect.get(k) if isinstance(rect, Mapping) else getattr(rect, k, None)
            if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v) or v < 0:
                raise ValueError(f"A highlight's {k} must be a finite number from 0, not {v!r}.")
            values[k] = float(v)
        if values["width"] <= 0 or values["height"] <= 0:
            raise ValueError("A highlight needs a width and a height above 0.")
        out.append(values)
    if len(out) > MAX_NOTE_HIGHLIGHTS:
        raise ValueError(f"A note may have at most {MAX_NOTE_HIGHLIGHTS} highlights.")
    return out


def create_note(document_id: int, page: int, text: str = "", highlights: Iterable[Mapping[str, Any]] = ()) -> Action:
    """Write a private note on ``page`` (1-based) of a meeting document (``POST /me/notes``)."""
    for name, value in (("document id", document_id), ("page", page)):
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ValueError(f"A note's {name} must be a positive integer, not {value!r}.")
    body = {
        "document_id": document_id,
        "page": page,
        "text": _note_text(text),
        "highlights": _note_highlights(highlights),
    }
    return Action(kind="note.create", method="POST", path="/me/notes", body=body, resource="note")


def update_note(
    note: Mapping[str, Any] | Any, text: str | None = None, highlights: Iterable[Mapping[str, Any]] | None = None
) -> Action:
    """Change a note's text and/or highlights (``PATCH /me/notes/{id}``), based on the version seen."""
    if text is None and highlights is None:
        raise ValueError("update_note needs a new text, new highlights, or both.")
    rid, version = _identity(note)
    body: dict[str, Any] = {"version": version}
    if text is not None:
        body["text"] = _note_text(text)
    if highlights is not None:
        body["highlights"] = _note_highlights(highlights)
    return Action(
        kind="note.update",
        method="PATCH",
        path=f"/me/notes/{_path_id(rid)}",
        body=body,
        resource="note",
        resource_id=rid,
        base_version=version,
    )


def delete_note(note: Mapping[str, Any] | Any) -> Action:
    """Delete a note (``DELETE /me/notes/{id}?version=N``)."""
    rid, version = _identity(note)
    return Action(
        kind="note.delete",
        method="DELETE",
        path=f"/me/notes/{_path_id(rid)}?version={version}",
        body=None,
        resource="note",
        resource_id=rid,
        base_version=version,
    )


def with_version(body: Mapping[str, Any], version: int) -> dict[str, Any]:
    """The same request based on another version (resolving a conflict by redoing it on the current state)."""
    redone = dict(body)
    if "version" in redone:
        redone["version"] = version
    return redone


def describe(action: Action | Any) -> str:
    """Short English text for logs, e.g. 'acknowledge alert 17' (the console translates its own)."""
    kind = getattr(action, "kind", "")
    rid = getattr(action, "resource_id", "") or ""
    body = getattr(action, "body", None) or {}
    verbs = {
        "alert.acknowledged": "acknowledge alert",
        "alert.in_progress": "start work on alert",
        "alert.closed": "close alert",
        "alert.note": "add a note to alert",
        "alert.verify": "verify alert",
        "alert.dispatch": "dispatch alert",
        "report.status": "change the status of report",
        "task.update": "update task",
        "meeting.vote": "vote in a poll of meeting",
        **MEETING_VERBS,
        "view.create": "save view",
        "view.update": "change saved view",
        "view.delete": "delete saved view",
        "note.create": "write a private note",
        "note.update": "change private note",
        "note.delete": "delete private note",
        SNAPSHOT_KIND: "record a snapshot of camera",
        WARNING_CREATE_KIND: "draft a public warning",
        WARNING_UPDATE_KIND: "change draft warning",
        WARNING_PUBLISH_KIND: "publish warning",
    }
    text = f"{verbs.get(kind, kind)} {rid}".strip()
    if kind == "alert.closed" and body.get("reason"):
        text += f" ({body['reason']})"
    elif kind == "alert.verify" and body.get("verdict"):
        text += f" ({body['verdict']})"
    elif kind == "alert.dispatch" and isinstance(body.get("unit"), str):
        text += f" to {body['unit']!r}"
    elif kind == "report.status" and body.get("status"):
        text += f" to {body['status']}"
    elif kind == "task.update":
        text += " (" + ", ".join(sorted(k for k in body if k != "version")) + ")"
    elif kind in ("view.create", "view.update") and isinstance(body.get("name"), str):
        text += f" {body['name']!r}"
    elif kind == BULK_KIND:
        items = body.get("items")
        count = len(items) if isinstance(items, list) else 0
        text = f"bulk {body.get('action', '?')} of {count} alert(s)"
        if body.get("reason"):
            text += f" ({body['reason']})"
        elif isinstance(body.get("unit"), str):
            text += f" to {body['unit']!r}"
    elif kind == WARNING_CREATE_KIND and body.get("alert_id") is not None:
        text += f" from alert {body['alert_id']}"
    return text
