"""Turns decoded JSON into typed models, reporting contract breaches as ``BadResponse``."""

from __future__ import annotations

import functools
from collections.abc import Hashable, Mapping
from typing import Any, TypeVar, cast

from pydantic import TypeAdapter, ValidationError

from backend_client.api.errors import BadResponse

T = TypeVar("T")


@functools.cache
def _adapter(type_: Any) -> TypeAdapter:
    return TypeAdapter(type_)


def error_path(error: Mapping[str, Any]) -> str:
    """Dotted path of one pydantic error, extended by a nested path our validators record."""
    parts = [str(p) for p in error.get("loc", ())]
    nested = (error.get("ctx") or {}).get("path")
    if nested:
        parts.append(str(nested))
    return ".".join(parts)


def parse_as(type_: type[T], payload: Any, *, what: str = "response") -> T:
    """Validate ``payload`` (already JSON-decoded) as ``type_`` or raise ``BadResponse``.

    The error names the first bad field (``items.3.lat``) so a log line or a support
    ticket can point at the exact part of the payload that broke the contract.
    """
    try:
        adapter: TypeAdapter[T] = _adapter(cast(Hashable, type_))
        return adapter.validate_python(payload)
    except ValidationError as exc:
        errors = exc.errors()
        first = errors[0]
        path = error_path(first)
        where = path or "body"
        more = f" (+{len(errors) - 1} more)" if len(errors) > 1 else ""
        raise BadResponse(f"Malformed {what}: {where}: {first['msg']}{more}", field=path) from None
