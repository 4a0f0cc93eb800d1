"""Pydantic request models of the API; unknown fields are refused (extra=forbid)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator
from pydantic_core import PydanticCustomError

from ioc_backend.api.schemas.bounded import RowId, UtcDatetime, Version, storable_text_problem
from ioc_backend.api.schemas.vocabulary import (
    AlertTarget,
    AlertVerdict,
    CameraStatus,
    CapCategory,
    CapCertainty,
    CapSeverity,
    CapUrgency,
    CloseReason,
    MeetingStatus,
    PtzAction,
    ReportStatus,
    Severity,
    TaskStatus,
    WarningMsgType,
    WarningScope,
    WarningStatus,
)
from ioc_domain.camera_urls import StreamUrlError, validate_stream_url

Text200 = Field(min_length=1, max_length=200)
Latitude = Annotated[float, Field(ge=-90, le=90, allow_inf_nan=False)]
Longitude = Annotated[float, Field(ge=-180, le=180, allow_inf_nan=False)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")

    @field_validator("*", mode="before")
    @classmethod
    def _storable(cls, value: Any) -> Any:
        # Every text of every body (nested lists and JSON objects too): NUL and lone surrogates
        # would fail in the database or the JSON encoder, as a 500, after validation.
        problem = storable_text_problem(value)
        if problem:
            raise ValueError(problem)
        return value


class LoginRequest(Strict):
    username: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=1, max_length=1024)


class RefreshRequest(Strict):
    refresh_token: str = Field(min_length=1, max_length=512)


class GrantRequest(Strict):
    grant: str = Field(min_length=1, max_length=512)


def _stream_url(value: str) -> str:
    try:
        return validate_stream_url(value)
    except StreamUrlError as exc:
        # The reason alone: the URL (and any password in it) is never echoed back or logged.
        raise PydanticCustomError("stream_url", str(exc)) from None


StreamUrl = Annotated[str, AfterValidator(_stream_url)]


class CameraPatch(Strict):
    version: Version
    status: CameraStatus | None = None
    name: str | None = Field(default=None, min_length=1, max_length=200)
    # A vendor URL (rtsp, rtsps, http, https); null puts the backend's own stream back.
    # Absent leaves it as it is (model_fields_set tells the two apart).
    main_stream_url: StreamUrl | None = None
    sub_stream_url: StreamUrl | None = None


PtzSpeed = Annotated[float, Field(ge=-1.0, le=1.0, allow_inf_nan=False)]


class PtzCommand(Strict):
    """One PTZ command; which of the other fields it takes depends on ``action`` (checked by the route)."""

    action: PtzAction
    pan: PtzSpeed | None = None
    tilt: PtzSpeed | None = None
    zoom: PtzSpeed | None = None
    preset: RowId | None = None


class SnapshotRecord(Strict):
    taken_at: UtcDatetime
    sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-fA-F]{64}$")]
    file_name: str = Field(min_length=1, max_length=255)


class AlertTransition(Strict):
    to: AlertTarget
    version: Version
    reason: CloseReason | None = None
    note: str | None = Field(default=None, max_length=2000)


class AlertVerify(Strict):
    verdict: AlertVerdict
    version: Version
    note: str | None = Field(default=None, max_length=2000)


class AlertDispatch(Strict):
    # Trimmed before the length check: a unit of only spaces names nobody (422 on body.unit).
    unit: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
    version: Version
    note: str | None = Field(default=None, max_length=2000)


class AlertNote(Strict):
    text: str = Field(min_length=1, max_length=2000)


class ReportPatch(Strict):
    status: ReportStatus
    version: Version
    note: str | None = Field(default=None, max_length=2000)
    agency_responsible: str | None = Field(default=None, min_length=1, max_length=200)
    # The citizen's rating, 1..5; only with the move to closed (checked by the route).
    satisfaction: int | None = Field(default=None, ge=1, le=5, strict=True)


class TaskCreate(Strict):
    title: str = Field(min_length=1, max_length=300)
    description: str = Field(default="", max_length=5000)
    assignee_unit: str = Field(min_length=1, max_length=200)
    due_at: UtcDatetime | None = None
    meeting_id: RowId | None = None
    # An optional place: both coordinates or neither (checked by the route, naming the missing one).
    lat: Latitude | None = None
    lon: Longitude | None = None
    ward: str | None = Field(default=None, min_length=1, max_length=100)


class TaskPatch(Strict):
    version: Version
    status: TaskStatus | None = None
    title: str | None = Field(default=None, min_length=1, max_length=300)
    description: str | None = Field(default=None, max_length=5000)
    assignee_unit: str | None = Field(default=None, min_length=1, max_length=200)
    due_at: UtcDatetime | None = None
    # lat and lon change together (both numbers, or both null to remove the place); null ward = none.
    lat: Latitude | None = None
    lon: Longitude | None = None
    ward: str | None = Field(default=None, min_length=1, max_length=100)


class AgendaItem(Strict):
    title: str = Field(min_length=1, max_length=300)
    presenter: str = Field(default="", max_length=200)
    # Revision 0007 (optional, so the {"title", "presenter"} of older clients stays valid).
    presenter_id: RowId | None = None
    minutes: int | None = Field(default=None, ge=1, le=1440, strict=True)
    documents: list[RowId] | None = Field(default=None, max_length=50)


class Quorum(Strict):
    """Exactly one of: a minimum number of members present, or a share of the members (0 < s ≤ 1)."""

    min_present: int | None = Field(default=None, ge=1, le=10000, strict=True)
    share: float | None = Field(default=None, gt=0.0, le=1.0, allow_inf_nan=False)

    @model_validator(mode="after")
    def _exactly_one(self) -> Quorum:
        if (self.min_present is None) == (self.share is None):
            raise ValueError("give exactly one of min_present and share")
        return self

    def stored(self) -> dict[str, Any]:
        return {"min_present": self.min_present} if self.min_present is not None else {"share": self.share}


MeetingRole = Literal["chair", "secretary", "presenter", "member", "guest"]


class MemberPut(Strict):
    role: MeetingRole
    version: Version


class MeetingVersion(Strict):
    """The meeting version a chair's act is based on (a double click must not skip two items)."""

    version: Version


