"""SQLAlchemy tables of the backend: users, tokens, the six API resources, change log, idempotency, audit."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

from ioc_backend.timeutil import as_utc


class UTCDateTime(TypeDecorator):
    """Stores naive UTC, returns aware UTC: SQLite has no time zones, PostgreSQL gets the same."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return as_utc(value).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        return None if value is None else as_utc(value)


class Base(DeclarativeBase):
    pass


def table_of(model: type[Base]) -> Table:
    """The Table of a mapped class, typed as one (``__table__`` is typed as any FromClause)."""
    return Base.metadata.tables[model.__tablename__]


# Ever-growing sequences (the change log and readings) are 64-bit on PostgreSQL, whose INTEGER
# stops at 2**31 (months of busy live traffic). SQLite keeps INTEGER: it is already 64-bit and
# only "INTEGER PRIMARY KEY" is the rowid alias AUTOINCREMENT needs.
Sequence64 = BigInteger().with_variant(Integer(), "sqlite")


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    full_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    password_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Token(Base):
    """An issued token; only its SHA-256 is kept.

    ``pair`` is the session family id: set at login and kept by every refresh and offline grant
    redemption that continues the session, so logout revokes all of them at once. (Tokens
    issued before this rule carry one id per pair; they expire on their own.)
    """

    __tablename__ = "tokens"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[str] = mapped_column(String(10))  # access | refresh
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    pair: Mapped[str] = mapped_column(String(64), index=True)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class VersionedMixin:
    """Columns every API resource carries: optimistic version and latest change sequence."""

    version: Mapped[int] = mapped_column(Integer, default=1)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    seq: Mapped[int] = mapped_column(Sequence64, default=0, index=True)
    # The row as the API last serialised it (compact JSON), written with every change. /sync
    # splices it into its pages as text. It lives on the row, not only in the change log,
    # because the log keeps just the newest events: a city's rows that have not changed for
    # weeks would otherwise all be serialised again on every initial sync. Deferred: the
    # ORM's own reads never need it. NULL in databases from before it existed (those rows
    # are serialised by /sync until they next change).
    sync_json: Mapped[str | None] = mapped_column(Text, nullable=True, deferred=True)


class Camera(VersionedMixin, Base):
    __tablename__ = "cameras"
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    ward: Mapped[str] = mapped_column(String(100), index=True)
    category: Mapped[str] = mapped_column(String(30), index=True)
    lat: Mapped[float] = mapped_column(Float)
    lon: Mapped[float] = mapped_column(Float)
    ptz: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(20), index=True)
    # A vendor's stream URLs set by an administrator (rtsp/http/https, credentials allowed);
    # NULL means the backend's own MJPEG stream. Kept as typed: redacted only when shown.
    main_stream_url: Mapped[str | None] = mapped_column(String(2048), nullable=True, default=None)
    sub_stream_url: Mapped[str | None] = mapped_column(String(2048), nullable=True, default=None)
    # [{"id": int, "name": str}] of a PTZ camera; NULL in rows from before revision 0002 (= none).
    ptz_presets: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON, nullable=True, default=list)


