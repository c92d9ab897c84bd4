"""crawler.shared.dates: the shared parse/format helpers for stored UTC timestamps."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from crawler.shared.dates import article_moment, format_utc, parse_duration, parse_utc


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-06-01T08:00:00Z", datetime(2026, 6, 1, 8, tzinfo=UTC)),
        ("2026-06-01T16:00:00+08:00", datetime(2026, 6, 1, 8, tzinfo=UTC)),
        ("2026-06-01T08:00:00", datetime(2026, 6, 1, 8, tzinfo=UTC)),  # naive: UTC
        ("2026-06-01", datetime(2026, 6, 1, tzinfo=UTC)),
        ("", None), (None, None), ("yesterday", None), (12, None),
    ],
)
def test_parse_utc(value: object, expected: datetime | None) -> None:
    parsed = parse_utc(value)
    assert parsed == expected
    if parsed is not None:
        assert parsed.utcoffset() == timedelta(0)


def test_format_utc_round_trips_and_drops_microseconds() -> None:
    moment = datetime(2026, 6, 1, 16, 0, 5, 123456, tzinfo=timezone(timedelta(hours=8)))
    assert format_utc(moment) == "2026-06-01T08:00:05Z"
    assert format_utc(datetime(2026, 6, 1, 8)) == "2026-06-01T08:00:00Z"  # naive: UTC
    assert parse_utc(format_utc(moment)) == moment.replace(microsecond=0)


@pytest.mark.parametrize(("text", "seconds"), [
    ("90s", 90), ("15m", 900), ("6h", 21600), ("1d", 86400), ("2w", 1209600), (" 3 d ", 259200),
])
def test_one_duration_grammar(text: str, seconds: int) -> None:
    # schedule intervals, config durations and --since read durations the same way
    from crawler.outputs.export import parse_since
    from crawler.shared.cadence import parse_interval

    assert parse_duration(text) == timedelta(seconds=seconds)
    assert parse_interval(text) == timedelta(seconds=seconds)
    now = datetime(2026, 6, 10, tzinfo=UTC)
    assert parse_since(text, now=now) == format_utc(now - timedelta(seconds=seconds))


@pytest.mark.parametrize("text", ["", "7", "d", "1.5h", "-1d", "1y", "1 day"])
def test_not_a_duration(text: str) -> None:
    assert parse_duration(text) is None


def test_article_moment_is_published_else_fetched() -> None:
    assert article_moment("2026-06-01", "2026-06-03T08:00:00Z") == "2026-06-01"
    assert article_moment("", "2026-06-03T08:00:00Z") == "2026-06-03T08:00:00Z"
    assert article_moment(None, None) == ""
    assert parse_utc(article_moment("2026-06-01", "2026-06-03T08:00:00Z")) == datetime(
        2026, 6, 1, tzinfo=UTC)


def test_article_moment_sql_agrees_with_python(tmp_path) -> None:
    """The SQL form (filters, digest, search order, source health) reads the same moment."""
    import sqlite3

    from crawler.db.filters import article_moment_sql

    conn = sqlite3.connect(tmp_path / "m.db")
    conn.execute("CREATE TABLE articles (published_at TEXT, fetched_at TEXT)")
    rows = [("2026-06-01", "2026-06-03T08:00:00Z"), ("", "2026-06-03T08:00:00Z"),
            (None, "2026-06-04T09:00:00Z"), ("2026-06-02T10:00:00Z", "2026-06-05T00:00:00Z")]
    conn.executemany("INSERT INTO articles VALUES (?, ?)", rows)
    got = [r[0] for r in conn.execute(f"SELECT {article_moment_sql('articles')} FROM articles")]
    assert [parse_utc(g) for g in got] == [parse_utc(article_moment(p, f)) for p, f in rows]
    assert got[0] == "2026-06-01T00:00:00Z"  # a bare date is that day's midnight
