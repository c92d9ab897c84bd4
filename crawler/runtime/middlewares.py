"""Downloader middlewares: full-text feed entries served without download, skip stored
URLs, conditional GET, retries with backoff, and robots.txt fetched once per host per run."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from html import escape
from typing import Any

from scrapy import Request
from scrapy import signals as scrapy_signals
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.exceptions import IgnoreRequest, StopDownload
from scrapy.http import HtmlResponse, Response
from scrapy.http.request import NO_CALLBACK
from scrapy.utils.asyncio import sleep
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from scrapy.utils.misc import build_from_crawler
from twisted.internet.defer import Deferred
from twisted.python.failure import Failure

from crawler import db as dbm
from crawler.db import frontier as frontier_db
from crawler.db.component import DbComponent
from crawler.shared.urls import NotAWebUrl, web_url

logger = logging.getLogger(__name__)

# Request.meta keys set by our spiders.
META_SOURCE = "govwatch_source"  # source id
META_LISTING = "govwatch_listing"  # True for feed, sitemap and listing-page requests
META_ARTICLE = "govwatch_article"  # True for article-page requests
META_CONTENT = "govwatch_content"  # a full-text feed's HTML for the entry: no download
META_CHILDREN = "govwatch_children"  # on a 304: the listing's known child listings


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


class NotFetched(IgnoreRequest):
    """A request refused because its URL, or the URL it redirects to, is not http(s)."""


class WebOnlyMiddleware:
    """The last gate before download: a request whatever its origin (a spider, a redirect,
    a meta refresh) is only sent when its URL is http(s) (``crawler.shared.urls.web_url``)."""

    def process_request(self, request: Request) -> None:
        try:
            web_url(request.url)
        except NotAWebUrl as exc:
            raise NotFetched(f"refused: {exc}") from None


class RefuseOtherSchemeRedirectMiddleware:
    """A redirect to a URL that is not http(s) fails the request with a clear reason.

    Scrapy's RedirectMiddleware (600) does not follow such a redirect and hands the 3xx on,
    which would surface as a bare "HTTP 302"; here it becomes "redirect to … refused".
    """

    def process_response(self, request: Request, response: Response) -> Response:
        location = response.headers.get(b"Location")
        if 300 <= response.status < 400 and location:
            target = location.decode("latin-1", "replace")
            try:
                web_url(target, request.url)
            except NotAWebUrl as exc:
                raise NotFetched(f"redirect refused: {exc}") from None
        return response


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


class BackoffRetryMiddleware(RetryMiddleware):
    """Scrapy's retries (429, 5xx, timeouts), waiting longer before each new attempt.

    The wait is ``GOVWATCH_RETRY_BACKOFF_BASE * 2**n`` seconds for the n-th retry, or the
    server's ``Retry-After`` (in seconds) when it sends one, capped at
    ``GOVWATCH_RETRY_BACKOFF_MAX``.
    """

    def __init__(self, settings: Any) -> None:
        super().__init__(settings)
        self.base = settings.getfloat("GOVWATCH_RETRY_BACKOFF_BASE", 2.0)
        self.cap = settings.getfloat("GOVWATCH_RETRY_BACKOFF_MAX", 60.0)

    def _delay(self, request: Request, response: Response | None) -> float:
        attempt = request.meta.get("retry_times", 0)
        delay = self.base * (2 ** attempt)
        if response is not None:
            retry_after = response.headers.get(b"Retry-After")
            if retry_after and retry_after.strip().isdigit():
                delay = float(retry_after.strip())
        return max(0.0, min(delay, self.cap))

    async def process_response(self, request: Request, response: Response):  # type: ignore[override]
        retry_after = response.headers.get(b"Retry-After")
        if (response.status in (429, 503) and retry_after and retry_after.strip().isdigit()
                and float(retry_after.strip()) > self.cap):
            # The server asks for a longer pause than a run waits: the frontier retries
            # the page once that time has passed (crawler.runtime.frontier).
            return response
        result = super().process_response(request, response)
        if isinstance(result, Request):
            await sleep(self._delay(request, response))
        return result

    async def process_exception(self, request: Request, exception: Exception):  # type: ignore[override]
        result = super().process_exception(request, exception)
        if isinstance(result, Request):
            await sleep(self._delay(request, None))
        return result


# robots.txt parsers of the current run, shared by every source's crawler: keyed by run id,
# then host. Only the latest run is kept (a process runs one crawl; tests run several).
_RUN_ROBOTS: dict[str, dict[str, Any]] = {}


class RobotsUnreachable(IgnoreRequest):
    """A request to a host whose robots.txt could not be read (5xx, 429, no answer)."""


# RFC 9309 2.5: crawlers should parse at least the first 500 KiB of a robots.txt.
ROBOTS_MAX_BYTES = 500 * 1024
META_ROBOTS = "govwatch_robots"


@dataclass(frozen=True)
class _Unreachable:
    """The state of a host whose robots.txt could not be read: nothing is fetched."""

    reason: str


class SharedRobotsTxtMiddleware(RobotsTxtMiddleware):
    """robots.txt as RFC 9309 reads it, fetched once per host per run.

    * 2xx: the rules of the first 500 KiB (a longer file is cut at the last line break
      before 500 KiB, not discarded);
    * 4xx ("unavailable"): everything is allowed; 429 counts as unreachable;
    * 5xx after the retries, or no answer at all ("unreachable"): nothing on that host is
      fetched, and the request fails with :class:`RobotsUnreachable`, whose message the
      source's status shows.

    Each source gets its own crawler, and Scrapy's middleware keeps its parsers per
    crawler, so two sources on one host (a feed and a listing page of the same site) each
    fetched robots.txt. Here every crawler of a run shares the parsers: the first request
    for a host downloads it, the others wait for that download and reuse the result.
    """

    def __init__(self, crawler: Any) -> None:
        super().__init__(crawler)
        run_id = str(crawler.settings.get("GOVWATCH_RUN_ID") or id(crawler))
        if run_id not in _RUN_ROBOTS:
            _RUN_ROBOTS.clear()
        self._parsers = _RUN_ROBOTS.setdefault(run_id, {})
        crawler.signals.connect(self._robots_headers, signal=scrapy_signals.headers_received)
        crawler.signals.connect(self._robots_bytes, signal=scrapy_signals.bytes_received)

    def _robots_headers(self, headers: Any, request: Request, **_: Any) -> None:
        """An uncompressed robots.txt of any size is read up to 500 KiB (_robots_bytes),
        not cancelled at DOWNLOAD_MAXSIZE; a compressed one keeps that limit, which also
        bounds its decompression."""
        if request.meta.get(META_ROBOTS) and headers.get(b"Content-Encoding",
                                                         b"identity") == b"identity":
            request.meta["download_maxsize"] = 0
            request.meta["download_warnsize"] = 0

    def _robots_bytes(self, data: bytes, request: Request, **_: Any) -> None:
        """Stop a robots.txt download at 500 KiB; what arrived so far is parsed."""
        if not request.meta.get(META_ROBOTS):
            return
        received = request.meta.get("govwatch_robots_bytes", 0) + len(data)
        request.meta["govwatch_robots_bytes"] = received
        if received >= ROBOTS_MAX_BYTES:
            raise StopDownload(fail=False)

    def process_request_2(self, rp: Any, request: Request) -> None:
        if isinstance(rp, _Unreachable):
            assert self.crawler.stats is not None
            self.crawler.stats.inc_value("govwatch/robots/unreachable")
            raise RobotsUnreachable(
                f"robots.txt unreachable ({rp.reason}): nothing is fetched from this host "
                "until it answers (RFC 9309)")
        super().process_request_2(rp, request)

    async def robot_parser(self, request: Request) -> Any:
        url = urlparse_cached(request)
        netloc = url.netloc
        if netloc not in self._parsers:
            waiting: Deferred[Any] = Deferred()
            self._parsers[netloc] = waiting
            parser = await self._read_robots(f"{url.scheme}://{netloc}/robots.txt", request)
            self._parsers[netloc] = parser
            waiting.callback(parser)
        parser = self._parsers[netloc]
        if isinstance(parser, Deferred):
            return await maybe_deferred_to_future(parser)
        return parser

    async def _read_robots(self, robots_url: str, request: Request) -> Any:
        stats = self.crawler.stats
        assert stats is not None and self.crawler.engine is not None
        robots_request = Request(
            robots_url, priority=self.DOWNLOAD_PRIORITY, callback=NO_CALLBACK,
            headers={"Accept-Encoding": "identity"},  # so a cut-off body is still text
            meta={"dont_obey_robotstxt": True, META_ROBOTS: True},
        )
        stats.inc_value("robotstxt/request_count")
        try:
            response = await self.crawler.engine.download_async(robots_request)
        except Exception as exc:  # noqa: BLE001 - any failure to get an answer
            reason = _failure_text(exc, self.crawler.settings.getfloat("DOWNLOAD_TIMEOUT"))
            logger.warning("%s: unreachable (%s): nothing is fetched from this host",
                           robots_url, reason)
            return _Unreachable(reason)
        stats.inc_value("robotstxt/response_count")
        stats.inc_value(f"robotstxt/response_status_count/{response.status}")
        if response.status >= 500 or response.status == 429:
            logger.warning("%s: HTTP %s: nothing is fetched from this host", robots_url,
                           response.status)
            return _Unreachable(f"HTTP {response.status}")
        if response.status >= 300:  # 4xx, or a redirect chain not followed: unavailable
            return None  # allow everything
        body = response.body
        if len(body) > ROBOTS_MAX_BYTES:
            body = body[:ROBOTS_MAX_BYTES]
            body = body[: body.rfind(b"\n") + 1] or body
            stats.inc_value("govwatch/robots/truncated")
        parser = build_from_crawler(self._parserimpl, self.crawler, body)
        await self.crawler.signals.send_catch_log_async(
            signal=scrapy_signals.robots_parsed, robotparser=parser, request=request)
        return parser


def _failure_text(exc: Exception, timeout: float) -> str:
    from crawler.runtime.spiders.base import describe_failure  # the spiders' wording, lazily

    return describe_failure(Failure(exc), timeout)[0]
