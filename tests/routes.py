"""A loopback server answering exactly the routes a test gives it (tests of hostile input).

``RouteSite`` binds 127.0.0.1 on port 0 and serves ``routes``: path -> ``Route`` (status,
headers, body), changeable while it runs. Unknown paths answer 404 (so robots.txt is
allow-all unless a test sets it). Every request path is logged in ``paths``.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    body: bytes | str = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=lambda: {"Content-Type": "text/html; charset=utf-8"})

    def data(self) -> bytes:
        return self.body.encode("utf-8") if isinstance(self.body, str) else self.body


class RouteSite:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.paths: list[str] = []
        self._lock = threading.Lock()
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's naming
                with site._lock:
                    site.paths.append(self.path)
                route = site.routes.get(self.path.split("?", 1)[0])
                if route is None:
                    route = Route("not found", status=404)
                body = route.data()
                self.send_response(route.status)
                for name, value in route.headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self) -> RouteSite:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)


def article_page(title: str, text: str) -> str:
    return (f"<html><head><meta charset='utf-8'><title>{title}</title></head><body><article>"
            f"<h1>{title}</h1><p>{text}</p><p>{text}</p></article></body></html>")


def rss(items: list[str], title: str = "Hostile feed") -> str:
    return ('<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
            f"<title>{title}</title><link>http://example.org/</link><description>d</description>"
            + "".join(items) + "</channel></rss>")


def item(link: str, title: str, pub: str = "Mon, 08 Jun 2026 08:00:00 GMT",
         content: str = "") -> str:
    from xml.sax.saxutils import escape

    encoded = f"<content:encoded>{escape(content)}</content:encoded>" if content else ""
    return (f"<item><title>{escape(title)}</title><link>{escape(link)}</link>"
            f"<pubDate>{escape(pub)}</pubDate><description>{escape(title)}</description>"
            f"{encoded}</item>")
