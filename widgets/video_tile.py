"""VideoTile: one camera picture on the wall, with health banner, overlays, alarm border and digital zoom."""

from __future__ import annotations

import math
import threading
import time
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

import numpy as np
from PySide6.QtCore import QCoreApplication, QEvent, QPointF, QRect, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QImage, QMouseEvent, QPainter, QPen, QStaticText, QWheelEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from ioc_domain.camera_urls import redact_text

MAX_ZOOM = 8.0
_DRAG_SLOP = 4  # pixels a press may move and still be a click
_BACKGROUND = QColor("#101418")
_DIM = QColor(0, 0, 0, 150)
_BAR = QColor(0, 0, 0, 140)
_BANNER = QColor(0, 0, 0, 170)
_WHITE = QColor("#ffffff")
_NOTICE_BAR = QColor(90, 60, 0, 170)
_NOTICE_TEXT = QColor("#ffd27a")
_LOST = QColor("#ff5c5c")
_RECONNECTING = QColor("#ffb020")
_CONNECTING = QColor("#cfd8e3")
RESUME_GRACE = 1.5  # seconds a resuming stream keeps its last picture up without a "connecting" banner


class Feed(Protocol):
    """What a tile needs from a stream (the hub's Subscription); ``set_target_size`` is optional."""

    def latest(self) -> Any: ...

    @property
    def health(self) -> Any: ...

    def set_listener(self, listener: Any) -> None: ...


@dataclass(frozen=True)
class TileOverlay:
    """A box over the picture, in picture coordinates normalised to 0..1, with its label and colour."""

    x: float
    y: float
    w: float
    h: float
    label: str = ""
    colour: str = "#ff5c5c"


class TileStats:
    """What the tile painted: distinct frames and their age (decoder had it → painted), in ms.

    The ages of the newest ``AGES_KEPT`` frames live in one float32 ring allocated and touched
    up front, so recording them never grows the process: a deque of Python floats grew a
    16-tile wall by ~7 MB over ten minutes before it filled up.
    """

    AGES_KEPT = 20_000

    def __init__(self) -> None:
        self.painted = 0
        self._ring = np.zeros(self.AGES_KEPT, dtype=np.float32)
        self._ring.fill(0.0)  # touch every page now, not as the ring fills
        self._recorded = 0

    def record(self, age_ms: float) -> None:
        self.painted += 1
        self._ring[self._recorded % self.AGES_KEPT] = age_ms
        self._recorded += 1

    @property
    def ages_ms(self) -> np.ndarray:
        """The recorded ages (the newest ``AGES_KEPT``), in no particular order."""
        return self._ring[: min(self._recorded, self.AGES_KEPT)]

    def reset(self) -> None:
        self.painted = 0
        self._recorded = 0


