"""Tests for the simulated camera media: shared per-tick JPEG frames, snapshots, MJPEG framing."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime

import cv2
import numpy as np
import pytest

from ioc_backend.demo import media
from ioc_backend.demo.media import MJPEG_CONTENT_TYPE, FrameSource, multipart_part, snapshot_jpeg

NAME = "Cầu Trường Tiền - Hướng Bắc"
WARD = "Phường Thuận Hóa"
# A fixed moment (2026-11-25 19:00:00 UTC = 02:00:00 on the 26th in Huế), exactly on a tick.
T0 = datetime(2026, 11, 25, 19, 0, tzinfo=UTC).timestamp()


def decode(data: bytes) -> np.ndarray:
    image = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_COLOR)
    assert image is not None, "not a decodable JPEG"
    return image


def run_threads(count: int, target, name: str) -> list:
    """Run target(i) in count named threads started together; return results in order."""
    results: list = [None] * count
    errors: list[BaseException] = []
    barrier = threading.Barrier(count)

    def body(i: int) -> None:
        try:
            barrier.wait(timeout=30)
            results[i] = target(i)
        except BaseException as exc:  # noqa: BLE001 - every failure is surfaced to the test below
            errors.append(exc)

    threads = [threading.Thread(target=body, args=(i,), name=f"{name}-{i}") for i in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not any(t.is_alive() for t in threads)
    assert not errors, errors
    return results


def test_frames_decode_at_exact_sizes():
    source = FrameSource(fps=8)
    assert source.encode_count == 0 and source.background_count == 0  # nothing watched, nothing done
    main = decode(source.jpeg("cam-0001", NAME, WARD, "main", now=T0))
    sub = decode(source.jpeg("cam-0001", NAME, WARD, "sub", now=T0))
    assert main.shape == (720, 1280, 3)
    assert sub.shape == (360, 640, 3)
    assert source.fps == 8.0 and source.frame_interval == pytest.approx(0.125)
    assert MJPEG_CONTENT_TYPE == "multipart/x-mixed-replace; boundary=frame"


def test_same_tick_shares_one_encode_and_next_tick_moves():
    source = FrameSource(fps=8)
    first = source.jpeg("cam-0001", NAME, WARD, "main", now=T0)
    # Anywhere inside the same 1/8 s tick gives the very same bytes without a new encode.
    again = source.jpeg("cam-0001", NAME, WARD, "main", now=T0 + 0.1)
    assert again == first
    assert source.encode_count == 1
    following = source.jpeg("cam-0001", NAME, WARD, "main", now=T0 + 0.125)
    assert following != first
    assert source.encode_count == 2
    # The picture itself changes (traffic moves), not just some metadata bytes.
    diff = cv2.absdiff(decode(first), decode(following))
    assert int((diff.max(axis=2) > 40).sum()) > 200
    # The static background was rendered once for both ticks.
    assert source.background_count == 1
    source.jpeg("cam-0001", NAME, WARD, "sub", now=T0)
    source.jpeg("cam-0002", "Ngọ Môn - Toàn cảnh", "Phường Phú Xuân", "main", now=T0)
    assert source.background_count == 3


def test_frames_are_deterministic_across_sources():
    a = FrameSource(fps=8).jpeg("cam-0042", NAME, WARD, "sub", now=T0 + 3)
    b = FrameSource(fps=8).jpeg("cam-0042", NAME, WARD, "sub", now=T0 + 3)
    assert a == b
    other_camera = FrameSource(fps=8).jpeg("cam-0043", NAME, WARD, "sub", now=T0 + 3)
    assert other_camera != a


def test_concurrent_viewers_of_one_tick_trigger_one_encode():
    source = FrameSource(fps=8)
    frames = run_threads(12, lambda i: source.jpeg("cam-0007", NAME, WARD, "main", now=T0 + 5), "media-test-viewer")
    assert source.encode_count == 1
    assert len(set(frames)) == 1


class _GatedFrameSource(FrameSource):
    """A real FrameSource whose frame rendering waits for the test's go-ahead.

    This holds the first viewer inside its encode so the others provably arrive while it is
    in flight, making the "wait for the one encode" path deterministic to test.
    """

    def __init__(self) -> None:
        super().__init__(fps=8)
        self.entered = threading.Event()
        self.release = threading.Event()

    def _render_frame(self, *args, **kwargs):
        self.entered.set()
        assert self.release.wait(timeout=30)
        return super()._render_frame(*args, **kwargs)


def test_viewers_arriving_during_an_encode_wait_for_it():
    source = _GatedFrameSource()
    results: dict[int, bytes] = {}

    def view(i: int) -> None:
        results[i] = source.jpeg("cam-0009", NAME, WARD, "sub", now=T0)

    first = threading.Thread(target=view, args=(0,), name="media-test-first-viewer")
    first.start()
    assert source.entered.wait(timeout=30)
    others = [threading.Thread(target=view, args=(i,), name=f"media-test-late-viewer-{i}") for i in range(1, 6)]
    for t in others:
        t.start()
    # Wait (bounded) until all five late viewers are parked on the in-flight encode.
    deadline = time.monotonic() + 30
    while source.shared_waits < 5 and time.monotonic() < deadline:
        time.sleep(0.005)
    assert source.shared_waits == 5
    source.release.set()
    for t in [first, *others]:
        t.join(timeout=30)
        assert not t.is_alive()
    assert source.encode_count == 1
    assert len(results) == 6 and len(set(results.values())) == 1


def test_failed_encode_reaches_every_waiter_and_is_not_cached():
    class Failing(FrameSource):
        fail = True

        def _render_frame(self, *args, **kwargs):
            if self.fail:
                raise RuntimeError("camera pipeline broke")
            return super()._render_frame(*args, **kwargs)

    source = Failing(fps=8)
    with pytest.raises(RuntimeError, match="pipeline broke"):
        source.jpeg("cam-0001", NAME, WARD, "sub", now=T0)
    assert source.cached_frames == 0
    source.fail = False
    assert decode(source.jpeg("cam-0001", NAME, WARD, "sub", now=T0)).shape == (360, 640, 3)


def test_cache_stays_bounded():
    source = FrameSource(fps=8, cache_size=3, background_cache_size=2)
    frames = [source.jpeg("cam-0001", NAME, WARD, "sub", now=T0 + i / 8) for i in range(10)]
    assert source.encode_count == 10
    assert source.cached_frames == 3
    for cam in range(5):
        source.jpeg(f"cam-{cam:04d}", NAME, WARD, "sub", now=T0)
    assert source.cached_backgrounds == 2
    assert source.cached_frames == 3
    # An evicted tick is re-encoded on demand, identically.
    before = source.encode_count
    assert source.jpeg("cam-0001", NAME, WARD, "sub", now=T0) == frames[0]
    assert source.encode_count == before + 1


def test_renamed_camera_shows_new_name():
    source = FrameSource(fps=8)
    old = decode(source.jpeg("cam-0001", NAME, WARD, "main", now=T0))
    new = decode(source.jpeg("cam-0001", "Cầu Phú Xuân - Hướng Nam", WARD, "main", now=T0))
    title_area = (slice(0, 60), slice(0, 800))
    assert cv2.absdiff(old[title_area], new[title_area]).max() > 100


def test_clock_is_hue_local_time_and_burned_in():
    assert FrameSource.clock_text(T0) == "02:00:00  26/11/2026"
    source = FrameSource(fps=8)
    # Ticks 0 and 1 of a second show the same clock; one second later the digits change.
    crops = []
    for offset in (0.0, 0.125, 1.0):
        frame = decode(source.jpeg("cam-0003", NAME, WARD, "main", now=T0 + offset))
        crops.append(frame[10:60, 930:1270].astype(np.int16))
    assert np.abs(crops[0] - crops[1]).max() < 40
    assert np.abs(crops[0] - crops[2]).max() > 100


def test_vietnamese_text_rendering():
    assert (
        media.ascii_fallback("Cầu Trường Tiền, Phường Thuận Hóa, Đông Ba")
        == "Cau Truong Tien, Phuong Thuan Hoa, Dong Ba"
    )
    assert media.ascii_fallback("cam-0001 · MAIN 1280×720 …") == "cam-0001 - MAIN 1280x720 ..."
    if media.find_font_path() is None:
        pytest.skip("no TrueType font on this system: the ASCII fallback is used")
    source = FrameSource(fps=8)
    with_marks = decode(source.jpeg("cam-0001", "Huế Ngọ Môn", WARD, "main", now=T0))
    plain = decode(source.jpeg("cam-0001", "Hue Ngo Mon", WARD, "main", now=T0))
    # Same letters, only the diacritics differ: the title pixels must differ.
    assert cv2.absdiff(with_marks[0:60, 0:400], plain[0:60, 0:400]).max() > 100


def test_bad_input_is_refused_clearly():
    source = FrameSource()
    with pytest.raises(ValueError, match="main' or 'sub"):
        source.jpeg("cam-0001", NAME, WARD, "hd")
    with pytest.raises(ValueError):
        source.jpeg("", NAME, WARD, "main")
    with pytest.raises(ValueError):
        source.jpeg("cam-0001", NAME, WARD, "main", now=float("nan"))
    with pytest.raises(ValueError):
        source.jpeg("cam-0001", NAME, WARD, "main", now=-5)
    for bad in ({"fps": 0}, {"fps": float("inf")}, {"cache_size": 0}, {"cache_size": 2.5}):
        with pytest.raises(ValueError):
            FrameSource(**bad)
    with pytest.raises(ValueError):
        multipart_part(b"x", boundary="fra\r\nme")
    with pytest.raises(ValueError):
        multipart_part("not bytes")  # type: ignore[arg-type]
    for bbox in ((0.5, 0.5, 0, 0.1), (0.1, 0.1, 0.2), (1.5, 0, 0.1, 0.1), ("a", 0, 0.1, 0.1)):
        with pytest.raises(ValueError):
            snapshot_jpeg("cam", "x", bbox, 1)  # type: ignore[arg-type]
    assert source.encode_count == 0


def test_seconds_until_next_tick():
    source = FrameSource(fps=8)
    assert source.seconds_until_next_tick(T0) == pytest.approx(0.125, abs=1e-4)
    assert source.seconds_until_next_tick(T0 + 0.1) == pytest.approx(0.025, abs=1e-4)
    assert source.tick(T0 + 0.1) == source.tick(T0) == int(T0 * 8)


def test_multipart_framing_parses():
    source = FrameSource(fps=8)
    jpegs = [source.jpeg("cam-0001", NAME, WARD, "sub", now=T0 + i / 8) for i in range(3)]
    body = b"".join(multipart_part(j) for j in jpegs)
    assert multipart_part(jpegs[0]).startswith(
        b"--frame\r\nContent-Type: image/jpeg\r\nContent-Length: %d\r\n\r\n" % len(jpegs[0])
    )
    # Parse the stream the way a client (OpenCV/FFmpeg, browsers) does: boundary, headers, length.
    pos, parsed = 0, []
    while pos < len(body):
        assert body.startswith(b"--frame\r\n", pos)
        header_end = body.index(b"\r\n\r\n", pos)
        headers = dict(line.split(b": ", 1) for line in body[pos + len(b"--frame\r\n") : header_end].split(b"\r\n"))
        assert headers[b"Content-Type"] == b"image/jpeg"
        length = int(headers[b"Content-Length"])
        start = header_end + 4
        parsed.append(body[start : start + length])
        assert body[start + length : start + length + 2] == b"\r\n"
        pos = start + length + 2
    assert parsed == jpegs
    assert all(decode(p).shape == (360, 640, 3) for p in parsed)
    custom = multipart_part(b"\xff\xd8\xff\xd9", boundary="ioc-boundary")
    assert custom.startswith(b"--ioc-boundary\r\n") and custom.endswith(b"\xff\xd8\xff\xd9\r\n")


def test_snapshot_draws_the_bbox():
    bbox = (0.25, 0.3, 0.4, 0.35)
    image = decode(snapshot_jpeg("Chòi canh lửa A Lưới 3 - Toàn cảnh", "Cháy rừng 92%", bbox, seed=17))
    assert image.shape == (720, 1280, 3)
    x0, y0 = int(0.25 * 1280), int(0.3 * 720)
    x1, y1 = int(0.65 * 1280), int(0.65 * 720)
    mid_y, mid_x = (y0 + y1) // 2, (x0 + x1) // 2

    def is_red(y: int, x: int) -> bool:
        b, g, r = image[y - 1 : y + 2, x - 1 : x + 2].reshape(-1, 3).mean(axis=0)
        return r > 180 and g < 90 and b < 90

    # Left, right and bottom edges of the box are red lines...
    assert is_red(mid_y, x0 + 1) and is_red(mid_y, x1 - 1) and is_red(y1 - 1, mid_x)
    # ...and the box is a frame, not a filled block: its centre keeps the scene.
    assert not is_red(mid_y, mid_x)
    # Deterministic for a seed; a different seed gives a different scene.
    again = snapshot_jpeg("Chòi canh lửa A Lưới 3 - Toàn cảnh", "Cháy rừng 92%", bbox, seed=17)
    assert decode(again).tobytes() == image.tobytes()
    assert snapshot_jpeg("Chòi canh lửa A Lưới 3 - Toàn cảnh", "Cháy rừng 92%", bbox, seed=18) != again
    # A box touching the frame edges is still drawn inside the picture.
    edge = decode(snapshot_jpeg("cam", "Sạt lở đất", (0.0, 0.0, 1.0, 1.0), seed=1))
    b, g, r = edge[360, 0:3].mean(axis=0)
    assert r > 180 and g < 90 and b < 90


def test_ascii_fallback_without_truetype_font(monkeypatch):
    # Simulates a system with no TTF installed: text is transliterated and drawn by OpenCV.
    monkeypatch.setattr(media, "_font", lambda size: None)
    frame = decode(FrameSource(fps=8).jpeg("cam-0001", NAME, WARD, "main", now=T0))
    assert frame.shape == (720, 1280, 3)
    title = frame[10:60, 10:500]
    assert int((title.min(axis=2) > 200).sum()) > 300  # white title strokes are there
    snap = decode(snapshot_jpeg("Đèo Hải Vân", "Sạt lở đất 77%", (0.3, 0.3, 0.3, 0.3), seed=2))
    assert snap.shape == (720, 1280, 3)
