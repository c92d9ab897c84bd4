"""End to end: the real ``govwatch crawl`` in a child process against the loopback site.

One module-scoped crawl of every fixture source (``first_run``) and a second crawl into
the same database (``second_run``) feed most tests; each then checks one promise of
issue #2 with sqlite3 on the database and with the site's request log. A few tests crawl
a fresh database of their own (exit code 0, feed full text, bad config, bad database).

The sources, the pages they lead to and what must become of each page are listed below;
the fixture pages themselves are in tests/fixtures/site/ (see tests/site.py).
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SiteView
from tests.site import LoggedRequest, TestSite

ROOT = Path(__file__).resolve().parents[1]

# Small limits so that every failure happens within a couple of seconds.
CRAWL_SETTINGS = [
    "-s", "DOWNLOAD_DELAY=0",
    "-s", "AUTOTHROTTLE_ENABLED=False",
    "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=16",
    "-s", "DOWNLOAD_TIMEOUT=2",
    "-s", "RETRY_TIMES=1",
    "-s", "GOVWATCH_RETRY_BACKOFF_BASE=0.1",
    "-s", "DOWNLOAD_MAXSIZE=100000",  # /big sends 300 kB
]

FOLLOW = [r"/news/20\d\d/", r"/zh/news/", r"/private/", r"/status/", r"/redirect-loop",
          r"/slow", r"/big", r"/docs/", r"/media/", r"/empty", r"/app/"]
SOURCES: list[dict[str, Any]] = [
    {"id": "civic-rss", "name": "Civic Times RSS", "kind": "feed",
     "url": "{base}/feeds/rss.xml", "language": "en", "jurisdiction": "GB"},
    {"id": "civic-atom", "kind": "feed", "url": "{base}/feeds/atom.xml", "language": "en"},
    # The fixture's articles are from June 2026: older than a sitemap's default max_age.
    {"id": "civic-sitemap", "kind": "sitemap", "url": "{base}/sitemaps/index.xml",
     "language": "en", "max_age": "none"},
    {"id": "civic-listing", "kind": "html", "url": "{base}/news/", "language": "en",
     "follow": FOLLOW, "max_pages": 3},
    {"id": "broken-feed", "kind": "feed", "url": "{base}/malformed-feed.xml", "language": "en"},
    {"id": "broken-sitemap", "kind": "sitemap", "url": "{base}/malformed-sitemap.xml",
     "language": "en"},
    {"id": "down-feed", "kind": "feed", "url": "{refused}/feeds/rss.xml", "language": "en"},
    {"id": "disabled-feed", "kind": "feed", "url": "{base}/feeds/disabled.xml",
     "language": "en", "enabled": False},
]
GOOD_SOURCES = ["civic-rss", "civic-atom", "civic-sitemap", "civic-listing"]
FAILED_SOURCES = ["broken-feed", "broken-sitemap", "down-feed"]

# Pages that must each become exactly one article (canonical path and query).
ARTICLES = {
    "/news/2026/ai-procurement.html",  # RSS (utm_*, #fragment) and sitemap (fbclid)
    "/news/2026/chatbot-pilot.html?id=7",  # RSS (fbclid, #top), no date in the page
    "/news/2026/data-ethics-board.html",  # RSS with content:encoded
    "/news/2026/skills-academy.html",  # Atom (utm_*)
    "/news/2026/hospital-triage.html",  # news sitemap
    "/news/2026/council-ai-guidance.html",  # listing pages 1 (utm_*) and 3
    "/news/2026/undated-explainer.html",  # listing page 3; no date anywhere
    "/zh/news/2026/big5-smart-city.html",  # news sitemap; Big5
    "/zh/news/2026/mislabelled-chatbot.html",  # Atom; UTF-8 served as iso-8859-1
    "/zh/news/2026/digital-policy-office.html",  # listing page 2; UTF-8
    "/zh/news/2026/gbk-data-rules.html",  # listing page 3; GBK
}
# The print edition of ai-procurement: same text, another URL → a mention, not a row.
# Whichever of the two is stored first is the row (the crawl's order decides).
SAME_TEXT = "/news/2026/ai-procurement-print.html"
SAME_STORY = ("/news/2026/ai-procurement.html", SAME_TEXT)
# Fetched, but not articles: recorded in ignored_pages.
IGNORED = {
    "/docs/ai-strategy.pdf": "application/pdf",
    "/media/chart.png": "image/png",
    "/empty.html": "text/html",
    "/app/dashboard.html": "text/html",
}
# Listing-page links that fail: (route, source, pattern the error must match, HTTP status).
ARTICLE_FAILURES = [
    ("/status/404", r"404", 404),
    ("/status/500", r"500", 500),
    ("/redirect-loop", r"(?i)redirect", None),
    ("/slow", r"(?i)time", None),
    ("/big", r"(?i)size|large", None),
]
LISTINGS = {"/robots.txt", "/feeds/rss.xml", "/feeds/atom.xml", "/sitemaps/index.xml",
            "/sitemaps/news.xml", "/news/", "/news/page/2.html", "/news/page/3.html",
            "/malformed-feed.xml", "/malformed-sitemap.xml"}
# The child sitemap too: the index answers 304, and its known child is still visited
# (conditionally), so a changed child sitemap under an unchanged index is not missed.
CONDITIONAL = {"/feeds/rss.xml", "/feeds/atom.xml", "/sitemaps/index.xml", "/sitemaps/news.xml"}

# A phrase of each Chinese page: present only when its bytes were decoded correctly.
CHINESE = {
    "/zh/news/2026/big5-smart-city.html": "智慧城市藍圖",
    "/zh/news/2026/mislabelled-chatbot.html": "多語言聊天機械人",
    "/zh/news/2026/digital-policy-office.html": "數字政策辦公室",
    "/zh/news/2026/gbk-data-rules.html": "公共数据安全管理办法",
}
MOJIBAKE = re.compile("[\ufffd\u00c0-\u00ff]")  # replacement chars or Latin-1 letters

EXPORT_KEYS = {"id", "url", "source_id", "title", "text", "published_at", "fetched_at",
               "language", "author", "description", "content_hash"}


# --------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------

def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("GOVWATCH_DB", "GOVWATCH_CONFIG")}
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env["PYTHONIOENCODING"] = "utf-8"
    return env


def govwatch(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run ``python -m crawler.cli ARGS`` in a child process from the repository root."""
    return subprocess.run(
        [sys.executable, "-m", "crawler.cli", *args], cwd=ROOT, env=_env(),
        capture_output=True, text=True, encoding="utf-8", timeout=timeout, check=False,
    )


