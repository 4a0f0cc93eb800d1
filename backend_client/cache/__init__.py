"""Local offline cache and durable outbox of the IOC console (SQLite via SQLAlchemy, no Qt)."""
from __future__ import annotations

from .errors import (CacheClosedError, CacheError, CacheOpenError, CacheWriteError, InvalidChange,
                     InvalidOutboxRequest, OutboxStateError)
from .outbox import DuplicateIdempotencyKey, OutboxEntry
from .paths import default_cache_path
from .recovery import RecoveryNotice
from .schema import SCHEMA_VERSION
from .store import ORDERINGS, CacheStore, OfflineGrant
from .writer import WRITER_THREAD_NAME, CacheWriter

__all__ = [
    "CacheClosedError", "CacheError", "CacheOpenError", "CacheStore", "CacheWriteError", "CacheWriter",
    "DuplicateIdempotencyKey", "InvalidChange", "InvalidOutboxRequest", "ORDERINGS", "OfflineGrant",
    "OutboxEntry", "OutboxStateError", "RecoveryNotice", "SCHEMA_VERSION", "WRITER_THREAD_NAME",
    "default_cache_path",
]
