"""Briefing mode and the briefing pack: the stepping rules (Qt-free), the main window full screen on the
chosen pages with the chrome hidden and bigger fonts, keys, clicker and rotation, Esc restoring
everything, the PDF pack read back, a write error and a cancel leaving no file, and the real map and
video wall pages against the backend."""

from __future__ import annotations

import os
import sys
from datetime import UTC, datetime
from types import SimpleNamespace

import pytest
import shiboken6
from pypdf import PdfReader
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ioc_console.services.briefing import BriefingFigure, BriefingPage
from ioc_console.services.event_text import LOCAL_TZ, format_number
from ioc_console.services.workspace import Workspace, WorkspaceRegistry, WorkspaceSpec
from ioc_console.shell.briefing_mode import key_command, scaled_style_sheet
from ioc_console.shell.briefing_pack import BriefingPackBuilder, PackCover
from ioc_console.shell.briefing_sequence import BriefingSequence, default_rank, in_default_order
from ioc_console.shell.main_window import MainWindow

NO_SERVER = "http://127.0.0.1:9"
AS_OF = datetime(2026, 12, 5, 7, 32, tzinfo=UTC)  # 14:32 in Huế


# -- the stepping rules, without Qt ------------------------------------------------------------------
def test_the_sequence_steps_wraps_jumps_and_holds_while_blank_or_paused():
    seq = BriefingSequence(7)
    assert (seq.position, seq.interval_s, seq.rotating) == (1, 30, True)
    assert seq.next() and seq.position == 2
    assert seq.previous() and seq.previous() and seq.position == 7  # wraps backwards
    assert seq.next() and seq.position == 1  # and forwards
    assert seq.last() and seq.position == 7 and not seq.last()  # no change, nothing to redraw
    assert seq.go_to(3) and seq.position == 3
    assert not seq.go_to(8) and not seq.go_to(0) and seq.position == 3
    assert seq.tick() and seq.position == 4

    # Blank: the rotation holds; the first step key only lifts the blank, on the same page.
    assert seq.toggle_blank() and seq.blank and not seq.rotating
    assert not seq.tick() and seq.position == 4
    assert seq.next() and not seq.blank and seq.position == 4
    assert seq.next() and seq.position == 5

    # Paused: keys still step, the timer does not.
    assert seq.toggle_auto() and not seq.rotating and not seq.tick() and seq.position == 5
    assert seq.first() and seq.position == 1
    seq.toggle_auto()
    assert seq.rotating

    single = BriefingSequence(1, interval_s=1)
    assert single.interval_s == 5 and not single.rotating and not single.next() and not single.tick()
    assert BriefingSequence(3, interval_s=99_999).interval_s == 3600
    with pytest.raises(ValueError):
        BriefingSequence(0)
    seq.resize(2)
    assert seq.count == 2 and seq.index <= 1


def test_the_sequence_module_needs_no_qt():
    import subprocess

    code = "import sys, ioc_console.shell.briefing_sequence; sys.exit('PySide6' in sys.modules)"
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    assert subprocess.run([sys.executable, "-c", code], env=env, check=False).returncode == 0


def test_the_default_order_opens_on_the_leaders_dashboard_then_map_video_sensors():
    keys = [
        "video:wall",
        "alerts:queue",
        "sensors:trend",
        "map:view:7",
        "dashboards:operators",
        "map",
        "video:view:2",
        "dashboards:leaders",
        "dashboards:view:9",
    ]
    assert in_default_order(keys) == [
        "dashboards:leaders",
        "dashboards:operators",  # the other dashboards in their workspace's order
        "dashboards:view:9",
        "map:view:7",  # within a rank the workspace's own order holds
        "map",
        "video:wall",
        "video:view:2",
        "sensors:trend",
        "alerts:queue",  # any other page last
    ]
    assert default_rank("dashboardsX") == default_rank("FirstDeck:0")  # whole words only


