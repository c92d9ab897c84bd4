"""robots.txt fetched once per host per run and shared by every spider of the run."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from scrapy import Request
from scrapy import signals as scrapy_signals
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.exceptions import StopDownload
from scrapy.http.request import NO_CALLBACK
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from scrapy.utils.misc import build_from_crawler
from twisted.internet.defer import Deferred
from twisted.python.failure import Failure

from crawler.runtime.middlewares.meta import META_ROBOTS, RobotsUnreachable

logger = logging.getLogger(__name__)


# robots.txt parsers of the current run, shared by every source's crawler: keyed by run id,
# then host. Only the latest run is kept (a process runs one crawl; tests run several).
_RUN_ROBOTS: dict[str, dict[str, Any]] = {}


# RFC 9309 2.5: crawlers should parse at least the first 500 KiB of a robots.txt.
ROBOTS_MAX_BYTES = 500 * 1024


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
