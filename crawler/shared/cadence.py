"""Schedule strings, the one grammar: an interval ("90s", "30m", "6h", "1d", "2w": the
duration grammar of crawler.shared.dates) or a five-field cron expression ("*/30 * * * *").

APScheduler's trigger classes parse and evaluate cron expressions here; the running
scheduler (crawler.unattended.scheduler) is the only other module that touches APScheduler.
Config validation, health and the scheduler all read schedules through this module.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from crawler.shared.dates import parse_duration

DAY = 86400.0


def parse_interval(text: str) -> timedelta | None:
    """"90s" → timedelta(seconds=90); None when ``text`` is not an interval
    (crawler.shared.dates.parse_duration: the one duration grammar)."""
    return parse_duration(text)


def parse_schedule(text: str) -> BaseTrigger:
    """Turn a schedule string into an APScheduler trigger; ValueError when it is neither form."""
    interval = parse_interval(text)
    if interval is not None:
        if interval.total_seconds() < 1:
            raise ValueError("interval must be at least 1s")
        return IntervalTrigger(seconds=int(interval.total_seconds()), timezone="UTC")
    if len(text.split()) != 5:
        raise ValueError("expected an interval such as '30m' or a 5-field cron expression")
    try:
        return CronTrigger.from_crontab(text, timezone="UTC")
    except ValueError as exc:
        raise ValueError(f"invalid cron expression: {exc}") from None


def interval_seconds(text: str, now: datetime) -> float:
    """Seconds between runs of a schedule; for a cron expression, the gap after ``now``."""
    interval = parse_interval(text)
    if interval is not None:
        return interval.total_seconds()
    trigger = CronTrigger.from_crontab(text, timezone="UTC")
    first = trigger.get_next_fire_time(None, now)
    second = trigger.get_next_fire_time(first, first + timedelta(seconds=1)) if first else None
    if first is None or second is None:
        return DAY
    return (second - first).total_seconds()


def next_due(text: str, last: datetime) -> datetime:
    """When a job last run at ``last`` is next due: ``last + interval``, or the next cron time."""
    interval = parse_interval(text)
    if interval is not None:
        return last + interval
    trigger = CronTrigger.from_crontab(text, timezone="UTC")
    nxt = trigger.get_next_fire_time(None, last + timedelta(seconds=1))
    return nxt if nxt is not None else last + timedelta(days=1)


def first_run(text: str, last: datetime | None, now: datetime,
              run_if_never: bool) -> datetime | None:
    """When a job should first run after the scheduler starts.

    A job whose last run is older than its schedule allows (it was missed while the
    scheduler was down) runs once now; a job never run runs now when ``run_if_never``;
    otherwise None: the trigger's own next time.
    """
    if last is None:
        return now if run_if_never else None
    due_at = next_due(text, last)
    return now if due_at <= now else due_at
