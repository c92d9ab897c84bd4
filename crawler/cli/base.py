"""The ``govwatch`` group, its context and the options and helpers every command shares."""

from __future__ import annotations

import functools
import gc
import os
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from crawler import __version__
from crawler.config import (
    ConfigError,
    ScheduleConfig,
    SourcesConfig,
    config_dir,
    load_schedule_config,
    load_sources,
)
from crawler.db import DatabaseError
from crawler.shared.exits import (
    EXIT_DATABASE,
    EXIT_USAGE,
)

DEFAULT_DB = "data/govwatch.db"


class Context:
    def __init__(self, db: str, config: str | None, sources: str | None, verbosity: int):
        self.db_path = Path(db)
        self.config_dir = config_dir(config)
        self.sources_path = Path(sources) if sources else self.config_dir / "sources.toml"
        self.verbosity = verbosity

    def load_sources(self) -> SourcesConfig:
        return load_sources(self.sources_path)

    def schedule_path(self, explicit: str | None) -> Path:
        return Path(explicit) if explicit else self.config_dir / "schedule.toml"

    def load_schedule_config(self, explicit: str | None) -> ScheduleConfig:
        """schedule.toml: an explicit file must exist; the default one may be missing."""
        return load_schedule_config(self.schedule_path(explicit), missing_ok=explicit is None)

    @property
    def log_level(self) -> str:
        return {-1: "ERROR", 0: "WARNING", 1: "INFO"}.get(self.verbosity, "DEBUG")


def fail(message: str, code: int) -> None:
    click.echo(f"govwatch: error: {message}", err=True)
    sys.exit(code)


def schedule_config_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--schedule-config", "schedule_config", metavar="FILE",
        help="Scheduler and health settings (default: DIR/schedule.toml).")(func)


def common_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """--db, --config, --sources, -v/-q on every command; passes a Context as ``ctx``."""

    @click.option("--db", "db", default=lambda: os.environ.get("GOVWATCH_DB", DEFAULT_DB),
                  show_default=f"{DEFAULT_DB}, or $GOVWATCH_DB", metavar="PATH",
                  help="SQLite database file.")
    @click.option("--config", "config", metavar="DIR",
                  help="Config directory (default: the project's config/, or $GOVWATCH_CONFIG).")
    @click.option("--sources", "sources", metavar="FILE",
                  help="Sources file to use instead of DIR/sources.toml.")
    @click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
    @click.option("-q", "--quiet", is_flag=True, help="Only errors.")
    @functools.wraps(func)
    def wrapper(db: str, config: str | None, sources: str | None, verbose: int, quiet: bool,
                **kwargs: Any) -> Any:
        ctx = Context(db, config, sources, -1 if quiet else verbose)
        try:
            return func(ctx, **kwargs)
        except ConfigError as exc:
            fail(str(exc), EXIT_USAGE)
        except DatabaseError as exc:
            fail(str(exc), EXIT_DATABASE)
        except sqlite3.DatabaseError as exc:  # e.g. a page corrupted after opening
            fail(f"{ctx.db_path}: {exc}", EXIT_DATABASE)

    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="govwatch")
@click.pass_context
def main(ctx: click.Context) -> None:
    """govwatch: watch news sources for public-sector AI news.

    Crawls RSS/Atom feeds, news sitemaps and HTML listing pages listed in
    config/sources.toml, extracts clean article text, and stores everything in one
    SQLite file (data/govwatch.db by default).

    \b
    Exit codes: 0 success; 1 a source failed (crawl), a delivery failed (digest) or
    a source is unhealthy (status); 2 bad config or usage; 3 database unusable or
    missing, damaged or read-only for a command that writes; 4 another crawl holds a
    source's lock (crawl: those sources were skipped); 130/143 crawl stopped by
    SIGINT/SIGTERM.

    \b
    Example:
      govwatch crawl && govwatch digest --since 24h --format html -o today.html
    """
    # `govwatch` starts with the cyclic garbage collector off (crawler/__main__.py); a crawl
    # turns it on once Scrapy has started (crawler.runtime.run), every other command now.
    if ctx.invoked_subcommand != "crawl":
        gc.enable()


def parse_set(values: tuple[str, ...]) -> dict[str, str]:
    out: dict[str, str] = {}
    for value in values:
        name, sep, setting = value.partition("=")
        if not sep or not name.strip():
            raise click.BadParameter(f"expected NAME=VALUE, got {value!r}", param_hint="-s/--set")
        out[name.strip()] = setting
    return out


def format_table(headers: list[str], rows: list[list[Any]]) -> str:
    cells = [headers] + [["" if v is None else str(v) for v in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip()
             for r in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def stdout_utf8() -> None:
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8")


def bound(value: str, option: str) -> str:
    from crawler.outputs.export import parse_since

    try:
        return parse_since(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint=option) from None


def check_choice(value: str | None, known: set[str], what: str, option: str,
                  fold: bool = False) -> None:
    if value is None or value in known:
        return
    if fold and value.casefold() in {k.casefold() for k in known}:
        return
    listed = ", ".join(sorted(known)[:20]) if known else "none yet"
    raise click.BadParameter(f"unknown {what} {value!r} (known in this database: {listed})",
                             param_hint=option)


def write_file(path: str, text: str) -> None:
    try:
        Path(path).write_text(text, encoding="utf-8")
    except OSError as exc:
        fail(f"{path}: cannot write: {exc.strerror or exc}", EXIT_USAGE)


def echo_utf8(text: str) -> None:
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8")
    click.echo(text, nl=False)


def duration_option(value: str | None, param: str) -> float | None:
    from crawler.shared.dates import parse_duration

    if value is None:
        return None
    interval = parse_duration(value)
    if interval is None or interval.total_seconds() < 1:
        raise click.BadParameter(f"expected a duration such as '90s', '15m' or '1h', got {value!r}",
                                 param_hint=param)
    return interval.total_seconds()


def yes_no(value: bool | None) -> str:
    return "?" if value is None else ("yes" if value else "no")
