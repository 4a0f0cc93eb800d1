"""Test helpers for the map: small real MBTiles files and tiny real tile images."""

from __future__ import annotations

import io
import sqlite3
from collections.abc import Mapping
from pathlib import Path


def write_test_mbtiles(
    path: str | Path,
    tiles: Mapping[tuple[int, int, int], bytes],
    fmt: str | None = "png",
    name: str = "test",
    *,
    metadata: Mapping[str, str] | None = None,
) -> Path:
    """Write a small valid MBTiles 1.3 file at `path` from tiles keyed by XYZ (z, x, y); return the path.

    Rows are stored the TMS way (row = 2**z - 1 - y), as the spec says. `fmt=None` leaves `format` out
    of the metadata; `metadata` adds or overrides entries (minzoom, maxzoom, bounds...).
    """
    path = Path(path)
    zooms = [z for z, _x, _y in tiles]
    entries: dict[str, str] = {"name": name, "type": "baselayer", "version": "1", "description": name}
    if fmt is not None:
        entries["format"] = fmt
    if zooms:
        entries["minzoom"] = str(min(zooms))
        entries["maxzoom"] = str(max(zooms))
    entries.update(metadata or {})
    connection = sqlite3.connect(path)
    try:
        with connection:
            connection.execute("CREATE TABLE metadata (name TEXT, value TEXT)")
            connection.execute("CREATE UNIQUE INDEX metadata_name ON metadata (name)")
            connection.execute(
                "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB)"
            )
            connection.execute("CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row)")
            connection.executemany("INSERT INTO metadata (name, value) VALUES (?, ?)", entries.items())
            connection.executemany(
                "INSERT INTO tiles (zoom_level, tile_column, tile_row, tile_data) VALUES (?, ?, ?, ?)",
                [(z, x, (1 << z) - 1 - y, data) for (z, x, y), data in tiles.items()],
            )
    finally:
        connection.close()
    return path


def tile_image(color: tuple[int, int, int] = (200, 30, 30), fmt: str = "PNG", size: int = 4) -> bytes:
    """A tiny real image (Pillow), one colour, encoded as `fmt` (PNG, JPEG, WEBP)."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (size, size), color).save(buffer, format=fmt)
    return buffer.getvalue()
