"""The briefing pack made from the real dashboards and sensor panel, read back: each page holds its key
figures exactly as the backend's /stats/* answers give them for the same period, each with its
"lúc HH:MM" as-of time, and the chosen sensor's live value with the time of its reading."""

from __future__ import annotations

import re
import time
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import requests
from console_helpers import CLIENT_OPTIONS, ENGINE_OPTIONS, WAIT_MS, http_headers, sign_in
from pypdf import PdfReader

from ioc_console.services.briefing import BriefingFigure
from ioc_console.services.event_text import LOCAL_TZ, parse_time, status_label
from ioc_console.shell.briefing_pack import as_of_text
from ioc_console.workspaces.dashboards import kpi_feed, kpi_text
from ioc_console.workspaces.dashboards.kpi_feed import Answer
from ioc_console.workspaces.sensors.sensor_model import value_text
from ioc_domain.dashboard_definition import (
    ALERT_FUNNEL,
    CAMERAS,
    REPORTS,
    SENSORS,
    TASKS,
    DashboardDefinition,
    default_dashboards,
    figure_value,
    total_figures,
)

API = "/api/v1"
PATHS = {
    REPORTS: "/stats/reports",
    TASKS: "/stats/tasks",
    ALERT_FUNNEL: "/stats/alert-funnel",
    CAMERAS: "/stats/cameras",
    SENSORS: "/stats/sensors",
}
PAGES = ["dashboards:leaders", "dashboards:operators", "sensors:trend"]


@pytest.fixture(autouse=True)
def _vietnamese(languages):
    languages.set_language("vi")  # the pack says "lúc 14:32"


def _preset(name: str) -> DashboardDefinition:
    return next(d for d in default_dashboards() if d.preset == name)


def _flat(text: str) -> str:
    return " ".join(text.split())


class StatsFromTheApi:
    """The test's own requests to /stats/*, for the period an answer of the console's covered."""

    def __init__(self, url: str, headers: dict[str, str]) -> None:
        self.url, self.headers = url, headers
        self._seen: dict[tuple[Any, ...], dict[str, Any]] = {}

    def same_as(self, source: str, group_by: str | None, console_answer: dict[str, Any]) -> dict[str, Any]:
        params: dict[str, Any] = {}
        if source in (REPORTS, TASKS, ALERT_FUNNEL):
            params = {"since": console_answer["since"], "until": console_answer["until"]}
            if group_by:
                params["group_by"] = group_by
        if console_answer.get("ward"):
            params["ward"] = console_answer["ward"]
        key = (source, *sorted(params.items()))
        if key not in self._seen:
            answer = requests.get(f"{self.url}{API}{PATHS[source]}", headers=self.headers, params=params, timeout=30)
            answer.raise_for_status()
            self._seen[key] = answer.json()
        return self._seen[key]


