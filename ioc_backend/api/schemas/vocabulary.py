"""The API's enumerations as Literal types, for validation and the OpenAPI document.

Spelled out (not computed) so type checkers and the OpenAPI schema see the values; each one
must name the same values as its vocabulary in ioc_domain, which tests/backend/test_api_vocabulary.py checks.
"""

from __future__ import annotations

from typing import Literal

CameraCategory = Literal["traffic", "urban_order", "public_safety", "forest_fire", "flood", "tourism"]
CameraStatus = Literal["online", "offline", "degraded"]
Severity = Literal["info", "warning", "critical"]
AlertState = Literal["new", "acknowledged", "in_progress", "closed"]
AlertTarget = Literal["acknowledged", "in_progress", "closed"]
CloseReason = Literal["resolved", "false_positive", "duplicate", "no_action_needed"]
AlertVerdict = Literal["confirmed", "false_alarm"]
ReportStatus = Literal["open", "in_progress", "action_scheduled", "closed", "duplicate", "not_responsible"]
ReportSource = Literal["hue_s", "hotline"]
SensorKind = Literal["water_level", "rainfall", "pm25", "temperature", "landslide_tilt"]
SensorStatus = Literal["ok", "warning", "alarm", "offline"]
TaskStatus = Literal["todo", "in_progress", "done", "cancelled"]
MeetingStatus = Literal["scheduled", "in_progress", "ended"]
StreamKind = Literal["main", "sub"]
Role = Literal["operator", "supervisor", "leader", "participant", "admin"]
PtzAction = Literal["move", "zoom", "preset", "stop"]
AuditAction = Literal["ptz.move", "ptz.zoom", "ptz.preset", "ptz.stop", "snapshot.taken"]
Resource = Literal["camera", "alert", "report", "sensor", "task", "meeting", "warning", "meeting_presenter"]
# Public warnings as CAP 1.2 messages (ioc_domain.cap).
WarningState = Literal["draft", "published", "external"]
WarningStatus = Literal["Actual", "Exercise", "Test"]
WarningMsgType = Literal["Alert", "Update", "Cancel"]
WarningScope = Literal["Public"]
CapCategory = Literal[
    "Geo", "Met", "Safety", "Security", "Rescue", "Fire", "Health", "Env", "Transport", "Infra", "CBRNE", "Other"
]
CapUrgency = Literal["Immediate", "Expected", "Future", "Past", "Unknown"]
CapSeverity = Literal["Extreme", "Severe", "Moderate", "Minor", "Unknown"]
CapCertainty = Literal["Observed", "Likely", "Possible", "Unlikely", "Unknown"]
