"""Incremental Server-Sent Events parser (WHATWG rules), fed with raw byte chunks."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SseMessage:
    """One dispatched event: ``event`` defaults to "message"; ``id`` is the last-event-id."""

    event: str
    data: str
    id: str | None
    retry: int | None = None


class SseParser:
    """Turns an SSE byte stream into messages, however the bytes are split into chunks.

    Handles LF, CRLF and lone CR line ends (including a CRLF split across two chunks),
    multi-byte UTF-8 split across chunks, comments, multi-line ``data``, ``id`` and
    ``retry`` fields, and a leading byte-order mark.
    """

    def __init__(self) -> None:
        self._buffer = b""
        self._started = False
        self._pending_cr = False  # the previous chunk ended in CR; a following LF belongs to it
        self._event = ""
        self._data: list[str] = []
        self._has_data = False
        self.last_event_id: str | None = None
        self.retry: int | None = None
        self.comments = 0  # heartbeats seen; lets callers tell a live but idle stream

    def feed(self, chunk: bytes) -> list[SseMessage]:
        """Consume ``chunk`` and return the events completed by it (possibly none)."""
        if not chunk:
            return []
        if self._pending_cr:
            self._pending_cr = False
            if chunk.startswith(b"\n"):
                chunk = chunk[1:]
        self._buffer += chunk
        if not self._started:
            if len(self._buffer) < 3 and b"\xef\xbb\xbf".startswith(self._buffer):
                return []  # could still be the start of a BOM
            self._started = True
            if self._buffer.startswith(b"\xef\xbb\xbf"):
                self._buffer = self._buffer[3:]
        messages: list[SseMessage] = []
        while True:
            line, found = self._take_line()
            if not found:
                break
            message = self._process_line(line.decode("utf-8", errors="replace"))
            if message is not None:
                messages.append(message)
        return messages

    def _take_line(self) -> tuple[bytes, bool]:
        buf = self._buffer
        cr = buf.find(b"\r")
        lf = buf.find(b"\n")
        if cr < 0 and lf < 0:
            return b"", False
        if cr >= 0 and (lf < 0 or cr < lf):
            line = buf[:cr]
            if cr + 1 < len(buf):
                rest = buf[cr + 2 :] if buf[cr + 1 : cr + 2] == b"\n" else buf[cr + 1 :]
            else:
                rest = b""
                self._pending_cr = True  # a LF may arrive in the next chunk
            self._buffer = rest
            return line, True
        self._buffer = buf[lf + 1 :]
        return buf[:lf], True

    def _process_line(self, line: str) -> SseMessage | None:
        if line == "":
            return self._dispatch()
        if line.startswith(":"):
            self.comments += 1
            return None
        name, sep, value = line.partition(":")
        if sep and value.startswith(" "):
            value = value[1:]
        if name == "event":
            self._event = value
        elif name == "data":
            self._data.append(value)
            self._has_data = True
        elif name == "id":
            if "\x00" not in value:
                self.last_event_id = value
        elif name == "retry":
            if value.isdigit():
                self.retry = int(value)
        # Any other field name is ignored, as the spec requires.
        return None

    def _dispatch(self) -> SseMessage | None:
        event, data, has_data = self._event, "\n".join(self._data), self._has_data
        self._event, self._data, self._has_data = "", [], False
        if not has_data:
            return None  # a block with no data line dispatches nothing (but its id sticks)
        return SseMessage(event=event or "message", data=data, id=self.last_event_id, retry=self.retry)
