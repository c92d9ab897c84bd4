"""Stories across languages (issue #17): the evidence index, links and analysts' decisions.

Each article keeps the story the same-language ladder gave it (``articles.base_story_id``);
``articles.story_id`` is the story it is shown in. A cross-language link joins two base
stories: the later one's ``stories.merged_into`` names the earlier one, and its articles'
``story_id`` follows, so digest, export and search group by ``story_id`` as before.

``article_evidence`` holds each article's indexed evidence keys (pipelines/crosslang.py)
with its time and language family; an index on (key, at) makes finding the articles that
share a key within the time window one indexed range lookup per key, whatever the number
stored. ``story_links`` records every link with its score and the evidence that matched;
``story_decisions`` records an analyst's ``govwatch story split`` / ``merge``, which a
relink (``govwatch rescore``) applies before, and above, the rule.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

import sqlite_utils

from crawler.shared.dates import utc_now
from crawler.shared.text import language_family


def migrate_cross_language(db: sqlite_utils.Database) -> None:
    """Cross-language stories (issue #17): base stories, pair keys, the evidence index,
    links and decisions. Existing articles keep their story as their base story."""
    db.executescript(
        """
        ALTER TABLE articles ADD COLUMN base_story_id INTEGER;  -- the same-language story
        UPDATE articles SET base_story_id = story_id;
        CREATE INDEX idx_articles_base_story ON articles(base_story_id);
        ALTER TABLE articles ADD COLUMN pair_key TEXT;  -- dedup.toml [[pair_key]] id:key
        CREATE INDEX idx_articles_pair_key ON articles(pair_key);
        ALTER TABLE stories ADD COLUMN merged_into INTEGER;  -- shown as part of that story
        CREATE INDEX idx_stories_merged_into ON stories(merged_into);
        CREATE TABLE article_evidence (
            key TEXT NOT NULL,           -- kind:value (pipelines.crosslang)
            at TEXT NOT NULL,            -- the article's published_at, else fetched_at
            lang TEXT NOT NULL,          -- language family: en, zh, ...
            article_id INTEGER NOT NULL REFERENCES articles(id)
        );
        CREATE INDEX idx_article_evidence_key_at ON article_evidence(key, at);
        CREATE INDEX idx_article_evidence_article ON article_evidence(article_id);
        CREATE TABLE story_links (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id),        -- the later report
            other_article_id INTEGER NOT NULL REFERENCES articles(id),  -- the one it joined
            method TEXT NOT NULL,        -- pair_key | evidence | merge (an analyst's)
            score REAL,                  -- the rule's score (NULL for merge)
            evidence TEXT,               -- JSON: shared values by kind, hours_apart
            created_at TEXT NOT NULL
        );
        CREATE INDEX idx_story_links_article ON story_links(article_id);
        CREATE INDEX idx_story_links_other ON story_links(other_article_id);
        CREATE TABLE story_decisions (
            id INTEGER PRIMARY KEY,
            action TEXT NOT NULL,        -- split | merge
            article_id INTEGER NOT NULL REFERENCES articles(id),
            other_article_id INTEGER NOT NULL REFERENCES articles(id),
            decided_at TEXT NOT NULL,
            note TEXT
        );
        CREATE INDEX idx_story_decisions_pair ON story_decisions(article_id, other_article_id);
        """
    )


# --------------------------------------------------------------------------------------
# Evidence index
# --------------------------------------------------------------------------------------

def replace_evidence(db: sqlite_utils.Database, article_id: int, keys: Iterable[str],
                     at: str, lang: str) -> None:
    db.execute("DELETE FROM article_evidence WHERE article_id = ?", (article_id,))
    db.conn.executemany(
        "INSERT INTO article_evidence (key, at, lang, article_id) VALUES (?, ?, ?, ?)",
        [(k, at, lang, article_id) for k in keys])


def evidence_candidates(db: sqlite_utils.Database, keys: list[str], lang: str, start: str,
                        end: str, limit: int, exclude: int) -> list[int]:
    """Articles of another language family sharing at least one key, at a time in
    [start, end], most shared keys first."""
    if not keys:
        return []
    values = ", ".join("(?)" for _ in keys)
    rows = db.execute(
        f"""WITH q(key) AS (VALUES {values})
            SELECT e.article_id FROM q JOIN article_evidence e
              ON e.key = q.key AND e.at BETWEEN ? AND ?
            WHERE e.lang != ? AND e.article_id != ?
            GROUP BY e.article_id ORDER BY COUNT(*) DESC, e.article_id LIMIT ?""",
        [*keys, start, end, lang, exclude, limit]).fetchall()
    return [r[0] for r in rows]


def all_evidence(db: sqlite_utils.Database, article_ids: Iterable[int]
                 ) -> dict[int, dict[str, Any]]:
    """{article id: {keys, at, lang}} from the index."""
    ids = sorted(set(article_ids))
    out: dict[int, dict[str, Any]] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        marks = ", ".join("?" for _ in chunk)
        for key, at, lang, article_id in db.execute(
                f"SELECT key, at, lang, article_id FROM article_evidence "
                f"WHERE article_id IN ({marks})", chunk).fetchall():
            entry = out.setdefault(article_id, {"keys": set(), "at": at, "lang": lang})
            entry["keys"].add(key)
    return out


def set_pair_key(db: sqlite_utils.Database, article_id: int, key: str | None) -> None:
    db.execute("UPDATE articles SET pair_key = ? WHERE id = ?", (key, article_id))


def pair_partners(db: sqlite_utils.Database, key: str, exclude: int) -> list[dict[str, Any]]:
    """Stored articles with the same pair key: {id, language, text}."""
    return list(db.query("SELECT id, language, text FROM articles WHERE pair_key = ? AND id != ? "
                         "ORDER BY id", [key, exclude]))


# --------------------------------------------------------------------------------------
# Stories: base and shown
# --------------------------------------------------------------------------------------

def root(db: sqlite_utils.Database, story_id: int) -> int:
    """The story ``story_id`` is shown in (itself unless merged)."""
    row = db.execute("SELECT merged_into FROM stories WHERE id = ?", (story_id,)).fetchone()
    return int(row[0]) if row and row[0] is not None else story_id


def set_base_story(db: sqlite_utils.Database, article_id: int, base: int) -> int:
    """Give the article its same-language story and show it in that story's root."""
    shown = root(db, base)
    db.execute("UPDATE articles SET base_story_id = ?, story_id = ? WHERE id = ?",
               (base, shown, article_id))
    return shown


def base_stories_of(db: sqlite_utils.Database, shown: int) -> list[int]:
    return [r[0] for r in db.execute(
        "SELECT id FROM stories WHERE id = ? OR merged_into = ? ORDER BY id", (shown, shown))]


def articles_of(db: sqlite_utils.Database, shown: int) -> list[int]:
    return [r[0] for r in db.execute(
        "SELECT id FROM articles WHERE story_id = ? ORDER BY id", (shown,))]


def join_stories(db: sqlite_utils.Database, a: int, b: int) -> int:
    """Show the stories rooted at ``a`` and ``b`` as one (the older id is kept); returns
    the root. Mentions stay with their base story; readers follow ``merged_into``."""
    a, b = root(db, a), root(db, b)
    if a == b:
        return a
    keep, gone = min(a, b), max(a, b)
    db.execute("UPDATE stories SET merged_into = ? WHERE id = ? OR merged_into = ?",
               (keep, gone, gone))
    db.execute("UPDATE articles SET story_id = ? WHERE story_id = ?", (keep, gone))
    db.execute(
        """UPDATE stories SET
             first_seen_at = MIN(first_seen_at, (SELECT first_seen_at FROM stories WHERE id = ?)),
             last_seen_at = MAX(last_seen_at, (SELECT last_seen_at FROM stories WHERE id = ?))
           WHERE id = ?""", (gone, gone, keep))
    return keep


def record_link(db: sqlite_utils.Database, article_id: int, other_id: int, method: str,
                score: float | None, evidence: dict[str, Any] | None) -> None:
    db.execute(
        """INSERT INTO story_links (article_id, other_article_id, method, score, evidence,
                                    created_at) VALUES (?, ?, ?, ?, ?, ?)""",
        (article_id, other_id, method, score,
         json.dumps(evidence, ensure_ascii=False) if evidence is not None else None, utc_now()))


# --------------------------------------------------------------------------------------
# Decisions
# --------------------------------------------------------------------------------------

def record_decision(db: sqlite_utils.Database, action: str, article_id: int, other_id: int,
                    note: str | None = None) -> None:
    db.execute(
        """INSERT INTO story_decisions (action, article_id, other_article_id, decided_at, note)
           VALUES (?, ?, ?, ?, ?)""", (action, article_id, other_id, utc_now(), note))


def decisions(db: sqlite_utils.Database) -> dict[frozenset[int], str]:
    """The latest decision on each pair of articles: {frozenset({a, b}): split|merge}."""
    out: dict[frozenset[int], str] = {}
    for action, a, b in db.execute(
            "SELECT action, article_id, other_article_id FROM story_decisions ORDER BY id"):
        out[frozenset((a, b))] = action
    return out


def split_pairs_between(db: sqlite_utils.Database, left: list[int], right: list[int]) -> bool:
    """True when an analyst's latest word on some (left, right) article pair is split."""
    if not left or not right or not has_decisions(db):
        return False
    latest = decisions(db)
    return any(latest.get(frozenset((a, b))) == "split" for a in left for b in right)


def has_decisions(db: sqlite_utils.Database) -> bool:
    return db.execute("SELECT 1 FROM story_decisions LIMIT 1").fetchone() is not None


def story_links_of(db: sqlite_utils.Database, article_ids: Iterable[int]) -> list[dict[str, Any]]:
    ids = sorted(set(article_ids))
    if not ids:
        return []
    marks = ", ".join("?" for _ in ids)
    rows = list(db.query(
        f"""SELECT * FROM story_links WHERE article_id IN ({marks})
            OR other_article_id IN ({marks}) ORDER BY id""", [*ids, *ids]))
    for row in rows:
        row["evidence"] = json.loads(row["evidence"]) if row["evidence"] else None
    return rows


# --------------------------------------------------------------------------------------
# Relink: start again from the base stories
# --------------------------------------------------------------------------------------

def reset_links(db: sqlite_utils.Database) -> None:
    """Show every article in its base story again and forget the rule's links (the
    analysts' decisions stay)."""
    db.execute("UPDATE stories SET merged_into = NULL WHERE merged_into IS NOT NULL")
    db.execute("UPDATE articles SET story_id = base_story_id WHERE base_story_id IS NOT NULL")
    db.execute("DELETE FROM story_links")


def articles_for_relink(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    """Every article with a base story: id, url, source_id, language, title, text, tags,
    time, oldest first."""
    return list(db.query(
        """SELECT id, url, source_id, language, title, text, agencies, vendors, locations,
                  jurisdictions, base_story_id,
                  COALESCE(NULLIF(published_at, ''), fetched_at) AS at
           FROM articles WHERE base_story_id IS NOT NULL ORDER BY at, id"""))


# --------------------------------------------------------------------------------------
# Readers: a story's languages (digest, export, search)
# --------------------------------------------------------------------------------------

def story_versions(db: sqlite_utils.Database, story_ids: Iterable[int]
                   ) -> dict[int, list[dict[str, Any]]]:
    """Each story's versions by language: one {language, article_id, title, url,
    published_at} per language family (``zh``, ``en``...; its earliest article), the
    earliest version first. Stories not in the database are left out."""
    ids = sorted({i for i in story_ids if i is not None})
    out: dict[int, list[dict[str, Any]]] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        marks = ", ".join("?" for _ in chunk)
        rows = db.query(
            f"""SELECT a.story_id, a.id, a.language, a.title, a.url,
                       COALESCE(NULLIF(a.published_at, ''), a.fetched_at) AS at,
                       (SELECT e.lang FROM article_evidence e WHERE e.article_id = a.id
                        LIMIT 1) AS family, substr(a.text, 1, 300) AS head
                FROM articles a WHERE a.story_id IN ({marks}) ORDER BY at, a.id""", chunk)
        for row in rows:
            family = row["family"] or _family(row["language"], row["head"] or "")
            versions = out.setdefault(row["story_id"], [])
            if all(v["language"] != family for v in versions):
                versions.append({"language": family, "article_id": row["id"],
                                 "title": row["title"], "url": row["url"],
                                 "published_at": row["at"]})
    return out


def _family(language: str | None, text: str) -> str:

    return language_family(language, text)
