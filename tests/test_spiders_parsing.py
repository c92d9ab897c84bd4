"""Pure parts of the spiders: sitemap parsing, feed entry helpers, dates."""

import feedparser
import pytest

from crawler.runtime.spiders.feed import entry_content, entry_hints, entry_link
from crawler.runtime.spiders.sitemap import parse_sitemap
from crawler.shared.dates import to_utc_iso

NEWS_SITEMAP = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url>
    <loc>https://example.org/a/1</loc>
    <lastmod>2026-05-01T10:00:00+08:00</lastmod>
    <news:news>
      <news:publication><news:name>Example</news:name><news:language>zh-tw</news:language></news:publication>
      <news:publication_date>2026-05-01T09:00:00+08:00</news:publication_date>
      <news:title>政府推出人工智能試點計劃</news:title>
    </news:news>
  </url>
  <url><loc>https://example.org/a/2</loc><lastmod>2026-05-02</lastmod></url>
  <url><lastmod>2026-05-02</lastmod></url>
</urlset>""".encode()

INDEX = b"""<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>https://example.org/s1.xml</loc><lastmod>2026-01-01</lastmod></sitemap>
<sitemap><loc>https://example.org/s2.xml</loc></sitemap></sitemapindex>"""


def test_news_sitemap_keeps_google_news_fields():
    kind, entries = parse_sitemap(NEWS_SITEMAP)
    assert kind == "urlset"
    assert [e.loc for e in entries] == ["https://example.org/a/1", "https://example.org/a/2"]
    first = entries[0]
    assert first.title == "政府推出人工智能試點計劃"
    assert first.published_at == "2026-05-01T01:00:00Z"
    assert first.language == "zh-tw"
    assert entries[1].title == "" and entries[1].lastmod == "2026-05-02"


def test_sitemap_index():
    kind, entries = parse_sitemap(INDEX)
    assert kind == "index"
    assert [e.loc for e in entries] == ["https://example.org/s1.xml", "https://example.org/s2.xml"]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"", "empty sitemap"),
        (b"<html><body>Not found</body></html>", "neither <urlset> nor <sitemapindex>"),
        (b"\x00\x01garbage", "not XML"),
    ],
)
def test_malformed_sitemaps_raise(body, message):
    with pytest.raises(ValueError, match=message):
        parse_sitemap(body)


def test_sitemap_parser_does_not_expand_entities():
    evil = (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
            b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>&e;</loc></url></urlset>')
    kind, entries = parse_sitemap(evil)
    assert all("root:" not in e.loc for e in entries)


RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>T</title><language>zh-HK</language>
<item><title>&lt;b&gt;Launch&lt;/b&gt; of AI &amp;amp; data office</title>
<link>https://example.org/x?utm_source=rss</link>
<pubDate>Wed, 18 Jun 2025 16:00:00 +0800</pubDate>
<description>&lt;p&gt;Short &lt;i&gt;summary&lt;/i&gt;&lt;/p&gt;</description>
<content:encoded><![CDATA[<p>Full text of the item.</p>]]></content:encoded></item>
<item><title>No link</title><guid isPermaLink="false">abc</guid></item>
</channel></rss>"""


def test_feed_entry_helpers():
    parsed = feedparser.parse(RSS)
    first, second = parsed.entries
    assert entry_link(first) == "https://example.org/x?utm_source=rss"
    assert entry_link(second) == ""
    hints = entry_hints(first, parsed.feed.get("language", ""))
    assert hints["feed_title"] == "Launch of AI & data office"
    assert hints["feed_published_at"] == "2025-06-18T08:00:00Z"
    assert hints["feed_summary"] == "Short summary"
    assert hints["feed_language"] == "zh-HK"
    assert "Full text of the item." in entry_content(first)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-05-01T09:00:00+08:00", "2026-05-01T01:00:00Z"),
        ("2026-05-01T09:00:00Z", "2026-05-01T09:00:00Z"),
        ("2026-05-01", "2026-05-01"),
        ("Wed, 18 Jun 2025 16:00:00 +0800", "2025-06-18T08:00:00Z"),
        ("2026-05-01 09:00", "2026-05-01T09:00:00Z"),
        ("yesterday", ""),
        ("2026-13-45", ""),
        ("", ""),
        (None, ""),
    ],
)
def test_to_utc_iso(value, expected):
    assert to_utc_iso(value) == expected


def test_describe_failure_names_the_trouble_in_words():
    from scrapy.http import Request, Response
    from scrapy.spidermiddlewares.httperror import HttpError
    from twisted.internet import error
    from twisted.python.failure import Failure

    from crawler.runtime.spiders.base import describe_failure

    response = Response("http://127.0.0.1/x", status=503, request=Request("http://127.0.0.1/x"))
    cases = [
        (HttpError(response, "Ignoring non-200 response"), ("HTTP 503", 503)),
        (error.DNSLookupError("no such host"), ("DNS lookup failed", None)),
        (error.ConnectionRefusedError(), ("connection refused", None)),
        (error.TimeoutError(), ("timed out after 20s", None)),
        (error.TCPTimedOutError(), ("timed out after 20s", None)),
        (download_timeout(), ("timed out after 20s", None)),
        (scrapy_ignore("max redirections reached"), ("redirect loop (too many redirects)", None)),
        (ValueError("odd"), ("ValueError: odd", None)),
    ]
    for exc, expected in cases:
        assert describe_failure(Failure(exc), 20) == expected


def scrapy_ignore(message: str) -> Exception:
    from scrapy.exceptions import IgnoreRequest

    return IgnoreRequest(message)


def download_timeout() -> Exception:
    from scrapy.exceptions import DownloadTimeoutError

    return DownloadTimeoutError("Getting http://127.0.0.1/slow took longer than 20.0 seconds.")
