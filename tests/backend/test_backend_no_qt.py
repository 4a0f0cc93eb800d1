"""The backend must run where no Qt exists: importing every module pulls in no Qt binding."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = r"""
import importlib, pkgutil, sys
import ioc_backend
names = [m.name for m in pkgutil.walk_packages(ioc_backend.__path__, "ioc_backend.")]
for name in names:
    importlib.import_module(name)
QT = {"PySide6", "PySide2", "PyQt5", "PyQt6", "shiboken6", "shiboken2"}
qt = sorted(m for m in sys.modules if m.split(".")[0] in QT)
print(len(names))
print(",".join(qt))
"""


def test_no_backend_module_imports_qt() -> None:
    out = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=120, check=True)
    count, qt = out.stdout.splitlines()
    assert int(count) >= 25  # every module was actually imported
    assert qt == "", f"Qt modules imported: {qt}"
