"""The Qt-free layers stay Qt-free at run time: importing every module of ioc_domain/, backend_client/ and
ioc_backend/ loads no Qt.

The static rules (which package may import which) are import-linter contracts in pyproject.toml, run by
`lint-imports` in CI; this probe catches what a static graph cannot see (imports made at run time).
"""

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


@pytest.mark.parametrize("package", ["ioc_domain", "backend_client", "ioc_backend"])
def test_package_imports_no_qt(package):
    out = subprocess.run([sys.executable, "-c", _PROBE, package], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout.strip().splitlines()[-1])
    assert len(report["modules"]) > 1, "the probe imported no modules: it would prove nothing"
    assert report["qt"] == [], f"{package} pulled in Qt: {report['qt']}"
