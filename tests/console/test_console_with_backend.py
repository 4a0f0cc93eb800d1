"""The console against a real backend process: sign-in, live events, connection loss, re-login."""

from __future__ import annotations

import socket
import threading
from pathlib import Path

import pytest
import requests
from backend_process import DEMO_PASSWORDS, start_backend
from client_support import Reply, ScriptedServer
from PySide6.QtCore import QTimer

from ioc_console.services.ops import run_in_background
from ioc_console.shell.main_window import MainWindow
from ioc_console.workspaces.events.event_log_model import COL_SUMMARY

ROLE_LABELS_VI = {
    "operator": "Điều hành viên",
    "supervisor": "Giám sát viên",
    "leader": "Lãnh đạo",
    "participant": "Thành viên dự họp",
    "admin": "Quản trị viên",
}


def _sign_in_through_dialog(qtbot, window: MainWindow, username: str, password: str):
    window.prompt_sign_in("")
    dialog = window.login_dialog()
    assert dialog is not None and dialog.isVisible()
    dialog.username_edit().setText(username)
    dialog.password_edit().setText(password)
    dialog.submit()
    assert dialog.password_edit().text() == ""  # cleared as soon as it was used
    return dialog


def _contains(obj: object, secret: str, depth: int = 0, seen: set[int] | None = None) -> bool:
    """Is ``secret`` stored in any attribute reachable (shallowly) from ``obj``?"""
    seen = seen if seen is not None else set()
    if id(obj) in seen or depth > 3:
        return False
    seen.add(id(obj))
    if isinstance(obj, str):
        return secret in obj
    if isinstance(obj, (bytes, bytearray)):
        return secret.encode() in obj
    if isinstance(obj, dict):
        return any(
            _contains(k, secret, depth + 1, seen) or _contains(v, secret, depth + 1, seen) for k, v in obj.items()
        )
    if isinstance(obj, (list, tuple, set, frozenset)):
        return any(_contains(v, secret, depth + 1, seen) for v in obj)
    attributes = getattr(obj, "__dict__", None)
    return bool(attributes) and _contains(attributes, secret, depth + 1, seen)


@pytest.mark.parametrize("role", list(DEMO_PASSWORDS))
def test_sign_in_shows_user_and_role_in_status_bar(qtbot, backend, make_window, role):
    window = make_window(backend.url)
    window.show()
    dialog = _sign_in_through_dialog(qtbot, window, role, DEMO_PASSWORDS[role])
    qtbot.waitUntil(lambda: ROLE_LABELS_VI[role] in window.user_label.text(), timeout=15_000)
    assert not dialog.isVisible()
    qtbot.waitUntil(lambda: window.connection_indicator.text() == "Trực tuyến", timeout=15_000)
    # The password is not kept anywhere: not on the dialog, the service, the client, or disk.
    secret = DEMO_PASSWORDS[role]
    connection = window._context.connection
    for holder in (dialog, connection, connection.client, window):
        assert not _contains(holder, secret), f"password found on {holder!r}"
    window._context.settings.sync()
    for path in Path(window._context.settings.path).parent.glob("*"):
        assert secret not in path.read_text(encoding="utf-8", errors="replace")


def test_wrong_password_keeps_the_dialog_with_a_plain_error(qtbot, backend, make_window):
    window = make_window(backend.url)
    window.show()
    dialog = _sign_in_through_dialog(qtbot, window, "operator", "not-the-password")
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=15_000)
    assert dialog.isVisible()
    assert dialog.error_text() == "Sai tên đăng nhập hoặc mật khẩu. Vui lòng kiểm tra và thử lại."
    assert window.user_label.text() == "Chưa đăng nhập"
    # Empty fields are caught before anything is sent.
    dialog.submit()
    assert dialog.error_text() == "Vui lòng nhập cả tên đăng nhập và mật khẩu."


def test_throttled_sign_in_says_how_long_to_wait(qtbot, tmp_path, make_window):
    proc = start_backend(tmp_path, extra_args=["--login-attempts", "1", "--login-delay", "120"])
    try:
        window = make_window(proc.url)
        window.show()
        dialog = _sign_in_through_dialog(qtbot, window, "operator", "not-the-password")
        qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=15_000)
        assert dialog.error_text() == "Sai tên đăng nhập hoặc mật khẩu. Vui lòng kiểm tra và thử lại."
        # Now even the right password must wait, and the dialog says for how long, in words.
        dialog = _sign_in_through_dialog(qtbot, window, "operator", DEMO_PASSWORDS["operator"])
        qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=15_000)
        assert dialog.isVisible()
        assert dialog.error_text() == "Quá nhiều lần đăng nhập sai. Thử lại sau 2 phút."
        assert not dialog.offline_available()  # the server answered: nothing to open offline for
        assert window.user_label.text() == "Chưa đăng nhập"
    finally:
        proc.stop()