def test_the_pack_of_the_real_dashboards_and_sensor_panel_holds_their_figures(qtbot, backend, make_window, tmp_path):
    window = make_window(backend.url, ENGINE_OPTIONS, **CLIENT_OPTIONS)
    sign_in(qtbot, window, "leader")
    window.show()
    qtbot.waitExposed(window)

    dashboards = window.workspace("dashboards")
    feed = dashboards.feed
    feed.set_refresh_interval(0)  # the figures move only when asked to
    answers: dict[str, list[Answer]] = {}  # every fresh answer the console got, per request
    feed.answered.connect(lambda key, answer: answers.setdefault(key, []).append(answer))
    window.show_workspace_key("dashboards")
    assert dashboards.show_dashboard("preset:leaders")

    def fresh() -> bool:
        held = [feed.answer(q.key) for q in feed.queries()]
        return all(a is not None and not a.from_cache for a in held) and not feed.is_pending()

    qtbot.waitUntil(fresh, timeout=WAIT_MS)
    # The other dashboard's figures ready too (the pack pictures every chosen dashboard).
    operators_page = next(p for p in dashboards.briefing_pages() if p.key == "dashboards:operators")
    qtbot.waitUntil(lambda: all(f.as_of is not None for f in operators_page.figures()), timeout=WAIT_MS)

    sensors = window.workspace("sensors")
    qtbot.waitUntil(lambda: sensors.model.rowCount() > 0, timeout=WAIT_MS)
    sensors.select_sensor(str(sensors.model.sensors()[0]["id"]))  # its page shows the sensor chosen

    window._context.settings.briefing_pages = PAGES
    window.pack_settle_ms = 400
    path = tmp_path / "goi-giao-ban.pdf"
    assert window.export_briefing_pack(str(path))
    qtbot.waitUntil(lambda: window.last_pack_path == str(path), timeout=WAIT_MS)
    made = datetime.now(UTC)
    qtbot.waitUntil(lambda: not feed.is_pending(), timeout=WAIT_MS)  # every answer it may have used is in

    reader = PdfReader(str(path))
    texts = [_flat(page.extract_text()) for page in reader.pages]
    assert len(texts) == 1 + len(PAGES), texts  # the cover, then each chosen page
    assert "Lãnh đạo" in texts[1] and "Vận hành" in texts[2]
    for text in texts[1:]:
        assert "Số liệu chính" in text and "Trang này không có số liệu" not in text
        assert "bộ nhớ đệm" not in text  # online: no figure from the offline cache

    api = StatsFromTheApi(backend.url, http_headers(backend.url, "leader"))
    checked = 0
    for page_text, definition in ((texts[1], _preset("leaders")), (texts[2], _preset("operators"))):
        tiles = [w for w in definition.widgets if w.kind == "tile"]
        assert len(tiles) == 6
        for widget in tiles:
            source, group_by = widget.query()
            key = next(
                k for k in answers if k.startswith(f"{source}|{group_by or ''}|{definition.filters.cache_key()}")
            )
            # The figure on the page, as the backend computes it for the period of an answer the
            # console held (the same figure for each of them: nothing changes the records here).
            candidates = []
            for held in (a for a in answers[key] if not a.from_cache):
                mine = api.same_as(source, group_by, dict(held.data))
                value = figure_value(source, widget.figure, total_figures(source, mine))
                if definition.preset == "leaders":  # 30 days: every figure has a value ("—" today maybe)
                    assert value is not None, f"{widget.id}: the backend gives no {widget.figure}"
                as_of = parse_time(held.data["as_of"])
                assert as_of is not None and abs((parse_time(mine["as_of"]) - as_of).total_seconds()) < 300
                when = as_of_text(BriefingFigure("", "", as_of, False), made)
                assert when.startswith("lúc ")
                shown = kpi_text.format_value(source, widget.figure, value)
                candidates.append(f"{kpi_text.widget_title(widget)} {shown} {when}")
            assert candidates, f"{widget.id}: the console got no answer for it"
            assert any(c in page_text for c in candidates), (candidates, page_text)
            checked += 1
    assert checked == 12

    # The same count read back without the console's formatting ("12.345": "." groups thousands).
    held = next(a for k, got in answers.items() if k.startswith("reports|ward|30d|") for a in got)
    received = api.same_as(REPORTS, "ward", dict(held.data))["total"]["received"]
    found = re.search(r"Phản ánh đã tiếp nhận ([\d.]+) lúc \d\d:\d\d", texts[1])
    assert received > 0 and found is not None and int(found.group(1).replace(".", "")) == received

    # The sensor panel's page: the sensor it showed, its last value and status, and the time of that reading.
    sensor_id = sensors.sensor_id
    assert sensor_id == str(sensors.model.sensors()[0]["id"])
    answer = requests.get(f"{backend.url}{API}/sensors/{sensor_id}", headers=api.headers, timeout=30)
    answer.raise_for_status()
    sensor = answer.json()
    assert sensor["last_result"] is not None
    moment = parse_time(sensor["last_phenomenon_time"])
    value = f"{value_text(sensor)} ({status_label('sensor', sensor['status'])})"
    when = as_of_text(BriefingFigure("", "", moment, False), made)
    assert when.startswith("lúc ")
    assert f"{sensor['name']} {value} {when}" in texts[3], texts[3]


def _leader_on_dashboards(qtbot, backend, make_window, preset: str):
    window = make_window(backend.url, ENGINE_OPTIONS, **CLIENT_OPTIONS)
    sign_in(qtbot, window, "leader")
    window.show()
    qtbot.waitExposed(window)
    dashboards = window.workspace("dashboards")
    dashboards.feed.set_refresh_interval(0)
    window.show_workspace_key("dashboards")
    assert dashboards.show_dashboard(f"preset:{preset}")
    return window, dashboards


