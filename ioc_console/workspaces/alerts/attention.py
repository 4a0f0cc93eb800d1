"""Getting the operator's attention when a critical alert arrives: a chime (QSoundEffect) and a flash.

The sound is optional hardware: where Qt Multimedia cannot load (no PulseAudio library, an
offscreen CI runner) or there is no audio device, the console stays silent and keeps flashing.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, QUrl
from PySide6.QtWidgets import QWidget

from ioc_console.services.settings import ConsoleSettings

log = logging.getLogger(__name__)

SOUND_PATH = Path(__file__).resolve().parents[3] / "resources" / "sounds" / "critical_alert.wav"
FLASH_TOGGLES = 6  # on/off three times
FLASH_INTERVAL_MS = 250
# A burst of critical alerts rings once, not once per alert.
MIN_RING_INTERVAL_MS = 3000


def _sound_effect(parent: QObject) -> Any:
    """A QSoundEffect on the chime, or None where Qt Multimedia is not usable on this machine."""
    try:
        from PySide6.QtMultimedia import QSoundEffect
    except ImportError as exc:  # the library needs the platform's audio libraries
        log.info("no alert sound: Qt Multimedia is not available (%s)", exc)
        return None
    if not SOUND_PATH.exists():
        log.warning("no alert sound: %s is missing", SOUND_PATH)
        return None
    effect = QSoundEffect(parent)
    effect.setSource(QUrl.fromLocalFile(str(SOUND_PATH)))
    return effect


class Attention(QObject):
    """Rings (unless muted in the settings) and flashes ``flash_widget`` through its ``flash`` style property."""

    def __init__(self, settings: ConsoleSettings, flash_widget: QWidget, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self._flash_widget = flash_widget
        self._effect: Any = None
        self._effect_built = False
        self.rings = 0  # times the chime was asked to play (counted even where there is no device)
        #: True once a ring found no way to play sound on this machine (the operator is told).
        self.silent = False
        self.flashes = 0
        self._toggles_left = 0
        self._flash_timer = QTimer(self)
        self._flash_timer.setInterval(FLASH_INTERVAL_MS)
        self._flash_timer.timeout.connect(self._toggle)
        self._quiet = QTimer(self)
        self._quiet.setSingleShot(True)
        self._quiet.setInterval(MIN_RING_INTERVAL_MS)
        self._set_flash(False)

    def critical_arrived(self) -> None:
        """A new critical alert: ring once per burst and flash."""
        self.flash()
        if not self._quiet.isActive():
            self._quiet.start()
            self.ring()

    def ring(self) -> bool:
        """Play the chime at the volume in the settings; False when muted or there is no sound."""
        if self._settings.alert_sound_muted:
            return False
        self.rings += 1
        if not self._effect_built:
            self._effect_built = True  # built on first use: loading the audio backend takes time
            self._effect = _sound_effect(self)
        if self._effect is None:
            self.silent = True
            return False
        try:
            self._effect.setVolume(self._settings.alert_sound_volume)
            self._effect.play()
        except RuntimeError as exc:  # an audio device that vanished must not take the console down
            log.warning("could not play the alert sound: %s", exc)
            return False
        return True

    def flash(self) -> None:
        self.flashes += 1
        self._toggles_left = FLASH_TOGGLES
        self._set_flash(True)
        self._flash_timer.start()

    def is_flashing(self) -> bool:
        return self._flash_timer.isActive()

    def _toggle(self) -> None:
        self._toggles_left -= 1
        if self._toggles_left <= 0:
            self._flash_timer.stop()
            self._set_flash(False)
            return
        self._set_flash(not self._flash_widget.property("flash"))

    def _set_flash(self, on: bool) -> None:
        widget = self._flash_widget
        widget.setProperty("flash", on)
        # A dynamic property only restyles after a re-polish (dark.qss: [flash="true"]).
        widget.style().unpolish(widget)
        widget.style().polish(widget)
