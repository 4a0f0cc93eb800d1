"""Password hashing (Argon2id) and opaque bearer tokens stored only as SHA-256."""

from __future__ import annotations

import hashlib
import os
import secrets
import threading
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager

import anyio
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
    """Hashes at once: half the cores, 1 to 4 (each Argon2id hash holds 64 MiB and a core while it runs;
    the other half of the cores keeps answering the API during a login flood)."""
    return max(1, min(4, (os.cpu_count() or 1) // 2))


class HashBusy(Exception):
    """Every hashing slot stayed taken past the queue deadline, or the queue was full."""


class HashGate:
    """Bounds the Argon2id hashes that run at once, and the requests waiting for one.

    Without it a login flood ran one 64 MiB hash per thread of the server's pool (64 at once
    took the process from 114 MB to 3.8 GB). The login route waits in :meth:`admission`, on
    the event loop, holding no thread: only admitted logins take one (from ``threads``, a pool
    of their own, so /health and the other routes keep theirs); after ``wait`` seconds a waiter
    gets HashBusy. :meth:`slot` bounds direct callers on threads, with at most ``queue`` waiting.
    """

    def __init__(self, slots: int | None = None, *, queue: int | None = None, wait: float = 2.0) -> None:
        self.slots = slots or default_hash_slots()
        self.queue = 16 if queue is None else queue
        self.wait = wait
        self._free = threading.Semaphore(self.slots)
        self._inside = 0  # hashing or waiting on a thread
        self._lock = threading.Lock()
        # Made on the event loop at the first admission (anyio's limiters belong to a loop).
        self._admitted: anyio.CapacityLimiter | None = None
        self.threads: anyio.CapacityLimiter | None = None
        self._waiting = 0  # logins waiting for admission (touched on the event loop only)

    @asynccontextmanager
    async def admission(self) -> AsyncIterator[None]:
        """Wait, as a coroutine, for a hashing slot; raises HashBusy past the queue or the deadline."""
        if self._admitted is None:
            self._admitted = anyio.CapacityLimiter(self.slots)
            self.threads = anyio.CapacityLimiter(self.slots)
        admitted = self._admitted
        # Every waiter waits out the deadline before its 503, however many there are: a coroutine
        # costs no thread and ~1 KB (the connection cap bounds them), and an immediate refusal
        # would only invite a flooding client to hammer the server faster.
        self._waiting += 1
        got = False
        try:
            with anyio.move_on_after(self.wait):
                await admitted.acquire()
                got = True  # no checkpoint after the acquire: the deadline cannot cancel a held token
        finally:
            self._waiting -= 1
        if not got:
            raise HashBusy
        try:
            yield
        finally:
            admitted.release()

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
            return self._inside + self._waiting

    def verify(self, password_hash: str | None, password: str) -> bool:
        """verify_password inside a slot (looked up per call, so a test can count hashes); raises HashBusy."""
        with self.slot():
            return verify_password(password_hash, password)


def new_token() -> str:
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()
