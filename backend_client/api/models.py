"""Typed, immutable views of the IOC API payloads (pydantic v2), validated as they arrive.

The models are strict on purpose: a number sent as a string, a naive timestamp or an
unknown enum value means the backend broke the contract, and the client reports it as
``BadResponse`` naming the field rather than passing doubtful data to the console.
Unknown extra fields are ignored so that a newer backend can add fields safely.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Generic, Literal, TypeVar

from pydantic import (
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationError,
    model_validator,
)
from pydantic_core import PydanticCustomError

from backend_client.api.errors import BadResponse


def _require_iso_string(value: Any) -> Any:
    # Without this guard pydantic would accept a bare number as a Unix timestamp; the
    # contract says every time is an ISO 8601 string with an explicit offset.
    if isinstance(value, datetime):
        return value
    if not isinstance(value, str):
        raise ValueError("expected an ISO 8601 date-time string")
    return value


# Aware datetimes parsed from ISO strings (strict mode would refuse strings in Python mode).
Timestamp = Annotated[AwareDatetime, BeforeValidator(_require_iso_string), Field(strict=False)]


class ApiModel(BaseModel):
    """Base of every payload model: frozen, strict types, unknown fields ignored."""

    model_config = ConfigDict(frozen=True, extra="ignore", strict=True)


Role = Literal["operator", "supervisor", "leader", "participant", "admin"]
CameraCategory = Literal["traffic", "urban_order", "public_safety", "forest_fire", "flood", "tourism"]
CameraStatus = Literal["online", "offline", "degraded"]
Severity = Literal["info", "warning", "critical"]
AlertState = Literal["new", "acknowledged", "in_progress", "closed"]
AlertTarget = Literal["acknowledged", "in_progress", "closed"]
CloseReason = Literal["resolved", "false_positive", "duplicate", "no_action_needed"]
AlertVerdict = Literal["confirmed", "false_alarm"]
ReportSource = Literal["hue_s", "hotline"]
ReportStatus = Literal["open", "in_progress", "action_scheduled", "closed", "duplicate", "not_responsible"]
SensorKind = Literal["water_level", "rainfall", "pm25", "temperature", "landslide_tilt"]
SensorStatus = Literal["ok", "warning", "alarm", "offline"]
TaskStatus = Literal["todo", "in_progress", "done", "cancelled"]
MeetingStatus = Literal["scheduled", "in_progress", "ended"]
ResourceName = Literal["camera", "alert", "report", "sensor", "task", "meeting", "warning", "meeting_presenter"]


class User(ApiModel):
    id: int
    username: str
    full_name: str
    role: Role


class OfflineGrant(ApiModel):
    """A time-limited credential to resume the session without the password (``POST /auth/grant``).

    Keep it like a password (the console stores it in its 0600 cache file); it is kept out of repr.
    """

    grant: str = Field(min_length=1, repr=False)
    expires_at: Timestamp


class AuthSession(ApiModel):
    """What the caller learns from a login/refresh; the tokens stay inside the client."""

    user: User
    expires_at: Timestamp
    refresh_expires_at: Timestamp
    offline_grant: OfflineGrant | None = None


class TokenGrant(ApiModel):
    """The raw login/refresh answer. Internal to the client; tokens are kept out of repr."""

    access_token: str = Field(min_length=1, repr=False)
    token_type: str
    expires_at: Timestamp
    expires_in: int | None = None
    refresh_token: str = Field(min_length=1, repr=False)
    refresh_expires_at: Timestamp
    user: User
    offline_grant: OfflineGrant | None = None  # absent from backends older than the offline grant


class Health(ApiModel):
    status: str
    version: str
    time: Timestamp
    demo: bool


class PtzPreset(ApiModel):
    """A named position of a PTZ camera (``POST /cameras/{id}/ptz`` with action ``preset``)."""

    id: int
    name: str


class Camera(ApiModel):
    id: str
    name: str
    ward: str
    category: CameraCategory
    lat: float
    lon: float
    ptz: bool
    # The backend's own MJPEG stream (relative or absolute) or a vendor URL (rtsp/http/https)
    # set by an administrator; credentials in it are ``***`` for roles without ``video.play``.
    # Treat it as a secret: log it only through ``redact_url``.
    main_stream_url: str = Field(repr=False)
    sub_stream_url: str = Field(repr=False)
    status: CameraStatus
    version: int
    updated_at: Timestamp
    ptz_presets: list[PtzPreset] = Field(default_factory=list)  # absent from backends before presets


PtzAction = Literal["move", "zoom", "preset", "stop"]
AuditAction = Literal["ptz.move", "ptz.zoom", "ptz.preset", "ptz.stop", "snapshot.taken"]


class AuditEntry(ApiModel):
    """One entry of the camera audit trail (``GET /audit``): who did what to which camera, when."""

    id: int
    at: Timestamp
    user: str
    role: Role
    camera_id: str
    action: str  # an AuditAction; plain text so that a newer backend's actions still read
    detail: dict[str, Any]


class PtzAck(ApiModel):
    """The backend's acknowledgement of a PTZ command, with the audit entry that records it."""

    camera_id: str
    accepted: bool
    audit: AuditEntry


