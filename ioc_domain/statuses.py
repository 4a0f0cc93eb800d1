"""Status vocabularies of reports (Open311 with FixMyStreet detail), tasks, meetings, alerts, sensors, cameras."""

from __future__ import annotations

REPORT_STATUSES: tuple[str, ...] = ("open", "in_progress", "action_scheduled", "closed", "duplicate", "not_responsible")
REPORT_FINAL_STATUSES: frozenset[str] = frozenset({"closed", "duplicate", "not_responsible"})
REPORT_SOURCES: tuple[str, ...] = ("hue_s", "hotline")
TASK_STATUSES: tuple[str, ...] = ("todo", "in_progress", "done", "cancelled")
MEETING_STATUSES: tuple[str, ...] = ("scheduled", "in_progress", "ended")
SEVERITIES: tuple[str, ...] = ("info", "warning", "critical")
SENSOR_STATUSES: tuple[str, ...] = ("ok", "warning", "alarm", "offline")
CAMERA_STATUSES: tuple[str, ...] = ("online", "degraded", "offline")
# What a camera watches (its place on the wall and map) and what a sensor measures.
CAMERA_CATEGORIES: tuple[str, ...] = ("traffic", "urban_order", "public_safety", "forest_fire", "flood", "tourism")
SENSOR_KINDS: tuple[str, ...] = ("water_level", "rainfall", "pm25", "temperature", "landslide_tilt")
