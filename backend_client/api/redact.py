"""Removes secrets (tokens, passwords, URL credentials) from URLs and log records."""

from __future__ import annotations

import logging
import re

MASK = "***"

# Query/form parameters whose values are secrets.
_SECRET_KEYS = (
    "access_token",
    "refresh_token",
    "id_token",
    "token",
    "password",
    "passwd",
    "pwd",
    "secret",
    "api_key",
    "apikey",
    "auth",
)
_KEYS = "|".join(_SECRET_KEYS)

# key=value in a query string or form body (value runs to the next separator).
_QUERY_SECRET = re.compile(rf"(?i)(?<![A-Za-z0-9_])({_KEYS})=([^&#\s'\"]*)")
# "key": "value" inside JSON text.
_JSON_SECRET = re.compile(rf'(?i)("(?:{_KEYS})"\s*:\s*")((?:[^"\\]|\\.)*)(")')
# scheme://user:password@host -> scheme://user:***@host (RTSP camera URLs carry these).
_USERINFO = re.compile(r"(?i)\b([a-z][a-z0-9+.\-]*://)([^/\s:@]*):([^/\s@]*)@")
# Authorization: Bearer <token>, and bare "Bearer <token>".
_BEARER = re.compile(r"(?i)\b(bearer\s+)[A-Za-z0-9\-._~+/]+=*")
# Authorization: <anything> header dumps.
_AUTH_HEADER = re.compile(r"(?i)(['\"]?authorization['\"]?\s*[:=]\s*['\"]?)([^'\"\r\n,}]+)")


def redact_text(text: str) -> str:
    """Mask every secret this module knows how to recognise inside free text."""
    if not text:
        return text
    text = _USERINFO.sub(lambda m: f"{m.group(1)}{m.group(2)}:{MASK}@", text)
    text = _QUERY_SECRET.sub(lambda m: f"{m.group(1)}={MASK}", text)
    text = _JSON_SECRET.sub(lambda m: f"{m.group(1)}{MASK}{m.group(3)}", text)
    text = _AUTH_HEADER.sub(lambda m: f"{m.group(1)}{MASK}", text)
    text = _BEARER.sub(lambda m: f"{m.group(1)}{MASK}", text)
    return text


def redact_url(url: str) -> str:
    """Return ``url`` with access tokens, passwords and ``user:pass@`` credentials masked.

    The rest of the URL is kept byte for byte so that logs stay useful for debugging.
    """
    return redact_text(url)


class RedactingFilter(logging.Filter):
    """Logging filter that rewrites each record's message (and traceback) without secrets.

    Attach it to handlers (covers every logger) or to loggers (covers records created
    by that logger only — Python does not run a parent logger's filters for children).
    """

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a broken format string must not hide the record
            message = str(record.msg)
        cleaned = redact_text(message)
        if cleaned != message or record.args:
            record.msg = cleaned
            record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact_text(record.exc_text)
        return True


_FILTER = RedactingFilter()


def protect_logger(logger: logging.Logger) -> logging.Logger:
    """Attach the shared redacting filter to ``logger`` once and return it."""
    if _FILTER not in logger.filters:
        logger.addFilter(_FILTER)
    return logger


def get_logger(name: str) -> logging.Logger:
    """A logger under ``backend_client`` whose records are always redacted."""
    return protect_logger(logging.getLogger(name))
