"""Request and response models of POST /alerts/bulk."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, Field, StringConstraints

from ioc_backend.api.schemas.bounded import RowId, Version
from ioc_backend.api.schemas.requests import Strict
from ioc_backend.api.schemas.responses import Alert
from ioc_backend.api.schemas.vocabulary import CloseReason

#: ioc_backend.alerting.bulk.BULK_ACTIONS
BulkAction = Literal["acknowledge", "false_alarm", "close", "dispatch"]
#: ioc_backend.alerting.bulk.MAX_BULK_ITEMS
MAX_ITEMS = 500


class AlertBulkItem(Strict):
    id: RowId
    version: Version


class AlertBulk(Strict):
    action: BulkAction
    items: list[AlertBulkItem] = Field(min_length=1, max_length=MAX_ITEMS)
    # close only, required there (checked by the route, like POST /alerts/{id}/transition)
    reason: CloseReason | None = None
    # dispatch only, required there; trimmed before the length check, as in POST /alerts/{id}/dispatch
    unit: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)] | None = None
    note: str | None = Field(default=None, max_length=2000)


class AlertBulkFailure(BaseModel):
    id: int
    code: Literal["conflict", "invalid_transition", "not_found"]
    message: str
    current: Alert | None


class AlertBulkResult(BaseModel):
    action: BulkAction
    succeeded: list[Alert]
    failed: list[AlertBulkFailure]
