"""PdfPanel: a real QtPdf reader over PDFs written in the test (QPdfWriter, real text)."""

from __future__ import annotations

import io

import pytest
from console_helpers import WAIT_MS
from pypdf import PdfWriter
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QAction, QColor, QFont, QKeySequence, QPageSize, QPainter, QPdfWriter, QWheelEvent
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

from widgets.pdf_panel import PdfPanel
from widgets.pdf_thumbnails import IN_FLIGHT

PAGE_TEXT = "Trang {n}: chương trình họp, mục tiêu số {n}"


def make_pdf(pages: int, word_on: dict[int, str] | None = None) -> bytes:
    """An A4 PDF whose page n (1-based) says PAGE_TEXT, plus ``word_on[n]`` lower down."""
    words = word_on or {}
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(0, 0, 0, 0))
    writer.setResolution(72)  # painter units are PDF points
    painter = QPainter(writer)
    font = QFont("DejaVu Sans")
    font.setPointSizeF(16)
    painter.setFont(font)
    for n in range(1, pages + 1):
        if n > 1:
            writer.newPage()
        painter.drawText(QRectF(72, 72, 450, 40), PAGE_TEXT.format(n=n))
        if n in words:
            painter.drawText(QRectF(72, 500, 450, 40), words[n])
    painter.end()
    buffer.close()
    return bytes(data.data())