class AuditEntry(Base):
    """Who did what to a camera and when (PTZ commands, snapshots taken). Append-only, never synced."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_camera_id", "camera_id", "id"), {"sqlite_autoincrement": True})
    id: Mapped[int] = mapped_column(Sequence64, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    # The user is copied by name and role: the trail must still say who after a user is removed.
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    username: Mapped[str] = mapped_column(String(64))
    role: Mapped[str] = mapped_column(String(20))
    camera_id: Mapped[str] = mapped_column(String(32))
    action: Mapped[str] = mapped_column(String(40), index=True)
    detail: Mapped[dict[str, Any]] = mapped_column(JSON)


class Alert(VersionedMixin, Base):
    __tablename__ = "alerts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    analytic: Mapped[str] = mapped_column(String(50), index=True)
    severity: Mapped[str] = mapped_column(String(20), index=True)
    camera_id: Mapped[str] = mapped_column(ForeignKey("cameras.id"), index=True)
    ward: Mapped[str] = mapped_column(String(100))
    lat: Mapped[float] = mapped_column(Float)
    lon: Mapped[float] = mapped_column(Float)
    detected_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    confidence: Mapped[float] = mapped_column(Float)
    bbox: Mapped[list[float]] = mapped_column(JSON)
    state: Mapped[str] = mapped_column(String(20), index=True)
    close_reason: Mapped[str | None] = mapped_column(String(30), nullable=True)
    owner: Mapped[str | None] = mapped_column(String(64), nullable=True)
    notes: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    # {"verdict", "by", "at"} and {"unit", "by", "at"} of the latest verify / dispatch, or NULL.
    # Nullable: databases made before these columns get them added empty (db.create_schema).
    # none_as_null: "unset" is SQL NULL, as in old rows, never the JSON text 'null'.
    verification: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True), nullable=True, default=None)
    dispatch: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True), nullable=True, default=None)
    # Triage (revision 0003). Bundling: repeated detections of one analytic on one camera within
    # its window join the open alert (ioc_domain.alert_sla.bundle_window_s); ``detected_at``,
    # ``confidence`` and ``bbox`` are then the latest detection's. NULL / default in older rows:
    # one detection, first = last = detected_at, no SLA.
    detections: Mapped[int] = mapped_column(Integer, default=1)
    first_detected_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True, default=None)
    last_detected_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True, default=None)
    # When the alert was first acknowledged (or confirmed / dispatched) and closed: the funnel's medians.
    acknowledged_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True, default=None)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True, default=None)
    # The SLA of the analytic (ioc_domain.alert_sla), fixed when the alert is created.
    ack_due_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True, default=None)
    close_due_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True, default=None)
    # Set once by the SLA watch when a due time passed unmet; the alert then sits in the
    # supervisors' escalation queue until closed. Never cleared (the breach happened).
    sla_breached: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    sla_breached_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True, default=None)
    # The sensor whose threshold episode raised this alert (revision 0006); NULL for the AI engine's
    # detections. ``camera_id`` is then the camera nearest the sensor, to look at the place.
    sensor_id: Mapped[str | None] = mapped_column(
        ForeignKey("sensors.id", ondelete="SET NULL", name="fk_alerts_sensor_id"),
        nullable=True,
        default=None,
        index=True,
    )


class AlertHistoryEntry(Base):
    """What happened to an alert, by whom and when: detections bundled in, transitions, verdicts,
    dispatches, notes, bulk actions, SLA breaches, warnings. Append-only, never synced (served by
    GET /alerts/{id}/history)."""

    __tablename__ = "alert_history"
    __table_args__ = (Index("ix_alert_history_alert_id", "alert_id", "id"), {"sqlite_autoincrement": True})
    id: Mapped[int] = mapped_column(Sequence64, primary_key=True, autoincrement=True)
    alert_id: Mapped[int] = mapped_column(ForeignKey("alerts.id", ondelete="CASCADE"))
    at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    # The user by name and role (None for the system: the AI engine, the SLA watch).
    username: Mapped[str | None] = mapped_column(String(64), nullable=True)
    role: Mapped[str | None] = mapped_column(String(20), nullable=True)
    # ioc_domain.alert_history.HISTORY_ACTIONS
    action: Mapped[str] = mapped_column(String(40), index=True)
    detail: Mapped[dict[str, Any]] = mapped_column(JSON)


class PublicWarning(VersionedMixin, Base):
    """A public warning in the shape of a CAP 1.2 message (ioc_domain.cap). Ours are drafted from a
    confirmed alert and published by a supervisor; imported ones come from other agencies
    (``state`` external). A published or external warning never changes again: an update or a
    cancel is a new warning whose ``references`` names the earlier message."""

    __tablename__ = "warnings"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # CAP <identifier> and <sender>: fixed when the warning is created, never changed.
    identifier: Mapped[str] = mapped_column(String(200), unique=True)
    sender: Mapped[str] = mapped_column(String(200))
    # draft | published | external (ioc_domain.cap.WARNING_STATES)
    state: Mapped[str] = mapped_column(String(20), index=True)
    status: Mapped[str] = mapped_column(String(20))  # CAP <status>: Actual | Exercise | System | Test | Draft
    msg_type: Mapped[str] = mapped_column(String(20))  # CAP <msgType>: Alert | Update | Cancel
    scope: Mapped[str] = mapped_column(String(20))  # CAP <scope>: Public | Restricted | Private
    # CAP <sent>: set on publishing (ours) or from the document (external).
    sent: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    # CAP <references> of an Update / Cancel: "sender,identifier,sent" entries separated by spaces.
    references: Mapped[str | None] = mapped_column(Text, nullable=True)
    # The warning this one updates or cancels, when it is one of ours.
    references_id: Mapped[int | None] = mapped_column(ForeignKey("warnings.id"), nullable=True)
    alert_id: Mapped[int | None] = mapped_column(ForeignKey("alerts.id"), nullable=True, index=True)
    # [{"language": "vi-VN"|"en-US"|..., "category": [...], "event", "urgency", "severity",
    #   "certainty", "headline", "description", "instruction", "sender_name", "expires"}]
    info: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    # {"description": str, "polygon": [[lat, lon], ...] | None, "circle": {"lat", "lon", "radius_km"} | None}
    area: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    published_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    # The CAP document as received (external warnings only), kept verbatim for the record.
    source_xml: Mapped[str | None] = mapped_column(Text, nullable=True, deferred=True)


class Report(VersionedMixin, Base):
    __tablename__ = "reports"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source: Mapped[str] = mapped_column(String(20), index=True)
    service_code: Mapped[str] = mapped_column(String(50))
    service_name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(30), index=True)
    ward: Mapped[str] = mapped_column(String(100), index=True)
    lat: Mapped[float] = mapped_column(Float)
    lon: Mapped[float] = mapped_column(Float)
    address: Mapped[str] = mapped_column(String(300))
    agency_responsible: Mapped[str] = mapped_column(String(200))
    requested_datetime: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    updated_datetime: Mapped[datetime] = mapped_column(UTCDateTime)
    expected_datetime: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    # The citizen's rating of the handling, 1..5 (revision 0005): given only with the move to
    # closed, cleared when the report leaves closed; most closed reports have none.
    satisfaction: Mapped[int | None] = mapped_column(Integer, nullable=True, default=None)
    # Operator notes given with PATCH; kept as an audit trail, not part of the API payload.
    notes: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)


class Sensor(VersionedMixin, Base):
    __tablename__ = "sensors"
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(30), index=True)
    ward: Mapped[str] = mapped_column(String(100), index=True)
    lat: Mapped[float] = mapped_column(Float)
    lon: Mapped[float] = mapped_column(Float)
    unit: Mapped[dict[str, str]] = mapped_column(JSON)
    last_result: Mapped[float | None] = mapped_column(Float, nullable=True)
    last_phenomenon_time: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    # The episode level (ioc_domain.sensor_episodes) of the latest reading, or offline.
    status: Mapped[str] = mapped_column(String(20), index=True)
    # Warning and alarm thresholds in the sensor's unit (revision 0006); NULL: none known, no episodes.
    threshold_warning: Mapped[float | None] = mapped_column(Float, nullable=True, default=None)
    threshold_alarm: Mapped[float | None] = mapped_column(Float, nullable=True, default=None)


class Reading(Base):
    __tablename__ = "readings"
    __table_args__ = (Index("ix_readings_sensor_time", "sensor_id", "phenomenon_time"),)
    id: Mapped[int] = mapped_column(Sequence64, primary_key=True)
    sensor_id: Mapped[str] = mapped_column(ForeignKey("sensors.id", ondelete="CASCADE"))
    phenomenon_time: Mapped[datetime] = mapped_column(UTCDateTime)
    result: Mapped[float] = mapped_column(Float)


class Meeting(VersionedMixin, Base):
    __tablename__ = "meetings"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    location: Mapped[str] = mapped_column(String(300))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    status: Mapped[str] = mapped_column(String(20), index=True)
    agenda: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list)
    # Summaries of the meeting's documents and polls as the API shows them, rebuilt from the
    # tables below by meeting_extras.refresh_summary on every change: the serialiser then needs
    # no query (it also runs on plain rows in bulk seeding and the /sync fallback).
    # Nullable: databases made before these columns get them added empty (db.create_schema).
    documents: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON, nullable=True, default=list)
    polls: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON, nullable=True, default=list)
    # Revision 0007. The quorum: {"min_present": n} or {"share": 0..1} of the members, or NULL (none).
    quorum: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True), nullable=True, default=None)
    # Summaries of the members and of the attendance ({"present": n, "quorum_reached": bool}),
    # rebuilt like ``documents`` by refresh_summary. ``agenda`` is rebuilt from meeting_agenda_items.
    members: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON, nullable=True, default=list)
    attendance: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True), nullable=True, default=None)


class MeetingMember(Base):
    """A user's membership of a meeting with their meeting role (ioc_domain.meetings.MEETING_ROLES)."""

    __tablename__ = "meeting_members"
    __table_args__ = (UniqueConstraint("meeting_id", "user_id", name="uq_meeting_members_user"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(20))
    added_at: Mapped[datetime] = mapped_column(UTCDateTime)


class MeetingAttendance(Base):
    """One stay of a member in the meeting: checked in, and checked out (NULL while present).

    The log is kept whole (never updated but to close a stay) so the minutes can list the times."""

    __tablename__ = "meeting_attendance"
    __table_args__ = (Index("ix_meeting_attendance_meeting_user", "meeting_id", "user_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    checked_in_at: Mapped[datetime] = mapped_column(UTCDateTime)
    checked_out_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True, default=None)


class MeetingAgendaItem(Base):
    """An item of a meeting's agenda; at most one per meeting is ``current``."""

    __tablename__ = "meeting_agenda_items"
    # At most one current item per meeting, kept by the database itself (SQLite and PostgreSQL
    # both have partial indexes).
    __table_args__ = (
        Index(
            "uq_meeting_agenda_items_current",
            "meeting_id",
            unique=True,
            sqlite_where=text("state = 'current'"),
            postgresql_where=text("state = 'current'"),
        ),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(300))
    # The presenter as free text (the agenda before revision 0007) and as a user, when one is known.
    presenter: Mapped[str] = mapped_column(String(200), default="")
    presenter_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True, default=None
    )
    minutes: Mapped[int | None] = mapped_column(Integer, nullable=True, default=None)
    documents: Mapped[list[int]] = mapped_column(JSON, default=list)
    state: Mapped[str] = mapped_column(String(10), default="pending")  # pending | current | done


class MeetingSpeaker(Base):
    """A request to speak on an agenda item: waiting → speaking → done, or withdrawn."""

    __tablename__ = "meeting_speakers"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("meeting_agenda_items.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    state: Mapped[str] = mapped_column(String(10))  # waiting | speaking | done | withdrawn
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True, default=None)
    stopped_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True, default=None)


