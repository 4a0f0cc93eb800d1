"""``ioc-backend --import-cameras FILE``: good rows imported (and synced), bad rows reported by line."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from backend_process import BackendProcess, start_backend
from backend_testkit import Api

ROOT = Path(__file__).resolve().parents[2]
SECRET = "Imp0rt-Secret"

GOOD_AND_BAD = f"""\
id,name,ward,category,lat,lon,ptz,status,main_stream_url,sub_stream_url,presets
cam-9001,Cầu Dã Viên,Phường Thủy Xuân,traffic,16.46,107.57,yes,,rtsp://v:{SECRET}@10.1.1.1/c1,,1:Toàn cảnh;2:Cầu;5:Bến
cam-9002,"Chợ Đông Ba
cổng chính",Phường Phú Xuân,urban_order,16.474,107.589,no,degraded,,https://nvr.hue.local/9002/sub,
cam-9003,Sai loại,Phường Phú Xuân,parking,16.47,107.58,,,,,
cam-9004,Sai đường dẫn,Phường Phú Xuân,traffic,16.47,107.58,,,ftp://viewer:{SECRET}@10.1.1.2/x,,

cam-9005,Thiếu vĩ độ,Phường Phú Xuân,traffic,,107.58,,,,,
cam-9006,Cố định có preset,Phường Phú Xuân,traffic,16.47,107.58,false,,,,1:Toàn cảnh
cam-9001,Trùng mã,Phường Phú Xuân,traffic,16.47,107.58,,,,,
cam-9007,Thiếu ô,Phường Phú Xuân
cam-9008,Hồ Tịnh Tâm - Toàn cảnh,Phường Phú Xuân,tourism,16.4739,107.5796,,,,,
"""
# Line numbers of the bad rows above (the quoted name of cam-9002 spans two lines; line 7 is blank).
BAD_LINES = {5: "category 'parking'", 6: "must start with one of", 8: "lat '' is not a number", 9: "ptz is not true"}
BAD_LINES |= {10: "already on line 2", 11: "has 3 cells"}


@pytest.fixture(scope="module")
def running(tmp_path_factory) -> Iterator[tuple[BackendProcess, Api]]:
    proc = start_backend(tmp_path_factory.mktemp("import-backend"))
    api = Api(proc.url)
    yield proc, api
    api.close()
    proc.stop()


def import_cameras(csv_path: Path, db: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    return subprocess.run(
        [sys.executable, "-m", "ioc_backend", "--db", str(db), "--import-cameras", str(csv_path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def newest_cursor(api: Api) -> int:
    return int(api.get("/sync", api.token("operator"), params={"since": 10**12}).json()["cursor"])


def synced_cameras(api: Api, since: int) -> dict[str, dict[str, Any]]:
    page = api.get("/sync", api.token("operator"), params={"since": since}).json()
    return {c["id"]: c["data"] for c in page["changes"] if c["resource"] == "camera"}


def test_good_rows_are_imported_and_synced_and_bad_ones_reported_by_line(running, tmp_path: Path) -> None:
    proc, api = running
    csv_path = tmp_path / "cameras.csv"
    csv_path.write_text(GOOD_AND_BAD, encoding="utf-8-sig")  # as Excel saves it: with a BOM
    cursor = newest_cursor(api)

    done = import_cameras(csv_path, proc.db_path)  # into the database the running backend serves

    assert done.returncode == 1, done.stderr
    reported = [line for line in done.stderr.splitlines() if line.startswith(f"{csv_path}:")]
    assert [int(line.split(":")[1]) for line in reported] == sorted(BAD_LINES)
    for line in reported:
        assert BAD_LINES[int(line.split(":")[1])] in line, line
    assert SECRET not in done.stderr + done.stdout
    assert "3 new" in done.stdout and "6 bad row(s)" in done.stdout

    cameras = synced_cameras(api, cursor)  # consoles receive them through /sync
    assert sorted(cameras) == ["cam-9001", "cam-9002", "cam-9008"]
    first = cameras["cam-9001"]
    assert (first["name"], first["ward"], first["category"], first["ptz"]) == (
        "Cầu Dã Viên",
        "Phường Thủy Xuân",
        "traffic",
        True,
    )
    assert first["main_stream_url"] == f"rtsp://v:{SECRET}@10.1.1.1/c1"  # an operator may play video
    assert first["sub_stream_url"].endswith("/api/v1/streams/cam-9001/sub.mjpeg")
    assert first["ptz_presets"] == [
        {"id": 1, "name": "Toàn cảnh"},
        {"id": 2, "name": "Cầu"},
        {"id": 5, "name": "Bến"},
    ]
    second = cameras["cam-9002"]
    assert (second["name"], second["status"], second["ptz"]) == ("Chợ Đông Ba\ncổng chính", "degraded", False)
    assert second["sub_stream_url"] == "https://nvr.hue.local/9002/sub"
    assert cameras["cam-9008"]["status"] == "online" and cameras["cam-9008"]["ptz_presets"] == []
    for missing in ("cam-9003", "cam-9004", "cam-9005", "cam-9006", "cam-9007"):
        assert api.get(f"/cameras/{missing}", api.token("operator")).status_code == 404


def test_reimporting_updates_only_what_changed_and_keeps_columns_left_out(running, tmp_path: Path) -> None:
    proc, api = running
    before = api.get("/cameras/cam-0001", api.token("admin")).json()
    first = tmp_path / "first.csv"
    row = f"cam-0001,Tên mới,{before['ward']},{before['category']},{before['lat']},{before['lon']}"
    first.write_text(f"id,name,ward,category,lat,lon,sub_stream_url\n{row},rtsp://10.9.9.9/sub\n", encoding="utf-8")
    assert import_cameras(first, proc.db_path).returncode == 0
    updated = api.get("/cameras/cam-0001", api.token("admin")).json()
    assert (updated["name"], updated["sub_stream_url"], updated["version"]) == (
        "Tên mới",
        "rtsp://10.9.9.9/sub",
        before["version"] + 1,
    )
    # Without the sub_stream_url column the vendor URL stays; the same values again change nothing.
    again = tmp_path / "again.csv"
    again.write_text(f"ID, Name ,Ward,Category,Lat,Lon\n{row}\n", encoding="utf-8")
    done = import_cameras(again, proc.db_path)
    assert done.returncode == 0, done.stderr
    assert "1 unchanged" in done.stdout
    kept = api.get("/cameras/cam-0001", api.token("admin")).json()
    assert (kept["sub_stream_url"], kept["version"], kept["ptz_presets"]) == (
        "rtsp://10.9.9.9/sub",
        updated["version"],
        before["ptz_presets"],
    )


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"id,name,ward,category,lat\n", "required column(s) missing: lon"),
        (b"id,name,ward,category,lat,lon,colour\n", "unknown column(s) colour"),
        (b"id,name,ward,category,lat,lon\ncam-9100,Ch\xe1,W,traffic,1,2\n", "line 2: the file is not UTF-8"),
        (b"", "the file is empty"),
    ],
)
def test_a_file_that_cannot_be_read_imports_nothing(tmp_path: Path, content: bytes, problem: str) -> None:
    csv_path = tmp_path / "bad.csv"
    csv_path.write_bytes(content)
    done = import_cameras(csv_path, tmp_path / "empty.sqlite3")
    assert done.returncode == 2
    assert problem in done.stderr and "nothing was imported" in done.stderr
    assert "Traceback" not in done.stderr


def test_the_help_documents_the_columns() -> None:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    shown = subprocess.run(
        [sys.executable, "-m", "ioc_backend", "--help"], env=env, capture_output=True, text=True, timeout=60
    )
    text = " ".join(shown.stdout.split())
    assert "--import-cameras FILE" in text
    for column in ("id, name, ward, category, lat, lon", "main_stream_url", "sub_stream_url", "presets"):
        assert column in text
