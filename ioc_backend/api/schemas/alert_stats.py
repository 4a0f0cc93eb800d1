"""Response models of the alert statistics (GET /stats/alert-funnel, GET /stats/alert-false-alarms)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel

#: ioc_backend.alerting.stats.GROUPINGS
FunnelGrouping = Literal["analytic", "category", "ward"]


class FunnelFigures(BaseModel):
    detected: int
    alerts: int
    confirmed: int
    false_alarms: int
    warned: int
    dispatched: int
    closed: int
    median_ack_s: float | None
    median_close_s: float | None


class FunnelRow(FunnelFigures):
    key: str
    label_vi: str
    label_en: str


class AlertFunnel(BaseModel):
    as_of: str
    since: str
    until: str
    ward: str | None
    group_by: FunnelGrouping
    rows: list[FunnelRow]
    total: FunnelFigures


class FalseAlarmRow(BaseModel):
    camera_id: str
    camera_name: str | None
    analytic: str
    alerts: int
    false_alarms: int
    share: float


class FalseAlarmStats(BaseModel):
    as_of: str
    since: str
    until: str
    rows: list[FalseAlarmRow]