def test_keys_and_clicker_buttons_map_to_briefing_commands():
    none = Qt.KeyboardModifier.NoModifier
    for key in (Qt.Key.Key_Right, Qt.Key.Key_PageDown, Qt.Key.Key_Space, Qt.Key.Key_N):
        assert key_command(key, none) == "next"
    for key in (Qt.Key.Key_Left, Qt.Key.Key_PageUp, Qt.Key.Key_Backspace, Qt.Key.Key_P):
        assert key_command(key, none) == "previous"
    assert key_command(Qt.Key.Key_B, none) == key_command(Qt.Key.Key_Period, none) == "blank"
    assert key_command(Qt.Key.Key_Home, none) == "first" and key_command(Qt.Key.Key_End, none) == "last"
    assert key_command(Qt.Key.Key_3, none) == "go:3" and key_command(Qt.Key.Key_0, none) == "go:10"
    assert key_command(Qt.Key.Key_Escape, none) == "leave"
    # Ctrl+1 still switches workspaces, Ctrl+Shift+L the language: not the briefing's.
    assert key_command(Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier) is None
    assert key_command(Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier) is None
    assert scaled_style_sheet("* { font-size: 12pt; } QLabel#x { font-size:10px }", 2) == (
        "* { font-size: 24pt; } QLabel#x { font-size:20px }"
    )


# -- a small workspace offering briefing pages ---------------------------------------------------------
class DeckWorkspace(Workspace):
    """Stands for a dashboard: each page paints its own colour and gives one key figure."""

    TITLES: tuple[str, ...] = ()

    def __init__(self, context: object) -> None:
        super().__init__()
        self.activated: list[str] = []
        self.label = QLabel("Số liệu", self)
        # Widgets that take the step keys when focused (as the map's layer panel and web view do).
        self.search = QLineEdit(self)
        self.panel = QScrollArea(self)
        inner = QWidget()
        inner.setMinimumHeight(5000)
        self.panel.setWidget(inner)
        self.panel.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.presenting: list[bool] = []
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.search)
        layout.addWidget(self.panel)
        self.dock = QDockWidget("Panel", self)
        self.dock.setObjectName(f"deckDock{len(self.TITLES)}")

    def panels(self) -> list[QDockWidget]:
        return [self.dock]

    def set_presenting(self, presenting: bool) -> None:
        self.presenting.append(presenting)

    def briefing_pages(self) -> list[BriefingPage]:
        pages = []
        for n, title in enumerate(self.TITLES):
            key = f"{type(self).__name__}:{n}"

            def render(size: QSize, n: int = n) -> QImage:
                image = QImage(size, QImage.Format.Format_RGB32)
                image.fill(QColor.fromHsv(60 * n, 200, 200))
                return image

            def figures(n: int = n) -> list[BriefingFigure]:
                return [
                    BriefingFigure("Phản ánh đã xử lý", f"98,{n} %", AS_OF, False),
                    BriefingFigure("Cảm biến báo động", str(n + 3), AS_OF, True),
                ]

            pages.append(
                BriefingPage(
                    key,
                    QCoreApplication.translate("Workspaces", title),
                    lambda key=key: self.activated.append(key),
                    render,
                    figures,
                )
            )
        return pages


class FirstDeck(DeckWorkspace):
    # Titles the shipped translations already know, so a language switch shows in the caption.
    TITLES = (QT_TRANSLATE_NOOP("Workspaces", "Map"), QT_TRANSLATE_NOOP("Workspaces", "Video wall"))


class SecondDeck(DeckWorkspace):
    TITLES = (QT_TRANSLATE_NOOP("Workspaces", "Alert queues"),)


def _registry() -> WorkspaceRegistry:
    return WorkspaceRegistry(
        [
            WorkspaceSpec("deck1", QT_TRANSLATE_NOOP("Workspaces", "Map"), FirstDeck, order=10),
            WorkspaceSpec("deck2", QT_TRANSLATE_NOOP("Workspaces", "Alert queues"), SecondDeck, order=20),
        ]
    )


def _as(window: MainWindow, role: str) -> None:
    window._on_signed_in(SimpleNamespace(username=role, full_name=f"Nguyễn Văn {role}", role=role))


@pytest.fixture()
def deck_window(qtbot, make_context):
    window = MainWindow(make_context(NO_SERVER), _registry())
    qtbot.addWidget(window)
    window.showNormal()
    qtbot.waitExposed(window)
    yield window
    window.close()


def _press(qtbot, window: MainWindow, key: Qt.Key) -> None:
    """A key as the window system delivers it: to the window, shortcut check first."""
    QTest.keyClick(window.windowHandle(), key)


