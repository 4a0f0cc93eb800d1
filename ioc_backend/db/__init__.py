"""Storage: engine and sessions, ORM models, the single write path, payloads, maintenance, migrations."""
