"""The map's parts that need no backend: the page as built, its scheme's paths, the bridge's checks,
the layer payloads, saved map views, the shared record filter, and an MBTiles background drawn
in a real page."""

from __future__ import annotations

import math
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from map_support import write_test_mbtiles
from PIL import Image

from ioc_console.workspaces.map import layer_data, shape_query
from ioc_console.workspaces.map.bridge import checked_shape
from ioc_console.workspaces.map.map_views import map_view_data, read_map_view
from ioc_console.workspaces.map.mbtiles import MbtilesSource
from ioc_console.workspaces.map.page import HUE_CENTRE, BaseMap, build_page, check_xyz_url
from ioc_console.workspaces.map.scheme import asset_path
from ioc_domain.record_filter import RecordFilter

NOW = datetime(2026, 12, 5, 8, 0, tzinfo=UTC)


def label(resource: str, record: Any) -> str:
    return f"{resource}:{record.get('id')}"


# -- the page ------------------------------------------------------------------------------------
def test_the_page_names_no_outside_address_and_forbids_one():
    html = build_page()
    urls = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert urls and all(u.startswith(("iocmap://app/", "qrc:///qtwebchannel/")) for u in urls), urls
    assert "cdn" not in html and "https://" not in html and "http://" not in html
    policy = re.search(r'Content-Security-Policy" content="([^"]+)"', html).group(1)
    assert "default-src 'none'" in policy and "connect-src iocmap://app" in policy
    assert "IocMap.start(" in html  # the layer code starts after folium made the map


def test_a_tile_server_is_the_one_origin_the_page_may_add():
    base = BaseMap("xyz", xyz_url="https://tiles.example.vn/{z}/{x}/{y}.png")
    html = build_page(base)
    policy = re.search(r'Content-Security-Policy" content="([^"]+)"', html).group(1)
    assert "img-src iocmap://app data: blob: https://tiles.example.vn;" in policy
    assert "connect-src iocmap://app;" in policy  # tiles are images; nothing may be fetched from there
    mbtiles = build_page(BaseMap("mbtiles"))
    assert "iocmap://app/tiles/{z}/{x}/{y}.png" in mbtiles


@pytest.mark.parametrize(
    "url",
    [
        "ftp://tiles.example.vn/{z}/{x}/{y}.png",
        "https://tiles.example.vn/{z}/{x}.png",
        'https://tiles.example.vn/{z}/{x}/{y}.png"><script>',
        "javascript:alert(1)//{z}{x}{y}",
        "tiles.example.vn/{z}/{x}/{y}",
    ],
)
def test_a_wrong_tile_url_is_refused_with_its_reason(url):
    with pytest.raises(ValueError, match="tile URL"):
        check_xyz_url(url)


@pytest.mark.parametrize(
    "path",
    [
        "/assets/leaflet/../../../../etc/passwd",
        "/assets/leaflet/%2e%2e/x",
        "/assets/ioc/../map/ioc_map.js",
        "/assets/nope/leaflet.js",
        "/assets/leaflet/",
        "/assets/leaflet//leaflet.js",
        "/etc/passwd",
    ],
)
def test_the_scheme_serves_nothing_outside_its_asset_folders(path):
    assert asset_path(path) is None


def test_the_scheme_finds_the_local_leaflet_and_our_code():
    assert asset_path("/assets/leaflet/leaflet.js").name == "leaflet.js"
    assert asset_path("/assets/leaflet/images/marker-icon.png") is not None
    assert asset_path("/assets/ioc/ioc_map.js").name == "ioc_map.js"


# -- what the page may send back -------------------------------------------------------------------
def test_shapes_from_the_page_are_checked():
    circle = checked_shape({"circle": {"lat": 16.4, "lon": 107.5, "radius_km": 1.5}})
    assert circle == {"circle": {"lat": 16.4, "lon": 107.5, "radius_km": 1.5}}
    ring = [[16.4, 107.5], [16.5, 107.5], [16.5, 107.6]]
    assert checked_shape({"polygon": [*ring, ring[0]]})["polygon"][-1] == ring[0]
    for bad in (
        None,
        "circle",
        {"circle": {"lat": 91, "lon": 107.5, "radius_km": 1}},
        {"circle": {"lat": 16.4, "lon": 107.5, "radius_km": 0}},
        {"circle": {"lat": float("nan"), "lon": 107.5, "radius_km": 1}},
        {"polygon": [[16.4, 107.5], [16.5, 107.5]]},
        {"polygon": [[16.4, 107.5], [16.5, "x"], [16.5, 107.6], [16.4, 107.5]]},
    ):
        assert checked_shape(bad) is None


