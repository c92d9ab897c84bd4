"""End to end, the crawl frontier (issue #11): real crawls of loopback sites built per test.

* a 250-entry feed with the default cap: three runs store every page, each within the
  cap, newest first, and the feed answers 304 on runs 2 and 3;
* a feed with a permanently failing page, a slow page, a 404 and a 503 with Retry-After:
  the feed still answers 304, failures wait for their backoff, ``gave_up`` after
  ``max_attempts``, and ``govwatch retry`` revives them;
* a sitemap with an old entry and ``max_age``;
* SIGKILL in the middle of a run, then a re-run.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from html import escape
from pathlib import Path
from typing import Any

import pytest

from tests.localsite import article_text
from tests.site import TestSite, sources_toml
from tests.test_e2e_crawl import CRAWL_SETTINGS, ROOT, _env, govwatch, output, query

NOW = datetime.now(UTC).replace(microsecond=0)
# Where a test counts requests per page, a page must not time out (and be retried within
# the run) just because this shared machine is busy: a generous timeout for those.
PATIENT = ("-s", "DOWNLOAD_TIMEOUT=60")


def title(n: int) -> str:
    """A distinct title without digits (the dedup stage ignores digits in titles)."""
    code = ""
    while True:
        n, rest = divmod(n, 26)
        code += "abcdefghijklmnopqrstuvwxyz"[rest]
        if not n:
            break
    return f"Council report {code} on digital services"


def article_page(n: int) -> str:
    return (f"<!doctype html><html><head><meta charset='utf-8'>"
            f"<title>{title(n)}</title></head><body>"
            f"<article><h1>{title(n)}</h1>"
            f"<p>{article_text(n)}</p><p>{article_text(n + 1000)}</p></article></body></html>")


def rss(items: list[tuple[str, str, datetime]]) -> str:
    """An RSS 2.0 feed of (link, title, published) items."""
    body = "".join(
        f"<item><title>{escape(title)}</title><link>{escape(link)}</link>"
        f"<pubDate>{format_datetime(when)}</pubDate></item>" for link, title, when in items)
    return (f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
            f"<title>Test feed</title><link>{{base}}/</link><description>x</description>"
            f"{body}</channel></rss>")


def make_site(root: Path, articles: int, extra_links: tuple[str, ...] = ()) -> None:
    """``root/feeds/rss.xml`` (conditional GET in tests/site.py) listing ``articles``
    pages, article n published n hours ago, plus ``extra_links`` (routes) newest of all."""
    (root / "news").mkdir(parents=True, exist_ok=True)
    (root / "feeds").mkdir(exist_ok=True)
    (root / "robots.txt").write_text("User-agent: *\nDisallow: /private/\n")
    items = [("{base}" + route, f"Extra {route}", NOW) for route in extra_links]
    for n in range(1, articles + 1):
        (root / "news" / f"a{n}.html").write_text(article_page(n), encoding="utf-8")
        items.append(("{base}" + f"/news/a{n}.html", title(n), NOW - timedelta(hours=n)))
    (root / "feeds" / "rss.xml").write_text(rss(items), encoding="utf-8")


@pytest.fixture
def own_site(tmp_path: Path) -> Any:
    root = tmp_path / "site"
    root.mkdir()
    with TestSite(root=root, slow_seconds=4.0) as server:
        yield server


def write_sources(server: TestSite, tmp_path: Path, sources: list[dict[str, Any]]) -> Path:
    path = tmp_path / "sources.toml"
    path.write_text(server.fill(sources_toml(sources)), encoding="utf-8")
    return path


def run(server: TestSite, db: Path, sources: Path, *extra: str) -> tuple[
        subprocess.CompletedProcess[str], list[Any]]:
    server.reset_log()
    proc = govwatch("crawl", "--db", str(db), "--sources", str(sources), *CRAWL_SETTINGS,
                    *extra)
    return proc, server.log_snapshot()


def article_routes(log: list[Any]) -> list[str]:
    return [r.route for r in log if r.route.startswith("/news/")]


def feed_status(log: list[Any]) -> list[int]:
    return [r.status for r in log if r.route == "/feeds/rss.xml"]


def run_row(db: Path) -> dict[str, Any]:
    return query(db, "SELECT * FROM run_sources ORDER BY run_id DESC LIMIT 1")[0]


def states(db: Path) -> dict[str, str]:
    return {r["url"].split("/", 3)[-1]: r["state"] for r in query(db, "SELECT url, state FROM frontier")}


# --------------------------------------------------------------------------------------

def test_a_250_entry_feed_is_stored_in_three_capped_runs(own_site: TestSite,
                                                        tmp_path: Path) -> None:
    make_site(own_site.root, 250)
    sources = write_sources(own_site, tmp_path, [
        {"id": "big-feed", "kind": "feed", "url": "{base}/feeds/rss.xml", "language": "en"}])
    db = tmp_path / "x.db"
    fetched: list[list[str]] = []
    for number, (expect_status, expect_pending) in enumerate(
            [(200, 150), (304, 50), (304, 0)], start=1):
        proc, log = run(own_site, db, sources, *PATIENT)
        assert proc.returncode == 0, output(proc)
        assert feed_status(log) == [expect_status], (number, feed_status(log))
        routes = article_routes(log)
        assert len(routes) == len(set(routes)) <= 100, number  # each run within the cap
        fetched.append(routes)
        row = run_row(db)
        assert row["pending"] == expect_pending, (number, row)
        assert row["requested"] == len(routes) and row["new"] == len(routes), row
        assert f"{expect_pending}" in proc.stdout.splitlines()[2], proc.stdout
    # Every page stored once, and none fetched twice over the three runs.
    assert query(db, "SELECT COUNT(*) AS n, COUNT(DISTINCT url) AS d FROM articles") == [
        {"n": 250, "d": 250}]
    everything = [route for routes in fetched for route in routes]
    assert len(everything) == len(set(everything)) == 250
    # Newest first: run 1 took the 100 newest entries (article n is n hours old).
    assert {int(r.removeprefix("/news/a").removesuffix(".html")) for r in fetched[0]} == set(
        range(1, 101))
    assert set(states(db).values()) == {"stored"}


def gap(row: dict[str, Any]) -> float:
    """Seconds between an entry's last attempt and its next one."""
    return (datetime.fromisoformat(row["next_attempt_at"])
            - datetime.fromisoformat(row["last_attempt_at"])).total_seconds()


