"""EventStream against the real backend: live delivery, resume, reconnects and resets."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable

from backend_process import start_backend
from client_support import Reply, TcpRelay, port_of
from test_client_transport import grant

from backend_client import Event, EventStream, IocClient

WAIT = 30.0  # upper bound for waits on the backend; never an assertion about speed


class Collector:
    """Gathers what an EventStream reports, with a way to wait for a condition."""

    def __init__(self) -> None:
        self.events: list[Event] = []
        self.states: list[str] = []
        self._cond = threading.Condition()

    def on_event(self, event: Event) -> None:
        with self._cond:
            self.events.append(event)
            self._cond.notify_all()

    def on_state(self, state: str) -> None:
        with self._cond:
            self.states.append(state)
            self._cond.notify_all()

    def wait_for(self, predicate: Callable[[Collector], bool]) -> None:
        with self._cond:
            assert self._cond.wait_for(lambda: predicate(self), WAIT), (self.states, self.events)

    def changes(self) -> list[tuple[str, str, int]]:
        return [(e.change.resource, e.change.id, e.change.seq) for e in self.events if e.change]

    def seqs(self) -> list[int]:
        return [e.change.seq for e in self.events if e.change]


def wait_until(predicate: Callable[[], bool]) -> None:
    """Poll a condition nothing signals (a counter on the stream's thread), up to WAIT seconds."""
    deadline = time.monotonic() + WAIT
    while not predicate():
        assert time.monotonic() < deadline, "condition not reached in time"
        time.sleep(0.02)


def final_cursor(client: IocClient) -> str:
    cursor = "0"
    for batch in client.iter_sync(cursor):
        cursor = batch.cursor
    return cursor


def stream_for(client: IocClient, collector: Collector, **kwargs) -> EventStream:
    options = {"backoff_initial": 0.1, "backoff_max": 0.5}
    options.update(kwargs)
    return EventStream(client, on_event=collector.on_event, on_state=collector.on_state, **options)


def rename(client: IocClient, camera_id: str, suffix: str) -> int:
    """Change a camera and return the version written (one change event)."""
    camera = client.get_camera(camera_id)
    return client.update_camera(camera_id, camera.version, name=camera.name.split(" #")[0] + f" #{suffix}").version


def test_live_changes_then_resume_with_exactly_the_missed_ones(backend, make_client):
    admin = make_client(backend.url, "admin")
    operator = make_client(backend.url, "operator")
    cursor = final_cursor(admin)  # the documented hand-over: sync, then stream from its cursor
    seen = Collector()
    stream = stream_for(admin, seen, last_event_id=cursor)
    stream.start()
    try:
        rename(admin, "cam-0011", "live")
        alert = operator.list_alerts(state="new", limit=1).items[0]
        operator.add_alert_note(alert.id, "theo dõi trực tiếp")
        seen.wait_for(lambda c: len(c.changes()) >= 2)
        assert [(r, i) for r, i, _ in seen.changes()] == [("camera", "cam-0011"), ("alert", str(alert.id))]
        assert seen.events[1].change.model().notes[-1].text == "theo dõi trực tiếp"
        assert stream.last_event_id == str(seen.seqs()[-1])
    finally:
        stream.stop()
    assert not stream.running and seen.states == ["connecting", "connected", "stopped"]

    # While nobody listens, three changes happen.
    resume_from = stream.last_event_id
    rename(admin, "cam-0012", "missed-1")
    rename(admin, "cam-0013", "missed-2")
    rename(admin, "cam-0012", "missed-3")
    missed = Collector()
    resumed = stream_for(admin, missed, last_event_id=resume_from)
    resumed.start()
    try:
        missed.wait_for(lambda c: len(c.changes()) >= 3)
        rename(admin, "cam-0014", "marker")  # proves nothing else was queued before it
        missed.wait_for(lambda c: any(i == "cam-0014" for _, i, _ in c.changes()))
    finally:
        resumed.stop()
    ids = [i for _, i, _ in missed.changes()]
    assert ids == ["cam-0012", "cam-0013", "cam-0012", "cam-0014"]
    assert missed.seqs() == sorted(set(missed.seqs())) and missed.seqs()[0] > int(resume_from)
    assert missed.events[2].change.model().name.endswith("#missed-3")


def test_unknown_event_id_gives_reset(backend, make_client):
    admin = make_client(backend.url, "admin")
    seen = Collector()
    stream = stream_for(admin, seen, last_event_id=str(10**12))
    stream.start()
    try:
        seen.wait_for(lambda c: c.events)
    finally:
        stream.stop()
    assert seen.events[0].type == "reset" and seen.events[0].change is None
    assert seen.events[0].data["reason"] in ("unknown_event_id", "history_expired")


def test_stop_from_inside_the_callback(backend, make_client):
    admin = make_client(backend.url, "admin")
    holder: dict[str, EventStream] = {}
    seen = Collector()

    def stop_on_first(event: Event) -> None:
        seen.on_event(event)
        holder["stream"].stop()  # must not deadlock joining its own thread

    holder["stream"] = stream = EventStream(
        admin, last_event_id=str(10**12), on_event=stop_on_first, on_state=seen.on_state
    )
    stream.start()
    seen.wait_for(lambda c: "stopped" in c.states)
    stream.stop()
    assert not stream.running and len(seen.events) == 1


def test_stream_rides_out_token_expiry(short_token_backend, make_client):
    # The backend ends a stream when its access token expires (every 2 s here); the
    # stream must refresh the token and resume from Last-Event-ID without losing changes.
    admin = make_client(short_token_backend.url, "admin")
    writer = make_client(short_token_backend.url, "admin")
    seen = Collector()
    stream = stream_for(admin, seen, last_event_id=final_cursor(admin), read_timeout=5.0)
    stream.start()
    try:
        written = []
        for i in range(8):
            rename(writer, "cam-0021", f"ttl-{i}")
            written.append(i)
            if i in (2, 5):
                # Let the token expire under the stream: write on only once it has reconnected
                # (an event, not a timer, says when the expiry has happened).
                reconnects = stream.connections
                wait_until(lambda n=reconnects: stream.connections > n)
        seen.wait_for(lambda c: len(c.changes()) >= len(written))
    finally:
        stream.stop()
    names = [e.change.model().name.rsplit("#", 1)[1] for e in seen.events if e.change]
    assert names == [f"ttl-{i}" for i in written]  # each once, in order
    assert stream.connections >= 3  # the server ended the stream at each expiry
    # ...and the stream renewed its token and reconnected without telling anyone it was down.
    assert "reconnecting" not in seen.states


def test_dead_connection_is_detected_by_read_timeout(short_token_backend, make_client, tcp_relay):
    relay: TcpRelay = tcp_relay(port_of(short_token_backend.url))
    admin = make_client(relay.url, "admin")
    writer = make_client(short_token_backend.url, "admin")
    seen = Collector()
    # Heartbeats arrive every 0.3 s, so 1 s of silence means the connection is dead.
    stream = stream_for(admin, seen, last_event_id=final_cursor(writer), read_timeout=1.0)
    stream.start()
    try:
        seen.wait_for(lambda c: "connected" in c.states)
        rename(writer, "cam-0022", "before-freeze")
        seen.wait_for(lambda c: len(c.changes()) >= 1)
        accepted = relay.connections_accepted
        relay.freeze()  # the peer goes silent without closing anything
        rename(writer, "cam-0022", "during-freeze")
        seen.wait_for(lambda c: len(c.changes()) >= 2)
    finally:
        stream.stop()
    assert relay.connections_accepted > accepted
    assert [e.change.model().name.rsplit("#", 1)[1] for e in seen.events if e.change] == [
        "before-freeze",
        "during-freeze",
    ]


def test_stream_survives_backend_restart(tmp_path, make_client, tcp_relay):
    first = start_backend(tmp_path)
    second = None
    relay = tcp_relay(port_of(first.url))
    try:
        listener = make_client(relay.url, "admin")
        seen = Collector()
        stream = stream_for(listener, seen, last_event_id=final_cursor(make_client(first.url, "admin")))
        stream.start()
        try:
            rename(make_client(first.url, "admin"), "cam-0031", "before-restart")
            seen.wait_for(lambda c: len(c.changes()) >= 1)

            # The backend goes away: connections drop and nothing answers for a while.
            with __import__("socket").socket() as probe:
                probe.bind(("127.0.0.1", 0))
                dead_port = probe.getsockname()[1]
            relay.retarget(dead_port)
            relay.cut()
            seen.wait_for(lambda c: c.states[-1] == "reconnecting")
            first.stop()
            # Same database, new process (with a short event retention to test resets below).
            second = start_backend(tmp_path, db_path=first.db_path, extra_args=["--event-retention", "10"])
            # A change made while the stream is still disconnected must arrive by replay.
            rename(make_client(second.url, "admin"), "cam-0031", "while-down")
            relay.retarget(port_of(second.url))
            seen.wait_for(lambda c: len(c.changes()) >= 2)
            rename(make_client(second.url, "admin"), "cam-0031", "after-restart")
            seen.wait_for(lambda c: len(c.changes()) >= 3)
        finally:
            stream.stop()
        names = [e.change.model().name.rsplit("#", 1)[1] for e in seen.events if e.change]
        assert names == ["before-restart", "while-down", "after-restart"]
        assert seen.states[:2] == ["connecting", "connected"] and seen.states[-1] == "stopped"
        assert seen.states.count("connected") >= 2

        # A client that was away longer than the retained history is told to resync.
        stale = Collector()
        old = stream_for(make_client(second.url, "admin"), stale, last_event_id="1")
        old.start()
        try:
            stale.wait_for(lambda c: c.events)
        finally:
            old.stop()
        assert stale.events[0].type == "reset" and stale.events[0].data == {"reason": "history_expired"}
    finally:
        first.stop()
        if second is not None:
            second.stop()


# ------------------------------------------------------------------ scripted SSE servers
def sse_route(connections: list[Callable], release: threading.Event):
    """Route: login always works; the n-th /events connection is served by connections[n]."""
    served = {"n": 0}

    def route(req):
        if req.path == "/api/v1/auth/login":
            return Reply(200, grant())
        if req.path.startswith("/api/v1/events"):
            writer = connections[min(served["n"], len(connections) - 1)]
            served["n"] += 1

            def respond(handler):
                handler.wfile.write(
                    b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
                    b"Cache-Control: no-cache\r\nConnection: close\r\n\r\n"
                )
                handler.wfile.flush()
                writer(handler.wfile, release)

            return respond
        return Reply(404, {"error": {"code": "not_found", "message": "no"}})

    return route


def change_event(seq: int, terminator: bytes = b"\n") -> bytes:
    payload = json.dumps({"seq": seq, "resource": "task", "id": str(seq), "op": "delete", "data": None})
    lines = [f"id: {seq}", "event: change", f"data: {payload}", ""]
    return terminator.join(line.encode() for line in lines) + terminator


def dribble(wfile, data: bytes, size: int = 3) -> None:
    # Small writes with pauses so the client really receives events split across reads.
    for i in range(0, len(data), size):
        wfile.write(data[i : i + size])
        wfile.flush()
        time.sleep(0.002)


def test_reconnect_sends_last_event_id_after_server_closes(scripted_server, make_client):
    release = threading.Event()

    def first(wfile, release):
        dribble(wfile, b": hello\n\n" + change_event(1) + change_event(2, b"\r\n"))
        # ...then the server closes the connection (end of handler).

    def second(wfile, release):
        wfile.write(b"retry: 100\n" + change_event(3, b"\r"))
        wfile.flush()
        release.wait(WAIT)  # stays open and silent until the test is done

    server = scripted_server(sse_route([first, second], release))
    client = make_client(server.url, "operator")
    seen = Collector()
    failing_once = {"armed": True}

    def on_event(event: Event) -> None:
        seen.on_event(event)
        if failing_once.pop("armed", False):
            raise RuntimeError("a buggy consumer must not kill the stream")

    stream = EventStream(client, on_event=on_event, on_state=seen.on_state, backoff_initial=0.05)
    stream.start()
    try:
        seen.wait_for(lambda c: len(c.events) >= 3)
    finally:
        stream.stop()  # the second connection is idle: stop must interrupt the blocked read
        release.set()
    assert not stream.running
    assert seen.seqs() == [1, 2, 3] and stream.last_event_id == "3"
    event_requests = [r for r in server.requests if r.path.startswith("/api/v1/events")]
    assert "Last-Event-ID" not in event_requests[0].headers
    assert event_requests[1].headers["Last-Event-ID"] == "2"
    assert event_requests[1].headers["Authorization"] == "Bearer access-1"
    assert seen.states == ["connecting", "connected", "reconnecting", "connected", "stopped"]


def test_malformed_change_event_asks_for_resync(scripted_server, make_client):
    release = threading.Event()

    def bad(wfile, release):
        payload = {
            "seq": 5,
            "resource": "camera",
            "id": "cam-1",
            "op": "upsert",
            "data": {"id": "cam-1", "lat": "north"},
        }
        wfile.write(f"id: 5\nevent: change\ndata: {json.dumps(payload)}\n\n".encode() + change_event(6))
        wfile.write(b"id: 7\nevent: change\ndata: {not json\n\n")
        wfile.flush()
        release.wait(WAIT)

    server = scripted_server(sse_route([bad], release))
    client = make_client(server.url, "operator")
    seen = Collector()
    stream = stream_for(client, seen)
    stream.start()
    try:
        seen.wait_for(lambda c: len(c.events) >= 3)
    finally:
        stream.stop()
        release.set()
    kinds = [(e.type, e.id) for e in seen.events]
    assert kinds == [("reset", "5"), ("change", "6"), ("reset", "7")]
    assert seen.events[0].data["reason"] == "malformed_event" and seen.events[0].data["field"].startswith("data.")
    assert stream.last_event_id == "7"


def test_stream_without_session_waits_for_login(scripted_server, make_client):
    release = threading.Event()

    def quiet(wfile, release):
        release.wait(WAIT)

    server = scripted_server(sse_route([quiet], release))
    client = make_client(server.url)  # not signed in yet
    seen = Collector()
    stream = stream_for(client, seen)
    stream.start()
    try:
        seen.wait_for(lambda c: "reconnecting" in c.states)
        assert not [r for r in server.requests if r.path.startswith("/api/v1/events")]
        client.login("operator", "pw")
        seen.wait_for(lambda c: "connected" in c.states)
    finally:
        stream.stop()
        release.set()
    assert seen.states[-1] == "stopped"


def test_refused_token_on_events_is_refreshed_before_reconnecting(scripted_server, make_client):
    release = threading.Event()
    seen = Collector()

    def route(req):
        if req.path == "/api/v1/auth/login":
            return Reply(200, grant(1))
        if req.path == "/api/v1/auth/refresh":
            return Reply(200, grant(2))
        if req.headers.get("Authorization") != "Bearer access-2":
            return Reply(401, {"error": {"code": "unauthorized", "message": "token revoked"}})

        def respond(handler):
            handler.wfile.write(
                b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\n" + change_event(42)
            )
            handler.wfile.flush()
            release.wait(WAIT)

        return respond

    server = scripted_server(route)
    client = make_client(server.url, "operator")
    stream = stream_for(client, seen)
    stream.start()
    try:
        seen.wait_for(lambda c: c.seqs() == [42])
    finally:
        stream.stop()
        release.set()
    paths = [r.path for r in server.requests]
    assert paths == ["/api/v1/auth/login", "/api/v1/events", "/api/v1/auth/refresh", "/api/v1/events"]
    assert seen.states == ["connecting", "reconnecting", "connected", "stopped"]