class AlertNote(ApiModel):
    author: str
    text: str
    at: Timestamp


class AlertVerification(ApiModel):
    """Who checked the alert on camera, and what they found."""

    verdict: AlertVerdict
    by: str
    at: Timestamp


class AlertDispatch(ApiModel):
    """Which unit the alert was handed to, by whom and when."""

    unit: str
    by: str
    at: Timestamp


class Alert(ApiModel):
    id: int
    analytic: str
    severity: Severity
    camera_id: str
    ward: str
    lat: float
    lon: float
    detected_at: Timestamp
    confidence: float
    # [x, y, w, h] as fractions of the frame.
    bbox: list[float] = Field(min_length=4, max_length=4)
    state: AlertState
    close_reason: CloseReason | None = None
    owner: str | None = None
    notes: list[AlertNote] = Field(default_factory=list)
    # Absent from servers older than verify/dispatch: None then, as for an alert never verified.
    verification: AlertVerification | None = None
    dispatch: AlertDispatch | None = None
    snapshot_url: str
    version: int
    updated_at: Timestamp
    # Triage (bundling and SLA). Absent from servers before it: one detection, no SLA, no breach,
    # so an old row reads as what it was (the first/last detection is then ``detected_at``).
    detections: int = Field(default=1, ge=1)
    first_detected_at: Timestamp | None = None
    last_detected_at: Timestamp | None = None
    acknowledged_at: Timestamp | None = None
    closed_at: Timestamp | None = None
    ack_due_at: Timestamp | None = None
    close_due_at: Timestamp | None = None
    sla_breached: bool = False
    sla_breached_at: Timestamp | None = None
    # The sensor whose threshold episode raised the alert (``camera_id`` is then the camera nearest
    # it); None for the AI engine's detections, and from servers before sensor episodes.
    sensor_id: str | None = None


class AlertHistoryEntry(ApiModel):
    """One thing that happened to an alert (``GET /alerts/{id}/history``), oldest first.

    ``username``/``role`` are None for the system (the AI engine bundling a detection, the SLA
    watch). ``action`` is plain text, like ``AuditEntry.action``, so that an action a newer
    backend records still reads; ``detail`` carries its particulars (``{"bulk": true}``...).
    """

    id: int
    at: Timestamp
    username: str | None = None
    role: Role | None = None
    action: str
    detail: dict[str, Any] = Field(default_factory=dict)


class AlertHistory(ApiModel):
    """The body of ``GET /alerts/{id}/history``."""

    alert_id: int
    entries: list[AlertHistoryEntry]


# The CAP 1.2 vocabulary (OASIS CAP 1.2, section 3.2), as the warnings endpoints use it.
WarningState = Literal["draft", "published", "external"]
CapStatus = Literal["Actual", "Exercise", "System", "Test", "Draft"]
CapMsgType = Literal["Alert", "Update", "Cancel", "Ack", "Error"]
CapScope = Literal["Public", "Restricted", "Private"]
CapCategory = Literal[
    "Geo", "Met", "Safety", "Security", "Rescue", "Fire", "Health", "Env", "Transport", "Infra", "CBRNE", "Other"
]
CapUrgency = Literal["Immediate", "Expected", "Future", "Past", "Unknown"]
CapSeverity = Literal["Extreme", "Severe", "Moderate", "Minor", "Unknown"]
CapCertainty = Literal["Observed", "Likely", "Possible", "Unlikely", "Unknown"]

LatLon = Annotated[list[float], Field(min_length=2, max_length=2)]


class WarningInfo(ApiModel):
    """One language's ``<info>`` block of a warning (ours always have vi-VN, usually en-US too).

    Headline, description and instruction are optional in CAP: a warning imported from another
    agency may lack them (None then); the ones drafted here always carry them.
    """

    language: str
    category: list[CapCategory] = Field(min_length=1)
    event: str
    urgency: CapUrgency
    severity: CapSeverity
    certainty: CapCertainty
    headline: str | None = None
    description: str | None = None
    instruction: str | None = None
    sender_name: str | None = None
    expires: Timestamp | None = None


