"""Human wording for events: kind, level, status and a one-line summary, in the UI language."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale

from ioc_domain.levels import level_of

try:
    from zoneinfo import ZoneInfo

    LOCAL_TZ: timezone | ZoneInfo = ZoneInfo("Asia/Ho_Chi_Minh")
except Exception:  # noqa: BLE001 - no tz database: Vietnam has no DST, a fixed offset is exact
    LOCAL_TZ = timezone(timedelta(hours=7), "ICT")

_CTX = "EventText"

KIND_NAMES = {
    "alert": QT_TRANSLATE_NOOP("EventText", "AI alert"),
    "report": QT_TRANSLATE_NOOP("EventText", "Report"),
    "sensor": QT_TRANSLATE_NOOP("EventText", "Sensor"),
    "camera": QT_TRANSLATE_NOOP("EventText", "Camera"),
    "task": QT_TRANSLATE_NOOP("EventText", "Task"),
    "meeting": QT_TRANSLATE_NOOP("EventText", "Meeting"),
    "warning": QT_TRANSLATE_NOOP("EventText", "Public warning"),
}

LEVEL_NAMES = {
    "critical": QT_TRANSLATE_NOOP("EventText", "Critical"),
    "warning": QT_TRANSLATE_NOOP("EventText", "Warning"),
    "info": QT_TRANSLATE_NOOP("EventText", "Info"),
}

# Status words per resource; the same English word can need different Vietnamese per resource,
# so each resource has its own disambiguation comment in the translation files.
STATUS_NAMES: dict[str, dict[str, str]] = {
    "alert": {
        "new": QT_TRANSLATE_NOOP("EventText", "New"),
        "acknowledged": QT_TRANSLATE_NOOP("EventText", "Acknowledged"),
        "in_progress": QT_TRANSLATE_NOOP("EventText", "Being handled"),
        "closed": QT_TRANSLATE_NOOP("EventText", "Closed"),
    },
    "report": {
        "open": QT_TRANSLATE_NOOP("EventText", "Open"),
        "in_progress": QT_TRANSLATE_NOOP("EventText", "In progress"),
        "action_scheduled": QT_TRANSLATE_NOOP("EventText", "Action scheduled"),
        "closed": QT_TRANSLATE_NOOP("EventText", "Closed"),
        "duplicate": QT_TRANSLATE_NOOP("EventText", "Duplicate"),
        "not_responsible": QT_TRANSLATE_NOOP("EventText", "Not our responsibility"),
    },
    "sensor": {
        "ok": QT_TRANSLATE_NOOP("EventText", "Normal"),
        "warning": QT_TRANSLATE_NOOP("EventText", "Warning"),
        "alarm": QT_TRANSLATE_NOOP("EventText", "Alarm"),
        "offline": QT_TRANSLATE_NOOP("EventText", "No signal"),
    },
    "camera": {
        "online": QT_TRANSLATE_NOOP("EventText", "Working"),
        "offline": QT_TRANSLATE_NOOP("EventText", "No signal"),
        "degraded": QT_TRANSLATE_NOOP("EventText", "Degraded"),
    },
    "task": {
        "todo": QT_TRANSLATE_NOOP("EventText", "To do"),
        "in_progress": QT_TRANSLATE_NOOP("EventText", "In progress"),
        "done": QT_TRANSLATE_NOOP("EventText", "Done"),
        "cancelled": QT_TRANSLATE_NOOP("EventText", "Cancelled"),
    },
    "meeting": {
        "scheduled": QT_TRANSLATE_NOOP("EventText", "Scheduled"),
        "in_progress": QT_TRANSLATE_NOOP("EventText", "In session"),
        "ended": QT_TRANSLATE_NOOP("EventText", "Ended"),
    },
    # A warning's own life (draft → published), not its CAP <status> (Actual, Exercise...).
    "warning": {
        "draft": QT_TRANSLATE_NOOP("EventText", "Draft"),
        "published": QT_TRANSLATE_NOOP("EventText", "Published"),
        "external": QT_TRANSLATE_NOOP("EventText", "From another agency"),
    },
}

# The CAP message types: a first warning, an update of it, or its cancellation.
WARNING_MESSAGE_NAMES = {
    "Alert": QT_TRANSLATE_NOOP("EventText", "Public warning"),
    "Update": QT_TRANSLATE_NOOP("EventText", "Warning update"),
    "Cancel": QT_TRANSLATE_NOOP("EventText", "Warning cancelled"),
}

# CAP <status> other than Actual: said out loud, so an exercise is never taken for the real thing.
WARNING_STATUS_NAMES = {
    "Exercise": QT_TRANSLATE_NOOP("EventText", "exercise"),
    "Test": QT_TRANSLATE_NOOP("EventText", "test"),
    "System": QT_TRANSLATE_NOOP("EventText", "system message"),
    "Draft": QT_TRANSLATE_NOOP("EventText", "draft"),
}

CLOSE_REASONS = {
    "resolved": QT_TRANSLATE_NOOP("EventText", "resolved"),
    "false_positive": QT_TRANSLATE_NOOP("EventText", "false alarm"),
    "duplicate": QT_TRANSLATE_NOOP("EventText", "duplicate"),
    "no_action_needed": QT_TRANSLATE_NOOP("EventText", "no action needed"),
}

VERDICT_NAMES = {
    "confirmed": QT_TRANSLATE_NOOP("EventText", "confirmed"),
    "false_alarm": QT_TRANSLATE_NOOP("EventText", "false alarm"),
}

REPORT_SOURCES = {
    "hue_s": QT_TRANSLATE_NOOP("EventText", "Hue-S app"),
    "hotline": QT_TRANSLATE_NOOP("EventText", "Hotline"),
}

ROLE_NAMES = {
    "operator": QT_TRANSLATE_NOOP("EventText", "Operator"),
    "supervisor": QT_TRANSLATE_NOOP("EventText", "Supervisor"),
    "leader": QT_TRANSLATE_NOOP("EventText", "Leader"),
    "participant": QT_TRANSLATE_NOOP("EventText", "Meeting participant"),
    "admin": QT_TRANSLATE_NOOP("EventText", "Administrator"),
}


def tr(text: str) -> str:
    return QCoreApplication.translate(_CTX, text)


_PLACEHOLDER = re.compile(r"%(\d)")


def fill(template: str, *values: str) -> str:
    """Replace %1..%9 in one pass, so a value that itself contains "%2" is left alone."""
    return _PLACEHOLDER.sub(
        lambda m: values[int(m.group(1)) - 1] if 0 < int(m.group(1)) <= len(values) else m.group(0), template
    )


def kind_label(resource: str) -> str:
    return tr(KIND_NAMES[resource]) if resource in KIND_NAMES else resource


def level_label(level: str) -> str:
    return tr(LEVEL_NAMES.get(level, LEVEL_NAMES["info"]))


def role_label(role: str) -> str:
    return tr(ROLE_NAMES[role]) if role in ROLE_NAMES else role


def status_label(resource: str, status: Any) -> str:
    status = "" if status is None else str(status)
    name = STATUS_NAMES.get(resource, {}).get(status)
    return tr(name) if name else status


def parse_time(value: Any) -> datetime | None:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if not isinstance(value, str) or not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def format_local_time(moment: datetime) -> str:
    """Huế local time, date included because shifts cross midnight."""
    return moment.astimezone(LOCAL_TZ).strftime("%d/%m %H:%M:%S")


def format_number(value: Any) -> str:
    """Locale-aware number (Vietnamese uses a decimal comma), at most two decimals."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return str(value)
    locale = QLocale()
    if number.is_integer():
        return locale.toString(int(number))
    text = locale.toString(number, "f", 2)
    point = locale.decimalPoint()
    if point in text:
        text = text.rstrip("0").rstrip(point)
    return text


