"""What every outbox action builder shares: the ``Action`` record and reading the object the operator saw."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote


@dataclass(frozen=True)
class Action:
    """One operator action ready for the outbox. ``base_version`` is the version the operator saw."""

    kind: str
    method: str
    path: str
    body: dict[str, Any] | None = field(default_factory=dict)  # None: a request without a body (DELETE)
    resource: str = ""
    resource_id: str = ""
    base_version: int | None = None


def field_of(obj: Mapping[str, Any] | Any, name: str) -> Any:
    if isinstance(obj, Mapping):
        if name not in obj:
            raise ValueError(f"The resource has no {name!r}; pass the object the operator saw.")
        return obj[name]
    try:
        return getattr(obj, name)
    except AttributeError:
        raise ValueError(f"The resource has no {name!r}; pass the object the operator saw.") from None


def identity(obj: Mapping[str, Any] | Any) -> tuple[str, int]:
    rid, version = field_of(obj, "id"), field_of(obj, "version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise ValueError(f"The resource's version must be a positive integer, not {version!r}.")
    if rid is None or str(rid) == "":
        raise ValueError("The resource has an empty id.")
    return str(rid), version


def path_id(value: str) -> str:
    return quote(value, safe="")  # an id must not change the route
