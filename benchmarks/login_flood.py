"""A login flood for the load benchmark, in a process of its own: many sign-ins, one thread.

Run by benchmarks/backend_load.py: ``python login_flood.py BASE_URL USERNAME PASSWORD COUNT CONCURRENCY``.
Sends COUNT ``POST /api/v1/auth/login`` requests, CONCURRENCY at a time over fresh connections,
every other one with a wrong password, with asyncio (so the flood does not share a GIL with the
benchmark's latency probe), and prints one JSON line: ``{"statuses": {code: n}, "seconds": s}``.
Standard library only.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from collections import Counter
from urllib.parse import urlsplit

TIMEOUT = 120.0


async def one_login(host: str, port: int, body: bytes) -> str:
    writer = None
    try:
        reader, writer = await asyncio.wait_for(asyncio.open_connection(host, port), TIMEOUT)
        head = (
            f"POST /api/v1/auth/login HTTP/1.1\r\nHost: {host}:{port}\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
        )
        writer.write(head.encode("ascii") + body)
        await writer.drain()
        status_line = await asyncio.wait_for(reader.readline(), TIMEOUT)
        parts = status_line.split()
        await asyncio.wait_for(reader.read(), TIMEOUT)  # the rest, until the server closes
        return parts[1].decode("ascii") if len(parts) > 1 else "no status"
    except (TimeoutError, OSError) as exc:
        return type(exc).__name__
    finally:
        if writer is not None:
            writer.close()


async def main(base: str, username: str, password: str, count: int, concurrency: int) -> None:
    parts = urlsplit(base)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    gate = asyncio.Semaphore(concurrency)
    statuses: Counter[str] = Counter()

    async def attempt(i: int) -> None:
        secret = password if i % 2 else "wrong-password"
        body = json.dumps({"username": username, "password": secret}).encode("utf-8")
        async with gate:
            statuses[await one_login(host, port, body)] += 1

    started = time.monotonic()
    await asyncio.gather(*(attempt(i) for i in range(count)))
    print(json.dumps({"statuses": dict(sorted(statuses.items())), "seconds": round(time.monotonic() - started, 1)}))


if __name__ == "__main__":
    url, user, secret_word, how_many, at_once = sys.argv[1:6]
    asyncio.run(main(url, user, secret_word, int(how_many), int(at_once)))
