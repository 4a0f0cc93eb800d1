"""The ``ioc-backend`` process: clean SIGTERM shutdown with open streams, --add-user, first-run hint."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import requests
from backend_process import start_backend
from backend_testkit import Api


def _drain(response: requests.Response, received: list[int]) -> None:
    try:
        for chunk in response.iter_content(chunk_size=65536):
            received.append(len(chunk))
    except requests.RequestException:
        pass  # the server went away: exactly what this test causes


def test_sigterm_stops_promptly_with_sse_and_mjpeg_clients(tmp_path: Path) -> None:
    proc = start_backend(tmp_path, simulator=True, extra_args=["--heartbeat", "1"])
    api = Api(proc.url)
    readers: list[threading.Thread] = []
    try:
        token = api.token("operator")
        sse = api.http.get(
            api.url("/events"),
            headers={"Authorization": f"Bearer {token}", "Last-Event-ID": "0"},
            stream=True,
            timeout=30,
        )
        mjpeg = requests.get(
            api.url("/streams/cam-0001/main.mjpeg"), params={"access_token": token}, stream=True, timeout=30
        )
        assert sse.status_code == 200 and mjpeg.status_code == 200
        counters: list[list[int]] = [[], []]
        for name, response, counter in (("sse", sse, counters[0]), ("mjpeg", mjpeg, counters[1])):
            t = threading.Thread(target=_drain, args=(response, counter), name=f"test-drain-{name}")
            t.start()
            readers.append(t)
        # Both clients are receiving before the signal arrives.
        first = api.token("admin")  # a round trip while the streams flow
        assert first
        proc.proc.terminate()
        assert proc.proc.wait(timeout=15) == 0
    finally:
        for t in readers:
            t.join(timeout=15)
        api.close()
        proc.stop()
    assert not any(t.is_alive() for t in readers)
    assert sum(counters[0]) > 0 and sum(counters[1]) > 0
    log = proc.log()
    assert "backend stopped" in log
    # The streams ended through the shutdown flag, not by uvicorn cancelling them after its timeout.
    assert "timeout graceful shutdown exceeded" not in log


def _cli(db: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "ioc_backend", "--db", f"sqlite:///{db}", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **(env or {})},
    )


def test_add_user_then_serve_without_demo(tmp_path: Path) -> None:
    db = tmp_path / "real.sqlite3"
    secret = "Mật-khẩu-rất-dài-2026"
    created = _cli(
        db,
        "--add-user",
        "chief",
        "--role",
        "supervisor",
        "--full-name",
        "Trần Thị Bình",
        env={"IOC_NEW_PASSWORD": secret},
    )
    assert created.returncode == 0, created.stderr
    assert "chief" in created.stdout and secret not in created.stdout + created.stderr
    again = _cli(db, "--add-user", "chief", "--role", "supervisor", env={"IOC_NEW_PASSWORD": secret})
    assert again.returncode == 1 and "already exists" in again.stderr
    short = _cli(db, "--add-user", "other", "--role", "admin", env={"IOC_NEW_PASSWORD": "short"})
    assert short.returncode == 1 and "at least 8" in short.stderr
    bad_role = _cli(db, "--add-user", "x", "--role", "emperor", env={"IOC_NEW_PASSWORD": secret})
    assert bad_role.returncode == 2

    proc = start_backend(tmp_path, db_path=db)  # --demo does not seed a database that has users
    api = Api(proc.url)
    try:
        r = api.post("/auth/login", json={"username": "chief", "password": secret})
        assert r.status_code == 200 and r.json()["user"] == {
            "id": 1,
            "username": "chief",
            "full_name": "Trần Thị Bình",
            "role": "supervisor",
        }
        token = r.json()["access_token"]
        assert api.get("/cameras", token).json()["total"] == 0
        assert api.post("/auth/login", json={"username": "operator", "password": "hue-operator"}).status_code == 401
    finally:
        api.close()
        proc.stop()
    assert secret not in proc.log()


def test_first_run_without_users_explains_how_to_add_one(tmp_path: Path) -> None:
    db = tmp_path / "empty.sqlite3"
    proc = subprocess.Popen(
        [sys.executable, "-m", "ioc_backend", "--port", "0", "--db", f"sqlite:///{db}"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        lines = []
        for line in proc.stdout:
            lines.append(line)
            if "listening on" in line:
                break
        text = "".join(lines)
        assert "No users exist yet" in text and "--add-user" in text
        assert "IOC backend listening on http://127.0.0.1:" in text
    finally:
        proc.terminate()
        proc.wait(timeout=15)
        proc.stdout.close()
    assert proc.returncode == 0
