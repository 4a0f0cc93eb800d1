"""PdfPanel: a PDF reader for one document at a time — pages, thumbnails, search, zoom, highlights.

It knows nothing of meetings or servers: the caller hands it the bytes of a document and an
opaque key, and listens to its signals. Page numbers in this API are 1-based.

* ``set_page``/``set_zoom``/``fit_width``/``fit_page`` are the caller's moves: they change the
  view (and send ``page_changed``/``zoom_changed``) but never ``user_navigated``, which is kept
  for what the user does (scrolling, keys, tool bar, page box, thumbnails, search results).
* Highlights are rectangles in PDF points from a page's top-left corner; the overlay follows
  scrolling and zooming. ``load_bytes`` and ``clear`` forget them and the search.
* Ctrl+F anywhere in the panel goes to its search field, before any application-wide Find.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QEvent,
    QIODevice,
    QObject,
    QRectF,
    QSignalBlocker,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QResizeEvent
from PySide6.QtPdf import QPdfDocument, QPdfSearchModel
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QSpinBox,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from widgets.pdf_icons import ICON_SIZE, icon
from widgets.pdf_page_view import PdfPageView, clamp_zoom
from widgets.pdf_thumbnails import PdfThumbnails

SEARCH_DELAY_MS = 300  # typing pauses this long before the document is searched
COMPACT_WIDTH = 760  # narrower than this, the tool bar shortens the search count
_MESSAGE_PAGE, _READER_PAGE = 0, 1

# Compact buttons: the theme's QToolButton padding suits text buttons, not a row of icons.
_STYLE = """
QFrame#pdfToolbar { background: #151c25; border: none; border-bottom: 1px solid #202a36; }
QFrame#pdfToolbarSeparator { background: #2c3a4a; }
QFrame#pdfToolbar QToolButton { padding: 4px; border: 1px solid transparent; background: transparent; }
QFrame#pdfToolbar QToolButton:hover { background: #243141; border: 1px solid #2f3d4d; }
QFrame#pdfToolbar QToolButton:checked { background: #183a5a; border: 1px solid #5aa9ff; }
QFrame#pdfToolbar QToolButton:disabled { background: transparent; border: 1px solid transparent; }
QFrame#pdfToolbar QSpinBox { background: #0f141b; color: #f2f6fa; border: 1px solid #2c3a4a; border-radius: 4px;
    padding: 2px 4px; }
QFrame#pdfToolbar QSpinBox:focus { border: 1px solid #5aa9ff; }
QFrame#pdfToolbar QSpinBox::up-button, QFrame#pdfToolbar QSpinBox::down-button { width: 0; border: none; }
QFrame#pdfToolbar QLineEdit { padding: 3px 6px; }
QLabel#pdfPageTotal, QLabel#pdfZoomLabel, QLabel#pdfSearchCount { color: #9aa7b4; padding: 0 4px; }
QLabel#pdfMessage { color: #9aa7b4; font-size: 13pt; padding: 24px; background: #1a212b; }
QListWidget#pdfThumbnails { background: #121820; border: none; border-right: 1px solid #202a36; color: #9aa7b4;
    padding: 4px 0; }
