"""Reference backend of the IOC console: a FastAPI service implementing docs/API.md (no Qt)."""

__version__ = "0.1.0"
