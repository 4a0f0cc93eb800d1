"""The map's MBTiles source: TMS rows, strict tile paths, clear errors, thread-safe read-only reads."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from map_support import tile_image, write_test_mbtiles

from ioc_console.workspaces.map.mbtiles import MbtilesError, MbtilesSource, parse_tile_path

ROOT = Path(__file__).resolve().parents[2]
RED = tile_image((200, 30, 30))
BLUE = tile_image((30, 30, 200))


@pytest.fixture()
def mbtiles(tmp_path) -> Path:
    return write_test_mbtiles(
        tmp_path / "hue.mbtiles",
        {(0, 0, 0): BLUE, (3, 2, 1): RED},
        name="Huế",
        metadata={"bounds": "107.5,16.3,107.7,16.55"},
    )


@pytest.fixture()
def source(mbtiles) -> MbtilesSource:
    with MbtilesSource.open(mbtiles) as opened:
        yield opened


# ---------------------------------------------------------------------------------------------- tiles
def test_tiles_are_read_with_xyz_coordinates_and_tms_rows(source):
    assert source.tile(3, 2, 1) == RED
    assert source.tile(3, 2, 6) is None  # the TMS row of (3, 2, 1): the caller never sees it
    assert source.tile(0, 0, 0) == BLUE


def test_stored_row_is_the_tms_row(mbtiles):
    with sqlite3.connect(mbtiles) as check:
        rows = check.execute("SELECT zoom_level, tile_column, tile_row FROM tiles ORDER BY zoom_level").fetchall()
    assert rows == [(0, 0, 0), (3, 2, 6)]


@pytest.mark.parametrize(
    "z, x, y",
    [
        (3, 2, 2),  # in range, absent
        (5, 0, 0),  # zoom beyond the file
        (-1, 0, 0),
        (3, -1, 1),
        (3, 2, -1),
        (3, 8, 1),  # x == 2**z
        (3, 2, 8),
        (25, 0, 0),
        (10**9, 0, 0),
        (3, 10**30, 1),
        (3, 2, 2**64),
        (True, 0, 0),
        ("3", "2", "1"),
        (3.0, 2.0, 1.0),
        (None, 0, 0),
    ],
)
def test_absent_or_impossible_tiles_are_none(source, z, x, y):
    assert source.tile(z, x, y) is None


def test_metadata_properties(source, mbtiles):
    assert source.mime_type == "image/png"
    assert (source.min_zoom, source.max_zoom) == (0, 3)
    assert source.bounds == (107.5, 16.3, 107.7, 16.55)
    assert source.name == "Huế"
    assert source.path == mbtiles


def test_missing_metadata_falls_back_to_the_tiles(tmp_path):
    path = write_test_mbtiles(tmp_path / "bare.mbtiles", {(2, 1, 1): RED, (4, 3, 3): RED}, fmt=None)
    with sqlite3.connect(path) as edit:
        edit.execute("DELETE FROM metadata")
    with MbtilesSource.open(path) as source:
        assert source.mime_type == "image/png"
        assert (source.min_zoom, source.max_zoom) == (2, 4)
        assert source.bounds is None
        assert source.name == "bare"


@pytest.mark.parametrize(
    "fmt, mime",
    [("png", "image/png"), ("jpg", "image/jpeg"), ("jpeg", "image/jpeg"), ("webp", "image/webp"), ("PNG", "image/png")],
)
def test_mime_type_from_metadata(tmp_path, fmt, mime):
    path = write_test_mbtiles(tmp_path / "t.mbtiles", {(0, 0, 0): RED}, fmt=fmt)
    with MbtilesSource.open(path) as source:
        assert source.mime_type == mime


@pytest.mark.parametrize("pil_format, mime", [("PNG", "image/png"), ("JPEG", "image/jpeg"), ("WEBP", "image/webp")])
def test_mime_type_from_magic_bytes_when_format_is_missing(tmp_path, pil_format, mime):
    data = tile_image(fmt=pil_format)
    path = write_test_mbtiles(tmp_path / "t.mbtiles", {(1, 0, 0): data}, fmt=None)
    with MbtilesSource.open(path) as source:
        assert source.mime_type == mime
        assert source.tile(1, 0, 0) == data


def test_tiles_as_a_view_are_served(tmp_path):
    """The deduplicated layout (map + images joined by a `tiles` view) is valid MBTiles too."""
    path = tmp_path / "view.mbtiles"
    with sqlite3.connect(path) as db:
        db.executescript(
            """
            CREATE TABLE metadata (name TEXT, value TEXT);
            CREATE TABLE map (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_id TEXT);
            CREATE TABLE images (tile_id TEXT, tile_data BLOB);
            CREATE VIEW tiles AS SELECT map.zoom_level AS zoom_level, map.tile_column AS tile_column,
                map.tile_row AS tile_row, images.tile_data AS tile_data
                FROM map JOIN images ON images.tile_id = map.tile_id;
            INSERT INTO metadata VALUES ('format', 'png'), ('name', 'view');
            INSERT INTO map VALUES (1, 1, 0, 'a');
            """
        )
        db.execute("INSERT INTO images VALUES ('a', ?)", (RED,))
    with MbtilesSource.open(path) as source:
        assert source.tile(1, 1, 1) == RED
        assert source.tile(1, 1, 0) is None


def test_closed_source_answers_none(mbtiles):
    source = MbtilesSource.open(mbtiles)
    source.close()
    source.close()
    assert source.tile(3, 2, 1) is None


# ---------------------------------------------------------------------------------------------- errors
def _open_error(path) -> str:
    with pytest.raises(MbtilesError) as caught:
        MbtilesSource.open(path)
    return str(caught.value)


def test_missing_file(tmp_path):
    assert "does not exist" in _open_error(tmp_path / "nowhere.mbtiles")


def test_directory(tmp_path):
    assert "not a file" in _open_error(tmp_path)


def test_not_sqlite(tmp_path):
    text = tmp_path / "notes.mbtiles"
    text.write_text("these are not tiles\n" * 50)
    assert "not an SQLite database" in _open_error(text)
    empty = tmp_path / "empty.mbtiles"
    empty.write_bytes(b"")
    assert "not an SQLite database (it is empty)" in _open_error(empty)


def test_corrupt_file(tmp_path, mbtiles):
    """The SQLite header, then garbage: SQLite's own complaint, worded for the operator."""
    corrupt = tmp_path / "corrupt.mbtiles"
    corrupt.write_bytes(mbtiles.read_bytes()[:16] + bytes(range(256)) * 64)
    message = _open_error(corrupt)
    assert "damaged or not a valid SQLite database" in message
    assert str(corrupt) in message


