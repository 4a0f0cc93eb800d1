"""A flush that runs at once after a quiet spell, and at most once per interval in a burst."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer


class Throttle(QObject):
    """Calls ``action`` on the GUI thread's next turn when asked after a quiet spell, and at most
    once every ``interval_ms`` while asked again and again.

    Why not a plain single-shot timer started on the first ask: that delays *every* update by the
    whole interval, the lone critical alert as much as a burst's, and the sync engine already
    gathers live changes into batches before they reach the models. Here the first update of a
    burst shows at once; the rest are gathered into one update per interval, so a burst of
    10,000 changes still costs the GUI thread a handful of model updates.
    """

    def __init__(self, interval_ms: int, action: Callable[[], object], parent: QObject, name: str) -> None:
        super().__init__(parent)
        self._interval_s = max(0, interval_ms) / 1000.0
        self._last_run: float | None = None
        self._timer = QTimer(self)
        self._timer.setObjectName(name)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(action)

    def request(self) -> None:
        """Ask for ``action``: on the next turn if it has not run for ``interval_ms``, else when it has."""
        if self._timer.isActive():
            return
        wait_s = 0.0
        if self._last_run is not None:
            wait_s = max(0.0, self._interval_s - (time.monotonic() - self._last_run))
        self._timer.start(round(wait_s * 1000.0))

    def ran(self) -> None:
        """``action`` has just run (by the timer or called directly): the next waits its interval."""
        self._timer.stop()
        self._last_run = time.monotonic()
