"""The SSE parser yields the same events however the byte stream is chunked."""

from __future__ import annotations

import json

import pytest

from backend_client import SseMessage, SseParser
from backend_client.sync.live_events import event_from_message

STREAM = (
    "\ufeff: welcome\n"
    "retry: 1500\n"
    "\n"
    "id: 101\n"
    "event: change\n"
    'data: {"seq": 101, "resource": "task", "id": "7", "op": "delete", "data": null}\n'
    "\n"
    ": heartbeat\n"
    "\n"
    "id: 102\r\n"
    "event: note\r\n"
    "data: Huế — line one\r\n"
    "data:line two without space\r\n"
    "data\r\n"
    "\r\n"
    "id: 103\r"
    "data: carriage-return only\r"
    "\r"
    "unknown: ignored\n"
    "data: no id line, keeps the previous id\n"
    "\n"
    "id\n"
    "data: empty id resets it\n"
    "\n"
    "data: incomplete at end of stream is dropped"
).encode("utf-8")

EXPECTED = [
    SseMessage(
        event="change",
        id="101",
        retry=1500,
        data='{"seq": 101, "resource": "task", "id": "7", "op": "delete", "data": null}',
    ),
    SseMessage(event="note", id="102", retry=1500, data="Huế — line one\nline two without space\n"),
    SseMessage(event="message", id="103", retry=1500, data="carriage-return only"),
    SseMessage(event="message", id="103", retry=1500, data="no id line, keeps the previous id"),
    SseMessage(event="message", id="", retry=1500, data="empty id resets it"),
]


def _parse_in_chunks(size: int) -> tuple[list[SseMessage], SseParser]:
    parser = SseParser()
    out: list[SseMessage] = []
    for i in range(0, len(STREAM), size):
        out.extend(parser.feed(STREAM[i : i + size]))
    return out, parser


@pytest.mark.parametrize("size", [len(STREAM), 1, 2, 3, 5, 7, 64])
def test_parser_is_independent_of_chunking(size):
    messages, parser = _parse_in_chunks(size)
    assert messages == EXPECTED
    assert parser.comments == 2  # the welcome comment and the heartbeat


def test_crlf_split_between_chunks_is_one_line_end():
    parser = SseParser()
    assert parser.feed(b"data: a\r") == []
    assert parser.feed(b"\ndata: b\r") == []
    # Had the split CRLF counted as two line ends, "a" would have been dispatched alone.
    assert parser.feed(b"\n\r\n") == [SseMessage(event="message", data="a\nb", id=None)]


def test_multibyte_character_split_between_chunks():
    raw = "data: Thừa Thiên Huế\n\n".encode()
    split = raw.index("ế".encode()) + 1  # inside the 3-byte character
    parser = SseParser()
    assert parser.feed(raw[:split]) == []
    assert parser.feed(raw[split:]) == [SseMessage(event="message", data="Thừa Thiên Huế", id=None)]


def test_block_without_data_dispatches_nothing_but_keeps_id():
    parser = SseParser()
    assert parser.feed(b"id: 5\nevent: change\n\n") == []
    assert parser.last_event_id == "5"
    assert parser.feed(b"data: x\n\n") == [SseMessage(event="message", data="x", id="5")]


def test_id_with_nul_is_ignored():
    parser = SseParser()
    parser.feed(b"id: 9\n\nid: 1\x002\ndata: y\n\n")
    assert parser.last_event_id == "9"


def test_change_message_becomes_typed_event():
    change = {
        "seq": 7,
        "resource": "meeting",
        "id": "3",
        "op": "upsert",
        "data": {
            "id": 3,
            "title": "Giao ban",
            "location": "IOC",
            "starts_at": "2026-11-26T01:00:00+00:00",
            "ends_at": "2026-11-26T02:00:00+00:00",
            "status": "scheduled",
            "agenda": [{"title": "Mưa lũ", "presenter": "leader"}],
            "version": 2,
            "updated_at": "2026-11-25T19:00:00+00:00",
        },
    }
    event = event_from_message(SseMessage(event="change", data=json.dumps(change), id="7"))
    assert event.type == "change" and event.id == "7"
    assert event.change is not None and event.change.seq == 7
    meeting = event.change.model()
    assert meeting.title == "Giao ban" and meeting.agenda[0].presenter == "leader"


def test_reset_message_becomes_reset_event():
    event = event_from_message(SseMessage(event="reset", data='{"reason": "history_expired"}', id=None))
    assert event.type == "reset" and event.change is None
    assert event.data == {"reason": "history_expired"}