def crawl(db: Path, sources: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return govwatch("crawl", "--db", str(db), "--sources", str(sources), *CRAWL_SETTINGS, *extra)


def output(proc: subprocess.CompletedProcess[str]) -> str:
    """The child's output, for assertion messages."""
    return f"exit {proc.returncode}\n--- stdout\n{proc.stdout[-4000:]}\n--- stderr\n{proc.stderr[-6000:]}"


def query(db: Path, sql: str, params: tuple[Any, ...] = ()) -> list[dict[str, Any]]:
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        return [dict(row) for row in conn.execute(sql, params)]
    finally:
        conn.close()


def snapshot(db: Path, target: Path) -> Path:
    """A consistent copy of ``db`` (WAL included) through SQLite's backup API."""
    src, dst = sqlite3.connect(db), sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()
    return target


@dataclass
class Run:
    proc: subprocess.CompletedProcess[str]
    requests: list[LoggedRequest]
    db: Path  # the database as this run left it
    run_id: int

    def routes(self) -> list[str]:
        """Routes requested on the site's own host (127.0.0.1:PORT)."""
        return [r.route for r in self.requests if r.host.startswith("127.0.0.1:")]

    def requests_for(self, route: str) -> list[LoggedRequest]:
        return [r for r in self.requests if r.route == route]


def _crawl_run(server: TestSite, db: Path, sources: Path, copy: Path) -> Run:
    server.reset_log()
    proc = crawl(db, sources)
    requests = server.log_snapshot()
    assert db.exists(), output(proc)
    copy = snapshot(db, copy)
    run_id = query(copy, "SELECT MAX(id) AS id FROM runs")[0]["id"]
    return Run(proc, requests, copy, run_id)


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory, site_server: TestSite) -> Path:
    path = tmp_path_factory.mktemp("e2e")
    site_server.write_sources(path, SOURCES)
    return path