def fold_for_search(text: str) -> str:
    """Lower case without diacritics, so "phu hoi" finds "Phú Hội"."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


class AnalyticsCatalogue:
    """Analytic code → display name in each language and category, filled from ``GET /analytics``."""

    def __init__(self, analytics: Iterable[Any] = ()) -> None:
        self._names: dict[str, tuple[str, str]] = {}
        self._categories: dict[str, str] = {}
        self.update(analytics)

    def update(self, analytics: Iterable[Any]) -> None:
        for item in analytics:
            get = item.get if isinstance(item, Mapping) else lambda k, _i=item: getattr(_i, k, None)
            code = get("code")
            if code:
                self._names[str(code)] = (str(get("name_vi") or code), str(get("name_en") or code))
                if get("category"):
                    self._categories[str(code)] = str(get("category"))

    def category(self, code: Any) -> str | None:
        """The analytic's group (traffic, forest_fire...) as the server names it; None if unknown."""
        return self._categories.get("" if code is None else str(code))

    def __len__(self) -> int:
        return len(self._names)

    def name(self, code: Any, language: str) -> str:
        code = "" if code is None else str(code)
        names = self._names.get(code)
        if names is None:
            # Unknown to the catalogue (not loaded yet, or a newer backend): readable code.
            return code.replace("_", " ").capitalize()
        return names[0] if language == "vi" else names[1]