class WarningCircle(ApiModel):
    lat: float
    lon: float
    radius_km: float = Field(ge=0)


class WarningArea(ApiModel):
    """The ``<area>`` of a warning: a closed polygon of [lat, lon] points and/or a circle."""

    description: str
    polygon: list[LatLon] | None = Field(default=None, min_length=3)
    circle: WarningCircle | None = None


class Warning(ApiModel):  # shadows the builtin in this module only: the interface names it so
    """A public warning in the shape of a CAP 1.2 message (``/warnings``; synced as "warning").

    ``state`` is ``draft`` (editable), ``published`` (ours, immutable) or ``external`` (imported
    from another agency, immutable). ``sent`` is None until a draft is published.
    """

    id: int
    identifier: str
    sender: str
    state: WarningState
    status: CapStatus
    msg_type: CapMsgType
    scope: CapScope
    sent: Timestamp | None = None
    references: str | None = None
    references_id: int | None = None
    alert_id: int | None = None
    info: list[WarningInfo] = Field(min_length=1)
    area: WarningArea
    created_by: str
    created_at: Timestamp
    published_by: str | None = None
    cap_url: str
    version: int
    updated_at: Timestamp

    def info_for(self, language: str) -> WarningInfo:
        """The info block in ``language`` ("vi" or "vi-VN"...), else the first one."""
        wanted = language.lower()
        for block in self.info:
            code = block.language.lower()
            if code == wanted or code.split("-")[0] == wanted.split("-")[0]:
                return block
        return self.info[0]


FunnelGroup = Literal["analytic", "category", "ward"]


class FunnelTotals(ApiModel):
    """The funnel's figures: how many detections became alerts, verdicts, warnings, dispatches."""

    detected: int = Field(ge=0)
    alerts: int = Field(ge=0)
    confirmed: int = Field(ge=0)
    false_alarms: int = Field(ge=0)
    warned: int = Field(ge=0)
    dispatched: int = Field(ge=0)
    closed: int = Field(ge=0)
    # Seconds from the first detection to the acknowledgement / close; None when none happened.
    median_ack_s: float | None = None
    median_close_s: float | None = None


class FunnelRow(FunnelTotals):
    """One group of the funnel (an analytic, a category or a ward), named in both languages."""

    key: str
    label_vi: str
    label_en: str


class AlertFunnel(ApiModel):
    """``GET /stats/alert-funnel``: one row per group, and the totals over the period.

    ``as_of`` (when the server computed it) and ``ward`` (the ward filter) are None from a
    backend older than the ward filter."""

    as_of: Timestamp | None = None
    since: Timestamp
    until: Timestamp
    ward: str | None = None
    group_by: FunnelGroup
    rows: list[FunnelRow]
    total: FunnelTotals


class FalseAlarmRow(ApiModel):
    """One detector (camera × analytic): how many alerts and how many of them were false alarms."""

    camera_id: str
    camera_name: str
    analytic: str
    alerts: int = Field(ge=0)
    false_alarms: int = Field(ge=0)
    share: float = Field(ge=0, le=1)


class FalseAlarmStats(ApiModel):
    """``GET /stats/alert-false-alarms``: detectors by share of false alarms, worst first."""

    as_of: Timestamp
    since: Timestamp
    until: Timestamp
    rows: list[FalseAlarmRow]


# ----------------------------------------------------------------- key figures (GET /stats/*)
Share = Annotated[float, Field(ge=0, le=1)]
Count = Annotated[int, Field(ge=0)]
ReportGroup = Literal["ward", "source", "day"]
TaskGroup = Literal["unit"]


class ReportFigures(ApiModel):
    """Reports received in the period, how many were processed (a final status), resolved on
    time (of the processed ones with a deadline) and how the citizens rated them (1..5; satisfied
    = 4 or 5). A share is None when nothing could be counted for it."""

    received: Count
    processed: Count
    processed_share: Share | None
    with_deadline: Count
    on_time: Count
    on_time_share: Share | None
    rated: Count
    satisfied: Count
    satisfaction_share: Share | None
    satisfaction_mean: Annotated[float, Field(ge=1, le=5)] | None


class ReportStatsRow(ReportFigures):
    """One group: a ward, a source or a day (``YYYY-MM-DD`` in Vietnam time), named in both languages."""

    key: str
    label_vi: str
    label_en: str


