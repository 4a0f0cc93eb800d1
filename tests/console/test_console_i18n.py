"""Translations: complete for every source string, compiled files current, switchable at runtime."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from ioc_console.services.i18n import TRANSLATIONS_DIR

ROOT = Path(__file__).resolve().parents[2]
SOURCE_DIRS = ("ioc_console", "widgets")


def _tool(name: str) -> str:
    beside_python = Path(sys.executable).parent / name
    found = str(beside_python) if beside_python.exists() else shutil.which(name)
    if not found:
        pytest.fail(f"{name} not found (it ships with PySide6)")
    return found


def _messages(ts_path: Path) -> dict[tuple[str, str], ET.Element]:
    root = ET.parse(ts_path).getroot()
    return {
        (ctx.findtext("name"), msg.findtext("source")): msg.find("translation")
        for ctx in root.iter("context")
        for msg in ctx.iter("message")
    }


def test_every_source_string_is_translated_to_vietnamese(tmp_path):
    sources = sorted(str(p.relative_to(ROOT)) for d in SOURCE_DIRS for p in (ROOT / d).rglob("*.py"))
    fresh = tmp_path / "fresh.ts"
    subprocess.run(
        [_tool("pyside6-lupdate"), "-locations", "none", *sources, "-ts", str(fresh)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    wanted = _messages(fresh)
    assert len(wanted) > 50  # lupdate really found the strings
    for language in ("vi", "en"):
        have = _messages(TRANSLATIONS_DIR / f"ioc_{language}.ts")
        missing = sorted(k for k in wanted if k not in have)
        unfinished = sorted(
            k
            for k in wanted
            if k in have
            and (have[k].get("type") in ("unfinished", "obsolete", "vanished") or not (have[k].text or "").strip())
        )
        assert missing == [], f"ioc_{language}.ts lacks: {missing}"
        assert unfinished == [], f"ioc_{language}.ts has unfinished: {unfinished}"
    vi = _messages(TRANSLATIONS_DIR / "ioc_vi.ts")
    assert vi[("ConnectionIndicator", "Unstable")].text == "Chập chờn"


@pytest.mark.parametrize("language", ["vi", "en"])
def test_committed_qm_matches_a_fresh_lrelease(tmp_path, language):
    out = tmp_path / f"ioc_{language}.qm"
    subprocess.run(
        [_tool("pyside6-lrelease"), str(TRANSLATIONS_DIR / f"ioc_{language}.ts"), "-qm", str(out)],
        check=True,
        capture_output=True,
    )
    committed = TRANSLATIONS_DIR / f"ioc_{language}.qm"
    assert committed.read_bytes() == out.read_bytes(), (
        f"{committed.name} is stale: run pyside6-lrelease on {committed.with_suffix('.ts').name}"
    )
