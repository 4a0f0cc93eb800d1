"""Raster base-map tiles from a local MBTiles file (SQLite, spec 1.3), for the map's tile server.

Qt-free on purpose: the tile server calls `MbtilesSource.tile` from a pool of worker threads, and the
same code can check a file from the command line. Everything about the file is checked once, in
`MbtilesSource.open`, which raises `MbtilesError` with a message an operator can act on; after that,
`tile` answers `None` for any coordinate that names no tile (negative, beyond the zoom's grid, absent).

MBTiles numbers rows the TMS way (row 0 at the south), the web map the XYZ way (row 0 at the north):
row = 2**z - 1 - y. `parse_tile_path` reads the "/tiles/{z}/{x}/{y}.png" paths a web page asks for,
and takes them for hostile input: anything but the canonical form is refused.
"""

from __future__ import annotations

import math
import re
import sqlite3
import threading
from pathlib import Path

__all__ = ["MAX_ZOOM", "MbtilesError", "MbtilesSource", "parse_tile_path"]

# The deepest zoom level served: ~1 cm per pixel at Huế's latitude, far beyond any base map.
MAX_ZOOM = 24

_SQLITE_MAGIC = b"SQLite format 3\x00"
_TILES_COLUMNS = {"zoom_level", "tile_column", "tile_row", "tile_data"}
_MIME_BY_FORMAT = {"png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "webp": "image/webp"}
_VECTOR_FORMATS = {"pbf", "mvt"}

# Digits are [0-9] (not \d, which takes any Unicode digit) with no leading zero; x and y have at most
# 8 digits (2**24 = 16777216), so no path can make int() work on a huge number.
_TILE_PATH = re.compile(r"/tiles/(0|[1-9][0-9]?)/(0|[1-9][0-9]{0,7})/(0|[1-9][0-9]{0,7})(?:\.(?:png|jpg|jpeg|webp))?")


class MbtilesError(Exception):
    """The MBTiles file cannot serve as a raster base map; the message says why, for the operator."""


def parse_tile_path(path: str) -> tuple[int, int, int] | None:
    """(z, x, y) from "/tiles/{z}/{x}/{y}[.png|.jpg|.jpeg|.webp]", or None for anything else.

    Strict: ASCII digits without leading zeros, z <= MAX_ZOOM, x and y inside the zoom's 2**z grid,
    lower-case extension, no query string, no trailing slash, no percent-encoding, no extra segment.
    """
    if not isinstance(path, str) or len(path) > 64:
        return None
    match = _TILE_PATH.fullmatch(path)
    if match is None:
        return None
    z, x, y = (int(group) for group in match.groups())
    if z > MAX_ZOOM or x >= 1 << z or y >= 1 << z:
        return None
    return z, x, y


def _is_coordinate(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _mime_from_magic(data: bytes) -> str | None:
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if len(data) >= 12 and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return None


class MbtilesSource:
    """One MBTiles file, open read-only; `tile` may be called from any thread."""

    def __init__(
        self,
        path: Path,
        connection: sqlite3.Connection,
        *,
        mime_type: str,
        min_zoom: int,
        max_zoom: int,
        bounds: tuple[float, float, float, float] | None,
        name: str,
    ) -> None:
        # Use MbtilesSource.open(path): it checks the file before anything is served from it.
        self._path = path
        self._connection: sqlite3.Connection | None = connection
        # One connection shared by the worker threads, one query at a time: a tile is a single
        # indexed lookup, far cheaper than the HTTP round trip around it.
        self._lock = threading.Lock()
        self._mime_type = mime_type
        self._min_zoom = min_zoom
        self._max_zoom = max_zoom
        self._bounds = bounds
        self._name = name

    # ------------------------------------------------------------------------------------------ opening
    @classmethod
    def open(cls, path: str | Path) -> MbtilesSource:
        """Open `path` read-only and check it can serve raster tiles; raise MbtilesError otherwise."""
        path = Path(path)
        _check_sqlite_header(path)
        try:
            uri = path.resolve().as_uri() + "?mode=ro"
            connection = sqlite3.connect(uri, uri=True, check_same_thread=False)
        except (sqlite3.Error, OSError, ValueError) as exc:
            raise MbtilesError(f"Cannot open the MBTiles file {path}: {exc}") from exc
        try:
            connection.execute("PRAGMA query_only = ON")
            details = _read_details(path, connection)
        except MbtilesError:
            connection.close()
            raise
        except sqlite3.Error as exc:
            connection.close()
            raise MbtilesError(f"The MBTiles file {path} is damaged or not a valid SQLite database: {exc}") from exc
        return cls(path, connection, **details)

    # ------------------------------------------------------------------------------------------ properties
    @property
    def path(self) -> Path:
        return self._path

    @property
    def mime_type(self) -> str:
        """image/png, image/jpeg or image/webp: the Content-Type of every tile."""
        return self._mime_type

    @property
    def min_zoom(self) -> int:
        return self._min_zoom

    @property
    def max_zoom(self) -> int:
        return self._max_zoom

    @property
    def bounds(self) -> tuple[float, float, float, float] | None:
        """(west, south, east, north) in degrees, or None when the file does not say."""
        return self._bounds

    @property
    def name(self) -> str:
        return self._name

    # ------------------------------------------------------------------------------------------ tiles
    def tile(self, z: int, x: int, y: int) -> bytes | None:
        """The image of the XYZ tile (z, x, y), or None: no such tile, a coordinate off the grid, closed.

        Raises MbtilesError only when the database itself fails (a damaged page, the file gone).
        """
        if not (_is_coordinate(z) and _is_coordinate(x) and _is_coordinate(y)):
            return None
        if not 0 <= z <= MAX_ZOOM:
            return None
        side = 1 << z
        if not (0 <= x < side and 0 <= y < side):
            return None
        row = side - 1 - y  # XYZ (north at 0) to TMS (south at 0)
        with self._lock:
            if self._connection is None:
                return None  # closed: a worker racing with shutdown gets a miss, not a crash
            try:
                found = self._connection.execute(
                    "SELECT tile_data FROM tiles WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?",
                    (z, x, row),
                ).fetchone()
            except sqlite3.Error as exc:
                raise MbtilesError(f"Cannot read tile {z}/{x}/{y} from {self._path}: {exc}") from exc
        if found is None or not isinstance(found[0], bytes | bytearray | memoryview):
            return None
        return bytes(found[0])

    def close(self) -> None:
        """Close the file; `tile` answers None from then on. Closing twice is harmless."""
        with self._lock:
            connection, self._connection = self._connection, None
        if connection is not None:
            connection.close()

    def __enter__(self) -> MbtilesSource:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"MbtilesSource({str(self._path)!r}, {self._mime_type}, z{self._min_zoom}-{self._max_zoom})"


# ---------------------------------------------------------------------------------------------- checks
def _check_sqlite_header(path: Path) -> None:
    """Refuse early, with a plain message, what SQLite would otherwise open as an empty database."""
    if not path.exists():
        raise MbtilesError(f"The MBTiles file {path} does not exist.")
    if not path.is_file():
        raise MbtilesError(f"The MBTiles path {path} is not a file.")
    try:
        with path.open("rb") as stream:
            header = stream.read(len(_SQLITE_MAGIC))
    except OSError as exc:
        raise MbtilesError(f"Cannot read the MBTiles file {path}: {exc}") from exc
    if header != _SQLITE_MAGIC:
        what = "it is empty" if not header else "it does not start with the SQLite header"
        raise MbtilesError(f"{path} is not an MBTiles file: not an SQLite database ({what}).")


def _read_details(path: Path, connection: sqlite3.Connection) -> dict:
    kinds = dict(connection.execute("SELECT name, type FROM sqlite_master WHERE name IN ('tiles', 'metadata')"))
    if kinds.get("tiles") not in ("table", "view"):
        raise MbtilesError(f"{path} is an SQLite database but not an MBTiles file: it has no 'tiles' table.")
    columns = {row[1] for row in connection.execute("PRAGMA table_info(tiles)")}
    missing = sorted(_TILES_COLUMNS - columns)
    if missing:
        raise MbtilesError(f"The 'tiles' table of {path} lacks the column(s) {', '.join(missing)}.")

    metadata: dict[str, str] = {}
    if kinds.get("metadata") in ("table", "view"):
        for key, value in connection.execute("SELECT name, value FROM metadata"):
            if isinstance(key, str) and value is not None:
                metadata[key.strip().lower()] = str(value).strip()

    min_zoom = _zoom(path, metadata, "minzoom")
    max_zoom = _zoom(path, metadata, "maxzoom")
    if min_zoom is None or max_zoom is None:
        low, high = connection.execute("SELECT MIN(zoom_level), MAX(zoom_level) FROM tiles").fetchone()
        if not (_is_coordinate(low) and _is_coordinate(high) and 0 <= low <= high <= MAX_ZOOM):
            raise MbtilesError(f"{path} names no zoom levels (minzoom/maxzoom) and holds no usable tiles.")
        min_zoom = low if min_zoom is None else min_zoom
        max_zoom = high if max_zoom is None else max_zoom
    if min_zoom > max_zoom:
        raise MbtilesError(f"{path}: minzoom {min_zoom} is above maxzoom {max_zoom}.")

    return {
        "mime_type": _mime_type(path, metadata, connection),
        "min_zoom": min_zoom,
        "max_zoom": max_zoom,
        "bounds": _bounds(path, metadata),
        "name": metadata.get("name") or path.stem,
    }


def _mime_type(path: Path, metadata: dict[str, str], connection: sqlite3.Connection) -> str:
    declared = metadata.get("format", "").lower()
    if declared in _VECTOR_FORMATS:
        raise MbtilesError(
            f"{path} holds vector tiles (format '{declared}'); the map needs a raster base map (png, jpg or webp)."
        )
    if declared:
        if declared not in _MIME_BY_FORMAT:
            raise MbtilesError(f"{path} has tile format '{declared}'; the map shows png, jpg or webp tiles.")
        return _MIME_BY_FORMAT[declared]
    first = connection.execute("SELECT tile_data FROM tiles WHERE tile_data IS NOT NULL LIMIT 1").fetchone()
    if first is None:
        raise MbtilesError(f"{path} has no tiles and no 'format' in its metadata.")
    data = bytes(first[0]) if isinstance(first[0], bytes | bytearray | memoryview) else b""
    mime = _mime_from_magic(data)
    if mime is None:
        if data.startswith(b"\x1f\x8b"):
            raise MbtilesError(f"{path} seems to hold gzip-compressed vector tiles; the map needs a raster base map.")
        raise MbtilesError(f"{path} has no 'format' in its metadata and its tiles are not png, jpg or webp images.")
    return mime


def _zoom(path: Path, metadata: dict[str, str], key: str) -> int | None:
    text = metadata.get(key)
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not (value.is_integer() and 0 <= value <= MAX_ZOOM):
        raise MbtilesError(f"{path}: {key} '{text}' is not a zoom level from 0 to {MAX_ZOOM}.")
    return int(value)


def _bounds(path: Path, metadata: dict[str, str]) -> tuple[float, float, float, float] | None:
    text = metadata.get("bounds")
    if not text:
        return None
    try:
        west, south, east, north = (float(part) for part in text.split(","))
    except ValueError:
        raise MbtilesError(f"{path}: bounds '{text}' is not 'west,south,east,north' in degrees.") from None
    if not (
        all(math.isfinite(v) for v in (west, south, east, north))
        and -180 <= west <= 180
        and -180 <= east <= 180
        and -90 <= south <= north <= 90
    ):
        raise MbtilesError(f"{path}: bounds '{text}' is not 'west,south,east,north' in degrees.")
    return west, south, east, north