class ReportStats(ApiModel):
    """``GET /stats/reports``."""

    as_of: Timestamp
    since: Timestamp
    until: Timestamp
    ward: str | None
    source: ReportSource | None
    group_by: ReportGroup
    total: ReportFigures
    rows: list[ReportStatsRow]


class CameraFigures(ApiModel):
    """Cameras by status now; available = online (degraded counts as not available)."""

    total: Count
    online: Count
    degraded: Count
    offline: Count
    availability_share: Share | None


class CameraStatsRow(CameraFigures):
    key: str
    label_vi: str
    label_en: str


class CameraStats(CameraFigures):
    """``GET /stats/cameras``: the figures over every camera (of the ward), and one row per ward."""

    as_of: Timestamp
    ward: str | None
    rows: list[CameraStatsRow]


class TaskFigures(ApiModel):
    """Tasks due in the period plus those without a deadline (cancelled ones left out)."""

    open: Count
    done: Count
    on_time: Count
    overdue: Count
    no_deadline: Count


class TaskStatsRow(TaskFigures):
    """One unit (``assignee_unit``)."""

    key: str
    label_vi: str
    label_en: str


class TaskStats(ApiModel):
    """``GET /stats/tasks``."""

    as_of: Timestamp
    since: Timestamp
    until: Timestamp
    ward: str | None
    group_by: TaskGroup
    total: TaskFigures
    rows: list[TaskStatsRow]


class SensorFigures(ApiModel):
    """Sensors by status now."""

    total: Count
    ok: Count
    warning: Count
    alarm: Count
    offline: Count


class SensorStatsRow(SensorFigures):
    """One sensor kind, named in both languages."""

    key: str
    label_vi: str
    label_en: str


class SensorStats(SensorFigures):
    """``GET /stats/sensors``: the figures over every sensor (of the ward), and one row per kind."""

    as_of: Timestamp
    ward: str | None
    rows: list[SensorStatsRow]


BulkAction = Literal["acknowledge", "false_alarm", "close", "dispatch"]
#: The codes the backend gives a refused alert of a bulk action (``BulkFailure.code``).
BULK_FAILURE_CODES = ("conflict", "invalid_transition", "not_found")


class BulkFailure(ApiModel):
    """An alert a bulk action left unchanged and why; ``current`` is the alert as it is now
    (None when it does not exist). ``code`` is plain text so that a newer backend's reasons
    still read; the known ones are ``BULK_FAILURE_CODES``."""

    id: int
    code: str
    message: str
    current: Alert | None = None


class BulkResult(ApiModel):
    """``POST /alerts/bulk``: the alerts changed (as they are now) and the ones refused."""

    action: BulkAction
    succeeded: list[Alert]
    failed: list[BulkFailure]

    @property
    def succeeded_ids(self) -> list[int]:
        return [alert.id for alert in self.succeeded]

    @property
    def conflicted_ids(self) -> list[int]:
        """Alerts someone else changed first (stale version): the operator should look again."""
        return [failure.id for failure in self.failed if failure.code == "conflict"]


class WardArea(ApiModel):
    """One ward or commune and its area (``GET /wards``); ``polygon`` is [[lat, lon], ...] closed on the first point."""

    name: str
    lat: float
    lon: float
    terrain: str
    polygon: list[list[float]]
    simplified: bool = False


class WardAreas(ApiModel):
    wards: list[WardArea]
    #: True when the areas are drawn around ward centres rather than surveyed boundaries (the demo's).
    simplified: bool = False
    note: str = ""


class Analytic(ApiModel):
    code: str
    name_vi: str
    name_en: str
    category: str


class Report(ApiModel):
    id: int
    source: ReportSource
    service_code: str
    service_name: str
    description: str
    status: ReportStatus
    ward: str
    lat: float
    lon: float
    address: str | None = None
    agency_responsible: str | None = None
    requested_datetime: Timestamp
    updated_datetime: Timestamp
    expected_datetime: Timestamp | None = None
    # The citizen's rating given when the report was closed; None when none (or an older backend).
    satisfaction: Annotated[int, Field(ge=1, le=5)] | None = None
    version: int
    updated_at: Timestamp


class Unit(ApiModel):
    name: str
    symbol: str
    definition: str


class SensorThresholds(ApiModel):
    """A sensor's warning and alarm levels, in its unit (the alarm is never below the warning)."""

    warning: float = Field(allow_inf_nan=False)
    alarm: float = Field(allow_inf_nan=False)

    @model_validator(mode="after")
    def _ordered(self) -> SensorThresholds:
        if self.alarm < self.warning:
            raise PydanticCustomError("thresholds", "alarm {alarm} is below warning {warning}",
                                      {"alarm": self.alarm, "warning": self.warning})  # fmt: skip
        return self


