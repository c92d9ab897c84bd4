"""govwatch's exit codes: the one definition (the README's exit-code table lists them).

A cron job or a supervisor tells outcomes apart by these numbers alone.
"""

from __future__ import annotations

import signal

EXIT_OK = 0
# crawl: some source failed (the others were stored); digest: a delivery failed
EXIT_FAILED = 1
EXIT_SOURCE_FAILED = EXIT_FAILED
EXIT_DELIVERY = EXIT_FAILED
EXIT_USAGE = 2        # bad options, a bad config file or query: nothing was done
EXIT_DATABASE = 3     # the database cannot be used (damaged, foreign, newer, read-only)
EXIT_LOCKED = 4       # another govwatch holds the sources' locks
# Stopped by a signal: 128 + the signal's number, as a shell reports a process it killed.
EXIT_SIGINT = 128 + signal.SIGINT    # 130
EXIT_SIGTERM = 128 + signal.SIGTERM  # 143
