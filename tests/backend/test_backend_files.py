"""The backend's SQLite files are private (0600 in a 0700 directory) whatever the umask."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from backend_process import start_backend
from backend_testkit import Api


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture()
def usual_umask() -> Iterator[None]:
    # The backend processes inherit it: 022 would give SQLite's files 0644.
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def test_database_wal_and_shm_are_0600_and_existing_files_are_tightened(tmp_path: Path, usual_umask: None) -> None:
    db = tmp_path / "private.sqlite3"
    companions = [db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")]
    proc = start_backend(tmp_path, db_path=db)
    try:
        api = Api(proc.url)
        api.login("operator")  # a write: the login stores its tokens, so the WAL has content
        assert all(path.exists() for path in companions)
        assert {path.name: _mode(path) for path in [db, *companions]} == {
            path.name: 0o600 for path in [db, *companions]
        }
        api.close()
    finally:
        proc.stop()
    for path in [db, *companions]:
        if path.exists():
            path.chmod(0o644)
    proc = start_backend(tmp_path, db_path=db)
    try:
        Api(proc.url).login("operator")
        assert {path.name: _mode(path) for path in [db, *companions] if path.exists()} == {
            path.name: 0o600 for path in [db, *companions] if path.exists()
        }
    finally:
        proc.stop()


def test_default_data_directory_is_0700(tmp_path: Path, usual_umask: None) -> None:
    data_home = tmp_path / "xdg-data"
    env = {**os.environ, "XDG_DATA_HOME": str(data_home)}
    done = subprocess.run(
        [sys.executable, "-m", "ioc_backend", "db", "upgrade"], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    data_dir = data_home / "ioc-backend"
    assert _mode(data_dir) == 0o700
    assert _mode(data_dir / "ioc-backend.sqlite3") == 0o600
