"""``--db`` of the real command line: a plain file path or a URL, and one clear line for a bad value."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from backend_process import start_backend
from backend_testkit import Api

ROOT = Path(__file__).resolve().parents[2]


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
        "IOC_NEW_PASSWORD": "hue-admin-cli",
    }
    return subprocess.run(
        [sys.executable, "-m", "ioc_backend", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120
    )


def users_in(path: Path) -> list[str]:
    with sqlite3.connect(path) as conn:
        return [name for (name,) in conn.execute("SELECT username FROM users")]


def test_a_plain_relative_path_is_a_sqlite_file_there(tmp_path: Path) -> None:
    done = run_cli("--db", "admins.db", "--add-user", "admin", "--role", "admin", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert users_in(tmp_path / "admins.db") == ["admin"]


def test_the_backend_serves_a_database_named_by_its_path(tmp_path: Path) -> None:
    path = tmp_path / "plain.db"
    proc = start_backend(tmp_path, db_url=str(path))
    try:
        api = Api(proc.url)
        assert api.get("/cameras", api.token("operator"), params={"limit": 1}).status_code == 200
        api.close()
    finally:
        proc.stop()
    assert "operator" in users_in(path)


def test_db_upgrade_migrates_and_exits(tmp_path: Path) -> None:
    done = run_cli("db", "upgrade", "--db", str(tmp_path / "up.db"), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    with sqlite3.connect(tmp_path / "up.db") as conn:
        assert conn.execute("SELECT count(*) FROM alembic_version").fetchone() == (1,)
        assert conn.execute("SELECT count(*) FROM users").fetchone() == (0,)


BAD_VALUES = {
    "a directory": (lambda tmp: str(tmp), "is a directory"),
    "an unknown scheme": (lambda tmp: "mysqlx://db.example/ioc", "unknown database kind 'mysqlx'"),
    "a web address": (lambda tmp: "https://ioc.example/db", "unknown database kind 'https'"),
    "garbage in a URL": (lambda tmp: "postgresql://[::1", "not a database URL"),
    "a missing directory": (lambda tmp: str(tmp / "nowhere" / "x.db"), "does not exist"),
    "a blank value": (lambda tmp: "  ", "empty"),
    "a file that is no database": (lambda tmp: _not_a_database(tmp), "file is not a database"),
}


def _not_a_database(tmp: Path) -> str:
    path = tmp / "notes.txt"
    path.write_text("this is not a database, it is a shopping list\n" * 100)
    return str(path)


@pytest.mark.parametrize("command", [[], ["db", "upgrade"]], ids=["serve", "db-upgrade"])
@pytest.mark.parametrize("case", list(BAD_VALUES))
def test_a_bad_db_value_gets_one_clear_line_and_status_2(tmp_path: Path, case: str, command: list[str]) -> None:
    make_value, reason = BAD_VALUES[case]
    done = run_cli(*command, "--db", make_value(tmp_path), cwd=tmp_path)
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert done.returncode == 2, done.stderr
    assert len(lines) == 1 and reason in lines[0], done.stderr
    assert lines[0].startswith("ioc-backend: ")


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_an_unwritable_place_gets_one_clear_line(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        done = run_cli("--db", str(locked / "x.db"), cwd=tmp_path)
    finally:
        locked.chmod(0o700)
    assert done.returncode == 2
    assert [line for line in done.stderr.splitlines() if line.strip()] == [
        f"ioc-backend: --db {str(locked / 'x.db')!r}: cannot create files in {locked}"
    ]