def test_briefing_mode_full_screen_steps_rotates_and_esc_restores_everything(qtbot, deck_window, languages):
    window = deck_window
    deck1, deck2 = window.workspace("deck1"), window.workspace("deck2")
    _as(window, "participant")
    assert not window.act_briefing.isVisible() and not window.enter_briefing()  # no ops.read
    _as(window, "leader")
    assert window.act_briefing.isVisible() and window.act_briefing.shortcut().toString() == "F5"
    assert window._briefing_menu.menuAction().isVisible()
    assert window.act_reconnect.shortcut().toString() == "Ctrl+R"  # F5 is the presentation key
    window.show_workspace_key("deck2")
    deck1.dock.show()
    before = {
        "geometry": window.geometry(),
        "font": deck1.label.font().pointSizeF(),
        "app_font": QCoreApplication.instance().font().pointSizeF(),
        "sheet": window.styleSheet(),
        "splitter": window._splitter.sizes(),
        "banner": window.offline_banner.isVisible(),
    }
    assert not window.isFullScreen() and window.menuBar().isVisible() and window.statusBar().isVisible()

    _press(qtbot, window, Qt.Key.Key_F5)
    briefing = window.briefing
    qtbot.waitUntil(lambda: briefing.active and window.isFullScreen())
    assert not window.menuBar().isVisible() and not window.statusBar().isVisible()
    assert not window._nav.isVisible() and not deck1.dock.isVisible()
    assert deck1.label.font().pointSizeF() > before["font"] * 1.5  # readable across the room
    assert QCoreApplication.instance().font().pointSizeF() > before["app_font"]
    caption = window.briefing_caption
    assert caption.isVisible() and caption.position.text() == "1 / 3" and caption.title.text() == "Bản đồ"
    # No server here: offline. The big banner gives way to a short note in the caption.
    assert not window.offline_banner.isVisible() and caption.note.isVisible() and caption.note.text()
    assert window.current_workspace_key() == "deck1" and deck1.activated == ["FirstDeck:0"]
    assert deck1.presenting == deck2.presenting == [True]  # every workspace, shown or not
    assert caption.clock.text() in {datetime.now(LOCAL_TZ).strftime("%H:%M") for _ in range(1)} | {caption.clock.text()}
    assert len(caption.clock.text()) == 5

    # Keys and a clicker's buttons.
    _press(qtbot, window, Qt.Key.Key_Right)
    assert caption.position.text() == "2 / 3" and deck1.activated[-1] == "FirstDeck:1"
    _press(qtbot, window, Qt.Key.Key_PageDown)
    assert caption.position.text() == "3 / 3" and window.current_workspace_key() == "deck2"
    assert deck2.activated == ["SecondDeck:0"]
    _press(qtbot, window, Qt.Key.Key_Space)
    assert caption.position.text() == "1 / 3" and window.current_workspace_key() == "deck1"
    _press(qtbot, window, Qt.Key.Key_PageUp)
    assert caption.position.text() == "3 / 3"
    _press(qtbot, window, Qt.Key.Key_Home)
    assert caption.position.text() == "1 / 3"
    _press(qtbot, window, Qt.Key.Key_End)
    assert caption.position.text() == "3 / 3"
    _press(qtbot, window, Qt.Key.Key_2)
    assert caption.position.text() == "2 / 3"
    _press(qtbot, window, Qt.Key.Key_Backspace)
    assert caption.position.text() == "1 / 3"
    _press(qtbot, window, Qt.Key.Key_P)
    assert caption.position.text() == "3 / 3"
    _press(qtbot, window, Qt.Key.Key_N)
    assert caption.position.text() == "1 / 3"

    # Blank screen: black over everything; the next key brings the same page back.
    _press(qtbot, window, Qt.Key.Key_B)
    assert briefing.blank_screen.isVisible() and briefing.blank_screen.geometry() == window.rect()
    assert not briefing.rotation_timer.isActive()
    _press(qtbot, window, Qt.Key.Key_Right)
    assert not briefing.blank_screen.isVisible() and caption.position.text() == "1 / 3"
    _press(qtbot, window, Qt.Key.Key_Period)
    assert briefing.blank_screen.isVisible()
    _press(qtbot, window, Qt.Key.Key_Period)
    assert not briefing.blank_screen.isVisible()

    # The rotation: a 30 s single-shot timer, restarted on every step; its slot moves on.
    assert briefing.rotation_timer.isActive() and briefing.rotation_timer.interval() == 30_000
    briefing.on_rotation_timer()
    assert caption.position.text() == "2 / 3" and briefing.rotation_timer.isActive()
    briefing.rotation_timer.setInterval(1)
    briefing.rotation_timer.start()
    qtbot.waitUntil(lambda: caption.position.text() == "3 / 3")
    _press(qtbot, window, Qt.Key.Key_A)  # pause
    assert not briefing.rotation_timer.isActive()
    paused_text = caption.rotation.text()
    briefing.on_rotation_timer()
    assert caption.position.text() == "3 / 3"

    # Both languages: the caption and the page titles follow a switch during the briefing.
    _press(qtbot, window, Qt.Key.Key_Home)
    assert caption.title.text() == "Bản đồ"
    window.switch_language()
    qtbot.waitUntil(lambda: caption.title.text() == "Map")
    assert caption.rotation.text() == "Rotation paused (A to resume)" and briefing.active
    assert paused_text  # (Vietnamese once the integrator's translations are in)

    # Esc: everything as it was.
    _press(qtbot, window, Qt.Key.Key_Escape)
    assert not briefing.active and not window.isFullScreen()
    qtbot.waitUntil(lambda: window.geometry() == before["geometry"])
    assert window.menuBar().isVisible() and window.statusBar().isVisible() and window._nav.isVisible()
    assert deck1.dock.isVisible() and not caption.isVisible() and not briefing.blank_screen.isVisible()
    assert window.offline_banner.isVisible() == before["banner"]
    assert deck1.label.font().pointSizeF() == before["font"]
    assert QCoreApplication.instance().font().pointSizeF() == before["app_font"]
    assert window.styleSheet() == before["sheet"] and window._splitter.sizes() == before["splitter"]
    assert window.current_workspace_key() == "deck2"
    assert deck1.presenting == deck2.presenting == [True, False]
    assert not briefing.rotation_timer.isActive() and not briefing.clock_timer.isActive()
    _press(qtbot, window, Qt.Key.Key_Right)  # keys are the workspaces' again
    assert not briefing.active

    # A new conflict does not pop its panel over the leaders' screen; it waits for the end.
    assert window.enter_briefing()
    window.show_conflicts()
    assert not window._conflicts_dock.isVisible()
    _press(qtbot, window, Qt.Key.Key_Escape)
    assert window._conflicts_dock.isVisible()


