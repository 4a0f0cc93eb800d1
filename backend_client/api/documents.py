"""Meeting documents on the client side: the PDF check and the size limit of docs/API.md."""

from __future__ import annotations

PDF_MAGIC = b"%PDF-"
MAX_DOCUMENT_BYTES = 50 * 1024 * 1024  # the server refuses larger uploads with 413


def check_pdf_bytes(content: bytes, *, what: str = "The document") -> None:
    """ValueError unless ``content`` is a non-empty PDF file (starts with ``%PDF-``).

    A cheap first check only: the backend also opens every upload with a PDF parser and answers
    422 naming the problem for a file that merely starts like a PDF (docs/API.md).
    """
    if not content:
        raise ValueError(f"{what} is empty.")
    if not bytes(content[:5]) == PDF_MAGIC:
        raise ValueError(f"{what} is not a PDF file (it does not start with %PDF-).")
