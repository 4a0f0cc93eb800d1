"""backend_client must stay usable without Qt (backend tools, scripts, other front ends)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_importing_backend_client_loads_no_qt():
    code = (
        "import json, sys; import backend_client, backend_client.sync.live_events, backend_client.api.client; "
        "backend_client.IocClient; "
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('PySide6', 'PyQt5', 'PyQt6', 'shiboken6'))))"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []
