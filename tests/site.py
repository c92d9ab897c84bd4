"""A loopback web site for end-to-end crawl tests.

:class:`TestSite` serves ``tests/fixtures/site/`` from a ``ThreadingHTTPServer`` bound to
127.0.0.1 on a free port, in a background thread, and adds what a crawler test needs and
a plain file server lacks:

* **templates**: the placeholders ``{base}`` (this server, ``http://127.0.0.1:PORT``),
  ``{offsite}`` (the same server under the host name ``localhost``, which a crawler must
  treat as another site) and ``{refused}`` (a port on which nothing listens) are filled
  in at request time, so feeds and listings can carry absolute URLs. Byte-exact files
  (the Big5/GBK pages, PDF, PNG) are served untouched. ``TestSite(root=...)`` serves
  another directory the same way.
* **Content-Type** per file suffix, with per-path overrides (:data:`CONTENT_TYPES`), so
  a page can be declared ``charset=big5`` or be mislabelled ``charset=iso-8859-1``.
* **conditional GET**: feeds and sitemaps carry an ETag and a Last-Modified header and
  answer ``If-None-Match`` / ``If-Modified-Since`` with 304.
* **special routes** (:data:`SPECIAL_ROUTES`): 404, 500, a redirect loop, a slow page, an
  oversized page; robots.txt comes from the fixtures directory.
* **a request log** (:attr:`TestSite.requests`) of method, path, Host, headers, arrival
  time and the status answered, which a test inspects and resets.
* **held routes** (:meth:`TestSite.hold`): requests for them wait until
  :meth:`TestSite.release`, so a test can stop a crawl at a known point.

Use it through the ``site`` fixture (tests/conftest.py) or directly::

    with TestSite() as site:
        site.url("/feeds/rss.xml")
"""

from __future__ import annotations

import calendar
import contextlib
import hashlib
import socket
import threading
import time
from dataclasses import dataclass, field
from email.utils import formatdate, parsedate_to_datetime
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "site"

# Content-Type by suffix; a path in CONTENT_TYPES overrides it.
SUFFIX_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".xml": "application/xml; charset=utf-8",
    ".pdf": "application/pdf",
    ".png": "image/png",
}
CONTENT_TYPES = {
    "/feeds/rss.xml": "application/rss+xml; charset=utf-8",
    "/feeds/atom.xml": "application/atom+xml; charset=utf-8",
    "/malformed-feed.xml": "application/rss+xml; charset=utf-8",
    # Big5 bytes, declared as such (tests/encode_fixtures.py writes them).
    "/zh/news/2026/big5-smart-city.html": "text/html; charset=big5",
    # GBK bytes, declared as such.
    "/zh/news/2026/gbk-data-rules.html": "text/html; charset=gbk",
    # UTF-8 bytes with no <meta charset>, mislabelled by the server: the crawler must
    # notice that the bytes are UTF-8 and not believe the header.
    "/zh/news/2026/mislabelled-chatbot.html": "text/html; charset=iso-8859-1",
}
# Paths answered with ETag / Last-Modified and conditional GET (304).
CONDITIONAL = {
    "/feeds/rss.xml",
    "/feeds/atom.xml",
    "/sitemaps/index.xml",
    "/sitemaps/news.xml",
}
# Files served byte for byte, never templated.
RAW_SUFFIXES = {".pdf", ".png"}
RAW_PATHS = {
    "/zh/news/2026/big5-smart-city.html",
    "/zh/news/2026/gbk-data-rules.html",
}
# The Last-Modified of every conditional resource: fixed, so a second run can match it.
LAST_MODIFIED = formatdate(calendar.timegm((2026, 6, 8, 8, 0, 0)), usegmt=True)

SPECIAL_ROUTES = (
    "/status/404",  # 404 Not Found
    "/status/500",  # 500 on every attempt, so retries cannot help
    "/status/503",  # 503 with Retry-After: 7200 (two hours)
    "/redirect-loop",  # 302 to itself
    "/slow",  # answers after `slow_seconds`, longer than the tests' DOWNLOAD_TIMEOUT
    "/big",  # `big_bytes` of HTML, larger than the tests' DOWNLOAD_MAXSIZE
)