class Sensor(ApiModel):
    id: str
    name: str
    kind: SensorKind
    ward: str
    lat: float
    lon: float
    unit: Unit
    last_result: float | None = None
    last_phenomenon_time: Timestamp | None = None
    status: SensorStatus
    version: int
    updated_at: Timestamp
    # None: no thresholds known (and from servers before thresholds).
    thresholds: SensorThresholds | None = None


class Reading(ApiModel):
    phenomenon_time: Timestamp
    result: float


ReadingBucketWidth = Literal["1m", "1h", "1d"]


class ReadingBucket(ApiModel):
    """One bucket of a sensor's readings: its start, and the readings' min, max, mean and count."""

    t: Timestamp
    min: float = Field(allow_inf_nan=False)
    max: float = Field(allow_inf_nan=False)
    mean: float = Field(allow_inf_nan=False)
    count: int = Field(ge=1)

    @model_validator(mode="after")
    def _consistent(self) -> ReadingBucket:
        # A mean computed in floating point may stray from min/max by a rounding error, no more.
        slack = 1e-9 * max(1.0, abs(self.min), abs(self.max))
        if not (self.min - slack <= self.mean <= self.max + slack):
            raise PydanticCustomError("bucket", "min {min}, mean {mean}, max {max} are not in order",
                                      {"min": self.min, "mean": self.mean, "max": self.max})  # fmt: skip
        return self


class ReadingBuckets(ApiModel):
    """``GET /sensors/{id}/readings?bucket=``: the non-empty buckets of [since, until), oldest first."""

    sensor_id: str
    bucket: ReadingBucketWidth
    as_of: Timestamp
    since: Timestamp
    until: Timestamp
    items: list[ReadingBucket]

    @model_validator(mode="after")
    def _in_order(self) -> ReadingBuckets:
        starts = [item.t for item in self.items]
        if any(a >= b for a, b in zip(starts, starts[1:], strict=False)):
            raise PydanticCustomError("buckets", "bucket starts are not strictly increasing", {})
        return self


class Task(ApiModel):
    id: int
    title: str
    description: str
    assignee_unit: str
    status: TaskStatus
    due_at: Timestamp | None = None  # API.md shows a time; the backend also allows none
    created_by: str
    meeting_id: int | None = None
    # The meeting conclusion the task carries out (absent from backends before revision 0007).
    conclusion_id: int | None = None
    # An optional place: both coordinates or neither (absent from backends before it: none).
    lat: float | None = None
    lon: float | None = None
    ward: str | None = None
    version: int
    updated_at: Timestamp


MeetingRole = Literal["chair", "secretary", "presenter", "member", "guest"]
AgendaState = Literal["pending", "current", "done"]
SpeakerState = Literal["waiting", "speaking", "done", "withdrawn"]


class Speaker(ApiModel):
    """A request to speak on an agenda item, with the times its turn started and stopped."""

    id: int
    item_id: int
    user_id: int
    position: int
    state: SpeakerState
    requested_at: Timestamp
    started_at: Timestamp | None = None
    stopped_at: Timestamp | None = None
    full_name: str | None = None  # only in ``list_speakers``

    @model_validator(mode="after")
    def _times_fit_the_state(self) -> Speaker:
        if self.state == "speaking" and self.started_at is None:
            raise ValueError("a speaker who speaks has a start time")
        if self.state == "waiting" and (self.started_at or self.stopped_at):
            raise ValueError("a waiting speaker has no start or stop time")
        if self.started_at and self.stopped_at and self.stopped_at < self.started_at:
            raise ValueError("a speaker stopped before starting")
        return self


class Conclusion(ApiModel):
    id: int
    item_id: int
    text: str
    created_by: int | None = None
    created_at: Timestamp
    task_ids: list[int] = Field(default_factory=list)


class AgendaItem(ApiModel):
    """An agenda entry. ``title`` and ``presenter`` (free text) are all older backends send; the
    rest came with meeting procedure (backend revision 0007)."""

    title: str
    presenter: str
    id: int | None = None
    position: int | None = None
    presenter_id: int | None = None
    minutes: int | None = Field(default=None, ge=1)
    documents: list[int] = Field(default_factory=list)
    state: AgendaState = "pending"
    speakers: list[Speaker] = Field(default_factory=list)
    conclusions: list[Conclusion] = Field(default_factory=list)


