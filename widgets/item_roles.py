"""Custom item-data roles that the reusable widgets read from the models they are given."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import Qt

from ioc_domain.levels import LEVELS


class ItemRole(IntEnum):
    """Roles a model implements so generic widgets (ticker, filters) can use its rows."""

    #: "critical" | "warning" | "info": drives colours and the minimum-level filter.
    LEVEL = Qt.ItemDataRole.UserRole + 1
    #: Translated name of the level ("Critical"), for badges.
    LEVEL_LABEL = Qt.ItemDataRole.UserRole + 2
    #: True when the row needs an operator's attention now (a new critical/warning alert).
    ATTENTION = Qt.ItemDataRole.UserRole + 3
    #: Stable identity of the thing the row is about, e.g. "alert:17".
    KEY = Qt.ItemDataRole.UserRole + 4
    #: One-line human sentence describing the row (time, place, what happened).
    HEADLINE = Qt.ItemDataRole.UserRole + 5
    #: Folded (lower case, no diacritics) text of the whole row, for accent-insensitive search.
    SEARCH_TEXT = Qt.ItemDataRole.UserRole + 6
    #: Label of the state the operator's queued (not yet sent) action leads to, else None.
    OUTBOX_MARK = Qt.ItemDataRole.UserRole + 7
    #: The resource as a plain dict (what an action on the row is based on).
    DATA = Qt.ItemDataRole.UserRole + 8


# Rank of each level of the domain's scale, least urgent (0) first.
LEVEL_ORDER = {level: rank for rank, level in enumerate(reversed(LEVELS))}
