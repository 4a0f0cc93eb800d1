"""The SQL that writes synced resources: upserts that never let an older change win, deletes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from backend_client.cache.extract import UpsertRow

# Upsert that never lets an older change overwrite a newer one, nor applies one change twice:
# a live event and a sync page can arrive out of order (`seq` is the server's global change
# order), and a write's own response may already have cached the version its echo brings
# (every change bumps a resource's `version`; 0 means the version is unknown).
UPSERT_BY_SEQ = """
INSERT INTO resources (resource, id, seq, version, updated_at, state, ward, kind, sort_time, data)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (resource, id) DO UPDATE SET
    seq = excluded.seq, version = excluded.version, updated_at = excluded.updated_at,
    state = excluded.state, ward = excluded.ward, kind = excluded.kind,
    sort_time = excluded.sort_time, data = excluded.data
WHERE excluded.seq >= resources.seq
  AND (excluded.version > resources.version OR excluded.version = 0 OR resources.version = 0)
"""
# A write's own response carries no `seq`; it is ordered by the resource's `version` instead,
# and keeps the row's seq so a later sync still replaces it. A version the cache already holds
# is not written again (its change event may have come first); version 0 (a local view) is.
UPSERT_BY_VERSION = """
INSERT INTO resources (resource, id, seq, version, updated_at, state, ward, kind, sort_time, data)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (resource, id) DO UPDATE SET
    version = excluded.version, updated_at = excluded.updated_at,
    state = excluded.state, ward = excluded.ward, kind = excluded.kind,
    sort_time = excluded.sort_time, data = excluded.data
