"""ioc_console/shell."""