class MeetingMember(ApiModel):
    user_id: int
    username: str
    full_name: str
    role: MeetingRole


class AttendanceSummary(ApiModel):
    """How many members are present and whether the quorum is reached (every member sees this)."""

    present: int = Field(ge=0)
    members: int = Field(ge=0)
    quorum_needed: int = Field(ge=0)
    quorum_reached: bool


class Stay(ApiModel):
    checked_in_at: Timestamp
    checked_out_at: Timestamp | None = None


class AttendanceMember(MeetingMember):
    present: bool
    stays: list[Stay]


class MyAttendance(ApiModel):
    """The signed-in user's part in a meeting: their meeting role (None: not a member), presence, stays."""

    meeting_id: int
    role: MeetingRole | None = None
    present: bool
    stays: list[Stay] = Field(default_factory=list)


class Attendance(ApiModel):
    """``GET /meetings/{id}/attendance`` (chair, secretary, meeting managers): who is present, when."""

    meeting_id: int
    members: list[AttendanceMember]
    present: int = Field(ge=0)
    quorum: dict[str, Any] | None = None
    quorum_needed: int = Field(ge=0)
    quorum_reached: bool

    @model_validator(mode="after")
    def _counts_agree(self) -> Attendance:
        if self.present != sum(1 for m in self.members if m.present):
            raise ValueError("present does not count the members present")
        if self.quorum_reached != (self.present >= self.quorum_needed):
            raise ValueError("quorum_reached disagrees with present and quorum_needed")
        return self


class DocumentView(ApiModel):
    kind: Literal["document"]
    document_id: int
    page: int = Field(ge=1)
    zoom: float = Field(default=1.0, gt=0, allow_inf_nan=False)


class MapView(ApiModel):
    kind: Literal["map"]
    lat: float = Field(ge=-90, le=90, allow_inf_nan=False)
    lon: float = Field(ge=-180, le=180, allow_inf_nan=False)
    zoom: float = Field(ge=0, allow_inf_nan=False)


class CameraView(ApiModel):
    kind: Literal["camera"]
    camera_id: str


class DashboardView(ApiModel):
    kind: Literal["dashboard"]
    name: str


PresenterView = Annotated[DocumentView | MapView | CameraView | DashboardView, Field(discriminator="kind")]


class PresenterState(ApiModel):
    """What the room is shown (resource ``meeting_presenter``; id = the meeting's). A follower
    applies a state only when its ``revision`` is higher than the one it shows."""

    id: int
    meeting_id: int
    presenter_id: int | None = None
    view: PresenterView | None = None
    revision: int = Field(ge=0)
    version: int = Field(ge=0)
    updated_at: Timestamp | None = None

    @model_validator(mode="after")
    def _consistent(self) -> PresenterState:
        if self.id != self.meeting_id:
            raise ValueError("a presenter state's id is its meeting's id")
        if (self.view is None) != (self.revision == 0):
            raise ValueError("only revision 0 (nothing shown yet) has no view")
        return self


PollStatus = Literal["draft", "open", "closed", "published"]
PollKind = Literal["named", "secret"]


class MeetingDocument(ApiModel):
    """A PDF attached to a meeting; fetch its bytes with ``IocClient.download_document``."""

    id: int
    filename: str
    size: int = Field(ge=0)
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    uploaded_at: Timestamp


class Poll(ApiModel):
    """A question put to a meeting, as every reader of the meeting sees it.

    ``votes[i]`` (the tally of option i) is None until the poll is published; ``votes_cast``
    counts who has voted, ``eligible`` how many members were present when it opened (None for a
    draft, or a poll opened before the backend kept that). Older backends sent neither kind nor
    counts, and the tallies all along: their polls read as named, with the tallies as sent.
    """

    id: int
    question: str
    options: list[str] = Field(min_length=2)
    kind: PollKind = "named"
    status: PollStatus
    votes_cast: int = Field(default=0, ge=0)
    eligible: int | None = Field(default=None, ge=0)
    votes: list[int] | None = None

    @model_validator(mode="after")
    def _one_tally_per_option(self) -> Poll:
        if self.votes is not None:
            if len(self.votes) != len(self.options):
                raise ValueError("a poll must carry one vote count per option")
            if any(count < 0 for count in self.votes):
                raise ValueError("a vote count cannot be negative")
        if self.eligible is not None and self.votes_cast > self.eligible:
            raise ValueError("more votes cast than members allowed to vote")
        return self


