"""Full-text search over article titles and text, in Chinese and English.

Two FTS5 indexes over the same ``articles`` rows (external content: the text is stored
once, in ``articles``; triggers keep both indexes in step with every INSERT, UPDATE and
DELETE, whoever makes it):

- ``articles_fts`` uses the ``trigram`` tokenizer: any substring of three or more
  characters matches, which is what Chinese needs (no spaces between words);
- ``articles_fts_en`` uses ``porter unicode61``: whole English words with stemming
  (regulate ~ regulation), and short words such as "AI" that trigrams cannot match.

A Chinese term of one or two characters (海關, 政府) cannot use either index; it is found by
``instr()`` over title and text. bench/search_bench.py measured that scan against a
second, character-split index and chose the scan (no extra storage, always in sync; see
bench/README.md). crawler/outputs/search.py turns a user's query into the :class:`Terms` /
:class:`Op` tree that :func:`search_articles` runs.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import sqlite_utils

from crawler.db.filters import ArticleFilter, article_moment_sql, filter_sql

_INDEXES = {
    "trigram": ("articles_fts", "trigram"),
    "en": ("articles_fts_en", "porter unicode61 remove_diacritics 2"),
}
SNIPPET_START, SNIPPET_END = "[", "]"


def migrate_full_text(db: sqlite_utils.Database) -> None:
    """Migration: both FTS5 indexes and their triggers; indexes the existing rows."""
    for table, tokenizer in _INDEXES.values():
        db.executescript(f"""
        CREATE VIRTUAL TABLE {table} USING fts5(
            title, text, content='articles', content_rowid='id', tokenize='{tokenizer}');
        CREATE TRIGGER {table}_ai AFTER INSERT ON articles BEGIN
            INSERT INTO {table}(rowid, title, text) VALUES (NEW.id, NEW.title, NEW.text);
        END;
        CREATE TRIGGER {table}_ad AFTER DELETE ON articles BEGIN
            INSERT INTO {table}({table}, rowid, title, text)
            VALUES ('delete', OLD.id, OLD.title, OLD.text);
        END;
        CREATE TRIGGER {table}_au AFTER UPDATE OF title, text ON articles BEGIN
            INSERT INTO {table}({table}, rowid, title, text)
            VALUES ('delete', OLD.id, OLD.title, OLD.text);
            INSERT INTO {table}(rowid, title, text) VALUES (NEW.id, NEW.title, NEW.text);
        END;
        INSERT INTO {table}({table}) VALUES ('rebuild');
        """)


@dataclass(frozen=True)
class Match:
    """One way a search term can match an article."""

    index: str                      # "trigram" | "en" (an FTS5 index) | "scan" (instr)
    query: str = ""                 # FTS5 query string, already quoted (trigram, en)
    needles: tuple[str, ...] = ()   # exact substrings (scan)
    chinese_only: bool = False      # only articles whose language starts with "zh"


@dataclass(frozen=True)
class Terms:
    """A search term: matches when any of its alternatives matches."""

    alternatives: tuple[Match, ...]


@dataclass(frozen=True)
class Op:
    op: str                         # "AND" | "OR" | "NOT" (left and not right)
    left: Node
    right: Node


Node = Terms | Op


def _match_sql(match: Match) -> tuple[str, list[Any]]:
    if match.index == "scan":
        sql = " OR ".join("instr(a.title, ?) > 0 OR instr(a.text, ?) > 0" for _ in match.needles)
        params: list[Any] = [n for n in match.needles for _ in (0, 1)]
    else:
        table = _INDEXES[match.index][0]
        sql = f"a.id IN (SELECT rowid FROM {table} WHERE {table} MATCH ?)"
        params = [match.query]
    if match.chinese_only:
        sql = f"a.language LIKE 'zh%' AND ({sql})"
    return f"({sql})", params


def _node_sql(node: Node) -> tuple[str, list[Any]]:
    if isinstance(node, Terms):
        parts = [_match_sql(m) for m in node.alternatives]
        return "(" + " OR ".join(p[0] for p in parts) + ")", [x for p in parts for x in p[1]]
    # A chain of one operator (a AND b AND c …, a NOT b NOT c) is written flat, not nested:
    # SQLite's parser has a fixed stack, and a long query would overflow it.
    chain: list[Node] = []
    current: Node = node
    while isinstance(current, Op) and current.op == node.op:
        chain.append(current.right)
        current = current.left
    chain.append(current)
    chain.reverse()
    parts = [_node_sql(n) for n in chain]
    joiner = " AND NOT " if node.op == "NOT" else f" {node.op} "
    return "(" + joiner.join(p[0] for p in parts) + ")", [x for p in parts for x in p[1]]


def positive_matches(node: Node) -> Iterator[Match]:
    """Alternatives that make an article match (not those on the right of NOT)."""
    if isinstance(node, Terms):
        yield from node.alternatives
    else:
        yield from positive_matches(node.left)
        if node.op != "NOT":
            yield from positive_matches(node.right)


def search_articles(db: sqlite_utils.Database, tree: Node, filters: ArticleFilter | None = None,
                    limit: int = 20) -> list[dict[str, Any]]:
    """Articles matching ``tree`` and ``filters``, best first.

    ``score`` is higher for better matches: the bm25 relevance from the FTS5 indexes
    (title weighs 5x text) plus, for one- or two-character Chinese terms, how often they
    occur. ``snippet`` marks matches with [brackets] when an index found them; otherwise
    ``_text`` carries the article text so the caller can cut a snippet itself. Snippets
    are made in a second step for the ``limit`` best rows only (they are the slow part).
    """
    positive = list(positive_matches(tree))
    joins, score_parts, rankers = [], [], []
    join_params: list[Any] = []
    score_params: list[Any] = []
    # (alias, index, chinese_only): a Latin term's trigram alternative only counts, and
    # only gives the snippet, for Chinese articles.
    for alias, index, chinese_only in (("t", "trigram", False), ("e", "en", False),
                                       ("z", "trigram", True)):
        table = _INDEXES[index][0]
        queries = list(dict.fromkeys(m.query for m in positive
                                     if m.index == index and m.chinese_only == chinese_only))
        if not queries:
            continue
        only = " AND a.language LIKE 'zh%'" if chinese_only else ""
        joins.append(
            f"LEFT JOIN (SELECT rowid AS id, bm25({table}, 5.0, 1.0) AS score FROM {table} "
            f"WHERE {table} MATCH ?) AS {alias} ON {alias}.id = a.id{only}"
        )
        join_params.append(" OR ".join(queries))
        score_parts.append(f"COALESCE(-{alias}.score, 0)")
        rankers.append((alias, index, " OR ".join(queries)))
    for needle in dict.fromkeys(n for m in positive if m.index == "scan" for n in m.needles):
        score_parts.append(
            "(5 * (length(COALESCE(a.title, '')) - length(replace(COALESCE(a.title, ''), ?, '')))"
            " + length(COALESCE(a.text, '')) - length(replace(COALESCE(a.text, ''), ?, '')))"
            " / length(?)"
        )
        score_params += [needle, needle, needle]
    where, where_params = _node_sql(tree)
    fsql, fparams = filter_sql(filters or ArticleFilter())
    found = " ".join(f", {alias}.id IS NOT NULL AS _in_{alias}" for alias, _i, _q in rankers)
    sql = (
        f"SELECT a.id, a.title, a.url, a.source_id, a.published_at, a.fetched_at, a.language, "
        f"a.relevant, a.jurisdictions, a.agencies, a.story_id, a.signal_types, a.amounts, "
        f"a.deadlines, "
        f"{' + '.join(score_parts) or '0'} AS score{found} "
        f"FROM articles AS a {' '.join(joins)} "
        f"WHERE {where}{''.join(' AND ' + c for c in fsql)} "
        f"ORDER BY score DESC, {article_moment_sql('a')} DESC, "
        f"a.id DESC LIMIT ?"
    )
    rows = list(db.query(sql, score_params + join_params + where_params + fparams + [limit]))
    _add_snippets(db, rows, rankers)
    return rows


def _add_snippets(db: sqlite_utils.Database, rows: list[dict[str, Any]],
                  rankers: list[tuple[str, str, str]]) -> None:
    """Set ``snippet`` from the first index that matched each row, else ``_text``."""
    for row in rows:
        row["snippet"], row["_text"] = None, None
    for alias, index, query in rankers:
        wanted = {r["id"]: r for r in rows if r.pop(f"_in_{alias}") and r["snippet"] is None}
        if not wanted:
            continue
        table = _INDEXES[index][0]
        tokens = 32 if index == "trigram" else 16
        marks = ", ".join("?" for _ in wanted)
        for rowid, snip in db.execute(
                f"SELECT rowid, snippet({table}, -1, ?, ?, '…', {tokens}) FROM {table} "
                f"WHERE {table} MATCH ? AND rowid IN ({marks})",
                [SNIPPET_START, SNIPPET_END, query, *wanted]):
            wanted[rowid]["snippet"] = snip
    missing = {r["id"]: r for r in rows if r["snippet"] is None}
    if missing:
        marks = ", ".join("?" for _ in missing)
        for rowid, text in db.execute(f"SELECT id, text FROM articles WHERE id IN ({marks})",
                                      list(missing)):
            missing[rowid]["_text"] = text
