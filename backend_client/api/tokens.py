"""Holds the current access/refresh tokens and decides when they need refreshing."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import UTC, datetime

from backend_client.api.models import TokenGrant


@dataclass
class TokenState:
    """Tokens of one signed-in session; never logged (repr hides the secrets).

    Expiry is tracked on the local monotonic clock from ``expires_in`` when the server
    gives it, so a workstation whose wall clock is off does not refresh too late.
    """

    access_token: str = field(repr=False)
    refresh_token: str = field(repr=False)
    access_expires_at: datetime
    refresh_expires_at: datetime
    lifetime: float
    access_deadline: float  # time.monotonic() value at which the access token expires

    @classmethod
    def from_grant(cls, grant: TokenGrant) -> TokenState:
        now_wall = datetime.now(UTC)
        if grant.expires_in is not None:
            lifetime = float(grant.expires_in)
        else:
            lifetime = (grant.expires_at - now_wall).total_seconds()
        lifetime = max(0.0, lifetime)
        return cls(
            access_token=grant.access_token,
            refresh_token=grant.refresh_token,
            access_expires_at=grant.expires_at,
            refresh_expires_at=grant.refresh_expires_at,
            lifetime=lifetime,
            access_deadline=time.monotonic() + lifetime,
        )

    def seconds_left(self) -> float:
        return self.access_deadline - time.monotonic()

    def should_refresh(self, margin: float) -> bool:
        """True when less than ``margin`` seconds remain.

        The margin is capped at half the token lifetime: with very short lifetimes (tests,
        strict deployments) a fixed 60 s margin would refresh before every single call.
        """
        return self.seconds_left() < min(margin, self.lifetime / 2)

    def expired(self) -> bool:
        return self.seconds_left() <= 0