class PollBallot(ApiModel):
    """One member's choice in a published named poll."""

    user_id: int
    username: str
    full_name: str
    option: int = Field(ge=0)


class PollDetail(Poll):
    """``GET /meetings/{id}/polls/{poll_id}``: the poll with the caller's part in it.

    ``votes`` is also filled for the chair of a named poll while open and for the managers of
    any closed poll; ``ballots`` lists who chose what in a published named poll (else None).
    """

    opened_at: Timestamp | None = None
    closed_at: Timestamp | None = None
    published_at: Timestamp | None = None
    may_vote: bool
    has_voted: bool
    manages: bool
    ballots: list[PollBallot] | None = None

    @model_validator(mode="after")
    def _ballots_fit(self) -> PollDetail:
        if self.ballots is not None:
            if self.kind == "secret":
                raise ValueError("a secret poll has no ballots")
            if any(b.option >= len(self.options) for b in self.ballots):
                raise ValueError("a ballot names an option the poll does not have")
        return self


class Meeting(ApiModel):
    id: int
    title: str
    location: str
    starts_at: Timestamp
    ends_at: Timestamp
    status: MeetingStatus
    agenda: list[AgendaItem] = Field(default_factory=list)
    # Absent from backends older than meeting documents and polls.
    documents: list[MeetingDocument] = Field(default_factory=list)
    polls: list[Poll] = Field(default_factory=list)
    # Absent from backends before meeting procedure (revision 0007): no quorum, no members.
    quorum: dict[str, Any] | None = None
    members: list[MeetingMember] = Field(default_factory=list)
    attendance: AttendanceSummary | None = None
    version: int
    updated_at: Timestamp

    @model_validator(mode="after")
    def _one_current_item(self) -> Meeting:
        if sum(1 for item in self.agenda if item.state == "current") > 1:
            raise ValueError("a meeting has at most one current agenda item")
        return self


T = TypeVar("T")


class Page(ApiModel, Generic[T]):
    """One page of a collection; ``total`` counts all matches, not just this page."""

    items: list[T]
    total: int = Field(ge=0)
    limit: int = Field(ge=0)
    offset: int = Field(ge=0)


class SavedView(ApiModel):
    """One of the signed-in user's saved views (``/me/views``); ``data`` is the kind's own settings."""

    id: int
    name: str
    kind: str
    data: dict[str, Any]
    version: int
    created_at: Timestamp
    updated_at: Timestamp


class SavedViewList(ApiModel):
    """``GET /me/views``: every view of the caller (no paging; the server keeps at most 200)."""

    items: list[SavedView]
    total: int = Field(ge=0)


class NoteHighlight(ApiModel):
    """A highlighted rectangle of a page, in PDF points from the page's top left corner."""

    x: float = Field(ge=0)
    y: float = Field(ge=0)
    width: float = Field(gt=0)
    height: float = Field(gt=0)


class PrivateNote(ApiModel):
    """One of the signed-in user's private notes on a page of a meeting document (``/me/notes``)."""

    id: int
    meeting_id: int
    document_id: int
    page: int = Field(ge=1)
    text: str
    highlights: list[NoteHighlight] = Field(default_factory=list)
    version: int = Field(ge=1)
    created_at: Timestamp
    updated_at: Timestamp


class PrivateNoteList(ApiModel):
    """``GET /me/notes``: the caller's notes (optionally of one meeting or document)."""

    items: list[PrivateNote]
    total: int = Field(ge=0)


Resource = Camera | Alert | Report | Sensor | Task | Meeting | Warning | PresenterState

RESOURCE_MODELS: dict[str, type[ApiModel]] = {
    "camera": Camera,
    "alert": Alert,
    "report": Report,
    "sensor": Sensor,
    "task": Task,
    "meeting": Meeting,
    "warning": Warning,
    "meeting_presenter": PresenterState,
}


