"""The cache's versioned SQLite schema: the DDL of every version step, and Core tables for queries.

The schema of a fresh cache is built by running the same steps a migrated one went
through (0→1→2→3→4), so a new file and an upgraded file cannot drift apart.
"""

from __future__ import annotations

from sqlalchemy import Column, Integer, LargeBinary, MetaData, Table, Text

#: The version this code writes; stored in ``PRAGMA user_version``.
SCHEMA_VERSION = 4
#: ``PRAGMA application_id`` ("IOCC"): tells our cache apart from any other SQLite file.
APPLICATION_ID = 0x494F4343

OUTBOX_STATES = ("pending", "sending", "applied", "conflict", "failed", "cancelled")

# Version 1: the first released schema. Kept verbatim: tests build a v1 file from it.
V1_DDL: tuple[str, ...] = (
    f"PRAGMA application_id = {APPLICATION_ID}",
    # One row per cached API resource, in its latest synced state. The extracted columns
    # (state, ward, kind, sort_time) exist only so views can filter and sort with an index
    # instead of parsing JSON; `data` is the resource exactly as the API sent it.
    """CREATE TABLE resources (
        resource   TEXT    NOT NULL,
        id         TEXT    NOT NULL,
        seq        INTEGER NOT NULL DEFAULT 0,
        version    INTEGER NOT NULL DEFAULT 0,
        updated_at TEXT,
        state      TEXT,
        ward       TEXT,
        kind       TEXT,
        sort_time  TEXT,
        data       TEXT    NOT NULL,
        PRIMARY KEY (resource, id)
    )""",
    "CREATE INDEX ix_resources_seq ON resources (resource, seq)",
    "CREATE INDEX ix_resources_sort ON resources (resource, sort_time)",
    "CREATE INDEX ix_resources_state ON resources (resource, state, sort_time)",
    "CREATE INDEX ix_resources_ward ON resources (resource, ward, sort_time)",
    "CREATE TABLE sync_state (key TEXT PRIMARY KEY, value TEXT)",
    """CREATE TABLE snapshots (
        alert_id   TEXT PRIMARY KEY,
        jpeg       BLOB NOT NULL,
        fetched_at TEXT NOT NULL
    )""",
    "CREATE INDEX ix_snapshots_fetched ON snapshots (fetched_at)",
    """CREATE TABLE readings (
        sensor_id       TEXT NOT NULL,
        phenomenon_time TEXT NOT NULL,
        result          REAL,
        PRIMARY KEY (sensor_id, phenomenon_time)
    ) WITHOUT ROWID""",
    # AUTOINCREMENT: ids are never reused, so the id is the replay order for the life of the file.
    """CREATE TABLE outbox (
        id              INTEGER PRIMARY KEY AUTOINCREMENT,
        idempotency_key TEXT    NOT NULL UNIQUE,
        created_at      TEXT    NOT NULL,
        kind            TEXT    NOT NULL,
        method          TEXT    NOT NULL,
        path            TEXT    NOT NULL,
        body            TEXT,
        resource        TEXT,
        resource_id     TEXT,
        state           TEXT    NOT NULL DEFAULT 'pending'
                        CHECK (state IN ('pending','sending','applied','conflict','failed','cancelled')),
        attempts        INTEGER NOT NULL DEFAULT 0,
        last_error      TEXT,
        response        TEXT,
        updated_at      TEXT    NOT NULL
    )""",
    "CREATE INDEX ix_outbox_state ON outbox (state, id)",
)

# Version 2 (additive): conflicts keep the server's copy, every action records the version it
# was based on, and the user's saved views and offline grant move into the cache.
V1_TO_V2_DDL: tuple[str, ...] = (
    "ALTER TABLE outbox ADD COLUMN base_version INTEGER",
    "ALTER TABLE outbox ADD COLUMN server_current TEXT",
    # v1 actions carried their base version only inside the body ({"version": n}); lift it out.
    """UPDATE outbox SET base_version = json_extract(body, '$.version')
       WHERE body IS NOT NULL AND json_valid(body)
         AND json_type(body, '$.version') = 'integer'""",
    """CREATE TABLE saved_views (
        name       TEXT PRIMARY KEY,
        data       TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )""",
    """CREATE TABLE offline_grant (
        id         INTEGER PRIMARY KEY CHECK (id = 1),
        user       TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        grant      TEXT NOT NULL,
        saved_at   TEXT NOT NULL
    )""",
)

