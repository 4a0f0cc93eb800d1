"""The console's video pipeline: stream sources, shared decoders, health, adaptive stream choice.

Qt-free except ``bridge`` and ``tile_binding`` (import those by their module path): the hub and
the rules are tested and benchmarked without a QApplication.
"""

from ioc_console.services.video.adaptive import MAIN, SUB, OverloadGovernor, StreamChooser, TileLoad
from ioc_console.services.video.decoder import DecoderSettings
from ioc_console.services.video.hub import StreamHub, Subscription
from ioc_console.services.video.sources import (
    AUTO_SCALE,
    CONNECTING,
    LIVE,
    LOST,
    RECONNECTING,
    Frame,
    StreamHealth,
    StreamSource,
    safe_text,
)

__all__ = [
    "AUTO_SCALE",
    "CONNECTING",
    "LIVE",
    "LOST",
    "MAIN",
    "SUB",
    "OverloadGovernor",
    "StreamChooser",
    "TileLoad",
    "RECONNECTING",
    "DecoderSettings",
    "Frame",
    "StreamHealth",
    "StreamHub",
    "StreamSource",
    "Subscription",
    "safe_text",
]
