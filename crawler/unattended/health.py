"""Source health: is each source still working, and still saying as much as it used to?

Pure functions over rows from crawler.db (``now`` is always passed in, so tests need no
clock), plus :func:`report`, which reads the rows and is what ``govwatch status`` and the
digest's "source health" section call. A source is *unhealthy* when it is paused, has
failed ``unhealthy_after`` crawls in a row, is silent (no new article for several times
its usual gap) or its volume dropped (7-day mean below the 28-day mean minus 1.5 standard
deviations, the deviation taken as at least the square root of the mean), or when its
article pages keep failing (``failing_articles`` entries of the crawl frontier failed or
given up lately). Thresholds are data: ``[health]`` in config/schedule.toml.
"""

from __future__ import annotations

import math
import statistics
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from crawler import db as dbm
from crawler.config import HealthSettings, Source, SourcesConfig
from crawler.shared.dates import format_utc, parse_utc

DAY = 86400.0


# --- failures: backoff and pause ----------------------------------------------------------

def backoff_interval(base_s: float, failures: int, settings: HealthSettings) -> float:
    """The interval between attempts after ``failures`` failed crawls in a row.

    ``base_s`` until ``backoff_after`` failures, then multiplied by ``backoff_factor`` for
    each further failure, capped at ``backoff_max_s`` (never below ``base_s``).
    """
    if failures < settings.backoff_after:
        return base_s
    grown = base_s * settings.backoff_factor ** (failures - settings.backoff_after + 1)
    return max(base_s, min(grown, settings.backoff_max_s))


def due(last_attempt: datetime | None, base_s: float, failures: int,
        settings: HealthSettings, now: datetime) -> bool:
    """True when a source may be crawled now, given its backoff."""
    if last_attempt is None or failures < settings.backoff_after:
        return True
    # A little slack: a job firing on the dot of its interval must not miss by a second.
    wait = backoff_interval(base_s, failures, settings) - min(5.0, base_s / 10)
    return (now - last_attempt).total_seconds() >= wait


def should_pause(failures: int, settings: HealthSettings) -> bool:
    return failures >= settings.pause_after


# --- volume: daily counts, usual gap, silence, drop ----------------------------------------

