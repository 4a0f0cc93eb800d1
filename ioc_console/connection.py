"""Qt-side connection service: owns the API client and the live event stream, speaks signals."""
from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot

from backend_client import EventStream, IocClient
from ioc_console.ops import run_in_background

log = logging.getLogger(__name__)

ONLINE = "online"
RECONNECTING = "reconnecting"
OFFLINE = "offline"

HEALTH_INTERVAL_MS = 5_000


class ConnectionService(QObject):
    """The one place the console talks to the backend from.

    Stream callbacks arrive on the stream's own thread; they are re-emitted through private
    signals with a queued connection, so every public signal fires on the GUI thread.
    The state shown to the operator combines the stream's state with a periodic health
    check: a stream that is retrying while ``/health`` also fails is "offline".
    """

    event_received = Signal(object)   # backend_client.Event
    state_changed = Signal(str)       # ONLINE | RECONNECTING | OFFLINE
    signed_in = Signal(object)        # backend_client.User
    signed_out = Signal()
    auth_required = Signal()          # the session ended (refresh failed): ask to sign in again

    _stream_event = Signal(object)
    _stream_state = Signal(str)
    _auth_lost = Signal()

    def __init__(self, base_url: str, *, verify: bool | str = True, parent: QObject | None = None,
                 health_interval_ms: int = HEALTH_INTERVAL_MS,
                 stream_factory: Callable[..., EventStream] = EventStream,
                 client_options: dict[str, Any] | None = None) -> None:
        super().__init__(parent)
        self.base_url = base_url
        self.verify = verify
        self.client = IocClient(base_url, verify=verify, on_auth_required=self._auth_lost.emit,
                                **(client_options or {}))
        self._stream_factory = stream_factory
        self._stream: EventStream | None = None
        self._stream_status = "stopped"
        self._backend_reachable = True
        self._health_in_flight = False
        self._state = OFFLINE
        self._last_event_id: str | None = None
        self._closed = False
        self._stream_event.connect(self._on_stream_event, Qt.ConnectionType.QueuedConnection)
        self._stream_state.connect(self._on_stream_state, Qt.ConnectionType.QueuedConnection)
        self._auth_lost.connect(self._on_auth_lost, Qt.ConnectionType.QueuedConnection)
        self._health_timer = QTimer(self)
        self._health_timer.setObjectName("healthCheckTimer")
        self._health_timer.setInterval(health_interval_ms)
        self._health_timer.timeout.connect(self.check_health)

    # -- state --------------------------------------------------------------------------
    @property
    def state(self) -> str:
        return self._state

    @property
    def user(self) -> Any:
        return self.client.user

    @property
    def last_event_id(self) -> str | None:
        return self._last_event_id

    def is_streaming(self) -> bool:
        return self._stream is not None

    # -- signing in and out -------------------------------------------------------------
    def sign_in(self, username: str, password: str, *, on_success: Callable[[Any], None] | None = None,
                on_failure: Callable[[BaseException], None] | None = None,
                parent: QObject | None = None) -> None:
        """Log in on the HTTP pool; on success emit :attr:`signed_in` and start live events.

        The password is only captured by the background call and dropped when it ends.
        """
        client = self.client

        def login() -> Any:
            return client.login(username, password)

        def succeeded(session: Any) -> None:
            self._adopt_session(session)
            if on_success is not None:
                on_success(session)

        run_in_background(login, on_success=succeeded, on_failure=on_failure, parent=parent or self)

    def _adopt_session(self, session: Any) -> None:
        if self._closed:
            return
        self.signed_in.emit(session.user)
        self.start_stream()

    def sign_out(self, on_done: Callable[[], None] | None = None) -> None:
        """Stop live events and revoke the session on the server (in the background)."""
        self.stop_stream()
        client = self.client

        def finished(_: object = None) -> None:
            self.signed_out.emit()
            if on_done is not None:
                on_done()

        run_in_background(client.logout, on_success=finished, on_failure=lambda _e: finished(), parent=self)

    # -- live events --------------------------------------------------------------------
    def start_stream(self) -> None:
        """Open the event stream, resuming after the last event seen (no gap on re-login)."""
        if self._closed or self._stream is not None:
            return
        self._stream = self._stream_factory(self.client, last_event_id=self._last_event_id,
                                            on_event=self._stream_event.emit,
                                            on_state=self._stream_state.emit)
        self._stream.start()
        self._health_timer.start()

    def stop_stream(self) -> None:
        stream, self._stream = self._stream, None
        self._health_timer.stop()
        if stream is not None:
            stream.stop()
        self._stream_status = "stopped"
        self._update_state()

    def shutdown(self) -> None:
        """Stop the stream and timers; used when the console exits. Idempotent."""
        if self._closed:
            return
        self.stop_stream()
        self._closed = True

    # -- health -------------------------------------------------------------------------
    @Slot()
    def check_health(self) -> None:
        if self._health_in_flight or self._closed:
            return
        self._health_in_flight = True
        run_in_background(self.client.health, on_success=self._health_ok,
                          on_failure=self._health_failed, parent=self)

    def _health_ok(self, _health: object) -> None:
        self._health_in_flight = False
        self._backend_reachable = True
        self._update_state()

    def _health_failed(self, error: BaseException) -> None:
        self._health_in_flight = False
        log.info("health check failed: %s", error)
        self._backend_reachable = False
        self._update_state()

    # -- stream callbacks (already on the GUI thread) -----------------------------------
    @Slot(object)
    def _on_stream_event(self, event: Any) -> None:
        if self._closed:
            return
        if getattr(event, "id", None) is not None:
            self._last_event_id = event.id
        if self._stream is not None and self._stream_status != "connected":
            # An event proves the stream is connected, whatever state report is still queued.
            self._stream_status = "connected"
            self._backend_reachable = True
            self._update_state()
        self.event_received.emit(event)

    @Slot(str)
    def _on_stream_state(self, status: str) -> None:
        if self._closed or self._stream is None:
            return
        self._stream_status = status
        if status == "connected":
            self._backend_reachable = True
        elif status == "reconnecting":
            self.check_health()  # find out at once whether the server is gone altogether
        self._update_state()

    @Slot()
    def _on_auth_lost(self) -> None:
        if self._closed:
            return
        log.warning("session ended; asking the operator to sign in again")
        self.stop_stream()
        self.auth_required.emit()

    def _update_state(self) -> None:
        if self._stream is None or self._stream_status == "stopped":
            state = OFFLINE
        elif self._stream_status == "connected":
            state = ONLINE
        elif not self._backend_reachable:
            state = OFFLINE
        else:
            state = RECONNECTING
        if state != self._state:
            self._state = state
            self.state_changed.emit(state)
