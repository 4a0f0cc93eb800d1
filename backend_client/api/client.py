"""Typed calls of the IOC API v1 (cameras, alerts, warnings, reports, sensors, tasks, meetings, sync)."""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable, Iterator
from datetime import datetime
from enum import Enum
from typing import Any, Final, Literal, TypeVar
from urllib.parse import quote, urlencode, urljoin, urlsplit

import requests

from backend_client.api.actions import snapshot_body
from backend_client.api.documents import MAX_DOCUMENT_BYTES, check_pdf_bytes
from backend_client.api.errors import BadResponse
from backend_client.api.models import (
    Alert,
    AlertFunnel,
    AlertHistory,
    AlertHistoryEntry,
    Analytic,
    ApiModel,
    Attendance,
    AuditEntry,
    Camera,
    CameraStats,
    CameraView,
    DashboardView,
    DocumentView,
    FalseAlarmStats,
    MapView,
    Meeting,
    MyAttendance,
    Page,
    PollDetail,
    PollKind,
    PresenterState,
    PrivateNote,
    PrivateNoteList,
    PtzAck,
    Reading,
    ReadingBuckets,
    Report,
    ReportStats,
    SavedView,
    SavedViewList,
    Sensor,
    SensorStats,
    Speaker,
    SyncBatch,
    Task,
    TaskStats,
    User,
    WardAreas,
    Warning,
)
from backend_client.api.session import ApiSession, _query
from backend_client.api.sync_payload import SyncPage, decode_sync_page, parse_sync_batch
from backend_client.api.transport import decode_json
from backend_client.api.validation import parse_as
from ioc_domain.camera_actions import PTZ_ACTIONS

_TASK_FIELDS = frozenset({"status", "title", "description", "assignee_unit", "due_at", "lat", "lon", "ward"})
_MEETING_FIELDS = frozenset({"title", "location", "starts_at", "ends_at", "status", "agenda", "quorum"})
_PRESENTER_KINDS: dict[str, type[ApiModel]] = {
    "document": DocumentView,
    "map": MapView,
    "camera": CameraView,
    "dashboard": DashboardView,
}
_FUNNEL_GROUPS = ("analytic", "category", "ward")
_REPORT_STATS_GROUPS = ("ward", "source", "day")
_REPORT_SOURCES = ("hue_s", "hotline")
_READING_BUCKETS = ("1m", "1h", "1d")
#: The largest CAP document ``POST /warnings/import`` accepts (the server answers 413 above it).
MAX_CAP_BYTES = 1024 * 1024

T = TypeVar("T")


class _Keep(Enum):
    KEEP = "keep"


#: "Leave this field as it is" for ``update_camera``'s stream URLs (None resets them instead).
KEEP: Final = _Keep.KEEP


def _path_id(value: str | int) -> str:
    # Ids go into the path; quoting stops an id like "../users" from changing the route.
    return quote(str(value), safe="")


