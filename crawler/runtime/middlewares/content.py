"""Full-text feed entries served from the frontier, without a download."""

from __future__ import annotations

from html import escape

from scrapy import Request
from scrapy.http import HtmlResponse, Response

from crawler.runtime.middlewares.meta import META_CONTENT


class FrontierContentMiddleware:
    """Answer an article request whose feed carried the full text (``fetch_articles =
    false``) with that text, without downloading: such entries go through the frontier
    like any other, so a kill or a 304 cannot lose them either."""

    def process_request(self, request: Request) -> Response | None:
        content = request.meta.get(META_CONTENT)
        if not content:
            return None
        title = request.meta.get("govwatch_hints", {}).get("feed_title", "")
        body = (f"<html><head><meta charset='utf-8'><title>{escape(title)}</title></head>"
                f"<body><article><h1>{escape(title)}</h1>{content}</article></body></html>")
        return HtmlResponse(url=request.url, body=body.encode("utf-8"), encoding="utf-8",
                            headers={"Content-Type": "text/html; charset=utf-8"},
                            request=request)