class Change(ApiModel):
    """One entry of ``/sync`` or one ``change`` event: a resource in its latest state."""

    seq: int
    resource: str
    id: str
    op: Literal["upsert", "delete"]
    data: dict[str, Any] | None = None
    _typed: Any = PrivateAttr(default=None)

    @model_validator(mode="after")
    def _validate_resource_data(self) -> Change:
        # Validate the embedded resource now, on the way in, so a malformed change is
        # reported with its path (``changes.3.data.lat``) instead of failing later in the UI.
        model_cls = RESOURCE_MODELS.get(self.resource)
        if self.op == "upsert" and self.data is None:
            raise PydanticCustomError("missing_data", "an upsert must carry data", {"path": "data"})
        if model_cls is None or self.data is None:
            return self
        try:
            self._typed = model_cls.model_validate(self.data)
        except ValidationError as exc:
            first = exc.errors()[0]
            path = ".".join(str(p) for p in ("data", *first["loc"]))
            raise PydanticCustomError("resource_data", "{msg}", {"msg": first["msg"], "path": path}) from None
        if str(getattr(self._typed, "id", self.id)) != self.id:
            raise PydanticCustomError("resource_id", "data.id does not match the change id", {"path": "data.id"})
        return self

    def __eq__(self, other: object) -> bool:
        # The typed resource is derived from ``data`` (and may not be built yet, see model()),
        # so two changes are equal when their fields are.
        if isinstance(other, Change):
            return self.__dict__ == other.__dict__
        return NotImplemented

    def model(self) -> Resource | None:
        """The typed resource (``Camera``, ``Alert``, ``Warning``...), or None for deletions/unknown kinds.

        Changes of a ``/sync`` page are built without the full validation (see
        ``sync_payload``); their resource is validated here, on first use, and a contract
        breach raises ``BadResponse`` naming the field (``data.lat``).
        """
        if self._typed is None and self.data is not None:
            model_cls = RESOURCE_MODELS.get(self.resource)
            if model_cls is not None:
                try:
                    self._typed = model_cls.model_validate(self.data)
                except ValidationError as exc:
                    first = exc.errors()[0]
                    path = ".".join(str(p) for p in ("data", *first["loc"]))
                    raise BadResponse(f"Malformed change {self.seq}: {path}: {first['msg']}", field=path) from None
        return self._typed


class SyncBatch(ApiModel):
    changes: list[Change]
    cursor: str
    has_more: bool


class Event(ApiModel):
    """One server-sent event. ``type`` is ``change`` or ``reset`` (then resync with /sync)."""

    id: str | None = None
    type: str
    change: Change | None = None
    data: dict[str, Any] = Field(default_factory=dict)


__all__ = [
    "AlertFunnel",
    "AlertHistory",
    "AlertHistoryEntry",
    "BULK_FAILURE_CODES",
    "BulkAction",
    "BulkFailure",
    "BulkResult",
    "CapCategory",
    "CapCertainty",
    "CapMsgType",
    "CapScope",
    "CapSeverity",
    "CapStatus",
    "CapUrgency",
    "FalseAlarmRow",
    "FalseAlarmStats",
    "FunnelGroup",
    "FunnelRow",
    "FunnelTotals",
    "CameraFigures",
    "CameraStats",
    "CameraStatsRow",
    "ReportFigures",
    "ReportGroup",
    "ReportStats",
    "ReportStatsRow",
    "SensorFigures",
    "SensorStats",
    "SensorStatsRow",
    "TaskFigures",
    "TaskGroup",
    "TaskStats",
    "TaskStatsRow",
    "Warning",
    "WarningArea",
    "WarningCircle",
    "WarningInfo",
    "WarningState",
    "AgendaItem",
    "AgendaState",
    "Attendance",
    "AttendanceMember",
    "AttendanceSummary",
    "CameraView",
    "Conclusion",
    "DashboardView",
    "DocumentView",
    "MapView",
    "MeetingMember",
    "MeetingRole",
    "PresenterState",
    "PresenterView",
    "Speaker",
    "SpeakerState",
    "Stay",
    "Alert",
    "AlertNote",
    "AlertState",
    "AlertTarget",
    "Analytic",
    "ApiModel",
    "AuditAction",
    "AuditEntry",
    "AuthSession",
    "Camera",
    "CameraCategory",
    "CameraStatus",
    "Change",
    "CloseReason",
    "Event",
    "Health",
    "Meeting",
    "MeetingDocument",
    "MeetingStatus",
    "OfflineGrant",
    "NoteHighlight",
    "Poll",
    "PollBallot",
    "PollDetail",
    "PollKind",
    "PollStatus",
    "PrivateNote",
    "PrivateNoteList",
    "PtzAck",
    "PtzAction",
    "PtzPreset",
    "Page",
    "RESOURCE_MODELS",
    "Reading",
    "Report",
    "ReportSource",
    "ReportStatus",
    "Resource",
    "ResourceName",
    "Role",
    "SavedView",
    "SavedViewList",
    "Sensor",
    "SensorKind",
    "SensorStatus",
    "Severity",
    "SyncBatch",
    "Task",
    "TaskStatus",
    "Timestamp",
    "TokenGrant",
    "Unit",
    "User",
]
