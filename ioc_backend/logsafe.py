"""Log records without forged lines or camera passwords: control characters from outside text are
escaped, and the user:password@ of any URL in a message is replaced by ``***``."""

from __future__ import annotations

import logging
import re

from ioc_domain.camera_urls import redact_text

# C0 and C1 controls, DEL, and the Unicode line/paragraph separators: anything a terminal or a
# line-oriented log reader would take as a line break or an escape sequence.
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape_one(match: re.Match[str]) -> str:
    ch = match.group()
    if ch in _NAMED:
        return _NAMED[ch]
    return f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}"


def escape_controls(text: str) -> str:
    """``text`` on one line: every control character written as a visible escape (``\\n``, ``\\x1b``)."""
    return _CONTROLS.sub(_escape_one, text)


def _escape_block(text: str) -> str:
    # A traceback keeps its own line breaks, but every line of it is indented, so a line break
    # inside an exception message can never start a line that looks like a record.
    return "\n".join("  " + escape_controls(redact_text(line)) for line in text.split("\n"))


class EscapingFilter(logging.Filter):
    """Rewrites each record's message (and traceback) with its control characters escaped.

    Attach it to handlers (covers every logger) or to loggers (covers the records created by
    that logger only: Python does not run a parent logger's filters for its children).
    """

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a broken format string must not hide the record
            message = str(record.msg)
        # Camera stream URLs may carry credentials; whatever logs one, the password stays out.
        cleaned = escape_controls(redact_text(message))
        if cleaned != message or record.args:
            record.msg = cleaned
            record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        # Blocks are escaped once, though the filter may run twice (on a logger and a handler).
        if not getattr(record, "ioc_blocks_escaped", False):
            if record.exc_text:
                record.exc_text = _escape_block(record.exc_text)
            if record.stack_info:
                record.stack_info = _escape_block(record.stack_info)
            record.ioc_blocks_escaped = True
        return True


_FILTER = EscapingFilter()


def protect(target: logging.Logger | logging.Handler) -> None:
    """Attach the shared escaping filter to a logger or handler once."""
    if _FILTER not in target.filters:
        target.addFilter(_FILTER)


def safe_logger(name: str) -> logging.Logger:
    """A logger whose records are escaped even when the host process (the console) owns the handlers."""
    logger = logging.getLogger(name)
    protect(logger)
    return logger