@pytest.fixture(scope="module")
def first_run(workdir: Path, site_server: TestSite) -> Run:
    """Every fixture source crawled into a new database."""
    return _crawl_run(site_server, workdir / "x.db", workdir / "sources.toml",
                      workdir / "after-first-run.db")


@pytest.fixture(scope="module")
def second_run(first_run: Run, workdir: Path, site_server: TestSite) -> Run:
    """The same sources crawled again into the same database."""
    return _crawl_run(site_server, workdir / "x.db", workdir / "sources.toml",
                      workdir / "after-second-run.db")


def article_urls(db: Path) -> set[str]:
    return {row["url"] for row in query(db, "SELECT url FROM articles")}


def stored_articles(db: Path, server: TestSite) -> set[str]:
    """Article URLs as paths, the print edition counted as its original (see SAME_STORY)."""
    urls = [row["url"].removeprefix(server.base) for row in query(db, "SELECT url FROM articles")]
    paths = {SAME_STORY[0] if url == SAME_TEXT else url for url in urls}
    assert len(paths) == len(urls), f"both {SAME_STORY} stored as rows"
    return paths


def article_for_url(db: Path, server: TestSite, path: str) -> dict[str, Any]:
    """The stored article that ``path`` leads to, as its row or as another mention."""
    rows = query(db, "SELECT a.* FROM article_urls u JOIN articles a ON a.id = u.article_id "
                     "WHERE u.url = ?", (server.url(path),))
    assert len(rows) == 1, f"{path}: {len(rows)} articles; stored: {sorted(article_urls(db))}"
    return rows[0]


def article_by_path(db: Path, server: TestSite, path: str) -> dict[str, Any]:
    rows = query(db, "SELECT * FROM articles WHERE url = ?", (server.url(path),))
    assert len(rows) == 1, f"{path}: {len(rows)} rows; stored: {sorted(article_urls(db))}"
    return rows[0]


# --------------------------------------------------------------------------------------
# First run: what is stored
# --------------------------------------------------------------------------------------

def test_first_run_exits_1_and_prints_a_summary_of_every_source(first_run: Run) -> None:
    proc = first_run.proc
    assert proc.returncode == 1, output(proc)
    for source_id in GOOD_SOURCES + FAILED_SOURCES:
        assert re.search(rf"^{re.escape(source_id)}\s", proc.stdout, re.M), output(proc)
    assert "disabled-feed" not in proc.stdout


def test_failures_are_logged_without_tracebacks(first_run: Run) -> None:
    # A refused connection or a 404 is other people's trouble: one log line, no traceback.
    assert "Traceback" not in first_run.proc.stderr, output(first_run.proc)


def test_run_sources_mark_exactly_the_broken_sources_failed(first_run: Run) -> None:
    rows = query(first_run.db, "SELECT source_id, status FROM run_sources WHERE run_id = ?",
                 (first_run.run_id,))
    status = {row["source_id"]: row["status"] for row in rows}
    assert set(status) == set(GOOD_SOURCES + FAILED_SOURCES)
    assert {s for s, v in status.items() if v == "failed"} == set(FAILED_SOURCES), status


def test_run_counts(first_run: Run, second_run: Run) -> None:
    def counts(run: Run) -> dict[str, dict[str, Any]]:
        rows = query(run.db, "SELECT * FROM run_sources WHERE run_id = ?", (run.run_id,))
        return {row["source_id"]: row for row in rows}

    first, again = counts(first_run), counts(second_run)
    assert sum(r["new"] for r in first.values()) == len(ARTICLES)
    assert sum(r["duplicates"] for r in first.values()) == 1  # the print edition
    assert first["civic-listing"]["ignored"] == len(IGNORED)
    # 404, 500, redirect loop, timeout, oversized, refused
    assert first["civic-listing"]["errors"] == len(ARTICLE_FAILURES) + 1
    assert sum(r["new"] + r["duplicates"] for r in again.values()) == 0
    runs = query(second_run.db, "SELECT finish_reason, exit_code, finished_at FROM runs")
    assert [(r["finish_reason"], r["exit_code"]) for r in runs] == [("finished", 1)] * 2
    assert all(r["finished_at"] for r in runs)


