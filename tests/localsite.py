"""A tiny news site on 127.0.0.1 for scheduler and crash tests: one RSS feed, N articles.

Knobs (attributes, changeable while it runs): ``feed_delay`` and ``article_delay`` (seconds
to wait before answering), ``feed_status`` (e.g. 500 to make the source fail). Every
request is logged with its start and end time, and the server counts the largest number of
feed requests in flight at once, so a test can tell whether two crawls overlapped.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

WORDS = ("council", "pilot", "agency", "procurement", "model", "public", "service", "data",
         "review", "budget", "office", "digital", "policy", "tender", "report", "citizens")


def article_text(n: int) -> str:
    """Distinct, extractable paragraphs for article ``n``."""
    sentences = []
    for i in range(6):
        words = [WORDS[(n * 7 + i * 3 + j) % len(WORDS)] for j in range(12)]
        sentences.append(f"Article {n} sentence {i}: the " + " ".join(words) + ".")
    return " ".join(sentences)


@dataclass
class Hit:
    path: str
    start: float
    end: float = 0.0


class LocalSite:
    def __init__(self, articles: int = 5) -> None:
        self.articles = articles
        self.started = datetime.now(UTC).replace(microsecond=0)  # article n: 3n hours before
        self.feed_delay = 0.0
        self.article_delay = 0.0
        self.feed_status = 200
        self.hits: list[Hit] = []
        self.max_feeds_in_flight = 0
        self._feeds_in_flight = 0
        self._lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def feed_url(self) -> str:
        return f"{self.url}/feed.xml"

    def article_url(self, n: int) -> str:
        return f"{self.url}/a/{n}.html"

    def __enter__(self) -> LocalSite:
        self.thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.server.shutdown()
        self.server.server_close()

    def feed_hits(self) -> list[Hit]:
        with self._lock:
            return [h for h in self.hits if h.path == "/feed.xml"]

    # --- pages --------------------------------------------------------------------------
    def feed(self) -> bytes:
        items = "".join(
            f"<item><title>Article {n}</title><link>{self.article_url(n)}</link>"
            f"<pubDate>{format_datetime(self.started - timedelta(hours=3 * n), usegmt=True)}"
            "</pubDate></item>"
            for n in range(1, self.articles + 1)
        )
        return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
                f"<title>Local</title><link>{self.url}/</link>{items}</channel></rss>").encode()

    def article(self, n: int) -> bytes:
        return (f"<html><head><meta charset='utf-8'><title>Article {n}</title></head><body>"
                f"<article><h1>Article {n}</h1><p>{article_text(n)}</p>"
                f"<p>{article_text(n + 1000)}</p></article></body></html>").encode()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:  # quiet
                pass

            def do_GET(self) -> None:
                hit = Hit(self.path, time.monotonic())
                is_feed = self.path == "/feed.xml"
                with site._lock:
                    site.hits.append(hit)
                    if is_feed:
                        site._feeds_in_flight += 1
                        site.max_feeds_in_flight = max(site.max_feeds_in_flight,
                                                       site._feeds_in_flight)
                try:
                    self._answer(is_feed)
                except (BrokenPipeError, ConnectionResetError):
                    pass
                finally:
                    with site._lock:
                        hit.end = time.monotonic()
                        if is_feed:
                            site._feeds_in_flight -= 1

            def _answer(self, is_feed: bool) -> None:
                if is_feed:
                    time.sleep(site.feed_delay)
                    if site.feed_status != 200:
                        return self._send(site.feed_status, b"broken", "text/plain")
                    return self._send(200, site.feed(), "application/rss+xml")
                if self.path.startswith("/a/") and self.path.endswith(".html"):
                    number = self.path[3:-5]
                    if number.isdigit() and 1 <= int(number) <= site.articles:
                        time.sleep(site.article_delay)
                        return self._send(200, site.article(int(number)),
                                          "text/html; charset=utf-8")
                self._send(404, b"not found", "text/plain")

            def _send(self, status: int, body: bytes, content_type: str) -> None:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        return Handler


def sources_toml(site: LocalSite, ids: tuple[str, ...] = ("local",), schedule: str = "1s") -> str:
    """A sources.toml with one feed source per id, all reading ``site``'s feed."""
    return "".join(
        f'[[source]]\nid = "{sid}"\nkind = "feed"\nurl = "{site.feed_url()}"\n'
        f'language = "en"\nschedule = "{schedule}"\n\n'
        for sid in ids
    )


# Scrapy settings for test crawls: no delays, no robots.txt round trip.
FAST = ("-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False",
        "-s", "ROBOTSTXT_OBEY=False", "-s", "RETRY_ENABLED=False")
