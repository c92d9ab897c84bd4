"""The crawl frontier without Scrapy: the rules in crawler.runtime.frontier, the table in
crawler.db.frontier, the migration from a pre-frontier database, and source health."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from crawler import db as dbm
from crawler.config import ConfigError, HealthSettings, Source, load_schedule_config, parse_source
from crawler.db import frontier
from crawler.runtime import frontier as rules
from crawler.unattended import health

NOW = datetime(2026, 6, 30, 12, 0, tzinfo=UTC)
FIXTURE_V1 = Path(__file__).parent / "fixtures" / "db" / "govwatch-v1.db"


# --- rules ----------------------------------------------------------------------------

@pytest.mark.parametrize(("status", "error", "permanent"), [
    (404, "HTTP 404", True), (410, "HTTP 410", True), (403, "HTTP 403", True),
    (451, "HTTP 451", True), (429, "HTTP 429", False), (408, "HTTP 408", False),
    (500, "HTTP 500", False), (503, "HTTP 503", False),
    (None, "timed out after 20s", False), (None, "connection refused", False),
    (None, "DNS lookup failed", False), (None, "redirect loop (too many redirects)", True),
    (None, "response larger than DOWNLOAD_MAXSIZE", True),
    (None, "redirect refused: not an http(s) URL (scheme file)", True),
])
def test_permanent_failures(status: int | None, error: str, permanent: bool) -> None:
    assert rules.is_permanent(status, error) is permanent


def test_backoff_doubles_from_the_base_up_to_a_day() -> None:
    delays = [rules.retry_delay(n, 900.0) for n in range(1, 10)]
    assert delays[:4] == [900.0, 1800.0, 3600.0, 7200.0]
    assert max(delays) == 86400.0 and delays == sorted(delays)


def test_retry_after_is_a_floor() -> None:
    assert rules.retry_delay(1, 900.0, retry_after_s=7200.0) == 7200.0
    assert rules.retry_delay(3, 900.0, retry_after_s=60.0) == 3600.0


def test_retry_after_header() -> None:
    assert rules.retry_after_seconds(b"120", NOW) == 120.0
    assert rules.retry_after_seconds("Tue, 30 Jun 2026 13:00:00 GMT", NOW) == 3600.0
    assert rules.retry_after_seconds("Tue, 30 Jun 2026 11:00:00 GMT", NOW) == 0.0
    assert rules.retry_after_seconds("soon", NOW) is None
    assert rules.retry_after_seconds(None, NOW) is None


def test_too_old() -> None:
    day = 86400.0
    assert rules.too_old("2026-05-01T00:00:00Z", 30 * day, NOW)
    assert not rules.too_old("2026-06-15T00:00:00Z", 30 * day, NOW)
    assert not rules.too_old("", 30 * day, NOW)  # undated: never too old
    assert not rules.too_old("2020-01-01", None, NOW)  # no limit


# --- config -----------------------------------------------------------------------------

def source(**keys: object) -> Source:
    table = {"id": "s", "kind": "feed", "url": "https://e.example/feed", "language": "en",
             **keys}
    return parse_source(Path("sources.toml"), 0, table)


def test_source_defaults_per_kind() -> None:
    feed = source()
    assert (feed.retry_backoff, feed.max_attempts, feed.max_age) == (900.0, 5, None)
    assert source(kind="html").max_age is None
    assert source(kind="sitemap").max_age == 30 * 86400.0
    assert source(kind="sitemap", max_age="none").max_age is None
    assert source(max_age="7d", retry_backoff="1h", max_attempts=2).max_age == 7 * 86400.0


@pytest.mark.parametrize(("keys", "key"), [
    ({"retry_backoff": "soon"}, "retry_backoff"), ({"retry_backoff": "2d"}, "retry_backoff"),
    ({"max_attempts": 0}, "max_attempts"), ({"max_age": 30}, "max_age"),
    ({"max_age": "30 days"}, "max_age"),
])
def test_bad_frontier_keys_name_the_key(keys: dict[str, object], key: str) -> None:
    with pytest.raises(ConfigError) as err:
        source(**keys)
    assert f"key '{key}'" in str(err.value) and "source 's'" in str(err.value)


def test_failing_articles_threshold_is_read(tmp_path: Path) -> None:
    path = tmp_path / "schedule.toml"
    path.write_text("[health]\nfailing_articles = 2\n")
    assert load_schedule_config(path).health.failing_articles == 2


# --- the table --------------------------------------------------------------------------

@pytest.fixture
def db(tmp_path: Path):
    database = dbm.open_db(tmp_path / "g.db")
    dbm.sync_sources(database, [source(id="s"), source(id="other")])
    yield database
    database.conn.close()


def add(db, source_id: str, *entries: dict, listing: str = "https://e.example/feed") -> int:
    """Add entries; returns how many were new."""
    return dbm.record_listing_entries(db, source_id, listing, 200, '"v1"', None,
                                      list(entries))[0]


def test_entries_and_validators_are_written_together(db) -> None:
    new = add(db, "s", {"url": "https://e.example/a", "feed_published_at": "2026-06-01T00:00:00Z"},
              {"url": "https://e.example/b", "feed_title": "B"})
    assert new == 2
    assert dbm.listing_validators(db, "https://e.example/feed") == ('"v1"', None)
    # Seen again (another listing, another source): not new, owner and hints kept.
    assert add(db, "s", {"url": "https://e.example/a", "feed_title": "A"}) == 0
    assert add(db, "other", {"url": "https://e.example/b", "feed_title": "X"}) == 0
    rows = {r["url"]: r for r in db.query("SELECT * FROM frontier")}
    assert rows["https://e.example/a"]["feed_title"] == "A"  # a missing hint filled in
    assert rows["https://e.example/b"]["source_id"] == "s"
    assert rows["https://e.example/b"]["feed_title"] == "B"


def test_a_failed_write_records_no_validators(db) -> None:
    with pytest.raises(KeyError):  # an entry without a URL: the whole listing is rolled back
        add(db, "s", {"url": "https://e.example/a"}, {"feed_title": "no url"})
    assert dbm.listing_validators(db, "https://e.example/feed") == (None, None)
    assert db.execute("SELECT COUNT(*) FROM frontier").fetchone()[0] == 0


def test_due_entries_newest_first_within_the_cap_inline_ones_free(db) -> None:
    add(db, "s", *[{"url": f"https://e.example/{n}",
                    "feed_published_at": f"2026-06-{n:02d}T00:00:00Z"} for n in range(1, 11)],
        {"url": "https://e.example/full", "feed_content": "<p>text</p>",
         "feed_published_at": "2026-01-01T00:00:00Z"},
        {"url": "https://e.example/old", "state": "ignored", "last_error": "too old"})
    now = dbm.utcnow()
    due = frontier.due_entries(db, "s", now, 3)
    assert [r["url"].rsplit("/", 1)[1] for r in due] == ["full", "10", "9", "8"]
    assert frontier.count_due(db, "s", now) == 11
    assert frontier.due_entries(db, "other", now, 3) == []


def test_failures_back_off_then_give_up(db) -> None:
    add(db, "s", {"url": "https://e.example/a"}, {"url": "https://e.example/gone"})
    now = "2026-06-30T12:00:00Z"

    def record(url: str, permanent: bool = False) -> str | None:
        return frontier.record_failure(db, url, "HTTP 500", 500, now, permanent=permanent,
                                       max_attempts=3,
                                       next_attempt_at=lambda n: f"2026-07-0{n}T00:00:00Z")

    assert record("https://e.example/a") == "failed"
    assert frontier.due_entries(db, "s", now, 10)[0]["url"] == "https://e.example/gone"
    assert record("https://e.example/gone", permanent=True) == "gave_up"
    assert record("https://e.example/a") == "failed"
    assert record("https://e.example/a") == "gave_up"  # the third attempt
    assert record("https://e.example/not-there") is None
    row = frontier.entries(db, states=["gave_up"])
    assert {r["url"] for r in row} == {"https://e.example/a", "https://e.example/gone"}
    assert frontier.count_due(db, "s", "2030-01-01T00:00:00Z") == 0
    assert frontier.revive(db, now, urls=["https://e.example/a"]) == 1
    assert frontier.state_of(db, "https://e.example/a") == "pending"
    assert frontier.due_entries(db, "s", now, 10)[0]["attempts"] == 0
    assert frontier.revive(db, now, source_ids=["s"]) == 1  # /gone


def test_entries_listed_again_count_as_already_stored(db) -> None:
    add(db, "s", {"url": "https://e.example/a"}, {"url": "https://e.example/b"})
    frontier.settle(db, "https://e.example/a", "stored", dbm.utcnow())
    again = dbm.record_listing_entries(db, "s", "https://e.example/feed", 200, None, None,
                                       [{"url": "https://e.example/a"},
                                        {"url": "https://e.example/b"},
                                        {"url": "https://e.example/c"}])
    assert again == (1, 1)  # c is new; a is stored; b is still pending


def test_settle_clears_feed_content(db) -> None:
    add(db, "s", {"url": "https://e.example/a", "feed_content": "<p>x</p>"})
    frontier.settle(db, "https://e.example/a", "stored", dbm.utcnow())
    row = db.execute("SELECT state, feed_content, attempts FROM frontier").fetchone()
    assert row == ("stored", None, 1)


def test_ignored_page_settles_its_entry(db) -> None:
    add(db, "s", {"url": "https://e.example/a.pdf"})
    dbm.record_ignored(db, "https://e.example/a.pdf", "s", "not_html", "application/pdf", None)
    assert frontier.state_of(db, "https://e.example/a.pdf") == "ignored"


# --- migration --------------------------------------------------------------------------

def test_pre_frontier_database_is_migrated_in(tmp_path: Path) -> None:
    path = tmp_path / "govwatch.db"
    shutil.copyfile(FIXTURE_V1, path)  # schema 1: articles, article_urls, ignored_pages
    db = dbm.open_db(path)
    rows = {r["url"]: r for r in db.query("SELECT * FROM frontier")}
    base = "https://www.bastillepost.com/hongkong/article/"
    assert rows[base + "1001"]["state"] == "stored"
    assert rows[base + "1001"]["priority"] == "2026-06-01T02:30:00Z"
    assert rows[base + "1001?amp=1"]["state"] == "duplicate"
    assert rows["https://www.info.gov.hk/gia/general/202606/01/P2026060100123.htm"][
        "state"] == "stored"
    pdf = rows["https://www.info.gov.hk/gia/general/202606/01/report.pdf"]
    assert (pdf["state"], pdf["last_error"]) == ("ignored", "not_html")
    assert len(rows) == 6  # 4 articles, one more URL, one ignored page
    assert frontier.count_due(db, "bastillepost-hk", dbm.utcnow()) == 0  # nothing to re-fetch
    assert {r["pending"] for r in db.query("SELECT pending FROM run_sources")} == {0}
    db.conn.close()


# --- health -------------------------------------------------------------------------------

def test_a_source_whose_articles_keep_failing_is_unhealthy() -> None:
    settings = HealthSettings(failing_articles=3)
    src = Source(id="gov-x", name="Gov X", kind="feed", urls=("https://x.example/feed",),
                 language="en")
    state = {"id": "gov-x", "first_seen_at": "2026-05-01T00:00:00Z",
             "last_fetched_at": "2026-06-30T11:40:00Z", "consecutive_failures": 0}
    ok = health.assess(src, state, [], 1800.0, settings, NOW,
                       {"failed": 1, "gave_up": 1, "last_error": "HTTP 500"})
    assert ok.healthy and ok.failing_articles == 2 and ok.status == "ok"
    bad = health.assess(src, state, [], 1800.0, settings, NOW,
                        {"failed": 2, "gave_up": 1, "last_error": "HTTP 500"})
    assert not bad.healthy and bad.status == "failing_articles"
    assert any("3 article page(s) keep failing" in p and "HTTP 500" in p for p in bad.problems)


def test_failing_counts_recent_give_ups_only(db) -> None:
    add(db, "s", *[{"url": f"https://e.example/{n}"} for n in range(4)])
    for n, when in enumerate(["2026-06-29T00:00:00Z", "2026-06-01T00:00:00Z"]):
        frontier.record_failure(db, f"https://e.example/{n}", "HTTP 404", 404, when,
                                permanent=True, max_attempts=5, next_attempt_at=str)
    frontier.record_failure(db, "https://e.example/2", "timed out", None,
                            "2026-06-30T00:00:00Z", permanent=False, max_attempts=5,
                            next_attempt_at=lambda n: "2026-07-01T00:00:00Z")
    counts = frontier.failing(db, (NOW - timedelta(days=7)).strftime("%Y-%m-%dT%H:%M:%SZ"))
    assert (counts["s"]["failed"], counts["s"]["gave_up"]) == (1, 1)
    assert counts["s"]["last_error"] == "timed out"
