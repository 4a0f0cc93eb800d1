"""Camera stream URLs: which are accepted, and how their credentials are kept out of sight."""

from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit

#: Schemes a camera stream may use: RTSP (H.264 from the cameras) and HTTP(S) (MJPEG, HLS gateways).
STREAM_SCHEMES: tuple[str, ...] = ("rtsp", "rtsps", "http", "https")
MAX_URL_LENGTH = 2048
REDACTED = "***"

# user:password@ inside any URL-looking text (log lines, error messages from FFmpeg).
_USERINFO_IN_TEXT = re.compile(r"(?P<scheme>\b[a-zA-Z][a-zA-Z0-9+.-]*://)(?P<userinfo>[^/@\s]+)@")


class StreamUrlError(ValueError):
    """A stream URL that cannot be used; the message says why, in words an administrator understands."""


def validate_stream_url(url: str) -> str:
    """Return ``url`` stripped of surrounding blanks when it is a usable stream URL; raise
    :class:`StreamUrlError` naming the problem otherwise."""
    text = url.strip()
    if not text:
        raise StreamUrlError("the stream URL is empty")
    if len(text) > MAX_URL_LENGTH:
        raise StreamUrlError(f"the stream URL is longer than {MAX_URL_LENGTH} characters")
    if any(ord(ch) < 0x20 or ord(ch) == 0x7F or ch.isspace() for ch in text):
        raise StreamUrlError("the stream URL contains blanks or control characters")
    try:
        parts = urlsplit(text)
        port = parts.port  # raises ValueError on a port that is not a number in 0..65535
    except ValueError as exc:
        raise StreamUrlError(f"the stream URL is malformed ({exc})") from None
    if parts.scheme.lower() not in STREAM_SCHEMES:
        allowed = ", ".join(STREAM_SCHEMES)
        raise StreamUrlError(f"the stream URL must start with one of {allowed}:// (got {parts.scheme or 'none'!r})")
    if not parts.hostname:
        raise StreamUrlError("the stream URL names no host")
    if port == 0:
        raise StreamUrlError("the stream URL's port must be between 1 and 65535")
    return text


def has_credentials(url: str) -> bool:
    try:
        parts = urlsplit(url)
    except ValueError:
        return bool(_USERINFO_IN_TEXT.search(url))
    return parts.username is not None or parts.password is not None


def redact_url(url: str) -> str:
    """``url`` with any user name and password replaced by ``***`` (host, path and query kept)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return redact_text(url)
    if parts.username is None and parts.password is None:
        return url
    host = parts.hostname or ""
    if ":" in host:  # an IPv6 literal keeps its brackets
        host = f"[{host}]"
    netloc = f"{REDACTED}@{host}"
    try:
        if parts.port is not None:
            netloc += f":{parts.port}"
    except ValueError:
        return redact_text(url)
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


def redact_text(text: str) -> str:
    """Any free text (an error from FFmpeg, a log line) with the credentials of every URL in it hidden."""
    return _USERINFO_IN_TEXT.sub(lambda m: f"{m.group('scheme')}{REDACTED}@", text)
