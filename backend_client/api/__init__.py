"""backend_client/api."""