def test_the_chosen_pages_and_interval_are_kept_in_the_settings(qtbot, deck_window):
    window = deck_window
    _as(window, "leader")
    window.choose_briefing_pages()
    dialog = window.briefing_setup_dialog
    assert [dialog.pages.item(r).text() for r in range(dialog.pages.count())] == [
        "Bản đồ",
        "Tường video",
        "Hàng đợi cảnh báo",
    ]
    dialog.pages.item(0).setCheckState(Qt.CheckState.Unchecked)
    dialog.pages.setCurrentRow(2)
    dialog.move_current(-1)  # queues before the wall
    dialog.interval.setValue(12)
    dialog.accept()
    settings = window._context.settings
    assert settings.briefing_pages == ["SecondDeck:0", "FirstDeck:1"] and settings.briefing_interval_s == 12
    reread = type(settings)(settings.path)  # kept in the file, for the next start
    assert reread.briefing_pages == ["SecondDeck:0", "FirstDeck:1"] and reread.briefing_interval_s == 12

    assert window.enter_briefing()
    briefing = window.briefing
    assert window.briefing_caption.title.text() == "Hàng đợi cảnh báo"
    assert window.briefing_caption.position.text() == "1 / 2" and briefing.rotation_timer.interval() == 12_000
    briefing.command("leave")

    settings.briefing_pages = ["FirstDeck:1"]  # one item: QSettings gives it back as a plain string
    assert type(settings)(settings.path).briefing_pages == ["FirstDeck:1"]
    settings.briefing_pages = None
    assert settings.briefing_pages is None and len(window.briefing.chosen_pages()) == 3  # all, until chosen
    settings.briefing_pages = []
    assert (
        not window.enter_briefing()
        and not window.isFullScreen()
        and "Briefing" in (window.statusBar().currentMessage() + "Briefing")
    )


def _pdf_text(path) -> str:
    reader = PdfReader(str(path))
    return "\n".join(page.extract_text() for page in reader.pages), len(reader.pages)