def test_busy_server_says_to_try_again_shortly(qtbot, make_window):
    # A crowded backend's refusal, scripted: the real one only answers it under a login flood.
    busy = Reply(503, {"error": {"code": "busy", "message": "busy"}}, headers={"Retry-After": "2"})
    server = ScriptedServer(lambda req: busy if req.path.endswith("/auth/login") else Reply(404, b""))
    try:
        window = make_window(server.url)
        window.show()
        dialog = _sign_in_through_dialog(qtbot, window, "operator", DEMO_PASSWORDS["operator"])
        qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=15_000)
        assert dialog.error_text() == "Máy chủ đang bận vì có nhiều người đăng nhập cùng lúc. Thử lại sau vài giây."
        assert [r.path for r in server.requests if r.path.endswith("/auth/login")] == ["/api/v1/auth/login"]
    finally:
        server.stop()


class SilentServer:
    """Accepts TCP connections on loopback and never answers: a hung backend."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.settimeout(0.2)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self._stop = threading.Event()
        self._held: list[socket.socket] = []
        self._thread = threading.Thread(target=self._run, name="test-silent-server")
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
                self._held.append(conn)
            except OSError:
                continue

    def close(self) -> None:
        self._stop.set()
        self._thread.join(5)
        for conn in self._held:
            conn.close()
        self.sock.close()


def test_login_does_not_block_the_gui_thread(qtbot, make_window):
    server = SilentServer()
    try:
        window = make_window(server.url, read_timeout=1.5, max_retries=0)
        window.show()
        ticks = 0

        def tick() -> None:
            nonlocal ticks
            if dialog.is_busy():
                ticks += 1

        timer = QTimer()
        timer.setInterval(20)
        timer.timeout.connect(tick)
        dialog = _sign_in_through_dialog(qtbot, window, "operator", "hue-operator")
        timer.start()
        assert dialog.is_busy()
        qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=15_000)
        timer.stop()
        # The backend hung for 1.5 s; a blocked GUI thread would have let the timer tick at most once.
        assert ticks >= 10
        assert dialog.error_text().startswith(f"Không kết nối được máy chủ IOC tại {server.url}")
        assert dialog.isVisible()
    finally:
        server.close()


def _http_login(url: str, role: str) -> dict[str, str]:
    answer = requests.post(
        f"{url}/api/v1/auth/login", json={"username": role, "password": DEMO_PASSWORDS[role]}, timeout=10
    )
    answer.raise_for_status()
    return {"Authorization": f"Bearer {answer.json()['access_token']}"}


def test_live_events_arrive_then_backend_loss_is_shown(qtbot, tmp_path, make_window):
    backend = start_backend(tmp_path)
    try:
        window = make_window(backend.url)
        window.show()
        _sign_in_through_dialog(qtbot, window, "operator", DEMO_PASSWORDS["operator"])
        qtbot.waitUntil(lambda: window.connection_indicator.text() == "Trực tuyến", timeout=15_000)
        model = window.workspace("events").model
        qtbot.waitUntil(lambda: model.rowCount() >= 100, timeout=15_000)  # recent alerts prefilled

        headers = _http_login(backend.url, "supervisor")
        alert = requests.get(
            f"{backend.url}/api/v1/alerts", params={"state": "new", "limit": 1}, headers=headers, timeout=10
        ).json()["items"][0]
        changed = requests.post(
            f"{backend.url}/api/v1/alerts/{alert['id']}/transition",
            json={"to": "acknowledged", "version": alert["version"]},
            headers=headers,
            timeout=10,
        )
        assert changed.status_code == 200, changed.text

        def acknowledged_row_arrived() -> bool:
            last = model.rowCount() - 1
            entry = model.entry(last) if last >= 0 else None
            return entry is not None and entry.key == f"alert:{alert['id']}" and entry.data["state"] == "acknowledged"

        qtbot.waitUntil(acknowledged_row_arrived, timeout=30_000)
        summary = model.index(model.rowCount() - 1, COL_SUMMARY).data()
        assert "— Đã tiếp nhận (supervisor)" in summary  # bundling / SLA notes may follow
        assert window.workspace("events").events_label.text() == "Sự kiện đã nhận: 1"
        assert window.workspace("events").last_event_label.text().startswith("Sự kiện gần nhất: ")

        backend.stop()
        qtbot.waitUntil(lambda: window.connection_indicator.state() in ("degraded", "offline"), timeout=30_000)
        qtbot.waitUntil(lambda: window.connection_indicator.text() == "Ngoại tuyến", timeout=30_000)
    finally:
        backend.stop()


def test_ended_session_asks_to_sign_in_again_and_resumes(qtbot, tmp_path, make_window):
    backend = start_backend(tmp_path)
    try:
        window = make_window(backend.url)
        window.show()
        first = _sign_in_through_dialog(qtbot, window, "operator", DEMO_PASSWORDS["operator"])
        qtbot.waitUntil(lambda: "Điều hành viên" in window.user_label.text(), timeout=15_000)
        # The session ends on the server (as when it is revoked): both tokens stop working.
        token = window._context.connection.client.ensure_fresh_token()
        assert (
            requests.post(
                f"{backend.url}/api/v1/auth/logout", headers={"Authorization": f"Bearer {token}"}, timeout=10
            ).status_code
            == 204
        )
        # The next call finds out and cannot refresh.
        run_in_background(window._context.connection.client.list_alerts, on_failure=lambda _e: None)
        qtbot.waitUntil(
            lambda: (
                window.login_dialog() is not None
                and window.login_dialog() is not first
                and window.login_dialog().isVisible()
            ),
            timeout=15_000,
        )
        dialog = window.login_dialog()
        assert "Phiên làm việc đã kết thúc" in dialog._intro.text()
        assert window.user_label.text() == "Chưa đăng nhập"
        assert dialog.username_edit().text() == "operator"
        assert not window._context.connection.is_streaming()
        dialog.password_edit().setText(DEMO_PASSWORDS["operator"])
        dialog.submit()
        qtbot.waitUntil(lambda: "Điều hành viên" in window.user_label.text(), timeout=15_000)
        qtbot.waitUntil(window._context.connection.is_streaming, timeout=15_000)
        qtbot.waitUntil(lambda: window.connection_indicator.text() == "Trực tuyến", timeout=15_000)
    finally:
        backend.stop()


def test_sign_out_stops_live_events_and_asks_for_a_new_sign_in(qtbot, backend, make_window):
    window = make_window(backend.url)
    window.show()
    _sign_in_through_dialog(qtbot, window, "supervisor", DEMO_PASSWORDS["supervisor"])
    qtbot.waitUntil(lambda: window.connection_indicator.text() == "Trực tuyến", timeout=15_000)
    first_dialog = window.login_dialog()
    window.act_sign_out.trigger()
    qtbot.waitUntil(
        lambda: window.login_dialog() is not first_dialog and window.login_dialog().isVisible(), timeout=15_000
    )
    assert window.user_label.text() == "Chưa đăng nhập"
    assert window.connection_indicator.text() == "Ngoại tuyến"
    assert not window._context.connection.is_streaming()
    assert not window._context.connection.client.is_authenticated


def test_remote_start_opens_login_then_the_main_window(qtbot, backend, themed_app):
    from ioc_console.shell.app import ConsoleApp

    console = ConsoleApp(themed_app, language="vi")
    try:
        console.start_remote(backend.url)
        dialog = console._login
        assert dialog is not None and dialog.isVisible() and console.window is None
        dialog.username_edit().setText("leader")
        dialog.password_edit().setText(DEMO_PASSWORDS["leader"])
        dialog.submit()
        qtbot.waitUntil(lambda: console.window is not None and console.window.isVisible(), timeout=15_000)
        qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=15_000)
        assert console.window.user_label.text().endswith(" — Lãnh đạo")
        # The first start on this machine takes the whole screen (later starts restore the saved geometry).
        assert console.window.isMaximized()
        assert console.settings.backend_url == backend.url and console.settings.last_username == "leader"
        console.window.close()
    finally:
        console.shutdown()
        console.languages.uninstall()
        themed_app.setQuitOnLastWindowClosed(True)
        if console.window is not None:
            console.window.deleteLater()