QListWidget#pdfThumbnails::item { border: 2px solid transparent; border-radius: 4px; padding: 4px; }
QListWidget#pdfThumbnails::item:hover { background: #18212c; }
QListWidget#pdfThumbnails::item:selected { background: #183a5a; border: 2px solid #5aa9ff; color: #ffffff; }
QPdfView#pdfPageView { border: none; }
"""


class PdfPanel(QWidget):
    page_changed = Signal(int)
    zoom_changed = Signal(float)
    user_navigated = Signal()
    loaded = Signal(str, int)
    load_failed = Signal(str, str)
    highlight_drawn = Signal(int, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pdfPanel")
        self.setStyleSheet(_STYLE)
        self._key: str | None = None
        self._data = QByteArray()  # QPdfDocument reads from the buffer, which reads these bytes
        self._buffer: QBuffer | None = None
        self._message = ""
        self._document = QPdfDocument(self)
        self._loading = False
        # Queued: never re-entered from inside QPdfDocument.load (which may report the status itself).
        self._document.statusChanged.connect(lambda _status: self._finish_load(), Qt.ConnectionType.QueuedConnection)
        self._search = QPdfSearchModel(self)
        self._search.setDocument(self._document)
        self._hit = -1  # the current search result, -1 none
        self._jump_to_first_hit = False  # a new search moves to its first hit on or after the page in view

        self.view = PdfPageView(self)
        self.view.setDocument(self._document)
        self.view.setSearchModel(self._search)
        self.thumbnails = PdfThumbnails(self)
        self.reader = QWidget(self)
        reader_layout = QHBoxLayout(self.reader)
        reader_layout.setContentsMargins(0, 0, 0, 0)
        reader_layout.setSpacing(0)
        reader_layout.addWidget(self.thumbnails)
        reader_layout.addWidget(self.view, 1)
        self.message = QLabel(self)
        self.message.setObjectName("pdfMessage")
        self.message.setTextFormat(Qt.TextFormat.PlainText)  # file names and server text, never markup
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.message)
        self.stack.addWidget(self.reader)

        self._build_toolbar()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.stack, 1)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._start_search)

        self.view.current_page_changed.connect(self._on_page)
        self.view.zoom_factor_changed.connect(self._on_zoom)
        self.view.user_moved.connect(self.user_navigated)
        self.view.rectangle_drawn.connect(self._on_rectangle)
        self.thumbnails.page_chosen.connect(self._user_go_to)
        self._search.countChanged.connect(self._on_search_results)
        self._search.modelReset.connect(self._on_search_results)
        self.retranslate_ui()
        self._update_controls()
        self.stack.setCurrentIndex(_MESSAGE_PAGE)

    # -- building -------------------------------------------------------------------------------
    def _build_toolbar(self) -> None:
        # A plain row rather than a QToolBar: a tool bar folds whatever does not fit behind », and
        # the search field would be the first to go; a layout narrows the search field instead.
        self.toolbar = QFrame(self)
        self.toolbar.setObjectName("pdfToolbar")
        # The row never forces the panel wider (a narrow side panel clips its right end instead).
        self.toolbar.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        bar = QHBoxLayout(self.toolbar)
        bar.setContentsMargins(4, 2, 4, 2)
        bar.setSpacing(1)

        def separator() -> None:
            line = QFrame(self.toolbar)
            line.setObjectName("pdfToolbarSeparator")
            line.setFixedSize(1, 20)
            bar.addSpacing(4)
            bar.addWidget(line)
            bar.addSpacing(4)

        def action(name: str, icon_name: str, slot: Callable[..., object], checkable: bool = False) -> QAction:
            act = QAction(icon(icon_name), "", self)
            act.setObjectName(name)
            act.setCheckable(checkable)
            (act.toggled if checkable else act.triggered).connect(slot)
            button = QToolButton(self.toolbar)
            button.setDefaultAction(act)
            button.setIconSize(QSize(ICON_SIZE, ICON_SIZE))
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            bar.addWidget(button)
            return act

        self.act_thumbnails = action("pdfThumbnailsAction", "thumbnails", self.set_thumbnails_visible, True)
        self.act_thumbnails.setChecked(True)
        separator()
        self.act_previous = action(
            "pdfPreviousPage", "previous", lambda: self._user_go_to(self.view.current_page() - 1)
        )
        self.act_next = action("pdfNextPage", "next", lambda: self._user_go_to(self.view.current_page() + 1))
        self.page_spin = QSpinBox(self)
        self.page_spin.setObjectName("pdfPageSpin")
        # No arrows (the tool bar has them); hidden by the style sheet: with NoButtons and a style
        # sheet Qt 6 squeezes the text field to one pixel.
        self.page_spin.setKeyboardTracking(False)  # a page is chosen on Enter, not at every digit typed
        self.page_spin.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.page_spin.setRange(0, 0)
        self.page_spin.valueChanged.connect(self._on_spin)
        bar.addWidget(self.page_spin)
        self.page_total = QLabel(self)
        self.page_total.setObjectName("pdfPageTotal")
        self.page_total.setTextFormat(Qt.TextFormat.PlainText)
        bar.addWidget(self.page_total)
        separator()
        self.act_zoom_out = action("pdfZoomOut", "zoom_out", lambda: self._user_zoom(-1))
        self.zoom_label = QLabel(self)
        self.zoom_label.setObjectName("pdfZoomLabel")
        self.zoom_label.setTextFormat(Qt.TextFormat.PlainText)
        self.zoom_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.zoom_label.setMinimumWidth(self.zoom_label.fontMetrics().horizontalAdvance("100 %") + 10)
        bar.addWidget(self.zoom_label)
        self.act_zoom_in = action("pdfZoomIn", "zoom_in", lambda: self._user_zoom(1))
        self.act_fit_width = action("pdfFitWidth", "fit_width", lambda: self._user_fit("width"))
        self.act_fit_page = action("pdfFitPage", "fit_page", lambda: self._user_fit("page"))
        separator()
        self.act_highlight = action("pdfHighlightMode", "highlight", self.set_highlight_mode, True)

        # One expanding widget holds the search: pushed to the right when there is room, and
        # narrowed (rather than folded away behind ») when the panel is narrow.
        search = QWidget(self)
        search.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        search_layout = QHBoxLayout(search)
        search_layout.setContentsMargins(8, 0, 0, 0)
        search_layout.setSpacing(2)
        search_layout.addStretch(1)
        self.search_field = QLineEdit(search)
        self.search_field.setObjectName("pdfSearchField")
        self.search_field.setClearButtonEnabled(True)
        self.search_field.setMinimumWidth(90)
        self.search_field.setMaximumWidth(260)
        self.search_field.textEdited.connect(lambda _text: self._search_timer.start())
        self.search_field.installEventFilter(self)
        self.search_count = QLabel(search)
        self.search_count.setObjectName("pdfSearchCount")
        self.search_count.setTextFormat(Qt.TextFormat.PlainText)
        search_layout.addWidget(self.search_field, 1)
        search_layout.addWidget(self.search_count)
        bar.addWidget(search)
        self.act_hit_previous = action("pdfPreviousHit", "previous", lambda: self._step_hit(-1))
        self.act_hit_next = action("pdfNextHit", "next", lambda: self._step_hit(1))

    # -- loading --------------------------------------------------------------------------------
    def load_bytes(self, data: bytes, key: str) -> None:
        """Show the PDF in ``data``; ``loaded(key, pages)`` or ``load_failed(key, message)`` follows."""
        self._reset_document()
        self._key = key
        self._data = QByteArray(bytes(data))
        buffer = QBuffer(self)
        buffer.setData(self._data)
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self._buffer = buffer
        # From a complete buffer QPdfDocument opens at once (Ready or Error when load returns);
        # pdfium reads the pages themselves only when they are drawn. Should it ever report
        # Loading instead, the answer comes through statusChanged.
        self._loading = True
        self._document.load(buffer)
        self._finish_load()

    def _finish_load(self) -> None:
        status = self._document.status()
        if not self._loading or status not in (QPdfDocument.Status.Ready, QPdfDocument.Status.Error):
            return
        self._loading = False
        key = self._key or ""
        if status == QPdfDocument.Status.Ready and self._document.pageCount() > 0:
            self._show_document()
            self.loaded.emit(key, self._document.pageCount())
            return
        if status == QPdfDocument.Status.Ready:
            message = self.tr("The document has no pages.")
        else:
            message = self._error_text(self._document.error())
        self._reset_document()
        self._key = key
        self._show_message(message)
        self.load_failed.emit(key, message)

    def _error_text(self, error: QPdfDocument.Error) -> str:
        if error == QPdfDocument.Error.IncorrectPassword:
            return self.tr("This document is protected by a password and cannot be opened here.")
        if error == QPdfDocument.Error.UnsupportedSecurityScheme:
            return self.tr("This document uses a protection that this viewer cannot open.")
        if error in (QPdfDocument.Error.InvalidFileFormat, QPdfDocument.Error.DataNotYetAvailable):
            return self.tr("This file is not a PDF document, or it is damaged.")
        return self.tr("The document could not be opened.")

    def clear(self, message: str = "") -> None:
        """No document; ``message`` (plain text) is shown in the middle of the panel."""
        self._reset_document()
        self._show_message(message)

    def _reset_document(self) -> None:
        self._loading = False
        self._search_timer.stop()
        self._jump_to_first_hit = False
        self._hit = -1
        with QSignalBlocker(self.search_field):
            self.search_field.clear()
        self._search.setSearchString("")
        self.view.set_current_hit(-1, [])
        self.view.set_highlights({})
        self._document.close()
        self.thumbnails.set_document(None)
        if self._buffer is not None:
            self._buffer.close()
            self._buffer.deleteLater()
            self._buffer = None
        self._data = QByteArray()
        self._key = None
        self.view.reset_page()

    def _show_document(self) -> None:
        self.stack.setCurrentIndex(_READER_PAGE)
        self.thumbnails.set_document(self._document)
        self.view.reset_page()
        self._update_controls()

    def _show_message(self, message: str) -> None:
        self._message = message
        self.message.setText(message)
        self.stack.setCurrentIndex(_MESSAGE_PAGE)
        self._update_controls()

    # -- state ----------------------------------------------------------------------------------
    def current_key(self) -> str | None:
        return self._key

    def page_count(self) -> int:
        return self.view.page_count()

    def page(self) -> int:
        """The current page, 1-based (0 without a document)."""
        return self.view.current_page() + 1 if self.page_count() else 0

    def set_page(self, page: int) -> None:
        """Go to ``page`` (1-based, clamped to the document). Sends ``page_changed``, not ``user_navigated``."""
        self.view.go_to_page(int(page) - 1)

    def zoom(self) -> float:
        return float(self.view.zoomFactor())

    def set_zoom(self, zoom: float) -> None:
        """A fixed zoom, 1.0 = 100 % (clamped to 0.1..10). Sends ``zoom_changed``, not ``user_navigated``."""
        self.view.set_zoom(clamp_zoom(zoom))
        self._update_controls()

    def relative_zoom(self) -> float:
        """The zoom as a multiple of fitting the page width (1.0 = the page width fills the view):
        the same on any screen size, so a follower sees what the presenter sees."""
        fit = self.view.fit_zoom("width")
        if not fit or self.view.fit_mode() == "width":
            return 1.0
        return self.zoom() / fit

    def set_relative_zoom(self, relative: float) -> None:
        """Show the page at ``relative`` × the page width (1.0: fit the width, and keep fitting it)."""
        fit = self.view.fit_zoom("width")
        if fit is None or abs(relative - 1.0) < 0.02:
            self.fit_width()
        else:
            self.set_zoom(relative * fit)

    def fit_width(self) -> None:
        self.view.set_fit("width")
        self._update_controls()

    def fit_page(self) -> None:
        self.view.set_fit("page")
        self._update_controls()

    def set_highlights(self, rects_by_page: dict[int, list[tuple[float, float, float, float]]]) -> None:
        """Yellow rectangles over pages: {page (1-based): [(x, y, width, height) in PDF points]}."""
        self.view.set_highlights(
            {int(page) - 1: [QRectF(*map(float, rect)) for rect in rects] for page, rects in rects_by_page.items()}
        )

    def set_highlight_mode(self, on: bool) -> None:
        """While on, dragging over a page draws a rectangle (``highlight_drawn``) instead of following links."""
        on = bool(on)
        self.view.set_highlight_mode(on)
        if self.act_highlight.isChecked() != on:
            with QSignalBlocker(self.act_highlight):
                self.act_highlight.setChecked(on)

    def highlight_mode(self) -> bool:
        return self.view.highlight_mode()

    def set_toolbar_visible(self, visible: bool) -> None:
        self.toolbar.setVisible(visible)

    def set_thumbnails_visible(self, visible: bool) -> None:
        self.thumbnails.setVisible(visible)
        if self.act_thumbnails.isChecked() != visible:
            with QSignalBlocker(self.act_thumbnails):
                self.act_thumbnails.setChecked(visible)

    def focus_search(self) -> None:
        self.search_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_field.selectAll()

    def search_hit(self) -> tuple[int, int]:
        """(current result 1-based or 0, number of results so far)."""
        return self._hit + 1, self._search.count()

    # -- user moves -----------------------------------------------------------------------------
    def _user_go_to(self, page: int) -> None:
        if self.page_count():
            self.view.go_to_page(page)
            self.user_navigated.emit()

    def _on_spin(self, value: int) -> None:
        if value - 1 != self.view.current_page():
            self._user_go_to(value - 1)

    def _user_zoom(self, steps: int) -> None:
        if self.page_count():
            self.view.set_zoom(self.view.zoom_step(steps))
            self._update_controls()
            self.user_navigated.emit()

    def _user_fit(self, mode: str) -> None:
        if self.page_count():
            self.view.set_fit(mode)
            self._update_controls()
            self.user_navigated.emit()

    def _on_page(self, page: int) -> None:
        with QSignalBlocker(self.page_spin):
            self.page_spin.setValue(page + 1)
        self.thumbnails.show_page(page)
        self._update_controls()
        self.page_changed.emit(page + 1)

    def _on_zoom(self, zoom: float) -> None:
        self._update_controls()
        self.zoom_changed.emit(float(zoom))

    def _on_rectangle(self, page: int, rect: QRectF) -> None:
        self.highlight_drawn.emit(page + 1, (rect.x(), rect.y(), rect.width(), rect.height()))

    # -- search ---------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search_field and event.type() == QEvent.Type.KeyPress:
            key = event.key() if isinstance(event, QKeyEvent) else None
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                backwards = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
                self._search_now_or_step(-1 if backwards else 1)
                return True
            if key == Qt.Key.Key_Escape and self.search_field.text():
                self.search_field.clear()
                self._start_search()
                return True
        return super().eventFilter(watched, event)

    def _search_now_or_step(self, direction: int) -> None:
        if self._search_timer.isActive() or self.search_field.text() != self._search.searchString():
            self._start_search()
        else:
            self._step_hit(direction)

    def _start_search(self) -> None:
        self._search_timer.stop()
        text = self.search_field.text()
        if text == self._search.searchString():
            return
        self._hit = -1
        self.view.set_current_hit(-1, [])
        self._jump_to_first_hit = bool(text) and self.page_count() > 0
        self._search.setSearchString(text)
        self._on_search_results()

    def _on_search_results(self) -> None:
        """More results came in (QPdfSearchModel searches page after page on a timer)."""
        if self._jump_to_first_hit:
            current = self.view.current_page()
            for index in range(self._search.count()):
                if self._search.resultAtIndex(index).page() >= current:
                    self._jump_to_first_hit = False
                    self._show_hit(index)
                    self.user_navigated.emit()
                    break
        self._update_search_count()

    def _step_hit(self, direction: int) -> None:
        count = self._search.count()
        if not count:
            return
        self._jump_to_first_hit = False
        if self._hit < 0:
            current = self.view.current_page()
            after = [i for i in range(count) if self._search.resultAtIndex(i).page() >= current]
            index = (after[0] if after else 0) if direction > 0 else ((after[0] - 1) if after else count - 1) % count
        else:
            index = (self._hit + direction) % count
        self._show_hit(index)
        self.user_navigated.emit()

    def _show_hit(self, index: int) -> None:
        self._hit = index
        result = self._search.resultAtIndex(index)
        rects = result.rectangles()
        self.view.set_current_hit(result.page(), rects)
        area = QRectF(rects[0]) if rects else QRectF(result.location(), result.location())
        for rect in rects[1:]:
            area = area.united(rect)
        self.view.ensure_visible(result.page(), area)
        self._update_search_count()

    def _update_search_count(self) -> None:
        count = self._search.count()
        if not self._search.searchString():
            text = ""
        elif not count:
            text = self.tr("No results")
        elif self.width() < COMPACT_WIDTH:  # numbers only, so the search field keeps its room
            text = f"{self._hit + 1}/{count}" if self._hit >= 0 else str(count)
        elif self._hit >= 0:
            text = self.tr("%1 / %2 results").replace("%1", str(self._hit + 1)).replace("%2", str(count))
        else:
            text = self.tr("%1 results").replace("%1", str(count))
        self.search_count.setText(text)
        self.search_count.setVisible(bool(text))
        self.act_hit_previous.setEnabled(count > 0)
        self.act_hit_next.setEnabled(count > 0)

    # -- look -----------------------------------------------------------------------------------
    def _update_controls(self) -> None:
        count = self.page_count()
        page = self.view.current_page()
        with QSignalBlocker(self.page_spin):
            self.page_spin.setSpecialValueText("" if count else " ")  # no "0" without a document
            self.page_spin.setRange(1 if count else 0, count)
            self.page_spin.setValue(page + 1 if count else 0)
        digits = self.page_spin.fontMetrics().horizontalAdvance(str(max(count, 10)) + "0")
        self.page_spin.setFixedWidth(digits + 24)
        self.page_total.setText(f"/ {count}" if count else "")
        self.zoom_label.setText(f"{round(self.zoom() * 100)} %" if count else "")
        for widget in (self.page_spin, self.search_field, self.zoom_label):
            widget.setEnabled(count > 0)
        for act, enabled in (
            (self.act_previous, count > 0 and page > 0),
            (self.act_next, count > 0 and page < count - 1),
            (self.act_zoom_out, count > 0 and self.zoom() > 0.1001),
            (self.act_zoom_in, count > 0 and self.zoom() < 9.999),
            (self.act_fit_width, count > 0),
            (self.act_fit_page, count > 0),
            (self.act_highlight, count > 0),
        ):
            act.setEnabled(enabled)
        self._update_search_count()

    def event(self, event: QEvent) -> bool:
        # Ctrl+F inside the panel is the panel's: claimed before the window's own Find shortcut.
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            if event.matches(QKeySequence.StandardKey.Find):
                event.accept()
                return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Find):
            self.focus_search()
            event.accept()
            return
        if event.matches(QKeySequence.StandardKey.FindNext):
            self._step_hit(1)
            event.accept()
            return
        if event.matches(QKeySequence.StandardKey.FindPrevious):
            self._step_hit(-1)
            event.accept()
            return
        super().keyPressEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if (event.size().width() < COMPACT_WIDTH) != (event.oldSize().width() < COMPACT_WIDTH):
            self._update_search_count()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        for act, text in (
            (self.act_thumbnails, self.tr("Show or hide the page thumbnails")),
            (self.act_previous, self.tr("Previous page (Page Up)")),
            (self.act_next, self.tr("Next page (Page Down)")),
            (self.act_zoom_out, self.tr("Zoom out (Ctrl+−)")),
            (self.act_zoom_in, self.tr("Zoom in (Ctrl++)")),
            (self.act_fit_width, self.tr("Fit the page width")),
            (self.act_fit_page, self.tr("Fit the whole page")),
            (self.act_highlight, self.tr("Highlight: drag a rectangle over the page")),
            (self.act_hit_previous, self.tr("Previous result (Shift+Enter)")),
            (self.act_hit_next, self.tr("Next result (Enter)")),
        ):
            act.setText(text)
            act.setToolTip(text)
        self.page_spin.setToolTip(self.tr("Page number"))
        self.search_field.setPlaceholderText(self.tr("Search in the document…"))
        self.search_field.setToolTip(self.tr("Search in the document (Ctrl+F)"))
        self._update_search_count()
