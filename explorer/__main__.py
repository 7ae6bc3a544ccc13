"""``python -m explorer``: the Qt-free command line."""

from explorer.cli import main
from explorer.cli.exits import leave

leave(main(background=True))