class SpeakerOrder(Strict):
    version: Version
    # The waiting speakers' ids in their new order (every waiting speaker exactly once).
    order: list[RowId] = Field(max_length=500)


class ConclusionTask(Strict):
    title: str = Field(min_length=1, max_length=300)
    assignee_unit: str = Field(min_length=1, max_length=200)
    due_at: UtcDatetime
    description: str = Field(default="", max_length=10000)


class ConclusionCreate(Strict):
    version: Version
    text: str = Field(min_length=1, max_length=10000)
    task: ConclusionTask | None = None


class _View(BaseModel):
    """A shared view: strict like every body (no unknown keys, storable text), but not ``Strict``
    itself: a discriminated union may not have a before-validator on its ``kind``."""

    model_config = ConfigDict(extra="forbid")

    @field_validator("camera_id", "name", mode="after", check_fields=False)
    @classmethod
    def _storable(cls, value: str) -> str:
        problem = storable_text_problem(value)
        if problem:
            raise ValueError(problem)
        return value


class DocumentView(_View):
    kind: Literal["document"]
    document_id: RowId
    page: int = Field(ge=1, le=100000, strict=True)
    zoom: float = Field(default=1.0, ge=0.1, le=10.0, allow_inf_nan=False, strict=True)


class MapView(_View):
    kind: Literal["map"]
    lat: float = Field(ge=-90.0, le=90.0, allow_inf_nan=False, strict=True)
    lon: float = Field(ge=-180.0, le=180.0, allow_inf_nan=False, strict=True)
    zoom: float = Field(ge=0.0, le=22.0, allow_inf_nan=False, strict=True)


class CameraView(_View):
    kind: Literal["camera"]
    camera_id: str = Field(min_length=1, max_length=32)


class DashboardView(_View):
    kind: Literal["dashboard"]
    name: str = Field(min_length=1, max_length=80)


PresenterView = Annotated[DocumentView | MapView | CameraView | DashboardView, Field(discriminator="kind")]


class PresenterPut(Strict):
    # No version: the newest state wins (a presenter turning pages is never "stale"); the answer's
    # revision orders the states for followers.
    view: PresenterView


class MeetingCreate(Strict):
    title: str = Field(min_length=1, max_length=300)
    location: str = Field(min_length=1, max_length=300)
    starts_at: UtcDatetime
    ends_at: UtcDatetime
    status: MeetingStatus = "scheduled"
    agenda: list[AgendaItem] = Field(default_factory=list, max_length=100)
    quorum: Quorum | None = None


