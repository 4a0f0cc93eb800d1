"""Outside text cannot forge log lines: control characters reach the log escaped."""

from __future__ import annotations

import logging
import sys
import time
import uuid

from backend_process import BackendProcess
from backend_testkit import Api

from ioc_backend.logsafe import EscapingFilter, escape_controls


def _wait_for_line(proc: BackendProcess, marker: str, timeout: float = 10.0) -> list[str]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        lines = [line for line in proc.log().splitlines() if marker in line]
        if lines:
            return lines
        time.sleep(0.05)
    raise AssertionError(f"{marker!r} never reached the log:\n{proc.log()[-2000:]}")


def test_forged_request_line_is_one_escaped_log_line(backend: BackendProcess, shared_api: Api) -> None:
    marker = uuid.uuid4().hex
    forged = f"2026-01-01 00:00:00,000 INFO ioc_backend.access: 10.0.0.1 POST /api/v1/auth/login 200 {marker}"
    r = shared_api.get(f"/nothing%0a{forged.replace(' ', '%20')}%0d%1b[2J")
    assert r.status_code in (401, 404)
    lines = _wait_for_line(backend, marker)
    assert len(lines) == 1, lines
    line = lines[0]
    assert "ioc_backend.access: 127.0.0.1 GET /api/v1/nothing\\n2026-01-01" in line, line
    assert "\\r\\x1b[2J" in line and "\x1b" not in line


def test_tracebacks_keep_their_lines_but_cannot_start_a_record() -> None:
    try:
        raise ValueError("bad value\nINFO forged: line")
    except ValueError:
        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "failed on %s", ("a\nb",), sys.exc_info())
    EscapingFilter().filter(record)
    EscapingFilter().filter(record)  # a second pass (logger and handler) changes nothing
    text = logging.Formatter("%(message)s").format(record)
    first, *rest = text.split("\n")
    assert first == "failed on a\\nb"
    assert rest and all(line.startswith("  ") for line in rest), text
    assert "  INFO forged: line" in rest
    assert escape_controls("x\u2028y\x85") == "x\\u2028y\\x85"


def test_camera_credentials_never_reach_a_log_line_or_a_traceback() -> None:
    url = "rtsp://viewer:Pa55word@10.0.0.9:554/ch1"
    try:
        raise ConnectionError(f"cannot open {url}")
    except ConnectionError:
        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "stream %s failed", (url,), sys.exc_info())
    EscapingFilter().filter(record)
    text = logging.Formatter("%(message)s").format(record)
    assert "Pa55word" not in text and "viewer" not in text
    assert text.startswith("stream rtsp://***@10.0.0.9:554/ch1 failed")
