"""Refresh ioc_vi.ts / ioc_en.ts from the sources and rebuild the .qm files beside them.

Run ``python resources/translations/update.py`` after changing user-visible strings, fill
new entries with ``pyside6-linguist resources/translations/ioc_vi.ts`` (and ioc_en.ts),
then run it again so the committed .qm files match the .ts (a test checks both).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
SOURCE_DIRS = ("ioc_console", "widgets")  # searched recursively
LANGUAGES = ("vi", "en")


def tool(name: str) -> str:
    beside = Path(sys.executable).parent / name
    return str(beside) if beside.exists() else name


def main() -> int:
    sources = sorted(str(p.relative_to(ROOT)) for d in SOURCE_DIRS for p in (ROOT / d).rglob("*.py"))
    for language in LANGUAGES:
        ts = HERE / f"ioc_{language}.ts"
        # No line numbers: they would churn the .ts on every unrelated edit.
        subprocess.run(
            [tool("pyside6-lupdate"), "-locations", "none", "-no-obsolete", *sources, "-ts", str(ts)],
            cwd=ROOT,
            check=True,
        )
        subprocess.run([tool("pyside6-lrelease"), str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