def pass_time(db: Path, *routes: str) -> None:
    """Let the clock pass the next attempt of ``routes`` (instead of sleeping for it)."""
    conn = sqlite3.connect(db)
    with conn:
        for route in routes:
            conn.execute("UPDATE frontier SET next_attempt_at = '2000-01-01T00:00:00Z' "
                         "WHERE url LIKE ?", ("%" + route,))
    conn.close()


def test_failures_back_off_give_up_and_are_revived(own_site: TestSite, tmp_path: Path) -> None:
    make_site(own_site.root, 2, extra_links=("/status/500", "/slow", "/status/404",
                                             "/status/503"))
    sources = write_sources(own_site, tmp_path, [
        {"id": "flaky", "kind": "feed", "url": "{base}/feeds/rss.xml", "language": "en",
         "retry_backoff": "1h", "max_attempts": 3}])
    db = tmp_path / "x.db"
    no_retry = ("-s", "RETRY_TIMES=0")
    proc, log = run(own_site, db, sources, *no_retry)
    assert proc.returncode == 0, output(proc)  # failing articles do not fail the source
    first = {r.route for r in log}
    assert {"/status/500", "/slow", "/status/404", "/status/503"} <= first
    assert states(db) == {"status/500": "failed", "slow": "failed", "status/404": "gave_up",
                          "status/503": "failed", "news/a1.html": "stored",
                          "news/a2.html": "stored"}
    rows = {r["url"].split("/", 3)[-1]: r for r in query(db, "SELECT * FROM frontier")}
    assert gap(rows["status/500"]) == gap(rows["slow"]) == 3600  # retry_backoff
    assert gap(rows["status/503"]) == 7200  # Retry-After beats the backoff
    assert "404" in rows["status/404"]["last_error"]
    assert run_row(db)["gave_up"] == 1

    # Right away: the feed is unchanged (304) and nothing is due.
    proc, log = run(own_site, db, sources, *no_retry)
    assert proc.returncode == 0, output(proc)
    assert feed_status(log) == [304]
    assert {r.route for r in log} <= {"/robots.txt", "/feeds/rss.xml"}, log

    # Once due, the 500 and the slow page are tried again, the wait doubling, until
    # max_attempts: then they are given up, and no run tries them again.
    for attempt in (2, 3):
        pass_time(db, "/status/500", "/slow")
        proc, log = run(own_site, db, sources, *no_retry)
        assert proc.returncode == 0, output(proc)
        assert feed_status(log) == [304]
        assert sorted(r.route for r in log if r.route not in ("/robots.txt", "/feeds/rss.xml")
                      ) == ["/slow", "/status/500"], attempt
        rows = {r["url"].split("/", 3)[-1]: r for r in query(db, "SELECT * FROM frontier")}
        assert rows["status/500"]["attempts"] == attempt
        if attempt == 2:
            assert gap(rows["status/500"]) == 7200
    assert states(db)["status/500"] == states(db)["slow"] == "gave_up"
    assert run_row(db)["gave_up"] == 2
    pass_time(db, "/status/500", "/slow")
    proc, log = run(own_site, db, sources, *no_retry)
    assert {r.route for r in log} <= {"/robots.txt", "/feeds/rss.xml"}

    # govwatch status: the source's feed works, but its pages keep failing.
    schedule = tmp_path / "schedule.toml"
    schedule.write_text("[health]\nfailing_articles = 4\n")
    status = govwatch("status", "--json", "--db", str(db), "--sources", str(sources),
                      "--schedule-config", str(schedule))
    assert status.returncode == 1, output(status)
    [report] = json.loads(status.stdout)["sources"]
    assert (report["status"], report["failing_articles"]) == ("failing_articles", 4)
    assert any("4 article page(s) keep failing" in p for p in report["problems"])

    # govwatch frontier lists them; govwatch retry makes them due again.
    listed = govwatch("frontier", "--db", str(db), "--sources", str(sources),
                      "--state", "gave_up", "--format", "json")
    assert listed.returncode == 0, output(listed)
    given_up = {r["url"].split("/", 3)[-1]: r for r in json.loads(listed.stdout)}
    assert set(given_up) == {"status/500", "slow", "status/404"}
    assert given_up["status/500"]["attempts"] == 3 and "500" in given_up["status/500"]["last_error"]
    revived = govwatch("retry", "--db", str(db), "--sources", str(sources),
                       own_site.url("/status/500"), own_site.url("/status/404"))
    assert revived.returncode == 0, output(revived)
    assert states(db)["status/500"] == states(db)["status/404"] == "pending"
    assert states(db)["slow"] == "gave_up"
    proc, log = run(own_site, db, sources, *no_retry)
    assert sorted(r.route for r in log if r.route.startswith("/status/")) == [
        "/status/404", "/status/500"]
    assert states(db)["status/404"] == "gave_up"  # permanent: final at once, again
    assert states(db)["status/500"] == "failed"  # attempts start over


