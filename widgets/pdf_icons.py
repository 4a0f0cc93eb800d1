"""Small line icons for the PDF reader's tool bar, drawn in code so they match the dark theme.

The style's standard icons are drawn for light themes (dark glyphs that vanish on #10151c) and
icon fonts are not installed everywhere; a few strokes with QPainter look the same on every
machine and scale with the screen's pixel ratio.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPainter, QPainterPath, QPen, QPixmap

ICON_SIZE = 18
_NORMAL = QColor("#c9d3dd")
_ACTIVE = QColor("#ffffff")
_DISABLED = QColor("#4b5765")

Drawing = Callable[[QPainter], None]


def _chevron(up: bool) -> Drawing:
    def draw(p: QPainter) -> None:
        y0, y1 = (11.5, 6.5) if up else (6.5, 11.5)
        p.drawPolyline([QPointF(4.5, y0), QPointF(9, y1), QPointF(13.5, y0)])

    return draw


def _magnifier(plus: bool) -> Drawing:
    def draw(p: QPainter) -> None:
        p.drawEllipse(QRectF(2.5, 2.5, 10, 10))
        p.drawLine(QPointF(11, 11), QPointF(15.5, 15.5))
        p.drawLine(QPointF(5, 7.5), QPointF(10, 7.5))
        if plus:
            p.drawLine(QPointF(7.5, 5), QPointF(7.5, 10))

    return draw


def _fit_width(p: QPainter) -> None:
    p.drawLine(QPointF(2.5, 3), QPointF(2.5, 15))
    p.drawLine(QPointF(15.5, 3), QPointF(15.5, 15))
    p.drawLine(QPointF(5, 9), QPointF(13, 9))
    p.drawPolyline([QPointF(7.5, 6.5), QPointF(5, 9), QPointF(7.5, 11.5)])
    p.drawPolyline([QPointF(10.5, 6.5), QPointF(13, 9), QPointF(10.5, 11.5)])


def _fit_page(p: QPainter) -> None:
    p.drawRoundedRect(QRectF(4.5, 2.5, 9, 13), 1, 1)
    for x, y, dx, dy in ((1.5, 1.5, 1, 1), (16.5, 1.5, -1, 1), (1.5, 16.5, 1, -1), (16.5, 16.5, -1, -1)):
        p.drawLine(QPointF(x, y), QPointF(x + 2 * dx, y))
        p.drawLine(QPointF(x, y), QPointF(x, y + 2 * dy))


def _marker(p: QPainter) -> None:
    # A highlighter pen, tip down-left, over a stroke of "ink".
    body = QPainterPath()
    body.moveTo(11, 2.5)
    body.lineTo(15.5, 7)
    body.lineTo(8.5, 14)
    body.lineTo(4, 9.5)
    body.closeSubpath()
    p.drawPath(body)
    p.drawPolyline([QPointF(4, 9.5), QPointF(2.5, 13), QPointF(5, 15.5), QPointF(8.5, 14)])
    ink = _DISABLED if p.pen().color() == _DISABLED else QColor("#ffd54a")  # no yellow when unavailable
    p.setPen(QPen(ink, 2.2, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    p.drawLine(QPointF(8, 16.8), QPointF(16, 16.8))


def _sidebar(p: QPainter) -> None:
    p.drawRoundedRect(QRectF(2.5, 3.5, 13, 11), 1.5, 1.5)
    p.drawLine(QPointF(7, 3.5), QPointF(7, 14.5))
    for y in (6.5, 9, 11.5):
        p.drawLine(QPointF(4.2, y), QPointF(5.3, y))


_DRAWINGS: dict[str, Drawing] = {
    "previous": _chevron(up=True),
    "next": _chevron(up=False),
    "zoom_out": _magnifier(plus=False),
    "zoom_in": _magnifier(plus=True),
    "fit_width": _fit_width,
    "fit_page": _fit_page,
    "highlight": _marker,
    "thumbnails": _sidebar,
}

_cache: dict[str, QIcon] = {}


def _pixmap(drawing: Drawing, colour: QColor, ratio: float) -> QPixmap:
    pixmap = QPixmap(round(ICON_SIZE * ratio), round(ICON_SIZE * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(colour, 1.5, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    drawing(painter)
    painter.end()
    return pixmap


def icon(name: str) -> QIcon:
    """The tool bar icon ``name`` (see ``_DRAWINGS``), with normal, active and disabled looks."""
    if name not in _cache:
        screen = QGuiApplication.primaryScreen()
        ratio = max(2.0, screen.devicePixelRatio() if screen is not None else 1.0)
        result = QIcon()
        drawing = _DRAWINGS[name]
        result.addPixmap(_pixmap(drawing, _NORMAL, ratio), QIcon.Mode.Normal)
        result.addPixmap(_pixmap(drawing, _ACTIVE, ratio), QIcon.Mode.Active)
        result.addPixmap(_pixmap(drawing, _ACTIVE, ratio), QIcon.Mode.Selected)
        result.addPixmap(_pixmap(drawing, _DISABLED, ratio), QIcon.Mode.Disabled)
        _cache[name] = result
    return _cache[name]
