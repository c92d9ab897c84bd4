"""``govwatch sources``, ``frontier``, ``retry`` and ``resume``: the sources and their URLs."""

from __future__ import annotations

import json
from typing import Any

import click

from crawler.cli.base import Context, common_options, format_table, main, stdout_utf8
from crawler.db.frontier import STATES as FRONTIER_STATES


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
        stdout_utf8()
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
    from crawler.shared.urls import canonicalize

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
