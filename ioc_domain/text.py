"""Text matching rules shared by every search box: Vietnamese typed with or without its diacritics."""

from __future__ import annotations

import unicodedata

# đ/Đ is a letter of its own, not d plus a combining mark, so NFD leaves it whole.
_LETTERS_WITHOUT_DECOMPOSITION = str.maketrans({"đ": "d", "Đ": "d"})


def fold(text: str) -> str:
    """``text`` without diacritics, case-folded and with runs of blanks collapsed, so that
    "vy da" matches "Vỹ Dạ" and "DONG BA" matches "Đông Ba"."""
    decomposed = unicodedata.normalize("NFD", text.translate(_LETTERS_WITHOUT_DECOMPOSITION))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.casefold().split())


def matches_all_words(query: str, *fields: str) -> bool:
    """True when every word of ``query`` occurs in one of ``fields``, diacritics and case ignored."""
    words = fold(query).split()
    if not words:
        return True
    haystack = " ".join(fold(field) for field in fields)
    return all(word in haystack for word in words)
