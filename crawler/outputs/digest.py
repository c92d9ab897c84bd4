"""Build the digest analysts read: stories of a period, grouped by jurisdiction, with the
health of the sources (crawler.outputs.digest_model holds the types, digest_stories makes
each story). Reads the database through crawler.db only.
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Mapping
from dataclasses import asdict
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlite_utils

from crawler import db as dbm
from crawler.outputs.digest_model import (
    NO_JURISDICTION,
    TENDERS,
    TENDERS_NAME,
    VERSION,
    DayCount,
    Digest,
    Filters,
    Group,
    HealthItem,
    JurisdictionCount,
    Story,
    jurisdiction_name,
)
from crawler.outputs.digest_stories import make_story, matches_filters, shipped_signals
from crawler.shared.dates import format_utc, utc_bound

LATE_GRACE_DAYS = 7  # a late find published up to this long before the period still counts


SILENT_DAYS = 7  # a source with no new article for this long is reported as silent


def source_health(db: sqlite_utils.Database, start: str, end: str,
                  silent_days: int = SILENT_DAYS) -> list[HealthItem]:
    """Sources that failed in the period or have been silent for ``silent_days``.

    :func:`merge_health` adds the longer view of crawler.unattended.health (paused, low volume).
    """
    silent_before = format_utc(utc_bound(end)
                        - timedelta(days=silent_days))
    items: list[HealthItem] = []
    for row in dbm.digest_source_activity(db, start, end):
        name = row["name"] or row["id"]
        if row["failed_runs"] or row["fetch_errors"]:
            parts = []
            if row["failed_runs"]:
                parts.append(f"{row['failed_runs']} failed crawl(s)")
            if row["fetch_errors"]:
                parts.append(f"{row['fetch_errors']} fetch error(s)")
            error = row["last_fetch_error"] or (row["last_error"] if row["failed_runs"] else None)
            detail = ", ".join(parts) + (f"; last: {' '.join(str(error).split())[:200]}"
                                         if error else "")
            items.append(HealthItem(row["id"], name, "failed", detail, row["last_success_at"]))
        elif row["last_fetched_at"] and (row["last_article_at"] or "") < silent_before:
            last = row["last_article_at"]
            detail = (f"no new article since {last[:10]}" if last else "no article ever stored")
            items.append(HealthItem(row["id"], name, "silent", detail, row["last_success_at"]))
    return items


def merge_health(items: list[HealthItem], report: list[Any]) -> list[HealthItem]:
    """Add what ``govwatch status`` knows (crawler.unattended.health.report: paused, failing, silent
    or low-volume sources) to the period's failures, one item per source."""
    by_id = {item.source_id: item for item in items}
    for h in report:
        if h.healthy or not h.enabled:
            continue
        detail = "; ".join(h.problems) or h.status
        if h.source_id in by_id:
            known = by_id[h.source_id]
            if h.status == "paused":
                known.problem = "paused"
            if detail not in known.detail:
                known.detail = f"{known.detail}; {detail}" if known.detail else detail
        else:
            by_id[h.source_id] = HealthItem(h.source_id, h.name, h.status, detail,
                                            h.last_success_at)
    return sorted(by_id.values(), key=lambda item: (item.problem, item.source_id))


def _period_days(start: str, end: str, limit: int = 31) -> list[str]:
    """Each UTC day of [start, end) when there are at most ``limit`` (for the chart)."""
    first = utc_bound(start).date()
    last = (utc_bound(end) - timedelta(seconds=1)).date()
    count = (last - first).days + 1
    if count > limit or count < 1:
        return []
    return [(first + timedelta(days=n)).isoformat() for n in range(count)]


def feed_id(filters: Filters) -> str:
    """A stable feed id for one set of filters, so a feed reader can subscribe."""
    parts = [f"{k}={v}" for k, v in sorted(asdict(filters).items()) if v not in (None, False)]
    return uuid.uuid5(uuid.NAMESPACE_URL, "govwatch:digest:" + "&".join(parts)).urn


