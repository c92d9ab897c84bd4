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
from pipelines import relevance, signals, story, summary
from pipelines.crosslang import PeopleMatcher
from pipelines.noise import noise_of
from pipelines.tagging import Tagger

BATCH = 200


def rescore(db: sqlite_utils.Database, topic: Topic, config: Gazetteer | None = None,
            *, summaries: bool = True, signal_config: SignalConfig | None = None
            ) -> dict[str, int]:
    """Rescore every stored article against ``topic``; retag with ``config`` (a Gazetteer)
    when given, and recompute summary/key signals unless ``summaries`` is False. With
    ``signal_config`` (config/signals.toml), also the signal types, amounts and deadlines,
    and the key signals leave out its noise.

    Returns counts: articles, relevant, irrelevant, changed (relevance flag flipped),
    signalled (articles with at least one signal type)."""
    tagger = Tagger(config) if config is not None else None
    noise = noise_of(signal_config) if signal_config is not None else None
    counts = {"articles": 0, "relevant": 0, "irrelevant": 0, "changed": 0, "signalled": 0}
    previous = {row["id"]: row["relevant"] for row in db.query("SELECT id, relevant FROM articles")}
    pending: list[tuple[int, dict[str, Any]]] = []
    for row in dbmod.iter_article_texts(db):
        title, text = row["title"] or "", row["text"] or ""
        result = relevance.score(title, text, topic)
        values: dict[str, Any] = {"relevant": result.relevant, "relevance_score": result.score,
                                  "relevance_reasons": result.reasons, "topic": topic.id}
        tags: dict[str, Any] = {}
        if tagger is not None:
            found = tagger.tag(title, text, row["source_jurisdiction"] or "")
            tags = {"jurisdictions": found.jurisdictions, "agencies": found.agencies,
                    "vendors": found.vendors, "locations": found.locations}
            values.update(tags, source_jurisdiction=found.source_jurisdiction or None)
        if summaries:
            language = row["language"] or ""
            values["summary"], values["key_signals"] = summary.summary_and_signals(
                title, text, language, tags or None, noise)
        if signal_config is not None:
            codes = tags.get("jurisdictions") or []
            sig = signals.detect(title, text, signal_config,
                                 row["source_jurisdiction"] or (codes[0] if codes else ""),
                                 row["published_at"] or row["fetched_at"])
            values.update(signal_types=sig.signal_types, signal_evidence=sig.signal_evidence,
                          amounts=sig.amounts, deadlines=sig.deadlines)
            counts["signalled"] += bool(sig.signal_types)
        counts["articles"] += 1
        counts["relevant" if result.relevant else "irrelevant"] += 1
        before = previous.get(row["id"])
        if before is None or bool(before) != result.relevant:
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
