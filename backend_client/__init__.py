"""Qt-free typed client for the IOC API v1 (REST calls, incremental sync, live events)."""
from __future__ import annotations

from .client import IocClient
from .session import ApiSession
from .errors import (AuthError, BackendUnavailable, BadResponse, Conflict, InvalidRequest, IocError, NotFound,
                     PermissionDenied)
from .events import EventStream
from .actions import (Action, acknowledge_alert, add_alert_note, close_alert, describe, set_report_status,
                      start_alert, update_task)
from .actions import create_view, delete_view, update_view
from .actions import vote
from .actions import dispatch_alert, verify_alert
from .connection_state import DEGRADED, OFFLINE, ONLINE, Backoff, ConnectionStatus
from .sync_engine import SyncEngine
from .models import (AgendaItem, Alert, AlertNote, Analytic, AuthSession, Camera, Change, Event, Health, Meeting,
                     OfflineGrant, Page, Reading, Report, Sensor, SyncBatch, Task, Unit, User)
from .models import SavedView, SavedViewList
from .models import MeetingDocument, Poll
from .models import AlertDispatch, AlertVerification
from .redact import RedactingFilter, protect_logger, redact_text, redact_url
from .sse import SseMessage, SseParser

__all__ = [
    "Action", "Backoff", "ConnectionStatus", "DEGRADED", "OFFLINE", "ONLINE", "OfflineGrant", "SyncEngine",
    "acknowledge_alert", "add_alert_note", "close_alert", "describe", "set_report_status", "start_alert",
    "update_task", "create_view", "delete_view", "update_view", "SavedView", "SavedViewList",
    "vote", "MeetingDocument", "Poll", "dispatch_alert", "verify_alert", "AlertDispatch", "AlertVerification",
    "AgendaItem", "Alert", "AlertNote", "Analytic", "ApiSession", "AuthError", "AuthSession", "BackendUnavailable",
    "BadResponse", "Camera", "Change", "Conflict", "Event", "EventStream", "Health", "InvalidRequest",
    "IocClient", "IocError", "Meeting", "NotFound", "Page", "PermissionDenied", "Reading", "RedactingFilter",
    "Report", "Sensor", "SseMessage", "SseParser", "SyncBatch", "Task", "Unit", "User", "protect_logger",
    "redact_text", "redact_url",
]
