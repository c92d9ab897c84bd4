"""The ``govwatch`` command: a thin click layer over the crawler's packages.

:mod:`crawler.cli.base` holds the group and the shared options; each other module adds one
group of commands to it (importing it registers them).
"""

from crawler.cli import crawl, data, digest, sources, unattended  # noqa: F401  (registers)
from crawler.cli.base import main

__all__ = ["main"]
