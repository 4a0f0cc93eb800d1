"""Local offline cache and durable outbox of the IOC console (SQLite via SQLAlchemy, no Qt)."""

from __future__ import annotations

from backend_client.cache.errors import (
    CacheClosedError,
    CacheError,
    CacheOpenError,
    CacheWriteError,
    InvalidChange,
    InvalidOutboxRequest,
    OutboxStateError,
)
from backend_client.cache.outbox import DuplicateIdempotencyKey, OutboxEntry
from backend_client.cache.paths import default_cache_path
from backend_client.cache.recovery import RecoveryNotice
from backend_client.cache.schema import SCHEMA_VERSION
from backend_client.cache.store import ORDERINGS, CacheStore, OfflineGrant
from backend_client.cache.writer import WRITER_THREAD_NAME, CacheWriter

__all__ = [
    "CacheClosedError",
    "CacheError",
    "CacheOpenError",
    "CacheStore",
    "CacheWriteError",
    "CacheWriter",
    "DuplicateIdempotencyKey",
    "InvalidChange",
    "InvalidOutboxRequest",
    "ORDERINGS",
    "OfflineGrant",
    "OutboxEntry",
    "OutboxStateError",
    "RecoveryNotice",
    "SCHEMA_VERSION",
    "WRITER_THREAD_NAME",
    "default_cache_path",
]
