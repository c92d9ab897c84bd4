"""``govwatch export``, ``search``, ``serve`` and ``story``: the stored articles and stories."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from crawler.cli.base import Context, common_options, fail, format_table, main, stdout_utf8
from crawler.cli.filters import checked_filters, filter_options
from crawler.db.filters import ArticleFilter
from crawler.outputs.formats import EXPORT_FORMATS
from crawler.shared.dates import article_moment
from crawler.shared.exits import (
    EXIT_USAGE,
)


@main.command()
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), default="jsonl",
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
    from crawler.outputs import export as exporter

    filters = checked_filters(ctx, filters)
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
        stdout_utf8()
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
    from crawler.outputs import search as searcher

    filters = checked_filters(ctx, filters)
    try:
        tree = searcher.parse(query)
    except searcher.QueryError as exc:
        fail(f"bad query: {exc}", EXIT_USAGE)
    db = dbm.open_db(ctx.db_path, create=False, write=False)
    results = searcher.search(db, tree, filters, limit)
    stdout_utf8()
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
        day = article_moment(r["published_at"], r["fetched_at"])[:10]
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
    from crawler.outputs import serve as server

    try:
        server.require_datasette()
        # checked and migrated first (read-only: datasette only reads)
        dbm.open_db(ctx.db_path, create=False, write=False).conn.close()
        path = Path(metadata) if metadata else ctx.config_dir / server.METADATA_FILE
        server.serve(ctx.db_path, path, host, port)
    except server.ServeError as exc:
        fail(str(exc), EXIT_USAGE)


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
