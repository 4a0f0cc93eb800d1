"""EmbeddedBackend: the same server on a thread inside the calling process (console --demo mode)."""

from __future__ import annotations

import stat
import threading
from pathlib import Path

import pytest
import requests

from ioc_backend.embedded import EmbeddedBackend


def test_embedded_backend_serves_stops_cleanly_and_restarts_on_its_data(tmp_path: Path) -> None:
    data_dir = tmp_path / "console-data"  # as the console's data dir is made: under the usual umask
    data_dir.mkdir()
    data_dir.chmod(0o755)
    db_file = data_dir / "embedded.sqlite3"
    db_url = f"sqlite:///{db_file}"
    backend = EmbeddedBackend(db_url, demo=True, simulator=True)
    url = backend.start()
    try:
        assert url == backend.url and url.startswith("http://127.0.0.1:")
        names = {t.name for t in threading.enumerate()}
        assert {"ioc-backend-server", "ioc-simulator", "ioc-maintenance"} <= names
        with requests.Session() as http:
            assert http.get(f"{url}/api/v1/health", timeout=30).json()["demo"] is True
            token = http.post(
                f"{url}/api/v1/auth/login", json={"username": "leader", "password": "hue-leader"}, timeout=30
            ).json()["access_token"]
            auth = {"Authorization": f"Bearer {token}"}
            cams = http.get(f"{url}/api/v1/cameras", params={"limit": 1}, headers=auth, timeout=30).json()
            assert cams["total"] == 700 and cams["items"][0]["main_stream_url"].startswith(url)
            created = http.post(
                f"{url}/api/v1/tasks",
                headers=auth,
                timeout=30,
                json={"title": "Giữ lại sau khởi động lại", "assignee_unit": "Sở Y tế"},
            )
            assert created.status_code == 201
            # Private files: the demo database holds password hashes and meeting documents.
            assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
            for name in ("embedded.sqlite3", "embedded.sqlite3-wal", "embedded.sqlite3-shm"):
                assert stat.S_IMODE((data_dir / name).stat().st_mode) == 0o600, name
            # An open event stream must not keep stop() waiting.
            events = http.get(f"{url}/api/v1/events", headers=auth, stream=True, timeout=30)
            assert events.status_code == 200
            backend.stop()
            events.close()
    finally:
        backend.stop()
    assert not {t.name for t in threading.enumerate()} & {"ioc-backend-server", "ioc-simulator", "ioc-maintenance"}
    with pytest.raises(requests.ConnectionError):
        requests.get(f"{url}/api/v1/health", timeout=5)

    with EmbeddedBackend(db_url, demo=True, simulator=False) as again:  # not re-seeded, data kept
        token = requests.post(
            f"{again.url}/api/v1/auth/login", json={"username": "leader", "password": "hue-leader"}, timeout=30
        ).json()["access_token"]
        auth = {"Authorization": f"Bearer {token}"}
        task = requests.get(f"{again.url}/api/v1/tasks/{created.json()['id']}", headers=auth, timeout=30).json()
        assert task["title"] == "Giữ lại sau khởi động lại"
        assert (
            requests.get(f"{again.url}/api/v1/cameras", headers=auth, params={"limit": 1}, timeout=30).json()["total"]
            == 700
        )
        assert not any(t.name == "ioc-simulator" for t in threading.enumerate())
