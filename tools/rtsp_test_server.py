#!/usr/bin/python3
"""Standalone RTSP test server: H.264 mount points from pre-encoded, endlessly looped clips.

Run it with Debian's python (it needs PyGObject and the GStreamer RTSP server introspection):

    /usr/bin/python3 tools/rtsp_test_server.py --port 8554 --mounts 16 --size 1280x720 --fps 25

Mount points are ``/cam0`` ... ``/cam{N-1}`` (and ``/cam{i}/sub`` with ``--sub WxH@FPS``).
Clips are encoded ONCE (GStreamer x264enc, or ffmpeg for ``--clip FILE``) into a cache
directory and reused by later runs, so nothing is encoded while a test or benchmark measures:
serving only copies the cached access units into RTP packets with fresh timestamps, looping
forever. ``--distinct K`` encodes K different clips (another hue and label each); mount i plays
clip ``i % K`` starting at a different key frame, so no two mounts show the same picture at the
same time. When the server listens it prints one line ``READY {json}`` with the port and URLs.
Imports nothing of the project.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import GLib, Gst, GstRtspServer  # noqa: E402 - gi.require_version must come first

# Bumped whenever the generated content changes, so stale cache entries are not reused.
_GENERATOR_VERSION = 2


@dataclass(frozen=True)
class Variant:
    """One stream profile: picture size, frame rate and bitrate of the encoded clips."""

    width: int
    height: int
    fps: int
    kbps: int

    @classmethod
    def parse(cls, text: str, kbps: int | None = None) -> Variant:
        """``WxH@FPS`` -> Variant; the bitrate defaults to what an IP camera sends at that size."""
        size, _, fps = text.partition("@")
        width, _, height = size.lower().partition("x")
        w, h, f = int(width), int(height), int(fps or 25)
        if kbps is None:
            # ~2 Mbit/s for 720p25, scaled by pixels per second: typical camera settings.
            kbps = max(64, round(2000 * (w * h * f) / (1280 * 720 * 25)))
        return cls(w, h, f, kbps)


@dataclass
class Clip:
    """A cached clip held in memory as H.264 access units (Annex B, one buffer per frame)."""

    caps: Gst.Caps
    frames: list[bytes]
    keyframes: list[int]
    fps: int


def _cache_dir(arg: str | None) -> Path:
    if arg:
        path = Path(arg)
    else:
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
        path = Path(base) / "ioc-rtsp-test"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _run_pipeline(description: str) -> None:
    """Runs a GStreamer pipeline to EOS (raises on error)."""
    pipeline = Gst.parse_launch(description)
    bus = pipeline.get_bus()
    pipeline.set_state(Gst.State.PLAYING)
    try:
        msg = bus.timed_pop_filtered(Gst.CLOCK_TIME_NONE, Gst.MessageType.EOS | Gst.MessageType.ERROR)
        if msg.type == Gst.MessageType.ERROR:
            err, debug = msg.parse_error()
            raise RuntimeError(f"encoding failed: {err.message} ({debug})")
    finally:
        pipeline.set_state(Gst.State.NULL)


def _atomic_output(target: Path) -> Path:
    """A temporary path next to ``target``: parallel runs never read a half-written clip."""
    fd, tmp = tempfile.mkstemp(prefix=target.name + ".", suffix=".part", dir=target.parent)
    os.close(fd)
    return Path(tmp)


def generate_clip(cache: Path, variant: Variant, index: int, seconds: int) -> Path:
    """Encodes (once) generated clip ``index`` of ``variant``; returns the cached .h264 file."""
    key = f"{_GENERATOR_VERSION}-{variant.width}x{variant.height}@{variant.fps}-{variant.kbps}k-{seconds}s-{index}"
    target = cache / f"gen-{key}.h264"
    if target.exists():
        return target
    tmp = _atomic_output(target)
    frames = seconds * variant.fps
    patterns = ["smpte", "smpte75", "bar", "pinwheel", "spokes", "gradient", "colors", "checkers-8"]
    pattern = patterns[index % len(patterns)]
    hue = ((index * 0.37) % 2.0) - 1.0
    # Moving test pattern + light "sensor noise" (snow at low alpha): the encoder then spends
    # about a camera's bitrate, so decoding costs what a real camera's stream costs.
    caps = f"video/x-raw,width={variant.width},height={variant.height},framerate={variant.fps}/1"
    font = max(10, variant.height // 24)
    description = (
        f"compositor name=mix background=black "
        f"sink_0::zorder=0 sink_1::zorder=1 sink_1::alpha=0.12 "
        f"! videobalance hue={hue:.3f} "
        f'! textoverlay text="cam {index}" valignment=top halignment=left font-desc="Sans {font}" '
        f'! timeoverlay valignment=bottom halignment=right font-desc="Sans {font}" '
        f"! videoconvert ! video/x-raw,format=I420 "
        f"! x264enc bitrate={variant.kbps} speed-preset=veryfast bframes=0 "
        f"key-int-max={variant.fps} threads=2 "
        f'option-string="vbv-maxrate={variant.kbps}:vbv-bufsize={variant.kbps * 2}" '
        f"! video/x-h264,profile=main ! h264parse "
        f"! video/x-h264,stream-format=byte-stream,alignment=au "
        f'! filesink location="{tmp}" '
        f"videotestsrc pattern={pattern} horizontal-speed={1 + index % 5} num-buffers={frames} "
        f"! {caps} ! mix.sink_0 "
        f"videotestsrc pattern=snow num-buffers={frames} ! {caps} ! mix.sink_1"
    )
    try:
        _run_pipeline(description)
        tmp.replace(target)
    finally:
        tmp.unlink(missing_ok=True)
    return target


def import_clip(cache: Path, source: Path, variant: Variant) -> Path:
    """Transcodes (once) a given clip with ffmpeg to the variant; returns the cached .h264 file."""
    stat = source.stat()
    digest = hashlib.sha256(f"{source.resolve()}|{stat.st_size}|{stat.st_mtime_ns}|{variant}".encode()).hexdigest()[:16]
    target = cache / f"clip-{digest}.h264"
    if target.exists():
        return target
    ffmpeg = shutil.which("ffmpeg")
    if ffmpeg is None:
        raise RuntimeError("--clip needs ffmpeg to encode the clip once")
    tmp = _atomic_output(target)
    cmd = [
        ffmpeg, "-v", "error", "-y", "-i", str(source), "-an",
        "-vf", f"scale={variant.width}:{variant.height},fps={variant.fps}",
        "-c:v", "libx264", "-preset", "veryfast", "-profile:v", "main", "-bf", "0",
        "-g", str(variant.fps), "-b:v", f"{variant.kbps}k", "-maxrate", f"{variant.kbps}k",
        "-bufsize", f"{variant.kbps * 2}k", "-pix_fmt", "yuv420p", "-f", "h264", str(tmp),
    ]  # fmt: skip
    try:
        subprocess.run(cmd, check=True)
        tmp.replace(target)
    finally:
        tmp.unlink(missing_ok=True)
    return target


def split_access_units(data: bytes) -> tuple[list[bytes], list[int]]:
    """Annex B H.264 -> (access units, indexes of the key frames).

    A picture starts at an SPS, PPS, SEI or delimiter after a slice, or at a slice whose
    first_mb_in_slice is 0 (its first bit after the NAL header is 1). Start codes cannot occur
    inside a NAL unit (emulation prevention), so a byte search finds them all. Plain Python on
    purpose: no GStreamer pipeline runs before the server serves.
    """
    frames: list[bytes] = []
    keyframes: list[int] = []
    au_start: int | None = None
    has_slice = key = False
    for match in re.finditer(b"\x00\x00\x01", data):
        pos = match.start()
        begin = pos - 1 if pos > 0 and data[pos - 1] == 0 else pos
        kind = data[pos + 3] & 0x1F if pos + 3 < len(data) else 0
        first_slice = kind in (1, 5) and pos + 4 < len(data) and bool(data[pos + 4] & 0x80)
        if au_start is None or (has_slice and (kind in (6, 7, 8, 9) or first_slice)):
            if au_start is not None:
                if key:
                    keyframes.append(len(frames))
                frames.append(data[au_start:begin])
            au_start, has_slice, key = begin, False, False
        has_slice = has_slice or kind in (1, 5)
        key = key or kind == 5
    if au_start is not None and has_slice:
        if key:
            keyframes.append(len(frames))
        frames.append(data[au_start:])
    return frames, keyframes


def load_clip(path: Path, variant: Variant) -> Clip:
    """Reads a cached Annex B file into memory, one buffer per access unit."""
    frames, keyframes = split_access_units(path.read_bytes())
    if not frames or not keyframes:
        raise RuntimeError(f"no H.264 frames in {path}")
    caps = Gst.Caps.from_string(
        "video/x-h264, stream-format=(string)byte-stream, alignment=(string)au, "
        f"width=(int){variant.width}, height=(int){variant.height}, framerate=(fraction){variant.fps}/1"
    )
    return Clip(caps=caps, frames=frames, keyframes=keyframes, fps=variant.fps)


class LoopingFactory(GstRtspServer.RTSPMediaFactory):
    """Serves one clip from a start key frame, looping, with continuous timestamps."""

    def __init__(self, clip: Clip, start_frame: int) -> None:
        super().__init__()
        self.clip = clip
        self.start_frame = start_frame
        self.set_launch(
            "( appsrc name=src is-live=false format=time stream-type=stream "
            "! rtph264pay name=pay0 pt=96 config-interval=-1 mtu=1400 )"
        )
        self.connect("media-configure", self._on_media_configure)

    def _on_media_configure(self, _factory, media) -> None:
        appsrc = media.get_element().get_by_name_recurse_up("src")
        appsrc.set_property("caps", self.clip.caps)
        appsrc.set_property("max-bytes", 0)
        # Half a second per call, as one buffer list: the Python cost is per call, not per frame.
        batch = max(1, self.clip.fps // 2)
        appsrc.set_property("max-buffers", 2 * batch)
        # A new viewer starts on a key frame; each viewer has its own position.
        state = {"n": 0, "pos": self.start_frame}
        duration = Gst.util_uint64_scale(1, Gst.SECOND, self.clip.fps)
        clip = self.clip
        keyframes = set(clip.keyframes)

        def need_data(src, _length) -> None:
            buffers = Gst.BufferList.new_sized(batch)
            n, pos = state["n"], state["pos"]
            for _ in range(batch):
                buffer = Gst.Buffer.new_wrapped(clip.frames[pos])
                buffer.pts = buffer.dts = n * duration
                buffer.duration = duration
                if pos not in keyframes:
                    buffer.set_flags(Gst.BufferFlags.DELTA_UNIT)
                buffers.insert(-1, buffer)
                n += 1
                pos = (pos + 1) % len(clip.frames)
            state["n"], state["pos"] = n, pos
            src.emit("push-buffer-list", buffers)

        appsrc.connect("need-data", need_data)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port (printed on READY)")
    parser.add_argument("--mounts", type=int, default=1, help="mount points /cam0 ... /cam{N-1}")
    parser.add_argument("--size", default="640x360", help="main stream picture size WxH")
    parser.add_argument("--fps", type=int, default=15, help="main stream frame rate")
    parser.add_argument("--kbps", type=int, default=None, help="main stream bitrate (default: by size)")
    parser.add_argument("--sub", default=None, help="also serve /cam{i}/sub at WxH@FPS")
    parser.add_argument("--distinct", type=int, default=None, help="different clips (default min(mounts, 4))")
    parser.add_argument("--clip", action="append", default=[], help="serve this video file (repeatable)")
    parser.add_argument("--seconds", type=int, default=8, help="length of a generated clip")
    parser.add_argument("--cache-dir", default=None, help="encoded clips (default ~/.cache/ioc-rtsp-test)")
    args = parser.parse_args(argv)

    Gst.init(None)
    cache = _cache_dir(args.cache_dir)
    width, _, height = args.size.lower().partition("x")
    main_variant = Variant.parse(f"{args.size}@{args.fps}", args.kbps)
    variants = {"": main_variant}
    if args.sub:
        variants["/sub"] = Variant.parse(args.sub)
    distinct = args.distinct or (len(args.clip) or min(args.mounts, 4))

    server = GstRtspServer.RTSPServer()
    server.set_address(args.host)
    server.set_service(str(args.port))
    mounts = server.get_mount_points()
    urls: dict[str, list[str]] = {}
    for suffix, variant in variants.items():
        clips = []
        for k in range(distinct):
            if args.clip:
                path = import_clip(cache, Path(args.clip[k % len(args.clip)]), variant)
            else:
                path = generate_clip(cache, variant, k, args.seconds)
            clips.append(load_clip(path, variant))
        for i in range(args.mounts):
            clip = clips[i % distinct]
            # Later mounts on the same clip start further in, on a key frame.
            start = clip.keyframes[(i // distinct * 3) % len(clip.keyframes)]
            mounts.add_factory(f"/cam{i}{suffix}", LoopingFactory(clip, start))
    server.attach(None)
    port = server.get_bound_port()
    for suffix in variants:
        urls["main" if not suffix else suffix.strip("/")] = [
            f"rtsp://{args.host}:{port}/cam{i}{suffix}" for i in range(args.mounts)
        ]
    ready = {
        "port": port,
        "urls": urls["main"],
        "sub_urls": urls.get("sub", []),
        "size": [int(width), int(height)],
        "fps": args.fps,
        "sub": args.sub,
    }
    print("READY " + json.dumps(ready), flush=True)

    loop = GLib.MainLoop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, signum, loop.quit)
    # Stop when the parent closes our stdin (a test process that died without cleaning up).
    if not sys.stdin.isatty() and os.environ.get("RTSP_TEST_SERVER_WATCH_STDIN") == "1":
        threading.Thread(target=lambda: (sys.stdin.read(), GLib.idle_add(loop.quit)), daemon=True).start()
    loop.run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