# -- layers ------------------------------------------------------------------------------------------
def test_alerts_layer_shows_open_alerts_by_category_shape_and_pulses_the_new():
    alerts = [
        {"id": 1, "state": "new", "analytic": "forest_fire", "severity": "critical", "lat": 16.4, "lon": 107.5},
        {
            "id": 2,
            "state": "acknowledged",
            "analytic": "illegal_parking",
            "severity": "info",
            "lat": 16.4,
            "lon": 107.6,
        },
        {"id": 3, "state": "closed", "analytic": "illegal_parking", "severity": "info", "lat": 16.4, "lon": 107.6},
        {"id": 4, "state": "new", "analytic": "x", "severity": "warning", "lat": "16.4", "lon": 107.6},
        {"id": 5, "state": "new", "analytic": "x", "severity": "warning", "lat": float("inf"), "lon": 107.6},
    ]
    items = layer_data.items_layer("alert", alerts, label, now=NOW)["items"]
    assert [i["id"] for i in items] == ["1", "2"]  # closed, and the two without a usable place, left out
    assert items[0]["pulse"] is True and items[1]["pulse"] is False
    assert items[0]["shape"] == "hexagon" and items[0]["colour"] == "critical"
    closed = layer_data.items_layer("alert", alerts, label, RecordFilter(statuses=frozenset({"closed"})), now=NOW)
    assert [i["id"] for i in closed["items"]] == ["3"]


def test_report_columns_follow_the_filter_and_colour_processed_reports_grey():
    rows = [
        ("1", 16.4, 107.5, "open", "hue_s", "Phường Phú Xuân", (NOW - timedelta(minutes=5)).isoformat()),
        ("2", 16.5, 107.6, "closed", "hotline", "Phường Phú Xuân", (NOW - timedelta(days=3)).isoformat()),
        ("3", None, 107.6, "open", "hue_s", "Phường Kim Long", NOW.isoformat()),
        ("4", 16.5, 107.6, "open", "hue_s", "Phường Kim Long", NOW.isoformat()),
    ]
    columns = layer_data.report_columns(rows, now=NOW)["columns"]
    assert columns["ids"] == ["1", "2", "4"] and columns["colour"] == [0, 1, 0]
    day = layer_data.report_columns(rows, RecordFilter(window="day", wards=frozenset({"Phường Phú Xuân"})), now=NOW)
    assert day["columns"]["ids"] == ["1"]
    hotline = layer_data.report_columns(rows, RecordFilter(categories=frozenset({"hotline"})), now=NOW)
    assert hotline["columns"]["ids"] == ["2"]


def test_ward_and_warning_areas_skip_what_is_malformed():
    wards = layer_data.ward_areas(
        {
            "wards": [
                {"name": "<b>A</b>", "polygon": [[16.4, 107.5], [16.5, 107.5], [16.5, 107.6], [16.4, 107.5]]},
                {"name": "B", "polygon": [[16.4, 107.5], [16.5]]},
                "junk",
            ]
        }
    )
    assert [a["label"] for a in wards["areas"]] == ["<b>A</b>"]  # the page shows labels as text only
    warnings = layer_data.warning_areas(
        [
            {
                "id": 1,
                "state": "published",
                "msg_type": "Alert",
                "area": {"circle": {"lat": 16.4, "lon": 107.5, "radius_km": 3}},
            },
            {
                "id": 2,
                "state": "draft",
                "msg_type": "Alert",
                "area": {"circle": {"lat": 16.4, "lon": 107.5, "radius_km": 3}},
            },
            {
                "id": 3,
                "state": "published",
                "msg_type": "Cancel",
                "area": {"circle": {"lat": 16.4, "lon": 107.5, "radius_km": 3}},
            },
            {
                "id": 4,
                "state": "external",
                "msg_type": "Alert",
                "area": {"polygon": [[16.4, 107.5], [16.5, 107.5], [16.5, 107.6]]},
            },
            {
                "id": 5,
                "state": "external",
                "msg_type": "Alert",
                "area": {"circle": {"lat": 16.4, "lon": 107.5, "radius_km": -1}},
            },
        ],
        label,
    )
    assert [a["id"] for a in warnings["areas"]] == ["1", "4"]


