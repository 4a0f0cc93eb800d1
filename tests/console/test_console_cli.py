"""`ioc-console` as a user starts it: the demo really comes up, and bad arguments are refused."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _run(args: list[str], *, timeout: float = 120, **env: str) -> subprocess.CompletedProcess[str]:
    full_env = dict(os.environ, QT_QPA_PLATFORM="offscreen", **env)
    return subprocess.run(
        [sys.executable, "-m", "ioc_console", *args],
        cwd=ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def test_demo_starts_signs_in_and_exits_cleanly():
    result = _run(["--demo", "--lang", "en"], IOC_CONSOLE_EXIT_AFTER_MS="1500")
    assert result.returncode == 0, result.stderr[-3000:]
    assert "ioc-console: main window shown, signed in as operator" in result.stdout
    # The demo database lives in the console's own data directory.
    assert (Path(os.environ["IOC_CONSOLE_HOME"]) / "data" / "demo.sqlite3").is_file()
    assert "Traceback" not in result.stderr


def test_bad_arguments_are_refused_with_a_reason():
    result = _run(["--backend", "ftp://ioc.example.vn"])
    assert result.returncode == 2 and "--backend must be an http:// or https:// URL" in result.stderr
    result = _run(["--backend", "https://ioc.example.vn", "--ca-bundle", "/nonexistent/ca.pem"])
    assert result.returncode == 2 and "no such file" in result.stderr
    result = _run(["--demo", "--backend", "https://ioc.example.vn"])
    assert result.returncode == 2 and "not allowed with argument" in result.stderr
    result = _run([])
    assert result.returncode == 2 and "--backend URL, or --demo" in result.stderr
    result = _run(["--demo"], IOC_CONSOLE_EXIT_AFTER_MS="soon")
    assert result.returncode == 2 and "IOC_CONSOLE_EXIT_AFTER_MS must be a whole number" in result.stderr


def test_a_map_background_that_would_give_a_blank_map_is_refused(tmp_path):
    result = _run(["--demo", "--map-tiles", "https://tiles.example.vn/{z}/{x}.png"])
    assert result.returncode == 2 and "--map-tiles: the tile URL must contain {y}" in result.stderr
    result = _run(["--demo", "--map-mbtiles", str(tmp_path / "missing.mbtiles")])
    assert result.returncode == 2 and "--map-mbtiles:" in result.stderr
    not_sqlite = tmp_path / "hue.mbtiles"
    not_sqlite.write_bytes(b"this is not an MBTiles file")
    result = _run(["--demo", "--map-mbtiles", str(not_sqlite)])
    assert result.returncode == 2 and "--map-mbtiles:" in result.stderr and "Traceback" not in result.stderr
    result = _run(["--demo", "--map-mbtiles", str(not_sqlite), "--map-tiles", "https://t.vn/{z}/{x}/{y}.png"])
    assert result.returncode == 2 and "not allowed with argument" in result.stderr
