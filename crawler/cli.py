"""The ``govwatch`` command: a thin click layer over crawler.* modules."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from datetime import UTC, datetime
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
    Exit codes: 0 success; 1 a source failed (crawl) or a delivery failed (digest);
    2 bad config or usage; 3 database unusable or missing.

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



EXIT_DELIVERY = 1


def _bound(value: str, option: str) -> str:
    from crawler.export import parse_since

    try:
        return parse_since(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint=option) from None


def _check_choice(value: str | None, known: set[str], what: str, option: str) -> None:
    if value is None or value in known:
        return
    listed = ", ".join(sorted(known)[:20]) if known else "none yet"
    raise click.BadParameter(f"unknown {what} {value!r} (known in this database: {listed})",
                             param_hint=option)


@main.command()
@click.option("--since", default="24h", show_default=True, metavar="WHEN",
              help="Start of the period: 24h, 7d, 2w, 2026-06-01, or 'last' (the end of the "
                   "last digest delivered on the same channel).")
@click.option("--until", metavar="WHEN", help="End of the period (default: now); same forms.")
@click.option("--format", "fmt", type=click.Choice(["markdown", "html", "json", "atom"]),
              default="markdown", show_default=True, help="Output format (stdout or --output).")
@click.option("--output", "-o", type=click.Path(dir_okay=False), metavar="FILE",
              help="Write to FILE instead of stdout.")
@click.option("--topic", metavar="TOPIC", help="Only this topic, e.g. public-sector-ai.")
@click.option("--jurisdiction", metavar="CODE", help="Only stories about this ISO code, e.g. HK.")
@click.option("--agency", metavar="ID", help="Only stories naming this agency id, e.g. hk-dpo.")
@click.option("--source", "source_id", metavar="ID", help="Only articles from this source id.")
@click.option("--min-score", type=float, metavar="X", help="Only articles scoring at least X.")
@click.option("--include-irrelevant", is_flag=True,
              help="Also articles the relevance stage rejected or has not scored.")
@click.option("--email", is_flag=True,
              help="Send the HTML digest (with a plain-text part) by SMTP; see config/digest.toml.")
@click.option("--webhook", metavar="URL", help="POST a Slack-compatible summary to URL.")
@click.option("--send-empty", is_flag=True, help="Output or send even when there are no stories.")
@common_options
def digest(ctx: Context, since: str, until: str | None, fmt: str, output: str | None,
           topic: str | None, jurisdiction: str | None, agency: str | None,
           source_id: str | None, min_score: float | None, include_irrelevant: bool,
           email: bool, webhook: str | None, send_empty: bool) -> None:
    """Build the digest of recent relevant stories, grouped by jurisdiction; print or send it.

    Stories come newest first within each jurisdiction (most active first), each with
    its summary, key signals, agencies, vendors, locations and every outlet that ran it,
    followed by a source-health section. --email and --webhook record each delivery in
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
      govwatch digest --since 2026-06-01 --until 2026-06-08 --webhook https://hooks.slack.com/services/…
    """
    from crawler import db as dbm
    from crawler import deliver
    from crawler import digest as digests
    from crawler.config import load_digest_config
    from crawler.render import human_time, render

    end = _bound(until, "--until") if until else digests.iso(datetime.now(UTC))
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
    db = dbm.open_db(ctx.db_path, create=False)
    known = dbm.digest_known_values(db)
    for kind, values in _gazetteer_values(ctx).items():
        known[kind] |= values
    code = jurisdiction.upper() if jurisdiction else None
    _check_choice(code, known["jurisdictions"], "jurisdiction", "--jurisdiction")
    _check_choice(agency, known["agencies"], "agency id", "--agency")
    _check_choice(source_id, known["sources"], "source id", "--source")
    filters = digests.Filters(topic=topic, jurisdiction=code, agency=agency, source=source_id,
                              min_score=min_score, include_irrelevant=include_irrelevant)
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
        built = digests.for_channel(db, channel, start, end, filters)
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
        dbm.record_digest(db, period_start=built.period_start, period_end=built.period_end,
                          fmt={"email": "html", "webhook": "slack"}.get(channel, fmt),
                          channel=channel, recipients=recipients,
                          story_keys=[story.key for story in built.stories],
                          status="failed" if error else "delivered", error=error)
        if not error and ctx.verbosity >= 0 and channel != "stdout":
            where = output if channel == "file" else ", ".join(recipients)
            click.echo(f"govwatch: {channel}: {built.story_count} stories to {where}", err=True)
    sys.exit(EXIT_DELIVERY if failed else EXIT_OK)


def _gazetteer_values(ctx: Context) -> dict[str, set[str]]:
    """Jurisdiction codes and agency ids of config/gazetteers, once crawler.config can load
    it (issue #3); the digest also accepts every value already in the database."""
    from crawler import config as cfg

    loader = getattr(cfg, "load_gazetteer", None)
    directory = ctx.config_dir / "gazetteers"
    if loader is None or not directory.is_dir():
        return {}
    gazetteer = loader(directory)
    return {"jurisdictions": {j.code for j in gazetteer.jurisdictions},
            "agencies": {a.id for a in gazetteer.agencies}}


def _write(path: str, text: str) -> None:
    try:
        Path(path).write_text(text, encoding="utf-8")
    except OSError as exc:
        fail(f"{path}: cannot write: {exc.strerror or exc}", EXIT_USAGE)


def _echo_utf8(text: str) -> None:
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8")
    click.echo(text, nl=False)

if __name__ == "__main__":
    main()
