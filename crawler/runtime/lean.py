"""Scrapy components a crawl turns off are not even imported (issue #14).

Scrapy imports every component of its ``*_BASE`` lists before asking it whether it is
enabled, and some import heavy libraries: the remote control imports aiohttp, the
cookies middleware tldextract (with requests and urllib3), the telnet console
twisted.conch: about 0.3 s of a crawl's 0.8 s start-up. :func:`drop_disabled` takes them
out of the lists when their setting turns them off (govwatch's defaults do), which is
what Scrapy would do with them anyway; turning one on (``-s COOKIES_ENABLED=True``)
keeps it.
"""

from __future__ import annotations

from scrapy.settings import Settings

# (component list, component, the setting that enables it)
OPTIONAL = (
    ("EXTENSIONS_BASE", "scrapy.extensions.remote_control.RemoteControl", "REMOTE_CONTROL_ENABLED"),
    ("EXTENSIONS_BASE", "scrapy.extensions.telnet.TelnetConsole", "TELNETCONSOLE_ENABLED"),
    ("DOWNLOADER_MIDDLEWARES_BASE", "scrapy.downloadermiddlewares.cookies.CookiesMiddleware",
     "COOKIES_ENABLED"),
)


def drop_disabled(settings: Settings) -> None:
    """Remove from ``settings`` the optional components their settings turn off."""
    for base, path, enabled in OPTIONAL:
        if settings.getbool(enabled):
            continue
        components = settings.getdict(base)
        if path in components:
            del components[path]
            settings.set(base, components, priority="cmdline")
