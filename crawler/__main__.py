"""``python -m crawler``, and the ``govwatch`` command: the command line, started with
Python's cyclic garbage collector off.

Starting a crawl imports Scrapy, Twisted and govwatch's config: some 150,000 objects, none
of them garbage, which the collector walked again and again while they loaded (about 6 %
of a crawl that finds nothing new, issue #14). The ``govwatch`` group turns it back on
before any other command runs (crawler.cli.base), and a crawl once it has started
(crawler.runtime.run). ``python -m crawler.cli`` still works, with the collector on.
"""

import gc


def run() -> None:
    gc.disable()
    from crawler.cli import main

    main()


if __name__ == "__main__":
    run()
