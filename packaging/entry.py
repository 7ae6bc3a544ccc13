"""The packaged app's entry point: the same ``infra-explorer`` as the console script.

``freeze_support`` first: the layout's worker process is started by running this very
executable again (multiprocessing's "spawn"), and must become that worker, not a second
app. Likewise the check that a window can open runs this executable again as its probe.
"""

import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()
    from ui.display import probe_if_asked

    probe_if_asked()  # run again to see whether a window can open (ui.display)
    from ui.launcher import main

    sys.exit(main())
