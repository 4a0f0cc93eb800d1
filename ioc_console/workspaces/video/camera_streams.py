"""Playable URLs of a camera's streams: the backend's own get a fresh token, vendor URLs are used as they are."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import urlencode, urljoin, urlsplit

from backend_client import IocClient

UrlFor = Callable[[Mapping[str, Any], str], str]


def url_for_client(client: IocClient) -> UrlFor:
    """``url_for(camera, "main"|"sub")`` for the TileFeed; called on the decoder thread at each
    (re)connect, because a backend token may be refreshed over the network. The result is a
    secret: it is handed to the decoder only, never logged or shown."""

    def url_for(camera: Mapping[str, Any], which: str) -> str:
        if which not in ("main", "sub"):
            raise ValueError(f"which must be 'main' or 'sub', not {which!r}")
        raw = str(camera.get(f"{which}_stream_url") or camera.get("sub_stream_url") or "")
        absolute = urljoin(client.base_url + "/", raw)
        if not is_backend_url(client.base_url, absolute):
            return absolute  # a vendor's own URL (rtsp://, http://camera...): as the server gave it
        token = client.ensure_fresh_token()
        separator = "&" if urlsplit(absolute).query else "?"
        return f"{absolute}{separator}{urlencode({'access_token': token})}"

    return url_for


def is_backend_url(base_url: str, url: str) -> bool:
    """True for a URL served by this backend (it needs the session's token)."""
    base, target = urlsplit(base_url), urlsplit(url)
    return (base.scheme, base.netloc) == (target.scheme, target.netloc) and target.path.startswith(
        base.path.rstrip("/") + "/"
    )