# -- the shared filter and saved views ------------------------------------------------------------------
def test_a_filter_part_narrows_only_the_resources_whose_words_it_uses():
    fire = RecordFilter(categories=frozenset({"forest_fire"}))
    assert fire.matches("alert", {"analytic": "forest_fire"}) and not fire.matches(
        "alert", {"analytic": "illegal_parking"}
    )
    assert fire.matches("camera", {"category": "forest_fire"}) and not fire.matches("camera", {"category": "traffic"})
    assert fire.matches("report", {"source": "hue_s"})  # a report has no such category: not narrowed
    closed = RecordFilter(statuses=frozenset({"closed"}))
    assert not closed.matches("report", {"status": "open"}) and closed.matches("camera", {"status": "online"})
    hour = RecordFilter(window="hour")
    assert hour.matches("alert", {"detected_at": (NOW - timedelta(minutes=10)).isoformat()}, NOW)
    assert not hour.matches("alert", {"detected_at": (NOW - timedelta(hours=2)).isoformat()}, NOW)
    assert not hour.matches("alert", {"detected_at": "garbage"}, NOW)
    assert hour.matches("camera", {"status": "online"}, NOW)  # cameras have no time: not narrowed


def test_a_filter_travels_as_a_mapping_and_refuses_junk():
    custom = RecordFilter(
        window="custom",
        since=NOW - timedelta(days=2),
        until=NOW,
        categories=frozenset({"traffic"}),
        statuses=frozenset({"new"}),
        wards=frozenset({"Phường Vỹ Dạ"}),
    )
    assert RecordFilter.from_dict(custom.to_dict()) == custom
    assert RecordFilter.from_dict(None) == RecordFilter() and RecordFilter().is_empty
    for junk in (
        {"window": "fortnight"},
        {"window": 3},
        {"categories": "traffic"},
        {"wards": [1, 2]},
        {"window": "custom", "since": "yesterday"},
        {"window": "custom", "since": NOW.isoformat(), "until": (NOW - timedelta(days=1)).isoformat()},
        ["not", "a", "mapping"],
    ):
        with pytest.raises(ValueError):
            RecordFilter.from_dict(junk)  # type: ignore[arg-type]


def test_a_map_view_round_trips_and_junk_falls_back():
    record_filter = RecordFilter(window="week", wards=frozenset({"Phường An Cựu"}))
    data = map_view_data(
        {"lat": 16.45, "lon": 107.6, "zoom": 13}, {"cameras": True, "reports": False}, True, record_filter
    )
    view, visible, density, read_filter = read_map_view(data)
    assert view == {"lat": 16.45, "lon": 107.6, "zoom": 13.0}
    assert visible["cameras"] is True and visible["reports"] is False and visible["alerts"] is True
    assert density is True and read_filter == record_filter
    view, visible, density, read_filter = read_map_view(
        {"center": {"lat": "x", "lon": 107}, "zoom": 99, "layers": "all", "filter": {"window": "fortnight"}}
    )
    assert view is None and visible == {} and density is False and read_filter == RecordFilter()


