"""``python -m explorer``: the Qt-free command line."""

import sys

from explorer.cli import main

sys.exit(main())
