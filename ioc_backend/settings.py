"""Runtime options of one backend instance (shared by the CLI and the embedded server)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import platformdirs


def default_db_url() -> str:
    """SQLite file in the per-user data directory; the directory is created on demand."""
    data_dir = Path(platformdirs.user_data_dir("ioc-backend"))
    data_dir.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{data_dir / 'ioc-backend.sqlite3'}"


@dataclass(frozen=True)
class Settings:
    db_url: str
    demo: bool = False
    simulator: bool = True
    access_ttl: int = 900
    refresh_ttl: int = 12 * 3600
    # Lifetime of the offline grant a console keeps to resume its session without a password.
    offline_grant_ttl: int = 72 * 3600
    heartbeat: float = 15.0
    # How many change events /events can replay; older ids get ``event: reset``.
    event_retention: int = 200_000
    max_body_bytes: int = 1024 * 1024
    # Seconds uvicorn waits for open responses at shutdown before cancelling them.
    graceful_shutdown: float = 3.0
