"""An operator's action is on disk before the console says "waiting to send": every moment the UI shows
the action as waiting, its outbox row is already committed to the cache (read through a separate
SQLite connection, which sees committed data only)."""

from __future__ import annotations

import sqlite3
from contextlib import closing

from console_helpers import CLIENT_OPTIONS, ENGINE_OPTIONS, WAIT_MS, alert_row_text, select_alert, sign_in


def test_the_outbox_row_is_committed_before_the_ui_says_waiting_to_send(qtbot, backend, make_window):
    window = make_window(backend.url, ENGINE_OPTIONS, **CLIENT_OPTIONS)
    window.show()
    sign_in(qtbot, window)
    connection, outbox = window._context.connection, window._context.outbox
    actions = window.workspace("events").alert_actions
    alert = select_alert(window)
    key = f"alert:{alert['id']}"

    def committed() -> int:
        with closing(sqlite3.connect(f"file:{connection.store.path}?mode=ro", uri=True)) as db:
            return db.execute(
                "SELECT count(*) FROM outbox WHERE resource = 'alert' AND resource_id = ?", (str(alert["id"]),)
            ).fetchone()[0]

    seen: list[tuple[str, int]] = []  # (what the UI said, outbox rows committed at that moment)

    def on_mark(marked_key: str, label: object) -> None:
        if marked_key == key and label is not None:
            seen.append(("row mark", committed()))

    def on_counts(pending: int, _conflicts: int) -> None:
        if pending:
            seen.append(("waiting to send", committed()))

    # Connected before the action, and called in signal order with the event log's own slot.
    outbox.resource_marked.connect(on_mark)
    outbox.counts_changed.connect(on_counts)
    assert committed() == 0
    assert actions.perform("acknowledge", alert)
    qtbot.waitUntil(lambda: "row mark" in dict(seen), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: " — Đã tiếp nhận (operator)" in alert_row_text(window, alert["id"]), timeout=WAIT_MS)
    assert seen and all(rows == 1 for _what, rows in seen), seen