def encrypted_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.encrypt("mat-khau", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


class Recorder:
    def __init__(self, panel: PdfPanel) -> None:
        self.events: list[tuple] = []
        for name in ("page_changed", "zoom_changed", "user_navigated", "loaded", "load_failed", "highlight_drawn"):
            getattr(panel, name).connect(lambda *args, name=name: self.events.append((name, *args)))

    def named(self, name: str) -> list[tuple]:
        return [event[1:] for event in self.events if event[0] == name]

    def clear(self) -> None:
        self.events.clear()


@pytest.fixture()
def panel(qtbot, themed_app) -> PdfPanel:
    widget = PdfPanel()
    qtbot.addWidget(widget)
    widget.resize(1000, 720)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_loads_a_document_and_reports_its_pages(panel) -> None:
    log = Recorder(panel)
    panel.load_bytes(make_pdf(5), "doc-17")
    assert log.named("loaded") == [("doc-17", 5)]
    assert log.named("page_changed") == [(1,)]
    assert (panel.current_key(), panel.page_count(), panel.page()) == ("doc-17", 5, 1)
    assert panel.stack.currentWidget() is panel.reader
    assert panel.page_total.text() == "/ 5"


def test_set_page_moves_without_user_navigated_and_clamps(panel) -> None:
    panel.load_bytes(make_pdf(6), "d")
    log = Recorder(panel)
    panel.set_page(4)
    assert panel.page() == 4
    assert panel.view.page_rect(3).intersects(
        panel.view.viewport().rect().translated(0, panel.view.verticalScrollBar().value())
    )
    panel.set_page(99)
    assert panel.page() == 6  # the last page stays current although the view cannot scroll it to the top
    panel.set_page(0)
    assert panel.page() == 1
    assert log.named("page_changed") == [(4,), (6,), (1,)]
    assert log.named("user_navigated") == []
    assert panel.page_spin.value() == 1 and panel.thumbnails.currentRow() == 0


def test_keys_tool_bar_page_box_and_thumbnails_are_user_navigation(qtbot, panel) -> None:
    panel.load_bytes(make_pdf(8), "d")
    log = Recorder(panel)
    panel.view.setFocus()
    qtbot.keyClick(panel.view, Qt.Key.Key_PageDown)
    assert panel.page() == 2 and len(log.named("user_navigated")) == 1
    panel.act_next.trigger()
    assert panel.page() == 3 and len(log.named("user_navigated")) == 2
    panel.act_previous.trigger()
    assert panel.page() == 2 and len(log.named("user_navigated")) == 3
    panel.page_spin.lineEdit().selectAll()
    qtbot.keyClicks(panel.page_spin.lineEdit(), "6")
    qtbot.keyClick(panel.page_spin.lineEdit(), Qt.Key.Key_Return)
    assert panel.page() == 6 and len(log.named("user_navigated")) == 4
    item_rect = panel.thumbnails.visualItemRect(panel.thumbnails.item(1))
    qtbot.mouseClick(panel.thumbnails.viewport(), Qt.MouseButton.LeftButton, pos=item_rect.center())
    assert panel.page() == 2 and len(log.named("user_navigated")) == 5
    before = panel.view.verticalScrollBar().value()
    qtbot.keyClick(panel.view, Qt.Key.Key_Down)  # an arrow scrolls a little
    assert panel.view.verticalScrollBar().value() > before and len(log.named("user_navigated")) == 6
    assert [page for (page,) in log.named("page_changed")] == [2, 3, 2, 6, 2]


def _wheel(view, delta: int, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    centre = QPointF(view.viewport().rect().center())
    event = QWheelEvent(
        centre,
        QPointF(view.viewport().mapToGlobal(centre.toPoint())),
        QPoint(),
        QPoint(0, delta),
        Qt.MouseButton.NoButton,
        modifiers,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(view.viewport(), event)


def test_wheel_scrolls_pages_and_ctrl_wheel_zooms_as_the_user(panel) -> None:
    panel.load_bytes(make_pdf(5), "d")
    panel.set_zoom(1.0)
    log = Recorder(panel)
    view = panel.view
    while panel.page() == 1:
        before = view.verticalScrollBar().value()
        _wheel(view, -120)
        assert view.verticalScrollBar().value() > before
    assert panel.page() == 2 and log.named("page_changed") == [(2,)]
    assert len(log.named("user_navigated")) >= 1
    steps = len(log.named("user_navigated"))
    _wheel(view, 120, Qt.KeyboardModifier.ControlModifier)
    assert panel.zoom() > 1.0 and panel.page() == 2  # zooming keeps the page in view
    assert len(log.named("user_navigated")) == steps + 1


def test_zoom_and_fit(panel) -> None:
    panel.load_bytes(make_pdf(3), "d")
    view = panel.view
    log = Recorder(panel)
    panel.set_zoom(2.0)
    assert panel.zoom() == 2.0 and log.named("zoom_changed")[-1] == (2.0,)
    panel.set_zoom(50)
    assert panel.zoom() == 10.0
    panel.set_zoom(0)
    assert panel.zoom() == pytest.approx(0.1)
    assert log.named("user_navigated") == []
    panel.fit_width()
    margins = view.documentMargins()
    assert abs(view.page_rect(0).width() - (view.viewport().width() - margins.left() - margins.right())) <= 2
    panel.fit_page()
    assert view.page_rect(0).height() <= view.viewport().height()
    assert view.page_rect(0).height() >= view.viewport().height() - 20
    assert log.named("user_navigated") == []
    zoom = panel.zoom()
    panel.act_zoom_in.trigger()
    assert panel.zoom() > zoom and len(log.named("user_navigated")) == 1
    assert panel.zoom_label.text() == f"{round(panel.zoom() * 100)} %"


def test_page_layout_matches_what_qpdfview_draws(panel) -> None:
    """The overlay and hit testing use a copy of QPdfView's layout: QPdfView's own jump agrees."""
    panel.load_bytes(make_pdf(6), "d")
    view = panel.view
    for zoom in (0.5, 1.0, 1.7):
        panel.set_zoom(zoom)
        view.pageNavigator().jump(0, QPointF(), zoom)
        view.pageNavigator().jump(2, QPointF(), zoom)  # QPdfView scrolls the page's top to the view's top
        assert view.verticalScrollBar().value() == view.page_rect(2).top()
        # QPdfView leaves one page spacing after the last page, then the bottom margin.
        bottom = view.page_rect(5).bottom() + 1 + view.pageSpacing() + view.documentMargins().bottom()
        assert view.verticalScrollBar().maximum() + view.viewport().height() == bottom


def test_search_finds_a_word_and_moves_to_its_page(qtbot, panel) -> None:
    panel.load_bytes(make_pdf(7, {3: "biên bản PHIEU-A7", 6: "kết luận PHIEU-A7"}), "d")
    log = Recorder(panel)
    panel.focus_search()
    qtbot.waitUntil(panel.search_field.hasFocus, timeout=WAIT_MS)
    qtbot.keyClicks(panel.search_field, "phieu-a7")  # (QTest types Latin-1 only; the search ignores case)
    qtbot.keyClick(panel.search_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.search_hit() == (1, 2), timeout=WAIT_MS)
    assert panel.page() == 3 and log.named("user_navigated")
    hit = panel._search.resultAtIndex(0)
    shown = panel.view.points_to_viewport(2, QRectF(hit.rectangles()[0]))
    assert panel.view.viewport().rect().contains(shown.toRect())
    assert panel.search_count.text() == panel.tr("%1 / %2 results").replace("%1", "1").replace("%2", "2")
    qtbot.keyClick(panel.search_field, Qt.Key.Key_Return)
    assert panel.search_hit() == (2, 2) and panel.page() == 6
    qtbot.keyClick(panel.search_field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert panel.search_hit() == (1, 2) and panel.page() == 3


def test_thumbnails_come_for_every_page_off_the_gui_thread(qtbot, panel) -> None:
    panel.load_bytes(make_pdf(40), "d")
    thumbnails = panel.thumbnails
    assert thumbnails.count() == 40
    # Nothing was drawn while loading: pictures are requested a few at a time from the render thread.
    assert thumbnails.rendered_pages() == set()
    assert thumbnails.renderer().renderMode() == thumbnails.renderer().RenderMode.MultiThreaded
    assert 0 < len(thumbnails._in_flight) <= IN_FLIGHT
    qtbot.waitUntil(lambda: len(thumbnails.rendered_pages()) == 40, timeout=WAIT_MS)
    picture = thumbnails.item(39).icon().pixmap(thumbnails.iconSize()).toImage()
    assert picture.pixelColor(picture.width() // 2, picture.height() // 2) == QColor("white")


def test_dragging_in_highlight_mode_reports_page_and_points(qtbot, panel) -> None:
    panel.load_bytes(make_pdf(4), "d")
    panel.set_zoom(1.0)
    panel.set_page(2)
    log = Recorder(panel)
    panel.set_highlight_mode(True)
    assert panel.highlight_mode() and panel.act_highlight.isChecked()
    view = panel.view
    start = view.points_to_viewport(1, QRectF(100, 150, 0, 0)).topLeft().toPoint()
    end = view.points_to_viewport(1, QRectF(250, 230, 0, 0)).topLeft().toPoint()
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(view.viewport(), pos=QPoint((start.x() + end.x()) // 2, (start.y() + end.y()) // 2))
    qtbot.mouseMove(view.viewport(), pos=end)
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=end)
    [(page, rect)] = log.named("highlight_drawn")
    assert page == 2
    assert rect == pytest.approx((100, 150, 150, 80), abs=1.0)
    assert log.named("user_navigated") == []
    panel.set_highlight_mode(False)
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=end)
    assert len(log.named("highlight_drawn")) == 1


def _is_yellow(colour: QColor) -> bool:
    return colour.red() > 200 and colour.green() > 170 and colour.blue() < 190


def test_set_highlights_paints_yellow_that_follows_scroll_and_zoom(panel) -> None:
    panel.load_bytes(make_pdf(3), "d")
    panel.set_zoom(1.0)
    panel.set_page(2)
    box = QRectF(300, 200, 120, 60)  # blank paper on page 2
    view = panel.view

    def colour_at(rect: QRectF) -> QColor:
        picture = view.viewport().grab().toImage()
        point = view.points_to_viewport(2 - 1, rect).center().toPoint() * picture.devicePixelRatio()
        return picture.pixelColor(point)

    assert not _is_yellow(colour_at(box))
    panel.set_highlights({2: [(box.x(), box.y(), box.width(), box.height())]})
    assert _is_yellow(colour_at(box))
    assert not _is_yellow(colour_at(QRectF(300, 290, 10, 10)))  # just below it
    panel.set_zoom(1.6)
    panel.set_page(2)
    assert _is_yellow(colour_at(box))
    assert not _is_yellow(colour_at(QRectF(300, 290, 10, 10)))
    panel.set_highlights({})
    assert not _is_yellow(colour_at(box))


def test_bad_files_say_so_and_the_panel_stays_usable(panel) -> None:
    log = Recorder(panel)
    good = make_pdf(2)
    cases = [("plain", b"just some text, not a PDF"), ("cut", good[: len(good) // 3]), ("empty", b"")]
    for key, data in cases:
        panel.load_bytes(data, key)
        [(failed_key, message)] = log.named("load_failed")
        assert failed_key == key and message
        assert panel.stack.currentWidget() is panel.message and panel.message.text() == message
        assert panel.page_count() == 0 and panel.page() == 0 and panel.current_key() == key
        assert not panel.act_next.isEnabled()
        log.clear()
    panel.load_bytes(encrypted_pdf(), "locked")
    [(_key, locked_message)] = log.named("load_failed")
    assert locked_message != message  # a password is not "damaged"
    panel.load_bytes(good, "ok")
    assert log.named("loaded") == [("ok", 2)]
    assert panel.stack.currentWidget() is panel.reader and panel.page() == 1


def test_clear_message_and_keys_are_plain_text(panel) -> None:
    hostile = '<b>Tài liệu</b><img src="x"> & <a href="http://x">x</a>'
    panel.clear(hostile)
    assert panel.message.text() == hostile
    assert panel.current_key() is None and panel.page_count() == 0
    log = Recorder(panel)
    panel.load_bytes(b"<html>", hostile)
    assert log.named("load_failed")[0][0] == hostile and panel.current_key() == hostile
    panel.load_bytes(make_pdf(1), hostile)
    assert log.named("loaded") == [(hostile, 1)]
    for label in panel.findChildren(QLabel):
        assert label.textFormat() == Qt.TextFormat.PlainText, label.objectName()


def test_ctrl_f_goes_to_the_panel_search_before_a_window_find(qtbot, themed_app) -> None:
    host = QWidget()
    qtbot.addWidget(host)
    window_find = QAction(host)
    window_find.setShortcut(QKeySequence(QKeySequence.StandardKey.Find))
    window_find.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
    fired: list[bool] = []
    window_find.triggered.connect(lambda: fired.append(True))
    host.addAction(window_find)
    panel = PdfPanel(host)
    QVBoxLayout(host).addWidget(panel)
    host.resize(900, 600)
    host.show()
    qtbot.waitExposed(host)
    panel.load_bytes(make_pdf(2), "d")
    host.activateWindow()
    panel.view.setFocus()
    qtbot.waitUntil(panel.view.hasFocus, timeout=WAIT_MS)
    qtbot.keyClick(panel.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert panel.search_field.hasFocus()
    assert fired == []