def _number(value: Any) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return 0.0


def _text(data: Mapping[str, Any], key: str) -> str:
    value = data.get(key)
    return "" if value is None else str(value)


def short_local_time(value: Any) -> str:
    """Huế local hour and minute of an ISO time (empty when unreadable)."""
    moment = parse_time(value)
    return moment.astimezone(LOCAL_TZ).strftime("%H:%M") if moment is not None else ""


def verdict_label(verdict: Any) -> str:
    return tr(VERDICT_NAMES[verdict]) if verdict in VERDICT_NAMES else str(verdict or "")


def alert_handling(data: Mapping[str, Any] | None) -> list[str]:
    """How the alert was handled beyond its state, as plain-text phrases: who verified it on
    camera (and the verdict) and which unit it was dispatched to. Outside text is verbatim:
    every caller that shows these as rich text must escape them."""
    if not data:
        return []
    phrases: list[str] = []
    verification = data.get("verification")
    if isinstance(verification, Mapping) and verification.get("verdict"):
        phrases.append(
            fill(
                QCoreApplication.translate("EventText", "Verified: %1 by %2 %3"),
                verdict_label(verification.get("verdict")),
                _text(verification, "by"),
                short_local_time(verification.get("at")),
            ).strip()
        )
    dispatch = data.get("dispatch")
    if isinstance(dispatch, Mapping) and dispatch.get("unit"):
        phrases.append(
            fill(
                QCoreApplication.translate("EventText", "Dispatched to %1 by %2 %3"),
                _text(dispatch, "unit"),
                _text(dispatch, "by"),
                short_local_time(dispatch.get("at")),
            ).strip()
        )
    return phrases


def alert_triage(data: Mapping[str, Any] | None) -> list[str]:
    """What triage adds to an alert, as plain-text phrases: repeated detections bundled into it
    and a broken SLA. Nothing for an alert of one detection within its SLA (or from a server
    without triage), so older wording is unchanged."""
    if not data:
        return []
    phrases: list[str] = []
    detections = data.get("detections")
    if type(detections) is int and detections > 1:
        phrases.append(QCoreApplication.translate("EventText", "%n detections", None, detections))
    if data.get("sla_breached") is True:
        at = short_local_time(data.get("sla_breached_at"))
        phrases.append(
            fill(QCoreApplication.translate("EventText", "SLA breached at %1"), at)
            if at
            else QCoreApplication.translate("EventText", "SLA breached")
        )
    return phrases


def warning_headline(data: Mapping[str, Any], language: str) -> str:
    """The warning's headline in the UI language (its info block in that language, else the
    first), falling back to the event named when there is no headline (an imported warning)."""
    blocks = [b for b in data.get("info") or () if isinstance(b, Mapping)]
    if not blocks:
        return ""
    wanted = language.lower().split("-")[0]
    block = next((b for b in blocks if str(b.get("language") or "").lower().split("-")[0] == wanted), blocks[0])
    return _text(block, "headline") or _text(block, "event")


