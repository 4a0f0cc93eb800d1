"""The alert workflow applied to stored alerts: moves, history, ingest with bundling, the SLA watch.

Sits between the API routes (and the demo) and the database: it imports ``ioc_backend.db`` and
``ioc_domain`` only, never ``ioc_backend.api``, so the demo and background threads can use it too.
"""
