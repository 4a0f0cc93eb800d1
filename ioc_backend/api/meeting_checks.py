"""Checks of what a meeting receives: uploaded file names, PDF bytes and poll options."""

from __future__ import annotations

import posixpath
import re
import unicodedata

from ioc_backend.pdf_probe import check_pdf_structure

PDF_MAGIC = b"%PDF-"
MAX_DOCUMENT_BYTES = 50 * 1024 * 1024
MAX_FILENAME = 200
MAX_OPTION = 200
# Characters that separate paths or are refused by Windows file systems: a console saving the
# document under its name must never be steered elsewhere or fail.
_UNSAFE_IN_NAME = re.compile(r'[<>:"|?*\\/]')


def sanitize_filename(raw: str) -> str:
    """A safe display/save name for an uploaded file: last path segment, no control characters.

    Raises ValueError with a message for the operator when nothing usable is left or it is too long.
    """
    name = unicodedata.normalize("NFC", raw)
    # Keep only the last segment of either kind of path ("..\\..\\x.pdf", "/etc/passwd").
    name = posixpath.basename(name.replace("\\", "/"))
    # Control and format characters (newlines, NUL, bidi overrides that disguise extensions).
    name = "".join(ch for ch in name if unicodedata.category(ch) not in ("Cc", "Cf"))
    name = _UNSAFE_IN_NAME.sub("_", name).strip().lstrip(".").strip()
    if not name:
        raise ValueError("the file name is empty once path parts and control characters are removed")
    if not name.lower().endswith(".pdf"):
        name += ".pdf"
    if len(name) > MAX_FILENAME:
        raise ValueError(f"the file name may have at most {MAX_FILENAME} characters (this one has {len(name)})")
    return name


def check_pdf(content: bytes) -> None:
    """Refuse what is not a PDF file (ValueError naming what was received).

    Blocks for up to pdf_probe.CHECK_SECONDS: beyond the magic bytes, the file is opened by a
    PDF parser in a bounded worker process; call it off the event loop.
    """
    if not content:
        raise ValueError("the document is empty; send the bytes of a PDF file")
    if not content.startswith(PDF_MAGIC):
        head = content[:8].hex(" ")
        raise ValueError(f"the document is not a PDF file (it must start with %PDF-; it starts with {head})")
    check_pdf_structure(content)


def clean_options(options: list[str]) -> list[str]:
    """Poll options stripped, each 1..200 characters and distinct (ValueError otherwise)."""
    cleaned = [option.strip() for option in options]
    for index, option in enumerate(cleaned):
        if not option:
            raise ValueError(f"option {index} is blank")
        if len(option) > MAX_OPTION:
            raise ValueError(f"option {index} has more than {MAX_OPTION} characters")
    if len({option.casefold() for option in cleaned}) != len(cleaned):
        raise ValueError("two options are the same")
    return cleaned
