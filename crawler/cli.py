"""The ``govwatch`` command: a thin click layer over crawler.* modules."""

from __future__ import annotations

import functools
import json
import os
import sqlite3
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import click

from crawler import __version__
from crawler.config import (
    ConfigError,
    ScheduleConfig,
    SourcesConfig,
    config_dir,
    load_dedup_rules,
    load_schedule_config,
    load_sources,
)
from crawler.dates import format_utc
from crawler.db import DatabaseError
from crawler.db.filters import ArticleFilter
from crawler.db.frontier import STATES as FRONTIER_STATES
from crawler.exits import (
    EXIT_DATABASE,
    EXIT_DELIVERY,
    EXIT_FAILED,
    EXIT_LOCKED,
    EXIT_OK,
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
def main() -> None:
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
@schedule_config_option
@common_options
def crawl(ctx: Context, source_ids: tuple[str, ...], settings: tuple[str, ...],
          schedule_config: str | None) -> None:
    """Crawl sources into the database, then print a per-source summary.

    Every article URL a listing gives goes into the crawl frontier first; each source
    then fetches up to max_articles due entries, newest first, leftovers of earlier runs
    included (see 'govwatch frontier'). A second run downloads no stored article again:
    feeds and sitemaps are fetched with If-None-Match / If-Modified-Since, and failed
    pages wait for their backoff. Exit code 0 when every source worked, 1 when any
    source failed (a failing article page does not fail its source).

    Safe to start from cron while the scheduler or another crawl runs: each source is
    locked while it is crawled; a source another process is crawling is skipped with a
    message, and the exit code is 4 when that happened (and no source failed). Without
    --source, paused sources are skipped (see 'govwatch resume').

    \b
    Examples:
      govwatch crawl
      govwatch crawl --source bastillepost-hk --source info-gov-hk-en
      govwatch crawl --db /tmp/x.db --sources my.toml -s DOWNLOAD_DELAY=0
    """
    from crawler import db as dbm
    from crawler import health, locks
    from crawler.run import crawl as run_crawl

    overrides = _parse_set(settings)
    config = ctx.load_sources()
    schedule_settings = ctx.load_schedule_config(schedule_config)
    load_dedup_rules(ctx.config_dir / "dedup.toml")  # a bad file stops here, in one line
    from crawler.config import load_signal_config, signal_config_path

    load_signal_config(signal_config_path(ctx.config_dir))  # so does a bad signals.toml
    if source_ids:
        selected = [config.by_id(sid) for sid in dict.fromkeys(source_ids)]
    else:
        selected = list(config.enabled())
        paused = _paused_ids(ctx)
        for sid in sorted(paused & {s.id for s in selected}):
            if ctx.verbosity >= 0:
                click.echo(f"govwatch: source {sid} is paused, skipped "
                           f"(resume with: govwatch resume {sid})", err=True)
        selected = [s for s in selected if s.id not in paused]
    if not selected:
        fail(f"{config.path}: no enabled sources", EXIT_USAGE)
    held = locks.acquire(ctx.db_path, [s.id for s in selected])
    for sid, pid in held.busy.items():
        holder = f" (pid {pid})" if pid else ""
        click.echo(f"govwatch: source {sid} is being crawled by another process{holder}; "
                   "skipped", err=True)
    selected = [s for s in selected if s.id in held.held]
    if not selected:
        sys.exit(EXIT_LOCKED)
    try:
        result = run_crawl(selected, ctx.db_path, ctx.config_dir, overrides, ctx.log_level)
        db = dbm.open_db(ctx.db_path, check=False)  # checked when the crawl started
        newly_paused = health.apply_pauses(db, [s.id for s in selected], schedule_settings.health)
        db.conn.close()
    finally:
        held.release()
    for sid in newly_paused:
        click.echo(f"govwatch: source {sid} paused after {schedule_settings.health.pause_after} "
                   f"failed crawls in a row (resume with: govwatch resume {sid})", err=True)
    if ctx.verbosity >= 0:
        click.echo(_summary_table(result.rows))
        click.echo(f"run {result.run_id}: {sum(r['new'] for r in result.rows)} new articles, "
                   f"exit code {result.exit_code}")
    sys.exit(result.exit_code or (EXIT_LOCKED if held.busy else EXIT_OK))


def _paused_ids(ctx: Context) -> set[str]:
    from crawler import db as dbm

    if not ctx.db_path.exists():
        return set()
    db = dbm.open_db(ctx.db_path, check=False)  # crawler.run checks it (once per crawl)
    try:
        return {row["id"] for row in dbm.source_states(db) if row.get("paused_at")}
    except sqlite3.DatabaseError:
        dbm.open_db(ctx.db_path).conn.close()  # the one-line message on how to recover
        raise
    finally:
        db.conn.close()


def _summary_table(rows: list[dict[str, Any]]) -> str:
    headers = ["source", "status", "requested", "new", "stored", "dup", "ignored", "errors",
               "gave up", "pending"]
    keys = ["source_id", "status", "requested", "new", "already_stored", "duplicates",
            "ignored", "errors", "gave_up", "pending"]
    return format_table(headers, [[row.get(k, "") for k in keys] for row in rows])


def format_table(headers: list[str], rows: list[list[Any]]) -> str:
    cells = [headers] + [["" if v is None else str(v) for v in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip()
             for r in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def filter_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """--since/--until/--jurisdiction/--agency/--source/--relevant; passes ``filters``."""

    @click.option("--since", metavar="WHEN",
                  help="Only articles published (or fetched) since: 30m, 24h, 7d, 2w or 2026-06-01.")
    @click.option("--until", metavar="WHEN",
                  help="Only articles published before WHEN (a bare date includes that day).")
    @click.option("--jurisdiction", "jurisdictions", multiple=True, metavar="CODE",
                  help="Only articles tagged with this jurisdiction, e.g. HK (repeatable).")
    @click.option("--agency", "agencies", multiple=True, metavar="ID|NAME",
                  help="Only articles naming this agency, by id or name; a parent's id also "
                       "finds its units, and a body no list names matches its derived id or "
                       "the name the text gives (repeatable).")
    @click.option("--source", "source_ids", multiple=True, metavar="ID",
                  help="Only articles from this source (repeatable).")
    @click.option("--relevant", is_flag=True, help="Only articles judged relevant.")
    @signal_filter_options
    @functools.wraps(func)
    def wrapper(since: str | None, until: str | None, jurisdictions: tuple[str, ...],
                agencies: tuple[str, ...], source_ids: tuple[str, ...], relevant: bool,
                signal_types: tuple[str, ...], min_amount: float | None, currency: str | None,
                **kwargs: Any) -> Any:
        from crawler import export as exporter

        bounds = {}
        for name, value, parse in (("since", since, exporter.parse_since),
                                   ("until", until, exporter.parse_until)):
            try:
                bounds[name] = parse(value) if value else None
            except ValueError as exc:
                raise click.BadParameter(str(exc), param_hint=f"--{name}") from None
        filters = ArticleFilter(since=bounds["since"], until=bounds["until"],
                                jurisdictions=jurisdictions, agencies=agencies,
                                sources=source_ids, relevant=relevant,
                                signal_types=signal_types, min_amount=min_amount,
                                currency=currency)
        return func(filters=filters, **kwargs)

    return wrapper


def _signal_type_ids(directory: Path) -> tuple[str, ...]:
    """The signal type ids of DIR/signals.toml, else of the shipped one."""
    from crawler.config import load_signal_config, signal_config_path

    return tuple(t.id for t in load_signal_config(signal_config_path(directory)).types)


def _check_signal_options(ctx: Context, signal_types: tuple[str, ...], min_amount: float | None,
                          currency: str | None) -> tuple[tuple[str, ...], str | None]:
    """--type ids must be known; --min-amount needs --currency (an amount means nothing
    without one); currencies are ISO 4217 codes. Returns the types and the currency."""
    if signal_types:
        known = _signal_type_ids(ctx.config_dir)
        for value in signal_types:
            if value not in known:
                raise click.BadParameter(f"unknown signal type {value!r} (known: "
                                         f"{', '.join(known)})", param_hint="--type")
    if min_amount is not None and not currency:
        raise click.BadParameter("--min-amount needs --currency (e.g. --currency HKD)",
                                 param_hint="--min-amount")
    if currency is not None:
        if not (len(currency) == 3 and currency.isalpha() and currency.isascii()):
            raise click.BadParameter(f"expected an ISO 4217 code such as HKD, got {currency!r}",
                                     param_hint="--currency")
        currency = currency.upper()
    return signal_types, currency


def _checked_filters(ctx: Context, filters: ArticleFilter) -> ArticleFilter:
    import dataclasses

    types, currency = _check_signal_options(ctx, filters.signal_types, filters.min_amount,
                                            filters.currency)
    return dataclasses.replace(filters, signal_types=types, currency=currency)


def signal_filter_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """--type (repeatable), --min-amount N, --currency CUR (export, search and digest)."""
    func = click.option("--currency", metavar="CUR",
                        help="Only articles with an amount in this ISO 4217 currency, e.g. HKD "
                             "(with --min-amount: an amount of at least N in it).")(func)
    func = click.option("--min-amount", "min_amount", type=click.FloatRange(min=0), metavar="N",
                        help="Only articles mentioning an amount of at least N (needs "
                             "--currency; amounts are not converted).")(func)
    return click.option("--type", "signal_types", multiple=True, metavar="TYPE",
                        help="Only articles with this signal type, e.g. procurement, "
                             "contract_award (repeatable: any of them; see config/signals.toml)."
                        )(func)


def _stdout_utf8() -> None:
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8")


@main.command()
@click.option("--format", "fmt", type=click.Choice(["jsonl", "json", "csv"]), default="jsonl",
              show_default=True, help="Output format.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), metavar="FILE",
              help="Write to FILE instead of stdout.")
@click.option("--bom", is_flag=True,
              help="Start with a UTF-8 byte order mark, so Excel reads Chinese correctly.")
@click.option("--raw-csv", is_flag=True,
              help="Write CSV cells that start with = + - @ as they are; by default they get a "
                   "leading apostrophe so a spreadsheet shows them instead of running them.")
@click.option("--snapshot", metavar="FILE", type=click.Path(dir_okay=False),
              help="Instead of records, write a consistent copy of the whole database to FILE "
                   "(safe while a crawl runs).")
@filter_options
@common_options
def export(ctx: Context, fmt: str, output: str | None, bom: bool, raw_csv: bool,
           snapshot: str | None, filters: ArticleFilter) -> None:
    """Export stored articles, one record per article, UTF-8; or snapshot the database.

    Records carry the columns of the articles table (docs/schema.md), among them
    signal_types, amounts and deadlines. In CSV, lists are joined with "; " and
    agencies, vendors and locations appear by name; an amount as its text.

    \b
    Examples:
      govwatch export --format jsonl --since 7d > week.jsonl
      govwatch export --format csv --bom --relevant --jurisdiction HK -o hk.csv
      govwatch export --type procurement --min-amount 1000000 --currency HKD --since 30d
      govwatch export --snapshot backup/govwatch-2026-06-01.db
    """
    from crawler import db as dbm
    from crawler import export as exporter

    filters = _checked_filters(ctx, filters)
    if snapshot:
        from crawler.db.snapshot import snapshot as take_snapshot

        if filters != ArticleFilter() or output or bom or raw_csv:
            fail("--snapshot copies the whole database; it takes no filters, --output, --bom "
                 "or --raw-csv",
                 EXIT_USAGE)
        if Path(snapshot).exists():
            fail(f"{snapshot}: already exists; choose a new file name", EXIT_USAGE)

        size = take_snapshot(ctx.db_path, snapshot)
        if ctx.verbosity >= 0:
            click.echo(f"wrote a snapshot of {ctx.db_path} to {snapshot} ({size} bytes)", err=True)
        return
    from crawler.db import links, stories

    db = dbm.open_db(ctx.db_path, create=False, write=False)
    rows = exporter.records(dbm.iter_articles(db, filters=filters),
                            lambda ids: stories.story_sources(db, ids),
                            lambda ids: links.story_versions(db, ids))
    if output:
        with open(output, "w", encoding="utf-8", newline="") as out:
            count = exporter.write(rows, fmt, out, bom=bom, formula_guard=not raw_csv)
        if ctx.verbosity >= 0:
            click.echo(f"wrote {count} articles to {output}", err=True)
    else:
        _stdout_utf8()
        exporter.write(rows, fmt, sys.stdout, bom=bom, formula_guard=not raw_csv)


@main.command()
@click.argument("query")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(min=1),
              help="Show at most this many articles.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True, help="Output format.")
@filter_options
@common_options
def search(ctx: Context, query: str, limit: int, fmt: str, filters: ArticleFilter) -> None:
    """Full-text search over article titles and texts, best matches first.

    Chinese words of any length (海關, 人工智能; traditional also finds simplified) and
    English words with stemming (regulate finds regulation). Quote phrases ("digital
    policy"), end a prefix with * (regul*), combine with AND, OR, NOT and parentheses
    (operators in capitals). Matches are shown in [brackets]. A query that starts
    with '-' goes after '--', as in: govwatch search -- '-5% budget'.

    \b
    Examples:
      govwatch search 海關
      govwatch search '"generative AI" NOT chatbot' --since 30d --jurisdiction HK
      govwatch search 人工智能 --relevant --agency hk-dpo --format json
      govwatch search AI --type procurement --type contract_award --jurisdiction HK
    """
    from crawler import db as dbm
    from crawler import search as searcher

    filters = _checked_filters(ctx, filters)
    try:
        tree = searcher.parse(query)
    except searcher.QueryError as exc:
        fail(f"bad query: {exc}", EXIT_USAGE)
    db = dbm.open_db(ctx.db_path, create=False, write=False)
    results = searcher.search(db, tree, filters, limit)
    _stdout_utf8()
    if fmt == "json":
        keys = ("id", "score", "published_at", "source_id", "language", "title", "url",
                "snippet", "relevant", "jurisdictions", "agencies", "story_id", "languages",
                "other_languages", "signal_types", "amounts", "deadlines")
        click.echo(json.dumps([{k: r.get(k) for k in keys} for r in results],
                              ensure_ascii=False, indent=2))
        return
    if not results:
        click.echo("no articles match", err=True)
    for number, r in enumerate(results, start=1):
        day = (r["published_at"] or r["fetched_at"] or "")[:10]
        click.echo(f"{number:>3}. {r['title'] or '(no title)'}")
        click.echo(f"     {day}  {r['source_id']}  score {r['score']}  {r['url']}")
        facts = ", ".join(r.get("signal_types") or [])
        money = "; ".join(a.get("text", "") for a in r.get("amounts") or [] if isinstance(a, dict))
        if facts or money:
            click.echo("     " + "  ".join(x for x in (facts, money) if x))
        click.echo(f"     {r['snippet']}")
        for version in r.get("other_languages") or []:
            label = {"zh": "中文：", "en": "English: "}.get(version["language"],
                                                        f"{version['language']}: ")
            click.echo(f"     {label}{version['title'] or ''}  {version['url']}")


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (0.0.0.0 makes it reachable from other machines).")
@click.option("--port", default=8001, show_default=True, type=click.IntRange(0, 65535),
              help="Port to listen on.")
@click.option("--metadata", "metadata", metavar="FILE", type=click.Path(dir_okay=False),
              help="datasette metadata (default: CONFIG/datasette.yml).")
@common_options
def serve(ctx: Context, host: str, port: int, metadata: str | None) -> None:
    """Browse and query the database in a web browser, with datasette.

    Facets on source, language, jurisdiction and agency; full-text search; canned
    queries (this week's signals, stories by agency, source health). Needs the optional
    extra: pip install "govwatch[datasette]". Stop with Ctrl-C.

    \b
    Example:
      govwatch serve --db data/govwatch.db --port 8001
    """
    from crawler import db as dbm
    from crawler import serve as server

    try:
        server.require_datasette()
        # checked and migrated first (read-only: datasette only reads)
        dbm.open_db(ctx.db_path, create=False, write=False).conn.close()
        path = Path(metadata) if metadata else ctx.config_dir / server.METADATA_FILE
        server.serve(ctx.db_path, path, host, port)
    except server.ServeError as exc:
        fail(str(exc), EXIT_USAGE)


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
    counts: dict[str, dict[str, int]] = {}
    if ctx.db_path.exists():
        db = dbm.open_db(ctx.db_path, write=False)
        states = {row["id"]: row for row in dbm.source_states(db)}
        counts = dbm.frontier.state_counts(db)
        db.conn.close()
    rows = []
    for source in config.sources:
        state = states.get(source.id, {})
        frontier = counts.get(source.id, {})
        etag = {1: "yes", 0: "no"}.get(state.get("etag_supported", -1), "?")
        rows.append([source.id, source.kind, "yes" if source.enabled else "no",
                     state.get("last_fetched_at") or "never", state.get("last_status") or "-",
                     state.get("consecutive_failures", 0), etag, state.get("articles", 0),
                     frontier.get("pending", 0), frontier.get("failed", 0),
                     frontier.get("gave_up", 0)])
    click.echo(format_table(["id", "kind", "enabled", "last fetch", "status", "failures",
                             "etag", "articles", "pending", "failed", "gave up"], rows))


@main.command()
@click.option("--source", "source_ids", multiple=True, metavar="ID",
              help="Only entries of this source (repeatable).")
@click.option("--state", "states", multiple=True, metavar="STATE",
              type=click.Choice(FRONTIER_STATES),
              help="Only entries in this state (repeatable): " + ", ".join(FRONTIER_STATES) + ".")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True, help="Output format.")
@click.option("--limit", default=100, show_default=True, type=click.IntRange(min=0),
              help="Show at most this many entries (0: all).")
@common_options
def frontier(ctx: Context, source_ids: tuple[str, ...], states: tuple[str, ...], fmt: str,
             limit: int) -> None:
    """List the crawl frontier: every article URL a listing led to, and its state.

    States: pending (to fetch), failed (a transient failure, tried again after its
    backoff), stored, duplicate, ignored (not an article, too old, not http(s)),
    gave_up (a permanent failure or max_attempts failures; see 'govwatch retry') and
    disallowed (robots.txt). Open entries are listed first, newest first; each shows its
    attempts, next attempt and last error.

    \b
    Examples:
      govwatch frontier --state failed --state gave_up
      govwatch frontier --source info-gov-hk-en --format json
    """
    from crawler import db as dbm

    db = dbm.open_db(ctx.db_path, create=False, write=False)
    rows = dbm.frontier.entries(db, source_ids, states, limit)
    db.conn.close()
    if fmt == "json":
        _stdout_utf8()
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    click.echo(format_table(
        ["state", "attempts", "next attempt", "source", "url", "last error"],
        [[r["state"], r["attempts"], r["next_attempt_at"] or "-", r["source_id"], r["url"],
          (r["last_error"] or "")[:60]] for r in rows]))


@main.command()
@click.argument("urls", nargs=-1, metavar="[URL]...")
@click.option("--source", "source_ids", multiple=True, metavar="ID",
              help="Only entries of this source (repeatable).")
@common_options
def retry(ctx: Context, urls: tuple[str, ...], source_ids: tuple[str, ...]) -> None:
    """Make given-up and failed frontier entries due again; the next crawl fetches them.

    With URLs, only those entries; with --source, only that source's; with neither,
    every given-up and failed entry. Their attempts start over from 0.

    \b
    Examples:
      govwatch retry --source info-gov-hk-en
      govwatch retry https://www.info.gov.hk/gia/general/202606/01/P2026060100123.htm
    """
    from crawler import db as dbm
    from crawler.urls import canonicalize

    db = dbm.open_db(ctx.db_path, create=False)
    wanted = [canonicalize(u) for u in urls]
    unknown = [u for u in wanted if dbm.frontier.state_of(db, u) is None]
    with dbm.transaction(db):
        count = dbm.frontier.revive(db, dbm.utcnow(), source_ids, wanted)
    db.conn.close()
    for url in unknown:
        click.echo(f"govwatch: {url}: not in the frontier", err=True)
    if ctx.verbosity >= 0:
        click.echo(f"{count} entr{'y' if count == 1 else 'ies'} due again")



@main.command()
@click.option("--topic", "topic_id", default="public-sector-ai", show_default=True, metavar="ID",
              help="Topic from topics.toml to score against.")
@click.option("--no-tags", is_flag=True,
              help="Only relevance (and summaries); keep the stored tags as they are.")
@common_options
def rescore(ctx: Context, topic_id: str, no_tags: bool) -> None:
    """Apply the current topics.toml, gazetteers and signals.toml to every stored article.

    Irrelevant articles are stored flagged, not dropped, so a changed topic, a new
    agency alias or a new signal cue term takes effect on the whole database without
    re-crawling. Signal types, amounts and deadlines are recomputed from signals.toml
    (the config directory's, else the shipped one), and so are summaries and key signals.

    \b
    Example:
      govwatch rescore --topic public-sector-ai
    """
    from crawler import db as dbm
    from crawler.config import (
        load_gazetteer,
        load_people,
        load_signal_config,
        load_topic,
        signal_config_path,
    )
    from crawler.rescore import relink_stories
    from crawler.rescore import rescore as run_rescore
    from pipelines.crosslang import PeopleMatcher

    topic = load_topic(ctx.config_dir, topic_id)
    gazetteer = None if no_tags else load_gazetteer(ctx.config_dir / "gazetteers")
    rules = load_dedup_rules(ctx.config_dir / "dedup.toml")
    people = PeopleMatcher(load_people(ctx.config_dir / "gazetteers"))
    signal_config = load_signal_config(signal_config_path(ctx.config_dir))
    database = dbm.open_db(ctx.db_path, create=False)
    counts = run_rescore(database, topic, gazetteer, signal_config=signal_config)
    linked = relink_stories(database, rules, people)
    if ctx.verbosity >= 0:
        click.echo(f"{counts['articles']} articles rescored against {topic.id}: "
                   f"{counts['relevant']} relevant, {counts['irrelevant']} not; "
                   f"{counts['changed']} changed their verdict"
                   f"; {counts['signalled']} with a signal type")
        click.echo(f"stories across languages: {linked['links']} linked by the rule or a "
                   f"pair key, {linked['merges']} by an analyst's merge")


@main.command()
@click.argument("action", type=click.Choice(["show", "split", "merge"]))
@click.argument("ids", nargs=-1, type=int, required=True, metavar="ID...")
@click.option("--note", metavar="TEXT", help="Why (kept with a split or merge).")
@common_options
def story(ctx: Context, action: str, ids: tuple[int, ...], note: str | None) -> None:
    """Show a story, or undo or make a link between stories by hand.

    
    show STORY        the story's articles, languages, and each cross-language link
                      with its score and the evidence that matched
    split ARTICLE     take the article (with its same-language copies) out of the story
                      it is shown in
    merge ARTICLE ARTICLE
                      show the two articles' stories as one

    A split or merge is recorded in the database (story_decisions), so 'govwatch
    rescore', which recomputes every cross-language link, keeps it. Article ids are in
    'govwatch export' (id) and 'govwatch search'; story ids are export's story_id.
    Exit code 2 for an unknown id.

    
    Example:
      govwatch story show 12
      govwatch story split 345 --note "different announcement"
      govwatch story merge 345 346
    """
    from crawler import db as dbm
    from pipelines import story as story_step

    expected = {"show": 1, "split": 1, "merge": 2}[action]
    if len(ids) != expected:
        fail(f"story {action} takes {expected} id(s), got {len(ids)}", EXIT_USAGE)
    database = dbm.open_db(ctx.db_path, create=False)
    if action == "show":
        _show_story(database, ids[0])
        return
    try:
        with dbm.transaction(database):
            if action == "split":
                now, left = story_step.split(database, ids[0], note)
                message = f"article {ids[0]} is now in story {now}; story {left} keeps the rest"
            else:
                now = story_step.merge(database, ids[0], ids[1], note)
                message = f"articles {ids[0]} and {ids[1]} are now in story {now}"
    except LookupError as exc:
        fail(str(exc), EXIT_USAGE)
    if ctx.verbosity >= 0:
        click.echo(message)


def _show_story(database: Any, story_id: int) -> None:
    from crawler.db import links

    members = links.articles_of(database, story_id)
    if not members:
        fail(f"no story {story_id} (or it is shown as part of another: see export's story_id)",
             EXIT_USAGE)
    rows = list(database.query(
        f"SELECT id, language, source_id, COALESCE(published_at, fetched_at) AS at, title "
        f"FROM articles WHERE id IN ({', '.join('?' for _ in members)}) ORDER BY at, id",
        members))
    click.echo(format_table(["article", "language", "source", "published", "title"],
                            [[r["id"], r["language"] or "?", r["source_id"], r["at"] or "",
                              (r["title"] or "")[:60]] for r in rows]))
    for link in links.story_links_of(database, members):
        evidence = json.dumps(link["evidence"], ensure_ascii=False) if link["evidence"] else ""
        score = "" if link["score"] is None else f" score {link['score']:.2f}"
        click.echo(f"link {link['article_id']} -> {link['other_article_id']}: "
                   f"{link['method']}{score} {evidence}".rstrip())


def _bound(value: str, option: str) -> str:
    from crawler.export import parse_since

    try:
        return parse_since(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint=option) from None


def _check_choice(value: str | None, known: set[str], what: str, option: str,
                  fold: bool = False) -> None:
    if value is None or value in known:
        return
    if fold and value.casefold() in {k.casefold() for k in known}:
        return
    listed = ", ".join(sorted(known)[:20]) if known else "none yet"
    raise click.BadParameter(f"unknown {what} {value!r} (known in this database: {listed})",
                             param_hint=option)


@main.command()
@click.option("--since", default="24h", show_default=True, metavar="WHEN",
              help="Start of the period: 30m, 24h, 7d, 2w, 2026-06-01, or 'last' (the end of the "
                   "last digest delivered on the same channel).")
@click.option("--until", metavar="WHEN", help="End of the period (default: now); same forms.")
@click.option("--format", "fmt", type=click.Choice(["markdown", "html", "json", "atom"]),
              default="markdown", show_default=True, help="Output format (stdout or --output).")
@click.option("--output", "-o", type=click.Path(dir_okay=False), metavar="FILE",
              help="Write to FILE instead of stdout.")
@click.option("--topic", metavar="TOPIC", help="Only this topic, e.g. public-sector-ai.")
@click.option("--jurisdiction", metavar="CODE", help="Only stories about this ISO code, e.g. HK.")
@click.option("--agency", metavar="ID|NAME",
              help="Only stories naming this agency: id (hk-dpo), name, a parent's id (its "
                   "units too) or, for a body no list names, its derived id or the name the "
                   "text gives (Kent County Council).")
@click.option("--source", "source_id", metavar="ID", help="Only articles from this source id.")
@click.option("--min-score", type=float, metavar="X", help="Only articles scoring at least X.")
@click.option("--include-irrelevant", is_flag=True,
              help="Also articles the relevance stage rejected or has not scored.")
@click.option("--email", is_flag=True,
              help="Send the HTML digest (with a plain-text part) by SMTP; see config/digest.toml.")
@click.option("--webhook", metavar="URL", help="POST a Slack-compatible summary to URL.")
@click.option("--send-empty", is_flag=True, help="Output or send even when there are no stories.")
@signal_filter_options
@common_options
def digest(ctx: Context, since: str, until: str | None, fmt: str, output: str | None,
           topic: str | None, jurisdiction: str | None, agency: str | None,
           source_id: str | None, min_score: float | None, include_irrelevant: bool,
           email: bool, webhook: str | None, send_empty: bool, signal_types: tuple[str, ...],
           min_amount: float | None, currency: str | None) -> None:
    """Build the digest of recent relevant stories, grouped by jurisdiction; print or send it.

    Stories with a tender or a contract award open the digest in "Tenders and awards";
    the others follow by jurisdiction (most active first), newest first, each with its
    signal badges, amounts, dates, summary, key signals, agencies, vendors, locations
    and every outlet that ran it, followed by a source-health section. The HTML charts
    are tables, not SVG, so they survive Gmail, Outlook and Apple Mail. --email and --webhook record each delivery in
    the database's digests table; a story delivered once on a channel is not sent again
    there. With no stories nothing is printed or sent (exit 0) unless --send-empty.

    \b
    Exit codes: 0 done (or nothing to send); 1 a delivery failed (recorded as failed);
    2 bad option or config (unknown jurisdiction/agency/source, bad date, bad digest.toml);
    3 database missing or unusable.

    \b
    Examples:
      govwatch digest --since 7d --format html --output week.html
      govwatch digest --since last --email
      govwatch digest --jurisdiction HK --format atom -o hk.atom --send-empty
      govwatch digest --since 30d --type procurement --min-amount 1000000 --currency HKD
      govwatch digest --since 2026-06-01 --until 2026-06-08 --webhook https://hooks.slack.com/services/…
    """
    from crawler import db as dbm
    from crawler import deliver
    from crawler import digest as digests
    from crawler.config import load_digest_config
    from crawler.render import human_time, render

    end = _bound(until, "--until") if until else format_utc(datetime.now(UTC))
    if since != "last" and _bound(since, "--since") >= end:
        raise click.BadParameter(f"{since!r} is not before the end of the period {end}",
                                 param_hint="--since")
    if webhook and (problem := deliver.check_webhook_url(webhook)):
        raise click.BadParameter(problem, param_hint="--webhook")
    if output and not Path(output).resolve().parent.is_dir():
        raise click.BadParameter(f"no such directory: {Path(output).parent}", param_hint="--output")
    settings = load_digest_config(ctx.config_dir / "digest.toml") if email else None
    if settings and settings.user and not settings.password():
        fail(f"{ctx.config_dir / 'digest.toml'}: [email]: key 'password_env': environment "
             f"variable {settings.password_env or '(unset)'} is empty", EXIT_USAGE)
    db = dbm.open_db(ctx.db_path, create=False, write=False)
    read_only = dbm.is_read_only(db)
    known = dbm.digest_known_values(db)
    gazetteer_values, names = _gazetteer_values(ctx)
    for kind, values in gazetteer_values.items():
        known[kind] |= values
    code = jurisdiction.upper() if jurisdiction else None
    _check_choice(code, known["jurisdictions"], "jurisdiction", "--jurisdiction")
    _check_choice(agency, known["agencies"], "agency id", "--agency", fold=True)
    _check_choice(source_id, known["sources"], "source id", "--source")
    health_report = _health_report(ctx, db)
    signal_types, currency = _check_signal_options(ctx, signal_types, min_amount, currency)
    filters = digests.Filters(topic=topic, jurisdiction=code, agency=agency, source=source_id,
                              min_score=min_score, include_irrelevant=include_irrelevant,
                              signal_types=signal_types, min_amount=min_amount,
                              currency=currency)
    channels: list[tuple[str, list[str]]] = []
    if settings:
        channels.append(("email", list(settings.to)))
    if webhook:
        channels.append(("webhook", [deliver.redact(webhook)]))
    if not channels:
        channels.append(("file", [output]) if output else ("stdout", []))
    failed = written = False
    for channel, recipients in channels:
        start = _bound(since, "--since") if since != "last" else digests.last_end(db, channel)
        if start is None:
            start = _bound("24h", "--since")
            if ctx.verbosity >= 0:
                click.echo(f"govwatch: no earlier {channel} digest; from the last 24 hours",
                           err=True)
        built = digests.for_channel(db, channel, start, end, filters, health_report, names)
        if not built.story_count and not send_empty:
            click.echo(f"govwatch: no stories from {human_time(start)} to {human_time(end)}: "
                       f"{digests.empty_reason(built, channel)}; nothing sent "
                       "(--send-empty to send anyway)", err=True)
            continue
        if output and not written:
            _write(output, render(built, fmt))
            written = True
        error = None
        try:
            if channel == "email":
                assert settings is not None
                recipients = deliver.email_digest(built, settings)
            elif channel == "webhook":
                assert webhook is not None
                deliver.post_webhook(webhook, deliver.slack_payload(built))
            elif channel == "stdout":
                _echo_utf8(render(built, fmt))
        except deliver.DeliveryError as exc:
            error, failed = str(exc), True
            click.echo(f"govwatch: error: {exc}", err=True)
        if read_only:
            click.echo(f"govwatch: {ctx.db_path} is read-only: this {channel} digest is not "
                       "recorded (--since last and repeat suppression will not know it)",
                       err=True)
        else:
            dbm.record_digest(db, period_start=built.period_start, period_end=built.period_end,
                              fmt={"email": "html", "webhook": "slack"}.get(channel, fmt),
                              channel=channel, recipients=recipients,
                              story_keys=[story.key for story in built.stories],
                              status="failed" if error else "delivered", error=error)
        if not error and ctx.verbosity >= 0 and channel != "stdout":
            where = output if channel == "file" else ", ".join(recipients)
            click.echo(f"govwatch: {channel}: {built.story_count} stories to {where}", err=True)
    sys.exit(EXIT_DELIVERY if failed else EXIT_OK)


def _health_report(ctx: Context, db: Any) -> list[Any]:
    """crawler.health's view of every configured source, for the digest's health section.

    A digest must not fail because sources.toml or schedule.toml cannot be read: then the
    section shows only the period's failures (with a warning when a file is invalid).
    """
    from crawler import health

    if not ctx.sources_path.exists():
        return []  # a digest-only setup: the period's failures are all there is
    try:
        return health.report(db, ctx.load_sources(), ctx.load_schedule_config(None).health)
    except ConfigError as exc:
        click.echo(f"govwatch: warning: source health limited to the period's failures: {exc}",
                   err=True)
        return []


def _gazetteer_values(ctx: Context) -> tuple[dict[str, set[str]], dict[str, str]]:
    """Jurisdiction codes and agency ids of config/gazetteers (the digest also accepts every
    value already in the database), and the jurisdictions' headings ("Mainland China").
    A config folder without gazetteers gives neither; a broken one is a ConfigError."""
    from crawler.config import GAZETTEER_DIR, load_gazetteer

    directory = ctx.config_dir / GAZETTEER_DIR
    if not directory.is_dir():
        return {}, {}
    gazetteer = load_gazetteer(directory)
    values = {"jurisdictions": {j.code for j in gazetteer.jurisdictions},
              "agencies": {a.id for a in gazetteer.agencies} | {a.name for a in gazetteer.agencies}}
    return values, {j.code: j.label for j in gazetteer.jurisdictions}


def _write(path: str, text: str) -> None:
    try:
        Path(path).write_text(text, encoding="utf-8")
    except OSError as exc:
        fail(f"{path}: cannot write: {exc.strerror or exc}", EXIT_USAGE)


def _echo_utf8(text: str) -> None:
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8")
    click.echo(text, nl=False)

def _duration_option(value: str | None, param: str) -> float | None:
    from crawler.dates import parse_duration

    if value is None:
        return None
    interval = parse_duration(value)
    if interval is None or interval.total_seconds() < 1:
        raise click.BadParameter(f"expected a duration such as '90s', '15m' or '1h', got {value!r}",
                                 param_hint=param)
    return interval.total_seconds()


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

    from crawler import schedule as scheduler

    _parse_set(settings)  # validate now rather than in every child
    timeout = _duration_option(crawl_timeout, "--crawl-timeout")
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
    from crawler import locks

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
    import json
    from datetime import UTC, datetime

    from crawler import db as dbm
    from crawler import health

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
                 _yes_no(h.etag_supported), h.last_article_at or "-"] for h in report]
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


def _yes_no(value: bool | None) -> str:
    return "?" if value is None else ("yes" if value else "no")


@main.command()
@click.argument("source_ids", nargs=-1, required=True, metavar="ID...")
@common_options
def resume(ctx: Context, source_ids: tuple[str, ...]) -> None:
    """Resume paused sources: clear the pause and the failure count.

    The scheduler crawls a resumed source at its next turn. A successful
    `govwatch crawl --source ID` also resumes it.

    \b
    Example:
      govwatch resume gov-uk-ai
    """
    from crawler import db as dbm

    config = ctx.load_sources()
    for sid in source_ids:
        config.by_id(sid)
    db = dbm.open_db(ctx.db_path, create=False)
    for sid in source_ids:
        if dbm.resume_source(db, sid) and ctx.verbosity >= 0:
            click.echo(f"resumed {sid}")
        elif ctx.verbosity >= 0:
            click.echo(f"{sid}: never crawled, nothing to resume")
    db.conn.close()


if __name__ == "__main__":
    main()