class MeetingConclusion(Base):
    """What the meeting concluded on an agenda item; a task made from it names it (tasks.conclusion_id)."""

    __tablename__ = "meeting_conclusions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("meeting_agenda_items.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class MeetingPresenter(VersionedMixin, Base):
    """What the presenter shows the room now (a document page or a workspace view): one row per
    meeting, its id the meeting's. A synced resource (``meeting_presenter``) seen by members only;
    ``version`` is the revision followers order the states by."""

    __tablename__ = "meeting_presenters"
    id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True)
    presenter_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    view: Mapped[dict[str, Any]] = mapped_column(JSON)


class MeetingDocument(Base):
    """A PDF attached to a meeting (agenda, report, decision draft), bytes kept in the database."""

    __tablename__ = "meeting_documents"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    filename: Mapped[str] = mapped_column(String(200))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    uploaded_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime)


class MeetingPoll(Base):
    """A question put to the meeting; ``tallies`` holds the vote count per option.

    ``kind`` named | secret (revision 0008; older polls are named). ``status`` draft | open |
    closed | published (older polls: open | closed). ``eligible_count``: how many members were
    present when the poll opened (their ids are in ``poll_eligible``); NULL for a poll opened
    before revision 0008, which every role holding ``poll.vote`` may still vote in.
    """

    __tablename__ = "meeting_polls"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    question: Mapped[str] = mapped_column(String(300))
    options: Mapped[list[str]] = mapped_column(JSON)
    kind: Mapped[str] = mapped_column(String(10), default="named", server_default="named")
    status: Mapped[str] = mapped_column(String(10))
    tallies: Mapped[list[int]] = mapped_column(JSON)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    opened_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True, default=None)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True, default=None)
    eligible_count: Mapped[int | None] = mapped_column(Integer, nullable=True, default=None)


