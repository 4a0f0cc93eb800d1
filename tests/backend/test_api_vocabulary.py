"""The API's enumerations name exactly the values of the product's vocabularies in ioc_domain."""

from __future__ import annotations

from typing import get_args

import pytest

from ioc_backend.api.schemas import vocabulary as api
from ioc_backend.db.payloads import RESOURCES
from ioc_domain import alerts, camera_actions, cap, roles, statuses

AGREEMENTS = {
    "AlertState": (api.AlertState, alerts.ALERT_STATES),
    # A transition may ask for every state some state can move to.
    "AlertTarget": (api.AlertTarget, sorted(set().union(*alerts.TRANSITIONS.values()))),
    "CloseReason": (api.CloseReason, alerts.CLOSE_REASONS),
    "AlertVerdict": (api.AlertVerdict, alerts.VERDICTS),
    "ReportStatus": (api.ReportStatus, statuses.REPORT_STATUSES),
    "ReportSource": (api.ReportSource, statuses.REPORT_SOURCES),
    "TaskStatus": (api.TaskStatus, statuses.TASK_STATUSES),
    "MeetingStatus": (api.MeetingStatus, statuses.MEETING_STATUSES),
    "Severity": (api.Severity, statuses.SEVERITIES),
    "SensorStatus": (api.SensorStatus, statuses.SENSOR_STATUSES),
    "SensorKind": (api.SensorKind, statuses.SENSOR_KINDS),
    "CameraStatus": (api.CameraStatus, statuses.CAMERA_STATUSES),
    "CameraCategory": (api.CameraCategory, statuses.CAMERA_CATEGORIES),
    "Role": (api.Role, roles.ROLES),
    "Resource": (api.Resource, tuple(RESOURCES)),
    "PtzAction": (api.PtzAction, camera_actions.PTZ_ACTIONS),
    "AuditAction": (api.AuditAction, camera_actions.AUDIT_ACTIONS),
    "WarningState": (api.WarningState, cap.WARNING_STATES),
    "WarningStatus": (api.WarningStatus, cap.WARNING_STATUSES),
    "WarningMsgType": (api.WarningMsgType, cap.WARNING_MSG_TYPES),
    "WarningScope": (api.WarningScope, cap.WARNING_SCOPES),
    "CapCategory": (api.CapCategory, cap.CAP_CATEGORIES),
    "CapUrgency": (api.CapUrgency, cap.CAP_URGENCIES),
    "CapSeverity": (api.CapSeverity, cap.CAP_SEVERITIES),
    "CapCertainty": (api.CapCertainty, cap.CAP_CERTAINTIES),
}


@pytest.mark.parametrize("name", list(AGREEMENTS))
def test_the_api_literal_names_the_domain_values(name: str) -> None:
    literal, domain_values = AGREEMENTS[name]
    assert sorted(get_args(literal)) == sorted(domain_values)


def test_every_enumeration_of_the_api_is_checked() -> None:
    literals = {name for name, value in vars(api).items() if get_args(value) and not name.startswith("_")}
    assert literals - {"StreamKind"} == set(AGREEMENTS)


def test_every_close_reason_of_a_verdict_is_a_close_reason() -> None:
    assert alerts.FALSE_ALARM_CLOSE_REASON in get_args(api.CloseReason)
