"""Every code the domain rules know has a label in the console, in both languages: the rules live in
ioc_domain, the console only words them."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication

from ioc_console.services import event_text, outbox_text
from ioc_domain import alerts, levels, roles, statuses

VOCABULARIES = [
    ("level", levels.LEVELS, event_text.LEVEL_NAMES, "EventText"),
    ("alert state", alerts.ALERT_STATES, event_text.STATUS_NAMES["alert"], "EventText"),
    ("report status", statuses.REPORT_STATUSES, event_text.STATUS_NAMES["report"], "EventText"),
    ("sensor status", statuses.SENSOR_STATUSES, event_text.STATUS_NAMES["sensor"], "EventText"),
    ("camera status", statuses.CAMERA_STATUSES, event_text.STATUS_NAMES["camera"], "EventText"),
    ("task status", statuses.TASK_STATUSES, event_text.STATUS_NAMES["task"], "EventText"),
    ("meeting status", statuses.MEETING_STATUSES, event_text.STATUS_NAMES["meeting"], "EventText"),
    ("report source", statuses.REPORT_SOURCES, event_text.REPORT_SOURCES, "EventText"),
    ("role", roles.ROLES, event_text.ROLE_NAMES, "EventText"),
    ("close reason (event log)", alerts.CLOSE_REASONS, event_text.CLOSE_REASONS, "EventText"),
    ("verdict (event log)", alerts.VERDICTS, event_text.VERDICT_NAMES, "EventText"),
    ("close reason (actions)", alerts.CLOSE_REASONS, outbox_text.CLOSE_REASONS, "OutboxText"),
    ("verdict (actions)", alerts.VERDICTS, outbox_text.VERDICTS, "OutboxText"),
]


@pytest.mark.parametrize(("name", "codes", "labels", "context"), VOCABULARIES, ids=[v[0] for v in VOCABULARIES])
def test_every_domain_code_has_a_translated_label(languages, name, codes, labels, context):
    assert set(labels) == set(codes), f"{name}: labels for {sorted(labels)}, the domain has {sorted(codes)}"
    for language in ("vi", "en"):
        languages.set_language(language)
        for code in codes:
            text = QCoreApplication.translate(context, labels[code])
            assert text.strip(), f"{name} {code!r} has no {language} label"
            if language == "vi":
                assert text != labels[code] or code in {"hue_s"}, f"{name} {code!r} is not translated to Vietnamese"
