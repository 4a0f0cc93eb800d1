"""The meetings the console knows, kept current: the cache at sign-in, then live changes and answers.

```
cache_ready ─(cache pool)─▶ meetings + presenter states ─▶ meetings_reset
changes_applied (meeting, meeting_presenter) ─▶ meeting_changed / presenter_changed (newer only)
outbox answer (resource_applied: meeting, note) ─▶ meeting_changed / notes_changed
views_refreshed (saved views and notes re-read at connect) ─▶ notes_changed
```
A copy replaces the shown one only when it is newer (meeting ``version``, presenter ``revision``),
so an event and the answer to the same write, arriving in either order, apply once.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QObject, Signal

from ioc_console.services.connection import ConnectionService
from ioc_console.services.outbox_model import OutboxModel

log = logging.getLogger(__name__)


def _field(change: Any, name: str) -> Any:
    return change.get(name) if isinstance(change, Mapping) else getattr(change, name, None)


def _number(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else -1


def is_meeting(data: Any) -> bool:
    """A meeting object good enough to show (malformed ones from a broken backend are skipped)."""
    return (
        isinstance(data, Mapping)
        and isinstance(data.get("id"), int)
        and isinstance(data.get("title"), str)
        and isinstance(data.get("starts_at"), str)
    )


class MeetingFeed(QObject):
    meetings_reset = Signal(object)  # list[dict]: every cached meeting
    meeting_changed = Signal(object)  # dict: a newer copy of one meeting
    presenter_changed = Signal(object)  # dict: a newer presenter state (resource meeting_presenter)
    notes_changed = Signal()  # the cached private notes may have changed

    def __init__(self, connection: ConnectionService, outbox: OutboxModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._connection = connection
        self._meetings: dict[int, dict[str, Any]] = {}
        self._presenters: dict[int, dict[str, Any]] = {}
        self._generation = 0
        connection.cache_ready.connect(lambda _store: self.reload())
        connection.changes_applied.connect(self._on_changes)
        connection.views_refreshed.connect(self.notes_changed)
        connection.signed_out.connect(self._forget)
        outbox.resource_applied.connect(self._on_applied)
        if connection.store is not None:
            self.reload()

    # -- reading ----------------------------------------------------------------------------
    def meetings(self) -> list[dict[str, Any]]:
        return list(self._meetings.values())

    def meeting(self, meeting_id: int | None) -> dict[str, Any] | None:
        return self._meetings.get(meeting_id) if meeting_id is not None else None

    def presenter(self, meeting_id: int | None) -> dict[str, Any] | None:
        return self._presenters.get(meeting_id) if meeting_id is not None else None

    def reload(self) -> None:
        """Read every cached meeting and presenter state (on the cache pool)."""
        self._generation += 1
        generation = self._generation

        def read(store: Any) -> tuple[list[dict], list[dict]]:
            return store.list("meeting", order_by="sort_time asc"), store.list("meeting_presenter")

        self._connection.read_cache(
            read,
            on_success=lambda result: self._loaded(generation, *result),
            on_failure=lambda error: log.warning("could not read the cached meetings: %s", error),
            parent=self,
        )

    def _loaded(self, generation: int, meetings: list[dict], presenters: list[dict]) -> None:
        if generation != self._generation:
            return
        self._meetings = {m["id"]: m for m in meetings if is_meeting(m)}
        skipped = len(meetings) - len(self._meetings)
        if skipped:
            log.warning("%d cached meetings are malformed and not shown", skipped)
        for state in presenters:
            self._take_presenter(state, announce=False)
        self.meetings_reset.emit(self.meetings())
        for state in list(self._presenters.values()):
            self.presenter_changed.emit(state)

    # -- live -------------------------------------------------------------------------------
    def take_meeting(self, data: Any) -> bool:
        """Show ``data`` if it is a newer copy of a meeting (from any source); True when taken."""
        if not is_meeting(data):
            return False
        shown = self._meetings.get(data["id"])
        if shown is not None and _number(data.get("version")) < _number(shown.get("version")):
            return False
        if shown == data:
            return False
        self._meetings[data["id"]] = dict(data)
        self.meeting_changed.emit(self._meetings[data["id"]])
        return True

    def take_presenter(self, data: Any) -> bool:
        """Show a presenter state if its revision is higher than the one shown; True when taken."""
        return self._take_presenter(data, announce=True)

    def _take_presenter(self, data: Any, *, announce: bool) -> bool:
        if not isinstance(data, Mapping) or not isinstance(data.get("meeting_id"), int):
            return False
        shown = self._presenters.get(data["meeting_id"])
        if shown is not None and _number(data.get("revision")) <= _number(shown.get("revision")):
            return False
        self._presenters[data["meeting_id"]] = dict(data)
        if announce:
            self.presenter_changed.emit(self._presenters[data["meeting_id"]])
        return True

    def _on_changes(self, changes: list[Any]) -> None:
        for change in changes:
            resource = _field(change, "resource")
            if resource == "meeting_presenter":
                if _field(change, "op") == "upsert":
                    self.take_presenter(_field(change, "data"))
            elif resource == "meeting":
                if _field(change, "op") == "upsert":
                    self.take_meeting(_field(change, "data"))
                else:
                    self._drop(_field(change, "id"))

    def _on_applied(self, resource: str, data: Any) -> None:
        if resource == "meeting":
            self.take_meeting(data)
        elif resource == "note":
            self.notes_changed.emit()

    def _drop(self, meeting_id: Any) -> None:
        try:
            key = int(meeting_id)
        except (TypeError, ValueError):
            return
        if self._meetings.pop(key, None) is not None:
            self._presenters.pop(key, None)
            self.meetings_reset.emit(self.meetings())

    def _forget(self) -> None:
        self._generation += 1
        self._meetings.clear()
        self._presenters.clear()
        self.meetings_reset.emit([])