def test_sitemap_entries_too_old_or_not_http_are_ignored(own_site: TestSite,
                                                       tmp_path: Path) -> None:
    make_site(own_site.root, 3)
    old = (NOW - timedelta(days=40)).strftime("%Y-%m-%d")
    recent = (NOW - timedelta(days=2)).strftime("%Y-%m-%d")
    (own_site.root / "sitemap.xml").write_text(
        "<?xml version='1.0'?><urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
        f"<url><loc>{{base}}/news/a1.html</loc><lastmod>{recent}</lastmod></url>"
        f"<url><loc>{{base}}/news/a2.html</loc><lastmod>{old}</lastmod></url>"
        "<url><loc>{base}/news/a3.html</loc></url>"
        "<url><loc>file:///etc/passwd</loc></url></urlset>", encoding="utf-8")
    sources = write_sources(own_site, tmp_path, [
        {"id": "archive", "kind": "sitemap", "url": "{base}/sitemap.xml", "language": "en"}])
    db = tmp_path / "x.db"
    proc, log = run(own_site, db, sources)
    assert proc.returncode == 0, output(proc)
    assert sorted(article_routes(log)) == ["/news/a1.html", "/news/a3.html"]  # undated: kept
    [row] = query(db, "SELECT state, last_error FROM frontier WHERE url LIKE '%/a2.html'")
    assert row["state"] == "ignored" and row["last_error"].startswith("too old")
    assert "max_age 30d" in row["last_error"]  # the sitemap default
    # Not http(s): never requested, an ignored frontier row with the reason (crawler.shared.urls).
    [row] = query(db, "SELECT state, last_error FROM frontier WHERE url LIKE 'file:%'")
    assert row["state"] == "ignored" and "not an http(s) URL" in row["last_error"]