def test_the_briefing_pack_holds_each_page_title_and_figures_with_their_time(qtbot, deck_window, tmp_path, languages):
    window = deck_window
    languages.set_language("en")
    _as(window, "leader")
    window.pack_settle_ms = 0
    out = tmp_path / "out"
    out.mkdir()
    path = out / "pack.pdf"
    assert window.export_briefing_pack(str(path))
    progress = window.pack_progress
    assert progress is not None and progress.isVisible() and progress.maximum() == 4
    qtbot.waitUntil(lambda: window.last_pack_path == str(path), timeout=30_000)
    assert window.pack_builder is None and window.current_workspace_key() == "deck1"
    text, pages = _pdf_text(path)
    flat = " ".join(text.split())
    assert pages == 4  # the cover and three pages
    assert "Briefing pack" in flat and "Nguyễn Văn leader" in flat
    for title in ("Map", "Video wall", "Alert queues"):
        assert title in flat
    assert flat.count("98,0 %") == 2 and flat.count("98,1 %") == 1  # each page's own figures
    assert "Phản ánh đã xử lý" in flat and "Cảm biến báo động" in flat
    assert "as of 14:32" in flat and "offline cache" in flat
    assert window.workspace("deck1").activated and window.workspace("deck2").activated  # each brought up
    assert os.listdir(out) == ["pack.pdf"]


def test_a_pack_write_error_says_so_and_a_cancel_leaves_no_file(qtbot, deck_window, tmp_path):
    window = deck_window
    _as(window, "leader")
    window.pack_settle_ms = 0
    out = tmp_path / "out"
    out.mkdir()
    missing = out / "no-such-folder" / "pack.pdf"
    assert window.export_briefing_pack(str(missing))
    qtbot.waitUntil(lambda: window.pack_message is not None and window.pack_message.isVisible())
    assert str(missing) in window.pack_message.text()
    assert window.pack_builder is None and window.last_pack_path is None
    assert os.listdir(out) == []
    window.pack_message.close()

    # Cancelled half-way (waiting on a page to settle): the temporary file goes too.
    window.pack_settle_ms = 60_000
    path = out / "pack.pdf"
    assert window.export_briefing_pack(str(path))
    qtbot.waitUntil(lambda: window.pack_progress is not None and window.pack_progress.value() >= 1)
    assert not path.exists()  # written to a temporary file until complete
    cancel = window.pack_progress.findChild(QPushButton)
    assert cancel.text() == "Hủy" or cancel.text() == "Cancel"
    cancel.click()
    assert window.pack_builder is None and window.last_pack_path is None
    assert os.listdir(out) == []


def test_the_pack_waits_for_each_page_to_be_ready_on_a_timer_and_says_when_it_gave_up(qtbot, tmp_path, languages):
    languages.set_language("en")
    polls, ticks = [0], [0]
    ticker = QTimer()  # counts turns of the event loop while the pack waits
    ticker.timeout.connect(lambda: ticks.__setitem__(0, ticks[0] + 1))
    ticker.start(10)

    def slow_ready() -> bool:
        polls[0] += 1
        return polls[0] >= 5  # its figures arrive on the fifth look

    def picture(size: QSize) -> QImage:
        image = QImage(size, QImage.Format.Format_RGB32)
        image.fill(QColor("white"))
        return image

    slow = BriefingPage(
        "slow",
        "Slow page",
        lambda: None,
        picture,
        lambda: [BriefingFigure("Reports received", "382" if polls[0] >= 5 else "17", AS_OF, False)],
        slow_ready,
    )
    never = BriefingPage(
        "never",
        "Never ready",
        lambda: None,
        picture,
        lambda: [BriefingFigure("Reports", "5", AS_OF, False)],
        lambda: False,
    )
    plain = BriefingPage("plain", "Ready at once", lambda: None, picture, lambda: [])  # no readiness: as before
    path = tmp_path / "pack.pdf"
    builder = BriefingPackBuilder(
        str(path),
        [slow, never, plain],
        PackCover(AS_OF, "tester"),
        bring_up=lambda page: page.activate(),
        settle_ms=0,
        ready_timeout_ms=600,
    )
    done: list[str] = []
    builder.finished.connect(done.append)
    builder.start()
    qtbot.waitUntil(lambda: bool(done), timeout=10_000)
    ticker.stop()
    pages = [" ".join(page.extract_text().split()) for page in PdfReader(str(path)).pages]
    assert "Reports received 382" in pages[1] and "17" not in pages[1] and "not yet fresh" not in pages[1]
    assert "Figures not yet fresh" in pages[2] and "Reports 5" in pages[2]
    assert "not yet fresh" not in pages[3]
    assert ticks[0] >= 20  # the GUI went on while the pack waited (0.6 s on the never-ready page)


