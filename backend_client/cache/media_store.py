"""The cache's media: alert snapshots, sensor readings and meeting documents (PDF)."""

from __future__ import annotations

import builtins
import hashlib
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import Connection, delete, select, text

from backend_client.cache.schema import documents, readings, snapshots
from backend_client.cache.store_core import StoreCore
from backend_client.cache.timeutil import now_iso

JPEG_MAGIC = b"\xff\xd8"
PDF_MAGIC = b"%PDF-"
_TRIM_READINGS = """
DELETE FROM readings WHERE sensor_id = :sensor AND phenomenon_time < (
    SELECT phenomenon_time FROM readings WHERE sensor_id = :sensor
    ORDER BY phenomenon_time DESC LIMIT 1 OFFSET :keep - 1)
"""


class MediaStore(StoreCore):
    """Snapshots, readings and documents, each trimmed to its budget as it is stored."""

    # -- snapshots and readings -----------------------------------------------------------
    def put_snapshot(self, alert_id: str | int, jpeg: bytes) -> None:
        """Store an alert's snapshot JPEG; the oldest beyond ``max_snapshots`` are dropped."""
        if not isinstance(jpeg, bytes | bytearray) or not bytes(jpeg[:2]) == JPEG_MAGIC:
            raise ValueError(f"The snapshot of alert {alert_id} is not a JPEG image.")
        row = {"alert_id": str(alert_id), "jpeg": bytes(jpeg), "fetched_at": now_iso()}
        keep = self.max_snapshots

        def write(conn: Connection) -> None:
            conn.execute(snapshots.insert().prefix_with("OR REPLACE").values(**row))
            conn.exec_driver_sql(
                "DELETE FROM snapshots WHERE alert_id IN (SELECT alert_id FROM snapshots "
                "ORDER BY fetched_at DESC LIMIT -1 OFFSET ?)",
                (keep,),
            )

        self._write(write, "The snapshot")

    def get_snapshot(self, alert_id: str | int) -> bytes | None:
        return self._read(
            lambda conn: conn.execute(select(snapshots.c.jpeg).where(snapshots.c.alert_id == str(alert_id))).scalar()
        )

    # -- meeting documents ---------------------------------------------------------------
    def put_document(self, doc_id: str | int, meeting_id: str | int, sha256: str, content: bytes) -> None:
        """Store a meeting document (PDF) for reading offline; it must be a PDF and hash to ``sha256``.

        The least recently fetched documents are dropped beyond ``max_document_bytes``, but never
        the one just stored.
        """
        content = bytes(content)
        if not content.startswith(PDF_MAGIC):
            raise ValueError(f"Document {doc_id} is not a PDF file.")
        actual = hashlib.sha256(content).hexdigest()
        if not isinstance(sha256, str) or actual != sha256.lower():
            raise ValueError(f"Document {doc_id} does not match its SHA-256 ({sha256!r}); it was not stored.")
        row = {
            "id": str(doc_id),
            "meeting_id": str(meeting_id),
            "sha256": actual,
            "size": len(content),
            "content": content,
            "fetched_at": now_iso(),
        }
        budget = self.max_document_bytes

        def write(conn: Connection) -> None:
            conn.execute(documents.insert().prefix_with("OR REPLACE").values(**row))
            used = 0
            for rid, size in conn.execute(
                select(documents.c.id, documents.c.size).order_by(documents.c.fetched_at.desc(), documents.c.id.desc())
            ).all():
                used += size
                if used > budget and rid != row["id"]:
                    conn.execute(delete(documents).where(documents.c.id == rid))

        self._write(write, "The meeting document")

    def get_document(self, doc_id: str | int) -> bytes | None:
        return self._read(
            lambda conn: conn.execute(select(documents.c.content).where(documents.c.id == str(doc_id))).scalar()
        )

    def document_hashes(self) -> dict[str, str]:
        """Cached documents: id → SHA-256 of the bytes held."""
        rows = self._read(lambda conn: conn.execute(select(documents.c.id, documents.c.sha256)).all())
        return dict(rows)

    def drop_documents_except(self, doc_ids: Iterable[str | int]) -> int:
        """Forget cached documents not in ``doc_ids`` (no longer listed by any kept meeting)."""
        keep = {str(doc_id) for doc_id in doc_ids}

        def write(conn: Connection) -> int:
            gone = [rid for rid in conn.execute(select(documents.c.id)).scalars().all() if rid not in keep]
            for rid in gone:
                conn.execute(delete(documents).where(documents.c.id == rid))
            return len(gone)

        return self._write(write, "The meeting documents")

    def put_readings(self, sensor_id: str, items: Iterable[tuple[str, float | None] | Mapping[str, Any]]) -> None:
        """Store readings (``(time, result)`` pairs or API reading objects); keep the newest N."""
        rows = []
        for item in items:
            time_, result = (
                (item.get("phenomenon_time"), item.get("result")) if isinstance(item, Mapping) else tuple(item)
            )
            if not isinstance(time_, str) or not time_:
                raise ValueError(f"A reading of sensor {sensor_id} has no phenomenon_time: {item!r}.")
            if result is not None and (isinstance(result, bool) or not isinstance(result, int | float)):
                raise ValueError(f"A reading of sensor {sensor_id} has a non-numeric result: {item!r}.")
            rows.append({"sensor_id": str(sensor_id), "phenomenon_time": time_, "result": result})
        if not rows:
            return
        keep = self.readings_per_sensor

        def write(conn: Connection) -> None:
            conn.execute(readings.insert().prefix_with("OR REPLACE"), rows)
            conn.execute(text(_TRIM_READINGS), {"sensor": str(sensor_id), "keep": keep})

        self._write(write, "The sensor readings")

    def readings(self, sensor_id: str, limit: int | None = None) -> builtins.list[tuple[str, float | None]]:
        """Cached readings of a sensor, newest first."""
        query = (
            select(readings.c.phenomenon_time, readings.c.result)
            .where(readings.c.sensor_id == str(sensor_id))
            .order_by(readings.c.phenomenon_time.desc())
        )
        if limit is not None:
            query = query.limit(limit)
        return [tuple(row) for row in self._read(lambda conn: conn.execute(query).all())]