WHERE excluded.version > resources.version OR excluded.version = 0
"""
# Catch-up writes of rows the cache already holds. A row's indexed columns (state, ward,
# kind, sort_time) rarely all change — a report changes status, its ward and time stay — but
# an UPDATE that SETs a column rewrites every index on it, and each rewrite dirties a random
# index page of a 200 MB file. So each existing row is updated with only the indexed columns
# whose value really changed (read in the same transaction), which skipped two of the three
# index rewrites per row in the 10,000-change catch-up measurement.
_INDEXED_COLUMNS = ("state", "ward", "kind", "sort_time")  # positions 5..8 of an UpsertRow
_INDEXED_AT = 5
LOOKUP_CHUNK = 900  # below SQLite's smallest default limit on bound parameters (999)


def _update_sql(changed: tuple[int, ...]) -> str:
    columns = ("seq", "version", "updated_at", *(_INDEXED_COLUMNS[i] for i in changed), "data")
    return f"UPDATE resources SET {', '.join(f'{c} = ?' for c in columns)} WHERE resource = ? AND id = ? AND seq <= ?"


_UPDATE_SQL = {
    changed: _update_sql(changed) for changed in [tuple(i for i in range(4) if mask & (1 << i)) for mask in range(16)]
}


def _stored_index_values(raw: Any, rows: Sequence[UpsertRow]) -> dict[tuple[str, str], tuple[Any, ...]]:
    ids_by_resource: dict[str, list[str]] = {}
    for row in rows:
        ids_by_resource.setdefault(row[0], []).append(row[1])
    stored: dict[tuple[str, str], tuple[Any, ...]] = {}
    for resource, ids in ids_by_resource.items():
        for start in range(0, len(ids), LOOKUP_CHUNK):
            chunk = ids[start : start + LOOKUP_CHUNK]
            query = (
                f"SELECT id, state, ward, kind, sort_time, seq, version FROM resources "
                f"WHERE resource = ? AND id IN ({','.join('?' * len(chunk))})"
            )
            found = 0
            for rid, *values in raw.execute(query, (resource, *chunk)):
                stored[(resource, rid)] = tuple(values)
                found += 1
            if not found:
                # An initial sync: none of them is cached yet, so skip the other lookups. Rows
                # not looked up take the plain upsert, which is correct for any row anyway.
                break
    return stored


Key = tuple[str, str, int]  # (resource, id, seq) of one change


class Applied(int):
    """How many changes of a batch altered the cache; ``skipped`` names the others.

    A change is skipped when the cache already holds its version or a newer one (its echo,
    a page fetched again), or, for a delete, when the row was not cached.
    """

    skipped: frozenset[Key]

    def __new__(cls, count: int, skipped: frozenset[Key] = frozenset()) -> Applied:
        applied = super().__new__(cls, count)
        applied.skipped = skipped
        return applied


def write_upserts(raw: Any, rows: Sequence[UpsertRow]) -> list[Key]:
    """Upsert ``rows`` (newer versions win), rewriting only the indexes whose columns changed.

    Returns the rows that did not alter the cache. The check costs nothing extra on an initial
    sync (no row is cached: one lookup finds none) and a comparison per already-cached row.
    """
    skipped: list[Key] = []
    if len({(row[0], row[1]) for row in rows}) != len(rows):
        # The same resource twice in one batch (live events): the values read up front would
        # be stale for the second one, so apply them in order, one by one.
        for row in rows:
            if raw.execute(UPSERT_BY_SEQ, row).rowcount == 0:
                skipped.append((row[0], row[1], row[2]))
        return skipped
    stored = _stored_index_values(raw, rows)
    new_rows: list[UpsertRow] = []
    updates: dict[tuple[int, ...], list[tuple[Any, ...]]] = {}
    for row in rows:
        old = stored.get((row[0], row[1]))
        if old is None:
            new_rows.append(row)
            continue
        old_seq, old_version = old[4], old[5]
        if row[2] < old_seq or (row[3] and old_version and row[3] <= old_version):
            skipped.append((row[0], row[1], row[2]))
            continue
        changed = tuple(i for i in range(4) if old[i] != row[_INDEXED_AT + i])
        updates.setdefault(changed, []).append(
            (row[2], row[3], row[4], *(row[_INDEXED_AT + i] for i in changed), row[9], row[0], row[1], row[2])
        )
    if new_rows:
        raw.executemany(UPSERT_BY_SEQ, new_rows)
    for changed, params in updates.items():
        raw.executemany(_UPDATE_SQL[changed], params)
    return skipped


def write_deletes(raw: Any, deletes: Sequence[Key]) -> list[Key]:
    """Delete the rows of ``deletes`` unless a newer change re-created them; returns those not cached."""
    skipped = [key for key in deletes if raw.execute(DELETE_BY_SEQ, key).rowcount == 0]
    raw.executemany(DROP_ORPHAN_SNAPSHOT, [(rid,) for res, rid, _ in deletes if res == "alert"])
    raw.executemany(DROP_ORPHAN_READINGS, [(rid,) for res, rid, _ in deletes if res == "sensor"])
    return skipped


REPLACE_ROW = (
    "INSERT OR REPLACE INTO resources (resource, id, seq, version, updated_at, state, ward, kind, "
    "sort_time, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
DELETE_BY_SEQ = "DELETE FROM resources WHERE resource = ? AND id = ? AND seq <= ?"
DROP_ORPHAN_SNAPSHOT = (
    "DELETE FROM snapshots WHERE alert_id = ?1 AND NOT EXISTS "
    "(SELECT 1 FROM resources WHERE resource = 'alert' AND id = ?1)"
)
DROP_ORPHAN_READINGS = (
    "DELETE FROM readings WHERE sensor_id = ?1 AND NOT EXISTS "
    "(SELECT 1 FROM resources WHERE resource = 'sensor' AND id = ?1)"
)


#: Orders ``list()`` accepts. Ids sort by length first so "9" comes before "10". Equal times
#: are broken by rowid because the (resource, sort_time) index ends in it: the first page of
#: 183,000 reports is then read straight off the index, with no sort.
ORDERINGS = {
    "sort_time desc": "sort_time DESC, rowid DESC",
    "sort_time asc": "sort_time ASC, rowid ASC",
    "id asc": "length(id) ASC, id ASC",
    "id desc": "length(id) DESC, id DESC",
    "seq asc": "seq ASC",
    "seq desc": "seq DESC",
    "updated_at desc": "updated_at DESC, length(id) DESC, id DESC",
}
