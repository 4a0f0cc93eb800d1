"""Allow ``python -m ioc_console``."""
import sys

from ioc_console.cli import main

sys.exit(main())
