"""Every row as the API shows it (docs/API.md): the seven resources, users, saved views, meeting summaries."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, overload

from ioc_backend.db import models
from ioc_backend.timeutil import iso
from ioc_domain.camera_urls import redact_url

API_PREFIX = "/api/v1"


def camera_dict(c: models.Camera) -> dict[str, Any]:
    # The backend's own stream URLs depend on the host the client reached us by, so they are
    # added per request by ``present`` and never stored: the stored payload holds the vendor
    # URLs an administrator set (or null), which ``present`` also redacts for roles that may
    # not play video (see with_stream_urls). getattr: bulk-seeded rows and rows from before
    # revision 0002 may lack the newer fields.
    return {
        "id": c.id,
        "name": c.name,
        "ward": c.ward,
        "category": c.category,
        "lat": c.lat,
        "lon": c.lon,
        "ptz": c.ptz,
        "status": c.status,
        "main_stream_url": getattr(c, "main_stream_url", None),
        "sub_stream_url": getattr(c, "sub_stream_url", None),
        "ptz_presets": [dict(p) for p in getattr(c, "ptz_presets", None) or []],
        "version": c.version,
        "updated_at": iso(c.updated_at),
    }


def _copy_or_none(value: dict[str, Any] | None) -> dict[str, Any] | None:
    return dict(value) if value else None


def alert_dict(a: models.Alert) -> dict[str, Any]:
    return {
        "id": a.id,
        "analytic": a.analytic,
        "severity": a.severity,
        "camera_id": a.camera_id,
        "ward": a.ward,
        "lat": a.lat,
        "lon": a.lon,
        "detected_at": iso(a.detected_at),
        "confidence": a.confidence,
        "bbox": list(a.bbox),
        "state": a.state,
        "close_reason": a.close_reason,
        "owner": a.owner,
        "notes": list(a.notes or []),
        # Rows of databases older than these columns (and bulk-seeded ones) have none.
        "verification": _copy_or_none(getattr(a, "verification", None)),
        "dispatch": _copy_or_none(getattr(a, "dispatch", None)),
        "snapshot_url": f"{API_PREFIX}/alerts/{a.id}/snapshot.jpg",
        # Triage (revision 0003); rows from before it count as one detection with no SLA.
        "detections": getattr(a, "detections", None) or 1,
        "first_detected_at": iso(getattr(a, "first_detected_at", None) or a.detected_at),
        "last_detected_at": iso(getattr(a, "last_detected_at", None) or a.detected_at),
        "acknowledged_at": iso(getattr(a, "acknowledged_at", None)),
        "closed_at": iso(getattr(a, "closed_at", None)),
        "ack_due_at": iso(getattr(a, "ack_due_at", None)),
        "close_due_at": iso(getattr(a, "close_due_at", None)),
        "sla_breached": bool(getattr(a, "sla_breached", False)),
        "sla_breached_at": iso(getattr(a, "sla_breached_at", None)),
        # The sensor whose threshold episode raised the alert (revision 0006), else null.
        "sensor_id": getattr(a, "sensor_id", None),
        "version": a.version,
        "updated_at": iso(a.updated_at),
    }


def report_dict(r: models.Report) -> dict[str, Any]:
    return {
        "id": r.id,
        "source": r.source,
        "service_code": r.service_code,
        "service_name": r.service_name,
        "description": r.description,
        "status": r.status,
        "ward": r.ward,
        "lat": r.lat,
        "lon": r.lon,
        "address": r.address,
        "agency_responsible": r.agency_responsible,
        "requested_datetime": iso(r.requested_datetime),
        "updated_datetime": iso(r.updated_datetime),
        "expected_datetime": iso(r.expected_datetime),
        "satisfaction": r.satisfaction,
        "version": r.version,
        "updated_at": iso(r.updated_at),
    }


def sensor_thresholds(s: Any) -> dict[str, float] | None:
    """{"warning", "alarm"} of a sensor (revision 0006), or None when either is unknown."""
    warning, alarm = getattr(s, "threshold_warning", None), getattr(s, "threshold_alarm", None)
    if warning is None or alarm is None:
        return None
    return {"warning": float(warning), "alarm": float(alarm)}


def sensor_dict(s: models.Sensor) -> dict[str, Any]:
    return {
        "id": s.id,
        "name": s.name,
        "kind": s.kind,
        "ward": s.ward,
        "lat": s.lat,
        "lon": s.lon,
        "unit": dict(s.unit),
        "last_result": s.last_result,
        "last_phenomenon_time": iso(s.last_phenomenon_time),
        "status": s.status,
        "thresholds": sensor_thresholds(s),
        "version": s.version,
        "updated_at": iso(s.updated_at),
    }


def task_dict(t: models.Task) -> dict[str, Any]:
    return {
        "id": t.id,
        "title": t.title,
        "description": t.description,
        "assignee_unit": t.assignee_unit,
        "status": t.status,
        "due_at": iso(t.due_at),
        "created_by": t.created_by,
        "meeting_id": t.meeting_id,
        # The meeting conclusion the task carries out (revision 0007), else null.
        "conclusion_id": getattr(t, "conclusion_id", None),
        # An optional place (revision 0004); getattr: bulk-seeded rows and older rows may lack it.
        "lat": getattr(t, "lat", None),
        "lon": getattr(t, "lon", None),
        "ward": getattr(t, "ward", None),
        "version": t.version,
        "updated_at": iso(t.updated_at),
    }


_NO_ATTENDANCE = {"present": 0, "members": 0, "quorum_needed": 0, "quorum_reached": True}


def meeting_dict(m: models.Meeting) -> dict[str, Any]:
    return {
        "id": m.id,
        "title": m.title,
        "location": m.location,
        "starts_at": iso(m.starts_at),
        "ends_at": iso(m.ends_at),
        "status": m.status,
        "agenda": list(m.agenda or []),
        # Rows of databases older than these columns (and bulk-seeded ones) have none.
        "documents": list(getattr(m, "documents", None) or []),
        "polls": list(getattr(m, "polls", None) or []),
        # Revision 0007: the quorum setting, the members with their meeting roles, the attendance count.
        "quorum": _copy_or_none(getattr(m, "quorum", None)),
        "members": list(getattr(m, "members", None) or []),
        "attendance": dict(getattr(m, "attendance", None) or _NO_ATTENDANCE),
        "version": m.version,
        "updated_at": iso(m.updated_at),
    }


def document_summary(doc: Any) -> dict[str, Any]:
    return {
        "id": doc.id,
        "filename": doc.filename,
        "size": doc.size,
        "sha256": doc.sha256,
        "uploaded_at": iso(doc.uploaded_at),
    }


def poll_summary(poll: models.MeetingPoll, votes_cast: int) -> dict[str, Any]:
    """A poll as every reader of the meeting sees it (the meeting, /sync, events).

    The tallies (``votes``) only once published: while a poll is open its readers see how many
    have voted, never how (the chair reads a named poll's live tally from GET .../polls/{id}).
    """
    return {
        "id": poll.id,
        "question": poll.question,
        "options": list(poll.options),
        "kind": poll.kind or "named",
        "status": poll.status,
        "votes_cast": votes_cast,
        "eligible": poll.eligible_count,
        "votes": list(poll.tallies) if poll.status == "published" else None,
    }


def note_dict(note: models.PrivateNote) -> dict[str, Any]:
    return {
        "id": note.id,
        "meeting_id": note.meeting_id,
        "document_id": note.document_id,
        "page": note.page,
        "text": note.text,
        "highlights": [dict(h) for h in note.highlights or []],
        "version": note.version,
        "created_at": iso(note.created_at),
        "updated_at": iso(note.updated_at),
    }


def presenter_dict(p: models.MeetingPresenter) -> dict[str, Any]:
    """What the room is shown (resource ``meeting_presenter``, id = the meeting's); ``revision``
    grows with every change, so a follower drops a state older than the one it shows."""
    return {
        "id": p.id,
        "meeting_id": p.id,
        "presenter_id": p.presenter_id,
        "view": dict(p.view or {}),
        "revision": p.version,
        "version": p.version,
        "updated_at": iso(p.updated_at),
    }


def warning_dict(w: models.PublicWarning) -> dict[str, Any]:
    return {
        "id": w.id,
        "identifier": w.identifier,
        "sender": w.sender,
        "state": w.state,
        "status": w.status,
        "msg_type": w.msg_type,
        "scope": w.scope,
        "sent": iso(w.sent),
        "references": w.references,
        "references_id": w.references_id,
        "alert_id": w.alert_id,
        "info": [dict(block) for block in w.info or []],
        "area": dict(w.area or {}),
        "created_by": w.created_by,
        "created_at": iso(w.created_at),
        "published_by": w.published_by,
        "cap_url": f"{API_PREFIX}/warnings/{w.id}/cap.xml",
        "version": w.version,
        "updated_at": iso(w.updated_at),
    }


def view_dict(view: models.SavedView) -> dict[str, Any]:
    return {
        "id": view.id,
        "name": view.name,
        "kind": view.kind,
        "data": dict(view.data or {}),
        "version": view.version,
        "created_at": iso(view.created_at),
        "updated_at": iso(view.updated_at),
    }


def user_dict(u: models.User) -> dict[str, Any]:
    return {"id": u.id, "username": u.username, "full_name": u.full_name, "role": u.role}


# resource name (as in sync/events) -> (model, serializer)
# The model classes of the six synced resources (each carries version, seq and sync_json).
ResourceModel = (
    type[models.Camera]
    | type[models.Alert]
    | type[models.Report]
    | type[models.Sensor]
    | type[models.Task]
    | type[models.Meeting]
    | type[models.PublicWarning]
    | type[models.MeetingPresenter]
)
RESOURCES: dict[str, tuple[ResourceModel, Callable[[Any], dict[str, Any]]]] = {
    "camera": (models.Camera, camera_dict),
    "alert": (models.Alert, alert_dict),
    "report": (models.Report, report_dict),
    "sensor": (models.Sensor, sensor_dict),
    "task": (models.Task, task_dict),
    "meeting": (models.Meeting, meeting_dict),
    "warning": (models.PublicWarning, warning_dict),
    "meeting_presenter": (models.MeetingPresenter, presenter_dict),
}
RESOURCE_OF_MODEL: dict[type[models.Base], str] = {model: name for name, (model, _) in RESOURCES.items()}


def serialize(row: Any) -> dict[str, Any]:
    return RESOURCES[RESOURCE_OF_MODEL[type(row)]][1](row)


def with_stream_urls(data: dict[str, Any], base_url: str, *, reveal_credentials: bool) -> dict[str, Any]:
    """A stored camera payload as a client sees it: a vendor URL set by an administrator, else
    the backend's own MJPEG stream; credentials inside a vendor URL only for roles that may
    play video (``reveal_credentials``), ``***`` for the others."""
    base = base_url.rstrip("/")
    out = dict(data)
    for which, field in (("main", "main_stream_url"), ("sub", "sub_stream_url")):
        vendor = data.get(field)
        if isinstance(vendor, str) and vendor:
            out[field] = vendor if reveal_credentials else redact_url(vendor)
        else:
            out[field] = f"{base}{API_PREFIX}/streams/{data['id']}/{which}.mjpeg"
    out.setdefault("ptz_presets", [])  # change events stored before revision 0002 lack it
    return out


@overload
def present(resource: str, data: dict[str, Any], base_url: str, *, reveal_credentials: bool) -> dict[str, Any]: ...
@overload
def present(resource: str, data: None, base_url: str, *, reveal_credentials: bool) -> None: ...
def present(
    resource: str, data: dict[str, Any] | None, base_url: str, *, reveal_credentials: bool
) -> dict[str, Any] | None:
    """A stored payload as the client sees it (cameras gain their request-relative stream URLs,
    and lose the credentials of vendor URLs unless ``reveal_credentials``)."""
    if data is not None and resource == "camera":
        return with_stream_urls(data, base_url, reveal_credentials=reveal_credentials)
    return data


def present_stored(resource: str, stored: str, base_url: str, *, reveal_credentials: bool) -> str:
    """A payload stored as JSON text (the change log's ``data``) as the client sees it, as text.

    Only cameras carry request-relative fields; every other payload is passed through as is,
    which is what makes /sync cheap.
    """
    if resource == "camera":
        shown = with_stream_urls(json.loads(stored), base_url, reveal_credentials=reveal_credentials)
        return json.dumps(shown, ensure_ascii=False, separators=(",", ":"))
    return stored
