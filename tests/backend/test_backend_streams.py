"""MJPEG streams, single frames and alert snapshots decode as real JPEGs of the right size."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
import requests
from backend_testkit import Api, error_code


def decode(jpeg: bytes) -> np.ndarray:
    image = cv2.imdecode(np.frombuffer(jpeg, dtype=np.uint8), cv2.IMREAD_COLOR)
    assert image is not None, "not a decodable JPEG"
    return image


def read_parts(response: requests.Response, count: int) -> list[bytes]:
    """Parse ``count`` parts of a multipart/x-mixed-replace body using their Content-Length."""
    raw = response.raw
    parts: list[bytes] = []
    while len(parts) < count:
        line = raw.readline()
        if line in (b"\r\n", b""):
            assert line, "stream ended early"
            continue
        assert line.strip() == b"--frame", line
        headers: dict[str, str] = {}
        while (header := raw.readline()) not in (b"\r\n", b""):
            name, _, value = header.decode().partition(":")
            headers[name.strip().lower()] = value.strip()
        assert headers["content-type"] == "image/jpeg"
        body = raw.read(int(headers["content-length"]))
        assert body[:2] == b"\xff\xd8" and body[-2:] == b"\xff\xd9"
        parts.append(body)
    return parts


@pytest.mark.parametrize(("which", "size"), [("main", (720, 1280)), ("sub", (360, 640))])
def test_mjpeg_stream_parts_decode(shared_api: Api, which: str, size: tuple[int, int]) -> None:
    token = shared_api.token("operator")
    with shared_api.http.get(
        shared_api.url(f"/streams/cam-0003/{which}.mjpeg"),
        headers={"Authorization": f"Bearer {token}"},
        stream=True,
        timeout=30,
    ) as r:
        assert r.status_code == 200
        assert r.headers["content-type"] == "multipart/x-mixed-replace; boundary=frame"
        parts = read_parts(r, 3)
    for part in parts:
        assert decode(part).shape[:2] == size


def test_mjpeg_with_query_token(shared_api: Api) -> None:
    token = shared_api.token("leader")
    with shared_api.http.get(
        shared_api.url("/streams/cam-0004/sub.mjpeg"), params={"access_token": token}, stream=True, timeout=30
    ) as r:
        assert r.status_code == 200
        assert decode(read_parts(r, 1)[0]).shape[:2] == (360, 640)


def test_single_frame_and_unknown_camera(shared_api: Api) -> None:
    token = shared_api.token("operator")
    r = shared_api.get("/streams/cam-0005/main.jpg", token)
    assert r.status_code == 200 and r.headers["content-type"] == "image/jpeg"
    assert decode(r.content).shape[:2] == (720, 1280)
    missing = shared_api.get("/streams/cam-9999/main.mjpeg", token)
    assert missing.status_code == 404 and error_code(missing) == "not_found"


def test_offline_camera_is_503(shared_api: Api) -> None:
    admin = shared_api.token("admin")
    cam = shared_api.get("/cameras/cam-0699", admin).json()
    r = shared_api.patch("/cameras/cam-0699", admin, json={"version": cam["version"], "status": "offline"})
    assert r.status_code == 200 and r.json()["status"] == "offline"
    for path in ("/streams/cam-0699/main.mjpeg", "/streams/cam-0699/sub.jpg"):
        refused = shared_api.get(path, admin)
        assert refused.status_code == 503 and error_code(refused) == "camera_offline"


def test_alert_snapshot(shared_api: Api) -> None:
    token = shared_api.token("supervisor")
    r = shared_api.get("/alerts/7/snapshot.jpg", token)
    assert r.status_code == 200 and r.headers["content-type"] == "image/jpeg"
    assert decode(r.content).shape[:2] == (720, 1280)
    assert shared_api.get("/alerts/7/snapshot.jpg", token).content == r.content  # cached, stable
    assert shared_api.get("/alerts/999999/snapshot.jpg", token).status_code == 404
