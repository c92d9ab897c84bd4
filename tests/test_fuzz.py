"""Fuzz tests of hostile input (issue #15), with hypothesis.

- Feed entries: generated RSS (links of every scheme, broken links, odd dates, markup in
  titles) through the real FeedSpider of a real Scrapy crawler: never raises, yields only
  http(s) requests and items, and accounts for every entry.
- Feed bodies: arbitrary bytes never raise in the feed and sitemap spiders.
- Search queries: arbitrary text through the real CLI on a real database: exit code 0
  or 2 (the documented ones), one line on error, never a traceback.
- One end-to-end crawl of a generated hostile feed: exit code 0, no traceback.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scrapy.http import Request, Response
from scrapy.utils.test import get_crawler

from crawler.cli import main
from crawler.config import Source
from crawler.runtime import signals
from crawler.runtime.spiders.feed import FeedSpider
from crawler.runtime.spiders.sitemap import SitemapSpider
from crawler.shared.urls import NotAWebUrl, web_url
from tests.localsite import article_text
from tests.routes import Route, RouteSite, article_page
from tests.sample_db import article, make_db
from tests.test_e2e_crawl import crawl, output, query

FEED_URL = "http://127.0.0.1:9/feed.xml"

SCHEMES = st.sampled_from(["http", "https", "HTTP", "javascript", "file", "data", "ftp", "s3",
                           "mailto", "tel", "about", "chrome", "jar", "vbscript", ""])
HOSTS = st.sampled_from(["example.org", "127.0.0.1", "localhost", "[::1", "[::1]", "a:99999",
                         "", "xn--fsq.example", "例子.中国", "exa mple.org"])
PATHS = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30)
LINKS = st.one_of(
    st.builds(lambda s, h, p: f"{s}://{h}/{p}", SCHEMES, HOSTS, PATHS),
    st.builds(lambda s, p: f"{s}:{p}", SCHEMES, PATHS),
    PATHS,  # relative, or anything at all
)
DATES = st.one_of(
    st.just("Mon, 08 Jun 2026 08:00:00 GMT"), st.just("Mon, 08 Jun 99999 08:00:00 GMT"),
    st.just("0000-00-00T00:00:00Z"), st.just("9999-12-31T23:59:59-23:59"),
    st.text(max_size=40),
)
TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")),
               max_size=60)
ENTRIES = st.lists(st.tuples(LINKS, TEXT, DATES, st.booleans()), min_size=1, max_size=12)


def _rss(entries: list[tuple[str, str, str, bool]]) -> bytes:
    items = "".join(
        f"<item><title>{escape(title)}</title><link>{escape(link)}</link>"
        f"<pubDate>{escape(date)}</pubDate><description>{escape('<p>' + title)}</description>"
        + (f"<content:encoded>{escape('<div><p>' + title)}</content:encoded>" if full else "")
        + "</item>"
        for link, title, date, full in entries)
    return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>F</title>'
            + items + "</channel></rss>").encode("utf-8", "surrogatepass")


def _spider(cls: type[Any], fetch_articles: bool) -> tuple[Any, Any]:
    crawler = get_crawler(cls, {})
    source = Source(id="fuzz", name="fuzz", kind=cls.kind, urls=(FEED_URL,), language="en",
                    fetch_articles=fetch_articles)
    return cls.from_crawler(crawler, source=source), crawler


def _response(body: bytes) -> Response:
    return Response(FEED_URL, body=body,
                    request=Request(FEED_URL, meta={"govwatch_root": True}))


def _is_web(url: str) -> bool:
    try:
        web_url(url)
    except NotAWebUrl:
        return False
    return True


@settings(max_examples=150, deadline=None)
@given(entries=ENTRIES, fetch_articles=st.booleans())
def test_feed_entries_yield_only_http_and_account_for_every_entry(
        entries: list[tuple[str, str, str, bool]], fetch_articles: bool) -> None:
    spider, crawler = _spider(FeedSpider, fetch_articles)
    announced: list[dict[str, Any]] = []

    def listing_fetched(entries: list[dict[str, Any]], **_: Any) -> None:
        announced.extend(entries)

    crawler.signals.connect(listing_fetched, signal=signals.listing_fetched)
    # A feed's entries go to the crawl frontier (the listing_fetched signal), never
    # straight to a request.
    assert list(spider.parse_listing(_response(_rss(entries)))) == []
    to_fetch = [e for e in announced if e.get("state") != "ignored"]
    for entry in to_fetch:
        assert _is_web(entry["url"]), entry["url"]
    stats = crawler.stats.get_stats()
    # each entry is to be fetched, or recorded as skipped, or has no link
    assert len(to_fetch) + stats.get("govwatch/skip/bad_entry", 0) + stats.get(
        "govwatch/feed/entry_without_link", 0) == len(entries)


@settings(max_examples=150, deadline=None)
@given(body=st.binary(max_size=2000))
def test_arbitrary_listing_bodies_never_raise(body: bytes) -> None:
    for cls in (FeedSpider, SitemapSpider):
        spider, _ = _spider(cls, True)
        for result in spider.parse_listing(_response(body)):
            assert _is_web(result.url)


TOKENS = st.one_of(st.sampled_from(["(", ")", '"', "*", " ", "AND", "OR", "NOT", "海關", "AI",
                                     "customs", "人工智能", "''"]),
                   st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)),
                           max_size=6))
QUERIES = st.lists(TOKENS, max_size=120).map(" ".join) | st.lists(TOKENS, max_size=60).map("".join)


@pytest.fixture(scope="module")
def search_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One small database for every generated query."""
    path = tmp_path_factory.mktemp("fuzz") / "g.db"
    make_db(path, [article(5, title="Customs pilots AI screening",
                           text="Customs said the AI pilot starts in July.")]).conn.close()
    return path


@settings(max_examples=120, deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(query_text=QUERIES)
def test_search_queries_exit_0_or_2_in_one_line(search_db: Path, query_text: str) -> None:
    # '--' as the help says: a query may start with '-' without being read as an option
    result = CliRunner().invoke(main, ["search", "--db", str(search_db), "--", query_text])
    assert result.exit_code in (0, 2), (query_text, result.output, result.exception)
    if result.exit_code == 2:
        assert result.output.startswith("govwatch: error: ") and result.output.count("\n") == 1
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output


@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(entries=st.lists(st.tuples(LINKS, TEXT, DATES, st.booleans()), min_size=5, max_size=25))
def test_crawl_of_a_generated_hostile_feed_exits_0_without_traceback(
        entries: list[tuple[str, str, str, bool]]) -> None:
    with RouteSite() as server, tempfile.TemporaryDirectory() as tmp:
        server.routes["/good.html"] = Route(article_page("Good article", article_text(3)))
        body = _rss([(f"{server.base}/good.html", "Good article", "", False), *entries])
        server.routes["/feed.xml"] = Route(body, headers={"Content-Type": "application/rss+xml"})
        sources = Path(tmp) / "sources.toml"
        sources.write_text(f'[[source]]\nid = "fuzz"\nkind = "feed"\n'
                           f'url = "{server.base}/feed.xml"\nlanguage = "en"\n', encoding="utf-8")
        db = Path(tmp) / "g.db"
        proc = crawl(db, sources)
        assert proc.returncode == 0, output(proc)
        assert "Traceback" not in proc.stderr, output(proc)
        urls = [r["url"] for r in query(db, "SELECT url FROM articles")]
        assert f"{server.base}/good.html" in urls and all(_is_web(u) for u in urls)
