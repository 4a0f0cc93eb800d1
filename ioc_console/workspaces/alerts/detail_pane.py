"""The detail of the alert chosen in a queue: snapshot with its box, bundled detections, SLA,
notes, history, and the one-click moves to the camera on the wall, the place on the map and a
public warning."""

from __future__ import annotations

import html
import logging
from collections import OrderedDict
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QLocale, Qt, QTimer, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ioc_console.services import event_text
from ioc_console.services.connection import ONLINE, ConnectionService
from ioc_console.services.event_text import AnalyticsCatalogue, fill, format_local_time, parse_time
from ioc_console.services.navigation import SHOW_CAMERA_ON_WALL, SHOW_ON_MAP, Navigation
from ioc_console.services.ops import run_in_background
from ioc_console.workspaces.alerts.durations import duration_text
from ioc_console.workspaces.alerts.snapshot_view import SnapshotView
from ioc_domain.alert_sla import breach_of, bundle_window_s
from ioc_domain.roles import may
from widgets.palette import LEVEL_COLOURS

log = logging.getLogger(__name__)

#: Snapshots kept decoded in memory (one pane; an operator walks back and forth over a few dozen).
SNAPSHOT_MEMORY = 48
#: How often the SLA line is recomputed ("due in 3 min" must tick down while nothing changes).
SLA_REFRESH_MS = 15_000
DRAFT_PERMISSION = "warning.draft"

