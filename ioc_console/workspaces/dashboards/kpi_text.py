"""Wording of the dashboards: names of sources, figures and groupings, values in the UI language
("98,4 %" in Vietnamese), and how fresh a figure is ("lúc 14:32", "bộ nhớ đệm ngoại tuyến · lúc 14:32")."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale

from ioc_console.services.event_text import LOCAL_TZ, fill, parse_time
from ioc_domain.dashboard_definition import COUNT, FIGURES, LEADERS, MEAN, OPERATORS, SHARE, DashboardDefinition, Widget

_CTX = "Dashboards"

SOURCE_NAMES = {
    "reports": QT_TRANSLATE_NOOP("Dashboards", "Citizen reports"),
    "cameras": QT_TRANSLATE_NOOP("Dashboards", "Cameras"),
    "tasks": QT_TRANSLATE_NOOP("Dashboards", "Tasks"),
    "sensors": QT_TRANSLATE_NOOP("Dashboards", "Sensors"),
    "alert_funnel": QT_TRANSLATE_NOOP("Dashboards", "AI alerts"),
}
# (source, figure) -> the tile's name; written to stand alone on a big screen.
FIGURE_NAMES = {
    ("reports", "received"): QT_TRANSLATE_NOOP("Dashboards", "Reports received"),
    ("reports", "processed"): QT_TRANSLATE_NOOP("Dashboards", "Reports processed"),
    ("reports", "open"): QT_TRANSLATE_NOOP("Dashboards", "Reports still open"),
    ("reports", "processed_share"): QT_TRANSLATE_NOOP("Dashboards", "Reports processed (share)"),
    ("reports", "with_deadline"): QT_TRANSLATE_NOOP("Dashboards", "Reports with a deadline"),
    ("reports", "on_time"): QT_TRANSLATE_NOOP("Dashboards", "Reports processed on time"),
    ("reports", "on_time_share"): QT_TRANSLATE_NOOP("Dashboards", "Processed on time (share)"),
    ("reports", "rated"): QT_TRANSLATE_NOOP("Dashboards", "Reports rated by citizens"),
    ("reports", "satisfied"): QT_TRANSLATE_NOOP("Dashboards", "Satisfied citizens"),
    ("reports", "satisfaction_share"): QT_TRANSLATE_NOOP("Dashboards", "Citizen satisfaction"),
    ("reports", "satisfaction_mean"): QT_TRANSLATE_NOOP("Dashboards", "Mean rating (1–5)"),
    ("cameras", "total"): QT_TRANSLATE_NOOP("Dashboards", "Cameras"),
    ("cameras", "online"): QT_TRANSLATE_NOOP("Dashboards", "Cameras working"),
    ("cameras", "degraded"): QT_TRANSLATE_NOOP("Dashboards", "Cameras degraded"),
    ("cameras", "offline"): QT_TRANSLATE_NOOP("Dashboards", "Cameras without signal"),
    ("cameras", "availability_share"): QT_TRANSLATE_NOOP("Dashboards", "Camera availability"),
    ("tasks", "open"): QT_TRANSLATE_NOOP("Dashboards", "Tasks open"),
    ("tasks", "done"): QT_TRANSLATE_NOOP("Dashboards", "Tasks done"),
    ("tasks", "on_time"): QT_TRANSLATE_NOOP("Dashboards", "Tasks done on time"),
    ("tasks", "overdue"): QT_TRANSLATE_NOOP("Dashboards", "Tasks overdue"),
    ("tasks", "no_deadline"): QT_TRANSLATE_NOOP("Dashboards", "Tasks without a deadline"),
    ("sensors", "total"): QT_TRANSLATE_NOOP("Dashboards", "Sensors"),
    ("sensors", "ok"): QT_TRANSLATE_NOOP("Dashboards", "Sensors normal"),
    ("sensors", "warning"): QT_TRANSLATE_NOOP("Dashboards", "Sensors at warning level"),
    ("sensors", "alarm"): QT_TRANSLATE_NOOP("Dashboards", "Sensors in alarm"),
    ("sensors", "offline"): QT_TRANSLATE_NOOP("Dashboards", "Sensors without signal"),
    ("alert_funnel", "detected"): QT_TRANSLATE_NOOP("Dashboards", "AI detections"),
    ("alert_funnel", "alerts"): QT_TRANSLATE_NOOP("Dashboards", "AI alerts"),
    ("alert_funnel", "confirmed"): QT_TRANSLATE_NOOP("Dashboards", "Alerts confirmed"),
    ("alert_funnel", "false_alarms"): QT_TRANSLATE_NOOP("Dashboards", "False alarms"),
    ("alert_funnel", "warned"): QT_TRANSLATE_NOOP("Dashboards", "Public warnings issued"),
    ("alert_funnel", "dispatched"): QT_TRANSLATE_NOOP("Dashboards", "Alerts dispatched"),
    ("alert_funnel", "closed"): QT_TRANSLATE_NOOP("Dashboards", "Alerts closed"),
}
GROUP_NAMES = {
    "ward": QT_TRANSLATE_NOOP("Dashboards", "per ward"),
    "source": QT_TRANSLATE_NOOP("Dashboards", "per channel"),
    "day": QT_TRANSLATE_NOOP("Dashboards", "per day"),
    "unit": QT_TRANSLATE_NOOP("Dashboards", "per unit"),
    "kind": QT_TRANSLATE_NOOP("Dashboards", "per kind"),
    "category": QT_TRANSLATE_NOOP("Dashboards", "per category"),
}
STAGE_NAMES = {
    "detected": QT_TRANSLATE_NOOP("Dashboards", "Detected"),
    "alerts": QT_TRANSLATE_NOOP("Dashboards", "Alerts"),
    "confirmed": QT_TRANSLATE_NOOP("Dashboards", "Confirmed"),
    "warned": QT_TRANSLATE_NOOP("Dashboards", "Warned"),
    "dispatched": QT_TRANSLATE_NOOP("Dashboards", "Dispatched"),
    "closed": QT_TRANSLATE_NOOP("Dashboards", "Closed"),
}
PRESET_NAMES = {
    OPERATORS: QT_TRANSLATE_NOOP("Dashboards", "Operations"),
    LEADERS: QT_TRANSLATE_NOOP("Dashboards", "Leadership"),
}
PERIOD_NAMES = {
    "today": QT_TRANSLATE_NOOP("Dashboards", "Today"),
    "7d": QT_TRANSLATE_NOOP("Dashboards", "Last 7 days"),
    "30d": QT_TRANSLATE_NOOP("Dashboards", "Last 30 days"),
    "custom": QT_TRANSLATE_NOOP("Dashboards", "Custom…"),
}
AS_OF = QT_TRANSLATE_NOOP("Dashboards", "as of %1")
FROM_CACHE = QT_TRANSLATE_NOOP("Dashboards", "offline cache · as of %1")
PERCENT = QT_TRANSLATE_NOOP("Dashboards", "%1 %")
NO_VALUE = "—"
FUNNEL_TITLE = QT_TRANSLATE_NOOP("Dashboards", "Alert funnel")
DRILL_TIP = QT_TRANSLATE_NOOP("Dashboards", "Click to open the records behind this figure")
NOT_YET = QT_TRANSLATE_NOOP("Dashboards", "No figures yet: %1")


def tr(text: str) -> str:
    return QCoreApplication.translate(_CTX, text)


def language() -> str:
    return "vi" if QLocale().language() == QLocale.Language.Vietnamese else "en"


def widget_title(widget: Widget) -> str:
    """The widget's own title, or its figure's translated name (and grouping, for charts)."""
    if widget.title:
        return widget.title
    name = FIGURE_NAMES.get((widget.source, widget.figure))
    text = tr(name) if name else widget.figure
    if widget.kind == "funnel":
        text = tr(FUNNEL_TITLE)
    grouping = widget.group_by if widget.kind != "tile" else None
    if grouping in GROUP_NAMES:
        text = f"{text} {tr(GROUP_NAMES[grouping])}"
    return text


def dashboard_title(definition: DashboardDefinition) -> str:
    """A shipped default in the UI language; a saved dashboard by the name its owner gave it."""
    if definition.preset in PRESET_NAMES:
        return tr(PRESET_NAMES[definition.preset])
    return definition.title


def format_value(source: str, figure: str, value: float | None) -> str:
    """ "98,4 %" for a share in Vietnamese, "98.4 %" in English; counts with grouped thousands."""
    if value is None:
        return NO_VALUE
    locale = QLocale()
    kind = FIGURES.get(source, {}).get(figure, COUNT)
    if kind == SHARE:
        return fill(tr(PERCENT), locale.toString(value * 100, "f", 1))
    if kind == MEAN:
        return locale.toString(value, "f", 2)
    return locale.toString(int(round(value)))


def format_count(value: float) -> str:
    return QLocale().toString(int(round(value)))


def row_label(row: Mapping[str, Any]) -> str:
    label = row.get("label_vi" if language() == "vi" else "label_en") or row.get("key")
    return str(label or "")


def as_of_of(answer: Mapping[str, Any]) -> datetime | None:
    return parse_time(answer.get("as_of"))


def freshness(as_of: datetime | None, from_cache: bool, now: datetime | None = None) -> str:
    """ "as of 14:32" (Huế time; with the date when not today), prefixed when from the offline cache."""
    if as_of is None:
        return ""
    local = as_of.astimezone(LOCAL_TZ)
    today = (now or datetime.now(UTC)).astimezone(LOCAL_TZ).date()
    moment = local.strftime("%H:%M") if local.date() == today else local.strftime("%d/%m %H:%M")
    return fill(tr(FROM_CACHE if from_cache else AS_OF), moment)