class PollCreate(Strict):
    question: str = Field(min_length=1, max_length=300)
    options: list[str] = Field(min_length=2, max_length=10)
    # named: the published result lists who chose what; secret: only the tallies exist.
    kind: Literal["named", "secret"] = "named"
    version: Version


class PollClose(Strict):
    version: Version


class PollVote(Strict):
    # No version: a vote is not stale because someone else voted meanwhile (docs/API.md).
    option: int = Field(ge=0, le=9, strict=True)


class MeetingPatch(Strict):
    version: Version
    title: str | None = Field(default=None, min_length=1, max_length=300)
    location: str | None = Field(default=None, min_length=1, max_length=300)
    starts_at: UtcDatetime | None = None
    ends_at: UtcDatetime | None = None
    status: MeetingStatus | None = None
    agenda: list[AgendaItem] | None = Field(default=None, max_length=100)
    # null clears the quorum setting (the only field of a meeting that may be null).
    quorum: Quorum | None = None


# --------------------------------------------------------------------------- alert ingest (issue 12)
#: A fraction of the frame, 0..1 (no NaN or infinity).
Fraction = Annotated[float, Field(ge=0.0, le=1.0, allow_inf_nan=False)]
MAX_DETECTIONS = 1000


def _bbox_inside(value: list[float]) -> list[float]:
    x, y, w, h = value
    if w <= 0 or h <= 0:
        raise ValueError("width and height must be greater than 0")
    # A little slack: engines round their boxes.
    if x + w > 1.0001 or y + h > 1.0001:
        raise ValueError("the box must lie inside the frame (x + w <= 1 and y + h <= 1)")
    return value


class DetectionIn(Strict):
    camera_id: str = Field(min_length=1, max_length=50)
    analytic: str = Field(min_length=1, max_length=50)
    severity: Severity
    confidence: Fraction
    # x, y, w, h as fractions of the frame
    bbox: Annotated[list[Fraction], Field(min_length=4, max_length=4), AfterValidator(_bbox_inside)]
    detected_at: UtcDatetime


class DetectionBatch(Strict):
    detections: list[DetectionIn] = Field(min_length=1, max_length=MAX_DETECTIONS)


# --- public warnings (CAP 1.2, ioc_domain.cap) ------------------------------------------------------

# An RFC 5646 tag as CAP's xs:language takes it ("vi-VN", "en-US", "fr").
LanguageTag = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$", max_length=35)]


class WarningCircle(Strict):
    lat: Latitude
    lon: Longitude
    # Kilometres; a warning wider than the province is a polygon's job.
    radius_km: float = Field(gt=0, le=500, allow_inf_nan=False)


class WarningArea(Strict):
    description: str = Field(min_length=1, max_length=500)
    # [[lat, lon], ...]: closed on the first point when the CAP document is written.
    polygon: list[tuple[Latitude, Longitude]] | None = Field(default=None, min_length=3, max_length=1000)
    circle: WarningCircle | None = None


class WarningInfo(Strict):
    language: LanguageTag
    category: list[CapCategory] = Field(min_length=1, max_length=12)
    event: str = Field(min_length=1, max_length=200)
    urgency: CapUrgency
    severity: CapSeverity
    certainty: CapCertainty
    headline: str = Field(min_length=1, max_length=300)
    description: str = Field(min_length=1, max_length=5000)
    instruction: str = Field(default="", max_length=5000)
    sender_name: str | None = Field(default=None, min_length=1, max_length=200)
    expires: UtcDatetime | None = None


class WarningCreate(Strict):
    alert_id: RowId | None = None
    msg_type: WarningMsgType = "Alert"
    # The published warning an Update or Cancel refers to (required for those, refused for Alert).
    references_id: RowId | None = None
    status: WarningStatus = "Actual"
    scope: WarningScope = "Public"
    info: list[WarningInfo] = Field(min_length=1, max_length=4)
    area: WarningArea


class WarningPatch(Strict):
    version: Version
    info: list[WarningInfo] | None = Field(default=None, min_length=1, max_length=4)
    area: WarningArea | None = None
    status: WarningStatus | None = None


class WarningPublish(Strict):
    version: Version