# -- an MBTiles background in a real page -----------------------------------------------------------------
def _tile_xy(lat: float, lon: float, zoom: int) -> tuple[int, int]:
    n = 2**zoom
    x = int((lon + 180) / 360 * n)
    y = int((1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n)
    return x, y


def test_an_mbtiles_file_is_the_background_with_its_rows_flipped(qtbot, tmp_path: Path):
    from io import BytesIO

    from ioc_console.workspaces.map.map_view import MapView

    def png(colour: tuple[int, int, int]) -> bytes:
        out = BytesIO()
        Image.new("RGB", (256, 256), colour).save(out, "PNG")
        return out.getvalue()

    zoom = 10
    cx, cy = _tile_xy(*HUE_CENTRE, zoom)
    red, blue = png((220, 30, 30)), png((30, 30, 220))
    tiles = {(zoom, x, y): red for x in range(cx - 4, cx + 5) for y in range(cy - 4, cy + 5)}
    # Where the TMS row of the centre tile would land if the flip were missing: blue.
    tiles[(zoom, cx, 2**zoom - 1 - cy)] = blue
    path = tmp_path / "hue.mbtiles"
    write_test_mbtiles(path, tiles)
    source = MbtilesSource.open(path)
    view = MapView(BaseMap("mbtiles", max_zoom=18), source)
    qtbot.addWidget(view)
    view.resize(900, 700)
    view.show()
    view.load()
    with qtbot.waitSignal(view.layers_ready, timeout=30_000):
        view.load_layers({"wards": {"areas": []}})

    def centre_is_red() -> bool:
        image = view.snapshot()
        pixel = image.pixelColor(image.width() // 2, image.height() // 2)  # Huế centre: tile (cx, cy)
        return pixel.red() > 180 and pixel.blue() < 80

    qtbot.waitUntil(centre_is_red, timeout=30_000)
    assert view.external_requests == []
    view.close()
    shiboken6.delete(view)
    source.close()


def test_a_live_patch_moves_items_on_and_off_their_layer():
    known: dict[str, Any] = {"1": {"id": 1}}
    changed = {
        "1": {"id": 1, "state": "closed", "analytic": "smoke", "severity": "warning", "lat": 16.4, "lon": 107.5},
        "2": {"id": 2, "state": "new", "analytic": "smoke", "severity": "warning", "lat": 16.4, "lon": 107.5},
        "3": None,
        "4": {"id": 4, "state": "new", "analytic": "smoke", "severity": "warning", "lat": None, "lon": 107.5},
    }
    patch = layer_data.patch_of("alert", changed, known, label, RecordFilter(), NOW)
    assert [i["id"] for i in patch["upserts"]] == ["2"]
    assert sorted(patch["removals"]) == ["1", "3", "4"]  # closed, deleted, no place
    assert set(known) == {"1", "2", "4"}  # the workspace keeps every record it knows of
    closed_view = layer_data.patch_of("alert", changed, known, label, RecordFilter(statuses=frozenset({"closed"})), NOW)
    assert [i["id"] for i in closed_view["upserts"]] == ["1"]


def test_a_shape_lists_what_the_map_shows_inside_it():
    circle = {"circle": {"lat": 16.46, "lon": 107.59, "radius_km": 1.0}}
    records = {
        "alerts": {
            "1": {"id": 1, "state": "new", "analytic": "smoke", "lat": 16.461, "lon": 107.591},
            "2": {"id": 2, "state": "closed", "analytic": "smoke", "lat": 16.461, "lon": 107.591},
            "3": {"id": 3, "state": "new", "analytic": "smoke", "lat": 16.6, "lon": 107.591},
        },
        "cameras": {"c": {"id": "c", "status": "online", "lat": 16.462, "lon": 107.59}},
    }
    inside = shape_query.records_inside(records, {"alerts", "cameras"}, RecordFilter(), circle, NOW)
    assert sorted((kind, str(r["id"])) for kind, r in inside) == [("alert", "1"), ("camera", "c")]
    assert shape_query.records_inside(records, {"cameras"}, RecordFilter(), circle, NOW) == [
        ("camera", records["cameras"]["c"])
    ]
    points = [
        ("10", 16.4605, 107.5905, "open", "hue_s", "Phường Thuận Hóa", NOW.isoformat()),
        ("11", 16.4605, 107.5905, "closed", "hotline", "Phường Thuận Hóa", NOW.isoformat()),
        ("12", 16.7, 107.5905, "open", "hue_s", "Phường Thuận Hóa", NOW.isoformat()),
        ("13", None, 107.5905, "open", "hue_s", "Phường Thuận Hóa", NOW.isoformat()),
    ]
    assert shape_query.report_ids_inside(points, RecordFilter(), circle, NOW) == ["10", "11"]
    hotline = RecordFilter(categories=frozenset({"hotline"}))
    assert shape_query.report_ids_inside(points, hotline, circle, NOW) == ["11"]


def test_a_layer_keeps_only_its_newest_payloads_in_memory(qtbot):
    from ioc_console.workspaces.map.map_view import MapView

    view = MapView()
    qtbot.addWidget(view)
    for _ in range(5):
        view.load_layers({"reports": {"columns": {"ids": []}}, "wards": {"areas": []}})
    view.load_layers({"wards": {"areas": []}})  # a partial reload leaves the reports' payloads alone
    held = sorted(view.scheme._data)
    assert held == ["reports-4.json", "reports-5.json", "wards-5.json", "wards-6.json"]
    view.close()
    shiboken6.delete(view)
