"""Qt-free typed client for the IOC API v1 (REST calls, incremental sync, live events)."""
from __future__ import annotations

from .client import IocClient
from .session import ApiSession
from .errors import (AuthError, BackendUnavailable, BadResponse, Conflict, InvalidRequest, IocError, NotFound,
                     PermissionDenied)
from .events import EventStream
from .models import (AgendaItem, Alert, AlertNote, Analytic, AuthSession, Camera, Change, Event, Health, Meeting,
                     Page, Reading, Report, Sensor, SyncBatch, Task, Unit, User)
from .redact import RedactingFilter, protect_logger, redact_text, redact_url
from .sse import SseMessage, SseParser

__all__ = [
    "AgendaItem", "Alert", "AlertNote", "Analytic", "ApiSession", "AuthError", "AuthSession", "BackendUnavailable",
    "BadResponse", "Camera", "Change", "Conflict", "Event", "EventStream", "Health", "InvalidRequest",
    "IocClient", "IocError", "Meeting", "NotFound", "Page", "PermissionDenied", "Reading", "RedactingFilter",
    "Report", "Sensor", "SseMessage", "SseParser", "SyncBatch", "Task", "Unit", "User", "protect_logger",
    "redact_text", "redact_url",
]
