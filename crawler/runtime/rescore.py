"""Re-apply relevance (and tagging, summary) to stored articles without re-crawling.

Irrelevant articles are stored flagged, not dropped, so a changed topics.toml or
gazetteer can be applied to everything already in the database::

    from crawler import db as dbmod
    from crawler.config import config_dir, load_gazetteer, load_topic
    from crawler.runtime.rescore import rescore

    directory = config_dir(ctx_config)           # --config, else GOVWATCH_CONFIG, else ./config
    database = dbmod.open_db(db_path, create=False)
    counts = rescore(database, load_topic(directory, topic_id),
                     load_gazetteer(directory / "gazetteers"))
    click.echo(f"{counts['articles']} articles: {counts['relevant']} relevant, "
               f"{counts['changed']} changed")

That is what the ``govwatch rescore [--topic ID] [--no-tags]`` CLI command does (with
``gazetteer=None`` for --no-tags, and ``signal_config`` from config/signals.toml). Rows are updated in batches of one transaction
each, so a crawl writing at the same time is only briefly blocked.
"""

from __future__ import annotations

from typing import Any

import sqlite_utils

from crawler import db as dbmod
from crawler.config import DedupRules, Gazetteer, SignalConfig, Topic
from crawler.shared.items import Article
from pipelines import relevance, signals, story, summary, tagging
from pipelines.crosslang import PeopleMatcher
from pipelines.noise import noise_of
from pipelines.tagging import Tagger

BATCH = 200


def rescore(db: sqlite_utils.Database, topic: Topic, config: Gazetteer | None = None,
            *, summaries: bool = True, signal_config: SignalConfig | None = None,
            tagger: Tagger | None = None) -> dict[str, int]:
    """Rescore every stored article against ``topic``; retag with ``config`` (a Gazetteer)
    when given, and recompute summary/key signals unless ``summaries`` is False. With
    ``signal_config`` (config/signals.toml), also the signal types, amounts and deadlines,
    and the key signals leave out its noise.

    Each stored article goes through the same ``apply()`` of each stage as a crawled one
    (an :class:`Article` rebuilt from its row, stored tags included), so a rescore and a
    crawl cannot disagree. Returns counts: articles, relevant, irrelevant, changed
    (relevance flag flipped), signalled (articles with at least one signal type).
    ``tagger``: an already compiled Tagger for ``config`` (from the matcher cache)."""
    if tagger is None and config is not None:
        tagger = Tagger(config)  # (the CLI passes the matcher cache's compiled one)
    noise = noise_of(signal_config) if signal_config is not None else None
    counts = {"articles": 0, "relevant": 0, "irrelevant": 0, "changed": 0, "signalled": 0}
    previous = dbmod.relevance_flags(db)
    columns = ["relevant", "relevance_score", "relevance_reasons", "topic"]
    if tagger is not None:
        columns += ["jurisdictions", "agencies", "vendors", "locations", "source_jurisdiction"]
    if summaries:
        columns += ["summary", "key_signals"]
    if signal_config is not None:
        columns += ["signal_types", "signal_evidence", "amounts", "deadlines"]
    pending: list[tuple[int, dict[str, Any]]] = []
    for row in dbmod.iter_article_texts(db):
        item = Article(url="", source_id="", fetched_at=row["fetched_at"] or "",
                       title=row["title"] or "", text=row["text"] or "",
                       language=row["language"] or "", published_at=row["published_at"] or "",
                       source_jurisdiction=row["source_jurisdiction"] or "",
                       jurisdictions=row["jurisdictions"], agencies=row["agencies"],
                       vendors=row["vendors"], locations=row["locations"])
        relevance.apply(item, topic)
        if tagger is not None:
            tagging.apply(item, tagger)
        if summaries:
            summary.apply(item, noise)
        if signal_config is not None:
            signals.apply(item, signal_config)
            counts["signalled"] += bool(item.signal_types)
        values = {column: getattr(item, column) for column in columns}
        values["source_jurisdiction"] = item.source_jurisdiction or None
        if tagger is None:
            del values["source_jurisdiction"]
        counts["articles"] += 1
        counts["relevant" if item.relevant else "irrelevant"] += 1
        before = previous.get(row["id"])
        if before is None or bool(before) != item.relevant:
            counts["changed"] += 1
        pending.append((row["id"], values))
        if len(pending) >= BATCH:
            _flush(db, pending)
    _flush(db, pending)
    return counts


def relink_stories(db: sqlite_utils.Database, rules: DedupRules,
                   people: PeopleMatcher | None = None) -> dict[str, int]:
    """Recompute every cross-language story link (pipelines.story.relink) in one
    transaction: after a rescore the tags, and so the evidence, may have changed.
    Analysts' splits and merges (``govwatch story``) are kept."""
    with dbmod.transaction(db):
        return story.relink(db, rules, people)


def _flush(db: sqlite_utils.Database, pending: list[tuple[int, dict[str, Any]]]) -> None:
    if not pending:
        return
    with dbmod.transaction(db):
        for article_id, values in pending:
            dbmod.update_article_signals(db, article_id, values)
    pending.clear()
