"""Fixtures shared by the backend tests: an Api on the session's demo backend, a private SSE backend."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from backend_process import BackendProcess, start_backend
from backend_testkit import Api


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
