"""Words for the writes and events of alert triage: bulk actions, public warnings, bundled
detections and SLA breaches, through the console's translate mechanism (contexts "OutboxText"
and "EventText"), in English sources and in Vietnamese."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from backend_client.api import actions
from backend_client.api.models import BulkFailure
from ioc_console.services import event_text, outbox_text
from ioc_console.services.event_text import AnalyticsCatalogue

UNIT = "Công an phường Phú Hội"
ALERTS = [{"id": 7, "version": 3}, {"id": 8, "version": 1}, {"id": 9, "version": 2}]
AREA = {"description": "A Lưới", "polygon": None, "circle": {"lat": 16.2, "lon": 107.2, "radius_km": 2.0}}
ANALYTICS = AnalyticsCatalogue([{"code": "forest_fire", "name_vi": "Cháy rừng", "name_en": "Forest fire"}])


def info(language: str, headline: str | None, event: str = "Cháy rừng") -> dict[str, Any]:
    block = {"language": language, "category": ["Fire"], "event": event, "urgency": "Immediate",
             "severity": "Severe", "certainty": "Observed", "description": "d", "instruction": "i"}  # fmt: skip
    if headline is not None:
        block["headline"] = headline
    return block


INFO = [info("vi-VN", "Cháy rừng tại A Lưới"), info("en-US", "Forest fire in A Luoi", "Forest fire")]


def entry(action: actions.Action, **more: Any) -> dict[str, Any]:
    """An outbox entry as the console reads it (OutboxEntry has the same fields)."""
    return {
        "id": 1,
        "kind": action.kind,
        "method": action.method,
        "path": action.path,
        "body": action.body,
        "resource": action.resource,
        "resource_id": action.resource_id or None,
        "state": "pending",
        "response": None,
        **more,
    }


def alert(**changes: Any) -> dict[str, Any]:
    data = {"id": 7, "analytic": "forest_fire", "camera_id": "cam-0101", "confidence": 0.91, "state": "new",
            "severity": "critical", "version": 3}  # fmt: skip
    data.update(changes)
    return data


def warning(**changes: Any) -> dict[str, Any]:
    data = {"id": 5, "state": "draft", "status": "Actual", "msg_type": "Alert", "alert_id": 7, "info": INFO,
            "area": AREA, "version": 1}  # fmt: skip
    data.update(changes)
    return data


@pytest.fixture()
def english(qapp) -> Iterator[None]:
    """The English source texts: no translator of ours installed (as with no translation file), and
    an English default locale (an earlier test may have left the console's Vietnamese one)."""
    assert QCoreApplication.translate("OutboxText", "Publish public warning #%1") == "Publish public warning #%1"
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    yield
    QLocale.setDefault(before)


# --- English sources -------------------------------------------------------------------------------------------


def test_bulk_actions_say_what_they_do_to_how_many_alerts(english) -> None:
    queued = [
        actions.bulk_alert_action("acknowledge", ALERTS),
        actions.bulk_alert_action("false_alarm", ALERTS[:2]),
        actions.bulk_alert_action("close", ALERTS[:1], reason="duplicate"),
        actions.bulk_alert_action("dispatch", ALERTS, unit=UNIT),
    ]
    assert [outbox_text.describe(entry(a)) for a in queued] == [
        "Acknowledge 3 alert(s)",
        "Mark 2 alert(s) as false alarms",
        "Close 1 alert(s) (Duplicate)",
        f"Dispatch 3 alert(s) to {UNIT}",
    ]
    # Nothing to promise about any one alert while it waits: the answer decides, alert by alert.
    assert all(
        outbox_text.target_state(entry(a)) is None and outbox_text.target_label(entry(a)) is None for a in queued
    )


def test_a_bulk_answer_reads_as_how_many_changed_and_why_the_others_did_not(english) -> None:
    action = actions.bulk_alert_action("acknowledge", ALERTS)
    changed = [alert(id=7, version=4, state="acknowledged", **_alert_tail()), alert(id=9, version=3, **_alert_tail())]
    failed = [{"id": 8, "code": "conflict", "message": "alert 8 changed meanwhile", "current": None}]
    partial = entry(action, state="applied", response={"action": "acknowledge", "succeeded": changed, "failed": failed})
    assert outbox_text.bulk_outcome(partial) == "2 of 3 alert(s) changed; 1 not changed"
    full = entry(action, state="applied", response={"action": "acknowledge", "succeeded": changed, "failed": []})
    assert outbox_text.bulk_outcome(full) == "All 2 alert(s) changed"
    assert outbox_text.bulk_outcome(entry(action)) is None  # still waiting: no answer yet
    # An answer that breaks the contract is logged, not shown, and nothing crashes.
    broken = entry(action, state="applied", response={"action": "acknowledge", "succeeded": [{"id": 7}], "failed": []})
    assert outbox_text.bulk_outcome(broken) is None
    texts = [
        outbox_text.bulk_failure_text(BulkFailure(id=8, code=code, message="m"))
        for code in ("conflict", "invalid_transition", "not_found", "locked")
    ]
    assert texts == [
        "Alert #8 was changed by someone else meanwhile; look at it again",
        "Alert #8 cannot make this move in its current state",
        "Alert #8 no longer exists",
        "Alert #8 not changed: m",
    ]


def _alert_tail() -> dict[str, Any]:
    at = "2026-12-05T08:00:00+00:00"
    return {"ward": "A Lưới", "lat": 16.2, "lon": 107.2, "detected_at": at, "bbox": [0.1, 0.1, 0.2, 0.2],
            "snapshot_url": "/s.jpg", "updated_at": at}  # fmt: skip


def test_warning_writes_say_which_warning_and_from_which_alert(english) -> None:
    body = {"alert_id": 7, "info": INFO, "area": AREA}
    seen = warning()
    queued = [
        actions.create_warning_action(body),
        actions.create_warning_action({**body, "alert_id": None}),
        actions.create_warning_action({**body, "alert_id": None, "msg_type": "Update", "references_id": 4}),
        actions.create_warning_action({**body, "alert_id": None, "msg_type": "Cancel", "references_id": 4}),
        actions.update_warning_action(seen, status="Exercise"),
        actions.publish_warning_action(seen),
    ]
    assert [outbox_text.describe(entry(a)) for a in queued] == [
        "Draft a public warning from alert #7",
        "Draft public warning “Forest fire in A Luoi”",  # the headline in the UI language (English here)
        "Draft an update of public warning #4",
        "Draft the cancellation of public warning #4",
        "Change draft warning #5",
        "Publish public warning #5",
    ]
    assert outbox_text.target_label(entry(queued[-1])) == "Published"  # the mark on the warning's row
    assert outbox_text.target_label(entry(queued[-2])) is None


def test_warning_events_read_as_a_sentence(english) -> None:
    summary = event_text.summary
    assert event_text.kind_label("warning") == "Public warning"
    assert summary("warning", "5", "upsert", warning(), ANALYTICS, "vi") == (
        "Public warning “Cháy rừng tại A Lưới”: Draft — from alert #7"
    )
    assert summary("warning", "5", "upsert", warning(state="published", alert_id=None), ANALYTICS, "en") == (
        "Public warning “Forest fire in A Luoi”: Published"
    )
    update = warning(id=6, state="published", msg_type="Update", status="Exercise", alert_id=None)
    assert summary("warning", "6", "upsert", update, ANALYTICS, "en") == (
        "Warning update “Forest fire in A Luoi”: Published (exercise)"
    )
    # An imported warning without headline is named by its event; its state says where it came from.
    imported = warning(id=9, state="external", msg_type="Cancel", alert_id=None, info=[info("en-US", None, "Flood")])
    assert (
        summary("warning", "9", "upsert", imported, ANALYTICS, "vi") == "Warning cancelled “Flood”: From another agency"
    )
    assert event_text.level_or_status("warning", warning(state="published")) == "Published"  # not CAP's "Actual"
    assert summary("warning", "9", "delete", None, ANALYTICS, "en") == "Public warning 9 was removed"
    # Odd payloads still read (a newer server's message type, no info at all) rather than fail.
    odd = warning(msg_type="Ack", info="none", state="archived", alert_id=None)
    assert summary("warning", "5", "upsert", odd, ANALYTICS, "en") == "Ack “”: archived"


def test_alert_events_tell_bundled_detections_and_a_broken_sla(english) -> None:
    summary = event_text.summary
    plain = summary("alert", "7", "upsert", alert(), ANALYTICS, "en")
    assert plain == "Forest fire at camera cam-0101, confidence 91%"
    # One detection within its SLA (or a server without triage) reads as before.
    assert summary("alert", "7", "upsert", alert(detections=1, sla_breached=False), ANALYTICS, "en") == plain
    bundled = alert(detections=4, sla_breached=True, sla_breached_at="2026-12-05T01:20:00+00:00", state="acknowledged")
    assert summary("alert", "7", "upsert", bundled, ANALYTICS, "en") == (
        f"{plain} — Acknowledged — 4 detections — SLA breached at 08:20"  # Huế time
    )
    assert event_text.alert_triage(alert(sla_breached=True, sla_breached_at=None)) == ["SLA breached"]
    assert event_text.alert_triage(alert(detections="4", sla_breached="yes")) == []  # malformed: nothing claimed


# --- Vietnamese, through an installed translator ----------------------------------------------------------------
# The strings as a Vietnamese translation file would give them (the project's ioc_vi.ts gets the
# same entries from the integrator); a translator installed last answers first.
VI = {
    ("OutboxText", "Acknowledge %n alert(s)"): "Tiếp nhận %n cảnh báo",
    ("OutboxText", "Mark %n alert(s) as false alarms"): "Đánh dấu %n cảnh báo là báo nhầm",
    ("OutboxText", "Close %n alert(s) (%1)"): "Đóng %n cảnh báo (%1)",
    ("OutboxText", "Dispatch %n alert(s) to %1"): "Điều %n cảnh báo cho %1",
    ("OutboxText", "Act on %n alert(s): %1"): "Xử lý %n cảnh báo: %1",
    ("OutboxText", "All %n alert(s) changed"): "Đã xử lý cả %n cảnh báo",
    ("OutboxText", "%1 of %n alert(s) changed; %2 not changed"): "Đã xử lý %1/%n cảnh báo; %2 chưa xử lý được",
    ("OutboxText", "Alert #%1 was changed by someone else meanwhile; look at it again"): (
        "Cảnh báo #%1 vừa được người khác thay đổi; hãy xem lại"
    ),
    ("OutboxText", "Alert #%1 cannot make this move in its current state"): (
        "Cảnh báo #%1 không thể chuyển như vậy ở trạng thái hiện tại"
    ),
    ("OutboxText", "Alert #%1 no longer exists"): "Cảnh báo #%1 không còn tồn tại",
    ("OutboxText", "Alert #%1 not changed: %2"): "Cảnh báo #%1 chưa được xử lý: %2",
    ("OutboxText", "Duplicate"): "Trùng lặp",
    ("OutboxText", "Publish public warning #%1"): "Phát hành bản tin cảnh báo #%1",
    ("OutboxText", "Change draft warning #%1"): "Sửa bản nháp cảnh báo #%1",
    ("OutboxText", "Draft an update of public warning #%1"): "Soạn bản cập nhật của cảnh báo #%1",
    ("OutboxText", "Draft the cancellation of public warning #%1"): "Soạn bản hủy cảnh báo #%1",
    ("OutboxText", "Draft a public warning from alert #%1"): "Soạn bản tin cảnh báo từ cảnh báo AI #%1",
    ("OutboxText", "Draft public warning “%1”"): "Soạn bản tin cảnh báo “%1”",
    ("EventText", "Public warning"): "Bản tin cảnh báo",
    ("EventText", "Warning update"): "Cập nhật cảnh báo",
    ("EventText", "Warning cancelled"): "Hủy cảnh báo",
    ("EventText", "Draft"): "Bản nháp",
    ("EventText", "Published"): "Đã phát hành",
    ("EventText", "From another agency"): "Từ cơ quan khác",
    ("EventText", "exercise"): "diễn tập",
    ("EventText", "test"): "thử nghiệm",
    ("EventText", "system message"): "tin hệ thống",
    ("EventText", "draft"): "bản nháp",
    ("EventText", "%1 “%2”: %3"): "%1 “%2”: %3",
    ("EventText", "from alert #%1"): "từ cảnh báo AI #%1",
    ("EventText", "%n detections"): "%n lần phát hiện",
    ("EventText", "SLA breached at %1"): "Quá hạn xử lý lúc %1",
    ("EventText", "SLA breached"): "Quá hạn xử lý",
}


class DictTranslator(QTranslator):
    def __init__(self, table: dict[tuple[str, str], str]) -> None:
        super().__init__()
        self.table = table
        self.asked: list[tuple[str, str, int]] = []

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str:
        self.asked.append((context, source, n))
        return self.table.get((context, source), "")

    def isEmpty(self) -> bool:  # noqa: N802 - Qt's name
        return False


@pytest.fixture()
def vietnamese(qapp) -> Iterator[DictTranslator]:
    translator = DictTranslator(VI)
    assert QCoreApplication.installTranslator(translator)
    yield translator
    QCoreApplication.removeTranslator(translator)


def test_the_words_go_through_translation_with_the_count(vietnamese: DictTranslator) -> None:
    assert outbox_text.describe(entry(actions.bulk_alert_action("close", ALERTS, reason="duplicate"))) == (
        "Đóng 3 cảnh báo (Trùng lặp)"
    )
    assert ("OutboxText", "Close %n alert(s) (%1)", 3) in vietnamese.asked  # the count reaches the plural forms
    assert outbox_text.describe(entry(actions.bulk_alert_action("dispatch", ALERTS[:2], unit=UNIT))) == (
        f"Điều 2 cảnh báo cho {UNIT}"
    )
    assert outbox_text.describe(entry(actions.publish_warning_action(warning()))) == "Phát hành bản tin cảnh báo #5"
    assert outbox_text.describe(entry(actions.create_warning_action({"alert_id": 7, "info": INFO, "area": AREA}))) == (
        "Soạn bản tin cảnh báo từ cảnh báo AI #7"
    )
    failure = BulkFailure(id=8, code="conflict", message="changed")
    assert outbox_text.bulk_failure_text(failure) == "Cảnh báo #8 vừa được người khác thay đổi; hãy xem lại"
    assert event_text.summary("warning", "5", "upsert", warning(status="Test"), ANALYTICS, "vi") == (
        "Bản tin cảnh báo “Cháy rừng tại A Lưới”: Bản nháp (thử nghiệm) — từ cảnh báo AI #7"
    )
    bundled = alert(detections=2, sla_breached=True, sla_breached_at="2026-12-05T01:20:00+00:00")
    assert event_text.alert_triage(bundled) == ["2 lần phát hiện", "Quá hạn xử lý lúc 08:20"]