def build_digest(db: sqlite_utils.Database, start: str, end: str, filters: Filters,
                 exclude_keys: set[str] | None = None, now: datetime | None = None,
                 health_report: list[Any] | None = None,
                 names: Mapping[str, str] | None = None, signals: Any = None) -> Digest:
    """The digest of [start, end) under ``filters``, leaving out stories in ``exclude_keys``.

    ``health_report`` (crawler.unattended.health.report) adds the sources ``govwatch status`` flags;
    ``names`` maps jurisdiction codes to headings (crawler.config.jurisdiction_labels);
    ``signals`` (a SignalConfig, by default the shipped config/signals.toml) gives the
    badges and which types open the digest in "Tenders and awards".
    """
    signals = signals or shipped_signals()
    tender_types = {t.id for t in signals.types if t.section == TENDERS}
    now = now or datetime.now(UTC)
    late = format_utc(utc_bound(start)
               - timedelta(days=LATE_GRACE_DAYS))
    articles = dbm.digest_articles(db, start, end, late)
    chosen = [a for a in articles if matches_filters(a, filters)]
    by_key: dict[str, list[dict[str, Any]]] = {}
    for article in chosen:
        key = f"s{article['story_id']}" if article.get("story_id") else f"a{article['id']}"
        by_key.setdefault(key, []).append(article)
    excluded = {k for k in by_key if exclude_keys and k in exclude_keys}
    story_ids = [int(k[1:]) for k in by_key if k.startswith("s")]
    story_rows = dbm.digest_stories(db, story_ids)
    mentions = dbm.digest_story_mentions(db, story_ids)
    versions = dbm.digest_story_versions(db, story_ids)
    others = dbm.digest_other_urls(db, [a["id"] for a in chosen])
    stories = [
        make_story(key, group, story_rows.get(int(key[1:])) if key[0] == "s" else None,
               mentions.get(int(key[1:]), []) if key[0] == "s" else [], others,
               versions.get(int(key[1:])) if key[0] == "s" else None)
        for key, group in by_key.items() if key not in excluded
    ]
    grouped: dict[str, list[Story]] = {}
    tenders: list[Story] = []
    per_code: Counter[str] = Counter()
    for story in stories:
        code = filters.jurisdiction or (story.jurisdictions[0] if story.jurisdictions
                                        else NO_JURISDICTION)
        per_code[code] += 1
        if tender_types & set(story.signal_types):
            tenders.append(story)  # shown first, in "Tenders and awards", and only there
        else:
            grouped.setdefault(code, []).append(story)

    def newest_first(items: list[Story]) -> list[Story]:
        return sorted(items, key=lambda s: (s.published_at, s.key), reverse=True)

    groups = [Group(code, jurisdiction_name(code, names), newest_first(items))
              for code, items in grouped.items()]
    groups.sort(key=lambda g: (-len(g.stories), g.jurisdiction == NO_JURISDICTION,
                               g.jurisdiction))
    if tenders:
        groups.insert(0, Group(TENDERS, TENDERS_NAME, newest_first(tenders)))
    counted = sorted(per_code.items(), key=lambda kv: (-kv[1], kv[0] == NO_JURISDICTION, kv[0]))
    days = Counter(s.published_at[:10] for s in stories)
    for day in _period_days(start, end):
        days.setdefault(day, 0)
    return Digest(
        version=VERSION,
        generated_at=format_utc(now),
        period_start=start,
        period_end=end,
        filters=filters,
        story_count=len(stories),
        jurisdictions=[JurisdictionCount(code, jurisdiction_name(code, names), count)
                       for code, count in counted],
        per_day=[DayCount(day, days[day]) for day in sorted(days)],
        groups=groups,
        source_health=merge_health(source_health(db, start, end), health_report or []),
        articles_in_period=len(articles),
        excluded_already_sent=len(excluded),
        feed_id=feed_id(filters),
        signal_labels={t.id: t.label for t in signals.types},
        tender_types=[t.id for t in signals.types if t.id in tender_types],
    )


DELIVERY_CHANNELS = ("email", "webhook")  # where a story is never sent twice


def last_end(db: sqlite_utils.Database, channel: str) -> str | None:
    """Where the last digest delivered on ``channel`` ended (for ``--since last``)."""
    previous = dbm.last_delivered_digest(db, channel)
    return previous["period_end"] if previous else None


def for_channel(db: sqlite_utils.Database, channel: str, start: str, end: str,
                filters: Filters, health_report: list[Any] | None = None,
                names: Mapping[str, str] | None = None) -> Digest:
    """The digest for one channel: email/webhook leave out stories they already delivered."""
    exclude = dbm.delivered_story_keys(db, channel) if channel in DELIVERY_CHANNELS else set()
    return build_digest(db, start, end, filters, exclude_keys=exclude,
                        health_report=health_report, names=names)


def empty_reason(digest: Digest, channel: str) -> str:
    """Why a digest has no stories, in words a user can act on."""
    if digest.articles_in_period == 0:
        return "no articles in the period"
    if digest.excluded_already_sent:
        return f"{digest.excluded_already_sent} stories already sent by {channel}"
    if not digest.filters.include_irrelevant:
        return (f"{digest.articles_in_period} articles, none relevant under these filters "
                "(try --include-irrelevant)")
    return f"{digest.articles_in_period} articles, none matching the filters"
