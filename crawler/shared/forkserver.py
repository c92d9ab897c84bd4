"""Imported only into the extraction workers' forkserver (``crawler.shared.workers`` preloads it):
the forkserver and the workers it forks ignore SIGINT and SIGTERM, and give large blocks
of memory back to the OS (crawler.shared.memory).

A signal to the crawl's whole process group (Ctrl-C in a terminal, ``systemctl stop``, the
scheduler stopping a crawl) would otherwise kill them mid-page, breaking the pool under the
crawl process. The crawl process alone decides: it stops taking new pages, lets the pages
in the workers finish, and shuts the pool down (crawler.runtime.run). Never import this module in
the crawl process itself.
"""

import signal

from crawler.shared import memory

signal.signal(signal.SIGINT, signal.SIG_IGN)
signal.signal(signal.SIGTERM, signal.SIG_IGN)

memory.return_large_blocks(memory.WORKERS)  # inherited by the workers when forked
