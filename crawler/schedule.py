"""The only module that talks to APScheduler.

Schedules in sources.toml are either an interval ("90s", "30m", "6h", "1d") or a
five-field cron expression ("*/30 * * * *").
"""

from __future__ import annotations

import re
from datetime import timedelta

from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

_INTERVAL = re.compile(r"^\s*(\d+)\s*([smhd])\s*$")
_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days"}


def parse_interval(text: str) -> timedelta | None:
    """"90s" → timedelta(seconds=90); None when ``text`` is not an interval."""
    match = _INTERVAL.match(text)
    if not match:
        return None
    return timedelta(**{_UNITS[match.group(2)]: int(match.group(1))})


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
