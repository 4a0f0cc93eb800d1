"""MJPEG viewers for the load benchmark, in a process of their own: many connections, one thread.

Run by benchmarks/backend_load.py: ``python mjpeg_viewers.py BASE_URL TOKEN COUNT CAMERAS``.
Opens COUNT viewers of ``/api/v1/streams/cam-NNNN/sub.mjpeg`` spread over CAMERAS cameras with
asyncio (no thread per viewer, no GIL shared with the latency probe, so the probe measures the
server and not its load generator), prints ``connected <ok> <failed>`` once every viewer has
its answer's headers, counts multipart boundaries until a line arrives on stdin, then prints one
JSON line: ``{"viewers": [{"frames": int, "seconds": float, "error": str | null}, ...]}``.
Standard library only.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from urllib.parse import quote, urlsplit

MARK = b"--frame\r\n"
CONNECT_TIMEOUT = 30.0


class Viewer:
    def __init__(self, host: str, port: int, path: str) -> None:
        self.host, self.port, self.path = host, port, path
        self.frames = 0
        self.started_at = 0.0
        self.ended_at = 0.0
        self.error: str | None = None
        self.connected = asyncio.Event()

    async def run(self, halt: asyncio.Event) -> None:
        writer = None
        try:
            reader, writer = await asyncio.wait_for(asyncio.open_connection(self.host, self.port), CONNECT_TIMEOUT)
            writer.write(f"GET {self.path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n\r\n".encode("ascii"))
            await writer.drain()
            head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), CONNECT_TIMEOUT)
            status = head.split(b"\r\n", 1)[0].split(b" ")
            if len(status) < 2 or status[1] != b"200":
                self.error = f"HTTP {status[1].decode('ascii', 'replace') if len(status) > 1 else '?'}"
                return
            self.started_at = time.monotonic()
            self.connected.set()
            tail = b""
            reading = asyncio.ensure_future(halt.wait())
            try:
                while not halt.is_set():
                    chunk = asyncio.ensure_future(reader.read(256 * 1024))
                    done, _ = await asyncio.wait({chunk, reading}, return_when=asyncio.FIRST_COMPLETED)
                    if chunk not in done:
                        chunk.cancel()
                        break
                    data = chunk.result()
                    if not data:
                        self.error = "closed"
                        break
                    data = tail + data
                    self.frames += data.count(MARK)
                    tail = data[-(len(MARK) - 1) :]
            finally:
                reading.cancel()
        except (TimeoutError, OSError, asyncio.IncompleteReadError) as exc:
            self.error = type(exc).__name__
        finally:
            self.ended_at = time.monotonic()
            self.connected.set()
            if writer is not None:
                writer.close()

    def summary(self) -> dict[str, object]:
        seconds = self.ended_at - self.started_at if self.started_at else 0.0
        return {"frames": self.frames, "seconds": round(seconds, 3), "error": self.error}


async def main(base: str, token: str, count: int, cameras: int) -> None:
    parts = urlsplit(base)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    viewers = [
        Viewer(host, port, f"/api/v1/streams/cam-{(i % cameras) + 1:04d}/sub.mjpeg?access_token={quote(token)}")
        for i in range(count)
    ]
    halt = asyncio.Event()
    tasks = [asyncio.ensure_future(v.run(halt)) for v in viewers]
    await asyncio.gather(*(v.connected.wait() for v in viewers))
    failed = sum(1 for v in viewers if v.error)
    print(f"connected {count - failed} {failed}", flush=True)
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, sys.stdin.readline)
    halt.set()
    await asyncio.gather(*tasks)
    print(json.dumps({"viewers": [v.summary() for v in viewers]}), flush=True)


if __name__ == "__main__":
    base_url, access_token, how_many, camera_count = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    asyncio.run(main(base_url, access_token, how_many, camera_count))
