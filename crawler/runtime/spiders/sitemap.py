"""Sitemaps: sitemap indexes and urlsets, with the Google News fields Scrapy's own drops.

For each ``<url>`` we keep ``loc``, ``lastmod`` and, from the ``news:`` namespace,
``news:title``, ``news:publication_date`` and ``news:publication/news:language``; these
go into the frontier with the URL as listing hints.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lxml import etree
from scrapy.http import Response
from scrapy.utils.gz import gunzip

from crawler.runtime.spiders.base import SourceSpider
from crawler.shared.dates import to_utc_iso

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, recover=True,
                          remove_comments=True, huge_tree=False)


@dataclass(frozen=True)
class SitemapEntry:
    loc: str
    lastmod: str = ""
    title: str = ""
    published_at: str = ""
    language: str = ""


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _child_text(node: Any, name: str) -> str:
    for child in node:
        if _local(child.tag) == name:
            return (child.text or "").strip()
    return ""


def parse_sitemap(body: bytes) -> tuple[str, list[SitemapEntry]]:
    """Return ("index"|"urlset", entries); raise ValueError for anything else."""
    if not body.strip():
        raise ValueError("empty sitemap")
    try:
        root = etree.fromstring(body, parser=_PARSER)
    except etree.XMLSyntaxError as exc:
        raise ValueError(f"not XML: {exc}") from None
    if root is None:
        raise ValueError("not XML")
    kind = _local(root.tag)
    if kind == "sitemapindex":
        return "index", [SitemapEntry(loc=_child_text(n, "loc"), lastmod=_child_text(n, "lastmod"))
                         for n in root if _local(n.tag) == "sitemap" and _child_text(n, "loc")]
    if kind != "urlset":
        raise ValueError(f"root element <{kind}> is neither <urlset> nor <sitemapindex>")
    entries = []
    for node in root:
        if _local(node.tag) != "url":
            continue
        loc = _child_text(node, "loc")
        if not loc:
            continue
        title = published = language = ""
        for child in node:
            if _local(child.tag) == "news":
                title = _child_text(child, "title")
                published = _child_text(child, "publication_date")
                for pub in child:
                    if _local(pub.tag) == "publication":
                        language = _child_text(pub, "language")
        entries.append(SitemapEntry(loc=loc, lastmod=_child_text(node, "lastmod"), title=title,
                                    published_at=to_utc_iso(published), language=language))
    return "urlset", entries


class SitemapSpider(SourceSpider):
    kind = "sitemap"

    def parse_listing(self, response: Response) -> Any:
        root = bool(response.meta.get("govwatch_root"))
        if response.status == 304:
            yield from self.not_modified(response, self.source.max_pages)
            return
        body = response.body
        if body[:3] == b"\x1f\x8b\x08":
            try:
                body = gunzip(body, max_size=self.crawler.settings.getint("DOWNLOAD_MAXSIZE"))
            except Exception as exc:  # noqa: BLE001 - any decompression failure is bad input
                self.listing_failed(response.url, f"malformed sitemap: bad gzip ({exc})", None, root)
                return
        try:
            kind, entries = parse_sitemap(body)
        except ValueError as exc:
            self.listing_failed(response.url, f"malformed sitemap: {exc}", None, root)
            return
        if kind == "index":
            # Newest child sitemaps first, at most max_pages of them.
            ordered = sorted(entries, key=lambda e: e.lastmod, reverse=True)
            children = [child for child in (self.checked_url(e.loc, response.url)
                                            for e in ordered[: self.source.max_pages]) if child]
            self.listing_fetched(response, [], children)
            for child in children:
                request = self.listing_request(child)
                if request is not None:
                    yield request
            return
        # Entries go to the frontier, which orders them newest first and schedules them.
        self.listing_fetched(response, [
            self.entry(e.loc, response.url, feed_title=e.title,
                       feed_published_at=e.published_at or to_utc_iso(e.lastmod),
                       feed_language=e.language)
            for e in entries])
