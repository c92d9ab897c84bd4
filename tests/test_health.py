"""crawler.unattended.health: backoff, pause, silence and volume drops, from synthetic rows (no clock)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from crawler import db as dbm
from crawler.config import HealthSettings, Source, SourcesConfig
from crawler.shared.dates import parse_utc
from crawler.unattended import health

NOW = datetime(2026, 6, 30, 12, 0, tzinfo=UTC)
SETTINGS = HealthSettings()
SOURCE = Source(id="gov-x", name="Gov X", kind="feed", urls=("https://x.example/feed",),
                language="en", schedule="30m")
HOUR = 3600.0


def iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def state(**overrides):
    row = {"id": "gov-x", "first_seen_at": iso(NOW - timedelta(days=60)),
           "last_fetched_at": iso(NOW - timedelta(minutes=20)),
           "last_success_at": iso(NOW - timedelta(minutes=20)), "consecutive_failures": 0,
           "paused_at": None, "last_error": None, "etag_supported": 1, "articles": 100}
    row.update(overrides)
    return row


def every(step: timedelta, start: datetime, end: datetime) -> list[str]:
    out, moment = [], start
    while moment <= end:
        out.append(iso(moment))
        moment += step
    return out


def test_backoff_grows_from_backoff_after_and_is_capped():
    base = 30 * 60.0
    intervals = [health.backoff_interval(base, f, SETTINGS) for f in range(0, 9)]
    assert intervals[:2] == [base, base]  # 0 and 1 failures: normal interval
    assert intervals[2] == base * 2 and intervals[3] == base * 4 and intervals[4] == base * 8
    assert max(intervals) == SETTINGS.backoff_max_s
    assert intervals == sorted(intervals)


def test_due_waits_for_the_backed_off_interval():
    base, last = 30 * 60.0, NOW - timedelta(minutes=45)
    assert health.due(last, base, 1, SETTINGS, NOW)  # before backoff_after: every interval
    assert not health.due(last, base, 3, SETTINGS, NOW)  # 3 failures: wait 2h
    assert health.due(NOW - timedelta(hours=2), base, 3, SETTINGS, NOW)
    assert health.due(None, base, 5, SETTINGS, NOW)  # never tried: go


def test_a_source_that_starts_failing_is_backed_off_then_paused():
    statuses = []
    for failures in range(0, SETTINGS.pause_after + 1):
        row = state(consecutive_failures=failures, last_error="HTTP 500" if failures else None)
        h = health.assess(SOURCE, row, [], 1800.0, SETTINGS, NOW)
        statuses.append((failures, h.status, h.healthy, health.should_pause(failures, SETTINGS)))
        if failures >= SETTINGS.backoff_after:
            assert any("backing off" in p for p in h.problems)
            assert h.retry_interval_s is not None and h.retry_interval_s > 1800
    assert statuses[0][1:] == ("ok", True, False)
    assert statuses[1][1:] == ("failing", True, False)  # one failure: transient
    assert statuses[SETTINGS.unhealthy_after][2] is False
    assert [f for f, *_, pause in statuses if pause] == [SETTINGS.pause_after]


def test_pause_is_applied_in_the_database_and_resume_clears_it(tmp_path):
    db = dbm.open_db(tmp_path / "g.db")
    dbm.sync_sources(db, [SOURCE])
    for _ in range(SETTINGS.pause_after - 1):
        dbm.record_source_result(db, SOURCE.id, ok=False, status="failed", error="HTTP 503")
    assert health.apply_pauses(db, [SOURCE.id], SETTINGS) == []
    dbm.record_source_result(db, SOURCE.id, ok=False, status="failed", error="HTTP 503")
    assert health.apply_pauses(db, [SOURCE.id], SETTINGS) == [SOURCE.id]
    assert health.apply_pauses(db, [SOURCE.id], SETTINGS) == []  # already paused
    config = SourcesConfig(path=tmp_path / "s.toml", sources=(SOURCE,), default_schedule="1h")
    [h] = health.report(db, config, SETTINGS, NOW)
    assert h.status == "paused" and not h.healthy
    assert "govwatch resume gov-x" in h.problems[0]
    assert dbm.resume_source(db, SOURCE.id)
    [h] = health.report(db, config, SETTINGS, NOW)
    assert h.status == "ok" and h.consecutive_failures == 0
    # A pause also ends with a successful crawl.
    dbm.pause_source(db, SOURCE.id, "test")
    dbm.record_source_result(db, SOURCE.id, ok=True, status="ok")
    [h] = health.report(db, config, SETTINGS, NOW)
    assert h.status == "ok" and h.paused_at is None


def test_a_silent_source_is_flagged():
    # An article every 6 hours for three weeks, then nothing for 4 days.
    times = every(timedelta(hours=6), NOW - timedelta(days=25), NOW - timedelta(days=4))
    h = health.assess(SOURCE, state(), times, 1800.0, SETTINGS, NOW)
    assert h.status == "silent" and not h.healthy
    assert h.usual_gap_hours == 6.0
    assert any(p.startswith("silent: no new article for 4.0d") for p in h.problems)
    # The same history, seen two days after the last article: not silent yet.
    later = NOW - timedelta(days=2)
    assert health.assess(SOURCE, state(), times, 1800.0, SETTINGS, later).status == "ok"


def test_a_gap_of_a_few_usual_gaps_is_not_silence():
    # Hourly articles, quiet for 10 hours: more than 4 usual gaps, but under silent_min (3d).
    times = every(timedelta(hours=1), NOW - timedelta(days=5), NOW - timedelta(hours=10))
    assert health.assess(SOURCE, state(), times, 1800.0, SETTINGS, NOW).status == "ok"
    assert health.is_silent([parse_utc(t) for t in times], NOW,  # type: ignore[misc]
                            HealthSettings(silent_min_s=HOUR))


def test_too_few_articles_are_not_judged_silent():
    times = [iso(NOW - timedelta(days=40)), iso(NOW - timedelta(days=39))]
    assert health.assess(SOURCE, state(), times, 1800.0, SETTINGS, NOW).status == "ok"


def test_daily_counts_bucket_by_24_hours_before_now():
    times = [NOW - timedelta(hours=1), NOW - timedelta(hours=23), NOW - timedelta(hours=25),
             NOW - timedelta(days=27, hours=23), NOW - timedelta(days=28, hours=1),
             NOW + timedelta(hours=1)]
    counts = health.daily_counts(times, NOW, 28)
    assert counts[0] == 2 and counts[1] == 1 and counts[27] == 1 and sum(counts) == 4


def daily_times(per_day: list[int]) -> list[str]:
    """Article times for ``per_day`` counts, oldest day first, ending in the last 24h."""
    out = []
    for age, count in enumerate(reversed(per_day)):
        day_end = NOW - timedelta(days=age)
        out += [iso(day_end - timedelta(minutes=10 + 60 * i)) for i in range(count)]
    return out


def test_volume_drop_is_flagged():
    times = daily_times([10] * 21 + [2] * 7)  # mean 8, std 3.46: 2 < 8 - 1.5 * 3.46
    assert health.volume([2] * 7 + [10] * 21, SETTINGS).dropped  # newest first
    assert not health.volume([10] * 21 + [2] * 7, SETTINGS).dropped
    h = health.assess(SOURCE, state(), times, 1800.0, SETTINGS, NOW)
    assert h.status == "low_volume" and not h.healthy
    assert h.per_day_28d == 8.0 and h.per_day_7d == 2.0
    assert h.daily_new[:7] == [2] * 7


@pytest.mark.parametrize("per_day", [[10] * 28, [10] * 21 + [7] * 7, [0] * 28, [3, 0] * 14,
                                     [0, 5] * 14])
def test_normal_volume_is_not_flagged(per_day):
    h = health.assess(SOURCE, state(), daily_times(per_day), 1800.0, SETTINGS, NOW)
    assert h.status == "ok", h.problems


def test_volume_is_not_judged_before_enough_history():
    row = state(first_seen_at=iso(NOW - timedelta(days=5)))
    h = health.assess(SOURCE, row, daily_times([10] * 21 + [2] * 7), 1800.0, SETTINGS, NOW)
    assert h.status == "ok"


def test_pending_and_disabled_sources_are_healthy():
    assert health.assess(SOURCE, None, [], 1800.0, SETTINGS, NOW).status == "pending"
    off = Source(**{**SOURCE.__dict__, "enabled": False})
    h = health.assess(off, state(consecutive_failures=9), [], 1800.0, SETTINGS, NOW)
    assert h.status == "disabled" and h.healthy


def test_report_reads_article_times_and_etag_support(tmp_path):
    db = dbm.open_db(tmp_path / "g.db")
    dbm.sync_sources(db, [SOURCE])
    db.execute("UPDATE sources SET first_seen_at = ?, last_fetched_at = ?, last_success_at = ?, "
               "etag_supported = 0", (iso(NOW - timedelta(days=60)), iso(NOW), iso(NOW)))
    with dbm.transaction(db):
        for n, published in enumerate(["2026-06-29T08:00:00Z", "2026-06-28", "", "2027-01-01T00:00:00Z"]):
            dbm.insert_article(db, {"url": f"https://x.example/{n}", "source_id": SOURCE.id,
                                    "fetched_at": "2026-06-29T20:00:00Z", "content_hash": str(n),
                                    "published_at": published, "relevant": None})
    config = SourcesConfig(path=tmp_path / "s.toml", sources=(SOURCE,), default_schedule="1h")
    [h] = health.report(db, config, SETTINGS, NOW)
    assert h.etag_supported is False and h.articles == 4
    # A missing or future published date falls back to the fetch time.
    assert h.daily_new[:3] == [2, 1, 1]
    assert h.last_article_at == "2026-06-29T20:00:00Z"
    assert h.to_dict()["source_id"] == "gov-x"
