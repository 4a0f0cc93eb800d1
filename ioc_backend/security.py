"""Password hashing (Argon2id) and opaque bearer tokens stored only as SHA-256."""

from __future__ import annotations

import hashlib
import os
import secrets
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

_hasher = PasswordHasher()  # argon2-cffi defaults are Argon2id with RFC 9106 low-memory params

# Verified against when the username is unknown, so both failures take the same time.
_DUMMY_HASH = _hasher.hash("ioc-dummy-password-for-timing")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def default_hash_slots() -> int:
    """Hashes at once: one per core, at most 4 (each Argon2id hash holds 64 MiB while it runs)."""
    return max(1, min(4, os.cpu_count() or 1))


class HashBusy(Exception):
    """Every hashing slot stayed taken past the queue deadline, or the queue was full."""


class HashGate:
    """Bounds the Argon2id hashes that run at once, and the requests waiting for one.

    Without it a login flood ran one 64 MiB hash per thread of the server's pool (64 at once
    took the process from 114 MB to 3.8 GB). Waiters hold a pool thread, so their number is
    bounded too: past ``queue`` waiters, or after ``wait`` seconds, the caller gets HashBusy.
    """

    def __init__(self, slots: int | None = None, *, queue: int | None = None, wait: float = 2.0) -> None:
        self.slots = slots or default_hash_slots()
        self.queue = 16 if queue is None else queue
        self.wait = wait
        self._free = threading.Semaphore(self.slots)
        self._inside = 0  # hashing or waiting
        self._lock = threading.Lock()

    @contextmanager
    def slot(self) -> Iterator[None]:
        with self._lock:
            if self._inside >= self.slots + self.queue:
                raise HashBusy
            self._inside += 1
        try:
            if not self._free.acquire(timeout=self.wait):
                raise HashBusy
            try:
                yield
            finally:
                self._free.release()
        finally:
            with self._lock:
                self._inside -= 1

    @property
    def inside(self) -> int:
        """Callers hashing or waiting for a slot right now."""
        with self._lock:
            return self._inside

    def verify(self, password_hash: str | None, password: str) -> bool:
        """verify_password inside a slot (looked up per call, so a test can count hashes); raises HashBusy."""
        with self.slot():
            return verify_password(password_hash, password)


def new_token() -> str:
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()