def test_sqlite_without_tiles(tmp_path):
    path = tmp_path / "other.sqlite"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE metadata (name TEXT, value TEXT)")
    assert "has no 'tiles' table" in _open_error(path)


def test_tiles_table_without_the_spec_columns(tmp_path):
    path = tmp_path / "odd.mbtiles"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE tiles (z INTEGER, x INTEGER, y INTEGER, tile_data BLOB)")
    message = _open_error(path)
    assert "lacks the column(s)" in message
    assert "tile_column, tile_row, zoom_level" in message


@pytest.mark.parametrize("fmt", ["pbf", "mvt"])
def test_vector_tiles_are_refused(tmp_path, fmt):
    path = write_test_mbtiles(tmp_path / "vector.mbtiles", {(0, 0, 0): b"\x1f\x8b\x08\x00vector"}, fmt=fmt)
    assert "vector tiles" in _open_error(path)


def test_gzip_tiles_without_format_are_refused_as_vector(tmp_path):
    path = write_test_mbtiles(tmp_path / "vector.mbtiles", {(0, 0, 0): b"\x1f\x8b\x08\x00vector"}, fmt=None)
    assert "vector tiles" in _open_error(path)


def test_unknown_format_and_unknown_magic(tmp_path):
    path = write_test_mbtiles(tmp_path / "a.mbtiles", {(0, 0, 0): RED}, fmt="tiff")
    assert "format 'tiff'" in _open_error(path)
    path = write_test_mbtiles(tmp_path / "b.mbtiles", {(0, 0, 0): b"GIF89a..."}, fmt=None)
    assert "not png, jpg or webp" in _open_error(path)