def stored_count(db: Path) -> int:
    """Articles stored so far; 0 while the crawl has not created the database. Read-only:
    opening the path for writing would create an empty file under the crawl's feet."""
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        try:
            return int(conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.OperationalError:  # not created or not migrated yet
        return 0


def test_sigkill_mid_run_then_rerun(own_site: TestSite, tmp_path: Path) -> None:
    make_site(own_site.root, 60)
    sources = write_sources(own_site, tmp_path, [
        {"id": "big-feed", "kind": "feed", "url": "{base}/feeds/rss.xml", "language": "en"}])
    db = tmp_path / "x.db"
    held = "/news/a30.html"
    own_site.reset_log()
    own_site.hold(held)
    settings = [*CRAWL_SETTINGS, "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=4", *PATIENT]
    child = subprocess.Popen(
        [sys.executable, "-m", "crawler.cli", "crawl", "--db", str(db), "--sources",
         str(sources), *settings], cwd=ROOT, env=_env(), stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if held in {r.route for r in own_site.log_snapshot()} and stored_count(db):
                break
            time.sleep(0.05)
        assert child.poll() is None, "the crawl ended before it could be killed"
    finally:
        child.kill()
        child.wait(timeout=30)
        own_site.release()
    first_log = own_site.log_snapshot()
    assert query(db, "PRAGMA integrity_check") == [{"integrity_check": "ok"}]
    stored_before = {r["url"].removeprefix(own_site.base)
                     for r in query(db, "SELECT url FROM articles")}
    assert stored_before and held not in stored_before
    # Every stored article's entry says so (one transaction); the rest are still open.
    settled = {r["url"].removeprefix(own_site.base) for r in query(
        db, "SELECT url FROM frontier WHERE state = 'stored'")}
    assert settled == stored_before
    assert query(db, "SELECT COUNT(*) AS n FROM frontier")[0]["n"] == 60
    assert feed_status(first_log) == [200]

    proc, log = run(own_site, db, sources, *PATIENT)
    assert proc.returncode == 0, output(proc)
    assert feed_status(log) == [304]  # the entries were safe before the kill
    again = article_routes(log)
    assert not set(again) & stored_before, sorted(set(again) & stored_before)
    assert len(again) == len(set(again)) == 60 - len(stored_before)
    assert query(db, "SELECT COUNT(*) AS n, COUNT(DISTINCT url) AS d FROM articles") == [
        {"n": 60, "d": 60}]
    assert set(states(db).values()) == {"stored"}
    assert query(db, "PRAGMA integrity_check") == [{"integrity_check": "ok"}]


def test_two_sources_on_one_host_share_the_delay(own_site: TestSite, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GOVWATCH_CONTACT_URL", raising=False)
    make_site(own_site.root, 8)
    items = [("{base}" + f"/news/a{n}.html", title(n), NOW - timedelta(hours=n))
             for n in range(5, 9)]
    (own_site.root / "feeds" / "second.xml").write_text(rss(items), encoding="utf-8")
    (own_site.root / "feeds" / "rss.xml").write_text(rss(
        [("{base}" + f"/news/a{n}.html", title(n), NOW - timedelta(hours=n))
         for n in range(1, 5)]), encoding="utf-8")
    sources = write_sources(own_site, tmp_path, [
        {"id": "section-one", "kind": "feed", "url": "{base}/feeds/rss.xml", "language": "en"},
        {"id": "section-two", "kind": "feed", "url": "{base}/feeds/second.xml",
         "language": "en"}])
    db = tmp_path / "x.db"
    delay = 0.4
    proc, log = run(own_site, db, sources, "-s", f"DOWNLOAD_DELAY={delay}",
                    "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=1", *PATIENT)
    assert proc.returncode == 0, output(proc)
    assert query(db, "SELECT COUNT(*) AS n FROM articles") == [{"n": 8}]
    routes = [r.route for r in log]
    assert routes.count("/robots.txt") == 1 and len(routes) == 11, routes  # robots, 2 feeds, 8
    times = sorted(r.at for r in log)
    gaps = [round(b - a, 3) for a, b in zip(times, times[1:], strict=False)]
    # Both sources' requests go to one host: one delay between any two of them. The
    # server thread stamps a request when it gets to it: on a busy machine one stamp comes
    # late, making one gap longer and the next shorter by as much (0.48 then 0.321), so
    # two gaps in a row hold two delays; without a shared delay two requests would leave
    # together (a gap near 0).
    assert min(gaps) >= delay - 0.1, gaps
    assert all(a + b >= 2 * delay - 0.05 for a, b in zip(gaps, gaps[1:], strict=False)), gaps
    # An honest User-Agent: govwatch and its version, no made-up URL.
    from crawler import __version__

    assert {r.headers["user-agent"] for r in log} == {f"govwatch/{__version__}"}


def test_the_contact_setting_goes_into_the_user_agent(own_site: TestSite, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    make_site(own_site.root, 1)
    sources = write_sources(own_site, tmp_path, [
        {"id": "one", "kind": "feed", "url": "{base}/feeds/rss.xml", "language": "en"}])
    monkeypatch.setenv("GOVWATCH_CONTACT_URL", "mailto:newsdesk@example.org")
    proc, log = run(own_site, tmp_path / "x.db", sources)
    assert proc.returncode == 0, output(proc)
    agents = {r.headers["user-agent"] for r in log}
    assert len(agents) == 1 and agents.pop().endswith(" (+mailto:newsdesk@example.org)")


def test_a_page_declaring_another_canonical_url_settles_its_entry(own_site: TestSite,
                                                                  tmp_path: Path) -> None:
    make_site(own_site.root, 2)
    page = (own_site.root / "news" / "a1.html").read_text(encoding="utf-8")
    (own_site.root / "news" / "a1.html").write_text(page.replace(
        "<head>", "<head><link rel='canonical' href='{base}/news/2026/first-report.html'>"),
        encoding="utf-8")
    sources = write_sources(own_site, tmp_path, [
        {"id": "one", "kind": "feed", "url": "{base}/feeds/rss.xml", "language": "en"}])
    db = tmp_path / "x.db"
    proc, log = run(own_site, db, sources)
    assert proc.returncode == 0, output(proc)
    assert own_site.url("/news/2026/first-report.html") in {
        r["url"] for r in query(db, "SELECT url FROM articles")}
    assert set(states(db).values()) == {"stored"}, states(db)
    assert run_row(db)["pending"] == 0
