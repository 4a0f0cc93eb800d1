"""Login throttling (on a fake clock) and the bound on concurrent password hashes, in process."""

from __future__ import annotations

import threading
import time
import warnings
from collections.abc import Callable, Iterator
from typing import Any

import pytest

with warnings.catch_warnings():
    # Starlette warns that its TestClient will move from httpx to httpx2; irrelevant here.
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from ioc_backend import security
from ioc_backend.api.app import create_app
from ioc_backend.context import AppContext
from ioc_backend.db.engine import Database
from ioc_backend.db.migrate import upgrade_database
from ioc_backend.db.users import create_user
from ioc_backend.security import HashGate
from ioc_backend.settings import Settings
from ioc_backend.throttle import FORGET_AFTER, LoginThrottle

PASSWORD = "hue-operator-pass"
LOGIN = "/api/v1/auth/login"


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(scope="module")
def database(tmp_path_factory) -> Iterator[Database]:
    db = Database(f"sqlite:///{tmp_path_factory.mktemp('limits') / 'limits.sqlite3'}")
    upgrade_database(db)
    with db.write() as session:
        create_user(session, "operator", PASSWORD, "operator")
    yield db
    db.dispose()


@pytest.fixture()
def make_client(database: Database) -> Iterator[Callable[..., tuple[TestClient, AppContext]]]:
    """An in-process app on the shared database; ``throttle``/``gate`` replace the defaults."""
    opened: list[TestClient] = []

    def make(throttle: LoginThrottle | None = None, gate: HashGate | None = None) -> tuple[TestClient, AppContext]:
        ctx = AppContext(settings=Settings(db_url=database.url), db=database)
        if throttle is not None:
            ctx.login_throttle = throttle
        if gate is not None:
            ctx.hash_gate = gate
        client = TestClient(create_app(ctx))
        client.__enter__()
        opened.append(client)
        return client, ctx

    yield make
    for client in opened:
        client.__exit__(None, None, None)


def login(client: TestClient, username: str, password: str) -> Any:
    return client.post(LOGIN, json={"username": username, "password": password})


@pytest.fixture()
def counted_hashes(monkeypatch) -> list[int]:
    """Counts the password hashes each login runs (the real hash still runs)."""
    calls: list[int] = []
    real = security.verify_password

    def counting(password_hash: str | None, password: str) -> bool:
        calls.append(1)
        return real(password_hash, password)

    monkeypatch.setattr(security, "verify_password", counting)
    return calls


def test_five_failures_then_doubling_waits_and_a_success_resets(make_client) -> None:
    clock = FakeClock()
    client, _ = make_client(LoginThrottle(address_free_attempts=1000, clock=clock))
    for _ in range(5):
        assert login(client, "operator", "wrong").status_code == 401
    refused = login(client, "operator", PASSWORD)  # even the right password waits
    assert refused.status_code == 429
    assert refused.json()["error"]["code"] == "too_many_attempts"
    assert refused.headers["Retry-After"] == "1"
    clock.now += 1
    assert login(client, "operator", "wrong").status_code == 401
    assert login(client, "operator", "wrong").headers["Retry-After"] == "2"
    clock.now += 2
    assert login(client, "operator", "wrong").status_code == 401
    assert login(client, "operator", "wrong").headers["Retry-After"] == "4"
    clock.now += 4
    assert login(client, "operator", PASSWORD).status_code == 200
    # The success cleared the account's count: five free failures again.
    for _ in range(5):
        assert login(client, "operator", "wrong").status_code == 401
    assert login(client, "operator", "wrong").status_code == 429


def test_unknown_and_known_names_get_the_same_answers_and_hashes(make_client, counted_hashes) -> None:
    def walk(username: str) -> list[tuple[int, Any, str | None, int]]:
        clock = FakeClock()
        client, _ = make_client(LoginThrottle(address_free_attempts=1000, clock=clock))
        seen = []
        for step in range(9):
            before = len(counted_hashes)
            r = login(client, username, "wrong")
            seen.append((r.status_code, r.json(), r.headers.get("Retry-After"), len(counted_hashes) - before))
            if step == 6:
                clock.now += 1
        return seen

    known, unknown = walk("operator"), walk("nobody")
    assert known == unknown
    assert [s[0] for s in known] == [401] * 5 + [429, 429, 401, 429]
    # Every answered attempt cost one hash, every refused one none, for either name.
    assert [s[3] for s in known] == [1] * 5 + [0, 0, 1, 0]


