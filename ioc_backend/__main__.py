"""Entry point for ``python -m ioc_backend``."""

from ioc_backend.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