def test_every_article_stored_once_and_nothing_else(first_run: Run, site_server: TestSite) -> None:
    assert stored_articles(first_run.db, site_server) == ARTICLES


@pytest.mark.parametrize(("path", "phrase"), sorted(CHINESE.items()))
def test_chinese_pages_are_decoded(first_run: Run, site_server: TestSite, path: str,
                                   phrase: str) -> None:
    row = article_by_path(first_run.db, site_server, path)
    assert phrase in row["text"], row["text"][:300]
    assert not MOJIBAKE.search(row["text"] + (row["title"] or "")), row["text"][:300]


def test_english_article_fields(first_run: Run, site_server: TestSite) -> None:
    row = article_for_url(first_run.db, site_server, "/news/2026/ai-procurement.html")
    assert "Council adopts rules" in row["title"]
    assert "algorithmic impact assessment" in row["text"]
    # Boilerplate (navigation, cookie banner, footer) is not article text.
    assert "Subscribe" not in row["text"] and "cookies" not in row["text"]
    assert row["published_at"].startswith("2026-06-01")
    assert row["content_hash"] and row["fetched_at"]


def test_undated_page_has_no_published_at(first_run: Run, site_server: TestSite) -> None:
    row = article_by_path(first_run.db, site_server, "/news/2026/undated-explainer.html")
    assert row["published_at"] is None, repr(row["published_at"])


def test_feed_date_fills_a_page_without_one(first_run: Run, site_server: TestSite) -> None:
    row = article_by_path(first_run.db, site_server, "/news/2026/chatbot-pilot.html?id=7")
    assert (row["published_at"] or "").startswith("2026-06-02"), row["published_at"]


def test_tracking_parameters_and_fragments_are_removed(first_run: Run) -> None:
    urls = {row["url"] for row in query(first_run.db, "SELECT url FROM article_urls")}
    urls |= article_urls(first_run.db)
    assert urls
    for url in urls:
        assert not re.search(r"utm_|fbclid|#", url), url
    # Canonical URLs are what was requested, too.
    for request in first_run.requests:
        assert not re.search(r"utm_|fbclid", request.path), request.path


def test_feed_and_sitemap_duplicate_is_one_row(first_run: Run, site_server: TestSite) -> None:
    rows = query(first_run.db, "SELECT id, url FROM articles WHERE title LIKE ?",
                 ("%Council adopts rules for buying artificial intelligence%",))
    assert len(rows) == 1, rows
    assert rows[0]["url"] in {site_server.url(p) for p in SAME_STORY}


def test_same_text_at_another_url_is_a_mention(first_run: Run, site_server: TestSite) -> None:
    article = article_for_url(first_run.db, site_server, SAME_STORY[0])
    mentions = query(first_run.db, "SELECT url, reason FROM article_urls WHERE article_id = ?",
                     (article["id"],))
    reasons = {m["url"].removeprefix(site_server.base): m["reason"] for m in mentions}
    assert set(reasons) == set(SAME_STORY), reasons
    assert sorted(reasons.values()) == ["same_text", "stored"], reasons
    assert reasons[article["url"].removeprefix(site_server.base)] == "stored"


# --------------------------------------------------------------------------------------
# First run: what is not requested, what failed, what was ignored
# --------------------------------------------------------------------------------------

def test_robots_txt_is_obeyed(first_run: Run, site_server: TestSite) -> None:
    routes = first_run.routes()
    assert "/robots.txt" in routes
    assert not [r for r in routes if r.startswith("/private/")]
    # ... and the frontier remembers why the link was not fetched.
    assert query(first_run.db, "SELECT state, last_error FROM frontier WHERE url = ?",
                 (site_server.url("/private/draft-ai-policy.html"),)) == [
        {"state": "disallowed", "last_error": "forbidden by robots.txt"}]


