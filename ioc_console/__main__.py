"""Allow ``python -m ioc_console``."""

import sys

from ioc_console.shell.cli import main

sys.exit(main())
