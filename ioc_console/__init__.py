"""The IOC operator console: a PySide6 desktop application for Huế's operations centre."""

__version__ = "0.1.0"
