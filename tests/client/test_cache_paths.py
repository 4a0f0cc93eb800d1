"""Where the cache file lives, and that it and everything SQLite writes beside it is private."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from backend_client.cache import CacheStore, default_cache_path
from backend_client.cache.paths import cache_file_name


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture()
def permissive_umask():
    """A typical desktop umask (022): the cache must not rely on the user having a strict one."""
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_default_path_uses_ioc_console_home(monkeypatch, tmp_path):
    monkeypatch.setenv("IOC_CONSOLE_HOME", str(tmp_path / "ioc"))
    path = default_cache_path("http://127.0.0.1:8765", "operator")
    assert path == tmp_path / "ioc" / "data" / "cache" / "127.0.0.1_8765-operator.sqlite3"


def test_default_path_falls_back_to_platform_data_dir(monkeypatch, tmp_path):
    monkeypatch.delenv("IOC_CONSOLE_HOME")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    path = default_cache_path("https://ioc.hue.gov.vn", "leader")
    assert path == tmp_path / "xdg" / "ioc-console" / "cache" / "ioc.hue.gov.vn_443-leader.sqlite3"


def test_file_names_are_safe_and_distinct():
    hostile = cache_file_name("http://example.org:80", "../../etc/passwd")
    assert "/" not in hostile and hostile.endswith(".sqlite3")
    assert cache_file_name("http://h:1", "a/b") != cache_file_name("http://h:1", "a_b")
    assert cache_file_name("http://H:1", "op") == cache_file_name("http://h:1", "op")
    assert cache_file_name("http://h", "op") == "h_80-op.sqlite3"


def test_directory_0700_and_database_wal_shm_0600(permissive_umask, tmp_path):
    path = tmp_path / "data" / "cache" / "x.sqlite3"
    store = CacheStore(path)
    try:
        store.enqueue(
            "alert.note",
            "POST",
            "/alerts/1/notes",
            {"text": "hi"},
            resource="alert",
            resource_id="1",
            base_version=None,
        )
        side_files = [Path(f"{path}-wal"), Path(f"{path}-shm")]
        assert all(p.exists() for p in side_files), "WAL mode keeps -wal and -shm open while in use"
        assert _mode(path.parent) == 0o700
        assert _mode(path) == 0o600
        for side in side_files:
            assert _mode(side) == 0o600, side
    finally:
        store.close()


def test_loosened_permissions_are_tightened_on_open(permissive_umask, tmp_path):
    path = tmp_path / "cache" / "x.sqlite3"
    CacheStore(path).close()
    os.chmod(path, 0o644)
    os.chmod(path.parent, 0o755)
    store = CacheStore(path)
    try:
        assert _mode(path) == 0o600
        assert _mode(path.parent) == 0o700
    finally:
        store.close()


def test_wal_journal_mode_is_on(tmp_path):
    store = CacheStore(tmp_path / "x.sqlite3")
    try:
        assert store.journal_mode == "wal"
    finally:
        store.close()