HISTORY_ACTIONS = {
    "detected": QT_TRANSLATE_NOOP("AlertDetailPane", "Detected"),
    "bundled": QT_TRANSLATE_NOOP("AlertDetailPane", "Detection bundled"),
    "transition": QT_TRANSLATE_NOOP("AlertDetailPane", "State changed"),
    "verify": QT_TRANSLATE_NOOP("AlertDetailPane", "Verified on camera"),
    "dispatch": QT_TRANSLATE_NOOP("AlertDetailPane", "Dispatched"),
    "note": QT_TRANSLATE_NOOP("AlertDetailPane", "Note"),
    "bulk": QT_TRANSLATE_NOOP("AlertDetailPane", "Bulk action"),
    "sla_breach": QT_TRANSLATE_NOOP("AlertDetailPane", "SLA breached"),
    "warning": QT_TRANSLATE_NOOP("AlertDetailPane", "Public warning"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("AlertDetailPane", text)


def _get(item: Any, name: str) -> Any:
    """A field of a plain dict (cache, tests) or of a typed model (backend_client)."""
    if isinstance(item, Mapping):
        return item.get(name)
    return getattr(item, name, None)


def _plain(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return format_local_time(value if value.tzinfo else value.replace(tzinfo=UTC))
    return str(value)


def history_detail_text(action: str, detail: Mapping[str, Any] | None) -> str:
    """One plain-text line for a history entry's detail (verbatim outside text: shown as plain text)."""
    detail = dict(detail or {})
    parts: list[str] = []
    source, target = detail.pop("from", None), detail.pop("to", None)
    if source or target:
        parts.append(f"{event_text.status_label('alert', source)} → {event_text.status_label('alert', target)}")
    reason = detail.pop("reason", None)
    if reason:
        names = event_text.CLOSE_REASONS
        parts.append(event_text.tr(names[reason]) if reason in names else str(reason))
    verdict = detail.pop("verdict", None)
    if verdict:
        parts.append(event_text.verdict_label(verdict))
    unit = detail.pop("unit", None)
    if unit:
        parts.append(fill(QCoreApplication.translate("AlertDetailPane", "unit %1"), str(unit)))
    for key in ("text", "note"):
        value = detail.pop(key, None)
        if value:
            parts.append(f"“{value}”")
    if detail.pop("bulk", False):
        parts.append(QCoreApplication.translate("AlertDetailPane", "(bulk)"))
    # Whatever else the server recorded, still shown rather than dropped.
    parts.extend(f"{key}: {_plain(value)}" for key, value in sorted(detail.items()) if value not in (None, ""))
    return " — ".join(parts)


class AlertDetailPane(QWidget):
    """Shows one alert (``show_alert``); asks the navigation for the wall and the map, and asks
    its owner (``draft_warning_requested``) to open the warning editor for a confirmed alert."""

    draft_warning_requested = Signal(dict)
    history_loaded = Signal(int)  # alert id, once its history is on screen
    snapshot_loaded = Signal(int)  # alert id, once its snapshot is on screen

    def __init__(
        self,
        connection: ConnectionService,
        navigation: Navigation,
        analytics: AnalyticsCatalogue | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("alertDetailPane")
        self._connection = connection
        self._navigation = navigation
        self._analytics = analytics
        self._alert: dict[str, Any] | None = None
        self._snapshots: OrderedDict[tuple[int, str], QImage] = OrderedDict()
        self._history_for: tuple[int, int] | None = None  # (alert id, version) last asked for
        self._snapshot_for: tuple[int, str] | None = None
        self._history_entries: list[Any] = []
        self._build()
        self._sla_timer = QTimer(self)
        self._sla_timer.setInterval(SLA_REFRESH_MS)
        self._sla_timer.timeout.connect(self._update_sla)
        connection.signed_in.connect(lambda _user: self._update_buttons())
        connection.signed_out.connect(self._update_buttons)
        # The map (or the wall) may register after this pane is built: re-judge the buttons then.
        navigation.served_changed.connect(self._served_changed)
        self.retranslate_ui()
        self.show_alert(None)

    @classmethod
    def from_context(cls, context: Any, parent: QWidget | None = None) -> AlertDetailPane:
        """The ``detail_factory(ctx, parent)`` the alerts workspace takes."""
        return cls(context.connection, context.navigation, context.analytics, parent)

    # -- building ---------------------------------------------------------------------------
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        # Text wraps to the pane's width; only a long history scrolls (vertically).
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(scroll)
        body = QWidget(scroll)
        scroll.setWidget(body)
        layout = QVBoxLayout(body)

        self.title = QLabel(body)
        self.title.setObjectName("alertDetailTitle")
        self.title.setTextFormat(Qt.TextFormat.RichText)  # built with html.escape only
        self.title.setWordWrap(True)
        layout.addWidget(self.title)

        self.snapshot = SnapshotView(body)
        layout.addWidget(self.snapshot)

        self.detections = QLabel(body)
        self.detections.setObjectName("alertDetections")
        self.detections.setTextFormat(Qt.TextFormat.PlainText)
        self.detections.setWordWrap(True)
        layout.addWidget(self.detections)

        self.sla = QLabel(body)
        self.sla.setObjectName("alertSla")
        self.sla.setTextFormat(Qt.TextFormat.PlainText)
        self.sla.setWordWrap(True)
        layout.addWidget(self.sla)

        # Two columns: the Vietnamese labels are long, and the pane is often narrow.
        buttons = QGridLayout()
        self.wall_button = QPushButton(body)
        self.wall_button.setObjectName("alertOpenOnWall")
        self.wall_button.clicked.connect(self.open_camera_on_wall)
        self.map_button = QPushButton(body)
        self.map_button.setObjectName("alertShowOnMap")
        self.map_button.clicked.connect(self.show_on_map)
        self.draft_button = QPushButton(body)
        self.draft_button.setObjectName("alertDraftWarning")
        self.draft_button.clicked.connect(self._request_draft)
        buttons.addWidget(self.wall_button, 0, 0)
        buttons.addWidget(self.map_button, 0, 1)
        buttons.addWidget(self.draft_button, 1, 0)
        layout.addLayout(buttons)

        self.notes_label = QLabel(body)
        layout.addWidget(self.notes_label)
        self.notes = QListWidget(body)
        self.notes.setObjectName("alertNotes")
        self.notes.setWordWrap(True)
        self.notes.setMaximumHeight(120)
        layout.addWidget(self.notes)

        self.history_label = QLabel(body)
        layout.addWidget(self.history_label)
        self.history_status = QLabel(body)
        self.history_status.setObjectName("alertHistoryStatus")
        self.history_status.setTextFormat(Qt.TextFormat.PlainText)
        self.history_status.setWordWrap(True)
        layout.addWidget(self.history_status)
        self.history = QTreeWidget(body)
        self.history.setObjectName("alertHistory")
        self.history.setRootIsDecorated(False)
        self.history.setColumnCount(4)
        self.history.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.history.header().setStretchLastSection(True)
        self.history.setMinimumHeight(140)
        layout.addWidget(self.history, 1)

    def retranslate_ui(self) -> None:
        self.wall_button.setText(self.tr("Open camera on the wall"))
        self.map_button.setText(self.tr("Show on map"))
        self.draft_button.setText(self.tr("Draft warning…"))
        self.notes_label.setText(self.tr("Notes"))
        self.history_label.setText(self.tr("History"))
        self.history.setHeaderLabels([self.tr("Time"), self.tr("By"), self.tr("What"), self.tr("Detail")])
        if self._history_entries:
            self._fill_history(self._history_entries)
        self._render()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # -- the alert shown --------------------------------------------------------------------
    def alert(self) -> dict[str, Any] | None:
        return dict(self._alert) if self._alert is not None else None

    def show_alert(self, alert: Mapping[str, Any] | None) -> None:
        """Show ``alert`` (a synced alert dict), or the empty state for None. Called again with a
        newer version of the same alert, it refreshes in place and re-reads the history."""
        self._alert = dict(alert) if alert is not None else None
        if self._alert is None:
            self._sla_timer.stop()
            self._history_for = self._snapshot_for = None
            self.snapshot.set_message(self.tr("Choose an alert in a queue to see it here."))
            self.history.clear()
            self._history_entries = []
            self.notes.clear()
        else:
            self._sla_timer.start()
            self._load_snapshot()
            self._load_history()
        self._render()

    def _render(self) -> None:
        alert = self._alert
        for widget in (self.detections, self.sla, self.notes, self.history, self.notes_label, self.history_label):
            widget.setVisible(alert is not None)
        self.history_status.setVisible(alert is not None and bool(self.history_status.text()))
        if alert is None:
            nothing = self.tr("No alert selected")
            self.title.setText(f"<i>{html.escape(nothing)}</i>")
            self._update_buttons()
            return
        self.title.setText(self._title_html(alert))
        self.detections.setText(self._detections_text(alert))
        self._update_sla()
        self._render_notes(alert)
        self._update_buttons()

    def _analytic_name(self, alert: Mapping[str, Any]) -> str:
        language = "vi" if QLocale().language() == QLocale.Language.Vietnamese else "en"
        if self._analytics is None:
            return str(alert.get("analytic") or "").replace("_", " ").capitalize()
        return self._analytics.name(alert.get("analytic"), language)

    def _title_html(self, alert: Mapping[str, Any]) -> str:
        severity = str(alert.get("severity") or "info")
        colour = LEVEL_COLOURS.get(severity, LEVEL_COLOURS["info"]).name()
        line = fill(
            self.tr("Camera %1 — %2 — %3"),
            str(alert.get("camera_id") or ""),
            str(alert.get("ward") or ""),
            event_text.status_label("alert", alert.get("state")),
        )
        handling = " — ".join(event_text.alert_handling(alert))
        number = fill(self.tr("Alert #%1"), str(alert.get("id")))
        parts = [
            f"<b>{html.escape(number)}: "
            f"{html.escape(self._analytic_name(alert))}</b> "
            f"<span style='color:{colour}'>{html.escape(event_text.level_label(severity))}</span>",
            html.escape(line),
        ]
        if handling:
            parts.append(html.escape(handling))
        return "<br>".join(parts)

    def _detections_text(self, alert: Mapping[str, Any]) -> str:
        count = int(alert.get("detections") or 1)
        first = parse_time(alert.get("first_detected_at") or alert.get("detected_at"))
        last = parse_time(alert.get("last_detected_at") or alert.get("detected_at"))
        window = duration_text(bundle_window_s(str(alert.get("analytic") or "")))
        confidence = event_text.format_number(round(float(alert.get("confidence") or 0) * 100))
        if count <= 1 or first is None or last is None:
            when = format_local_time(first) if first is not None else "—"
            return fill(
                self.tr("1 detection at %1, confidence %2% (repeats within %3 join this alert)"),
                when,
                confidence,
                window,
            )
        return fill(
            self.tr("%1 detections from %2 to %3 (over %4), latest confidence %5% (bundling window %6)"),
            str(count),
            format_local_time(first),
            format_local_time(last),
            duration_text((last - first).total_seconds()),
            confidence,
            window,
        )

    def _update_sla(self) -> None:
        alert = self._alert
        if alert is None:
            return
        state = str(alert.get("state") or "")
        ack_due, close_due = parse_time(alert.get("ack_due_at")), parse_time(alert.get("close_due_at"))
        now = datetime.now(UTC)
        breach = breach_of(state, ack_due, close_due, now)
        overdue = breach is not None or bool(alert.get("sla_breached") and state != "closed")
        if state == "closed":
            text = self.tr("Closed: no deadline running.")
        elif breach == "ack" and ack_due is not None:
            text = fill(self.tr("OVERDUE: not acknowledged, due %1 (overdue by %2)"), *self._due(ack_due, now))
        elif breach == "close" and close_due is not None:
            text = fill(self.tr("OVERDUE: not closed, due %1 (overdue by %2)"), *self._due(close_due, now))
        elif state == "new" and ack_due is not None:
            text = fill(self.tr("Acknowledge by %1 (in %2)"), *self._due(ack_due, now))
        elif close_due is not None:
            text = fill(self.tr("Close by %1 (in %2)"), *self._due(close_due, now))
        else:
            text = self.tr("No deadline for this alert.")
        if overdue and breach is None:
            # Breached earlier (e.g. acknowledged late): stays on the escalation queue's record.
            text += " " + self.tr("(the SLA was breached)")
        self.sla.setText(text)
        self.sla.setProperty("overdue", overdue)
        self.sla.setStyleSheet("color: #ff5c5c; font-weight: bold;" if overdue else "")

    @staticmethod
    def _due(due: datetime, now: datetime) -> tuple[str, str]:
        return format_local_time(due), duration_text(abs((now - due).total_seconds()))

    def _render_notes(self, alert: Mapping[str, Any]) -> None:
        self.notes.clear()
        notes = alert.get("notes") or []
        for note in notes:
            when = parse_time(_get(note, "at"))
            text = fill(
                self.tr("%1 %2: %3"),
                format_local_time(when) if when is not None else "",
                str(_get(note, "author") or ""),
                str(_get(note, "text") or ""),
            )
            self.notes.addItem(QListWidgetItem(text))  # plain-text items: notes are never markup
        if not notes:
            item = QListWidgetItem(self.tr("No notes yet."))
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.notes.addItem(item)

    # -- buttons ------------------------------------------------------------------------------
    def _role(self) -> str | None:
        return getattr(self._connection.user, "role", None)

    def _update_buttons(self) -> None:
        alert = self._alert
        self.wall_button.setEnabled(alert is not None and bool(alert.get("camera_id")))
        self.wall_button.setToolTip(
            "" if self._navigation.can(SHOW_CAMERA_ON_WALL) else self.tr("No video wall in this console.")
        )
        if not self._navigation.can(SHOW_CAMERA_ON_WALL):
            self.wall_button.setEnabled(False)
        has_map = self._navigation.can(SHOW_ON_MAP)
        self.map_button.setEnabled(alert is not None and has_map)
        self.map_button.setToolTip(
            ""
            if has_map
            else self.tr("This console has no map workspace yet; the place is in the alert (ward, coordinates).")
        )
        may_draft = may(self._role(), DRAFT_PERMISSION)
        self.draft_button.setVisible(may_draft)
        confirmed = alert is not None and _get(alert.get("verification") or {}, "verdict") == "confirmed"
        self.draft_button.setEnabled(may_draft and confirmed)
        self.draft_button.setToolTip(
            "" if confirmed else self.tr("Only an alert verified on camera as real can become a public warning.")
        )

    def _served_changed(self, _intent: str) -> None:
        self._update_buttons()

    def open_camera_on_wall(self) -> bool:
        alert = self._alert
        if alert is None or not alert.get("camera_id"):
            return False
        return self._navigation.request(SHOW_CAMERA_ON_WALL, {"camera_id": str(alert["camera_id"])})

    def show_on_map(self) -> bool:
        alert = self._alert
        if alert is None or not self._navigation.can(SHOW_ON_MAP):
            self._update_buttons()
            return False
        return self._navigation.request(
            SHOW_ON_MAP, {"key": f"alert:{alert.get('id')}", "lat": alert.get("lat"), "lon": alert.get("lon")}
        )

    def _request_draft(self) -> None:
        if self._alert is not None and self.draft_button.isEnabled():
            self.draft_warning_requested.emit(dict(self._alert))

    # -- snapshot (off the GUI thread, remembered per alert and latest detection) --------------
    @staticmethod
    def _snapshot_key(alert: Mapping[str, Any]) -> tuple[int, str]:
        # A bundled detection replaces the snapshot: the newest detection time is part of the key.
        return int(alert["id"]), str(alert.get("last_detected_at") or alert.get("detected_at") or "")

    def _load_snapshot(self) -> None:
        alert = self._alert
        if alert is None or alert.get("id") is None:
            return
        key = self._snapshot_key(alert)
        cached = self._snapshots.get(key)
        if cached is not None:
            self._snapshots.move_to_end(key)
            self._snapshot_for = key
            self.snapshot.set_image(cached, alert.get("bbox"))
            self.snapshot_loaded.emit(key[0])
            return
        if key == self._snapshot_for and self.snapshot.image() is None and self.snapshot.message():
            return  # already on its way
        self._snapshot_for = key
        self.snapshot.set_message(self.tr("Loading the snapshot…"))
        alert_id = key[0]
        client, store = self._connection.client, self._connection.store
        online = self._connection.state == ONLINE

        def fetch() -> QImage:
            jpeg: bytes | None = None
            if online:
                try:
                    jpeg = client.alert_snapshot(alert_id)
                except Exception:
                    if store is None:
                        raise
                    log.info("snapshot of alert %s not fetched; trying the cached copy", alert_id)
                else:
                    if store is not None:
                        try:  # keep it for offline use; a full cache must not hide the image
                            store.put_snapshot(alert_id, jpeg)
                        except Exception as exc:  # noqa: BLE001
                            log.warning("the snapshot of alert %s was not cached: %s", alert_id, exc)
            if jpeg is None and store is not None:
                jpeg = store.get_snapshot(alert_id)
            if jpeg is None:
                raise LookupError("no snapshot")
            image = QImage.fromData(jpeg)  # decoded here, not on the GUI thread
            if image.isNull():
                raise ValueError("the snapshot is not an image")
            return image

        def done(image: QImage) -> None:
            self._snapshots[key] = image
            while len(self._snapshots) > SNAPSHOT_MEMORY:
                self._snapshots.popitem(last=False)
            if self._alert is not None and self._snapshot_key(self._alert) == key:
                self.snapshot.set_image(image, self._alert.get("bbox"))
                self.snapshot_loaded.emit(alert_id)

        def failed(error: BaseException) -> None:
            log.info("no snapshot for alert %s: %s", alert_id, error)
            if self._snapshot_for == key:
                self._snapshot_for = None
            if self._alert is not None and self._snapshot_key(self._alert) == key:
                self.snapshot.set_message(
                    self.tr("The snapshot cannot be shown: the server cannot be reached and no copy is saved here.")
                    if isinstance(error, LookupError) or not online
                    else fill(self.tr("The snapshot cannot be shown: %1"), getattr(error, "message", str(error)))
                )

        run_in_background(fetch, on_success=done, on_failure=failed, parent=self)

    # -- history (GET /alerts/{id}/history) ----------------------------------------------------
    def _load_history(self) -> None:
        alert = self._alert
        if alert is None or alert.get("id") is None:
            return
        key = (int(alert["id"]), int(alert.get("version") or 0))
        if key == self._history_for:
            return
        if self._history_for is None or self._history_for[0] != key[0]:
            self.history.clear()
            self._history_entries = []
        self._history_for = key
        self.history_status.setText(self.tr("Loading the history…"))
        self.history_status.setVisible(True)
        client = self._connection.client
        alert_id = key[0]

        def fetch() -> list[Any]:
            return list(client.alert_history(alert_id))

        def done(entries: list[Any]) -> None:
            if self._history_for != key:
                return  # another alert (or a newer version) was chosen meanwhile
            self._fill_history(entries)
            self.history_status.setText("")
            self.history_status.setVisible(False)
            self.history_loaded.emit(alert_id)

        def failed(error: BaseException) -> None:
            if self._history_for != key:
                return
            self._history_for = None  # asked again on the next show_alert
            self.history_status.setText(
                fill(self.tr("The history could not be loaded: %1"), getattr(error, "message", str(error)))
            )

        run_in_background(fetch, on_success=done, on_failure=failed, parent=self)

    def _fill_history(self, entries: list[Any]) -> None:
        self._history_entries = list(entries)  # kept to re-word them on a language switch
        self.history.clear()
        for entry in entries:
            when = parse_time(_get(entry, "at"))
            action = str(_get(entry, "action") or "")
            role = str(_get(entry, "role") or "")
            who = str(_get(entry, "username") or self.tr("system"))
            if role:
                who = fill(self.tr("%1 (%2)"), who, event_text.role_label(role))
            label = _tr(HISTORY_ACTIONS[action]) if action in HISTORY_ACTIONS else action
            detail = _get(entry, "detail")
            item = QTreeWidgetItem(
                [
                    format_local_time(when) if when is not None else "",
                    who,
                    label,
                    history_detail_text(action, detail if isinstance(detail, Mapping) else None),
                ]
            )
            self.history.addTopLevelItem(item)

    def history_rows(self) -> list[list[str]]:
        """What the history table shows, row by row (for tests and accessibility tools)."""
        return [
            [self.history.topLevelItem(i).text(c) for c in range(self.history.columnCount())]
            for i in range(self.history.topLevelItemCount())
        ]