@dataclass
class LoggedRequest:
    """One request as the server saw it."""

    method: str
    path: str  # path and query, as sent
    host: str  # the Host header: "127.0.0.1:PORT" or "localhost:PORT"
    headers: dict[str, str]  # header names lower-cased
    status: int = 0  # status answered (0 until decided)
    at: float = field(default_factory=time.time)  # when the request arrived (epoch seconds)

    @property
    def route(self) -> str:
        """The path without its query string."""
        return urlsplit(self.path).path


@dataclass
class TestSite:
    """The loopback site; start with :meth:`start` or use as a context manager."""

    __test__ = False  # not a pytest test class, despite the name

    root: Path = FIXTURES
    slow_seconds: float = 5.0
    big_bytes: int = 300_000
    requests: list[LoggedRequest] = field(default_factory=list)
    port: int = 0
    refused_port: int = 0
    _server: ThreadingHTTPServer | None = None
    _thread: threading.Thread | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _stop: threading.Event = field(default_factory=threading.Event)
    _held: frozenset[str] = frozenset()
    _released: threading.Event = field(default_factory=threading.Event)

    # --- lifecycle --------------------------------------------------------------------

    def start(self) -> TestSite:
        site = self

        class Handler(_Handler):
            pass

        Handler.site = site
        self._server = _Server(("127.0.0.1", 0), Handler)
        self.port = self._server.server_address[1]
        self.refused_port = closed_port()
        self._thread = threading.Thread(target=self._server.serve_forever,
                                        name="test-site", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> TestSite:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # --- addresses --------------------------------------------------------------------

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def offsite_base(self) -> str:
        """The same server under another host name: another site to a crawler."""
        return f"http://localhost:{self.port}"

    @property
    def refused_base(self) -> str:
        return f"http://127.0.0.1:{self.refused_port}"

    def url(self, path: str) -> str:
        return self.base + path

    def _placeholders(self) -> dict[str, str]:
        return {"{base}": self.base, "{offsite}": self.offsite_base,
                "{refused}": self.refused_base}

    def fill(self, text: str) -> str:
        """Replace the {base}, {offsite} and {refused} placeholders in ``text``."""
        for placeholder, value in self._placeholders().items():
            text = text.replace(placeholder, value)
        return text

    # --- request log ------------------------------------------------------------------

    def reset_log(self) -> None:
        with self._lock:
            self.requests.clear()

    def log_snapshot(self) -> list[LoggedRequest]:
        with self._lock:
            return list(self.requests)

    def _log(self, entry: LoggedRequest) -> None:
        with self._lock:
            self.requests.append(entry)

    # --- held routes ------------------------------------------------------------------

    def hold(self, *routes: str) -> None:
        """Make requests for ``routes`` wait (answering nothing) until :meth:`release`."""
        self._released.clear()
        self._held = frozenset(routes)

    def release(self) -> None:
        self._held = frozenset()
        self._released.set()

    def _wait_if_held(self, route: str) -> None:
        while route in self._held and not self._stop.is_set():
            self._released.wait(0.05)

    # --- sources.toml -----------------------------------------------------------------

    def write_sources(self, directory: Path, sources: str | list[dict[str, Any]],
                      name: str = "sources.toml") -> Path:
        """Write a sources file into ``directory`` and return its path.

        ``sources`` is TOML text or a list of ``[[source]]`` tables as dicts; either way
        the {base}/{offsite}/{refused} placeholders are filled in.
        """
        text = sources if isinstance(sources, str) else sources_toml(sources)
        path = Path(directory) / name
        path.write_text(self.fill(text), encoding="utf-8")
        return path

    # --- responses --------------------------------------------------------------------

    def resource(self, route: str) -> tuple[bytes, str] | None:
        """(body, content type) of a fixture file, templated; None when there is none."""
        relative = route.lstrip("/")
        if relative == "" or relative.endswith("/"):
            relative += "index.html"
        path = (self.root / relative).resolve()
        if self.root.resolve() not in path.parents or not path.is_file():
            return None
        if any(part.startswith("_") for part in path.relative_to(self.root.resolve()).parts):
            return None
        body = path.read_bytes()
        if path.suffix not in RAW_SUFFIXES and route not in RAW_PATHS and b"{" in body:
            # Byte-level replacement: the placeholders are ASCII, so any ASCII-compatible
            # encoding survives (another root, e.g. for a benchmark, may hold GBK pages).
            for placeholder, value in self._placeholders().items():
                body = body.replace(placeholder.encode(), value.encode())
        ctype = CONTENT_TYPES.get(route) or SUFFIX_TYPES.get(path.suffix,
                                                            "application/octet-stream")
        return body, ctype


def closed_port() -> int:
    """A port on 127.0.0.1 on which nothing listens (bound, then closed)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    raise TypeError(f"cannot write {value!r} as TOML")


def sources_toml(sources: list[dict[str, Any]]) -> str:
    """``[[source]]`` tables as TOML text (strings, ints, booleans and lists only)."""
    blocks = []
    for table in sources:
        lines = ["[[source]]"] + [f"{k} = {_toml_value(v)}" for k, v in table.items()]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A crawler that gives up (timeout, size limit) closes the socket mid-answer;
        # that is the point of those routes, not an error worth a traceback.
        pass


class _Handler(BaseHTTPRequestHandler):
    site: TestSite
    protocol_version = "HTTP/1.0"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass

    def do_GET(self) -> None:  # noqa: N802
        entry = LoggedRequest(
            method="GET",
            path=self.path,
            host=self.headers.get("Host", ""),
            headers={k.lower(): v for k, v in self.headers.items()},
        )
        self.site._log(entry)
        self.site._wait_if_held(entry.route)
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self._answer(entry)

    def _send(self, entry: LoggedRequest, status: int, body: bytes = b"",
              ctype: str = "text/html; charset=utf-8", headers: dict[str, str] | None = None,
              length: int | None = None) -> None:
        entry.status = status
        self.send_response(status)
        if status != HTTPStatus.NOT_MODIFIED:
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body) if length is None else length))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if body:
            self.wfile.write(body)

    def _answer(self, entry: LoggedRequest) -> None:
        site = self.site
        route = entry.route
        page = b"<!doctype html><html><body><p>%s</p></body></html>"
        if route == "/status/404":
            self._send(entry, 404, page % b"Not Found")
        elif route == "/status/500":
            self._send(entry, 500, page % b"Internal Server Error")
        elif route == "/status/503":
            self._send(entry, 503, page % b"Service Unavailable",
                       headers={"Retry-After": "7200"})
        elif route == "/redirect-loop":
            self._send(entry, 302, page % b"Moved",
                       headers={"Location": site.url("/redirect-loop")})
        elif route == "/slow":
            deadline = time.monotonic() + site.slow_seconds
            while time.monotonic() < deadline and not site._stop.is_set():
                time.sleep(0.05)
            self._send(entry, 200, page % b"Too late")
        elif route == "/big":
            filler = b"<p>" + b"padding " * 120 + b"</p>\n"
            body = b"<!doctype html><html><body>" + filler * (site.big_bytes // len(filler) + 1)
            self._send(entry, 200, body + b"</body></html>")
        else:
            found = site.resource(route)
            if found is None:
                self._send(entry, 404, page % b"Not Found")
                return
            body, ctype = found
            if route in CONDITIONAL:
                self._conditional(entry, body, ctype)
            else:
                self._send(entry, 200, body, ctype)

    def _conditional(self, entry: LoggedRequest, body: bytes, ctype: str) -> None:
        etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
        validators = {"ETag": etag, "Last-Modified": LAST_MODIFIED}
        if_none_match = entry.headers.get("if-none-match")
        if_modified_since = entry.headers.get("if-modified-since")
        if if_none_match is not None:
            fresh = etag in [t.strip() for t in if_none_match.split(",")] or if_none_match == "*"
        elif if_modified_since is not None:
            try:
                fresh = (parsedate_to_datetime(if_modified_since)
                         >= parsedate_to_datetime(LAST_MODIFIED))
            except (TypeError, ValueError):
                fresh = False
        else:
            fresh = False
        if fresh:
            self._send(entry, 304, headers=validators)
        else:
            self._send(entry, 200, body, ctype, headers=validators)
