"""The HTTP API: app factory, routes, authentication, errors, idempotency and the API's schemas."""