class VideoTile(QWidget):
    """Paints the newest picture of its feed, fitted with the right aspect ratio.

    The feed's listener runs on the decoder thread and only posts one event while none is
    pending, so however fast pictures come, the GUI thread handles at most one per tile per
    turn of the event loop, and ``update()`` coalesces the paints. The tile tells the feed its
    size in device pixels (``set_target_size``), so pictures arrive already fitted and in the
    painter's own pixel format: a paint is a plain copy. Frame ages use ``time.monotonic``,
    the hub's default clock.
    """

    activated = Signal()
    clicked = Signal()
    resized = Signal(QSize)
    _feed_changed = Signal()  # emitted on the decoder thread, delivered queued on the GUI thread

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("videoTile")
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(64, 36)
        self.setMouseTracking(False)
        self._feed: Any = None
        self._pending = False
        self._pending_lock = threading.Lock()
        self._frame: Any = None
        self._qimage: QImage | None = None
        self._health: Any = None
        self._painted: Any = None  # the last frame counted in the stats
        self._kept = False  # showing the previous feed's picture while the new one connects
        self._title = ""
        self._notice = ""
        self._overlays: list[TileOverlay] = []
        self._alarm: str | None = None
        self._alarm_on = True
        self._selected = False
        self._zoom = 1.0
        self._centre = QPointF(0.5, 0.5)  # the picture point at the middle of the view, normalised
        self._press: QPointF | None = None
        self._press_centre = QPointF(0.5, 0.5)
        self._dragged = False
        self.stats = TileStats()
        self._feed_changed.connect(self._on_feed_changed_gui, Qt.ConnectionType.QueuedConnection)
        self._flash = QTimer(self)
        self._flash.setInterval(500)
        self._flash.timeout.connect(self._toggle_flash)
        self._texts: dict[str, tuple[tuple[str, int, int], QStaticText]] = {}
        self._countdown = QTimer(self)
        self._countdown.setInterval(1000)
        self._countdown.timeout.connect(self._refresh_health)

    # -- feed ----------------------------------------------------------------------------
    def feed(self) -> Any:
        return self._feed

    def set_feed(self, feed: Feed | None, *, keep_picture: bool = False) -> None:
        """Show ``feed`` (None: nothing). The previous feed's listener is removed first.

        ``keep_picture``: the new feed is the same camera (another stream of it): the current
        picture stays, undimmed, until the new feed has one, instead of a black "connecting" tile.
        """
        old = self._feed
        if old is feed:
            return
        if old is not None:
            old.set_listener(None)
        self._feed = feed
        self._kept = keep_picture and feed is not None and self._qimage is not None
        if not self._kept:
            self._frame = None
            self._qimage = None
        self._health = None
        if feed is not None:
            self._send_target_size()
            feed.set_listener(self._on_feed_changed)
            self._take_feed()
        else:
            self._refresh_health()
        self.update()

    def _on_feed_changed(self) -> None:
        """Decoder thread: ask the GUI thread to look, unless it was already asked."""
        with self._pending_lock:
            if self._pending:
                return
            self._pending = True
        try:
            # A queued signal: Qt makes the event in C++. (Posting a QEvent made in Python from
            # another thread corrupts reference counts in PySide 6.12 and crashes later.)
            self._feed_changed.emit()
        except RuntimeError:  # the widget is already gone; its feed is being released
            pass

    def _on_feed_changed_gui(self) -> None:
        with self._pending_lock:
            self._pending = False
        self._take_feed()

    def _take_feed(self) -> None:
        feed = self._feed
        if feed is None:
            return
        frame = feed.latest()
        if frame is not None and frame is not self._frame:
            self._frame = frame
            self._kept = False
            pixels = frame.pixels
            # No copy: the QImage reads the array the frame keeps alive while it is shown.
            self._qimage = QImage(pixels.data, frame.width, frame.height, pixels.strides[0], QImage.Format.Format_RGB32)
            self.update()
        health = feed.health
        if health != self._health:
            self._health = health
            self._refresh_health()

    def _send_target_size(self) -> None:
        feed = self._feed
        setter = getattr(feed, "set_target_size", None)
        if setter is None:
            return
        ratio = self.devicePixelRatioF()
        zoom = self._zoom
        setter((math.ceil(self.width() * ratio * zoom), math.ceil(self.height() * ratio * zoom)))

    # -- what the wall sets ----------------------------------------------------------------
    def set_title(self, title: str) -> None:
        self._title = title
        self._refresh_health()
        self.update()

    def title(self) -> str:
        return self._title

    def set_notice(self, notice: str) -> None:
        """A line under the title, e.g. that the tile was reduced because the CPU is overloaded."""
        self._notice = notice
        self._refresh_health()
        self.update()

    def notice(self) -> str:
        return self._notice

    def set_overlays(self, overlays: list[TileOverlay]) -> None:
        self._overlays = list(overlays)
        self.update()

    def set_alarm(self, label: str | None) -> None:
        """Flash the border with ``label`` shown (None: no alarm)."""
        self._alarm = label or None
        self._alarm_on = True
        if self._alarm is None:
            self._flash.stop()
        else:
            self._flash.start()
        self.update()

    def alarm(self) -> str | None:
        return self._alarm

    def set_selected(self, selected: bool) -> None:
        self._selected = selected
        self.update()

    def is_selected(self) -> bool:
        return self._selected

    def current_image(self) -> QImage | None:
        """A copy of the picture shown (full, not zoomed; as the decoder fitted it), for snapshots."""
        if self._qimage is None:
            return None
        return self._qimage.convertToFormat(QImage.Format.Format_RGB888)

    def health_text(self) -> str:
        """The banner's words for the feed's health ("" when live)."""
        health = self._health
        if self._feed is None:
            return QCoreApplication.translate("VideoTile", "Drag a camera here")
        if health is None:
            return QCoreApplication.translate("VideoTile", "Connecting…")
        if health.state == "connecting":
            if self._qimage is not None and (self._kept or time.time() - health.since < RESUME_GRACE):
                return ""  # a stream switch or a tile shown again: the picture stays up while it resumes
            return QCoreApplication.translate("VideoTile", "Connecting…")
        if health.state == "live":
            return ""
        if health.state == "reconnecting":
            left = None if health.retry_at is None else math.ceil(health.retry_at - time.time())
            if left is None or left <= 0:
                return QCoreApplication.translate("VideoTile", "Reconnecting…")
            return QCoreApplication.translate("VideoTile", "Reconnecting in %1 s").replace("%1", str(left))
        since = datetime.fromtimestamp(health.since).strftime("%H:%M:%S")
        return QCoreApplication.translate("VideoTile", "Signal lost since %1").replace("%1", since)

    def _refresh_health(self) -> None:
        health = self._health
        state = None if health is None else health.state
        if state in ("reconnecting", "lost", "connecting") and self._feed is not None:
            if not self._countdown.isActive():
                self._countdown.start()
        else:
            self._countdown.stop()
        parts = [self._title] if self._title else []
        banner = self.health_text()
        if banner:
            parts.append(banner)
        if health is not None and health.detail and state != "live":
            parts.append(redact_text(str(health.detail)))
        if self._notice:
            parts.append(self._notice)
        self.setToolTip("\n".join(parts))
        self.update()

    def _toggle_flash(self) -> None:
        self._alarm_on = not self._alarm_on
        self.update()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._refresh_health()
        super().changeEvent(event)

    # -- zoom and pan ----------------------------------------------------------------------
    def zoom(self) -> float:
        return self._zoom

    def reset_zoom(self) -> None:
        self._zoom = 1.0
        self._centre = QPointF(0.5, 0.5)
        self._send_target_size()
        self.update()

    def set_zoom(self, zoom: float, anchor: QPointF | None = None) -> None:
        """Zoom to ``zoom`` (1..8) keeping the picture point under ``anchor`` (widget coordinates) still."""
        zoom = min(MAX_ZOOM, max(1.0, zoom))
        target = self._target_rect()
        if anchor is not None and target.width() > 0 and target.height() > 0:
            before = self._to_picture(anchor, target)
            self._zoom = zoom
            # Move the centre so that `before` maps to `anchor` again.
            fx = (anchor.x() - target.x()) / target.width() - 0.5
            fy = (anchor.y() - target.y()) / target.height() - 0.5
            self._centre = QPointF(before.x() - fx / zoom, before.y() - fy / zoom)
        else:
            self._zoom = zoom
        self._clamp_centre()
        self._send_target_size()
        self.update()

    def _clamp_centre(self) -> None:
        half = 0.5 / self._zoom
        self._centre = QPointF(
            min(1 - half, max(half, self._centre.x())),
            min(1 - half, max(half, self._centre.y())),
        )

    def _to_picture(self, point: QPointF, target: QRectF) -> QPointF:
        view = self._view_rect()
        fx = (point.x() - target.x()) / target.width()
        fy = (point.y() - target.y()) / target.height()
        return QPointF(view.x() + fx * view.width(), view.y() + fy * view.height())

    def _view_rect(self) -> QRectF:
        """The part of the picture shown, normalised 0..1."""
        size = 1.0 / self._zoom
        return QRectF(self._centre.x() - size / 2, self._centre.y() - size / 2, size, size)

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120.0
        if steps:
            self.set_zoom(self._zoom * (1.25**steps), event.position())
        event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._press = event.position()
            self._press_centre = QPointF(self._centre)
            self._dragged = False
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._press is not None and event.buttons() & Qt.MouseButton.LeftButton:
            delta = event.position() - self._press
            if abs(delta.x()) + abs(delta.y()) > _DRAG_SLOP:
                self._dragged = True
            if self._dragged and self._zoom > 1.0:
                target = self._target_rect()
                if target.width() > 0 and target.height() > 0:
                    self._centre = QPointF(
                        self._press_centre.x() - delta.x() / target.width() / self._zoom,
                        self._press_centre.y() - delta.y() / target.height() / self._zoom,
                    )
                    self._clamp_centre()
                    self.update()
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self._press is not None:
            if not self._dragged:
                self.clicked.emit()
            self._press = None
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.activated.emit()
        super().mouseDoubleClickEvent(event)

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self._send_target_size()
        self.resized.emit(self.size())

    # -- painting --------------------------------------------------------------------------
    def _picture_size(self) -> tuple[float, float]:
        frame = self._frame
        if frame is None:
            return 16.0, 9.0
        return float(frame.source_width or frame.width), float(frame.source_height or frame.height)

    def _target_rect(self) -> QRectF:
        """Where the picture goes in the widget: the largest rectangle of its aspect ratio, centred."""
        pw, ph = self._picture_size()
        w, h = self.width(), self.height()
        scale = min(w / pw, h / ph) if pw and ph else 1.0
        tw, th = pw * scale, ph * scale
        return QRectF((w - tw) / 2, (h - th) / 2, tw, th)

    def paintEvent(self, event: Any) -> None:
        painter = QPainter(self)
        target = self._target_rect()
        image = self._qimage
        frame = self._frame
        if image is not None and frame is not None:
            drawn = self._draw_picture(painter, image, target)
            self._fill_around(painter, drawn)
            if frame is not self._painted:
                self._painted = frame
                self.stats.record((time.monotonic() - frame.decoded_at) * 1000.0)
            state = None if self._health is None else self._health.state
            if state in ("reconnecting", "lost") or (state == "connecting" and self.health_text()):
                painter.fillRect(target, _DIM)  # the last picture, dimmed
            if self._overlays:
                self._draw_overlays(painter, target)
        else:
            painter.fillRect(self.rect(), _BACKGROUND)
        self._draw_texts(painter)
        self._draw_border(painter)
        painter.end()

    def _fill_around(self, painter: QPainter, drawn: QRect) -> None:
        """The background around the picture only (filling under it too would double the paint's cost)."""
        w, h = self.width(), self.height()
        if drawn.top() > 0:
            painter.fillRect(0, 0, w, drawn.top(), _BACKGROUND)
        if drawn.bottom() + 1 < h:
            painter.fillRect(0, drawn.bottom() + 1, w, h - drawn.bottom() - 1, _BACKGROUND)
        if drawn.left() > 0:
            painter.fillRect(0, drawn.top(), drawn.left(), drawn.height(), _BACKGROUND)
        if drawn.right() + 1 < w:
            painter.fillRect(drawn.right() + 1, drawn.top(), w - drawn.right() - 1, drawn.height(), _BACKGROUND)

    def _draw_picture(self, painter: QPainter, image: QImage, target: QRectF) -> QRect:
        """Draws the picture into ``target``; returns the pixels it covered."""
        if self._zoom == 1.0:
            iw, ih = image.width(), image.height()
            if abs(target.width() - iw) <= 1.0 and abs(target.height() - ih) <= 1.0:
                # Already fitted by the decoder: a 1:1 copy, the cheapest paint there is.
                rect = QRect(round(target.x()), round(target.y()), iw, ih)
                painter.drawImage(rect, image)
                return rect
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, iw < target.width())
            painter.drawImage(target, image)
            return target.toAlignedRect().intersected(self.rect())
        view = self._view_rect()
        source = QRectF(
            view.x() * image.width(),
            view.y() * image.height(),
            view.width() * image.width(),
            view.height() * image.height(),
        )
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        painter.drawImage(target, image, source)
        return target.toAlignedRect().intersected(self.rect())

    def _draw_overlays(self, painter: QPainter, target: QRectF) -> None:
        view = self._view_rect()
        painter.save()
        painter.setClipRect(target)
        font = QFont(painter.font())
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.9))
        painter.setFont(font)
        for box in self._overlays:
            x = target.x() + (box.x - view.x()) / view.width() * target.width()
            y = target.y() + (box.y - view.y()) / view.height() * target.height()
            w = box.w / view.width() * target.width()
            h = box.h / view.height() * target.height()
            colour = QColor(box.colour)
            painter.setPen(QPen(colour, 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(x, y, w, h))
            if box.label:
                metrics = painter.fontMetrics()
                label_rect = QRectF(
                    x, y - metrics.height() - 2, metrics.horizontalAdvance(box.label) + 8, metrics.height() + 2
                )
                if label_rect.y() < target.y():
                    label_rect.moveTop(y)
                painter.fillRect(label_rect, colour)
                painter.setPen(QColor("#ffffff"))
                painter.drawText(label_rect, Qt.AlignmentFlag.AlignCenter, box.label)
        painter.restore()

    def _draw_texts(self, painter: QPainter) -> None:
        metrics = painter.fontMetrics()
        line = metrics.height() + 4
        width = self.width()
        y = 0
        if self._title or self._alarm:
            text = self._title if not self._alarm else f"{self._alarm} — {self._title}" if self._title else self._alarm
            painter.fillRect(QRect(0, 0, width, line), _BAR)
            painter.setPen(_WHITE)
            painter.drawStaticText(4, 2, self._static_text("title", text, width - 8, metrics))
            y = line
        if self._notice:
            painter.fillRect(QRect(0, y, width, line), _NOTICE_BAR)
            painter.setPen(_NOTICE_TEXT)
            painter.drawStaticText(4, y + 2, self._static_text("notice", self._notice, width - 8, metrics))
        banner = self.health_text()
        if banner:
            state = None if self._health is None else self._health.state
            colour = _LOST if state == "lost" else _RECONNECTING if state == "reconnecting" else _CONNECTING
            rect = QRect(0, (self.height() - line) // 2, width, line)
            painter.fillRect(rect, _BANNER)
            painter.setPen(colour)
            elided = metrics.elidedText(banner, Qt.TextElideMode.ElideRight, width - 8)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, elided)

    def _static_text(self, slot: str, text: str, width: int, metrics: Any) -> QStaticText:
        """The line's laid-out text, kept while text, width and font stay (laying out is most of a text's cost)."""
        key = (text, width, metrics.height())
        cached = self._texts.get(slot)
        if cached is None or cached[0] != key:
            static = QStaticText(metrics.elidedText(text, Qt.TextElideMode.ElideRight, width))
            static.setTextFormat(Qt.TextFormat.PlainText)
            static.setPerformanceHint(QStaticText.PerformanceHint.AggressiveCaching)
            cached = self._texts[slot] = (key, static)
        return cached[1]

    def _draw_border(self, painter: QPainter) -> None:
        if self._alarm and self._alarm_on:
            painter.setPen(QPen(QColor("#ff2d2d"), 4))
        elif self._selected:
            painter.setPen(QPen(QColor("#5aa9ff"), 2))
        else:
            return
        painter.setBrush(Qt.BrushStyle.NoBrush)
        width = painter.pen().width()
        painter.drawRect(self.rect().adjusted(width // 2, width // 2, -((width + 1) // 2), -((width + 1) // 2)))
