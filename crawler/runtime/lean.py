"""Scrapy components a crawl turns off are not even imported (issue #14).

Scrapy imports every component of its ``*_BASE`` lists before asking it whether it is
enabled, and some import heavy libraries: the remote control imports aiohttp, the
cookies middleware tldextract (with requests and urllib3), the telnet console
twisted.conch: about 0.3 s of a crawl's 0.8 s start-up. :func:`drop_disabled` takes them
out of the lists when their setting turns them off (govwatch's defaults do), which is
what Scrapy would do with them anyway; turning one on (``-s COOKIES_ENABLED=True``)
keeps it.

:func:`import_tls` imports Scrapy's TLS context factory without the cost of its two
deprecated aliases, each of which walks the whole call stack with ``inspect.stack()``
(reading the source of every frame) only to name the module that made it.
"""

from __future__ import annotations

import inspect
import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from scrapy.settings import SETTINGS_PRIORITIES, Settings

# (component list, component, the setting that enables it)
OPTIONAL = (
    ("EXTENSIONS_BASE", "scrapy.extensions.remote_control.RemoteControl", "REMOTE_CONTROL_ENABLED"),
    ("EXTENSIONS_BASE", "scrapy.extensions.telnet.TelnetConsole", "TELNETCONSOLE_ENABLED"),
    ("DOWNLOADER_MIDDLEWARES_BASE", "scrapy.downloadermiddlewares.cookies.CookiesMiddleware",
     "COOKIES_ENABLED"),
)


def drop_disabled(settings: Settings) -> None:
    """Remove from ``settings`` the optional components their settings turn off; and
    unless the log shows INFO lines, the list of library versions Scrapy logs at INFO
    when it starts, which it works out anyway (reading packages' metadata and running
    ``uname``: ~15 ms of a crawl with nothing to do, issue #14)."""
    level = settings.get("LOG_LEVEL")
    number = level if isinstance(level, int) else logging.getLevelName(str(level).upper())
    quiet = isinstance(number, int) and number > logging.INFO  # an unknown level: not quiet
    if quiet and settings.getpriority("LOG_VERSIONS") == SETTINGS_PRIORITIES["default"]:
        settings.set("LOG_VERSIONS", [], priority="project")  # unless a setting asks for it
    for base, path, enabled in OPTIONAL:
        if settings.getbool(enabled):
            continue
        components = settings.getdict(base)
        if path in components:
            del components[path]
            settings.set(base, components, priority="cmdline")


@contextmanager
def shallow_stack() -> Iterator[None]:
    """While inside: ``inspect.stack()`` gives only its caller's frame and the one above,
    without source lines (what ``scrapy.utils.deprecate.create_deprecated_class`` reads)."""
    def two_frames(context: int = 1) -> list[inspect.FrameInfo]:
        frame = sys._getframe(1)
        return [inspect.FrameInfo(f, f.f_code.co_filename, f.f_lineno, f.f_code.co_name, None,
                                  None) for f in (frame, frame.f_back) if f is not None]

    original = inspect.stack
    inspect.stack = two_frames
    try:
        yield
    finally:
        inspect.stack = original


def import_tls() -> None:
    """Import Scrapy's TLS context factory (which every crawl loads) now, cheaply: its
    deprecated aliases walked a stack of ~30 frames, ~40 ms of a crawl's start (issue #14)."""
    if "scrapy.core.downloader.contextfactory" in sys.modules:
        return
    with shallow_stack():
        import scrapy.core.downloader.contextfactory  # noqa: F401