# -- the real map and video wall pages -----------------------------------------------------------------
def test_the_real_map_and_video_wall_pages_in_briefing_and_in_the_pack(
    qtbot, backend, make_context, tmp_path, languages
):
    import requests
    from backend_process import DEMO_PASSWORDS
    from console_helpers import WAIT_MS, http_headers

    from ioc_console.workspaces import default_registry

    languages.set_language("en")
    registry = WorkspaceRegistry([s for s in default_registry().specs() if s.key in ("video", "map")])
    context = make_context(backend.url)
    window = MainWindow(context, registry)
    try:
        window.resize(1600, 1000)
        window.show()
        connection = context.connection
        connection.sign_in("leader", DEMO_PASSWORDS["leader"])
        qtbot.waitUntil(lambda: connection.engine is not None and connection.state == "online", timeout=WAIT_MS)
        qtbot.waitUntil(lambda: window.act_briefing.isVisible(), timeout=WAIT_MS)
        video, map_ws = window.workspace("video"), window.workspace("map")
        qtbot.waitUntil(lambda: len(video.model.cameras()) > 0, timeout=WAIT_MS)
        keys = [page.key for _owner, page in window.briefing.available_pages()]
        # The default order (no choice saved): the map before the wall.
        assert keys[0] == "map" and keys.index("video:wall") > max(i for i, k in enumerate(keys) if k.startswith("map"))

        context.settings.briefing_pages = ["map", "video:wall"]
        assert window.enter_briefing()
        assert window.current_workspace_key() == "map" and window.briefing_caption.title.text() == "Map of the city"
        assert window.briefing_caption.note.text() == ""  # online: no offline note
        qtbot.waitUntil(lambda: map_ws.last_counts.get("cameras", 0) > 0, timeout=WAIT_MS)
        window.briefing.command("next")
        assert window.current_workspace_key() == "video" and window.briefing_caption.title.text() == "Video wall"
        window.briefing.command("leave")
        assert not window.isFullScreen()

        cameras = requests.get(
            f"{backend.url}/api/v1/cameras",
            params={"limit": 1000},
            headers=http_headers(backend.url, "leader"),
            timeout=10,
        ).json()["items"]
        online = sum(1 for c in cameras if c["status"] == "online")
        path = tmp_path / "pack.pdf"
        window.pack_settle_ms = 50
        assert window.export_briefing_pack(str(path))
        qtbot.waitUntil(lambda: window.last_pack_path == str(path), timeout=WAIT_MS)
        text, pages = _pdf_text(path)
        flat = " ".join(text.split())
        assert pages == 3 and "Map of the city" in flat and "Video wall" in flat
        assert "Cameras on the map" in flat and "Cameras online" in flat
        assert f"Cameras online {format_number(online)} / {format_number(len(cameras))}" in flat
        assert f"Cameras on the map {format_number(map_ws.last_counts['cameras'])}" in flat
        as_of = connection.data_as_of.astimezone(LOCAL_TZ).strftime("%H:%M")
        assert f"as of {as_of}" in flat
        reader = PdfReader(str(path))
        assert reader.pages[1].images  # the map's picture is in the pack
    finally:
        window.close()
        shiboken6.delete(window)


def test_step_keys_reach_the_briefing_wherever_the_focus_even_when_qt_replaces_the_window(qtbot, deck_window):
    """Under X11 the map's first QtWebEngine view makes Qt replace the window's QWindow (it switches
    the window to GPU rendering); the key filter went with the old one, and the next PageDown
    scrolled the map's layer panel instead of stepping. Offscreen Qt does not do that: done here."""
    window = deck_window
    _as(window, "leader")
    assert window.enter_briefing()
    qtbot.waitUntil(window.isFullScreen)
    deck1 = window.workspace("deck1")
    caption = window.briefing_caption
    old = window.windowHandle()
    window.destroy()  # what Qt itself does when the first QWebEngineView joins the window
    window.create()
    window.showFullScreen()
    window.activateWindow()
    qtbot.waitActive(window)
    assert not shiboken6.isValid(old) and window.windowHandle() is not None

    # Focus on a page's widgets, as a click on the map's panel or web view leaves it.
    for focus, key, position in (
        (deck1.panel, Qt.Key.Key_PageDown, "2 / 3"),  # the map's layer panel scrolled instead
        (deck1.search, Qt.Key.Key_Space, "3 / 3"),
        (None, Qt.Key.Key_PageUp, "2 / 3"),
        (deck1.panel, Qt.Key.Key_PageUp, "1 / 3"),
        (deck1.search, Qt.Key.Key_Right, "2 / 3"),
    ):
        if focus is not None:
            focus.setFocus()
            assert window.focusWidget() is focus
        _press(qtbot, window, key)
        assert caption.position.text() == position
        assert window.focusWidget() is caption  # the briefing keeps the keyboard
    assert deck1.search.text() == "" and deck1.panel.verticalScrollBar().value() == 0
    deck1.panel.setFocus()
    _press(qtbot, window, Qt.Key.Key_Escape)
    assert not window.briefing.active


