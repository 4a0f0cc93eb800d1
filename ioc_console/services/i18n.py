"""Load the console's translations (Vietnamese by default) and switch language at runtime."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QObject, QTranslator, Signal

from ioc_console.services.settings import DEFAULT_LANGUAGE, SUPPORTED_LANGUAGES

log = logging.getLogger(__name__)

TRANSLATIONS_DIR = Path(__file__).resolve().parents[2] / "resources" / "translations"


def translation_file(language: str) -> Path:
    return TRANSLATIONS_DIR / f"ioc_{language}.qm"


class LanguageManager(QObject):
    """Owns the installed translator. Installing one makes Qt send ``LanguageChange`` to every
    widget, whose ``changeEvent`` re-reads its texts; non-widget objects (models) listen to
    :attr:`language_changed` instead."""

    language_changed = Signal(str)

    def __init__(self, app: QCoreApplication, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._app = app
        self._translator: QTranslator | None = None
        self._language = ""

    def language(self) -> str:
        return self._language

    def set_language(self, language: str) -> None:
        if language not in SUPPORTED_LANGUAGES:
            raise ValueError(f"unsupported language {language!r}; choose one of {SUPPORTED_LANGUAGES}")
        if language == self._language:
            return
        translator = QTranslator(self)
        path = translation_file(language)
        if not translator.load(str(path)):
            raise FileNotFoundError(f"translation file missing or unreadable: {path}")
        if self._translator is not None:
            self._app.removeTranslator(self._translator)
            self._translator.deleteLater()
        self._translator = translator
        self._app.installTranslator(translator)
        self._language = language
        QLocale.setDefault(QLocale("vi_VN" if language == "vi" else "en_GB"))
        log.info("UI language set to %s", language)
        self.language_changed.emit(language)

    def uninstall(self) -> None:
        """Remove this manager's translator (the UI falls back to the English sources)."""
        if self._translator is not None:
            self._app.removeTranslator(self._translator)
            self._translator.deleteLater()
            self._translator = None
            self._language = ""

    def toggle(self) -> str:
        """Switch vi ↔ en; returns the new language."""
        new = "en" if self._language == "vi" else "vi"
        self.set_language(new)
        return new

    @staticmethod
    def default_language() -> str:
        return DEFAULT_LANGUAGE
