"""Runtime options of one backend instance (shared by the CLI and the embedded server)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError

from ioc_backend.db.files import private_dir


class DatabaseUrlError(ValueError):
    """A --db value that names no usable database; the message is one line for the operator."""


def default_db_url() -> str:
    """SQLite file in the per-user data directory; the directory is created (or tightened) as 0700."""
    data_dir = private_dir(Path(platformdirs.user_data_dir("ioc-backend")))
    return f"sqlite:///{data_dir / 'ioc-backend.sqlite3'}"


def database_url(value: str) -> str:
    """The SQLAlchemy URL of a --db value: a URL as given, or a plain file path as a SQLite URL.

    Raises DatabaseUrlError saying what is wrong with the value (unknown scheme, a directory,
    a place that cannot be written), before anything tries to open it.
    """
    text = value.strip()
    if not text:
        raise DatabaseUrlError("empty; give a file path or a URL such as postgresql+psycopg://host/db")
    if "://" not in text:
        return f"sqlite:///{_writable_file(Path(text).expanduser())}"
    try:
        url = make_url(text)
        url.get_dialect()
    except NoSuchModuleError:
        scheme = text.split("://", 1)[0]
        raise DatabaseUrlError(
            f"unknown database kind {scheme!r}; use sqlite:///PATH or postgresql+psycopg://..."
        ) from None
    except (ArgumentError, ValueError) as exc:
        raise DatabaseUrlError(f"not a database URL ({exc})") from None
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        _writable_file(Path(url.database).expanduser())
    return text


def _writable_file(path: Path) -> Path:
    path = path.absolute()
    if path.is_dir():
        raise DatabaseUrlError(f"{path} is a directory; name a database file in it")
    if path.exists():
        if not os.access(path, os.R_OK | os.W_OK):
            raise DatabaseUrlError(f"{path} cannot be read and written by this user")
        return path
    if not path.parent.is_dir():
        raise DatabaseUrlError(f"the directory {path.parent} does not exist")
    if not os.access(path.parent, os.W_OK | os.X_OK):
        raise DatabaseUrlError(f"cannot create files in {path.parent}")
    return path


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
    # Slow or stalled clients are dropped (docs/API.md "Limits"): seconds to send a request's
    # headers, seconds to send its whole body, idle seconds between requests on one connection.
    header_timeout: float = 10.0
    body_timeout: float = 60.0
    keep_alive_timeout: int = 5
    # Open connections served at once (event streams and video included); past it, 503.
    max_connections: int = 1000
    # Seconds uvicorn waits for open responses at shutdown before cancelling them.
    graceful_shutdown: float = 3.0
    # Login throttling: failures allowed per account name and per client address before each
    # further failure doubles the wait, starting at login_base_delay seconds (docs/API.md, Auth).
    login_free_attempts: int = 5
    login_address_free_attempts: int = 20
    login_base_delay: float = 1.0
    # Argon2id hashes run at once (None: half the cores, 1 to 4); more wait in a short queue.
    hash_slots: int | None = None
    # Seconds between re-checks of a long-lived response's token (MJPEG, /events): a revoked
    # token is seen within this time, without a database read per frame or event.
    stream_recheck: float = 2.0
    # Seconds between passes of the alert SLA watch (ioc_backend.alerting.sla_watch); 0 = off.
    sla_watch_interval: float = 15.0
