"""The RTSP test server the video tests and the benchmark rely on: real H.264 that OpenCV decodes."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from rtsp_support import RtspServer, start_rtsp_server

TIMEOUTS = [cv2.CAP_PROP_OPEN_TIMEOUT_MSEC, 10_000, cv2.CAP_PROP_READ_TIMEOUT_MSEC, 10_000]


def read_frames(url: str, count: int) -> list[np.ndarray]:
    """Opens ``url`` with OpenCV's FFmpeg backend (as the console does) and reads ``count`` frames."""
    capture = cv2.VideoCapture(url, cv2.CAP_FFMPEG, TIMEOUTS)
    try:
        assert capture.isOpened(), f"cannot open {url}"
        frames = []
        for _ in range(count):
            ok, frame = capture.read()
            assert ok, f"read failed on {url} after {len(frames)} frames"
            frames.append(frame)
        return frames
    finally:
        capture.release()


def opens(url: str) -> bool:
    capture = cv2.VideoCapture(url, cv2.CAP_FFMPEG, [cv2.CAP_PROP_OPEN_TIMEOUT_MSEC, 3_000])
    try:
        return capture.isOpened() and capture.read()[0]
    finally:
        capture.release()


def test_mounts_serve_h264_of_the_requested_size_and_differ():
    with start_rtsp_server(mounts=2, size="320x240", fps=15, sub="160x120@5") as server:
        assert server.urls == [f"rtsp://127.0.0.1:{server.port}/cam0", f"rtsp://127.0.0.1:{server.port}/cam1"]
        first = read_frames(server.urls[0], 5)
        second = read_frames(server.urls[1], 1)
        sub = read_frames(server.url(1, sub=True), 1)
    assert {frame.shape for frame in first} == {(240, 320, 3)}
    assert sub[0].shape == (120, 160, 3)
    # Distinct streams: another clip (hue, label) on the second mount, not a copy of the first.
    assert float(np.mean(cv2.absdiff(first[0], second[0]))) > 10.0
    # The picture moves (a live-looking stream, not one frame repeated).
    assert float(np.mean(cv2.absdiff(first[0], first[-1]))) > 0.5


def test_killed_server_restarts_on_the_same_port_with_the_same_urls():
    server = RtspServer(mounts=1, size="320x240", fps=15)
    with server:
        url = server.urls[0]
        assert read_frames(url, 2)[0].shape == (240, 320, 3)
        server.kill()
        assert not server.alive
        assert not opens(url)
        server.restart()
        assert server.urls == [url]
        assert read_frames(url, 2)[0].shape == (240, 320, 3)


def test_a_missing_server_python_skips_with_the_reason(monkeypatch):
    import rtsp_support

    monkeypatch.setenv("IOC_RTSP_PYTHON", "/nonexistent/python3")
    rtsp_support.unavailable_reason.cache_clear()
    try:
        with pytest.raises(pytest.skip.Exception, match="/nonexistent/python3"):
            RtspServer().start()
    finally:
        rtsp_support.unavailable_reason.cache_clear()
