"""``govwatch crawl`` and ``govwatch rescore``: fetch and process articles."""

from __future__ import annotations

import sqlite3
import sys
from typing import Any

import click

from crawler.cli.base import (
    Context,
    common_options,
    fail,
    format_table,
    main,
    parse_set,
    schedule_config_option,
)
from crawler.config import (
    load_dedup_rules,
)
from crawler.shared.exits import (
    EXIT_LOCKED,
    EXIT_OK,
    EXIT_USAGE,
)


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
    from crawler.runtime.run import crawl as run_crawl
    from crawler.unattended import health, locks

    overrides = parse_set(settings)
    config = ctx.load_sources()
    schedule_settings = ctx.load_schedule_config(schedule_config)
    load_dedup_rules(ctx.config_dir / "dedup.toml")  # a bad file stops here, in one line
    from crawler.runtime.prestart import PlainSettings
    from pipelines.chain import ChainSpec, check_config

    # So does a bad topics.toml, gazetteer or signals.toml; a config the matcher cache
    # already holds compiled was checked when it was built (~25 ms less per crawl).
    check_config(ChainSpec.from_settings(PlainSettings(overrides, ctx.config_dir)))
    if source_ids:
        selected = [config.by_id(sid) for sid in dict.fromkeys(source_ids)]
    else:
        selected = list(config.enabled())
        paused = paused_ids(ctx)
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
        click.echo(summary_table(result.rows))
        click.echo(f"run {result.run_id}: {sum(r['new'] for r in result.rows)} new articles, "
                   f"exit code {result.exit_code}")
    sys.exit(result.exit_code or (EXIT_LOCKED if held.busy else EXIT_OK))


def paused_ids(ctx: Context) -> set[str]:
    from crawler import db as dbm

    if not ctx.db_path.exists():
        return set()
    db = dbm.open_db(ctx.db_path, check=False)  # crawler.runtime.run checks it (once per crawl)
    try:
        return {row["id"] for row in dbm.source_states(db) if row.get("paused_at")}
    except sqlite3.DatabaseError:
        dbm.open_db(ctx.db_path).conn.close()  # the one-line message on how to recover
        raise
    finally:
        db.conn.close()


def summary_table(rows: list[dict[str, Any]]) -> str:
    headers = ["source", "status", "requested", "new", "stored", "dup", "ignored", "errors",
               "gave up", "pending"]
    keys = ["source_id", "status", "requested", "new", "already_stored", "duplicates",
            "ignored", "errors", "gave_up", "pending"]
    return format_table(headers, [[row.get(k, "") for k in keys] for row in rows])


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
    from crawler.runtime.rescore import relink_stories
    from crawler.runtime.rescore import rescore as run_rescore
    from pipelines.chain import cached_stages as compiled_stages
    from pipelines.crosslang import PeopleMatcher

    topic = load_topic(ctx.config_dir, topic_id)
    gazetteer = None if no_tags else load_gazetteer(ctx.config_dir / "gazetteers")
    # the tagger compiled once per config, from the matcher cache a crawl uses (a build
    # without it takes about 2 s)
    tagger = None if no_tags else compiled_stages(ctx.config_dir, topic_id).tagger
    rules = load_dedup_rules(ctx.config_dir / "dedup.toml")
    people = PeopleMatcher(load_people(ctx.config_dir / "gazetteers"))
    signal_config = load_signal_config(signal_config_path(ctx.config_dir))
    database = dbm.open_db(ctx.db_path, create=False)
    counts = run_rescore(database, topic, gazetteer, signal_config=signal_config, tagger=tagger)
    linked = relink_stories(database, rules, people)
    if ctx.verbosity >= 0:
        click.echo(f"{counts['articles']} articles rescored against {topic.id}: "
                   f"{counts['relevant']} relevant, {counts['irrelevant']} not; "
                   f"{counts['changed']} changed their verdict"
                   f"; {counts['signalled']} with a signal type")
        click.echo(f"stories across languages: {linked['links']} linked by the rule or a "
                   f"pair key, {linked['merges']} by an analyst's merge")
