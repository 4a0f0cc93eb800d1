"""Video files, the MJPEG reader on awkward servers, and a hub that leaves no thread behind."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import cv2
import numpy as np
import pytest

from ioc_console.services.video import LIVE, LOST, StreamSource
from ioc_console.services.video.mjpeg import MjpegReader, NotMultipart, StreamError

WAIT = 10.0


def wait_for(condition, timeout: float = WAIT) -> None:
    """Poll a condition nothing signals (a decoder thread's progress) until it holds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not reached in time")
        time.sleep(0.01)


def make_clip(path, frames: int = 20, fps: float = 20.0, size=(320, 240)) -> str:
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), fps, size)
    assert writer.isOpened()
    for i in range(frames):
        image = np.zeros((size[1], size[0], 3), np.uint8)
        image[:, :, 2] = 255  # red: B, G, R
        cv2.putText(image, str(i), (20, 120), cv2.FONT_HERSHEY_SIMPLEX, 2, (255, 255, 255), 3)
        writer.write(image)
    writer.release()
    return str(path)


def test_a_video_file_plays_at_its_own_frame_rate_and_loops(make_hub, tmp_path):
    clip = make_clip(tmp_path / "clip.avi", frames=20, fps=20.0)
    hub = make_hub()
    sub = hub.subscribe(StreamSource("clip", lambda: clip, "clip"))
    wait_for(lambda: sub.latest() is not None)
    started, first = time.monotonic(), hub.stats()["decoded"]
    # 20 frames at 20 frames/s: more than 20 pictures means the clip started over.
    wait_for(lambda: hub.stats()["decoded"] >= first + 25)
    elapsed = time.monotonic() - started
    assert sub.health.state == LIVE
    # Paced, not decoded as fast as the CPU allows (that would be hundreds per second).
    assert hub.stats()["decoded"] - first <= 20.0 * elapsed + 5
    frame = sub.latest()
    assert (frame.width, frame.height) == (320, 240)
    red = frame.image[5, 5]
    assert red[0] > 200 and red[1] < 60 and red[2] < 60  # RGB order for whoever reads `image`


def test_a_missing_file_is_lost_not_fatal(make_hub, tmp_path):
    hub = make_hub()
    sub = hub.subscribe(StreamSource("missing", lambda: str(tmp_path / "nope.mp4")))
    wait_for(lambda: sub.health.state == LOST)
    assert "does not exist" in sub.health.detail


def test_a_camera_without_url_says_so(make_hub):
    hub = make_hub()
    sub = hub.subscribe(StreamSource("no-url", lambda: ""))
    wait_for(lambda: sub.health.state == LOST)
    assert sub.health.detail == "the camera has no stream URL"


def test_close_ends_every_decoder_thread(make_hub, tmp_path):
    clip = make_clip(tmp_path / "clip.avi")
    hub = make_hub()
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(4)  # accepts in the kernel, never answers: a decoder blocked in a read
    try:
        subs = [
            hub.subscribe(StreamSource("clip", lambda: clip)),
            hub.subscribe(StreamSource("silent", lambda: f"http://127.0.0.1:{silent.getsockname()[1]}/x.mjpeg")),
            hub.subscribe(StreamSource("dead", lambda: "rtsp://127.0.0.1:9/x")),
        ]
        subs[0].set_active(False)
        subs[0].set_active(True)  # a leaving decoder and its successor
        wait_for(lambda: subs[0].latest() is not None)
        assert hub.threads()
        assert hub.close(5.0)
        assert hub.threads() == []
        assert not [t for t in threading.enumerate() if t.name.startswith("ioc-video")]
        with pytest.raises(RuntimeError):
            hub.subscribe(StreamSource("late", lambda: clip))
    finally:
        silent.close()


class RawServer:
    """A loopback server that answers each connection with bytes from a function (a camera's HTTP)."""

    def __init__(self, answer, hold: bool = True) -> None:
        self.hold = hold
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(4)
        self.port = self.sock.getsockname()[1]
        self.answer = answer
        self.requests: list[bytes] = []
        self.thread = threading.Thread(target=self._serve, name="raw-camera", daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        conn, _ = self.sock.accept()
        with conn:
            request = b""
            while b"\r\n\r\n" not in request:
                request += conn.recv(4096)
            self.requests.append(request)
            conn.sendall(self.answer())
            if self.hold:
                conn.recv(1)  # hold the connection until the client closes it

    def close(self) -> None:
        self.sock.close()
        self.thread.join(5)


@pytest.fixture()
def raw_server() -> Iterator:
    servers: list[RawServer] = []

    def start(answer, hold: bool = True) -> RawServer:
        server = RawServer(answer, hold)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.close()


def jpeg(value: int) -> bytes:
    ok, buf = cv2.imencode(".jpg", np.full((36, 64, 3), value, np.uint8))
    assert ok
    return buf.tobytes()


def part(body: bytes, boundary: bytes = b"myboundary", length: bool = True) -> bytes:
    head = b"--" + boundary + b"\r\nContent-Type: image/jpeg\r\n"
    if length:
        head += b"Content-Length: %d\r\n" % len(body)
    return head + b"\r\n" + body + b"\r\n"


def chunked(data: bytes, size: int = 700) -> bytes:
    out = b""
    for i in range(0, len(data), size):
        piece = data[i : i + size]
        out += b"%x\r\n" % len(piece) + piece + b"\r\n"
    return out


def test_reader_keeps_only_the_newest_part_and_understands_chunks(raw_server):
    frames = [jpeg(v) for v in (10, 20, 30, 40)]
    body = b"".join(part(f, length=(i % 2 == 0)) for i, f in enumerate(frames)) + b"--myboundary\r\n"
    head = (
        b"HTTP/1.1 200 OK\r\nContent-Type: multipart/x-mixed-replace; boundary=--myboundary\r\n"
        b"Transfer-Encoding: chunked\r\n\r\n"
    )
    server = raw_server(lambda: head + chunked(body))
    reader = MjpegReader(f"http://cam:p%40ss@127.0.0.1:{server.port}/video?x=1", read_timeout=2.0)
    try:
        reader.open()
        newest = reader.read()
    finally:
        reader.close()
    # Every part that arrived together with a newer one was skipped, undecoded.
    assert newest == frames[-1] and reader.skipped == len(frames) - 1
    request = server.requests[0]
    assert request.startswith(b"GET /video?x=1 HTTP/1.0\r\n")
    assert b"Authorization: Basic Y2FtOnBAc3M=" in request  # cam:p@ss


@pytest.mark.parametrize(
    "answer, error, text",
    [
        (b"HTTP/1.0 200 OK\r\nContent-Type: video/mp4\r\n\r\n....", NotMultipart, "not an MJPEG stream"),
        (b"HTTP/1.0 403 Forbidden\r\n\r\n", StreamError, "HTTP 403 Forbidden"),
        (b"HTTP/1.0 200 OK\r\nContent-Type: multipart/x-mixed-replace\r\n\r\n", StreamError, "without a boundary"),
        (
            b"HTTP/1.0 200 OK\r\nContent-Type: multipart/x-mixed-replace;boundary=b\r\n\r\n--b\r\n\r\nab",
            StreamError,
            "ended",
        ),
    ],
)
def test_reader_explains_what_is_wrong(raw_server, answer, error, text):
    server = raw_server(lambda: answer, hold=False)  # the server hangs up after its answer
    reader = MjpegReader(f"http://127.0.0.1:{server.port}/x", read_timeout=2.0)
    try:
        with pytest.raises(error, match=text):
            reader.open()
            reader.read()
    finally:
        reader.close()
