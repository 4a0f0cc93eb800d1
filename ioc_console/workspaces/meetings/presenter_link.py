"""Follow the presenter: publish what this console shows, or follow what the presenter shows.

Modes of the signed-in member in the open meeting:

- ``following`` (default): every newer presenter state (resource ``meeting_presenter``, by
  ``revision``) is handed to the page at once (``follow``).
- ``browsing``: the member moved away on their own (``leave``); states are remembered, not
  applied, until ``rejoin`` (one key) jumps to the newest.
- ``presenting``: this console publishes its document page and zoom, or a shared workspace
  view, with ``PUT /meetings/{id}/presenter``. At most one request is in flight; a change made
  meanwhile waits and only the newest waiting one is sent (a page flipped five times quickly
  sends at most two requests). When another member takes over, this console follows them.

The presenter's state is not an outbox action on purpose: it is "what the room sees now";
replaying yesterday's page turns after a reconnect would move every follower backwards.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QObject, Signal

from backend_client.api.errors import IocError
from ioc_console.services.connection import ConnectionService
from ioc_console.services.ops import run_in_background
from ioc_domain.meetings import meeting_may

log = logging.getLogger(__name__)

FOLLOWING, BROWSING, PRESENTING = "following", "browsing", "presenting"


def may_present(meeting: Mapping[str, Any] | None, meeting_role: str | None, user_id: int | None) -> bool:
    """The chair and presenters may present, and so may the presenter of the item under discussion."""
    if meeting is None or meeting_role is None:
        return False
    if meeting_may(meeting_role, "present"):
        return True
    return any(
        isinstance(item, Mapping) and item.get("state") == "current" and item.get("presenter_id") == user_id
        for item in meeting.get("agenda") or ()
    )


class PresenterLink(QObject):
    mode_changed = Signal(str)
    #: (view dict, presenter state dict): show this (the page applies it)
    follow = Signal(object, object)
    #: a publish failed: the message to show (the console stays presenting and retries on the next change)
    publish_failed = Signal(str)
    #: a publish reached the server: the state it answered
    published = Signal(object)

    def __init__(self, connection: ConnectionService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._connection = connection
        self._meeting_id: int | None = None
        self._user_id: int | None = None
        self._mode = FOLLOWING
        self._latest: dict[str, Any] | None = None  # the newest presenter state seen
        self._in_flight = False
        self._waiting: dict[str, Any] | None = None  # the newest view not sent yet
        self._last_sent: dict[str, Any] | None = None
        self._generation = 0  # requests of a meeting left behind are ignored

    # -- state ------------------------------------------------------------------------------
    @property
    def mode(self) -> str:
        return self._mode

    @property
    def meeting_id(self) -> int | None:
        return self._meeting_id

    def latest(self) -> dict[str, Any] | None:
        return self._latest

    def set_meeting(self, meeting_id: int | None, user_id: int | None) -> None:
        """A meeting was opened (or none): follow its presenter from now on."""
        if meeting_id == self._meeting_id and user_id == self._user_id:
            return
        self._meeting_id, self._user_id = meeting_id, user_id
        self._latest = None
        self._waiting = self._last_sent = None
        self._generation += 1
        self._in_flight = False
        self._set_mode(FOLLOWING)

    def _set_mode(self, mode: str) -> None:
        if mode != self._mode:
            self._mode = mode
            self.mode_changed.emit(mode)

    # -- following --------------------------------------------------------------------------
    def take_state(self, state: Mapping[str, Any]) -> None:
        """A newer presenter state of some meeting (the feed already dropped older revisions)."""
        if state.get("meeting_id") != self._meeting_id:
            return
        self._latest = dict(state)
        view = state.get("view")
        if self._mode == PRESENTING:
            if state.get("presenter_id") in (None, self._user_id):
                return  # our own change coming back
            self._set_mode(FOLLOWING)  # another member took over the room
        if self._mode == FOLLOWING and isinstance(view, Mapping):
            self.follow.emit(dict(view), self._latest)

    def leave(self) -> None:
        """The member browses on their own: stop applying the presenter's changes."""
        if self._mode == FOLLOWING:
            self._set_mode(BROWSING)

    def rejoin(self) -> None:
        """Back to the presenter's newest view (one key)."""
        if self._mode == PRESENTING:
            return
        self._set_mode(FOLLOWING)
        if self._latest is not None and isinstance(self._latest.get("view"), Mapping):
            self.follow.emit(dict(self._latest["view"]), self._latest)

    # -- presenting -------------------------------------------------------------------------
    def start_presenting(self, view: Mapping[str, Any] | None) -> None:
        if self._meeting_id is None:
            return
        self._set_mode(PRESENTING)
        if view is not None:
            self.publish(view)

    def stop_presenting(self) -> None:
        if self._mode == PRESENTING:
            self._waiting = None
            self._set_mode(FOLLOWING)

    def publish(self, view: Mapping[str, Any]) -> None:
        """Show the room ``view`` (only while presenting; the newest change wins)."""
        if self._mode != PRESENTING or self._meeting_id is None:
            return
        view = dict(view)
        if view == self._last_sent and not self._in_flight:
            return
        self._waiting = view
        if not self._in_flight:
            self._send_next()

    def _send_next(self) -> None:
        view, self._waiting = self._waiting, None
        if view is None or self._meeting_id is None:
            return
        client = self._connection.client
        meeting_id, generation = self._meeting_id, self._generation
        self._in_flight = True
        self._last_sent = view
        run_in_background(
            lambda: client.present(meeting_id, view).model_dump(mode="json"),
            on_success=lambda state: self._sent(generation, state),
            on_failure=lambda error: self._send_failed(generation, error),
            parent=self,
        )

    def _sent(self, generation: int, state: dict[str, Any]) -> None:
        if generation != self._generation:
            return
        self._in_flight = False
        self.published.emit(state)
        if self._mode == PRESENTING and self._waiting is not None:
            self._send_next()

    def _send_failed(self, generation: int, error: BaseException) -> None:
        if generation != self._generation:
            return
        self._in_flight = False
        self._last_sent = None
        message = error.message if isinstance(error, IocError) else str(error)
        log.warning("could not publish the presenter's view: %s", message)
        self.publish_failed.emit(message)
        if self._mode == PRESENTING and self._waiting is not None:
            self._send_next()
