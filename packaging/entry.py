"""The packaged app's entry point: the same ``infra-explorer`` as the console script.

``freeze_support`` first: the layout's worker process is started by running this very
executable again (multiprocessing's "spawn"), and must become that worker, not a second
app.
"""

import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()
    from ui.launcher import main

    sys.exit(main())
