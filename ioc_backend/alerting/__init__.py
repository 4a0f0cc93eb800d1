"""Alert triage on the backend: history, moves, ingest and bundling, SLA watch, bulk actions, statistics."""
