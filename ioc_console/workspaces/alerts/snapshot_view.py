"""An alert's snapshot scaled to fit, with the detection's bounding box drawn over it."""

from __future__ import annotations

import math
from collections.abc import Sequence

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

#: Not the red the demo (and many NVRs) burn into the JPEG: our box must stay visible on top of theirs.
BOX_COLOUR = QColor("#ffd400")
BOX_WIDTH = 3


def normalized_bbox(bbox: object) -> tuple[float, float, float, float] | None:
    """``[x, y, w, h]`` as fractions of the frame (ioc_backend.demo.media), or None when unusable."""
    if not isinstance(bbox, Sequence) or isinstance(bbox, (str, bytes)) or len(bbox) != 4:
        return None
    try:
        x, y, w, h = (float(v) for v in bbox)
    except (TypeError, ValueError):
        return None
    if not all(math.isfinite(v) for v in (x, y, w, h)) or w <= 0 or h <= 0:
        return None
    # Clamp instead of refusing: a box slightly past the edge still shows where to look.
    x, y = min(max(x, 0.0), 1.0), min(max(y, 0.0), 1.0)
    return x, y, min(w, 1.0 - x), min(h, 1.0 - y)


class SnapshotView(QWidget):
    """Paints the image letterboxed in the widget and the box at the same place of the image."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("alertSnapshot")
        self.setMinimumSize(160, 90)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self._image: QImage | None = None
        self._bbox: tuple[float, float, float, float] | None = None
        self._message = ""

    def sizeHint(self) -> QSize:
        return QSize(480, 270)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return max(90, width * 9 // 16)

    def set_image(self, image: QImage | None, bbox: object = None) -> None:
        self._image = image if image is not None and not image.isNull() else None
        self._bbox = normalized_bbox(bbox)
        self._message = ""
        self.update()

    def set_message(self, text: str) -> None:
        """Shown instead of an image (loading, not available offline...)."""
        self._image = None
        self._message = text
        self.update()

    def image(self) -> QImage | None:
        return self._image

    def message(self) -> str:
        return self._message

    def image_rect(self) -> QRectF:
        """Where the image is drawn: as large as fits, aspect ratio kept, centred."""
        if self._image is None:
            return QRectF()
        iw, ih = self._image.width(), self._image.height()
        scale = min(self.width() / iw, self.height() / ih)
        w, h = iw * scale, ih * scale
        return QRectF((self.width() - w) / 2, (self.height() - h) / 2, w, h)

    def box_rect(self) -> QRectF:
        """The bounding box in widget coordinates (empty without an image or a usable box)."""
        area = self.image_rect()
        if area.isEmpty() or self._bbox is None:
            return QRectF()
        x, y, w, h = self._bbox
        return QRectF(area.x() + x * area.width(), area.y() + y * area.height(), w * area.width(), h * area.height())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#11161c"))
        if self._image is None:
            painter.setPen(QColor("#8795a4"))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self._message)
            return
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.drawImage(self.image_rect(), self._image)
        box = self.box_rect()
        if not box.isEmpty():
            pen = QPen(BOX_COLOUR, BOX_WIDTH)
            pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(box)
