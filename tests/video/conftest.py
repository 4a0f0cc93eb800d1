"""Fixtures for the video pipeline tests: a signed-in client of the real backend, hubs closed afterwards."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from backend_process import DEMO_PASSWORDS
from client_support import FAST

from backend_client import IocClient
from ioc_console.services.video import DecoderSettings, StreamHub

# Short timeouts and retries: failures show within a second, and stop() never waits long.
FAST_VIDEO = {"connect_timeout": 1.0, "read_timeout": 1.0, "backoff_initial": 0.1, "backoff_max": 0.5, "lost_after": 3}


@pytest.fixture(scope="module")
def video_client(backend) -> Iterator[IocClient]:
    client = IocClient(backend.url, **FAST)
    client.login("operator", DEMO_PASSWORDS["operator"])
    yield client
    client.close()


@pytest.fixture(scope="module")
def cameras(video_client) -> list:
    page = video_client.list_cameras(limit=20)
    return [cam for cam in page.items if cam.status != "offline"]


@pytest.fixture()
def make_hub() -> Iterator[Callable[..., StreamHub]]:
    """Factory for hubs with fast retries; every hub is closed (and must end its threads) afterwards."""
    hubs: list[StreamHub] = []

    def make(**settings: float) -> StreamHub:
        options = dict(FAST_VIDEO)
        options.update(settings)
        hub = StreamHub(settings=DecoderSettings(**options))
        hubs.append(hub)
        return hub

    yield make
    for hub in hubs:
        assert hub.close(10.0), "a decoder thread did not end"
