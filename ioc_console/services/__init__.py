"""ioc_console/services."""