def test_no_tiles_and_no_format(tmp_path):
    path = write_test_mbtiles(tmp_path / "empty.mbtiles", {}, fmt=None)
    assert "holds no usable tiles" in _open_error(path)


@pytest.mark.parametrize(
    "metadata, words",
    [
        ({"minzoom": "zero"}, "minzoom 'zero'"),
        ({"maxzoom": "31"}, "maxzoom '31'"),
        ({"minzoom": "-1"}, "minzoom '-1'"),
        ({"minzoom": "5", "maxzoom": "2"}, "above maxzoom"),
        ({"bounds": "107,16,108"}, "bounds '107,16,108'"),
        ({"bounds": "a,b,c,d"}, "bounds"),
        ({"bounds": "107,17,108,16"}, "bounds"),
        ({"bounds": "107,16,nan,17"}, "bounds"),
    ],
)
def test_bad_metadata_is_refused(tmp_path, metadata, words):
    path = write_test_mbtiles(tmp_path / "bad.mbtiles", {(3, 2, 1): RED}, metadata=metadata)
    assert words in _open_error(path)


# ---------------------------------------------------------------------------------------------- threads, read-only
def test_concurrent_reads_from_worker_threads(tmp_path):
    tiles = {(4, x, y): tile_image((x * 16, y * 16, 100)) for x in range(16) for y in range(0, 16, 3)}
    path = write_test_mbtiles(tmp_path / "many.mbtiles", tiles)
    wanted = [key for _ in range(10) for key in tiles] + [(4, 0, 1), (4, 20, 0)] * 20
    with MbtilesSource.open(path) as source, ThreadPoolExecutor(max_workers=8) as pool:
        got = list(pool.map(lambda key: source.tile(*key), wanted))
    assert got == [tiles.get(key) for key in wanted]


def test_file_is_opened_read_only(mbtiles):
    before = (mbtiles.stat().st_mtime_ns, hashlib.sha256(mbtiles.read_bytes()).hexdigest())
    source = MbtilesSource.open(mbtiles)
    try:
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            source._connection.execute("DELETE FROM tiles")
        # Not only PRAGMA query_only: the connection itself is read-only (mode=ro).
        source._connection.execute("PRAGMA query_only = OFF")
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            source._connection.execute("DELETE FROM tiles")
        assert source.tile(3, 2, 1) == RED
    finally:
        source.close()
    after = (mbtiles.stat().st_mtime_ns, hashlib.sha256(mbtiles.read_bytes()).hexdigest())
    assert after == before
    assert sorted(p.name for p in mbtiles.parent.glob("hue*")) == ["hue.mbtiles"]  # no journal left behind


def test_paths_with_uri_characters_open(tmp_path):
    """The read-only URI is built from the path: '?', '#', '%' and spaces in a name must not cut it."""
    folder = tmp_path / "bản đồ #1 %20 ?x"
    folder.mkdir()
    path = write_test_mbtiles(folder / "huế?mode=rw.mbtiles", {(0, 0, 0): RED})
    with MbtilesSource.open(path) as source:
        assert source.tile(0, 0, 0) == RED
        source._connection.execute("PRAGMA query_only = OFF")
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            source._connection.execute("DELETE FROM tiles")


def test_module_imports_no_qt():
    probe = (
        "import importlib.util, json, sys\n"
        "spec = importlib.util.spec_from_file_location('mbtiles', sys.argv[1])\n"
        "module = importlib.util.module_from_spec(spec); spec.loader.exec_module(module)\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in {'PySide6', 'shiboken6'})))\n"
    )
    module = ROOT / "ioc_console" / "workspaces" / "map" / "mbtiles.py"
    out = subprocess.run([sys.executable, "-c", probe, str(module)], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) == []