def test_one_address_spraying_names_is_throttled(make_client) -> None:
    clock = FakeClock()
    client, _ = make_client(LoginThrottle(address_free_attempts=3, clock=clock))
    for name in ("a1", "a2", "a3"):
        assert login(client, name, "wrong").status_code == 401
    sprayed = login(client, "a4", "wrong")
    assert sprayed.status_code == 429 and sprayed.headers["Retry-After"] == "1"
    assert login(client, "operator", PASSWORD).status_code == 429  # the address waits, whoever it is
    clock.now += 1
    assert login(client, "operator", PASSWORD).status_code == 200
    # The success did not clear the address's count: its next failure waits longer.
    assert login(client, "a5", "wrong").status_code == 401
    assert login(client, "a6", "wrong").headers["Retry-After"] == "2"


def test_failures_are_forgotten_and_the_tables_stay_bounded() -> None:
    clock = FakeClock()
    throttle = LoginThrottle(max_keys=50, clock=clock)
    for _ in range(5):
        throttle.failed("operator", "10.0.0.1")
    assert throttle.retry_after("operator", "10.0.0.9") == 1
    clock.now += FORGET_AFTER
    assert throttle.retry_after("operator", "10.0.0.9") == 0
    for i in range(1000):
        throttle.failed(f"name-{i}", f"10.1.{i // 256}.{i % 256}")
    assert throttle.size() == (50, 50)


class BlockingHashes:
    """Stands in for the hash: counts how many run at once and holds them until released."""

    def __init__(self) -> None:
        self.running = 0
        self.most = 0
        self.release = threading.Event()
        self._lock = threading.Lock()

    def __call__(self, password_hash: str | None, password: str) -> bool:
        with self._lock:
            self.running += 1
            self.most = max(self.most, self.running)
        try:
            self.release.wait(30)
            return False
        finally:
            with self._lock:
                self.running -= 1


def wait_for(condition: Callable[[], bool]) -> None:
    deadline = time.monotonic() + 20
    while not condition():
        assert time.monotonic() < deadline, "condition not reached in time"
        time.sleep(0.01)


def burst(client: TestClient, count: int) -> tuple[list[threading.Thread], list[Any]]:
    answers: list[Any] = []
    threads = [
        threading.Thread(target=lambda i=i: answers.append(login(client, f"user-{i}", "wrong")), name=f"login-{i}")
        for i in range(count)
    ]
    for thread in threads:
        thread.start()
    return threads, answers


def test_at_most_the_gate_slots_hash_at_once(make_client, monkeypatch) -> None:
    hashes = BlockingHashes()
    monkeypatch.setattr(security, "verify_password", hashes)
    gate = HashGate(2, queue=20, wait=60)
    client, _ = make_client(LoginThrottle(address_free_attempts=1000), gate)
    threads, answers = burst(client, 8)
    try:
        wait_for(lambda: gate.inside == 8 and hashes.running == 2)  # six queued behind two
        assert hashes.most == 2
    finally:
        hashes.release.set()
        for thread in threads:
            thread.join(30)
    assert hashes.most == 2
    assert sorted(r.status_code for r in answers) == [401] * 8


def test_a_login_past_the_deadline_answers_busy_with_retry_after(make_client, monkeypatch) -> None:
    hashes = BlockingHashes()
    monkeypatch.setattr(security, "verify_password", hashes)
    gate = HashGate(1, wait=0.2)
    client, _ = make_client(LoginThrottle(address_free_attempts=1000), gate)
    threads, answers = burst(client, 1)
    try:
        wait_for(lambda: hashes.running == 1)
        busy = login(client, "operator", PASSWORD)  # waits for the one slot, then gives up
        assert busy.status_code == 503
        assert busy.json()["error"]["code"] == "busy"
        assert busy.headers["Retry-After"] == "1"
        assert gate.inside == 1  # the waiter is gone; only the blocked hash is left
    finally:
        hashes.release.set()
        for thread in threads:
            thread.join(30)
    assert [r.status_code for r in answers] == [401]
    # A refusal for load is not a failed sign-in: the account can sign in at once.
    monkeypatch.undo()
    assert login(client, "operator", PASSWORD).status_code == 200


def test_a_waiter_past_the_deadline_is_refused() -> None:
    gate = HashGate(1, queue=4, wait=0.05)
    with gate.slot():
        with pytest.raises(security.HashBusy):
            gate.verify(None, "x")
    assert gate.inside == 0
