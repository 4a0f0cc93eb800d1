"""Fixtures shared by the backend tests: an Api on the demo backend, a private SSE backend, an empty database."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from backend_process import BackendProcess, start_backend
from backend_testkit import Api
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

PG_URL_ENV = "IOC_TEST_POSTGRES_URL"


@pytest.fixture(scope="session")
def shared_api(backend: BackendProcess) -> Iterator[Api]:
    """Api for the session-wide demo backend, with one cached token per role."""
    api = Api(backend.url)
    yield api
    api.close()


@pytest.fixture(scope="module")
def sse_backend(tmp_path_factory) -> Iterator[BackendProcess]:
    """A private backend for event-stream tests: 1 s heartbeat, only the newest 1000 events kept."""
    proc = start_backend(
        tmp_path_factory.mktemp("sse-backend"), extra_args=["--heartbeat", "1", "--event-retention", "1000"]
    )
    yield proc
    proc.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_database_url(request, tmp_path: Path) -> Iterator[str]:
    """An empty database of either kind; PostgreSQL only when IOC_TEST_POSTGRES_URL names a server."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'old.sqlite3'}"
        return
    if not os.environ.get(PG_URL_ENV):
        pytest.skip(f"set {PG_URL_ENV} to run the PostgreSQL variant")
    server_url = make_url(os.environ[PG_URL_ENV])
    name = f"ioc_empty_{os.getpid()}_{time.monotonic_ns()}"
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(
            text(
                f"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'"
            )
        )
    try:
        yield server_url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
