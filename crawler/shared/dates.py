"""Dates from feeds, sitemaps and pages, normalised to UTC ISO 8601 (``...Z``), and the
two helpers every module uses for stored timestamps: :func:`parse_utc` and
:func:`format_utc`."""

from __future__ import annotations

import calendar
import re
import time
from datetime import UTC, date, datetime, timedelta
from email.utils import parsedate_to_datetime


def to_utc_iso(value: object) -> str:
    """Best-effort conversion to ``YYYY-MM-DDTHH:MM:SSZ``; "" when unknown or unparseable.

    Accepts ``time.struct_time`` (UTC, as feedparser gives), ``datetime``/``date``, ISO 8601
    and W3C datetime strings, and RFC 2822 strings. A time without a zone is taken as UTC;
    a bare date stays a date (``YYYY-MM-DD``) because inventing a time would be false
    precision.
    """
    if value is None or value == "":
        return ""
    try:
        return _to_utc_iso(value)
    except (OverflowError, OSError, ValueError, TypeError):
        return ""  # a date out of range (year 99999, before year 1 in UTC): unknown


def _to_utc_iso(value: object) -> str:
    if isinstance(value, time.struct_time):
        return format_utc(datetime.fromtimestamp(calendar.timegm(value), UTC))
    if isinstance(value, datetime):
        return format_utc(value)
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    if len(text) == 10 and text[4] == "-" and text[7] == "-":
        try:
            return date.fromisoformat(text).isoformat()
        except ValueError:
            return ""
    try:
        return format_utc(datetime.fromisoformat(text.replace("Z", "+00:00")))
    except ValueError:
        pass
    try:
        return format_utc(parsedate_to_datetime(text))
    except (TypeError, ValueError, IndexError):
        return ""


def format_utc(moment: datetime) -> str:
    """``YYYY-MM-DDTHH:MM:SSZ`` in UTC; a naive datetime is taken as UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def article_moment(published_at: str | None, fetched_at: str | None) -> str:
    """When an article happened, the one rule: its publication date, else when it was
    fetched ("" when neither is known). A bare date stays a date; :func:`parse_utc` reads
    it as midnight UTC, as does the SQL form (crawler.db.filters.article_moment_sql)."""
    return published_at or fetched_at or ""


def utc_now() -> str:
    """Now, as every stored timestamp is written: ``YYYY-MM-DDTHH:MM:SSZ``."""
    return format_utc(datetime.now(UTC))


def parse_utc(value: object) -> datetime | None:
    """A stored timestamp (``2026-06-01T08:00:00Z``, ``2026-06-01``) as an aware UTC
    datetime; None when empty, not a string or not ISO 8601. Naive values are UTC."""
    if not value or not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def utc_bound(value: str) -> datetime:
    """A period bound this program wrote (``2026-06-01T00:00:00Z``) as a datetime;
    ValueError when it is not one (a bug, not bad input)."""
    moment = parse_utc(value)
    if moment is None:
        raise ValueError(f"not an ISO 8601 timestamp: {value!r}")
    return moment


# The one grammar of durations, for every place that reads one (schedule intervals,
# config keys such as max_age and retry_backoff, --since/--until, --crawl-timeout):
# a whole number and a unit, s(econds), m(inutes), h(ours), d(ays) or w(eeks).
_DURATION = re.compile(r"^\s*(\d+)\s*([smhdw])\s*$")
_DURATION_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days", "w": "weeks"}
DURATION_EXAMPLES = "'90s', '15m', '6h', '1d' or '2w'"


def parse_duration(text: str) -> timedelta | None:
    """"90s" → timedelta(seconds=90), "2w" → 14 days; None when ``text`` is not a duration."""
    match = _DURATION.match(text)
    if not match:
        return None
    return timedelta(**{_DURATION_UNITS[match.group(2)]: int(match.group(1))})
