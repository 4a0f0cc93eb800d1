"""Open alerts by camera (for the AI overlay and the tour's held tiles) and the alarm queue (pure, Qt-free)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ioc_domain.alerts import OPEN_ALERT_STATES
from ioc_domain.levels import level_of


def is_alarm(alert: Mapping[str, Any]) -> bool:
    """A critical alert nobody has taken yet: it belongs in the wall's alarm spot."""
    return alert.get("state") == "new" and level_of("alert", alert) == "critical"


class OpenAlertIndex:
    """The open alerts of each camera, kept from the cache at start and from live changes after."""

    def __init__(self) -> None:
        self._by_id: dict[str, dict[str, Any]] = {}
        self._by_camera: dict[str, dict[str, dict[str, Any]]] = {}

    def load(self, alerts: Iterable[Mapping[str, Any]]) -> None:
        self._by_id.clear()
        self._by_camera.clear()
        for alert in alerts:
            self.apply(alert)

    def apply(self, alert: Mapping[str, Any]) -> bool:
        """Take an alert's latest state; True when the camera's open alerts changed."""
        alert_id = str(alert.get("id"))
        old = self._by_id.pop(alert_id, None)
        if old is not None:
            self._by_camera.get(str(old.get("camera_id")), {}).pop(alert_id, None)
        if alert.get("state") in OPEN_ALERT_STATES:
            data = dict(alert)
            self._by_id[alert_id] = data
            self._by_camera.setdefault(str(alert.get("camera_id")), {})[alert_id] = data
            return True
        return old is not None

    def remove(self, alert_id: str) -> bool:
        old = self._by_id.pop(str(alert_id), None)
        if old is None:
            return False
        self._by_camera.get(str(old.get("camera_id")), {}).pop(str(alert_id), None)
        return True

    def get(self, alert_id: str) -> dict[str, Any] | None:
        return self._by_id.get(str(alert_id))

    def for_camera(self, camera_id: str) -> list[dict[str, Any]]:
        """The camera's open alerts, oldest first by id."""
        return sorted(self._by_camera.get(str(camera_id), {}).values(), key=lambda a: int(a.get("id") or 0))

    def alarm_cameras(self) -> set[str]:
        """Cameras with an active alarm (a new critical alert)."""
        return {str(a.get("camera_id")) for a in self._by_id.values() if is_alarm(a)}

    def __len__(self) -> int:
        return len(self._by_id)


class AlarmQueue:
    """New critical alerts waiting for the alarm spot, first come first shown.

    Only alerts that arrive while the wall runs join (a console start does not flood the spot
    with old ones); an alert leaves once it is taken (acknowledged, verified...) or dismissed.
    """

    def __init__(self) -> None:
        self._waiting: dict[str, dict[str, Any]] = {}

    def offer(self, alert: Mapping[str, Any]) -> bool:
        """A live change of an alert; True when what the spot should show changed."""
        alert_id = str(alert.get("id"))
        before = self.current()
        if is_alarm(alert):
            self._waiting[alert_id] = dict(alert)
        else:
            self._waiting.pop(alert_id, None)
        return self.current() != before

    def dismiss(self, alert_id: str) -> None:
        self._waiting.pop(str(alert_id), None)

    def current(self) -> dict[str, Any] | None:
        return next(iter(self._waiting.values()), None)

    def __len__(self) -> int:
        return len(self._waiting)

    def clear(self) -> None:
        self._waiting.clear()
