"""MJPEG over HTTP (multipart/x-mixed-replace): a small socket reader that always yields the newest JPEG."""

from __future__ import annotations

import base64
import socket
import ssl
import threading
from urllib.parse import unquote, urlsplit

from ioc_console.services.video.sources import safe_text

_RECV = 256 * 1024
_MAX_HEADER = 16 * 1024
_MAX_PART = 32 * 1024 * 1024


class StreamError(Exception):
    """A stream that cannot be read; the message is safe to show (no URL, no credentials)."""


class NotMultipart(StreamError):
    """The server answered, but not with MJPEG: the caller may hand the URL to FFmpeg instead."""


class MjpegReader:
    """Reads one MJPEG HTTP stream on the calling (decoder) thread.

    A raw socket rather than an HTTP library: it asks HTTP/1.0 (servers then send the body
    plain, not chunked; chunked is still understood), knows how many bytes are buffered and so
    can skip every part but the newest when the decoder falls behind, and ``close()`` from
    another thread interrupts a blocking read at once. Credentials in the URL become a Basic
    Authorization header; nothing here ever puts the URL into an error message.
    """

    def __init__(self, url: str, *, connect_timeout: float = 5.0, read_timeout: float = 5.0) -> None:
        self._url = url
        self._connect_timeout = connect_timeout
        self._read_timeout = read_timeout
        self._sock: socket.socket | None = None
        self._closed = threading.Event()
        self._buf = bytearray()
        self._raw = bytearray()  # undecoded chunked bytes
        self._chunked = False
        self._chunk_left = 0
        self._eof = False
        self._boundary = b""
        self.skipped = 0  # parts dropped because a newer one was already buffered

    # -- connection ----------------------------------------------------------------------
    def open(self) -> None:
        parts = urlsplit(self._url)
        secure = parts.scheme.lower() == "https"
        host = parts.hostname or ""
        try:
            port = parts.port or (443 if secure else 80)
        except ValueError:
            raise StreamError("the stream URL has an invalid port") from None
        path = parts.path or "/"
        if parts.query:
            path += "?" + parts.query
        try:
            sock = socket.create_connection((host, port), timeout=self._connect_timeout)
        except TimeoutError:
            raise StreamError("connection timed out") from None
        except OSError as exc:
            raise StreamError(_os_error_text(exc)) from None
        if self._closed.is_set():
            sock.close()
            raise StreamError("closed")
        try:
            if secure:
                sock = ssl.create_default_context().wrap_socket(sock, server_hostname=host)
            sock.settimeout(self._read_timeout)
            self._sock = sock
            if self._closed.is_set():  # close() ran while we connected
                raise StreamError("closed")
            host_header = host if ":" not in host else f"[{host}]"
            if parts.port:
                host_header += f":{parts.port}"
            lines = [
                f"GET {path} HTTP/1.0",
                f"Host: {host_header}",
                "User-Agent: ioc-console",
                "Accept: multipart/x-mixed-replace, image/jpeg",
            ]
            if parts.username is not None:
                pair = f"{unquote(parts.username)}:{unquote(parts.password or '')}".encode()
                lines.append("Authorization: Basic " + base64.b64encode(pair).decode("ascii"))
            sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"))
            self._read_response_head()
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        """Close the connection; safe from any thread, wakes a read blocked on the socket."""
        self._closed.set()
        sock = self._sock
        if sock is not None:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            try:
                sock.close()
            except OSError:
                pass

    # -- reading -------------------------------------------------------------------------
    def read(self) -> bytes:
        """The newest complete JPEG: waits for one part, and skips parts a newer one already replaced."""
        newest: bytes | None = None
        while True:
            part = self._take_part()
            if part is not None:
                if newest is not None:
                    self.skipped += 1
                newest = part
                continue
            if newest is not None:
                return newest
            self._fill()

    def _take_part(self) -> bytes | None:
        """One whole part from the buffer, or None when it holds none yet."""
        buf = self._buf
        marker = b"--" + self._boundary
        start = buf.find(marker)
        if start < 0:
            if len(buf) > _MAX_PART:
                raise StreamError("no multipart boundary in the stream")
            return None
        head_end = buf.find(b"\r\n\r\n", start)
        if head_end < 0:
            if len(buf) - start > _MAX_HEADER:
                raise StreamError("malformed multipart headers")
            return None
        headers = _parse_headers(bytes(buf[start + len(marker) : head_end]).split(b"\r\n")[1:])
        body_start = head_end + 4
        length_text = headers.get("content-length")
        if length_text is not None:
            try:
                length = int(length_text)
            except ValueError:
                raise StreamError("malformed multipart part length") from None
            if not 0 <= length <= _MAX_PART:
                raise StreamError("multipart part too large")
            body_end = body_start + length
            if len(buf) < body_end:
                return None
            next_start = body_end
        else:
            body_end = buf.find(b"\r\n" + marker, body_start)
            if body_end < 0:
                if len(buf) - body_start > _MAX_PART:
                    raise StreamError("multipart part too large")
                return None
            next_start = body_end + 2
        body = bytes(buf[body_start:body_end])
        del buf[:next_start]
        return body

    def _fill(self) -> None:
        data = self._recv()
        if not self._chunked:
            self._buf += data
            return
        self._raw += data
        self._dechunk()

    def _recv(self) -> bytes:
        if self._eof:
            raise StreamError("the server ended the stream")
        sock = self._sock
        if sock is None or self._closed.is_set():
            raise StreamError("closed")
        try:
            data = sock.recv(_RECV)
        except TimeoutError:
            raise StreamError("no data from the camera (read timed out)") from None
        except OSError as exc:
            if self._closed.is_set():
                raise StreamError("closed") from None
            raise StreamError(_os_error_text(exc)) from None
        if not data:
            self._eof = True
            raise StreamError("the server ended the stream")
        return data

    def _dechunk(self) -> None:
        raw = self._raw
        while raw:
            if self._chunk_left > 0:
                take = min(self._chunk_left, len(raw))
                self._buf += raw[:take]
                del raw[:take]
                self._chunk_left -= take
                if self._chunk_left == 0:
                    self._chunk_left = -2  # the CRLF after the chunk's data
                continue
            if self._chunk_left < 0:
                take = min(-self._chunk_left, len(raw))
                del raw[:take]
                self._chunk_left += take
                continue
            end = raw.find(b"\r\n")
            if end < 0:
                if len(raw) > 1024:
                    raise StreamError("malformed chunked body")
                return
            try:
                size = int(bytes(raw[:end]).split(b";", 1)[0].strip() or b"x", 16)
            except ValueError:
                raise StreamError("malformed chunked body") from None
            del raw[: end + 2]
            if size == 0:
                self._eof = True
                return
            self._chunk_left = size

    def _read_response_head(self) -> None:
        head = bytearray()
        while True:
            end = head.find(b"\r\n\r\n")
            if end >= 0:
                break
            if len(head) > _MAX_HEADER:
                raise StreamError("the server's response headers are too long")
            head += self._recv()
        lines = bytes(head[:end]).split(b"\r\n")
        rest = head[end + 4 :]
        status_line = lines[0].decode("latin-1", "replace").split(None, 2)
        if len(status_line) < 2 or not status_line[0].startswith("HTTP/"):
            raise NotMultipart("not an HTTP response")
        status = status_line[1]
        headers = _parse_headers(lines[1:])
        if status != "200":
            reason = status_line[2] if len(status_line) > 2 else ""
            raise StreamError(safe_text(f"HTTP {status} {reason}".strip())[:120])
        content_type = headers.get("content-type", "")
        if not content_type.lower().startswith("multipart/"):
            raise NotMultipart(f"not an MJPEG stream ({safe_text(content_type)[:60] or 'no content type'})")
        boundary = ""
        for param in content_type.split(";")[1:]:
            name, _, value = param.strip().partition("=")
            if name.lower() == "boundary":
                boundary = value.strip().strip('"')
        if not boundary:
            raise StreamError("MJPEG stream without a boundary")
        if boundary.startswith("--"):  # some cameras put the dashes in the header already
            boundary = boundary[2:]
        self._boundary = boundary.encode("latin-1")
        self._chunked = "chunked" in headers.get("transfer-encoding", "").lower()
        if self._chunked:
            self._raw += rest
            self._dechunk()
        else:
            self._buf += rest


def _parse_headers(lines: list[bytes]) -> dict[str, str]:
    headers: dict[str, str] = {}
    for line in lines:
        name, sep, value = line.decode("latin-1", "replace").partition(":")
        if sep:
            headers[name.strip().lower()] = value.strip()
    return headers


def _os_error_text(exc: OSError) -> str:
    # strerror never holds the URL; str(exc) of some errors (gaierror) may hold the host only.
    if isinstance(exc, socket.gaierror):
        return "unknown host"
    if isinstance(exc, ConnectionRefusedError):
        return "connection refused"
    return safe_text(exc.strerror or type(exc).__name__)
