"""Event streams woken together share one change-log read, but never one that started before them."""

from __future__ import annotations

import asyncio
import threading
from typing import Any

import pytest

from ioc_backend.api.routes import events

READABLE = frozenset({"alert", "camera"})


class CountingFetch:
    """Stands in for the database read: counts calls, and can hold a read open until released."""

    def __init__(self) -> None:
        self.calls = 0
        self.started = threading.Event()
        self.release = threading.Event()
        self.release.set()

    def __call__(self, ctx: Any, after: int, readable: frozenset[str]) -> tuple[list[Any], int]:
        self.calls += 1
        self.started.set()
        assert self.release.wait(30)
        return [], after + self.calls


@pytest.fixture
def counting(monkeypatch: pytest.MonkeyPatch) -> CountingFetch:
    fetch = CountingFetch()
    monkeypatch.setattr(events, "_fetch", fetch)
    return fetch


def test_streams_woken_together_share_one_read(counting: CountingFetch) -> None:
    shared = events._SharedFetch()

    async def main() -> list[tuple[list[Any], int]]:
        return await asyncio.gather(*(shared.fetch(None, 7, READABLE) for _ in range(25)))  # type: ignore[arg-type]

    results = asyncio.run(main())
    assert counting.calls == 1
    assert {cursor for _, cursor in results} == {8}


def test_a_stream_does_not_join_a_read_already_running(counting: CountingFetch) -> None:
    shared = events._SharedFetch()
    counting.release.clear()

    async def main() -> None:
        first = asyncio.create_task(shared.fetch(None, 7, READABLE))  # type: ignore[arg-type]
        await asyncio.to_thread(counting.started.wait, 30)  # the first read has taken its snapshot
        second = asyncio.create_task(shared.fetch(None, 7, READABLE))  # type: ignore[arg-type]
        await asyncio.sleep(0)
        counting.release.set()
        await asyncio.gather(first, second)

    asyncio.run(main())
    assert counting.calls == 2  # the later stream read again: it may be waiting for a newer commit


def test_a_failed_read_reaches_every_waiting_stream(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(ctx: Any, after: int, readable: frozenset[str]) -> tuple[list[Any], int]:
        raise RuntimeError("database gone")

    monkeypatch.setattr(events, "_fetch", broken)
    shared = events._SharedFetch()

    async def main() -> list[Any]:
        coros = (shared.fetch(None, 7, READABLE) for _ in range(3))  # type: ignore[arg-type]
        return await asyncio.gather(*coros, return_exceptions=True)

    assert all(isinstance(r, RuntimeError) for r in asyncio.run(main()))
