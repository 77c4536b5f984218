"""Entry point for `python -m geo`."""

import sys

from geo.cli.commands import main

sys.exit(main())
