"""Short human durations ("3 min", "1 h 20 min") for SLA deadlines and funnel medians."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ioc_console.services.event_text import fill


def duration_text(seconds: float | None) -> str:
    """``None`` → "—"; under a minute in seconds, then minutes, hours and minutes, days and hours.

    Rounded, never more than two units: an operator reads "1 h 20 min", not "1:19:43".
    """
    if seconds is None:
        return "—"
    total = max(0, round(seconds))
    if total < 60:
        return fill(QCoreApplication.translate("AlertDurations", "%1 s"), str(total))
    minutes = round(total / 60)
    if minutes < 60:
        return fill(QCoreApplication.translate("AlertDurations", "%1 min"), str(minutes))
    hours, minutes = divmod(minutes, 60)
    if hours < 24:
        if minutes == 0:
            return fill(QCoreApplication.translate("AlertDurations", "%1 h"), str(hours))
        return fill(QCoreApplication.translate("AlertDurations", "%1 h %2 min"), str(hours), str(minutes))
    days, hours = divmod(hours, 24)
    if hours == 0:
        return fill(QCoreApplication.translate("AlertDurations", "%1 d"), str(days))
    return fill(QCoreApplication.translate("AlertDurations", "%1 d %2 h"), str(days), str(hours))
