"""RSS 0.9x/1.0/2.0 and Atom 0.3/1.0 feeds, parsed by feedparser from the response bytes."""

from __future__ import annotations

import io
from typing import Any

from scrapy.http import Response
from w3lib.html import remove_tags, replace_entities

from crawler.runtime.spiders.base import SourceSpider
from crawler.shared.dates import to_utc_iso


def entry_link(entry: Any) -> str:
    """The entry's article URL: ``link``, else its first alternate/HTML link, else a URL id."""
    if entry.get("link"):
        return str(entry["link"])
    for link in entry.get("links", []):
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            return str(link["href"])
    ident = str(entry.get("id", ""))
    return ident if ident.startswith(("http://", "https://")) else ""


def html_to_text(html: str) -> str:
    return " ".join(replace_entities(remove_tags(html or "")).split())


def entry_hints(entry: Any, feed_language: str) -> dict[str, str]:
    published = entry.get("published_parsed") or entry.get("updated_parsed")
    return {
        "feed_title": html_to_text(entry.get("title", "")),
        "feed_published_at": to_utc_iso(published) if published else "",
        "feed_summary": html_to_text(entry.get("summary", ""))[:2000],
        "feed_language": str(entry.get("language") or feed_language or ""),
    }


def entry_content(entry: Any) -> str:
    """The entry's full HTML content (content:encoded, atom:content), or ""."""
    for content in entry.get("content", []) or []:
        value = content.get("value", "")
        if value and "html" in content.get("type", "text/html"):
            return str(value)
    return ""


class FeedSpider(SourceSpider):
    kind = "feed"

    def parse_listing(self, response: Response) -> Any:
        if response.status == 304:
            self.listing_fetched(response, [])
            return
        import feedparser  # here: a feed that answers 304 is never parsed (~10 ms, issue #14)

        headers = {k.decode("latin-1").lower(): b",".join(v).decode("latin-1")
                   for k, v in response.headers.items()}
        parsed = feedparser.parse(io.BytesIO(response.body), response_headers=headers)
        # No entries and a parse error (or no feed root at all): malformed. A feed that is
        # broken after some entries still gives those entries.
        if not parsed.entries and (parsed.get("bozo") or not parsed.get("version")):
            problem = parsed.get("bozo_exception") or "no RSS or Atom root element"
            self.listing_failed(response.url, f"malformed feed: {_one_line(problem)}", None,
                                bool(response.meta.get("govwatch_root")))
            return
        if parsed.get("bozo"):
            self.logger.info("%s: %s: feed is not well-formed, parsed anyway: %s", self.source.id,
                             response.url, _one_line(parsed.get("bozo_exception")))
        language = str(parsed.feed.get("language", ""))
        entries = []
        for number, entry in enumerate(parsed.entries, start=1):
            # One bad entry (a link that is not http(s) or does not parse, a date out of
            # range, broken markup) is recorded and skipped; the rest of the feed goes on.
            try:
                result = self.feed_entry(response, entry, language)
            except Exception as exc:  # noqa: BLE001 - a stranger's entry, not our bug
                self.ignore_entry(f"{response.url}#entry-{number}",
                                  f"bad entry: {type(exc).__name__}: {_one_line(exc)}")
                continue
            if result is not None:
                entries.append(result)
        # Entries go to the frontier; crawler.runtime.frontier schedules the due ones. A feed has
        # no child listings: nothing to yield (a generator all the same, as for the others).
        self.listing_fetched(response, entries)
        yield from ()

    def feed_entry(self, response: Response, entry: Any, language: str) -> dict[str, Any] | None:
        """The frontier entry one feed entry gives, or None when it has no link."""
        link = entry_link(entry)
        if not link:
            self.crawler.stats.inc_value("govwatch/feed/entry_without_link")
            return None
        hints = entry_hints(entry, language)
        content = entry_content(entry)
        if not self.source.fetch_articles and content:
            # The feed carries the full text: no need to download the page.
            hints["feed_content"] = content
        return self.entry(link, response.url, **hints)


def _one_line(value: object) -> str:
    return " ".join(str(value).split())[:200]
