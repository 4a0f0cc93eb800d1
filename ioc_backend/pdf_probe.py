"""Opens an uploaded PDF with a PDF parser in a separate, bounded process.

Run as ``python -m ioc_backend.pdf_probe`` with the file on stdin; prints one JSON line. A
hostile file (a reference loop, a decompression bomb, a page tree of millions of nodes) can
then only exhaust this short-lived process's time and memory, never the server's: the child
has an address-space and CPU limit, and the server kills it at its deadline.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import threading

CHECK_SECONDS = 15.0
CHECK_MEMORY_BYTES = 1024 * 1024 * 1024
MAX_PAGES = 20_000
# Parsers at once: uploads are rare; a burst queues instead of starting a process each.
_RUNNING = threading.BoundedSemaphore(2)


def problem_of(content: bytes) -> str | None:
    """What makes ``content`` no readable PDF, in words for the uploader, or None if it reads."""
    from pypdf import PdfReader
    from pypdf.errors import FileNotDecryptedError, PyPdfError

    try:
        reader = PdfReader(io.BytesIO(content), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            return "the PDF is protected by a password; upload it without the password"
        count = len(reader.pages)
        if count == 0:
            return "the PDF has no pages"
        if count > MAX_PAGES:
            return f"the PDF has {count} pages; at most {MAX_PAGES} are allowed"
        for page in reader.pages:
            _ = page.mediabox  # every page object must resolve
    except FileNotDecryptedError:
        return "the PDF is protected by a password; upload it without the password"
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError) as exc:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return f"the file is not a readable PDF ({reason[:200]})"
    return None


def check_pdf_structure(content: bytes, timeout: float = CHECK_SECONDS) -> None:
    """ValueError naming the problem unless a PDF parser opens ``content`` within the time and memory bounds."""
    with _RUNNING:
        try:
            done = subprocess.run(
                [sys.executable, "-m", "ioc_backend.pdf_probe"],
                input=content,
                capture_output=True,
                timeout=timeout,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise ValueError(
                f"the PDF could not be read within {timeout:g} s; it is malformed or too complex"
            ) from None
    try:
        answer = json.loads(done.stdout.decode("utf-8").strip().splitlines()[-1])
    except (ValueError, IndexError):
        # Killed by its limits (MemoryError, SIGKILL from RLIMIT_CPU) before it could answer.
        raise ValueError(
            "the PDF could not be read within the memory and time limits; it is malformed or too complex"
        ) from None
    if answer.get("problem"):
        raise ValueError(answer["problem"])


def _limit_resources() -> None:
    try:
        import resource
    except ImportError:  # not on Windows: the deadline still bounds the time
        return
    resource.setrlimit(resource.RLIMIT_AS, (CHECK_MEMORY_BYTES, CHECK_MEMORY_BYTES))
    seconds = int(CHECK_SECONDS) + 1
    resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds))


def main() -> int:
    _limit_resources()
    content = sys.stdin.buffer.read()
    try:
        problem = problem_of(content)
    except MemoryError:
        problem = "the PDF needs more memory to read than is allowed; it is malformed or too complex"
    sys.stdout.write(json.dumps({"problem": problem}) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