def test_robots_txt_is_fetched_once_per_host_per_run(first_run: Run) -> None:
    """Every fixture source is on one host; their crawlers share one robots.txt download."""
    robots = [r for r in first_run.requests if r.route == "/robots.txt"]
    assert len(robots) == 1, [(r.host, r.route) for r in robots]


def test_offsite_link_is_not_requested(first_run: Run) -> None:
    assert not [r for r in first_run.requests if not r.host.startswith("127.0.0.1:")]
    assert not [u for u in article_urls(first_run.db) if "localhost" in u]


def test_disabled_source_is_not_requested(first_run: Run) -> None:
    assert "/feeds/disabled.xml" not in first_run.routes()


def _errors(run: Run, url: str) -> list[dict[str, Any]]:
    return query(run.db, "SELECT * FROM fetch_errors WHERE run_id = ? AND url = ?",
                 (run.run_id, url))


@pytest.mark.parametrize(("route", "pattern", "status"), ARTICLE_FAILURES)
def test_failing_article_is_recorded(first_run: Run, site_server: TestSite, route: str,
                                     pattern: str, status: int | None) -> None:
    errors = _errors(first_run, site_server.url(route))
    assert errors, query(first_run.db, "SELECT url, error FROM fetch_errors")
    assert {e["source_id"] for e in errors} == {"civic-listing"}
    assert re.search(pattern, errors[0]["error"]), errors[0]["error"]
    if status is not None:
        assert errors[0]["http_status"] == status
    assert site_server.url(route) not in article_urls(first_run.db)


def test_500_is_retried_before_it_is_recorded(first_run: Run) -> None:
    assert len(first_run.requests_for("/status/500")) == 2  # RETRY_TIMES=1


def test_refused_connection_is_recorded(first_run: Run, site_server: TestSite) -> None:
    article = _errors(first_run, site_server.refused_base + "/news/2026/unreachable.html")
    assert article and re.search(r"(?i)refused", article[0]["error"]), article
    feed = _errors(first_run, site_server.refused_base + "/feeds/rss.xml")
    assert feed and feed[0]["source_id"] == "down-feed", feed
    assert re.search(r"(?i)refused", feed[0]["error"]), feed


@pytest.mark.parametrize(("source_id", "route"), [("broken-feed", "/malformed-feed.xml"),
                                                  ("broken-sitemap", "/malformed-sitemap.xml")])
def test_malformed_listing_is_recorded(first_run: Run, site_server: TestSite, source_id: str,
                                       route: str) -> None:
    errors = _errors(first_run, site_server.url(route))
    assert errors, query(first_run.db, "SELECT url, error FROM fetch_errors")
    assert errors[0]["source_id"] == source_id and errors[0]["error"].strip()
    state = query(first_run.db, "SELECT * FROM sources WHERE id = ?", (source_id,))[0]
    assert state["last_status"] == "error" and state["consecutive_failures"] == 1


@pytest.mark.parametrize(("route", "ctype"), sorted(IGNORED.items()))
def test_not_an_article_is_ignored_with_a_reason(first_run: Run, site_server: TestSite,
                                                 route: str, ctype: str) -> None:
    rows = query(first_run.db, "SELECT * FROM ignored_pages WHERE url = ?",
                 (site_server.url(route),))
    assert rows, query(first_run.db, "SELECT url, reason FROM ignored_pages")
    assert rows[0]["reason"].strip() and rows[0]["source_id"] == "civic-listing"
    assert (rows[0]["content_type"] or "").startswith(ctype)
    assert site_server.url(route) not in article_urls(first_run.db)


# --------------------------------------------------------------------------------------
# Second run: nothing downloaded again
# --------------------------------------------------------------------------------------

def test_second_run_downloads_no_stored_or_ignored_page(second_run: Run) -> None:
    assert second_run.proc.returncode == 1, output(second_run.proc)  # still broken sources
    done = {p.split("?")[0] for p in ARTICLES} | {SAME_TEXT} | set(IGNORED)
    routes = second_run.routes()
    assert not done & set(routes), sorted(done & set(routes))
    # Only listings, robots.txt and the pages that failed last time (worth a retry).
    allowed = LISTINGS | {route for route, _, _ in ARTICLE_FAILURES}
    assert set(routes) <= allowed, sorted(set(routes) - allowed)