def summary(
    resource: str,
    resource_id: str,
    op: str,
    data: Mapping[str, Any] | None,
    analytics: AnalyticsCatalogue,
    language: str,
) -> str:
    """One human sentence for the change; all backend strings inserted verbatim (plain text)."""
    if op == "delete" or not data:
        return fill(QCoreApplication.translate("EventText", "%1 %2 was removed"), kind_label(resource), resource_id)
    if resource == "alert":
        text = fill(
            QCoreApplication.translate("EventText", "%1 at camera %2, confidence %3%"),
            analytics.name(data.get("analytic"), language),
            _text(data, "camera_id"),
            format_number(round(_number(data.get("confidence")) * 100)),
        )
        state = _text(data, "state")
        if state and state != "new":
            state_text = status_label("alert", state)
            reason = data.get("close_reason")
            if state == "closed" and reason:
                state_text += f" ({tr(CLOSE_REASONS[reason]) if reason in CLOSE_REASONS else reason})"
            elif data.get("owner"):
                state_text += f" ({data.get('owner')})"
            text += " — " + state_text
        for phrase in (*alert_triage(data), *alert_handling(data)):
            text += " — " + phrase
        return text
    if resource == "report":
        source = data.get("source")
        text = fill(
            QCoreApplication.translate("EventText", "%1 (%2): %3"),
            _text(data, "service_name") or _text(data, "service_code"),
            tr(REPORT_SOURCES[source]) if source in REPORT_SOURCES else _text(data, "source"),
            status_label("report", data.get("status")),
        )
        description = " ".join(_text(data, "description").split())
        if description:
            text += " — " + (description if len(description) <= 90 else description[:89] + "…")
        return text
    if resource == "sensor":
        unit = data.get("unit") or {}
        symbol = unit.get("symbol", "") if isinstance(unit, Mapping) else str(getattr(unit, "symbol", "") or "")
        value = data.get("last_result")
        reading = (
            QCoreApplication.translate("EventText", "no reading")
            if value is None
            else f"{format_number(value)} {symbol}".strip()
        )
        # The status is in its own column; the sentence carries the reading.
        return fill(QCoreApplication.translate("EventText", "%1: %2"), _text(data, "name") or resource_id, reading)
    if resource == "camera":
        return fill(
            QCoreApplication.translate("EventText", "Camera %1 (%2): %3"),
            _text(data, "name"),
            resource_id,
            status_label("camera", data.get("status")),
        )
    if resource == "task":
        return fill(
            QCoreApplication.translate("EventText", "Task “%1” for %2: %3"),
            _text(data, "title"),
            _text(data, "assignee_unit"),
            status_label("task", data.get("status")),
        )
    if resource == "meeting":
        return fill(
            QCoreApplication.translate("EventText", "Meeting “%1” at %2: %3"),
            _text(data, "title"),
            _text(data, "location"),
            status_label("meeting", data.get("status")),
        )
    if resource == "warning":
        msg_type = data.get("msg_type")
        text = fill(
            QCoreApplication.translate("EventText", "%1 “%2”: %3"),
            tr(WARNING_MESSAGE_NAMES[msg_type]) if msg_type in WARNING_MESSAGE_NAMES else _text(data, "msg_type"),
            " ".join(warning_headline(data, language).split()),
            status_label("warning", data.get("state")),
        )
        cap_status = data.get("status")
        if cap_status in WARNING_STATUS_NAMES:
            text += f" ({tr(WARNING_STATUS_NAMES[cap_status])})"
        if data.get("alert_id") is not None:
            text += " — " + fill(QCoreApplication.translate("EventText", "from alert #%1"), _text(data, "alert_id"))
        return text
    return f"{resource} {resource_id}"


def level_or_status(resource: str, data: Mapping[str, Any] | None) -> str:
    """The severity/status column: alerts show severity, everything else its status."""
    if not data:
        return ""
    if resource == "alert":
        return level_label(level_of(resource, data))
    if resource == "warning":
        return status_label(resource, data.get("state"))  # its "status" is CAP's Actual / Exercise...
    return status_label(resource, data.get("status"))
