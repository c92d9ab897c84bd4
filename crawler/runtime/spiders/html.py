"""HTML listing pages: follow same-site article links matching the source's ``follow``
patterns, and the next listing page (``rel=next`` or the ``next`` pattern), up to
``max_pages`` listing pages."""

from __future__ import annotations

import re
from typing import Any

from scrapy.http import Response, TextResponse

from crawler.runtime.spiders.base import SourceSpider
from crawler.shared.urls import NotAWebUrl, canonicalize, same_site, web_url


class HtmlSpider(SourceSpider):
    kind = "html"

    def parse_listing(self, response: Response) -> Any:
        root = bool(response.meta.get("govwatch_root"))
        page = int(response.meta.get("govwatch_page", 1))
        if response.status == 304:
            yield from self.not_modified(response, 1 if page < self.source.max_pages else 0)
            return
        if not isinstance(response, TextResponse):
            self.listing_failed(response.url, "listing page is not HTML", None, root)
            return
        follow = [re.compile(p) for p in self.source.follow]
        entries = []
        for anchor in response.css("a[href]"):
            href = anchor.attrib.get("href", "").strip()
            if not href or href.startswith("#"):
                continue
            try:
                url = web_url(href, response.url)
            except NotAWebUrl as exc:
                # mailto:, tel: and javascript: menus are page furniture: counted; a link
                # the source's follow patterns would have taken is recorded as ignored.
                self.crawler.stats.inc_value("govwatch/skip/not_http")
                if follow and any(p.search(href) for p in follow):
                    self.ignore_entry(href, str(exc))
                continue
            if not same_site(url, response.url):
                self.crawler.stats.inc_value("govwatch/skip/offsite")
                continue
            if follow and not any(p.search(url) for p in follow):
                continue
            title = " ".join(" ".join(anchor.css("::text").getall()).split())
            hints = {"link_text": title} if len(title) >= 8 else {}
            entries.append(self.entry(url, **hints))
        next_url = self.next_page(response) if page < self.source.max_pages else ""
        request = self.listing_request(next_url, govwatch_page=page + 1) if next_url else None
        # Entries go to the frontier (crawler.runtime.frontier schedules the due ones) with the next
        # page, so that a 304 for this page can still lead there.
        self.listing_fetched(response, entries, [request.url] if request is not None else [])
        if request is not None:
            yield request

    def next_page(self, response: TextResponse) -> str:
        """The next listing page: rel=next first, then the first link matching ``next``."""
        visited = self.__dict__.setdefault("_visited_listings", set())
        visited.add(canonicalize(response.url))
        for href in response.css("link[rel~=next]::attr(href), a[rel~=next]::attr(href)").getall():
            url = _web_or_empty(href, response.url)
            if url and canonicalize(url) not in visited and same_site(url, response.url):
                return url
        if self.source.next:
            pattern = re.compile(self.source.next)
            for href in response.css("a[href]::attr(href)").getall():
                url = _web_or_empty(href, response.url)
                if (url and pattern.search(url) and canonicalize(url) not in visited
                        and same_site(url, response.url)):
                    return url
        return ""


def _web_or_empty(href: str, base: str) -> str:
    try:
        return web_url(href, base)
    except NotAWebUrl:
        return ""
