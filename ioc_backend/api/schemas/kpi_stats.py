"""Response models of the key figures (GET /stats/reports, /stats/cameras, /stats/tasks, /stats/sensors)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel

#: ioc_backend.kpi.REPORT_GROUPINGS
ReportGrouping = Literal["ward", "source", "day"]
#: ioc_backend.kpi.TASK_GROUPINGS
TaskGrouping = Literal["unit"]


class _Labelled(BaseModel):
    key: str
    label_vi: str
    label_en: str


class ReportFigures(BaseModel):
    received: int
    processed: int
    processed_share: float | None
    with_deadline: int
    on_time: int
    on_time_share: float | None
    rated: int
    satisfied: int
    satisfaction_share: float | None
    satisfaction_mean: float | None


class ReportStatsRow(ReportFigures, _Labelled):
    pass


class ReportStats(BaseModel):
    as_of: str
    since: str
    until: str
    ward: str | None
    source: Literal["hue_s", "hotline"] | None
    group_by: ReportGrouping
    total: ReportFigures
    rows: list[ReportStatsRow]


class CameraFigures(BaseModel):
    total: int
    online: int
    degraded: int
    offline: int
    availability_share: float | None


class CameraStatsRow(CameraFigures, _Labelled):
    pass


class CameraStats(CameraFigures):
    as_of: str
    ward: str | None
    rows: list[CameraStatsRow]


class TaskFigures(BaseModel):
    open: int
    done: int
    on_time: int
    overdue: int
    no_deadline: int


class TaskStatsRow(TaskFigures, _Labelled):
    pass


class TaskStats(BaseModel):
    as_of: str
    since: str
    until: str
    ward: str | None
    group_by: TaskGrouping
    total: TaskFigures
    rows: list[TaskStatsRow]


class SensorFigures(BaseModel):
    total: int
    ok: int
    warning: int
    alarm: int
    offline: int


class SensorStatsRow(SensorFigures, _Labelled):
    pass


class SensorStats(SensorFigures):
    as_of: str
    ward: str | None
    rows: list[SensorStatsRow]
