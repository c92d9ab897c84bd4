"""``govwatch schedule`` and ``status``: unattended operation."""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime

import click

from crawler.cli.base import (
    Context,
    common_options,
    duration_option,
    fail,
    format_table,
    main,
    parse_set,
    schedule_config_option,
    yes_no,
)
from crawler.shared.dates import format_utc
from crawler.shared.exits import (
    EXIT_FAILED,
    EXIT_LOCKED,
    EXIT_OK,
    EXIT_USAGE,
)


@main.command()
@click.option("-s", "--set", "settings", multiple=True, metavar="NAME=VALUE",
              help="Scrapy setting passed to every crawl (repeatable).")
@click.option("--crawl-timeout", metavar="DURATION",
              help="Kill a crawl still running after this long, e.g. 15m "
                   "(default: [scheduler].crawl_timeout, 15m).")
@click.option("--max-parallel", type=click.IntRange(min=1), metavar="N",
              help="At most N crawls at once (default: [scheduler].max_parallel, 4).")
@click.option("--no-digest", is_flag=True, help="Do not run the [digest] job.")
@schedule_config_option
@common_options
def schedule(ctx: Context, settings: tuple[str, ...], crawl_timeout: str | None,
             max_parallel: int | None, no_digest: bool, schedule_config: str | None) -> None:
    """Run unattended: crawl each enabled source on its own schedule, until stopped.

    Each source's `schedule` in sources.toml (an interval such as 30m or a 5-field cron
    expression in UTC; default [defaults].schedule) starts `govwatch crawl --source ID`
    in a child process; a source never runs twice at once. A run missed while the
    scheduler was down runs once at start. A crawl running longer than --crawl-timeout
    is killed and counted as a failure; failing sources back off and are paused after
    [health].pause_after failures (see 'govwatch status', 'govwatch resume'). The digest
    runs on [digest].schedule when [digest].enabled. SIGTERM or Ctrl-C stops cleanly:
    running crawls are asked to stop, and killed after [scheduler].stop_timeout.
    One log line per run on stderr. Exit code 4 when another scheduler already runs on
    the same database.

    \b
    Examples:
      govwatch schedule
      govwatch schedule --crawl-timeout 10m -s GOVWATCH_CONTACT_URL=https://example.org/me
    """
    import dataclasses
    import logging

    from crawler.unattended import scheduler as scheduler

    parse_set(settings)  # validate now rather than in every child
    timeout = duration_option(crawl_timeout, "--crawl-timeout")
    config = ctx.load_sources()
    cfg = ctx.load_schedule_config(schedule_config)
    if timeout is not None:
        cfg = dataclasses.replace(cfg, crawl_timeout_s=timeout)
    if max_parallel is not None:
        cfg = dataclasses.replace(cfg, max_parallel=max_parallel)
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(message)s")
    logging.getLogger("govwatch").setLevel(logging.WARNING if ctx.verbosity < 0 else
                                           logging.INFO if ctx.verbosity < 2 else logging.DEBUG)
    # APScheduler warns on every tick skipped because the previous run is still going;
    # our own line per run says enough. -vv shows its log.
    logging.getLogger("apscheduler").setLevel(logging.INFO if ctx.verbosity >= 2
                                              else logging.ERROR)
    with_digest = cfg.digest.enabled and not no_digest
    if with_digest and "digest" not in main.commands:
        click.echo("govwatch: warning: [digest] is enabled but this govwatch has no digest "
                   "command; the digest is not scheduled", err=True)
        with_digest = False
    jobs = scheduler.build_jobs(config, cfg, ctx.db_path, ctx.config_dir,
                                ctx.schedule_path(schedule_config), list(settings),
                                max(ctx.verbosity - 1, -1), with_digest)
    if not jobs:
        fail(f"{config.path}: no enabled sources", EXIT_USAGE)
    from crawler.unattended import locks

    # One scheduler per database: a second would double every schedule.
    held = locks.acquire(ctx.db_path, [locks.SCHEDULER])
    if held.busy:
        pid = held.busy[locks.SCHEDULER]
        fail(f"{ctx.db_path}: another govwatch schedule is running on this database"
             + (f" (pid {pid})" if pid else ""), EXIT_LOCKED)
    try:
        code = scheduler.Scheduler(jobs, ctx.db_path, cfg).serve()
    finally:
        held.release()
    sys.exit(code)


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output for monitoring.")
@schedule_config_option
@common_options
def status(ctx: Context, as_json: bool, schedule_config: str | None) -> None:
    """Source health: last success, failures, articles per day, silence, volume drops.

    Exit code 0 when every enabled source is healthy; 1 when any is unhealthy (paused,
    [health].unhealthy_after failed crawls in a row, silent, low volume, or
    [health].failing_articles article pages failing in the crawl frontier); 3 when the
    database cannot be read. Thresholds: [health] in schedule.toml. With -q nothing is
    printed (for cron checks).

    \b
    Examples:
      govwatch status
      govwatch status --json | jq '.sources[] | select(.healthy | not)'
    """

    from crawler import db as dbm
    from crawler.unattended import health

    config = ctx.load_sources()
    cfg = ctx.load_schedule_config(schedule_config)
    db = dbm.open_db(ctx.db_path, create=False, write=False)
    now = datetime.now(UTC)
    report = health.report(db, config, cfg.health, now)
    db.conn.close()
    healthy = all(h.healthy for h in report)
    if ctx.verbosity < 0 and not as_json:
        pass  # -q: the exit code says it all
    elif as_json:
        click.echo(json.dumps({"version": 1, "generated_at": format_utc(now), "healthy": healthy,
                               "sources": [h.to_dict() for h in report]},
                              ensure_ascii=False, indent=2))
    else:
        rows = [[h.source_id, h.status if h.healthy else f"{h.status} !",
                 h.last_success_at or "never", h.consecutive_failures, h.failing_articles,
                 f"{h.per_day_28d:.1f}", f"{h.per_day_7d:.1f}",
                 yes_no(h.etag_supported), h.last_article_at or "-"] for h in report]
        click.echo(format_table(["source", "status", "last success", "failures",
                                 "failing pages", "new/day 28d", "new/day 7d", "etag",
                                 "last article"], rows))
        for h in report:
            for problem in h.problems:
                click.echo(f"{h.source_id}: {problem}")
        unhealthy = [h.source_id for h in report if not h.healthy]
        click.echo(f"{len(report) - len(unhealthy)}/{len(report)} sources healthy"
                   + (f"; unhealthy: {', '.join(unhealthy)}" if unhealthy else ""))
    sys.exit(EXIT_OK if healthy else EXIT_FAILED)
