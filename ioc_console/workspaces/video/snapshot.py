"""Tile snapshots: a PNG named <camera-id>_<UTC time>.png with a .sha256 sidecar (run off the GUI thread)."""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QImage

# A camera id goes into a file name: anything but letters, digits, '-', '_' and '.' becomes '_'.
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]")


@dataclass(frozen=True)
class SavedSnapshot:
    camera_id: str
    path: Path
    sha256: str
    taken_at: datetime


def snapshot_name(camera_id: str, taken_at: datetime) -> str:
    """``cam-0001_20261205T112233Z.png``: the camera and the UTC second it was taken."""
    stamp = taken_at.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    return f"{_UNSAFE.sub('_', camera_id)}_{stamp}.png"


def png_bytes(image: QImage) -> bytes:
    """Encode ``image`` as PNG (QImage may be used on any thread, unlike QPixmap)."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise OSError("the image could not be encoded as PNG")
    buffer.close()
    return bytes(data.data())


def write_snapshot(folder: Path, camera_id: str, image: QImage, taken_at: datetime) -> SavedSnapshot:
    """Write the PNG and its ``.sha256`` sidecar (``sha256sum`` format) into ``folder``.

    Blocking (encoding and disk): call it on a worker. A second snapshot of the same camera in
    the same second gets a ``-2``, ``-3``... suffix instead of overwriting the first.
    """
    data = png_bytes(image)
    digest = hashlib.sha256(data).hexdigest()
    folder.mkdir(parents=True, exist_ok=True)
    name = snapshot_name(camera_id, taken_at)
    path = folder / name
    counter = 2
    while True:
        try:
            # "x": never overwrite evidence already on disk.
            with open(path, "xb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            break
        except FileExistsError:
            path = folder / f"{name[:-4]}-{counter}.png"
            counter += 1
    sidecar = path.with_name(path.name + ".sha256")
    sidecar.write_text(f"{digest}  {path.name}\n", encoding="utf-8")
    return SavedSnapshot(camera_id=camera_id, path=path, sha256=digest, taken_at=taken_at)
