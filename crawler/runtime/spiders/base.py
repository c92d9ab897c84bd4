"""What every source spider shares: listing requests, article requests, error reporting.

A spider crawls one source (``crawler.config.Source``). It only talks HTTP: what it
learns about listings and failures it announces through ``crawler.runtime.signals`` and the
extension ``crawler.runtime.extensions.RunRecorder`` writes it down.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable, Iterator
from datetime import UTC, datetime
from typing import Any

import scrapy
from scrapy.http import Request, Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from crawler.config import Source
from crawler.db import utcnow
from crawler.runtime import signals
from crawler.runtime.frontier import describe_age, retry_after_seconds, too_old
from crawler.runtime.middlewares.meta import (
    META_ARTICLE,
    META_CHILDREN,
    META_CONTENT,
    META_LISTING,
    META_SOURCE,
    NotFetched,
    RobotsUnreachable,
)
from crawler.shared.items import Article
from crawler.shared.urls import NotAWebUrl, canonicalize, shown_url, web_url


def describe_failure(failure: Failure, timeout: float) -> tuple[str, int | None]:
    """A short human description of why a request failed, and its HTTP status if any."""
    exc = failure.value
    if isinstance(exc, HttpError):
        status = exc.response.status
        return f"HTTP {status}", status
    name = type(exc).__name__
    text = str(exc)
    if name in ("DNSLookupError", "CannotResolveHostError") or "DNS lookup failed" in text:
        return "DNS lookup failed", None
    if "Timeout" in name or "TimedOut" in name or "took longer than" in text:
        return f"timed out after {timeout:g}s", None
    if name in ("ConnectionRefusedError", "DownloadConnectionRefusedError"):
        return "connection refused", None
    if "max redirections" in text.lower() or "maximum redirect" in text.lower():
        return "redirect loop (too many redirects)", None
    if "larger than download max size" in text or "exceeded DOWNLOAD_MAXSIZE" in text:
        return "response larger than DOWNLOAD_MAXSIZE", None
    if name == "CancelledError":
        return "download cancelled (response larger than DOWNLOAD_MAXSIZE?)", None
    return f"{name}: {text}" if text else name, None


class SourceSpider(scrapy.Spider):
    """Base class: one instance crawls one configured source."""

    kind = ""

    def __init__(self, source: Source, **kwargs: Any) -> None:
        super().__init__(name=source.id, **kwargs)
        self.source = source

    # --- requests ------------------------------------------------------------------------
    async def start(self) -> AsyncIterator[Any]:
        for url in self.source.urls:
            yield self.listing_request(url, root=True)

    def listing_request(self, url: str, *, root: bool = False, **meta: Any) -> Request | None:
        """A request for a listing page (feed, sitemap, listing), or None for a link that
        is not http(s) (recorded as an ignored entry)."""
        if not root:
            checked = self.checked_url(url)
            if checked is None:
                return None
            url = checked
        return Request(
            url,
            callback=self.parse_listing,
            errback=self.on_error,
            dont_filter=root,
            meta={
                META_SOURCE: self.source.id,
                META_LISTING: True,
                "govwatch_root": root,
                "handle_httpstatus_list": [304],
                **meta,
            },
        )

    def checked_url(self, link: str, base: str = "") -> str | None:
        """``link`` (resolved against ``base``) when it is an http(s) URL; otherwise the
        entry is recorded as ignored, with the reason, and None is returned."""
        try:
            return web_url(link, base)
        except NotAWebUrl as exc:
            self.ignore_entry(link, str(exc))
            return None

    def ignore_entry(self, link: str, reason: str) -> None:
        """Record a skipped listing entry (ignored_pages) and count it; the crawl goes on."""
        stats = self.crawler.stats
        assert stats is not None
        stats.inc_value("govwatch/skip/bad_entry")
        self.logger.info("%s: entry skipped: %s: %s", self.source.id, shown_url(link)[:120],
                         reason)
        self.crawler.signals.send_catch_log(
            signal=signals.entry_ignored, source_id=self.source.id, url=shown_url(link),
            reason=reason,
        )

    def article_request(self, url: str, **hints: str) -> Request:
        """A request for a frontier entry (already canonical). An entry whose feed carried
        the full text (hint ``feed_content``) is served by FrontierContentMiddleware."""
        stats = self.crawler.stats
        assert stats is not None
        content = hints.pop("feed_content", "")
        if not content:
            stats.inc_value("govwatch/request/article")
        # dont_filter: the frontier holds each URL once; Scrapy's dupefilter would
        # silently swallow a redirect loop back to this URL instead of reporting it.
        return Request(
            url,
            callback=self.parse_article,
            errback=self.on_error,
            dont_filter=True,
            meta={META_SOURCE: self.source.id, META_ARTICLE: True, "govwatch_hints": hints,
                  META_CONTENT: content},
        )

    def entry(self, link: str, base: str = "", **hints: str) -> dict[str, Any]:
        """A frontier entry for an article link found in a listing (resolved against
        ``base``): canonical, with its hints. It is recorded as ``ignored`` at once, with
        the reason, when it is not an http(s) URL (``web_url``) or too old for ``max_age``."""
        try:
            url = web_url(link, base)
        except NotAWebUrl as exc:
            self.ignore_entry(link, str(exc))
            return {"url": shown_url(link), "state": "ignored", "last_error": str(exc)}
        entry: dict[str, Any] = {"url": canonicalize(url), **hints}
        published = hints.get("feed_published_at", "")
        if too_old(published, self.source.max_age, datetime.now(UTC)):
            assert self.crawler.stats is not None
            self.crawler.stats.inc_value("govwatch/skip/too_old")
            entry.update(state="ignored", last_error=f"too old: published {published}, "
                         f"max_age {describe_age(self.source.max_age or 0)}")
        return entry

    # --- responses -----------------------------------------------------------------------
    def parse_listing(self, response: Response) -> Any:
        raise NotImplementedError

    def listing_fetched(self, response: Response, entries: list[dict[str, Any]],
                        children: Iterable[str] = ()) -> None:
        """Announce a successful (or 304) listing fetch: its validators, the entries it
        holds and its child listings. The frontier writes them before anything is fetched."""
        headers = response.headers
        etag = headers.get(b"ETag")
        last_modified = headers.get(b"Last-Modified")
        self.crawler.signals.send_catch_log(
            signal=signals.listing_fetched,
            source_id=self.source.id,
            url=response.request.url if response.request else response.url,
            status=response.status,
            etag=etag.decode("latin-1") if etag else None,
            last_modified=last_modified.decode("latin-1") if last_modified else None,
            entries=entries,
            children=list(children),
            root=bool(response.meta.get("govwatch_root")),
        )

    def not_modified(self, response: Response, limit: int) -> Iterator[Request]:
        """A 304: nothing new in this listing, but its child listings (remembered from
        the last full read) may have changed; visit up to ``limit`` of them."""
        self.listing_fetched(response, [])
        page = int(response.meta.get("govwatch_page", 1))
        for child in response.meta.get(META_CHILDREN, [])[:limit]:
            request = self.listing_request(child, govwatch_page=page + 1)
            if request is not None:
                yield request

    def listing_failed(self, url: str, error: str, http_status: int | None, root: bool) -> None:
        """A listing that could not be fetched or parsed: an error of the run."""
        stats = self.crawler.stats
        assert stats is not None
        stats.inc_value("govwatch/fetch/error")
        self.logger.warning("%s: %s: %s", self.source.id, url, error)
        self.crawler.signals.send_catch_log(
            signal=signals.fetch_failed, source_id=self.source.id, url=url, error=error,
            http_status=http_status, listing=True, root=root, retry_after=None,
        )

    def parse_article(self, response: Response) -> Any:
        hints = response.meta.get("govwatch_hints", {})
        yield self.make_article(
            url=response.request.url if response.request else response.url,
            final_url=response.url,
            body=response.body,
            content_type=(response.headers.get(b"Content-Type") or b"").decode("latin-1"),
            from_feed=bool(response.meta.get(META_CONTENT)),
            **hints,
        )

    def make_article(self, *, url: str, final_url: str = "", body: bytes = b"",
                     content_type: str = "", from_feed: bool = False, **hints: str) -> Article:
        http_encoding = ""
        if "charset=" in content_type.lower():
            http_encoding = content_type.lower().split("charset=", 1)[1].split(";")[0].strip(" \"'")
        return Article(
            url=canonicalize(url),
            final_url=canonicalize(final_url) if final_url else "",
            source_id=self.source.id,
            fetched_at=utcnow(),
            body=body,
            content_type=content_type,
            http_encoding=http_encoding,
            from_feed=from_feed,
            feed_title=hints.get("feed_title", ""),
            link_text=hints.get("link_text", ""),
            feed_published_at=hints.get("feed_published_at", ""),
            feed_summary=hints.get("feed_summary", ""),
            feed_language=hints.get("feed_language", ""),
            source_language=self.source.language,
            source_jurisdiction=self.source.jurisdiction,
        )

    def on_error(self, failure: Failure) -> None:
        request = getattr(failure, "request", None)
        url = request.url if request is not None else "?"
        meta = request.meta if request is not None else {}
        timeout = float(self.crawler.settings.getfloat("DOWNLOAD_TIMEOUT"))
        error, status = describe_failure(failure, timeout)
        stats = self.crawler.stats
        assert stats is not None
        if failure.check(NotFetched, RobotsUnreachable):
            error = str(failure.value)
        elif (failure.check(scrapy.exceptions.IgnoreRequest) and not failure.check(HttpError)
                and not (error.startswith("redirect loop") or "MAXSIZE" in error)):
            reason = str(failure.value)
            if "robots.txt" not in reason.lower():
                return  # already stored, or filtered: not an error
            stats.inc_value("govwatch/skip/robots")
            if not meta.get(META_LISTING):
                # The site asks us not to fetch this article: respected, not an error.
                self.crawler.signals.send_catch_log(
                    signal=signals.entry_settled, url=url, state="disallowed",
                    reason="forbidden by robots.txt")
                return
            # A feed or listing the site forbids us is a configuration problem to fix.
            error = "forbidden by robots.txt"
        if meta.get(META_LISTING):
            self.listing_failed(url, error, status, bool(meta.get("govwatch_root")))
            return
        stats.inc_value("govwatch/fetch/error")
        self.logger.info("%s: %s: %s", self.source.id, url, error)
        retry_after = None
        if isinstance(failure.value, HttpError) and status in (429, 503):
            retry_after = retry_after_seconds(
                failure.value.response.headers.get(b"Retry-After"), datetime.now(UTC))
        self.crawler.signals.send_catch_log(
            signal=signals.fetch_failed, source_id=self.source.id, url=url, error=error,
            http_status=status, listing=False, root=False, retry_after=retry_after,
        )