def daily_counts(times: list[datetime], now: datetime, days: int) -> list[int]:
    """Articles per 24-hour bucket, newest first: index 0 is the last 24 hours before ``now``."""
    counts = [0] * days
    for moment in times:
        age = (now - moment).total_seconds()
        if 0 <= age < days * DAY:
            counts[int(age // DAY)] += 1
    return counts


def usual_gap(times: list[datetime], latest: int = 50) -> float | None:
    """Mean gap in seconds over the ``latest`` newest articles (their span / (n - 1)).

    The mean, not the median: outlets publish in bursts (several items a morning, then
    nothing until the next day), and the median gap of a burst is minutes.
    """
    recent = sorted(times)[-latest:]
    if len(recent) < 2:
        return None
    return (recent[-1] - recent[0]).total_seconds() / (len(recent) - 1)


def is_silent(times: list[datetime], now: datetime, settings: HealthSettings) -> bool:
    """No new article for ``silent_factor`` times the usual gap (and at least ``silent_min_s``)."""
    if len(times) < settings.silent_min_articles:
        return False
    gap = usual_gap(times)
    if gap is None:
        return False
    quiet = (now - max(times)).total_seconds()
    return quiet > max(settings.silent_factor * gap, settings.silent_min_s)


@dataclass(frozen=True)
class Volume:
    mean: float  # articles per day over volume_days
    recent_mean: float  # articles per day over volume_recent_days
    std: float
    dropped: bool


def volume(counts: list[int], settings: HealthSettings, judged: bool = True) -> Volume:
    """Compare the recent daily mean with the long one (``counts`` newest first)."""
    mean = statistics.fmean(counts) if counts else 0.0
    # Article counts are Poisson-like: take the spread as at least sqrt(mean), so a very
    # regular source is not flagged for a dip that chance alone explains.
    std = max(statistics.pstdev(counts) if len(counts) > 1 else 0.0, math.sqrt(mean))
    recent = counts[: settings.volume_recent_days]
    recent_mean = statistics.fmean(recent) if recent else 0.0
    dropped = judged and mean > 0 and recent_mean < mean - settings.volume_std_factor * std
    return Volume(round(mean, 3), round(recent_mean, 3), round(std, 3), dropped)


# --- one source ---------------------------------------------------------------------------

@dataclass(frozen=True)
class SourceHealth:
    source_id: str
    name: str
    enabled: bool
    # ok | pending | failing | paused | silent | low_volume | failing_articles | disabled
    status: str
    healthy: bool
    problems: list[str] = field(default_factory=list)
    last_fetched_at: str | None = None
    last_success_at: str | None = None
    last_error: str | None = None
    consecutive_failures: int = 0
    paused_at: str | None = None
    etag_supported: bool | None = None
    articles: int = 0
    last_article_at: str | None = None
    usual_gap_hours: float | None = None
    per_day_28d: float = 0.0
    per_day_7d: float = 0.0
    daily_new: list[int] = field(default_factory=list)  # newest first, 24-hour buckets
    retry_interval_s: float | None = None
    failing_articles: int = 0  # frontier: failed + given up within volume_recent_days

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _hours(seconds: float) -> str:
    return f"{seconds / DAY:.1f}d" if seconds >= 2 * DAY else f"{seconds / 3600:.1f}h"


def failing_problem(source_id: str, failing: dict[str, Any] | None,
                    settings: HealthSettings) -> str | None:
    """The problem line for a source whose article pages keep failing (the frontier's
    ``failed`` entries and those given up lately, see :func:`crawler.db.frontier.failing`),
    or None below ``failing_articles``. Shared by ``govwatch status`` and the scheduler."""
    if not failing:
        return None
    failed, gave_up = int(failing.get("failed") or 0), int(failing.get("gave_up") or 0)
    if failed + gave_up < settings.failing_articles:
        return None
    return (f"{failed + gave_up} article page(s) keep failing ({failed} awaiting a retry, "
            f"{gave_up} given up in {settings.volume_recent_days}d; last: "
            f"{failing.get('last_error') or '?'}); list them with: govwatch frontier "
            f"--source {source_id} --state failed --state gave_up")


def assess(source: Source, state: dict[str, Any] | None, times: list[str], base_s: float,
           settings: HealthSettings, now: datetime,
           failing: dict[str, Any] | None = None) -> SourceHealth:
    """Health of one source from its ``sources`` row, its article times and its failing
    frontier entries (``failing``)."""
    state = state or {}
    moments = [m for m in (parse_utc(t) for t in times) if m is not None and m <= now]
    counts = daily_counts(moments, now, settings.volume_days)
    first_seen = parse_utc(state.get("first_seen_at"))
    watched = first_seen is not None and (now - first_seen) >= timedelta(
        days=settings.volume_min_history_days)
    vol = volume(counts, settings, judged=watched)
    failures = int(state.get("consecutive_failures") or 0)
    gap = usual_gap(moments)
    silent = is_silent(moments, now, settings)
    etag = state.get("etag_supported")
    problems: list[str] = []
    if not source.enabled:
        status = "disabled"
    elif state.get("paused_at"):
        status = "paused"
        problems.append(f"paused since {state['paused_at']} after {failures} failures "
                        f"({state.get('last_error') or 'no error recorded'}); "
                        f"resume with: govwatch resume {source.id}")
    elif not state.get("last_fetched_at"):
        status = "pending"
    elif failures:
        status = "failing"
        problems.append(f"{failures} failed crawl(s) in a row: {state.get('last_error') or '?'}")
        if failures >= settings.backoff_after:
            problems.append(f"backing off: next attempt after "
                            f"{_hours(backoff_interval(base_s, failures, settings))}")
    elif silent:
        status = "silent"
    elif vol.dropped:
        status = "low_volume"
    elif failing_problem(source.id, failing, settings):
        status = "failing_articles"
    else:
        status = "ok"
    if source.enabled and silent:
        quiet = (now - max(moments)).total_seconds()
        problems.append(f"silent: no new article for {_hours(quiet)} "
                        f"(usual gap {_hours(gap or 0)})")
    if source.enabled and vol.dropped:
        problems.append(f"low volume: {vol.recent_mean:.2f}/day over "
                        f"{settings.volume_recent_days}d vs {vol.mean:.2f} ± {vol.std:.2f}/day "
                        f"over {settings.volume_days}d")
    articles_problem = failing_problem(source.id, failing, settings)
    if source.enabled and articles_problem:
        problems.append(articles_problem)
    healthy = not source.enabled or (status != "paused" and failures < settings.unhealthy_after
                                     and not silent and not vol.dropped
                                     and articles_problem is None)
    return SourceHealth(
        source_id=source.id,
        name=source.name,
        enabled=source.enabled,
        status=status,
        healthy=healthy,
        problems=problems,
        last_fetched_at=state.get("last_fetched_at"),
        last_success_at=state.get("last_success_at"),
        last_error=state.get("last_error"),
        consecutive_failures=failures,
        paused_at=state.get("paused_at"),
        etag_supported=None if etag is None else bool(etag),
        articles=int(state.get("articles") or 0),
        last_article_at=format_utc(max(moments)) if moments else None,
        usual_gap_hours=round(gap / 3600, 2) if gap is not None else None,
        per_day_28d=vol.mean,
        per_day_7d=vol.recent_mean,
        daily_new=counts,
        retry_interval_s=backoff_interval(base_s, failures, settings) if failures else None,
        failing_articles=int((failing or {}).get("failed") or 0)
        + int((failing or {}).get("gave_up") or 0),
    )


def base_interval(source: Source, config: SourcesConfig, now: datetime) -> float:
    """Seconds between a source's scheduled crawls (for a cron schedule: the next gap)."""
    from crawler.shared.cadence import interval_seconds

    return interval_seconds(source.schedule or config.default_schedule, now)


def recent_since(settings: HealthSettings, now: datetime) -> str:
    """The start of the "recent" window: ``volume_recent_days`` before ``now``."""
    return format_utc(now - timedelta(days=settings.volume_recent_days))


def report(db: Any, config: SourcesConfig, settings: HealthSettings | None = None,
           now: datetime | None = None) -> list[SourceHealth]:
    """Health of every configured source, in config order. Reads only."""
    settings = settings or HealthSettings()
    now = now or datetime.now(UTC)
    states = {row["id"]: row for row in dbm.source_states(db)}
    since = format_utc(now - timedelta(days=settings.volume_days))
    failing = dbm.frontier.failing(db, recent_since(settings, now))
    out = []
    for source in config.sources:
        times = dbm.article_times(db, source.id, since) if source.id in states else []
        out.append(assess(source, states.get(source.id), times,
                          base_interval(source, config, now), settings, now,
                          failing.get(source.id)))
    return out


def apply_pauses(db: Any, source_ids: list[str], settings: HealthSettings) -> list[str]:
    """Pause each of ``source_ids`` whose failures reached ``pause_after``; returns new pauses."""
    paused = []
    for row in dbm.source_states(db):
        if row["id"] in source_ids and not row.get("paused_at") and should_pause(
                int(row.get("consecutive_failures") or 0), settings):
            dbm.pause_source(db, row["id"], f"{row['consecutive_failures']} failed crawls in a row")
            paused.append(row["id"])
    return paused