class PollEligible(Base):
    """Who may vote in a poll: the members present when it opened (a snapshot, never changed after).

    No id, no time: just the pair, stored by key (SQLite: WITHOUT ROWID), so the table says
    nothing about order.
    """

    __tablename__ = "poll_eligible"
    __table_args__ = {"sqlite_with_rowid": False}
    poll_id: Mapped[int] = mapped_column(ForeignKey("meeting_polls.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)


class PollVoter(Base):
    """Who has voted in a poll (of either kind): the primary key refuses a second vote.

    Deliberately no option, no id and no time (SQLite: WITHOUT ROWID, so not even the hidden
    rowid keeps the insertion order): for a secret poll this pair and the poll's tallies are all
    that is stored, so nothing links a voter to a choice.
    """

    __tablename__ = "poll_voters"
    __table_args__ = {"sqlite_with_rowid": False}
    poll_id: Mapped[int] = mapped_column(ForeignKey("meeting_polls.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)


class PollVote(Base):
    """One user's choice in a **named** poll (a secret poll never writes here); one per user."""

    __tablename__ = "poll_votes"
    __table_args__ = (UniqueConstraint("meeting_id", "poll_id", "user_id", name="uq_poll_votes_user"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"))
    poll_id: Mapped[int] = mapped_column(ForeignKey("meeting_polls.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    option: Mapped[int] = mapped_column(Integer)
    voted_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Task(VersionedMixin, Base):
    __tablename__ = "tasks"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text)
    assignee_unit: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(20), index=True)
    due_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    created_by: Mapped[str] = mapped_column(String(64))
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id"), nullable=True, index=True)
    # The meeting conclusion this task carries out (revision 0007), else NULL.
    conclusion_id: Mapped[int | None] = mapped_column(
        ForeignKey("meeting_conclusions.id", ondelete="SET NULL", name="fk_tasks_conclusion_id"),
        nullable=True,
        default=None,
        index=True,
    )
    # An optional place (revision 0004): both coordinates or neither, and the ward it lies in.
    lat: Mapped[float | None] = mapped_column(Float, nullable=True)
    lon: Mapped[float | None] = mapped_column(Float, nullable=True)
    ward: Mapped[str | None] = mapped_column(String(100), nullable=True, index=True)


class ChangeEvent(Base):
    """The global change log; its id is the sequence used by /sync cursors and SSE event ids."""

    __tablename__ = "change_events"
    # AUTOINCREMENT: SQLite must never reuse an id after old events are pruned.
    # (op, id): /sync finds the deletes after a cursor without scanning every payload.
    __table_args__ = (Index("ix_change_events_op_id", "op", "id"), {"sqlite_autoincrement": True})
    id: Mapped[int] = mapped_column(Sequence64, primary_key=True, autoincrement=True)
    resource: Mapped[str] = mapped_column(String(20))
    resource_id: Mapped[str] = mapped_column(String(32))
    op: Mapped[str] = mapped_column(String(10))  # upsert | delete
    data: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime)


class IdempotencyRecord(Base):
    __tablename__ = "idempotency_records"
    __table_args__ = (UniqueConstraint("user_id", "key", name="uq_idempotency_user_key"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(200))
    method: Mapped[str] = mapped_column(String(10))
    path: Mapped[str] = mapped_column(Text)  # path + query: unbounded, PostgreSQL enforces lengths
    body_hash: Mapped[str] = mapped_column(String(64))
    status_code: Mapped[int] = mapped_column(Integer)
    response_body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)


class PrivateNote(Base):
    """A member's private note on one page of a meeting document (revision 0008): text and
    highlight rectangles. Private to its owner like saved views: no seq, no change events,
    never in /sync or /events."""

    __tablename__ = "private_notes"
    __table_args__ = (
        UniqueConstraint("owner_id", "document_id", "page", name="uq_private_notes_owner_page"),
        Index("ix_private_notes_owner_meeting", "owner_id", "meeting_id"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"))
    document_id: Mapped[int] = mapped_column(ForeignKey("meeting_documents.id", ondelete="CASCADE"), index=True)
    page: Mapped[int] = mapped_column(Integer)  # 1-based
    text: Mapped[str] = mapped_column(Text)
    # [{"x", "y", "width", "height"}] in PDF points of the page, origin top left.
    highlights: Mapped[list[dict[str, float]]] = mapped_column(JSON)
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class SavedView(Base):
    """A user's named filter preset (e.g. of the event log). Private to its owner, so it is
    deliberately not a synced resource: no seq, no change events, never in /sync or SSE."""

    __tablename__ = "saved_views"
    __table_args__ = (UniqueConstraint("owner_id", "name", name="uq_saved_views_owner_name"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(80))
    kind: Mapped[str] = mapped_column(String(40))
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