def test_the_pack_and_briefing_show_the_unsaved_period_and_ward_and_put_everything_back(
    qtbot, backend, make_window, tmp_path
):
    window, dashboards = _leader_on_dashboards(qtbot, backend, make_window, "leaders")
    sensors = window.workspace("sensors")
    qtbot.waitUntil(lambda: sensors.model.rowCount() > 0, timeout=WAIT_MS)
    assert sensors.sensor_id is None
    # The leader looks at two days, not the saved 30, and does not save it.
    until = datetime.now(UTC).replace(second=0, microsecond=0)
    since = until - timedelta(days=2)
    dashboards.set_filters("custom", since=since, until=until)
    mine = dashboards.definition()
    assert mine.filters.period == "custom" and dashboards.current().definition.filters.period == "30d"

    window._context.settings.briefing_pages = PAGES
    window.pack_settle_ms = 0
    path = tmp_path / "goi-giao-ban.pdf"
    assert window.export_briefing_pack(str(path))
    qtbot.waitUntil(lambda: window.last_pack_path == str(path), timeout=WAIT_MS)

    def as_the_leader_had_it() -> None:
        assert window.current_workspace_key() == "dashboards"
        assert dashboards.current().id == "preset:leaders" and dashboards.definition() == mine
        assert dashboards.period.currentData() == "custom"
        assert sensors.sensor_id is None  # the sensor page's pick is not left behind

    as_the_leader_had_it()
    texts = [_flat(page.extract_text()) for page in PdfReader(str(path)).pages]

    def local(moment: datetime) -> str:
        return moment.astimezone(LOCAL_TZ).strftime("%d/%m/%Y %H:%M")

    # Each dashboard page says its period, with dates, and ward: the leader's two days, the other's saved "today".
    assert "Lãnh đạo ·" in texts[1] and local(since) in texts[1] and local(until) in texts[1], texts[1]
    assert "Tất cả phường" in texts[1]
    today = datetime.now(LOCAL_TZ).strftime("%d/%m/%Y")
    assert f"Vận hành · Hôm nay ({today}) · Tất cả phường" in texts[2], texts[2]
    # ...and its figures are those of the two days, not the saved 30.
    api = StatsFromTheApi(backend.url, http_headers(backend.url, "leader"))
    two_days = {"since": since.isoformat(), "until": until.isoformat()}
    received = api.same_as(REPORTS, None, two_days)["total"]["received"]
    month = {"since": (until - timedelta(days=30)).isoformat(), "until": until.isoformat()}
    assert api.same_as(REPORTS, None, month)["total"]["received"] != received  # the check tells them apart
    found = re.search(r"Phản ánh đã tiếp nhận ([\d.]+) lúc", texts[1])
    assert found is not None and int(found.group(1).replace(".", "")) == received, texts[1]

    # Briefing mode: the same page, then the others, and Esc puts the dashboard and sensor back.
    assert window.enter_briefing()
    assert dashboards.definition() == mine and local(since) in window.briefing_caption.title.text()
    window.briefing.command("next")
    assert dashboards.current().id == "preset:operators"
    window.briefing.command("next")
    assert window.current_workspace_key() == "sensors" and sensors.sensor_id is not None
    window.briefing.command("previous")
    window.briefing.command("previous")  # back on the leader's page: still their two days
    assert dashboards.definition() == mine
    window.briefing.command("leave")
    as_the_leader_had_it()


def test_the_pack_waits_for_fresh_figures_of_a_dashboard_not_on_screen(
    qtbot, backend, make_window, tmp_path, monkeypatch
):
    window, dashboards = _leader_on_dashboards(qtbot, backend, make_window, "operators")
    leaders = next(p for p in dashboards.briefing_pages() if p.key == "dashboards:leaders")
    qtbot.waitUntil(lambda: all(f.as_of is not None for f in leaders.figures()), timeout=WAIT_MS)  # got once
    qtbot.waitUntil(lambda: not dashboards.feed.is_pending(), timeout=WAIT_MS)
    # Later the records have moved on (the backend's next answers say so), and the answers are slow.
    real_fetch = kpi_feed.fetch

    def slow_fetch(client: Any, query: Any, now: datetime) -> dict[str, Any]:
        data = real_fetch(client, query, now)
        if query.source == REPORTS:
            time.sleep(0.8)
            data["total"]["received"] = 987654
        return data

    monkeypatch.setattr(kpi_feed, "fetch", slow_fetch)
    window._context.settings.briefing_pages = ["dashboards:leaders"]
    window.pack_settle_ms = 0
    path = tmp_path / "goi-giao-ban.pdf"
    assert window.export_briefing_pack(str(path))
    qtbot.waitUntil(lambda: window.last_pack_path == str(path), timeout=WAIT_MS)
    text = _flat(PdfReader(str(path)).pages[1].extract_text())
    assert "Phản ánh đã tiếp nhận 987.654 lúc" in text, text  # the fresh answer, waited for
    assert "bộ nhớ đệm" not in text and "not yet fresh" not in text
    assert dashboards.current().id == "preset:operators"  # and the screen is as it was
