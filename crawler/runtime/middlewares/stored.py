"""Skip article URLs already stored, and send conditional GETs for listings."""

from __future__ import annotations

from scrapy import Request
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response

from crawler import db as dbm
from crawler.db import frontier as frontier_db
from crawler.db.component import DbComponent
from crawler.runtime.middlewares.meta import META_ARTICLE, META_CHILDREN, META_LISTING


class SkipStoredMiddleware(DbComponent):
    """Drop an article request before download when its URL is already stored.

    Checked per request against the indexed ``article_urls`` and ``ignored_pages`` tables, so
    a second run over unchanged sources downloads no article page again.
    """

    def process_request(self, request: Request) -> None:
        if not request.meta.get(META_ARTICLE):
            return
        if dbm.is_known_url(self.db, request.url):
            assert self.crawler.stats is not None
            self.crawler.stats.inc_value("govwatch/skip/already_stored")
            dbm.settle_known_url(self.db, request.url)
            raise IgnoreRequest(f"already stored: {request.url}")


class ConditionalGetMiddleware(DbComponent):
    """Send If-None-Match / If-Modified-Since on listing requests from stored validators."""

    def process_request(self, request: Request) -> None:
        if not request.meta.get(META_LISTING) or request.meta.get("govwatch_unconditional"):
            return
        etag, last_modified = dbm.listing_validators(self.db, request.url)
        if etag:
            request.headers.setdefault(b"If-None-Match", etag.encode("latin-1", "replace"))
        if last_modified:
            request.headers.setdefault(b"If-Modified-Since",
                                       last_modified.encode("latin-1", "replace"))

    def process_response(self, request: Request, response: Response) -> Response:
        if response.status == 304 and request.meta.get(META_LISTING):
            request.meta[META_CHILDREN] = frontier_db.listing_children(self.db, request.url)
        return response
