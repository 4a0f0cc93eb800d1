"""backend_client/sync."""
