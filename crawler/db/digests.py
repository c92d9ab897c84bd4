"""What the digest reads (articles and stories of a period) and which digests were sent."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

import sqlite_utils

from crawler.db.articles import decode_article
from crawler.db.connection import encode_json, transaction, utcnow
from crawler.db.filters import article_moment_sql

ARTICLE_MOMENT_SQL = f"({article_moment_sql('a')})"


def digest_articles(db: sqlite_utils.Database, start: str, end: str,
                    late_since: str) -> list[dict[str, Any]]:
    """Articles published (or stored) in [start, end), decoded, with ``source_name``.

    An article stored in the period but published before it (a late find) counts too when
    it was published at or after ``late_since``, so a daily digest misses nothing a crawl
    found late, without flooding on a new source's back catalogue.
    """
    sql = f"""
        SELECT a.*, {ARTICLE_MOMENT_SQL} AS moment, s.name AS source_name,
               s.jurisdiction AS source_config_jurisdiction
        FROM articles a LEFT JOIN sources s ON s.id = a.source_id
        WHERE ({ARTICLE_MOMENT_SQL} >= :start AND {ARTICLE_MOMENT_SQL} < :end)
           OR (a.fetched_at >= :start AND a.fetched_at < :end AND {ARTICLE_MOMENT_SQL} >= :late)
        ORDER BY moment DESC, a.id DESC
    """
    params = {"start": start, "end": end, "late": late_since}
    return [decode_article(row) for row in db.query(sql, params)]


def has_story_tables(db: sqlite_utils.Database) -> bool:
    """True once the stories/story_mentions tables (dedup) exist in this database."""
    names = set(db.table_names())
    return {"stories", "story_mentions"} <= names


def digest_stories(db: sqlite_utils.Database, story_ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    """``stories`` rows by id (empty when the table does not exist)."""
    ids = sorted(set(story_ids))
    if not ids or not has_story_tables(db):
        return {}
    marks = ", ".join("?" for _ in ids)
    rows = db.query(f"SELECT * FROM stories WHERE id IN ({marks})", ids)
    return {row["id"]: row for row in rows}


def digest_story_mentions(db: sqlite_utils.Database,
                          story_ids: Iterable[int]) -> dict[int, list[dict[str, Any]]]:
    """Every outlet that ran each story (``story_mentions`` with the source's name)."""
    ids = sorted(set(story_ids))
    if not ids or not has_story_tables(db):
        return {}
    marks = ", ".join("?" for _ in ids)
    out: dict[int, list[dict[str, Any]]] = {}
    # A story shown as part of another (cross-language link, stories.merged_into) brings
    # its mentions to that story.
    for row in db.query(
        f"""SELECT m.*, s.name AS source_name, COALESCE(st.merged_into, st.id) AS shown_in
            FROM story_mentions m JOIN stories st ON st.id = m.story_id
            LEFT JOIN sources s ON s.id = m.source_id
            WHERE st.id IN ({marks}) OR st.merged_into IN ({marks})
            ORDER BY m.published_at, m.url""", [*ids, *ids]):
        shown = row.pop("shown_in")
        row["story_id"] = shown
        out.setdefault(shown, []).append(row)
    return out


def digest_story_versions(db: sqlite_utils.Database,
                          story_ids: Iterable[int]) -> dict[int, list[dict[str, Any]]]:
    """Each story's version per language (crawler.db.links.story_versions)."""
    from crawler.db.links import story_versions

    if not has_story_tables(db):
        return {}
    return story_versions(db, story_ids)


def digest_other_urls(db: sqlite_utils.Database,
                      article_ids: Iterable[int]) -> dict[int, list[dict[str, Any]]]:
    """Other URLs that carried the same text as each article (``article_urls``)."""
    ids = sorted(set(article_ids))
    if not ids:
        return {}
    out: dict[int, list[dict[str, Any]]] = {}
    for chunk_start in range(0, len(ids), 500):
        chunk = ids[chunk_start:chunk_start + 500]
        marks = ", ".join("?" for _ in chunk)
        for row in db.query(
            f"""SELECT u.*, s.name AS source_name FROM article_urls u
                LEFT JOIN sources s ON s.id = u.source_id
                WHERE u.article_id IN ({marks}) AND u.reason != 'stored'
                ORDER BY u.first_seen_at, u.url""", chunk):
            out.setdefault(row["article_id"], []).append(row)
    return out


def digest_known_values(db: sqlite_utils.Database) -> dict[str, set[str]]:
    """Jurisdiction codes, agency ids (and names, parents, mentions), source ids and topics
    present in the database."""
    jurisdictions = {r["v"] for r in db.query(
        """SELECT DISTINCT j.value AS v FROM articles a, json_each(a.jurisdictions) j
           WHERE a.jurisdictions IS NOT NULL AND json_valid(a.jurisdictions)
           UNION SELECT source_jurisdiction FROM articles WHERE source_jurisdiction IS NOT NULL
           UNION SELECT jurisdiction FROM sources WHERE jurisdiction IS NOT NULL""")}
    # agencies by id, name, parent (units) and the strings the text gave (mentions)
    agencies = {r["v"] for r in db.query(
        """SELECT agency_id AS v FROM article_agencies
           UNION SELECT agency_name FROM article_agencies
           UNION SELECT parent FROM article_agencies WHERE parent IS NOT NULL
           UNION SELECT m.value FROM article_agencies AS g, json_each(
             CASE WHEN json_valid(g.mentions) THEN g.mentions END) AS m""")
        if isinstance(r["v"], str) and r["v"]}
    sources = {r["id"] for r in db.query("SELECT id FROM sources")}
    topics = {r["topic"] for r in db.query(
        "SELECT DISTINCT topic FROM articles WHERE topic IS NOT NULL")}
    return {"jurisdictions": {str(v) for v in jurisdictions if v}, "agencies": agencies,
            "sources": sources, "topics": topics}


def digest_source_activity(db: sqlite_utils.Database, start: str,
                           end: str) -> list[dict[str, Any]]:
    """Per source: its state, failed runs and fetch errors in [start, end), last article."""
    return list(db.query(
        """SELECT s.id, s.name, s.last_status, s.last_error, s.consecutive_failures,
                  s.last_success_at, s.last_fetched_at,
                  (SELECT COUNT(*) FROM run_sources rs JOIN runs r ON r.id = rs.run_id
                    WHERE rs.source_id = s.id AND rs.status = 'failed'
                      AND r.started_at >= :start AND r.started_at < :end) AS failed_runs,
                  (SELECT COUNT(*) FROM fetch_errors e WHERE e.source_id = s.id
                      AND e.at >= :start AND e.at < :end) AS fetch_errors,
                  (SELECT e.error FROM fetch_errors e WHERE e.source_id = s.id
                      AND e.at >= :start AND e.at < :end ORDER BY e.at DESC, e.id DESC
                      LIMIT 1) AS last_fetch_error,
                  (SELECT MAX(a.fetched_at) FROM articles a
                    WHERE a.source_id = s.id) AS last_article_at
           FROM sources s ORDER BY s.id""",
        {"start": start, "end": end},
    ))


def last_delivered_digest(db: sqlite_utils.Database, channel: str) -> dict[str, Any] | None:
    """The most recent delivered digest on ``channel`` (None if there was none)."""
    rows = list(db.query(
        """SELECT * FROM digests WHERE channel = ? AND status = 'delivered'
           ORDER BY period_end DESC, id DESC LIMIT 1""", [channel]))
    return rows[0] if rows else None


def delivered_story_keys(db: sqlite_utils.Database, channel: str) -> set[str]:
    """Every story key already delivered on ``channel``."""
    keys: set[str] = set()
    for row in db.query("SELECT story_ids FROM digests WHERE channel = ? AND status = 'delivered'",
                        [channel]):
        keys.update(json.loads(row["story_ids"] or "[]"))
    return keys


def record_digest(db: sqlite_utils.Database, *, period_start: str, period_end: str, fmt: str,
                  channel: str, recipients: list[str], story_keys: list[str], status: str,
                  error: str | None = None) -> int:
    """Record one delivery attempt; ``status`` is 'delivered' or 'failed'."""
    with transaction(db):
        cursor = db.execute(
            """INSERT INTO digests (created_at, period_start, period_end, format, channel,
                                    recipients, story_ids, status, error)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (utcnow(), period_start, period_end, fmt, channel, encode_json(recipients),
             encode_json(story_keys), status, error),
        )
    return int(cursor.lastrowid or 0)
