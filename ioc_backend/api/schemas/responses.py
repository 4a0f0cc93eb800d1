"""Response models published in /openapi.json (documentation of the contract; handlers emit dicts)."""

from __future__ import annotations

from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel, Field

from ioc_backend.api.schemas.vocabulary import (
    AlertState,
    AlertVerdict,
    CameraCategory,
    CameraStatus,
    CloseReason,
    MeetingStatus,
    ReportSource,
    ReportStatus,
    Resource,
    Role,
    SensorKind,
    SensorStatus,
    Severity,
    TaskStatus,
    WarningState,
)

T = TypeVar("T")


class ErrorDetail(BaseModel):
    field: str
    message: str


class ErrorInfo(BaseModel):
    code: str
    message: str
    details: list[ErrorDetail] | None = None


class ErrorBody(BaseModel):
    error: ErrorInfo
    current: dict[str, Any] | None = None


class Page(BaseModel, Generic[T]):
    items: list[T]
    total: int
    limit: int
    offset: int


class Health(BaseModel):
    status: Literal["ok"]
    version: str
    time: str
    demo: bool


class User(BaseModel):
    id: int
    username: str
    full_name: str
    role: Role


class OfflineGrant(BaseModel):
    grant: str
    expires_at: str


class TokenPair(BaseModel):
    access_token: str
    token_type: Literal["bearer"]
    expires_at: str
    expires_in: int
    refresh_token: str
    refresh_expires_at: str
    user: User
    offline_grant: OfflineGrant


class PtzPreset(BaseModel):
    id: int
    name: str


class Camera(BaseModel):
    id: str
    name: str
    ward: str
    category: CameraCategory
    lat: float
    lon: float
    ptz: bool
    main_stream_url: str
    sub_stream_url: str
    ptz_presets: list[PtzPreset]
    status: CameraStatus
    version: int
    updated_at: str


class AuditEntry(BaseModel):
    id: int
    at: str
    user: str
    role: Role
    camera_id: str
    action: str
    detail: dict[str, Any]


class PtzAck(BaseModel):
    camera_id: str
    accepted: bool
    audit: AuditEntry


class Note(BaseModel):
    author: str
    text: str
    at: str


class Verification(BaseModel):
    verdict: AlertVerdict
    by: str
    at: str


class Dispatch(BaseModel):
    unit: str
    by: str
    at: str


class Alert(BaseModel):
    id: int
    analytic: str
    severity: Severity
    camera_id: str
    ward: str
    lat: float
    lon: float
    detected_at: str
    confidence: float
    bbox: list[float]
    state: AlertState
    close_reason: CloseReason | None
    owner: str | None
    notes: list[Note]
    verification: Verification | None
    dispatch: Dispatch | None
    snapshot_url: str
    # Triage: bundled detections, acknowledge / close times, the SLA of the analytic and its breach.
    detections: int
    first_detected_at: str
    last_detected_at: str
    acknowledged_at: str | None
    closed_at: str | None
    ack_due_at: str | None
    close_due_at: str | None
    sla_breached: bool
    sla_breached_at: str | None
    # The sensor whose threshold episode raised the alert (camera_id: the camera nearest it), else null.
    sensor_id: str | None
    version: int
    updated_at: str


class Analytic(BaseModel):
    code: str
    name_vi: str
    name_en: str
    category: str


class Report(BaseModel):
    id: int
    source: ReportSource
    service_code: str
    service_name: str
    description: str
    status: ReportStatus
    ward: str
    lat: float
    lon: float
    address: str
    agency_responsible: str
    requested_datetime: str
    updated_datetime: str
    expected_datetime: str | None
    satisfaction: int | None = Field(ge=1, le=5)
    version: int
    updated_at: str


class Unit(BaseModel):
    name: str
    symbol: str
    definition: str


class Thresholds(BaseModel):
    warning: float
    alarm: float


class Sensor(BaseModel):
    id: str
    name: str
    kind: SensorKind
    ward: str
    lat: float
    lon: float
    unit: Unit
    last_result: float | None
    last_phenomenon_time: str | None
    status: SensorStatus
    thresholds: Thresholds | None
    version: int
    updated_at: str


class Reading(BaseModel):
    phenomenon_time: str
    result: float


class ReadingBucket(BaseModel):
    t: str
    min: float
    max: float
    mean: float
    count: int


class ReadingBuckets(BaseModel):
    sensor_id: str
    bucket: Literal["1m", "1h", "1d"]
    as_of: str
    since: str
    until: str
    items: list[ReadingBucket]


class Task(BaseModel):
    id: int
    title: str
    description: str
    assignee_unit: str
    status: TaskStatus
    due_at: str | None
    created_by: str
    meeting_id: int | None
    conclusion_id: int | None = None
    # An optional place: both coordinates or neither; the ward is free text (also optional).
    lat: float | None
    lon: float | None
    ward: str | None
    version: int
    updated_at: str


class WardArea(BaseModel):
    name: str
    lat: float
    lon: float
    terrain: str
    # [[lat, lon], ...], closed: the last point repeats the first.
    polygon: list[tuple[float, float]]
    simplified: bool


class WardAreas(BaseModel):
    wards: list[WardArea]
    simplified: bool
    note: str


class Speaker(BaseModel):
    id: int
    item_id: int
    user_id: int
    position: int
    state: Literal["waiting", "speaking", "done", "withdrawn"]
    requested_at: str
    started_at: str | None
    stopped_at: str | None
    full_name: str | None = None  # GET .../speakers only


