"""The ``govwatch`` command: a thin click layer over crawler.* modules."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from crawler import __version__
from crawler.config import ConfigError, SourcesConfig, config_dir, load_sources
from crawler.db import DatabaseError

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_DATABASE = 0, 1, 2, 3
DEFAULT_DB = "data/govwatch.db"


class Context:
    def __init__(self, db: str, config: str | None, sources: str | None, verbosity: int):
        self.db_path = Path(db)
        self.config_dir = config_dir(config)
        self.sources_path = Path(sources) if sources else self.config_dir / "sources.toml"
        self.verbosity = verbosity

    def load_sources(self) -> SourcesConfig:
        return load_sources(self.sources_path)

    @property
    def log_level(self) -> str:
        return {-1: "ERROR", 0: "WARNING", 1: "INFO"}.get(self.verbosity, "DEBUG")


def fail(message: str, code: int) -> None:
    click.echo(f"govwatch: error: {message}", err=True)
    sys.exit(code)


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

    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="govwatch")
def main() -> None:
    """govwatch: watch news sources for public-sector AI news.

    Crawls RSS/Atom feeds, news sitemaps and HTML listing pages listed in
    config/sources.toml, extracts clean article text, and stores everything in one
    SQLite file (data/govwatch.db by default).

    \b
    Exit codes: 0 success; 1 a source failed (crawl); 2 bad config or usage;
    3 database unusable.

    \b
    Example:
      govwatch crawl && govwatch export --format jsonl --since 7d
    """


def _parse_set(values: tuple[str, ...]) -> dict[str, str]:
    out: dict[str, str] = {}
    for value in values:
        name, sep, setting = value.partition("=")
        if not sep or not name.strip():
            raise click.BadParameter(f"expected NAME=VALUE, got {value!r}", param_hint="-s/--set")
        out[name.strip()] = setting
    return out


@main.command()
@click.option("--source", "source_ids", multiple=True, metavar="ID",
              help="Crawl only this source (repeatable). Default: every enabled source.")
@click.option("-s", "--set", "settings", multiple=True, metavar="NAME=VALUE",
              help="Override a Scrapy setting, as 'scrapy crawl -s' does (repeatable).")
@common_options
def crawl(ctx: Context, source_ids: tuple[str, ...], settings: tuple[str, ...]) -> None:
    """Crawl sources into the database, then print a per-source summary.

    A second run downloads no stored article again: feeds and sitemaps are fetched
    with If-None-Match / If-Modified-Since, and stored article URLs are skipped before
    download. Exit code 0 when every source worked, 1 when any source failed.

    \b
    Examples:
      govwatch crawl
      govwatch crawl --source bastillepost-hk --source info-gov-hk-en
      govwatch crawl --db /tmp/x.db --sources my.toml -s DOWNLOAD_DELAY=0
    """
    from crawler.run import crawl as run_crawl

    overrides = _parse_set(settings)
    config = ctx.load_sources()
    if source_ids:
        selected = [config.by_id(sid) for sid in dict.fromkeys(source_ids)]
    else:
        selected = list(config.enabled())
    if not selected:
        fail(f"{config.path}: no enabled sources", EXIT_USAGE)
    result = run_crawl(selected, ctx.db_path, ctx.config_dir, overrides, ctx.log_level)
    if ctx.verbosity >= 0:
        click.echo(_summary_table(result.rows))
        click.echo(f"run {result.run_id}: {sum(r['new'] for r in result.rows)} new articles, "
                   f"exit code {result.exit_code}")
    sys.exit(result.exit_code)


def _summary_table(rows: list[dict[str, Any]]) -> str:
    headers = ["source", "status", "requested", "new", "stored", "dup", "ignored", "errors"]
    keys = ["source_id", "status", "requested", "new", "already_stored", "duplicates",
            "ignored", "errors"]
    return format_table(headers, [[row.get(k, "") for k in keys] for row in rows])


def format_table(headers: list[str], rows: list[list[Any]]) -> str:
    cells = [headers] + [["" if v is None else str(v) for v in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip()
             for r in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


@main.command()
@click.option("--format", "fmt", type=click.Choice(["jsonl", "json", "csv"]), default="jsonl",
              show_default=True, help="Output format.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), metavar="FILE",
              help="Write to FILE instead of stdout.")
@click.option("--since", metavar="WHEN",
              help="Only articles published (or fetched) since: 24h, 7d, 2w or 2026-06-01.")
@common_options
def export(ctx: Context, fmt: str, output: str | None, since: str | None) -> None:
    """Export stored articles, one record per article, UTF-8.

    \b
    Examples:
      govwatch export --format jsonl --since 7d > week.jsonl
      govwatch export --format csv --output articles.csv
    """
    from crawler import db as dbm
    from crawler import export as exporter

    try:
        bound = exporter.parse_since(since) if since else None
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--since") from None
    db = dbm.open_db(ctx.db_path, create=False)
    rows = exporter.records(dbm.iter_articles(db, since=bound))
    if output:
        with open(output, "w", encoding="utf-8", newline="") as out:
            count = exporter.write(rows, fmt, out)
        if ctx.verbosity >= 0:
            click.echo(f"wrote {count} articles to {output}", err=True)
    else:
        if hasattr(sys.stdout, "reconfigure"):
            sys.stdout.reconfigure(encoding="utf-8")
        exporter.write(rows, fmt, sys.stdout)


@main.command()
@common_options
def sources(ctx: Context) -> None:
    """List configured sources with their state: last fetch, status, ETag support, articles.

    \b
    Example:
      govwatch sources --db data/govwatch.db
    """
    from crawler import db as dbm

    config = ctx.load_sources()
    states: dict[str, dict[str, Any]] = {}
    if ctx.db_path.exists():
        states = {row["id"]: row for row in dbm.source_states(dbm.open_db(ctx.db_path))}
    rows = []
    for source in config.sources:
        state = states.get(source.id, {})
        etag = {1: "yes", 0: "no"}.get(state.get("etag_supported", -1), "?")
        rows.append([source.id, source.kind, "yes" if source.enabled else "no",
                     state.get("last_fetched_at") or "never", state.get("last_status") or "-",
                     state.get("consecutive_failures", 0), etag, state.get("articles", 0)])
    click.echo(format_table(["id", "kind", "enabled", "last fetch", "status", "failures",
                             "etag", "articles"], rows))


if __name__ == "__main__":
    main()