class IocClient(ApiSession):
    """The console's view of the backend: one method per API call, typed results.

    Construction, sign-in, token refresh, retries and error mapping come from
    ``ApiSession``; every method here raises the ``IocError`` subclasses of ``errors``.
    """

    # ----------------------------------------------------------------- cameras & streams
    def list_cameras(
        self,
        *,
        limit: int = 100,
        offset: int = 0,
        ward: str | None = None,
        category: str | None = None,
        status: str | None = None,
        q: str | None = None,
    ) -> Page[Camera]:
        return self._fetch(
            Page[Camera],
            "/cameras",
            what="camera list",
            limit=limit,
            offset=offset,
            ward=ward,
            category=category,
            status=status,
            q=q,
        )

    def get_camera(self, camera_id: str) -> Camera:
        return self._fetch(Camera, f"/cameras/{_path_id(camera_id)}", what="camera")

    def update_camera(
        self,
        camera_id: str,
        version: int,
        *,
        status: str | None = None,
        name: str | None = None,
        main_stream_url: str | None | Literal[_Keep.KEEP] = KEEP,
        sub_stream_url: str | None | Literal[_Keep.KEEP] = KEEP,
        idempotency_key: str | None = None,
    ) -> Camera:
        """``PATCH /cameras/{id}`` (admin). A stream URL given as text replaces the backend's own
        stream with a vendor one (rtsp, rtsps, http, https: ``InvalidRequest`` naming
        ``body.main_stream_url`` and the reason otherwise); ``None`` puts the backend's own back;
        ``KEEP`` (the default) leaves it as it is."""
        body: dict[str, Any] = {"version": version, **_query(status=status, name=name)}
        if main_stream_url is not KEEP:
            body["main_stream_url"] = main_stream_url
        if sub_stream_url is not KEEP:
            body["sub_stream_url"] = sub_stream_url
        return self._write(
            Camera, "PATCH", f"/cameras/{_path_id(camera_id)}", body, what="camera", idempotency_key=idempotency_key
        )

    def ptz(
        self,
        camera_id: str,
        action: str,
        *,
        pan: float | None = None,
        tilt: float | None = None,
        zoom: float | None = None,
        preset: int | None = None,
    ) -> PtzAck:
        """Send one PTZ command now (``POST /cameras/{id}/ptz``; operators and supervisors).

        ``move``: ``pan`` and/or ``tilt``, speeds -1..1 (negative = left/down), until ``stop``;
        ``zoom``: ``zoom`` -1..1 (negative = out); ``preset``: a ``preset`` id of
        ``camera.ptz_presets``; ``stop``: nothing. Real time: tried once, never retried later nor
        queued in the outbox (a move resent seconds later would be wrong). Raises ``Conflict``
        (code ``not_ptz`` or ``camera_offline``), ``InvalidRequest`` (an unknown preset,
        ``body.preset``), ``PermissionDenied``; blocking network: call it on a worker thread.
        """
        if action not in PTZ_ACTIONS:
            raise ValueError(f"action must be one of {', '.join(PTZ_ACTIONS)}, not {action!r}")
        for label, speed in (("pan", pan), ("tilt", tilt), ("zoom", zoom)):
            if speed is not None and not (math.isfinite(speed) and -1.0 <= speed <= 1.0):
                raise ValueError(f"{label} must be between -1 and 1, not {speed!r}")
        body = {"action": action, **_query(pan=pan, tilt=tilt, zoom=zoom, preset=preset)}
        response = self._send("POST", f"/cameras/{_path_id(camera_id)}/ptz", body=body, retries=0)
        return parse_as(PtzAck, decode_json(response, what="PTZ answer"), what="PTZ answer")

    def record_snapshot(
        self,
        camera_id: str,
        taken_at: datetime,
        sha256: str,
        file_name: str,
        *,
        idempotency_key: str | None = None,
    ) -> AuditEntry:
        """Record in the backend's audit that a snapshot of the camera was saved (``video.play``).

        The console should rather queue ``backend_client.api.actions.record_snapshot`` in the
        outbox (kind ``camera.snapshot``), so a snapshot taken offline is recorded later, once.
        """
        return self._write(
            AuditEntry,
            "POST",
            f"/cameras/{_path_id(camera_id)}/snapshots",
            snapshot_body(taken_at, sha256, file_name),
            what="snapshot record",
            idempotency_key=idempotency_key,
        )

    def audit(
        self,
        *,
        camera_id: str | None = None,
        action: str | None = None,
        user: str | None = None,
        limit: int = 100,
        offset: int = 0,
    ) -> Page[AuditEntry]:
        """The camera audit trail, newest first (``GET /audit``; supervisors and admins)."""
        return self._fetch(
            Page[AuditEntry],
            "/audit",
            what="audit trail",
            camera_id=camera_id,
            action=action,
            user=user,
            limit=limit,
            offset=offset,
        )

    def stream_url(self, camera: Camera, which: str = "sub") -> str:
        """The URL a decoder opens: the backend's own stream carries ``?access_token=`` (video
        decoders cannot send headers); a vendor URL (another host) is returned as it is, so the
        backend's token never goes to a camera. Blocking: may refresh the token (worker thread).

        Treat the result as a secret: log it only through ``redact_url``.
        """
        if which not in ("main", "sub"):
            raise ValueError(f"which must be 'main' or 'sub', not {which!r}")
        raw = camera.main_stream_url if which == "main" else camera.sub_stream_url
        absolute = urljoin(self.base_url + "/", raw)
        if not self.is_backend_url(absolute):
            return absolute
        token = self.ensure_fresh_token()
        separator = "&" if urlsplit(absolute).query else "?"
        return f"{absolute}{separator}{urlencode({'access_token': token})}"

    def is_backend_url(self, url: str) -> bool:
        """Is ``url`` (absolute) one of this backend's own API URLs (which need the access token)?"""
        mine, theirs = urlsplit(self.api_root + "/"), urlsplit(url)
        same_origin = (theirs.scheme.lower(), theirs.netloc.lower()) == (mine.scheme.lower(), mine.netloc.lower())
        return same_origin and theirs.path.startswith(mine.path)

    def camera_frame(self, camera_id: str, which: str = "sub") -> bytes:
        """One JPEG frame of a camera (``/streams/{id}/{main|sub}.jpg``)."""
        if which not in ("main", "sub"):
            raise ValueError(f"which must be 'main' or 'sub', not {which!r}")
        response = self._send("GET", f"/streams/{_path_id(camera_id)}/{which}.jpg", accept="image/jpeg")
        return self._jpeg_body(response, what="camera frame")

    @staticmethod
    def _jpeg_body(response: requests.Response, *, what: str) -> bytes:
        content = response.content
        if not content.startswith(b"\xff\xd8"):
            raise BadResponse(
                f"Malformed {what}: not a JPEG image ({response.headers.get('Content-Type', 'unknown type')})", field=""
            )
        return content

    # ----------------------------------------------------------------- alerts
    def wards(self) -> WardAreas:
        """The wards and communes with their areas, for the map (``GET /wards``; ``ops.read``)."""
        return self._fetch(WardAreas, "/wards", what="ward areas")

    def list_analytics(self) -> list[Analytic]:
        return self._fetch(list[Analytic], "/analytics", what="analytics list")

    def list_alerts(
        self,
        *,
        limit: int = 100,
        offset: int = 0,
        state: str | None = None,
        severity: str | None = None,
        analytic: str | None = None,
        camera_id: str | None = None,
        since: datetime | str | None = None,
        sla_breached: bool | None = None,
        owner: str | None = None,
        category: str | None = None,
    ) -> Page[Alert]:
        return self._fetch(
            Page[Alert],
            "/alerts",
            what="alert list",
            limit=limit,
            offset=offset,
            state=state,
            severity=severity,
            analytic=analytic,
            camera_id=camera_id,
            since=since,
            # JSON spelling: the server reads "true"/"false", whatever Python's str() would say.
            sla_breached=None if sla_breached is None else ("true" if sla_breached else "false"),
            owner=owner,
            category=category,
        )

    def get_alert(self, alert_id: int) -> Alert:
        return self._fetch(Alert, f"/alerts/{_path_id(alert_id)}", what="alert")

    def transition_alert(
        self,
        alert_id: int,
        to: str,
        version: int,
        *,
        reason: str | None = None,
        note: str | None = None,
        idempotency_key: str | None = None,
    ) -> Alert:
        body = {"to": to, "version": version, "reason": reason, "note": note}
        return self._write(
            Alert,
            "POST",
            f"/alerts/{_path_id(alert_id)}/transition",
            body,
            what="alert",
            idempotency_key=idempotency_key,
        )

    def add_alert_note(self, alert_id: int, text: str, *, idempotency_key: str | None = None) -> Alert:
        return self._write(
            Alert,
            "POST",
            f"/alerts/{_path_id(alert_id)}/notes",
            {"text": text},
            what="alert",
            idempotency_key=idempotency_key,
        )

    def alert_snapshot(self, alert_id: int) -> bytes:
        response = self._send("GET", f"/alerts/{_path_id(alert_id)}/snapshot.jpg", accept="image/jpeg")
        return self._jpeg_body(response, what="alert snapshot")

    def alert_history(self, alert_id: int) -> list[AlertHistoryEntry]:
        """Everything that happened to the alert, oldest first (``GET /alerts/{id}/history``; ``ops.read``)."""
        history = self._fetch(AlertHistory, f"/alerts/{_path_id(alert_id)}/history", what="alert history")
        if history.alert_id != alert_id:
            raise BadResponse(
                f"Malformed alert history: it is the history of alert {history.alert_id}, not {alert_id}",
                field="alert_id",
            )
        return history.entries

    def alert_funnel(
        self,
        since: datetime | str | None = None,
        until: datetime | str | None = None,
        group_by: str = "analytic",
        *,
        ward: str | None = None,
    ) -> AlertFunnel:
        """From detections to closed alerts, per ``analytic``, ``category`` or ``ward``
        (``GET /stats/alert-funnel``; ``ops.read``). The period filters on the first detection;
        the server's default is the last 30 days. ``ward``: only that ward's alerts."""
        if group_by not in _FUNNEL_GROUPS:
            raise ValueError(f"group_by must be one of {', '.join(_FUNNEL_GROUPS)}, not {group_by!r}")
        return self._fetch(
            AlertFunnel,
            "/stats/alert-funnel",
            what="alert funnel",
            since=since,
            until=until,
            group_by=group_by,
            ward=ward,
        )

    # ----------------------------------------------------------------- key figures (GET /stats/*, ops.read)
    def report_stats(
        self,
        since: datetime | str | None = None,
        until: datetime | str | None = None,
        *,
        ward: str | None = None,
        source: str | None = None,
        group_by: str = "ward",
    ) -> ReportStats:
        """Reports received in the period (the server's default: the last 30 days), processed, on
        time and rated, per ``ward``, ``source`` or ``day`` (``GET /stats/reports``)."""
        if group_by not in _REPORT_STATS_GROUPS:
            raise ValueError(f"group_by must be one of {', '.join(_REPORT_STATS_GROUPS)}, not {group_by!r}")
        if source is not None and source not in _REPORT_SOURCES:
            raise ValueError(f"source must be one of {', '.join(_REPORT_SOURCES)}, not {source!r}")
        return self._fetch(
            ReportStats,
            "/stats/reports",
            what="report statistics",
            since=since,
            until=until,
            ward=ward,
            source=source,
            group_by=group_by,
        )

    def camera_stats(self, *, ward: str | None = None) -> CameraStats:
        """Cameras online, degraded and offline now, per ward (``GET /stats/cameras``)."""
        return self._fetch(CameraStats, "/stats/cameras", what="camera statistics", ward=ward)

    def task_stats(
        self,
        since: datetime | str | None = None,
        until: datetime | str | None = None,
        *,
        ward: str | None = None,
    ) -> TaskStats:
        """Tasks due in the period (and those without a deadline) open, done, on time and overdue,
        per unit (``GET /stats/tasks``)."""
        return self._fetch(
            TaskStats, "/stats/tasks", what="task statistics", since=since, until=until, ward=ward, group_by="unit"
        )

    def sensor_stats(self, *, ward: str | None = None) -> SensorStats:
        """Sensors per status now, per kind (``GET /stats/sensors``)."""
        return self._fetch(SensorStats, "/stats/sensors", what="sensor statistics", ward=ward)

    def alert_false_alarms(
        self, since: datetime | str | None = None, until: datetime | str | None = None, *, min_alerts: int = 1
    ) -> FalseAlarmStats:
        """Detectors (camera × analytic) by share of false alarms, worst first
        (``GET /stats/alert-false-alarms``; ``alert.supervise``: supervisors and admins)."""
        return self._fetch(
            FalseAlarmStats,
            "/stats/alert-false-alarms",
            what="false-alarm statistics",
            since=since,
            until=until,
            min_alerts=min_alerts,
        )

    # ----------------------------------------------------------------- public warnings (CAP 1.2)
    def list_warnings(self, *, limit: int = 100, offset: int = 0, state: str | None = None) -> Page[Warning]:
        return self._fetch(Page[Warning], "/warnings", what="warning list", limit=limit, offset=offset, state=state)

    def warnings(self, state: str | None = None) -> list[Warning]:
        """Every warning (``draft``, ``published`` or ``external`` with ``state``), all pages."""
        return list(self.iter_pages(self.list_warnings, page_size=500, state=state))

    def warning(self, warning_id: int) -> Warning:
        return self._fetch(Warning, f"/warnings/{_path_id(warning_id)}", what="warning")

    def warning_cap_xml(self, warning_id: int) -> bytes:
        """The warning as a CAP 1.2 XML document (``application/cap+xml``), bytes as sent."""
        response = self._send(
            "GET", f"/warnings/{_path_id(warning_id)}/cap.xml", accept="application/cap+xml, application/xml"
        )
        content = response.content
        media_type = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if media_type not in ("application/cap+xml", "application/xml", "text/xml") or not content.lstrip().startswith(
            b"<"
        ):
            raise BadResponse(f"Malformed CAP document: not XML ({media_type or 'unknown type'})", field="")
        return content

    def import_warning(self, xml: bytes, *, idempotency_key: str | None = None) -> Warning:
        """Import another agency's CAP 1.2 document (``POST /warnings/import``; ``warning.draft``);
        it is stored as an ``external`` warning. The server validates it against the CAP schema and
        refuses an invalid or hostile file with ``InvalidRequest`` (422) naming the problem, a
        document already imported with ``Conflict``. Refused here, before any upload, when empty
        or over 1 MiB. Not queued in the outbox: the operator chose the file and waits for the
        verdict on it."""
        content = bytes(xml)
        if not content.strip():
            raise ValueError("The CAP document is empty.")
        if len(content) > MAX_CAP_BYTES:
            raise ValueError(f"A CAP document may have at most {MAX_CAP_BYTES} bytes (this one has {len(content)}).")
        response = self._send(
            "POST",
            "/warnings/import",
            content=content,
            content_type="application/cap+xml",
            idempotency_key=idempotency_key,
        )
        return parse_as(Warning, decode_json(response, what="warning"), what="warning")

    # ----------------------------------------------------------------- reports
    def list_reports(
        self,
        *,
        limit: int = 100,
        offset: int = 0,
        status: str | None = None,
        ward: str | None = None,
        source: str | None = None,
    ) -> Page[Report]:
        return self._fetch(
            Page[Report],
            "/reports",
            what="report list",
            limit=limit,
            offset=offset,
            status=status,
            ward=ward,
            source=source,
        )

    def get_report(self, report_id: int) -> Report:
        return self._fetch(Report, f"/reports/{_path_id(report_id)}", what="report")

    def update_report(
        self,
        report_id: int,
        version: int,
        *,
        status: str | None = None,
        note: str | None = None,
        agency_responsible: str | None = None,
        satisfaction: int | None = None,
        idempotency_key: str | None = None,
    ) -> Report:
        """PATCH a report; ``satisfaction`` (the citizen's rating, 1..5) only with ``status="closed"``
        on a report not yet closed (the server refuses it otherwise with 422)."""
        body = {
            "version": version,
            **_query(status=status, note=note, agency_responsible=agency_responsible, satisfaction=satisfaction),
        }
        return self._write(
            Report, "PATCH", f"/reports/{_path_id(report_id)}", body, what="report", idempotency_key=idempotency_key
        )

    # ----------------------------------------------------------------- sensors
    def list_sensors(
        self,
        *,
        limit: int = 100,
        offset: int = 0,
        kind: str | None = None,
        ward: str | None = None,
        status: str | None = None,
    ) -> Page[Sensor]:
        return self._fetch(
            Page[Sensor],
            "/sensors",
            what="sensor list",
            limit=limit,
            offset=offset,
            kind=kind,
            ward=ward,
            status=status,
        )

    def get_sensor(self, sensor_id: str) -> Sensor:
        return self._fetch(Sensor, f"/sensors/{_path_id(sensor_id)}", what="sensor")

    def sensor_readings(
        self, sensor_id: str, *, since: datetime | str | None = None, limit: int = 100, offset: int = 0
    ) -> Page[Reading]:
        return self._fetch(
            Page[Reading],
            f"/sensors/{_path_id(sensor_id)}/readings",
            what="readings",
            since=since,
            limit=limit,
            offset=offset,
        )

    def sensor_readings_buckets(
        self,
        sensor_id: str,
        bucket: str,
        since: datetime | str | None = None,
        until: datetime | str | None = None,
    ) -> ReadingBuckets:
        """Min, max, mean and count of the sensor's readings per ``bucket`` (``1m``, ``1h``, ``1d``)
        over [since, until), computed by the server (``GET /sensors/{id}/readings?bucket=``;
        ``ops.read``). The server's default window: a day of minutes, 30 days of hours, a year of
        days; a window of more than 100,000 buckets is refused (InvalidRequest)."""
        if bucket not in _READING_BUCKETS:
            raise ValueError(f"bucket must be one of {', '.join(_READING_BUCKETS)}, not {bucket!r}")
        return self._fetch(
            ReadingBuckets,
            f"/sensors/{_path_id(sensor_id)}/readings",
            what="reading buckets",
            bucket=bucket,
            since=since,
            until=until,
        )

    # ----------------------------------------------------------------- tasks
    def list_tasks(self, *, limit: int = 100, offset: int = 0) -> Page[Task]:
        return self._fetch(Page[Task], "/tasks", what="task list", limit=limit, offset=offset)

    def get_task(self, task_id: int) -> Task:
        return self._fetch(Task, f"/tasks/{_path_id(task_id)}", what="task")

    def create_task(
        self,
        title: str,
        description: str,
        assignee_unit: str,
        due_at: datetime | str,
        meeting_id: int | None = None,
        *,
        lat: float | None = None,
        lon: float | None = None,
        ward: str | None = None,
        idempotency_key: str | None = None,
    ) -> Task:
        """Create a task; ``lat`` and ``lon`` (a place) go together: both or neither."""
        if (lat is None) != (lon is None):
            raise ValueError("create_task: lat and lon go together: give both or neither")
        body: dict[str, Any] = {
            "title": title,
            "description": description,
            "assignee_unit": assignee_unit,
            "due_at": due_at,
        }
        if meeting_id is not None:
            body["meeting_id"] = meeting_id
        if lat is not None:
            body["lat"], body["lon"] = lat, lon
        if ward is not None:
            body["ward"] = ward
        return self._write(Task, "POST", "/tasks", body, what="task", idempotency_key=idempotency_key)

    def update_task(self, task_id: int, version: int, *, idempotency_key: str | None = None, **fields: Any) -> Task:
        unknown = set(fields) - _TASK_FIELDS
        if unknown:
            raise TypeError(f"update_task got unknown fields: {sorted(unknown)}")
        body = {"version": version, **_query(**fields)}
        return self._write(
            Task, "PATCH", f"/tasks/{_path_id(task_id)}", body, what="task", idempotency_key=idempotency_key
        )

    # ----------------------------------------------------------------- meetings
    def list_meetings(self, *, limit: int = 100, offset: int = 0) -> Page[Meeting]:
        return self._fetch(Page[Meeting], "/meetings", what="meeting list", limit=limit, offset=offset)

    def get_meeting(self, meeting_id: int) -> Meeting:
        return self._fetch(Meeting, f"/meetings/{_path_id(meeting_id)}", what="meeting")

    def create_meeting(
        self,
        title: str,
        location: str,
        starts_at: datetime | str,
        ends_at: datetime | str,
        agenda: list[Any] | None = None,
        *,
        status: str | None = None,
        idempotency_key: str | None = None,
    ) -> Meeting:
        body: dict[str, Any] = {
            "title": title,
            "location": location,
            "starts_at": starts_at,
            "ends_at": ends_at,
            "agenda": agenda or [],
        }
        if status is not None:
            body["status"] = status
        return self._write(Meeting, "POST", "/meetings", body, what="meeting", idempotency_key=idempotency_key)

    def update_meeting(
        self, meeting_id: int, version: int, *, idempotency_key: str | None = None, **fields: Any
    ) -> Meeting:
        unknown = set(fields) - _MEETING_FIELDS
        if unknown:
            raise TypeError(f"update_meeting got unknown fields: {sorted(unknown)}")
        body = {"version": version, **_query(**fields)}
        return self._write(
            Meeting, "PATCH", f"/meetings/{_path_id(meeting_id)}", body, what="meeting", idempotency_key=idempotency_key
        )

    # ----------------------------------------------------------------- meeting documents & polls
    def upload_document(
        self, meeting_id: int, filename: str, pdf_bytes: bytes, *, idempotency_key: str | None = None
    ) -> Meeting:
        """Attach a PDF to a meeting (leader, supervisor, admin); returns the meeting with it listed.

        Refused here, before any upload, when the bytes are not a PDF or exceed the server's limit.
        """
        content = bytes(pdf_bytes)
        check_pdf_bytes(content, what=f"The file {filename!r}")
        if len(content) > MAX_DOCUMENT_BYTES:
            raise ValueError(
                f"The file {filename!r} has {len(content)} bytes; a meeting document may have at most "
                f"{MAX_DOCUMENT_BYTES}."
            )
        if not isinstance(filename, str) or not filename.strip():
            raise ValueError("A document needs a file name.")
        # The name travels in the query (UTF-8, percent-encoded by requests); headers are Latin-1.
        response = self._send(
            "POST",
            f"/meetings/{_path_id(meeting_id)}/documents",
            params={"filename": filename},
            content=content,
            content_type="application/pdf",
            idempotency_key=idempotency_key,
        )
        return parse_as(Meeting, decode_json(response, what="meeting"), what="meeting")

    def download_document(self, meeting_id: int, doc_id: int) -> bytes:
        """The PDF bytes of a meeting document, checked against the SHA-256 the server names (ETag)."""
        response = self._send(
            "GET", f"/meetings/{_path_id(meeting_id)}/documents/{_path_id(doc_id)}", accept="application/pdf"
        )
        content = response.content
        try:
            check_pdf_bytes(content, what=f"Meeting document {doc_id}")
        except ValueError as exc:
            raise BadResponse(f"Malformed meeting document: {exc}", field="") from None
        etag = response.headers.get("ETag", "").strip().removeprefix("W/").strip('"').lower()
        if etag and hashlib.sha256(content).hexdigest() != etag:
            raise BadResponse(
                f"Meeting document {doc_id} arrived damaged: its SHA-256 does not match the ETag", field=""
            )
        return content

    def delete_document(
        self, meeting_id: int, doc_id: int, version: int, *, idempotency_key: str | None = None
    ) -> Meeting:
        response = self._send(
            "DELETE",
            f"/meetings/{_path_id(meeting_id)}/documents/{_path_id(doc_id)}",
            params={"version": version},
            idempotency_key=idempotency_key,
        )
        return parse_as(Meeting, decode_json(response, what="meeting"), what="meeting")

    def create_poll(
        self,
        meeting_id: int,
        version: int,
        question: str,
        options: list[str],
        *,
        kind: PollKind = "named",
        idempotency_key: str | None = None,
    ) -> Meeting:
        """Put a question to the meeting: a new poll in ``draft`` (open it with ``open_poll``)."""
        body = {"question": question, "options": list(options), "kind": kind, "version": version}
        return self._write(
            Meeting,
            "POST",
            f"/meetings/{_path_id(meeting_id)}/polls",
            body,
            what="meeting",
            idempotency_key=idempotency_key,
        )

    def _move_poll(
        self, meeting_id: int, poll_id: int, action: str, version: int, idempotency_key: str | None
    ) -> Meeting:
        return self._write(
            Meeting,
            "POST",
            f"/meetings/{_path_id(meeting_id)}/polls/{_path_id(poll_id)}/{action}",
            {"version": version},
            what="meeting",
            idempotency_key=idempotency_key,
        )

    def open_poll(self, meeting_id: int, poll_id: int, version: int, *, idempotency_key: str | None = None) -> Meeting:
        """draft -> open; the members present now become the poll's voters (``Conflict`` ``nobody_present``)."""
        return self._move_poll(meeting_id, poll_id, "open", version, idempotency_key)

    def close_poll(self, meeting_id: int, poll_id: int, version: int, *, idempotency_key: str | None = None) -> Meeting:
        return self._move_poll(meeting_id, poll_id, "close", version, idempotency_key)

    def publish_poll(
        self, meeting_id: int, poll_id: int, version: int, *, idempotency_key: str | None = None
    ) -> Meeting:
        """closed -> published: the tallies (and a named poll's ballots) for every member."""
        return self._move_poll(meeting_id, poll_id, "publish", version, idempotency_key)

    def get_poll(self, meeting_id: int, poll_id: int) -> PollDetail:
        """The poll with the caller's part in it (may vote, has voted) and what they may see of the result."""
        return self._fetch(PollDetail, f"/meetings/{_path_id(meeting_id)}/polls/{_path_id(poll_id)}", what="poll")

    def vote(self, meeting_id: int, poll_id: int, option: int, *, idempotency_key: str | None = None) -> Meeting:
        """Vote for option ``option`` (0-based), once.

        Raises ``Conflict`` with code ``already_voted`` for a second vote, ``poll_closed`` once the
        poll is closed, ``poll_not_open`` for a draft (each with ``current``); ``Forbidden`` with
        ``not_eligible`` for someone not present when it opened. The console sends votes through
        the outbox instead (``actions.vote``); a replay under the same key answers as the first time.
        """
        return self._write(
            Meeting,
            "POST",
            f"/meetings/{_path_id(meeting_id)}/polls/{_path_id(poll_id)}/vote",
            {"option": option},
            what="meeting",
            idempotency_key=idempotency_key,
        )

    # ----------------------------------------------------------------- private notes (per user)
    def list_notes(self, *, meeting_id: int | None = None, document_id: int | None = None) -> list[PrivateNote]:
        """The signed-in user's notes, optionally of one meeting or document (``GET /me/notes``)."""
        return self._fetch(
            PrivateNoteList, "/me/notes", what="note list", meeting_id=meeting_id, document_id=document_id
        ).items

    def get_note(self, note_id: int) -> PrivateNote:
        return self._fetch(PrivateNote, f"/me/notes/{_path_id(note_id)}", what="note")

    def create_note(
        self,
        document_id: int,
        page: int,
        text: str = "",
        highlights: list[dict[str, float]] | None = None,
        *,
        idempotency_key: str | None = None,
    ) -> PrivateNote:
        """Raises ``Conflict`` with code ``note_exists`` (``.current`` = that note) for a page already noted."""
        body = {"document_id": document_id, "page": page, "text": text, "highlights": list(highlights or [])}
        return self._write(PrivateNote, "POST", "/me/notes", body, what="note", idempotency_key=idempotency_key)

    def update_note(
        self,
        note_id: int,
        version: int,
        *,
        text: str | None = None,
        highlights: list[dict[str, float]] | None = None,
        idempotency_key: str | None = None,
    ) -> PrivateNote:
        if text is None and highlights is None:
            raise TypeError("update_note needs a new text, new highlights, or both")
        body: dict[str, Any] = {"version": version}
        if text is not None:
            body["text"] = text
        if highlights is not None:
            body["highlights"] = list(highlights)
        return self._write(
            PrivateNote, "PATCH", f"/me/notes/{_path_id(note_id)}", body, what="note", idempotency_key=idempotency_key
        )

    def delete_note(self, note_id: int, version: int, *, idempotency_key: str | None = None) -> None:
        self._send(
            "DELETE", f"/me/notes/{_path_id(note_id)}", params={"version": version}, idempotency_key=idempotency_key
        )

    # ----------------------------------------------------------------- meeting procedure (members, agenda, ...)
    def _meeting_act(
        self, method: str, path: str, body: dict[str, Any] | None, idempotency_key: str | None, **params: Any
    ) -> Meeting:
        response = self._send(method, path, params=_query(**params) or None, body=body, idempotency_key=idempotency_key)
        return parse_as(Meeting, decode_json(response, what="meeting"), what="meeting")

    def put_member(
        self, meeting_id: int, user_id: int, role: str, version: int, *, idempotency_key: str | None = None
    ) -> Meeting:
        """Add a member or change their meeting role (meeting managers or the chair)."""
        path = f"/meetings/{_path_id(meeting_id)}/members/{_path_id(user_id)}"
        return self._meeting_act("PUT", path, {"role": role, "version": version}, idempotency_key)

    def remove_member(
        self, meeting_id: int, user_id: int, version: int, *, idempotency_key: str | None = None
    ) -> Meeting:
        """Raises ``Conflict`` with code ``last_member`` for the meeting's last member."""
        path = f"/meetings/{_path_id(meeting_id)}/members/{_path_id(user_id)}"
        return self._meeting_act("DELETE", path, None, idempotency_key, version=version)

    def check_in(self, meeting_id: int, *, idempotency_key: str | None = None) -> Meeting:
        """The signed-in member arrives (again: nothing changes)."""
        return self._meeting_act("POST", f"/meetings/{_path_id(meeting_id)}/attendance/check-in", None, idempotency_key)

    def check_out(self, meeting_id: int, *, idempotency_key: str | None = None) -> Meeting:
        return self._meeting_act(
            "POST", f"/meetings/{_path_id(meeting_id)}/attendance/check-out", None, idempotency_key
        )

    def attendance(self, meeting_id: int) -> Attendance:
        """Who is present with every stay's times, and the quorum (chair, secretary, managers)."""
        return self._fetch(Attendance, f"/meetings/{_path_id(meeting_id)}/attendance", what="attendance")

    def my_attendance(self, meeting_id: int) -> MyAttendance:
        """The caller's meeting role, whether they are checked in, and their stays (any reader of the meeting)."""
        return self._fetch(MyAttendance, f"/meetings/{_path_id(meeting_id)}/attendance/me", what="attendance")

    def agenda_next(self, meeting_id: int, version: int, *, idempotency_key: str | None = None) -> Meeting:
        """The chair moves on; raises ``Conflict`` (``agenda_end``) past the last item."""
        path = f"/meetings/{_path_id(meeting_id)}/agenda/next"
        return self._meeting_act("POST", path, {"version": version}, idempotency_key)

    def agenda_previous(self, meeting_id: int, version: int, *, idempotency_key: str | None = None) -> Meeting:
        path = f"/meetings/{_path_id(meeting_id)}/agenda/previous"
        return self._meeting_act("POST", path, {"version": version}, idempotency_key)

    def set_current_item(
        self, meeting_id: int, item_id: int, version: int, *, idempotency_key: str | None = None
    ) -> Meeting:
        path = f"/meetings/{_path_id(meeting_id)}/agenda/{_path_id(item_id)}/current"
        return self._meeting_act("PUT", path, {"version": version}, idempotency_key)

    def list_speakers(self, meeting_id: int, item_id: int) -> list[Speaker]:
        path = f"/meetings/{_path_id(meeting_id)}/agenda/{_path_id(item_id)}/speakers"
        return parse_as(list[Speaker], self._get_json(path, what="speaker list"), what="speaker list")

    def request_to_speak(self, meeting_id: int, item_id: int, *, idempotency_key: str | None = None) -> Meeting:
        path = f"/meetings/{_path_id(meeting_id)}/agenda/{_path_id(item_id)}/speakers"
        return self._meeting_act("POST", path, None, idempotency_key)

    def withdraw_speaker(
        self, meeting_id: int, item_id: int, speaker_id: int, *, idempotency_key: str | None = None
    ) -> Meeting:
        path = f"/meetings/{_path_id(meeting_id)}/agenda/{_path_id(item_id)}/speakers/{_path_id(speaker_id)}"
        return self._meeting_act("DELETE", path, None, idempotency_key)

    def order_speakers(
        self, meeting_id: int, item_id: int, order: list[int], version: int, *, idempotency_key: str | None = None
    ) -> Meeting:
        path = f"/meetings/{_path_id(meeting_id)}/agenda/{_path_id(item_id)}/speakers"
        return self._meeting_act("PUT", path, {"version": version, "order": list(order)}, idempotency_key)

    def start_speaker(
        self, meeting_id: int, item_id: int, speaker_id: int, version: int, *, idempotency_key: str | None = None
    ) -> Meeting:
        path = f"/meetings/{_path_id(meeting_id)}/agenda/{_path_id(item_id)}/speakers/{_path_id(speaker_id)}/start"
        return self._meeting_act("POST", path, {"version": version}, idempotency_key)

    def stop_speaker(
        self, meeting_id: int, item_id: int, speaker_id: int, version: int, *, idempotency_key: str | None = None
    ) -> Meeting:
        path = f"/meetings/{_path_id(meeting_id)}/agenda/{_path_id(item_id)}/speakers/{_path_id(speaker_id)}/stop"
        return self._meeting_act("POST", path, {"version": version}, idempotency_key)

    def add_conclusion(
        self,
        meeting_id: int,
        item_id: int,
        text: str,
        version: int,
        *,
        task: dict[str, Any] | None = None,
        idempotency_key: str | None = None,
    ) -> Meeting:
        """Record a conclusion; ``task`` ({"title", "assignee_unit", "due_at", "description"?})
        also creates the task, in the same transaction."""
        body: dict[str, Any] = {"version": version, "text": text}
        if task is not None:
            body["task"] = _query(**task)
        path = f"/meetings/{_path_id(meeting_id)}/agenda/{_path_id(item_id)}/conclusions"
        return self._meeting_act("POST", path, body, idempotency_key)

    def presenter(self, meeting_id: int) -> PresenterState:
        """The presenter's current state at once (a late joiner), revision 0 when nothing is shown yet."""
        return self._fetch(PresenterState, f"/meetings/{_path_id(meeting_id)}/presenter", what="presenter state")

    def present(self, meeting_id: int, view: dict[str, Any], *, idempotency_key: str | None = None) -> PresenterState:
        """Show the room ``view`` (a document page, the map, a camera or a dashboard). Checked here
        first, so a malformed view never leaves the console."""
        kind = _PRESENTER_KINDS.get(str(view.get("kind")))
        if kind is None:
            raise ValueError(f"Unknown view kind {view.get('kind')!r}; expected one of {', '.join(_PRESENTER_KINDS)}")
        checked = kind.model_validate(view).model_dump(mode="json")
        return self._write(
            PresenterState,
            "PUT",
            f"/meetings/{_path_id(meeting_id)}/presenter",
            {"view": checked},
            what="presenter state",
            idempotency_key=idempotency_key,
        )

    # ----------------------------------------------------------------- saved views (private per user)
    def list_views(self) -> list[SavedView]:
        """Every saved view of the signed-in user, ordered by name (``GET /me/views``)."""
        return self._fetch(SavedViewList, "/me/views", what="saved view list").items

    def create_view(
        self, name: str, kind: str, data: dict[str, Any], *, idempotency_key: str | None = None
    ) -> SavedView:
        """Raises ``Conflict`` with code ``name_taken`` (``.current`` = that view) if the name is in use."""
        return self._write(
            SavedView,
            "POST",
            "/me/views",
            {"name": name, "kind": kind, "data": data},
            what="saved view",
            idempotency_key=idempotency_key,
        )

    def update_view(
        self,
        view_id: int,
        version: int,
        *,
        name: str | None = None,
        data: dict[str, Any] | None = None,
        idempotency_key: str | None = None,
    ) -> SavedView:
        if name is None and data is None:
            raise TypeError("update_view needs a new name, new data, or both")
        body = {"version": version, **_query(name=name, data=data)}
        return self._write(
            SavedView,
            "PATCH",
            f"/me/views/{_path_id(view_id)}",
            body,
            what="saved view",
            idempotency_key=idempotency_key,
        )

    def delete_view(self, view_id: int, version: int, *, idempotency_key: str | None = None) -> None:
        self._send(
            "DELETE", f"/me/views/{_path_id(view_id)}", params={"version": version}, idempotency_key=idempotency_key
        )

    # ----------------------------------------------------------------- queued actions
    def send_action(self, method: str, path: str, body: Any, *, idempotency_key: str) -> dict[str, Any]:
        """Send one queued outbox action (``path`` relative to /api/v1) and return the raw JSON resource.

        The key makes a resend of an action the server already applied return the stored
        answer instead of applying it twice. Raises ``Conflict`` (with ``.current``) on 409.
        """
        response = self._send(method.upper(), path, body=body, idempotency_key=idempotency_key)
        if response.status_code == 204 or not response.content:
            return {}
        payload = decode_json(response, what="action response")
        if not isinstance(payload, dict):
            raise BadResponse("Malformed action response: expected a JSON object", field="")
        return payload

    # ----------------------------------------------------------------- users
    def list_users(self, *, limit: int = 100, offset: int = 0) -> Page[User]:
        return self._fetch(Page[User], "/users", what="user list", limit=limit, offset=offset)

    # ----------------------------------------------------------------- paging & sync
    def iter_pages(self, list_method: Callable[..., Page[T]], *, page_size: int = 1000, **filters: Any) -> Iterator[T]:
        """Yield every item of a collection, fetching ``page_size`` items per request."""
        offset = 0
        while True:
            page = list_method(limit=page_size, offset=offset, **filters)
            yield from page.items
            offset += len(page.items)
            if not page.items or offset >= page.total:
                return

    def sync(self, since: str | None = "0", limit: int = 5000) -> SyncBatch:
        """One page of changes after cursor ``since`` (``"0"``/None = everything)."""
        # Checked by the bulk path of sync_payload, not by pydantic: see the reason there.
        return parse_sync_batch(self._get_json("/sync", params=_query(since=since, limit=limit), what="sync batch"))

    def iter_sync(self, since: str | None = "0", limit: int = 5000) -> Iterator[SyncBatch]:
        """Yield sync batches until the backend says there is no more; the last cursor is final."""
        for page in self.iter_sync_pages(since, limit):
            yield SyncBatch.model_construct(changes=list(page.changes), cursor=page.cursor, has_more=page.has_more)

    def sync_page(self, since: str | None = "0", limit: int = 5000) -> SyncPage:
        """One page of changes after ``since``, checked and split into cache rows in one pass
        (the bulk path the sync engine uses; see ``sync_payload.decode_sync_page``)."""
        return decode_sync_page(self._send("GET", "/sync", params=_query(since=since, limit=limit)).content)

    def iter_sync_pages(
        self, since: str | None = "0", limit: int = 5000, *, first_limit: int | None = None
    ) -> Iterator[SyncPage]:
        """``iter_sync`` yielding ``SyncPage``s.

        With ``first_limit`` the first page asks for that many changes and each next page for
        twice as many, up to ``limit``: a short catch-up reaches the cache sooner (its first
        rows are written while the rest is fetched), a long one still travels in big pages.
        """
        page_limit = limit if first_limit is None else max(1, min(first_limit, limit))
        cursor = since
        while True:
            page = self.sync_page(cursor, page_limit)
            yield page
            if not page.has_more:
                return
            if page.cursor == cursor:
                raise BadResponse(
                    "Malformed sync batch: has_more is true but the cursor did not advance", field="cursor"
                )
            cursor = page.cursor
            page_limit = min(page_limit * 2, limit)
