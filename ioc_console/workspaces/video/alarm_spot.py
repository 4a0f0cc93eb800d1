"""The wall's alarm spot: the camera of a new critical alert, flashing, with acknowledge / verify / dismiss."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ioc_console.services.event_text import fill
from ioc_console.workspaces.video.wall import Feed, FeedFactory, TileFactory, call_if_present


class AlarmSpot(QWidget):
    """A tile beside the grid that shows the alarm's camera (hidden while there is no alarm).

    The buttons only ask (signals); the workspace acts through the shared alert submitter,
    so an acknowledgement from here is the same outbox action as one from the event log.
    """

    acknowledge_requested = Signal(dict)  # the alert
    verify_requested = Signal(dict)
    dismiss_requested = Signal(dict)

    def __init__(self, tile_factory: TileFactory, feed_factory: FeedFactory, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("alarmSpot")
        self._feed_factory = feed_factory
        self._feed: Feed | None = None
        self._alert: dict[str, Any] | None = None
        self._camera_id: str | None = None
        self._seen = False
        self._presenting = False
        self.tile = tile_factory(self)
        self.tile.setObjectName("alarmTile")
        self.header = QLabel(self)
        self.header.setObjectName("alarmHeader")
        self.header.setWordWrap(True)
        self.header.setStyleSheet("color: #ff5c5c; font-weight: bold;")
        self.acknowledge = QPushButton(self)
        self.acknowledge.setObjectName("alarmAcknowledge")
        self.verify = QPushButton(self)
        self.verify.setObjectName("alarmVerify")
        self.dismiss = QPushButton(self)
        self.dismiss.setObjectName("alarmDismiss")
        self.acknowledge.clicked.connect(lambda: self._ask(self.acknowledge_requested))
        self.verify.clicked.connect(lambda: self._ask(self.verify_requested))
        self.dismiss.clicked.connect(lambda: self._ask(self.dismiss_requested))
        buttons = QHBoxLayout()
        for widget in (self.acknowledge, self.verify, self.dismiss):
            buttons.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.header)
        layout.addWidget(self.tile, 1)
        layout.addLayout(buttons)
        self.retranslate_ui()
        self.setVisible(False)

    def alert(self) -> dict[str, Any] | None:
        return dict(self._alert) if self._alert is not None else None

    def show_alarm(
        self, alert: Mapping[str, Any] | None, camera: Mapping[str, Any] | None, label: str, waiting: int
    ) -> None:
        """Show ``alert`` on its camera (None: no alarm, the spot hides and its stream stops)."""
        self._alert = dict(alert) if alert is not None else None
        camera_id = str(camera["id"]) if camera is not None else None
        if camera_id != self._camera_id:
            self._release()
            self._camera_id = camera_id
            if camera is not None:
                call_if_present(self.tile, "set_title", str(camera.get("name", camera_id)))
                self._feed = self._feed_factory(self.tile, camera)
        if alert is None:
            call_if_present(self.tile, "set_alarm", None)
            self.header.setText("")
        else:
            call_if_present(self.tile, "set_alarm", label)
            more = fill(self.tr(" (+%1 waiting)"), str(waiting - 1)) if waiting > 1 else ""
            self.header.setText(f"{label}{more}")
        self._show_if_wanted()
        self._apply_visibility()

    def set_presenting(self, presenting: bool) -> None:
        """On the leaders' screen the spot and its buttons stay away, even when an alarm comes."""
        self._presenting = presenting
        self._show_if_wanted()
        self._apply_visibility()

    def _show_if_wanted(self) -> None:
        self.setVisible(self._alert is not None and not self._presenting)

    def set_actions_allowed(self, allowed: bool) -> None:
        """Acknowledge / verify only for roles that may change alerts (dismiss always)."""
        self.acknowledge.setVisible(allowed)
        self.verify.setVisible(allowed)

    def set_seen(self, seen: bool) -> None:
        self._seen = seen
        self._apply_visibility()

    def feed(self) -> Feed | None:
        return self._feed

    def release(self) -> None:
        self._release()
        self._camera_id = None

    def _apply_visibility(self) -> None:
        if self._feed is not None:
            # Hidden while presenting: no decoding for a picture nobody sees.
            self._feed.set_visible(self._seen and self._alert is not None and not self._presenting)

    def _release(self) -> None:
        feed, self._feed = self._feed, None
        if feed is not None:
            feed.release()
        call_if_present(self.tile, "set_feed", None)

    def _ask(self, signal: Any) -> None:
        if self._alert is not None:
            signal.emit(dict(self._alert))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        self.acknowledge.setText(self.tr("Acknowledge"))
        self.verify.setText(self.tr("Verify…"))
        self.dismiss.setText(self.tr("Dismiss"))
        self.dismiss.setToolTip(self.tr("Take the alarm off the wall without acting on it (it stays in the event log)"))
