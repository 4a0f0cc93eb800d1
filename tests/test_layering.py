"""The Qt-free layers stay Qt-free: importing all of backend_client/ and ioc_backend/ loads no Qt."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

_PROBE = r"""
import importlib, json, pkgutil, sys
pkg = importlib.import_module(sys.argv[1])
names = [pkg.__name__]
for info in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + "."):
    if info.name.endswith("__main__"):
        continue
    importlib.import_module(info.name)
    names.append(info.name)
qt = sorted(m for m in sys.modules if m.split(".")[0] in {"PySide6", "PyQt5", "PyQt6", "shiboken6", "pyqtgraph"})
print(json.dumps({"modules": names, "qt": qt}))
"""


@pytest.mark.parametrize("package", ["backend_client", "ioc_backend"])
def test_package_imports_no_qt(package):
    out = subprocess.run([sys.executable, "-c", _PROBE, package], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout.strip().splitlines()[-1])
    assert len(report["modules"]) > 1, "the probe imported no modules: it would prove nothing"
    assert report["qt"] == [], f"{package} pulled in Qt: {report['qt']}"


@pytest.mark.parametrize("package", ["backend_client", "ioc_backend"])
def test_package_source_mentions_no_qt_import(package):
    offenders = []
    for path in (ROOT / package).rglob("*.py"):
        for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            stripped = line.strip()
            if stripped.startswith(("import ", "from ")) and any(
                q in stripped for q in ("PySide6", "PyQt", "shiboken", "pyqtgraph")
            ):
                offenders.append(f"{path.relative_to(ROOT)}:{lineno}: {stripped}")
    assert offenders == []


def test_widgets_do_not_know_the_backend():
    """Reusable widgets are handed their models; they never talk HTTP or reach into the app."""
    offenders = []
    for path in (ROOT / "widgets").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for forbidden in (
            "import requests",
            "from backend_client",
            "import backend_client",
            "from ioc_backend",
            "from ioc_console",
            "import ioc_console",
        ):
            if forbidden in text:
                offenders.append(f"{path.relative_to(ROOT)}: {forbidden}")
    assert offenders == []
