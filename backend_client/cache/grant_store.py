"""The cache's offline grant: the credential that lets the console open its cache without the server."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, select

from backend_client.cache.extract import dumps
from backend_client.cache.schema import offline_grant
from backend_client.cache.store_core import StoreCore
from backend_client.cache.timeutil import now_iso, parse_iso


@dataclass(frozen=True)
class OfflineGrant:
    """The time-limited offline grant the backend issued at the last online login (opaque token)."""

    user: dict[str, Any]
    expires_at: str
    grant: str = field(repr=False)  # a credential: kept out of logs and tracebacks
    saved_at: str = ""

    def is_valid(self, now: datetime | None = None) -> bool:
        """True while the grant has not expired."""
        return (now or datetime.now(UTC)) < parse_iso(self.expires_at)


class GrantStore(StoreCore):
    """One row: the grant from the last online login."""

    # -- offline grant -------------------------------------------------------------------
    def put_offline_grant(self, user: Mapping[str, Any], expires_at: str, grant: str) -> None:
        """Keep the offline grant from the last online login (replaces any previous one)."""
        try:
            expiry = parse_iso(expires_at)
        except (TypeError, ValueError) as exc:
            raise ValueError(f"The offline grant's expiry {expires_at!r} is not an ISO 8601 time.") from exc
        if not isinstance(grant, str) or not grant:
            raise ValueError("The offline grant token is empty.")
        row = {
            "id": 1,
            "user": dumps(dict(user)),
            "expires_at": expiry.isoformat(),
            "grant": grant,
            "saved_at": now_iso(),
        }
        self._write(
            lambda conn: conn.execute(offline_grant.insert().prefix_with("OR REPLACE").values(**row)),
            "The offline grant",
        )

    def offline_grant(self) -> OfflineGrant | None:
        row = self._read(lambda conn: conn.execute(select(offline_grant)).mappings().first())
        if row is None:
            return None
        return OfflineGrant(
            user=json.loads(row["user"]), expires_at=row["expires_at"], grant=row["grant"], saved_at=row["saved_at"]
        )

    def clear_offline_grant(self) -> None:
        """Forget the grant (on logout: an offline session must not outlive an explicit sign-out)."""
        self._write(lambda conn: conn.execute(delete(offline_grant)), "The offline grant")
