"""config/schedule.toml: the scheduler's jobs, timeouts and source-health thresholds."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from crawler.config.loader import (
    Fields,
    check_schedule,
    count_field,
    duration_field,
    load_toml,
    number_field,
)

HOUR = 3600.0


@dataclass(frozen=True)
class DigestJob:
    """The digest the scheduler runs: ``govwatch digest ARGS...`` on ``schedule``."""

    enabled: bool = False
    schedule: str = "0 7 * * *"
    args: tuple[str, ...] = ("--since", "last", "--email")
    timeout_s: float = 600.0


@dataclass(frozen=True)
class HealthSettings:
    """Thresholds of crawler.unattended.health; the shipped config/schedule.toml explains each."""

    unhealthy_after: int = 3
    backoff_after: int = 2
    backoff_factor: float = 2.0
    backoff_max_s: float = 12 * HOUR
    pause_after: int = 8
    silent_factor: float = 4.0
    silent_min_s: float = 72 * HOUR
    silent_min_articles: int = 5
    volume_days: int = 28
    volume_recent_days: int = 7
    volume_std_factor: float = 1.5
    volume_min_history_days: int = 14
    failing_articles: int = 5


@dataclass(frozen=True)
class ScheduleConfig:
    path: Path | None = None
    crawl_timeout_s: float = 900.0
    stop_timeout_s: float = 20.0
    max_parallel: int = 4
    digest: DigestJob = DigestJob()
    health: HealthSettings = HealthSettings()


def load_schedule_config(path: str | Path, *, missing_ok: bool = True) -> ScheduleConfig:
    """Load ``schedule.toml``; built-in defaults when it is missing and ``missing_ok``."""
    path = Path(path)
    if missing_ok and not path.exists():
        return ScheduleConfig()
    data = load_toml(path)
    top = Fields(path, "", data, {"scheduler", "digest", "health"})
    s = Fields(path, "[scheduler]", top.get("scheduler", dict, {}),
               {"crawl_timeout", "stop_timeout", "max_parallel"})
    d = Fields(path, "[digest]", top.get("digest", dict, {}),
               {"enabled", "schedule", "args", "timeout"})
    h = Fields(path, "[health]", top.get("health", dict, {}),
               {"unhealthy_after", "backoff_after", "backoff_factor", "backoff_max", "pause_after",
                "silent_factor", "silent_min", "silent_min_articles", "volume_days",
                "volume_recent_days", "volume_std_factor", "volume_min_history_days",
                "failing_articles"})
    dd, hd = DigestJob(), HealthSettings()
    digest_schedule = d.get("schedule", str, dd.schedule)
    check_schedule(d, "schedule", digest_schedule)
    digest = DigestJob(
        enabled=d.get("enabled", bool, dd.enabled),
        schedule=digest_schedule,
        args=d.str_list("args", dd.args),
        timeout_s=duration_field(d, "timeout", dd.timeout_s),
    )
    health = HealthSettings(
        unhealthy_after=count_field(h, "unhealthy_after", hd.unhealthy_after),
        backoff_after=count_field(h, "backoff_after", hd.backoff_after),
        backoff_factor=number_field(h, "backoff_factor", hd.backoff_factor, 1.0),
        backoff_max_s=duration_field(h, "backoff_max", hd.backoff_max_s),
        pause_after=count_field(h, "pause_after", hd.pause_after),
        silent_factor=number_field(h, "silent_factor", hd.silent_factor, 1.0),
        silent_min_s=duration_field(h, "silent_min", hd.silent_min_s),
        silent_min_articles=count_field(h, "silent_min_articles", hd.silent_min_articles, 2),
        volume_days=count_field(h, "volume_days", hd.volume_days, 2),
        volume_recent_days=count_field(h, "volume_recent_days", hd.volume_recent_days),
        volume_std_factor=number_field(h, "volume_std_factor", hd.volume_std_factor, 0.0),
        volume_min_history_days=count_field(h, "volume_min_history_days",
                                       hd.volume_min_history_days, 0),
        failing_articles=count_field(h, "failing_articles", hd.failing_articles),
    )
    if health.volume_recent_days >= health.volume_days:
        h.fail("volume_recent_days", f"must be less than volume_days ({health.volume_days})")
    if health.pause_after < health.backoff_after:
        h.fail("pause_after", f"must be at least backoff_after ({health.backoff_after})")
    defaults = ScheduleConfig()
    return ScheduleConfig(
        path=path,
        crawl_timeout_s=duration_field(s, "crawl_timeout", defaults.crawl_timeout_s),
        stop_timeout_s=duration_field(s, "stop_timeout", defaults.stop_timeout_s),
        max_parallel=count_field(s, "max_parallel", defaults.max_parallel),
        digest=digest,
        health=health,
    )