# Version 3: drop the (resource, seq) index. Nothing reads by seq range: the sync upsert
# finds the row by its primary key and compares seq in its WHERE clause, and deletes do the
# same. Every synced change moves the row's seq, so this index cost a b-tree delete plus an
# insert per upserted row — a measurable share of writing a 10,000-change catch-up into a
# 234 MB cache — for no reader.
V2_TO_V3_DDL: tuple[str, ...] = ("DROP INDEX IF EXISTS ix_resources_seq",)

# Version 4: meeting documents (PDF bytes, checked against the hash the meeting lists) for the
# paperless meetings offline; saved views move to the server, so they follow the user to any
# console. A view is now cached as a `resources` row (resource 'view'); the old local-only rows
# become pending "create" actions in the outbox, so none is lost: they reach the server at the
# next sync and come back as synced rows.
V3_TO_V4_DDL: tuple[str, ...] = (
    """CREATE TABLE documents (
        id         TEXT PRIMARY KEY,
        meeting_id TEXT NOT NULL,
        sha256     TEXT NOT NULL,
        size       INTEGER NOT NULL,
        content    BLOB NOT NULL,
        fetched_at TEXT NOT NULL
    )""",
    "CREATE INDEX ix_documents_fetched ON documents (fetched_at)",
    """INSERT INTO outbox (idempotency_key, created_at, kind, method, path, body, resource, resource_id,
                           base_version, state, attempts, updated_at)
       SELECT lower(hex(randomblob(16))), updated_at, 'view.create', 'POST', '/me/views',
              json_object('name', name, 'kind', 'event_log',
                          'data', CASE WHEN json_valid(data) AND json_type(data) = 'object'
                                       THEN json(data) ELSE json_object() END),
              'view', NULL, NULL, 'pending', 0, updated_at
       FROM saved_views ORDER BY name""",
    "DROP TABLE saved_views",
)

#: ``STEPS[n]`` upgrades a file from version n to n + 1.
STEPS: dict[int, tuple[str, ...]] = {0: V1_DDL, 1: V1_TO_V2_DDL, 2: V2_TO_V3_DDL, 3: V3_TO_V4_DDL}

# Core tables mirroring the current (v4) schema; used to build queries, never to create tables.
metadata = MetaData()

resources = Table(
    "resources",
    metadata,
    Column("resource", Text, primary_key=True),
    Column("id", Text, primary_key=True),
    Column("seq", Integer),
    Column("version", Integer),
    Column("updated_at", Text),
    Column("state", Text),
    Column("ward", Text),
    Column("kind", Text),
    Column("sort_time", Text),
    Column("data", Text),
)
sync_state = Table("sync_state", metadata, Column("key", Text, primary_key=True), Column("value", Text))
snapshots = Table(
    "snapshots",
    metadata,
    Column("alert_id", Text, primary_key=True),
    Column("jpeg", LargeBinary),
    Column("fetched_at", Text),
)
readings = Table(
    "readings",
    metadata,
    Column("sensor_id", Text, primary_key=True),
    Column("phenomenon_time", Text, primary_key=True),
    Column("result"),
)
outbox = Table(
    "outbox",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("idempotency_key", Text),
    Column("created_at", Text),
    Column("kind", Text),
    Column("method", Text),
    Column("path", Text),
    Column("body", Text),
    Column("resource", Text),
    Column("resource_id", Text),
    Column("base_version", Integer),
    Column("state", Text),
    Column("attempts", Integer),
    Column("last_error", Text),
    Column("response", Text),
    Column("server_current", Text),
    Column("updated_at", Text),
)
documents = Table(
    "documents",
    metadata,
    Column("id", Text, primary_key=True),
    Column("meeting_id", Text),
    Column("sha256", Text),
    Column("size", Integer),
    Column("content", LargeBinary),
    Column("fetched_at", Text),
)
offline_grant = Table(
    "offline_grant",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("user", Text),
    Column("expires_at", Text),
    Column("grant", Text),
    Column("saved_at", Text),
)
