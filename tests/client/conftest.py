"""Fixtures for the client tests; plain helpers live in tests/client_support.py and tests/sync_engine_support.py."""

from __future__ import annotations

import ssl
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from backend_process import DEMO_PASSWORDS, BackendProcess, start_backend
from client_support import FAST, ScriptedServer, SeenRequest, TcpRelay

from backend_client import IocClient


@pytest.fixture()
def make_client() -> Iterator[Callable[..., IocClient]]:
    """Factory: ``make_client(url, role=None, **kwargs)``; clients are closed afterwards."""
    clients: list[IocClient] = []

    def factory(url: str, role: str | None = None, **kwargs: Any) -> IocClient:
        options = dict(FAST)
        options.update(kwargs)
        client = IocClient(url, **options)
        clients.append(client)
        if role is not None:
            client.login(role, DEMO_PASSWORDS[role])
        return client

    yield factory
    for client in clients:
        client.close()


@pytest.fixture()
def scripted_server() -> Iterator[Callable[[Callable[[SeenRequest], Any]], ScriptedServer]]:
    """Factory for real loopback HTTP servers answering from a route function."""
    servers: list[ScriptedServer] = []

    def start(route: Callable[[SeenRequest], Any], tls: ssl.SSLContext | None = None) -> ScriptedServer:
        server = ScriptedServer(route, tls)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


@pytest.fixture()
def tcp_relay() -> Iterator[Callable[[int], TcpRelay]]:
    """Factory for TCP relays in front of a backend port (cut/freeze/retarget on demand)."""
    relays: list[TcpRelay] = []

    def start(target_port: int) -> TcpRelay:
        relay = TcpRelay(target_port)
        relays.append(relay)
        return relay

    yield start
    for relay in relays:
        relay.stop()


@pytest.fixture(scope="session")
def short_token_backend(tmp_path_factory) -> Iterator[BackendProcess]:
    """A backend with 2 s access tokens and a 0.3 s SSE heartbeat (refresh and liveness tests)."""
    proc = start_backend(tmp_path_factory.mktemp("short-ttl"), extra_args=["--access-ttl", "2", "--heartbeat", "0.3"])
    yield proc
    proc.stop()