@pytest.mark.parametrize("route", sorted(CONDITIONAL))
def test_second_run_gets_304_for_feeds_and_sitemaps(first_run: Run, second_run: Run,
                                                    route: str) -> None:
    [first] = first_run.requests_for(route)
    [again] = second_run.requests_for(route)
    assert first.status == 200
    assert "if-none-match" in again.headers or "if-modified-since" in again.headers
    assert again.status == 304, again.headers


def test_second_run_counts_304_as_success(second_run: Run) -> None:
    rows = query(second_run.db, "SELECT source_id, status FROM run_sources WHERE run_id = ?",
                 (second_run.run_id,))
    status = {row["source_id"]: row["status"] for row in rows}
    for source_id in ("civic-rss", "civic-atom", "civic-sitemap"):
        assert status[source_id] in ("ok", "not_modified"), status


def test_second_run_adds_no_rows(first_run: Run, second_run: Run) -> None:
    for table, key in (("articles", "id"), ("article_urls", "url"), ("ignored_pages", "url")):
        sql = f"SELECT {key} FROM {table} ORDER BY {key}"
        assert query(second_run.db, sql) == query(first_run.db, sql), table
    assert second_run.run_id == first_run.run_id + 1


# --------------------------------------------------------------------------------------
# Fresh databases: exit code 0, --source, feed full text
# --------------------------------------------------------------------------------------

def test_working_sources_exit_0_and_again_after_304(site: SiteView) -> None:
    sources = site.write_sources(SOURCES)
    db = site.tmp_path / "x.db"
    for attempt in (1, 2):
        site.reset_log()
        proc = crawl(db, sources, "--source", "civic-rss", "--source", "civic-sitemap")
        assert proc.returncode == 0, output(proc)
        routes = {r.route for r in site.requests}
        assert routes & {"/feeds/rss.xml", "/sitemaps/index.xml"}, routes
        assert not routes & {"/feeds/atom.xml", "/news/", "/malformed-feed.xml"}, routes
        if attempt == 2:
            assert routes <= {"/robots.txt", "/feeds/rss.xml", "/sitemaps/index.xml",
                              "/sitemaps/news.xml"}, routes


def test_feed_full_text_is_stored_without_fetching_the_page(site: SiteView) -> None:
    sources = site.write_sources([{"id": "rss-inline", "kind": "feed", "language": "en",
                                   "url": "{base}/feeds/rss.xml", "fetch_articles": False}])
    db = site.tmp_path / "x.db"
    proc = crawl(db, sources)
    assert proc.returncode == 0, output(proc)
    assert "/news/2026/data-ethics-board.html" not in {r.route for r in site.requests}
    rows = query(db, "SELECT * FROM articles WHERE url = ?",
                 (site.url("/news/2026/data-ethics-board.html"),))
    assert len(rows) == 1 and "eleven projects" in rows[0]["text"]
    assert rows[0]["title"] == "Data ethics board publishes its first annual report"


def test_extraction_in_worker_processes_stores_what_inline_extraction_stores(
        site: SiteView) -> None:
    sources = site.write_sources([{"id": "civic-rss", "kind": "feed", "language": "en",
                                   "url": "{base}/feeds/rss.xml"}])
    stored = {}
    for workers in ("0", "2"):
        db = site.tmp_path / f"workers-{workers}.db"
        proc = crawl(db, sources, "-s", f"GOVWATCH_EXTRACT_WORKERS={workers}",
                     "-s", "GOVWATCH_EXTRACT_WORKERS_AFTER=0")
        assert proc.returncode == 0, output(proc)
        stored[workers] = query(db, "SELECT url, title, text, content_hash, agencies "
                                    "FROM articles ORDER BY url")
    assert stored["0"] and stored["0"] == stored["2"]


