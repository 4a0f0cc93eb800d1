"""ioc_console/workspaces/events."""
