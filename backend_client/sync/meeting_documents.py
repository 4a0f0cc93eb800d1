"""Opening a meeting document: the cached copy when its bytes still hash to the listed SHA-256,
else a fresh download (checked, then cached) — so a damaged cache file is replaced, never shown."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from backend_client.api.client import IocClient
from backend_client.api.errors import BackendUnavailable, BadResponse
from backend_client.cache import CacheStore


class DocumentUnavailable(Exception):
    """The document cannot be shown: not cached (or damaged) and the backend cannot be reached."""

    def __init__(self, message: str, *, damaged: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.damaged = damaged


@dataclass(frozen=True)
class OpenedDocument:
    content: bytes
    from_cache: bool
    #: The cached copy did not match its SHA-256 and was fetched again.
    replaced_damaged: bool = False


def open_document(client: IocClient, store: CacheStore, meeting_id: int, doc_id: int, sha256: str) -> OpenedDocument:
    """The bytes of a meeting document (blocking: call it off the GUI thread)."""
    cached = store.get_document(doc_id)
    if cached is not None and hashlib.sha256(cached).hexdigest() == sha256.lower():
        return OpenedDocument(cached, from_cache=True)
    damaged = cached is not None
    try:
        content = client.download_document(meeting_id, doc_id)
    except BackendUnavailable as exc:
        if damaged:
            raise DocumentUnavailable(
                f"The saved copy of this document is damaged and the server cannot be reached ({exc.message}).",
                damaged=True,
            ) from None
        raise DocumentUnavailable(
            f"This document was not saved for offline reading and the server cannot be reached ({exc.message})."
        ) from None
    if hashlib.sha256(content).hexdigest() != sha256.lower():
        raise BadResponse(f"Meeting document {doc_id} does not match the SHA-256 its meeting lists.", field="")
    store.put_document(doc_id, meeting_id, sha256.lower(), content)
    return OpenedDocument(content, from_cache=False, replaced_damaged=damaged)
