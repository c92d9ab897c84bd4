"""``govwatch search``: parse a query, run it through crawler.db.fts, cut snippets.

Query language (a small, checked subset of FTS5's, so users never see an SQLite error):

    word            a term; several terms must all match (implicit AND)
    "two words"     a phrase
    regul*          a prefix (English words)
    a OR b, a AND b, a NOT b, ( … )     operators in capitals; NOT binds tightest, then
                                        AND, then OR, as in FTS5

How a term is looked up depends on its script (see crawler/db/fts.py):
- with Chinese/Japanese/Korean characters and 3+ characters: the trigram index
  (substring match); with 1-2 characters: a scan of titles and texts;
- otherwise: the English index (whole words, stemmed), and for Chinese articles also as a
  substring, because "AI" inside 政府推動AI發展 is not a separate word there.
A Chinese term also matches its traditional/simplified form (海關 finds 海关 too).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import sqlite_utils

from crawler.db import decode_article
from crawler.db.filters import ArticleFilter
from crawler.db.fts import Match, Node, Op, Terms, search_articles
from crawler.db.links import story_versions
from crawler.shared.text import EAST_ASIAN_CHAR, language_family, opencc

OPERATORS = ("AND", "OR", "NOT")
_QUOTED = re.compile(r'"((?:[^"]|"")*)"')


class QueryError(ValueError):
    """A malformed query; ``str(err)`` is one line for the user."""


# Limits of a query (README, "govwatch search"): beyond them a query is refused with
# exit code 2 instead of reaching SQLite's parser, whose stack has a fixed depth.
MAX_QUERY_CHARS = 2000
MAX_QUERY_TERMS = 64  # words and phrases
MAX_QUERY_DEPTH = 8  # parentheses within parentheses


@dataclass(frozen=True)
class _Token:
    kind: str        # "term" | "phrase" | "op" | "(" | ")"
    text: str
    prefix: bool = False


# Control characters (NUL, escape, …) mean nothing in a query, and a NUL ends FTS5's
# MATCH string early ("unterminated string"): they are read as spaces.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def tokenize(query: str) -> list[_Token]:
    query = _CONTROL.sub(" ", query)
    if len(query) > MAX_QUERY_CHARS:
        raise QueryError(f"query too long: {len(query)} characters (at most {MAX_QUERY_CHARS})")
    tokens = _tokens(query)
    terms = sum(1 for t in tokens if t.kind in ("term", "phrase"))
    if terms > MAX_QUERY_TERMS:
        raise QueryError(f"query too long: {terms} words and phrases (at most {MAX_QUERY_TERMS})")
    depth = 0
    for token in tokens:
        depth += {"(": 1, ")": -1}.get(token.kind, 0)
        if depth > MAX_QUERY_DEPTH:
            raise QueryError(f"query nested too deeply (at most {MAX_QUERY_DEPTH} levels of "
                             "parentheses)")
    return tokens


def _tokens(query: str) -> list[_Token]:
    tokens: list[_Token] = []
    i, n = 0, len(query)
    while i < n:
        char = query[i]
        if char.isspace():
            i += 1
        elif char in "()":
            tokens.append(_Token(char, char))
            i += 1
        elif char == '"':
            end = query.find('"', i + 1)
            if end < 0:
                raise QueryError(f'unbalanced quote: no closing " after {query[i:i + 20]!r}')
            phrase = " ".join(query[i + 1:end].split())
            if not phrase:
                raise QueryError('empty phrase ""')
            tokens.append(_Token("phrase", phrase))
            i = end + 1
        else:
            end = i
            while end < n and not query[end].isspace() and query[end] not in '()"':
                end += 1
            word = query[i:end]
            i = end
            if word in OPERATORS:
                tokens.append(_Token("op", word))
                continue
            prefix = word.endswith("*")
            word = word.rstrip("*")
            if not word:
                raise QueryError("a lone * is not a search term (write a prefix: regul*)")
            tokens.append(_Token("term", word, prefix))
    return tokens


class _Parser:
    def __init__(self, tokens: list[_Token], make_leaf: Callable[[_Token], Node]):
        self.tokens, self.pos, self.make_leaf = tokens, 0, make_leaf

    def peek(self) -> _Token | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def parse(self) -> Node:
        if not self.tokens:
            raise QueryError("empty query")
        node = self.or_expr()
        token = self.peek()
        if token is not None:  # only a stray ")" can stop the loop early
            raise QueryError(f"unexpected {token.text!r} (no matching '(')")
        return node

    def or_expr(self) -> Node:
        node = self.and_expr()
        while (token := self.peek()) is not None and token.text == "OR" and token.kind == "op":
            self.pos += 1
            node = Op("OR", node, self.and_expr("OR"))
        return node

    def and_expr(self, after: str | None = None) -> Node:
        node = self.not_expr(after)
        while (token := self.peek()) is not None and token.kind != ")" and not (
                token.kind == "op" and token.text == "OR"):
            if token.kind == "op" and token.text == "AND":
                self.pos += 1
                node = Op("AND", node, self.not_expr("AND"))
            else:
                node = Op("AND", node, self.not_expr())
        return node

    def not_expr(self, after: str | None = None) -> Node:
        node = self.primary(after)
        while (token := self.peek()) is not None and token.kind == "op" and token.text == "NOT":
            self.pos += 1
            node = Op("NOT", node, self.primary("NOT"))
        return node

    def primary(self, after: str | None) -> Node:
        token = self.peek()
        if token is None or token.kind == ")" or token.kind == "op":
            if after is None and token is not None and token.kind == "op":
                if token.text == "NOT":
                    raise QueryError("NOT needs a term before it: write 'a NOT b'")
                raise QueryError(f"{token.text} needs a search term on each side")
            if after is not None:
                raise QueryError(f"{after} needs a search term on each side")
            raise QueryError("empty ( )" if token is not None else "empty query")
        self.pos += 1
        if token.kind == "(":
            node = self.or_expr()
            closing = self.peek()
            if closing is None or closing.kind != ")":
                raise QueryError("missing ')'")
            self.pos += 1
            return node
        return self.make_leaf(token)




def chinese_variants(text: str) -> tuple[str, ...]:
    """``text`` and its simplified and traditional forms, without repeats."""
    t2s, s2t = opencc("t2s"), opencc("s2t")
    return tuple(dict.fromkeys((text, t2s.convert(text), s2t.convert(text))))


def _fts(text: str, prefix: bool = False) -> str:
    return '"' + text.replace('"', '""') + '"' + ("*" if prefix else "")


def leaf(token: _Token) -> Terms:
    """How one term or phrase is looked up (see the module docstring)."""
    text = token.text
    if EAST_ASIAN_CHAR.search(text):
        variants = chinese_variants(text)
        if len(text.replace(" ", "")) >= 3:
            return Terms((Match("trigram", " OR ".join(_fts(v) for v in variants)),))
        return Terms((Match("scan", needles=variants),))
    alternatives = [Match("en", _fts(text, token.prefix))]
    if len(text) >= 3:
        alternatives.append(Match("trigram", _fts(text), chinese_only=True))
    else:
        cases = tuple(dict.fromkeys((text, text.upper(), text.lower())))
        alternatives.append(Match("scan", needles=cases, chinese_only=True))
    return Terms(tuple(alternatives))


def parse(query: str) -> Node:
    """The query as a tree for crawler.db.fts.search_articles; QueryError when malformed."""
    return _Parser(tokenize(query), leaf).parse()


def needles(node: Node) -> list[str]:
    """Every literal a snippet should highlight."""
    if isinstance(node, Op):
        return needles(node.left) + ([] if node.op == "NOT" else needles(node.right))
    out: list[str] = []
    for match in node.alternatives:
        out += match.needles
        out += [q.replace('""', '"') for q in _QUOTED.findall(match.query)]
    return list(dict.fromkeys(out))


def make_snippet(text: str | None, words: list[str], width: int = 80) -> str:
    """A window of ``text`` around the first of ``words``, each occurrence in [brackets]."""
    if not text:
        return ""
    lowered = text.lower()
    hits = [(lowered.find(w.lower()), w) for w in words if w and w.lower() in lowered]
    if not hits:
        return text[:width].replace("\n", " ") + ("…" if len(text) > width else "")
    first = min(h[0] for h in hits)
    start = max(0, first - width // 3)
    window = text[start:start + width].replace("\n", " ")
    pattern = re.compile("|".join(re.escape(w) for _, w in sorted(hits, key=lambda h: -len(h[1]))),
                         re.IGNORECASE)
    marked = pattern.sub(lambda m: f"[{m.group(0)}]", window)
    return ("…" if start else "") + marked + ("…" if start + width < len(text) else "")


def search(db: sqlite_utils.Database, query: str | Node, filters: ArticleFilter | None = None,
           limit: int = 20) -> list[dict[str, Any]]:
    """Matching articles, best first, each with ``score`` and a highlighted ``snippet``.

    ``query`` is a query string (QueryError when malformed) or a tree from :func:`parse`.
    """
    tree = parse(query) if isinstance(query, str) else query
    rows = search_articles(db, tree, filters, limit)
    words = needles(tree)
    results = []
    for row in rows:
        text = row.pop("_text")
        if row["snippet"] is None:
            lowered = (text or "").lower()
            in_text = any(w.lower() in lowered for w in words)
            row["snippet"] = make_snippet(text if in_text else row["title"], words)
        row["snippet"] = " ".join(row["snippet"].split())
        row["score"] = round(row["score"], 3)
        results.append(decode_article(row))
    # A story told in two languages is found by the words of either: each result names
    # its story's versions in the other languages (issue #17).
    versions = story_versions(db, [r["story_id"] for r in results if r.get("story_id")])
    for result in results:
        found = versions.get(result.get("story_id") or 0) or []
        result["languages"] = [v["language"] for v in found]
        mine = language_family(result.get("language"), result.get("title") or "")
        result["other_languages"] = [v for v in found if v["language"] != mine]
    return results