class Conclusion(BaseModel):
    id: int
    item_id: int
    text: str
    created_by: int | None
    created_at: str
    task_ids: list[int]


class AgendaEntry(BaseModel):
    title: str
    presenter: str
    # Revision 0007 (absent from meetings not changed since an older release seeded them).
    id: int | None = None
    position: int | None = None
    presenter_id: int | None = None
    minutes: int | None = None
    documents: list[int] = []
    state: Literal["pending", "current", "done"] = "pending"
    speakers: list[Speaker] = []
    conclusions: list[Conclusion] = []


class PresenterState(BaseModel):
    id: int
    meeting_id: int
    presenter_id: int | None
    view: dict[str, Any] | None
    revision: int
    version: int
    updated_at: str | None


class MeetingDocumentInfo(BaseModel):
    id: int
    filename: str
    size: int
    sha256: str
    uploaded_at: str


class Poll(BaseModel):
    id: int
    question: str
    options: list[str]
    kind: Literal["named", "secret"]
    status: Literal["draft", "open", "closed", "published"]
    votes_cast: int
    eligible: int | None
    votes: list[int] | None


class PollBallot(BaseModel):
    user_id: int
    username: str
    full_name: str
    option: int


class PollDetail(Poll):
    opened_at: str | None
    closed_at: str | None
    published_at: str | None
    may_vote: bool
    has_voted: bool
    manages: bool
    ballots: list[PollBallot] | None


class PrivateNote(BaseModel):
    id: int
    meeting_id: int
    document_id: int
    page: int
    text: str
    highlights: list[dict[str, float]]
    version: int
    created_at: str
    updated_at: str


class PrivateNoteList(BaseModel):
    items: list[PrivateNote]
    total: int


class MeetingMemberInfo(BaseModel):
    user_id: int
    username: str
    full_name: str
    role: Literal["chair", "secretary", "presenter", "member", "guest"]


class AttendanceSummary(BaseModel):
    present: int
    members: int
    quorum_needed: int
    quorum_reached: bool


class Stay(BaseModel):
    checked_in_at: str
    checked_out_at: str | None


class AttendanceMember(MeetingMemberInfo):
    present: bool
    stays: list[Stay]


class Attendance(BaseModel):
    meeting_id: int
    members: list[AttendanceMember]
    present: int
    quorum: dict[str, Any] | None
    quorum_needed: int
    quorum_reached: bool


class MyAttendance(BaseModel):
    meeting_id: int
    role: str | None
    present: bool
    stays: list[Stay]


class Meeting(BaseModel):
    id: int
    title: str
    location: str
    starts_at: str
    ends_at: str
    status: MeetingStatus
    agenda: list[AgendaEntry]
    documents: list[MeetingDocumentInfo]
    polls: list[Poll]
    quorum: dict[str, Any] | None = None
    members: list[MeetingMemberInfo] = []
    attendance: AttendanceSummary | None = None
    version: int
    updated_at: str


class Change(BaseModel):
    seq: int
    resource: Resource
    id: str
    op: Literal["upsert", "delete"]
    data: dict[str, Any] | None


class SyncPage(BaseModel):
    changes: list[Change]
    cursor: str
    has_more: bool


class SavedView(BaseModel):
    """A user's private named filter preset (``/me/views``); never part of /sync or /events."""

    id: int
    name: str
    kind: str
    data: dict[str, Any]
    version: int
    created_at: str
    updated_at: str


class SavedViewList(BaseModel):
    items: list[SavedView]
    total: int


class WarningCircle(BaseModel):
    lat: float
    lon: float
    radius_km: float


class WarningArea(BaseModel):
    description: str
    polygon: list[list[float]] | None
    circle: WarningCircle | None


class WarningInfo(BaseModel):
    language: str
    category: list[str]
    event: str
    urgency: str | None
    severity: str | None
    certainty: str | None
    headline: str | None
    description: str | None
    instruction: str | None
    sender_name: str | None
    expires: str | None


class PublicWarning(BaseModel):
    id: int
    identifier: str
    sender: str
    state: WarningState
    status: str
    msg_type: str
    scope: str
    sent: str | None
    references: str | None
    references_id: int | None
    alert_id: int | None
    info: list[WarningInfo]
    area: WarningArea
    created_by: str
    created_at: str
    published_by: str | None
    cap_url: str
    version: int
    updated_at: str


_ERRORS = {
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    409: "conflict / invalid_transition",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "validation_error / idempotency_key_mismatch",
    429: "too_many_attempts (Retry-After)",
    503: "busy (Retry-After)",
}


def documented(model: Any, *errors: int, status: int = 200) -> dict[int | str, dict[str, Any]]:
    """``responses=`` for a route: the success model plus the standard error body per status."""
    out: dict[int | str, dict[str, Any]] = {status: {"model": model}}
    for code in errors:
        out[code] = {"model": ErrorBody, "description": _ERRORS.get(code, "error")}
    return out


# --------------------------------------------------------------------------- alert triage (issue 12)
class AlertHistoryEntry(BaseModel):
    id: int
    at: str
    username: str | None
    role: Role | None
    # ioc_domain.alert_history.HISTORY_ACTIONS
    action: str
    detail: dict[str, Any]


class AlertHistory(BaseModel):
    alert_id: int
    entries: list[AlertHistoryEntry]


class DetectionResult(BaseModel):
    alert_id: int
    bundled: bool


class DetectionResults(BaseModel):
    results: list[DetectionResult]
