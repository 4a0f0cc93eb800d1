"""Request values bounded to what Python and the databases can hold: dates, integers, text.

A value outside these bounds is the client's mistake and must be answered 422 naming the
field, before it can reach a conversion (``astimezone``) or the database and become a 500.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

from pydantic import AfterValidator, AwareDatetime, Field

# BIGINT, the widest integer column of SQLite and PostgreSQL: versions, ids and counts fit in it.
MAX_BIGINT = 2**63 - 1


def _utc(value: datetime) -> datetime:
    # 0001-01-01T00:00+14:00 is in year 0 in UTC, 9999-12-31T23:59-14:00 in year 10000: Python's
    # datetime cannot hold either, so astimezone would raise OverflowError deep in the write.
    try:
        return value.astimezone(UTC)
    except OverflowError:
        raise ValueError("is outside the years 1..9999 once converted to UTC") from None


#: An aware date-time converted to UTC; one that leaves the years 1..9999 in UTC is refused.
UtcDatetime = Annotated[AwareDatetime, AfterValidator(_utc)]

#: Row versions (optimistic concurrency): 1 .. BIGINT.
Version = Annotated[int, Field(ge=1, le=MAX_BIGINT)]

#: Ids of rows that a body refers to: 1 .. BIGINT.
RowId = Annotated[int, Field(ge=1, le=MAX_BIGINT)]


def storable_text_problem(value: Any) -> str | None:
    """Why ``value`` (a string, or JSON made of dicts/lists/strings) cannot be stored, or None.

    PostgreSQL refuses the NUL character in text and JSON; a lone surrogate ("\\ud800", which
    JSON can spell) is no Unicode character at all, and cannot be encoded as UTF-8 for any database.
    """
    if isinstance(value, str):
        if "\x00" in value:
            return "must not contain the NUL character"
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return "must not contain lone surrogates (invalid Unicode)"
        return None
    if isinstance(value, dict):
        for key, item in value.items():
            problem = storable_text_problem(key) or storable_text_problem(item)
            if problem:
                return problem
        return None
    if isinstance(value, (list, tuple)):
        for item in value:
            problem = storable_text_problem(item)
            if problem:
                return problem
    return None
