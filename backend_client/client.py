"""Typed calls of the IOC API v1 (cameras, alerts, reports, sensors, tasks, meetings, sync)."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any, TypeVar
from urllib.parse import quote, urlencode, urljoin, urlsplit

import requests

from .errors import BadResponse
from .models import Alert, Analytic, Camera, Meeting, Page, Reading, Report, Sensor, SyncBatch, Task, User
from .session import ApiSession, _query
from .sync_payload import parse_sync_batch
from .transport import decode_json

_TASK_FIELDS = frozenset({"status", "title", "description", "assignee_unit", "due_at"})
_MEETING_FIELDS = frozenset({"title", "location", "starts_at", "ends_at", "status", "agenda"})

T = TypeVar("T")


def _path_id(value: str | int) -> str:
    # Ids go into the path; quoting stops an id like "../users" from changing the route.
    return quote(str(value), safe="")


class IocClient(ApiSession):
    """The console's view of the backend: one method per API call, typed results.

    Construction, sign-in, token refresh, retries and error mapping come from
    ``ApiSession``; every method here raises the ``IocError`` subclasses of ``errors``.
    """

    # ----------------------------------------------------------------- cameras & streams
    def list_cameras(self, *, limit: int = 100, offset: int = 0, ward: str | None = None,
                     category: str | None = None, status: str | None = None,
                     q: str | None = None) -> Page[Camera]:
        return self._fetch(Page[Camera], "/cameras", what="camera list", limit=limit, offset=offset,
                           ward=ward, category=category, status=status, q=q)

    def get_camera(self, camera_id: str) -> Camera:
        return self._fetch(Camera, f"/cameras/{_path_id(camera_id)}", what="camera")

    def update_camera(self, camera_id: str, version: int, *, status: str | None = None,
                      name: str | None = None, idempotency_key: str | None = None) -> Camera:
        body = {"version": version, **_query(status=status, name=name)}
        return self._write(Camera, "PATCH", f"/cameras/{_path_id(camera_id)}", body, what="camera",
                           idempotency_key=idempotency_key)

    def stream_url(self, camera: Camera, which: str = "sub") -> str:
        """Absolute stream URL carrying ``?access_token=`` (video decoders cannot send headers).

        Treat the result as a secret: log it only through ``redact_url``.
        """
        if which not in ("main", "sub"):
            raise ValueError(f"which must be 'main' or 'sub', not {which!r}")
        raw = camera.main_stream_url if which == "main" else camera.sub_stream_url
        absolute = urljoin(self.base_url + "/", raw)
        token = self.ensure_fresh_token()
        separator = "&" if urlsplit(absolute).query else "?"
        return f"{absolute}{separator}{urlencode({'access_token': token})}"

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
            raise BadResponse(f"Malformed {what}: not a JPEG image "
                              f"({response.headers.get('Content-Type', 'unknown type')})", field="")
        return content

    # ----------------------------------------------------------------- alerts
    def list_analytics(self) -> list[Analytic]:
        return self._fetch(list[Analytic], "/analytics", what="analytics list")

    def list_alerts(self, *, limit: int = 100, offset: int = 0, state: str | None = None,
                    severity: str | None = None, analytic: str | None = None,
                    camera_id: str | None = None, since: datetime | str | None = None) -> Page[Alert]:
        return self._fetch(Page[Alert], "/alerts", what="alert list", limit=limit, offset=offset,
                           state=state, severity=severity, analytic=analytic, camera_id=camera_id,
                           since=since)

    def get_alert(self, alert_id: int) -> Alert:
        return self._fetch(Alert, f"/alerts/{_path_id(alert_id)}", what="alert")

    def transition_alert(self, alert_id: int, to: str, version: int, *, reason: str | None = None,
                         note: str | None = None, idempotency_key: str | None = None) -> Alert:
        body = {"to": to, "version": version, "reason": reason, "note": note}
        return self._write(Alert, "POST", f"/alerts/{_path_id(alert_id)}/transition", body,
                           what="alert", idempotency_key=idempotency_key)

    def add_alert_note(self, alert_id: int, text: str, *, idempotency_key: str | None = None) -> Alert:
        return self._write(Alert, "POST", f"/alerts/{_path_id(alert_id)}/notes", {"text": text},
                           what="alert", idempotency_key=idempotency_key)

    def alert_snapshot(self, alert_id: int) -> bytes:
        response = self._send("GET", f"/alerts/{_path_id(alert_id)}/snapshot.jpg", accept="image/jpeg")
        return self._jpeg_body(response, what="alert snapshot")

    # ----------------------------------------------------------------- reports
    def list_reports(self, *, limit: int = 100, offset: int = 0, status: str | None = None,
                     ward: str | None = None, source: str | None = None) -> Page[Report]:
        return self._fetch(Page[Report], "/reports", what="report list", limit=limit, offset=offset,
                           status=status, ward=ward, source=source)

    def get_report(self, report_id: int) -> Report:
        return self._fetch(Report, f"/reports/{_path_id(report_id)}", what="report")

    def update_report(self, report_id: int, version: int, *, status: str | None = None,
                      note: str | None = None, agency_responsible: str | None = None,
                      idempotency_key: str | None = None) -> Report:
        body = {"version": version, **_query(status=status, note=note, agency_responsible=agency_responsible)}
        return self._write(Report, "PATCH", f"/reports/{_path_id(report_id)}", body, what="report",
                           idempotency_key=idempotency_key)

    # ----------------------------------------------------------------- sensors
    def list_sensors(self, *, limit: int = 100, offset: int = 0, kind: str | None = None,
                     ward: str | None = None, status: str | None = None) -> Page[Sensor]:
        return self._fetch(Page[Sensor], "/sensors", what="sensor list", limit=limit, offset=offset,
                           kind=kind, ward=ward, status=status)

    def get_sensor(self, sensor_id: str) -> Sensor:
        return self._fetch(Sensor, f"/sensors/{_path_id(sensor_id)}", what="sensor")

    def sensor_readings(self, sensor_id: str, *, since: datetime | str | None = None, limit: int = 100,
                        offset: int = 0) -> Page[Reading]:
        return self._fetch(Page[Reading], f"/sensors/{_path_id(sensor_id)}/readings", what="readings",
                           since=since, limit=limit, offset=offset)

    # ----------------------------------------------------------------- tasks
    def list_tasks(self, *, limit: int = 100, offset: int = 0) -> Page[Task]:
        return self._fetch(Page[Task], "/tasks", what="task list", limit=limit, offset=offset)

    def get_task(self, task_id: int) -> Task:
        return self._fetch(Task, f"/tasks/{_path_id(task_id)}", what="task")

    def create_task(self, title: str, description: str, assignee_unit: str, due_at: datetime | str,
                    meeting_id: int | None = None, *, idempotency_key: str | None = None) -> Task:
        body: dict[str, Any] = {"title": title, "description": description, "assignee_unit": assignee_unit,
                                "due_at": due_at}
        if meeting_id is not None:
            body["meeting_id"] = meeting_id
        return self._write(Task, "POST", "/tasks", body, what="task", idempotency_key=idempotency_key)

    def update_task(self, task_id: int, version: int, *, idempotency_key: str | None = None,
                    **fields: Any) -> Task:
        unknown = set(fields) - _TASK_FIELDS
        if unknown:
            raise TypeError(f"update_task got unknown fields: {sorted(unknown)}")
        body = {"version": version, **_query(**fields)}
        return self._write(Task, "PATCH", f"/tasks/{_path_id(task_id)}", body, what="task",
                           idempotency_key=idempotency_key)

    # ----------------------------------------------------------------- meetings
    def list_meetings(self, *, limit: int = 100, offset: int = 0) -> Page[Meeting]:
        return self._fetch(Page[Meeting], "/meetings", what="meeting list", limit=limit, offset=offset)

    def get_meeting(self, meeting_id: int) -> Meeting:
        return self._fetch(Meeting, f"/meetings/{_path_id(meeting_id)}", what="meeting")

    def create_meeting(self, title: str, location: str, starts_at: datetime | str, ends_at: datetime | str,
                       agenda: list[Any] | None = None, *, status: str | None = None,
                       idempotency_key: str | None = None) -> Meeting:
        body: dict[str, Any] = {"title": title, "location": location, "starts_at": starts_at,
                                "ends_at": ends_at, "agenda": agenda or []}
        if status is not None:
            body["status"] = status
        return self._write(Meeting, "POST", "/meetings", body, what="meeting", idempotency_key=idempotency_key)

    def update_meeting(self, meeting_id: int, version: int, *, idempotency_key: str | None = None,
                       **fields: Any) -> Meeting:
        unknown = set(fields) - _MEETING_FIELDS
        if unknown:
            raise TypeError(f"update_meeting got unknown fields: {sorted(unknown)}")
        body = {"version": version, **_query(**fields)}
        return self._write(Meeting, "PATCH", f"/meetings/{_path_id(meeting_id)}", body, what="meeting",
                           idempotency_key=idempotency_key)

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
    def iter_pages(self, list_method: Callable[..., Page[T]], *, page_size: int = 1000,
                   **filters: Any) -> Iterator[T]:
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
        cursor = since
        while True:
            batch = self.sync(cursor, limit)
            yield batch
            if not batch.has_more:
                return
            if batch.cursor == cursor:
                raise BadResponse("Malformed sync batch: has_more is true but the cursor did not advance",
                                  field="cursor")
            cursor = batch.cursor
