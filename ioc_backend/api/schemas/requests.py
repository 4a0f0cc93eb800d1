"""Pydantic request models of the API; unknown fields are refused (extra=forbid)."""

from __future__ import annotations

from typing import Annotated

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, StringConstraints

from ioc_backend.api.schemas.vocabulary import (
    AlertTarget,
    AlertVerdict,
    CameraStatus,
    CloseReason,
    MeetingStatus,
    ReportStatus,
    TaskStatus,
)

Text200 = Field(min_length=1, max_length=200)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class LoginRequest(Strict):
    username: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=1, max_length=1024)


class RefreshRequest(Strict):
    refresh_token: str = Field(min_length=1, max_length=512)


class GrantRequest(Strict):
    grant: str = Field(min_length=1, max_length=512)


class CameraPatch(Strict):
    version: int = Field(ge=1)
    status: CameraStatus | None = None
    name: str | None = Field(default=None, min_length=1, max_length=200)


class AlertTransition(Strict):
    to: AlertTarget
    version: int = Field(ge=1)
    reason: CloseReason | None = None
    note: str | None = Field(default=None, max_length=2000)


class AlertVerify(Strict):
    verdict: AlertVerdict
    version: int = Field(ge=1)
    note: str | None = Field(default=None, max_length=2000)


class AlertDispatch(Strict):
    # Trimmed before the length check: a unit of only spaces names nobody (422 on body.unit).
    unit: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
    version: int = Field(ge=1)
    note: str | None = Field(default=None, max_length=2000)


class AlertNote(Strict):
    text: str = Field(min_length=1, max_length=2000)


class ReportPatch(Strict):
    status: ReportStatus
    version: int = Field(ge=1)
    note: str | None = Field(default=None, max_length=2000)
    agency_responsible: str | None = Field(default=None, min_length=1, max_length=200)


class TaskCreate(Strict):
    title: str = Field(min_length=1, max_length=300)
    description: str = Field(default="", max_length=5000)
    assignee_unit: str = Field(min_length=1, max_length=200)
    due_at: AwareDatetime | None = None
    meeting_id: int | None = None


class TaskPatch(Strict):
    version: int = Field(ge=1)
    status: TaskStatus | None = None
    title: str | None = Field(default=None, min_length=1, max_length=300)
    description: str | None = Field(default=None, max_length=5000)
    assignee_unit: str | None = Field(default=None, min_length=1, max_length=200)
    due_at: AwareDatetime | None = None


class AgendaItem(Strict):
    title: str = Field(min_length=1, max_length=300)
    presenter: str = Field(default="", max_length=200)


class MeetingCreate(Strict):
    title: str = Field(min_length=1, max_length=300)
    location: str = Field(min_length=1, max_length=300)
    starts_at: AwareDatetime
    ends_at: AwareDatetime
    status: MeetingStatus = "scheduled"
    agenda: list[AgendaItem] = Field(default_factory=list, max_length=100)


class PollCreate(Strict):
    question: str = Field(min_length=1, max_length=300)
    options: list[str] = Field(min_length=2, max_length=10)
    version: int = Field(ge=1)


class PollClose(Strict):
    version: int = Field(ge=1)


class PollVote(Strict):
    # No version: a vote is not stale because someone else voted meanwhile (docs/API.md).
    option: int = Field(ge=0, le=9, strict=True)


class MeetingPatch(Strict):
    version: int = Field(ge=1)
    title: str | None = Field(default=None, min_length=1, max_length=300)
    location: str | None = Field(default=None, min_length=1, max_length=300)
    starts_at: AwareDatetime | None = None
    ends_at: AwareDatetime | None = None
    status: MeetingStatus | None = None
    agenda: list[AgendaItem] | None = Field(default=None, max_length=100)