def test_listing_forbidden_by_robots_txt_fails_the_source(site: SiteView) -> None:
    # The site asks crawlers to keep out of /private/: a source pointing there is a config
    # problem to report, never a silent empty success, and the page is not fetched.
    sources = site.write_sources([{"id": "forbidden", "kind": "html", "language": "en",
                                   "url": "{base}/private/draft-ai-policy.html"}])
    db = site.tmp_path / "x.db"
    proc = crawl(db, sources)
    assert proc.returncode == 1, output(proc)
    assert "/private/draft-ai-policy.html" not in {r.route for r in site.requests}
    errors = query(db, "SELECT source_id, error FROM fetch_errors")
    assert errors == [{"source_id": "forbidden", "error": "forbidden by robots.txt"}]
    status = query(db, "SELECT status FROM run_sources")
    assert status == [{"status": "failed"}]


def test_killed_run_leaves_a_consistent_database(site: SiteView) -> None:
    sources = site.write_sources(SOURCES)
    db = site.tmp_path / "x.db"
    # Stop the crawl where a feed has been read but one of its articles is not stored yet.
    held = "/news/2026/data-ethics-board.html"
    site.hold(held)
    args = ["crawl", "--db", str(db), "--sources", str(sources), *CRAWL_SETTINGS]
    child = subprocess.Popen([sys.executable, "-m", "crawler.cli", *args], cwd=ROOT,
                             env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while held not in {r.route for r in site.requests} and time.monotonic() < deadline:
            time.sleep(0.05)
        assert child.poll() is None, "the crawl ended before it could be killed"
    finally:
        child.kill()
        child.wait(timeout=30)
        site.release()
    assert query(db, "PRAGMA integrity_check") == [{"integrity_check": "ok"}]
    assert held not in stored_articles(db, site.server)
    proc = crawl(db, sources)
    assert proc.returncode == 1, output(proc)
    missing = ARTICLES - stored_articles(db, site.server)
    assert not missing, f"never stored after the kill: {sorted(missing)}"
    assert stored_articles(db, site.server) == ARTICLES
    runs = query(db, "SELECT id, finish_reason, exit_code FROM runs ORDER BY id")
    assert [(r["finish_reason"], r["exit_code"]) for r in runs] == [
        ("interrupted", None), ("finished", 1)]


# --------------------------------------------------------------------------------------
# Bad input
# --------------------------------------------------------------------------------------

GOOD_TABLE = '[[source]]\nid = "civic-rss"\nkind = "feed"\nurl = "{base}/feeds/rss.xml"\nlanguage = "en"\n'


@pytest.mark.parametrize(("bad", "parts"), [
    ('[[source]]\nid = "bad-kind"\nkind = "rss"\nurl = "{base}/x.xml"\nlanguage = "en"\n',
     ["bad-kind", "kind", "rss"]),
    (GOOD_TABLE, ["civic-rss", "id", "duplicate"]),
    ('[[source]]\nid = "no-url"\nkind = "feed"\nlanguage = "en"\n', ["no-url", "url", "missing"]),
    ('[[source]]\nid = "bad-schedule"\nkind = "feed"\nurl = "{base}/x.xml"\nlanguage = "en"\n'
     'schedule = "every tuesday"\n', ["bad-schedule", "schedule", "every tuesday"]),
    ('[[source]]\nid = "odd-key"\nkind = "feed"\nurl = "{base}/x.xml"\nlanguage = "en"\n'
     'colour = "blue"\n', ["odd-key", "colour"]),
], ids=["unknown-kind", "duplicate-id", "missing-url", "bad-schedule", "unknown-key"])
def test_invalid_config_exits_2_with_one_line(site: SiteView, bad: str, parts: list[str]) -> None:
    sources = site.write_sources(GOOD_TABLE + "\n" + bad)
    db = site.tmp_path / "x.db"
    proc = crawl(db, sources)
    assert proc.returncode == 2, output(proc)
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, output(proc)
    for part in [str(sources), *parts]:
        assert part in lines[0], (part, lines[0])
    assert not db.exists()
    assert site.requests == []


def test_unknown_source_id_exits_2(site: SiteView) -> None:
    sources = site.write_sources(GOOD_TABLE)
    db = site.tmp_path / "x.db"
    proc = crawl(db, sources, "--source", "no-such-source")
    assert proc.returncode == 2, output(proc)
    assert "no-such-source" in proc.stderr and len(proc.stderr.strip().splitlines()) == 1
    assert not db.exists() and site.requests == []


def test_unusable_database_exits_3(site: SiteView) -> None:
    sources = site.write_sources(GOOD_TABLE)
    db = site.tmp_path / "x.db"
    db.write_text("this is not a database\n" * 100)
    proc = crawl(db, sources)
    assert proc.returncode == 3, output(proc)
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and str(db) in lines[0], output(proc)
    assert db.read_text() == "this is not a database\n" * 100
    assert site.requests == []


# --------------------------------------------------------------------------------------
# export and sources
# --------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def export_db(first_run: Run, workdir: Path) -> Path:
    return Path(shutil.copy(first_run.db, workdir / "export.db"))


def _export(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    proc = govwatch("export", "--db", str(db), *args)
    assert proc.returncode == 0, output(proc)
    return proc


def _check_records(records: list[dict[str, Any]], db: Path) -> None:
    assert sorted(r["id"] for r in records) == [r["id"] for r in
                                                 query(db, "SELECT id FROM articles ORDER BY id")]
    for record in records:
        assert set(record) >= EXPORT_KEYS, EXPORT_KEYS - set(record)
    texts = "".join(str(r["text"]) for r in records)
    for phrase in CHINESE.values():
        assert phrase in texts


def test_export_jsonl(export_db: Path) -> None:
    proc = _export(export_db, "--format", "jsonl")
    lines = proc.stdout.splitlines()
    _check_records([json.loads(line) for line in lines], export_db)
    assert "\\u" not in proc.stdout and "智慧城市藍圖" in proc.stdout


def test_export_json(export_db: Path) -> None:
    proc = _export(export_db, "--format", "json")
    records = json.loads(proc.stdout)
    assert isinstance(records, list)
    _check_records(records, export_db)
    assert "\\u" not in proc.stdout and "多語言聊天機械人" in proc.stdout


def test_export_csv_to_file(export_db: Path, tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    _export(export_db, "--format", "csv", "--output", str(target))
    records = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    for record in records:
        record["id"] = int(record["id"])
    _check_records(records, export_db)


@pytest.mark.parametrize(("since", "expect_all"), [("2000-01-01", True), ("2999-01-01", False)])
def test_export_since(export_db: Path, since: str, expect_all: bool) -> None:
    proc = _export(export_db, "--format", "jsonl", "--since", since)
    count = len(proc.stdout.splitlines())
    assert count == (len(ARTICLES) if expect_all else 0)


def test_export_since_relative_uses_published_or_fetched(export_db: Path,
                                                         site_server: TestSite) -> None:
    # Fixture articles were published in May/June 2026; the undated explainer has only
    # its fetched_at, which is now, so "--since 7d" must include it.
    undated = site_server.url("/news/2026/undated-explainer.html")
    bound = (datetime.now(UTC) - timedelta(days=7)).strftime("%Y-%m-%dT%H:%M:%SZ")
    rows = query(export_db, "SELECT url, published_at, fetched_at FROM articles")
    expected = {r["url"] for r in rows if (r["published_at"] or r["fetched_at"]) >= bound}
    assert undated in expected
    proc = _export(export_db, "--format", "jsonl", "--since", "7d")
    assert {json.loads(line)["url"] for line in proc.stdout.splitlines()} == expected


def test_sources_lists_each_source_with_its_state(export_db: Path, workdir: Path) -> None:
    proc = govwatch("sources", "--db", str(export_db), "--sources", str(workdir / "sources.toml"))
    assert proc.returncode == 0, output(proc)
    lines = {line.split()[0]: line for line in proc.stdout.splitlines() if line.strip()}
    for source in SOURCES:
        assert source["id"] in lines, output(proc)
    assert "error" in lines["down-feed"] and "ok" in lines["civic-rss"]
    # The crawl frontier per source: pending, failed (waiting for a retry), gave up.
    assert proc.stdout.splitlines()[0].split()[-4:] == ["pending", "failed", "gave", "up"]
    # civic-listing: 500, timeout and refused wait for a retry; 404, redirect loop and the
    # oversized page are given up at once.
    assert lines["civic-listing"].split()[-3:] == ["0", "3", "3"], output(proc)
