"""The real reference backend as a separate process on loopback, for every kind of test.

A plain module (``tests/`` is on ``sys.path`` through pytest's ``pythonpath`` setting), so the
backend, client and console tests import it by name instead of loading conftest files by path.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

DEMO_PASSWORDS = {
    "operator": "hue-operator",
    "supervisor": "hue-supervisor",
    "leader": "hue-leader",
    "participant": "hue-participant",
    "admin": "hue-admin",
}

_LISTEN_RE = re.compile(r"listening on (http://127\.0\.0\.1:\d+)")


@dataclass
class BackendProcess:
    """A running ``ioc-backend`` process on loopback."""

    url: str
    db_path: Path
    proc: subprocess.Popen
    log_path: Path

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)


def start_backend(
    tmp_dir: Path,
    *,
    simulator: bool = False,
    extra_args: list[str] | None = None,
    env: dict[str, str] | None = None,
    db_path: Path | None = None,
    db_url: str | None = None,
    preamble: str | None = None,
) -> BackendProcess:
    """Start the real reference backend on a free loopback port and wait until it serves.

    ``db_url`` (any SQLAlchemy URL, e.g. PostgreSQL) replaces the default SQLite file.
    ``preamble``: Python run in the backend process before the backend is imported (e.g. a
    changed permission table); the backend then starts from ``ioc_backend.cli.main``.
    """
    db_path = db_path or (tmp_dir / "backend.sqlite3")
    log_path = tmp_dir / f"backend-{time.monotonic_ns()}.log"
    if preamble is None:
        launcher = ["-m", "ioc_backend"]
    else:
        launcher = ["-c", f"{preamble}\nimport sys\nfrom ioc_backend.cli import main\nsys.exit(main(sys.argv[1:]))"]
    args = [
        sys.executable,
        *launcher,
        "--host",
        "127.0.0.1",
        "--port",
        "0",
        "--db",
        db_url or f"sqlite:///{db_path}",
        "--demo",
    ]
    if not simulator:
        args.append("--no-simulator")
    extra = list(extra_args or [])
    if "--sla-watch-interval" not in extra:
        # Off unless a test asks: a breach bumps an alert's version, and a test acting on a
        # seeded alert must not meet a 409 because the clock passed its due time mid-test.
        extra += ["--sla-watch-interval", "0"]
    args += extra
    full_env = dict(os.environ)
    full_env.update(env or {})
    log_file = open(log_path, "w", encoding="utf-8")
    proc = subprocess.Popen(args, stdout=log_file, stderr=subprocess.STDOUT, env=full_env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"backend exited with {proc.returncode}:\n{log_path.read_text()}")
        m = _LISTEN_RE.search(log_path.read_text(encoding="utf-8", errors="replace"))
        if m:
            return BackendProcess(url=m.group(1), db_path=db_path, proc=proc, log_path=log_path)
        time.sleep(0.05)
    proc.kill()
    raise RuntimeError(f"backend did not start in time:\n{log_path.read_text()}")
