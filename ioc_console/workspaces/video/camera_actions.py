"""The wall's camera calls through the client: PTZ commands (real time) and the "snapshot taken" outbox action."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from backend_client import IocClient
from backend_client.api import actions
from ioc_console.workspaces.video.snapshot import SavedSnapshot


def send_ptz(client: IocClient, camera_id: str, body: Mapping[str, Any]) -> Any:
    """One PTZ command now (blocking network: call it on a worker). Never queued: a move
    replayed seconds later would be wrong."""
    options = {k: body[k] for k in ("pan", "tilt", "zoom", "preset") if body.get(k) is not None}
    return client.ptz(camera_id, str(body["action"]), **options)


def snapshot_action(saved: SavedSnapshot) -> actions.Action:
    """The outbox action recording the snapshot in the backend's audit (who, camera, time, hash)."""
    return actions.record_snapshot(saved.camera_id, saved.taken_at, saved.sha256, saved.path.name)