# ---------------------------------------------------------------------------------------------- tile paths
@pytest.mark.parametrize(
    "path, expected",
    [
        ("/tiles/0/0/0.png", (0, 0, 0)),
        ("/tiles/3/2/1.png", (3, 2, 1)),
        ("/tiles/3/2/1.jpg", (3, 2, 1)),
        ("/tiles/3/2/1.jpeg", (3, 2, 1)),
        ("/tiles/3/2/1.webp", (3, 2, 1)),
        ("/tiles/3/2/1", (3, 2, 1)),
        ("/tiles/24/16777215/16777215.png", (24, 16777215, 16777215)),
        ("/tiles/16/52345/30123.png", (16, 52345, 30123)),
    ],
)
def test_parse_tile_path_accepts_canonical_paths(path, expected):
    assert parse_tile_path(path) == expected


@pytest.mark.parametrize(
    "path",
    [
        "",
        "/",
        "/tiles",
        "/tiles/",
        "/tiles/3/2",
        "/tiles/3/2/",
        "/tiles/3/2/1/",
        "/tiles/3/2/1/0.png",  # extra segment
        "/tiles/3/2/1.png/x",
        "/x/tiles/3/2/1.png",
        "tiles/3/2/1.png",
        "//tiles/3/2/1.png",
        "/tiles//3/2/1.png",
        "/TILES/3/2/1.png",
        "/tiles/../3/2/1.png",
        "/tiles/3/../2/1.png",
        "/tiles/3/2/../1.png",
        "/tiles/3/2/1.png/..",
        "/tiles/%2e%2e/3/2/1.png",
        "/tiles/3/2/%2e%2e",
        "/tiles/%33/2/1.png",
        "/tiles/3/2/1%2epng",
        "/tiles/3/2/1.png%00",
        "/tiles/3/2/1.png\x00",
        "/tiles/3/2/1.png\n",
        "/tiles/3\n/2/1.png",
        "\n/tiles/3/2/1.png",
        " /tiles/3/2/1.png",
        "/tiles/3/2/1.png ",
        "/tiles/3/2/1.png?x=1",
        "/tiles/3/2/1.png#f",
        "/tiles\\3\\2\\1.png",
        "/tiles/-1/0/0.png",
        "/tiles/3/-2/1.png",
        "/tiles/3/2/-1.png",
        "/tiles/+3/2/1.png",
        "/tiles/3/2/1e0.png",
        "/tiles/3/2/1.0.png",
        "/tiles/3/2/0x1.png",
        "/tiles/3/2/1_0.png",
        "/tiles/a/2/1.png",
        "/tiles/3/b/1.png",
        "/tiles/3/2/c.png",
        "/tiles/3/2/1.PNG",
        "/tiles/3/2/1.gif",
        "/tiles/3/2/1.png.png",
        "/tiles/3/2/1.",
        "/tiles/03/2/1.png",  # leading zeros: one canonical path per tile
        "/tiles/3/02/1.png",
        "/tiles/3/2/01.png",
        "/tiles/3/8/1.png",  # x == 2**z
        "/tiles/3/2/8.png",
        "/tiles/0/1/0.png",
        "/tiles/25/0/0.png",  # z > 24
        "/tiles/99/0/0.png",
        "/tiles/100/0/0.png",
        "/tiles/24/16777216/0.png",
        "/tiles/3/" + "9" * 5000 + "/1.png",  # huge numbers, never converted
        "/tiles/" + "1" * 100000 + "/0/0.png",
        "/tiles/3/\u0662/1.png",  # Arabic-Indic digit two: a Unicode digit, not an ASCII one
        "/tiles/\uff13/2/1.png",  # fullwidth three
        "/tiles/3/2/1\u200b.png",
    ],
)
def test_parse_tile_path_refuses_everything_else(path):
    assert parse_tile_path(path) is None


@pytest.mark.parametrize("value", [None, b"/tiles/3/2/1.png", 3, ["/tiles/3/2/1.png"]])
def test_parse_tile_path_refuses_non_strings(value):
    assert parse_tile_path(value) is None
