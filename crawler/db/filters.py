"""The article filters shared by ``govwatch search`` and ``govwatch export``.

Dates compare against ``COALESCE(NULLIF(published_at, ''), fetched_at)``: an article without
a publication date (NULL or '') counts from when it was fetched; a bare date counts from
that day's midnight UTC. Jurisdiction and agency filters use the
normalised tag tables (crawler/db/tags.py), signal types and amounts ``article_signal_types``
and ``article_amounts`` (crawler/db/signals.py), so they are index lookups, not JSON scans.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class ArticleFilter:
    since: str | None = None               # ISO UTC bound, inclusive
    until: str | None = None               # ISO UTC bound, exclusive
    jurisdictions: tuple[str, ...] = ()    # any of these ISO codes (case-insensitive)
    agencies: tuple[str, ...] = ()         # any of these agency ids, names, parents or mentions (case-insensitive)
    sources: tuple[str, ...] = ()          # any of these source ids
    relevant: bool = False                 # only articles the relevance stage kept
    signal_types: tuple[str, ...] = ()     # any of these signal types (procurement …)
    min_amount: float | None = None        # an amount of at least this much …
    currency: str | None = None            # … in this ISO 4217 currency (HKD …)


def _marks(values: tuple[str, ...]) -> str:
    return ", ".join("?" for _ in values)


def article_moment_sql(alias: str = "a") -> str:
    """When an article happened, as SQL over the articles table aliased ``alias``: the one
    rule (crawler.shared.dates.article_moment), published else fetched. A bare date
    ("2026-06-01", as some feeds give) is that day's midnight UTC, so it sorts inside the
    day's bounds ("2026-06-01" < "2026-06-01T00:00:00Z" as text)."""
    published = (f"CASE WHEN length({alias}.published_at) = 10 "
                 f"THEN {alias}.published_at || 'T00:00:00Z' ELSE {alias}.published_at END")
    return f"COALESCE(NULLIF({published}, ''), {alias}.fetched_at)"


def filter_sql(f: ArticleFilter, alias: str = "a") -> tuple[list[str], list[Any]]:
    """WHERE conditions (to be AND-ed) and their parameters for articles aliased ``alias``."""
    conditions: list[str] = []
    params: list[Any] = []
    when = article_moment_sql(alias)
    if f.since:
        conditions.append(f"{when} >= ?")
        params.append(f.since)
    if f.until:
        conditions.append(f"{when} < ?")
        params.append(f.until)
    if f.jurisdictions:
        conditions.append(
            f"EXISTS (SELECT 1 FROM article_jurisdictions AS fj WHERE fj.article_id = {alias}.id "
            f"AND fj.jurisdiction COLLATE NOCASE IN ({_marks(f.jurisdictions)}))"
        )
        params += list(f.jurisdictions)
    if f.agencies:
        # an agency by id or name; a unit by its parent's id (filtering by the parent finds
        # its units); an unlisted body also by a string the text gave (its mentions)
        marks = _marks(f.agencies)
        conditions.append(
            f"EXISTS (SELECT 1 FROM article_agencies AS fa WHERE fa.article_id = {alias}.id "
            f"AND (fa.agency_id COLLATE NOCASE IN ({marks}) "
            f"OR fa.agency_name COLLATE NOCASE IN ({marks}) "
            f"OR fa.parent COLLATE NOCASE IN ({marks}) "
            f"OR EXISTS (SELECT 1 FROM json_each(CASE WHEN json_valid(fa.mentions) "
            f"THEN fa.mentions END) AS fm WHERE fm.value COLLATE NOCASE IN ({marks}))))"
        )
        params += list(f.agencies) * 4
    if f.sources:
        conditions.append(f"{alias}.source_id IN ({_marks(f.sources)})")
        params += list(f.sources)
    if f.relevant:
        conditions.append(f"{alias}.relevant = 1")
    if f.signal_types:
        conditions.append(
            f"EXISTS (SELECT 1 FROM article_signal_types AS fs WHERE fs.article_id = {alias}.id "
            f"AND fs.signal_type IN ({_marks(f.signal_types)}))"
        )
        params += list(f.signal_types)
    if f.min_amount is not None or f.currency:
        # one amount must meet both: "over HK$1 million" is not "US$2 and HK$5"
        parts = [f"fm.article_id = {alias}.id"]
        if f.currency:
            parts.append("fm.currency = ? COLLATE NOCASE")
            params.append(f.currency)
        if f.min_amount is not None:
            parts.append("fm.value >= ?")
            params.append(f.min_amount)
        conditions.append(f"EXISTS (SELECT 1 FROM article_amounts AS fm WHERE "
                          f"{' AND '.join(parts)})")
    return conditions, params