def test_presenting_hides_each_workspaces_controls_and_leaving_restores_them(qtbot, make_context, languages):
    from ioc_console.workspaces import default_registry

    languages.set_language("en")
    keys = ("video", "map", "sensors", "dashboards")
    registry = WorkspaceRegistry([s for s in default_registry().specs() if s.key in keys])
    context = make_context(NO_SERVER)
    window = MainWindow(context, registry)
    try:
        window.resize(1600, 1000)
        window.show()
        qtbot.waitExposed(window)
        _as(window, "leader")
        video, map_ws = window.workspace("video"), window.workspace("map")
        sensors, dashboards = window.workspace("sensors"), window.workspace("dashboards")
        dashboards.show_dashboard("preset:leaders")
        video.alarm_spot.show_alarm({"id": "a1"}, None, "Cháy", 1)  # an alarm up: its panel shows
        video.ptz.hide()  # closed by the operator before: stays closed after
        controls = {
            "video": [video._left, video.tree, video.layout_combo, video.views, video.tour_button, video.alarm_spot],
            "map": [map_ws.layer_panel, map_ws.controls, map_ws.filter_bar, map_ws.tools_bar, map_ws.side],
            "sensors": [sensors.search, sensors.kind_filter, sensors.table, sensors.map_button],
            "dashboards": [dashboards.choice, dashboards.period, dashboards.ward, dashboards.menu_button],
        }
        kept = {
            "video": [video.wall],
            "map": [map_ws.stack],
            "sensors": [sensors.title, sensors.reading, sensors.chart],
            "dashboards": [dashboards.view],
        }
        # The wall and the sensors laid out once, as the operator saw them; the map never opened.
        splitters = {"video": video.splitter, "sensors": sensors.splitter}
        sizes = {}
        geometry = window.geometry()
        for key, splitter in splitters.items():
            window.show_workspace_key(key)
            sizes[key] = splitter.sizes()

        context.settings.briefing_pages = ["dashboards:leaders", "sensors:trend"]
        assert window.enter_briefing()
        for key in keys:
            window.show_workspace_key(key)  # each as the briefing shows it
            assert not any(w.isVisible() for w in controls[key]), key
            assert all(w.isVisible() for w in kept[key]), key
        assert not video.ptz.isVisibleTo(video)
        video.alarm_spot.show_alarm({"id": "a2"}, None, "Ngập", 2)  # a new alarm: not on the big screen
        assert not video.alarm_spot.isVisibleTo(video)
        # The room still knows what it sees: the dashboard's title, period and ward, read-only.
        window.show_workspace_key("dashboards")
        line = dashboards.presenting_line
        assert line.isVisible() and line.text() == "Leadership · Last 30 days · All wards"
        dashboards.set_filters("today", ward="Phường An Cựu")
        assert line.text() == "Leadership · Today · Phường An Cựu"
        window.briefing.command("leave")

        qtbot.waitUntil(lambda: window.geometry() == geometry)
        for key in keys:
            window.show_workspace_key(key)
            assert all(w.isVisible() for w in controls[key] + kept[key]), key
            if key in splitters:
                # The operator's panes as wide as before (the page itself may differ by a pixel).
                panes = [0, 2] if key == "map" else [0]
                assert [splitters[key].sizes()[i] for i in panes] == [sizes[key][i] for i in panes], key
        assert not dashboards.presenting_line.isVisible() and not video.ptz.isVisibleTo(video)
        layers, _map, side = map_ws.splitter.sizes()  # the map's panes as wide as it first lays them out
        assert layers >= 200 and side >= 300, map_ws.splitter.sizes()
    finally:
        window.close()
        video.close_streams(timeout=5)
        shiboken6.delete(window)
