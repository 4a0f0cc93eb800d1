"""The console's video pipeline: stream sources, shared decoders, health, adaptive stream choice."""

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
    "RECONNECTING",
    "DecoderSettings",
    "Frame",
    "StreamHealth",
    "StreamHub",
    "StreamSource",
    "Subscription",
    "safe_text",
]
