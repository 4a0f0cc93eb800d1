"""The bulk /sync path: one-pass decode into cache rows, and pages that grow."""

from __future__ import annotations

import json

import pytest
import requests

from backend_client import BadResponse
from backend_client.api.sync_payload import ChangeList, decode_sync_page
from backend_client.cache.extract import split_changes


def test_decoded_rows_equal_the_general_path_for_every_resource(backend, make_client):
    # The whole demo log (every resource type, Vietnamese text, nulls) through both paths.
    client = make_client(backend.url, "admin")
    response = requests.get(
        f"{backend.url}/api/v1/sync",
        params={"since": "0", "limit": 10000},
        headers={"Authorization": f"Bearer {client._current_access_token()}"},
        timeout=30,
    )
    page = decode_sync_page(response.content)
    payload = json.loads(response.content)
    upserts, deletes = split_changes(payload["changes"])
    assert {row[0] for row in page.upserts} == {
        "camera",
        "alert",
        "report",
        "sensor",
        "task",
        "meeting",
        "warning",
        "meeting_presenter",
    }
    # Same rows; the data column may differ only in float formatting, so compare it parsed.
    assert [row[:9] for row in page.upserts] == [row[:9] for row in upserts]
    assert [json.loads(row[9]) for row in page.upserts] == [json.loads(row[9]) for row in upserts]
    assert "Huế" in "".join(row[9] for row in page.upserts), "Vietnamese is stored as text, not \\u escapes"
    assert page.deletes == deletes
    assert (page.cursor, page.has_more, len(page)) == (payload["cursor"], payload["has_more"], len(payload["changes"]))


def test_changes_of_a_page_are_built_only_when_read():
    body = json.dumps(
        {
            "changes": [{"seq": 3, "resource": "task", "id": "4", "op": "delete", "data": None}],
            "cursor": "3",
            "has_more": False,
        }
    ).encode()
    page = decode_sync_page(body)
    assert isinstance(page.changes, ChangeList) and len(page.changes) == 1
    change = page.changes[0]
    assert (change.seq, change.resource, change.id, change.op, change.data) == (3, "task", "4", "delete", None)
    assert [c.id for c in page.changes] == ["4"] and page.changes[:1][0].id == "4"
    assert page.deletes == [("task", "4", 3)] and page.upserts == []


@pytest.mark.parametrize("body", [b"<html>busy</html>", b"", b'{"changes": [', b'{"a": NaN}'])
def test_a_body_that_is_not_json_is_a_clear_bad_response(body):
    with pytest.raises(BadResponse) as info:
        decode_sync_page(body)
    assert info.value.field == "" and "not JSON" in info.value.message


def test_pages_grow_from_the_first_limit(backend, make_client):
    client = make_client(backend.url, "admin")
    everything = client.sync_page("0", 10000)
    assert not everything.has_more
    pages = list(client.iter_sync_pages("0", 64, first_limit=4))
    sizes = [len(page) for page in pages]
    assert sizes[:5] == [4, 8, 16, 32, 64] and all(size <= 64 for size in sizes)
    seqs = [change.seq for page in pages for change in page.changes]
    assert seqs == sorted(seqs) and len(seqs) == len(set(seqs))
    assert [row[:3] for page in pages for row in page.upserts] == [row[:3] for row in everything.upserts]
    assert pages[-1].cursor == everything.cursor
