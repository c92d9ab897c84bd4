"""Build the digest analysts read: stories of a period, grouped by jurisdiction.

``build_digest`` reads the database (through crawler.db) and returns a :class:`Digest`, a
plain dataclass tree that every renderer (crawler.outputs.render) and sender (crawler.outputs.deliver)
takes as is. Nothing here formats text or talks to the network.

A story is a ``stories`` row when the dedup stage has grouped articles (``story_id`` set),
and otherwise one article on its own. Its key ("s12" for story 12, "a34" for lone article
34) is what the ``digests`` table records, so no story is delivered twice on a channel.
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

import sqlite_utils

from crawler import db as dbm
from crawler.shared.dates import format_utc, utc_bound
from crawler.shared.text import language_family

VERSION = 1
LATE_GRACE_DAYS = 7  # a late find published up to this long before the period still counts
SILENT_DAYS = 7  # a source with no new article for this long is reported as silent
MAX_SIGNALS = 5
SUMMARY_CHARS = 400
NO_JURISDICTION = "INT"  # the group of stories with no jurisdiction (international outlets)
TENDERS = "tenders"  # the first group: stories with a type whose section is "tenders"
TENDERS_NAME = "Tenders and awards"
MAX_AMOUNTS = 4
MAX_DEADLINES = 3

# Digest headings come from gazetteers/jurisdictions.toml (``display`` or ``name``,
# crawler.config.jurisdiction_labels); a code it lacks stands for itself.
BUILTIN_NAMES = {NO_JURISDICTION: "International"}


@dataclass
class Filters:
    """What the reader asked for; ``None``/False means no restriction."""

    topic: str | None = None
    jurisdiction: str | None = None
    agency: str | None = None
    source: str | None = None
    min_score: float | None = None
    include_irrelevant: bool = False
    signal_types: tuple[str, ...] = ()  # any of these signal types
    min_amount: float | None = None  # an amount of at least this much …
    currency: str | None = None  # … in this currency


@dataclass
class Outlet:
    source_id: str
    name: str
    url: str | None
    published_at: str | None


@dataclass
class Version:
    """The story as told in another language (issue #17): its earliest article there."""

    language: str  # language family: zh, en, ...
    label: str  # how the digest names it: 中文, English
    title: str
    url: str | None


LANGUAGE_LABELS = {"zh": "中文", "en": "English"}


@dataclass
class Story:
    key: str
    entry_id: str  # stable urn:uuid for Atom
    title: str
    url: str | None  # the best source's link
    source_name: str
    source_published_at: str  # when the best source ran it
    published_at: str  # the newest article of the story (orders the digest)
    language: str | None
    jurisdictions: list[str]
    summary: str
    key_signals: list[str]
    agencies: list[str]
    vendors: list[str]
    locations: list[str]
    outlets: list[Outlet]
    relevance_score: float | None
    topic: str | None
    languages: list[str] = field(default_factory=list)  # families, earliest first
    other_languages: list[Version] = field(default_factory=list)
    signal_types: list[str] = field(default_factory=list)  # ids, config/signals.toml order
    amounts: list[dict[str, Any]] = field(default_factory=list)  # {text, value, currency, approx}
    deadlines: list[dict[str, Any]] = field(default_factory=list)  # {text, date, kind}


@dataclass
class Group:
    jurisdiction: str
    name: str
    stories: list[Story]


@dataclass
class HealthItem:
    source_id: str
    name: str
    problem: str  # failed | silent
    detail: str
    last_success_at: str | None


@dataclass
class JurisdictionCount:
    code: str
    name: str
    count: int


@dataclass
class DayCount:
    day: str  # YYYY-MM-DD, UTC
    count: int


@dataclass
class Digest:
    version: int
    generated_at: str
    period_start: str
    period_end: str
    filters: Filters
    story_count: int
    jurisdictions: list[JurisdictionCount]
    per_day: list[DayCount]
    groups: list[Group]
    source_health: list[HealthItem]
    articles_in_period: int = 0
    excluded_already_sent: int = 0
    feed_id: str = ""
    signal_labels: dict[str, str] = field(default_factory=dict)  # type id -> badge text
    tender_types: list[str] = field(default_factory=list)  # types of "Tenders and awards"

    @property
    def stories(self) -> list[Story]:
        return [story for group in self.groups for story in group.stories]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def jurisdiction_name(code: str, names: Mapping[str, str] | None = None) -> str:
    """The heading of a jurisdiction: from ``names``, by default the shipped gazetteer's."""
    if names is None:
        names = _shipped_names()
    return names.get(code) or BUILTIN_NAMES.get(code, code)


@lru_cache(maxsize=1)
def _shipped_names() -> dict[str, str]:
    from crawler.config import DEFAULT_CONFIG_DIR, GAZETTEER_DIR, jurisdiction_labels

    return jurisdiction_labels(DEFAULT_CONFIG_DIR / GAZETTEER_DIR)


def safe_url(url: Any) -> str | None:
    """Only http(s) links reach a renderer (no javascript:, data: or relative URLs)."""
    if not isinstance(url, str):
        return None
    parts = urlsplit(url.strip())
    return url.strip() if parts.scheme in ("http", "https") and parts.hostname else None


def _list(value: Any) -> list[Any]:
    """A JSON list column as a list (a stray string or object is treated as one item)."""
    if value is None or value == "":
        return []
    return list(value) if isinstance(value, list) else [value]


def _matches(article: dict[str, Any], filters: Filters) -> bool:
    if not filters.include_irrelevant and article.get("relevant") is not True:
        return False
    if filters.min_score is not None and (article.get("relevance_score") or 0) < filters.min_score:
        return False
    if filters.topic and article.get("topic") != filters.topic:
        return False
    if filters.source and article.get("source_id") != filters.source:
        return False
    if filters.jurisdiction and filters.jurisdiction not in _jurisdictions(article):
        return False
    if filters.signal_types and not set(filters.signal_types) & set(
            t for t in _list(article.get("signal_types")) if isinstance(t, str)):
        return False
    if (filters.min_amount is not None or filters.currency) and not any(
            isinstance(a, dict) and _amount_matches(a, filters)
            for a in _list(article.get("amounts"))):
        return False
    return not (filters.agency and not any(
        agency_matches(a, filters.agency) for a in _list(article.get("agencies"))))


def agency_matches(agency: Any, wanted: str) -> bool:
    """True when a tagged agency is ``wanted`` by id or name, is a unit whose parent is
    ``wanted``, or an unlisted body the text named ``wanted`` (case-insensitive)."""
    if not isinstance(agency, dict):
        return isinstance(agency, str) and agency.casefold() == wanted.casefold()
    mentions = agency.get("mentions")
    if not isinstance(mentions, list):
        mentions = []
    values = (agency.get("id"), agency.get("name"), agency.get("parent"), *mentions)
    return any(isinstance(v, str) and v.casefold() == wanted.casefold() for v in values)


def _amount_matches(amount: dict[str, Any], filters: Filters) -> bool:
    if filters.currency and str(amount.get("currency", "")).upper() != filters.currency.upper():
        return False
    value = amount.get("value")
    if filters.min_amount is not None:
        return isinstance(value, (int, float)) and value >= filters.min_amount
    return True


def _jurisdictions(article: dict[str, Any]) -> list[str]:
    codes = [c for c in _list(article.get("jurisdictions")) if isinstance(c, str) and c]
    for extra in (article.get("source_jurisdiction"), article.get("source_config_jurisdiction")):
        if not codes and extra:
            codes = [extra]
    return codes


def _names(items: list[Any]) -> list[str]:
    """Distinct display names of agencies/vendors/locations (dicts or plain strings)."""
    seen: dict[str, str] = {}
    for item in items:
        if isinstance(item, dict):
            name = str(item.get("name") or item.get("id") or "").strip()
            key = str(item.get("id") or name)
        else:
            name = key = str(item).strip()
        if name and key not in seen:
            seen[key] = name
    return list(seen.values())


def _summary(article: dict[str, Any]) -> str:
    for value in (article.get("summary"), article.get("description")):
        if value and str(value).strip():
            return " ".join(str(value).split())
    text = " ".join(str(article.get("text") or "").split())
    if len(text) <= SUMMARY_CHARS:
        return text
    return text[:SUMMARY_CHARS].rsplit(" ", 1)[0].rstrip(",;:") + " …"


def _best(articles: list[dict[str, Any]]) -> dict[str, Any]:
    """The article to link the headline to: most relevant, then fullest, then earliest."""
    return max(articles, key=lambda a: (a.get("relevance_score") or 0.0,
                                        bool(a.get("summary")), len(a.get("text") or ""),
                                        -a["id"]))


def _story(key: str, articles: list[dict[str, Any]], story_row: dict[str, Any] | None,
           mentions: list[dict[str, Any]], other_urls: dict[int, list[dict[str, Any]]],
           versions: list[dict[str, Any]] | None = None) -> Story:

    best = _best(articles)
    mine = language_family(best.get("language"), best.get("text") or "")
    versions = versions or [{"language": mine}]
    first = min(articles, key=lambda a: a["id"])
    outlets: dict[str, Outlet] = {}

    def add(source_id: Any, name: Any, url: Any, when: Any) -> None:
        link = safe_url(url)
        marker = link or f"{source_id}:{when}"
        if marker not in outlets:
            outlets[marker] = Outlet(str(source_id or ""), str(name or source_id or "?"), link,
                                     when or None)

    for mention in mentions:
        add(mention.get("source_id"), mention.get("source_name"), mention.get("url"),
            mention.get("published_at"))
    for article in sorted(articles, key=lambda a: a["moment"]):
        add(article["source_id"], article.get("source_name"), article["url"], article["moment"])
        for other in other_urls.get(article["id"], []):
            add(other["source_id"], other.get("source_name"), other["url"],
                other.get("first_seen_at"))
    signals: list[str] = []
    for article in [best, *articles]:
        for signal in _list(article.get("key_signals")):
            text = " ".join(str(signal).split())
            if text and text not in signals and len(signals) < MAX_SIGNALS:
                signals.append(text)
    codes = Counter(c for a in articles for c in _jurisdictions(a))
    found_types = {t for a in articles for t in _list(a.get("signal_types")) if isinstance(t, str)}
    amounts: list[dict[str, Any]] = []
    deadlines: list[dict[str, Any]] = []
    for article in [best, *articles]:
        for amount in _list(article.get("amounts")):
            if isinstance(amount, dict) and len(amounts) < MAX_AMOUNTS and not any(
                    (a.get("value"), a.get("currency")) == (amount.get("value"),
                                                            amount.get("currency"))
                    for a in amounts):
                amounts.append(amount)
        for when in _list(article.get("deadlines")):
            if isinstance(when, dict) and len(deadlines) < MAX_DEADLINES and not any(
                    (d.get("date"), d.get("kind")) == (when.get("date"), when.get("kind"))
                    for d in deadlines):
                deadlines.append(when)
    # The linked article's own title, so headline, link, summary and language agree;
    # the story's title (dedup) only when that article has none.
    title = best.get("title") or (story_row or {}).get("title") or best["url"]
    return Story(
        key=key,
        entry_id=uuid.uuid5(uuid.NAMESPACE_URL, f"govwatch:story:{key}:{first['url']}").urn,
        title=" ".join(str(title).split()),
        url=safe_url(best["url"]),
        source_name=str(best.get("source_name") or best["source_id"]),
        source_published_at=best["moment"],
        published_at=max(a["moment"] for a in articles),
        language=best.get("language"),
        jurisdictions=[code for code, _ in codes.most_common()],
        summary=_summary(best),
        key_signals=signals,
        agencies=_names([x for a in articles for x in _list(a.get("agencies"))]),
        vendors=_names([x for a in articles for x in _list(a.get("vendors"))]),
        locations=_names([x for a in articles for x in _list(a.get("locations"))]),
        outlets=sorted(outlets.values(), key=lambda o: (o.published_at or "", o.name)),
        relevance_score=best.get("relevance_score"),
        topic=best.get("topic"),
        languages=[v["language"] for v in versions],
        other_languages=[Version(v["language"], LANGUAGE_LABELS.get(v["language"], v["language"]),
                                 " ".join(str(v.get("title") or v.get("url") or "").split()),
                                 safe_url(v.get("url")))
                         for v in versions if v["language"] != mine],
        signal_types=[t for t in _signal_order() if t in found_types]
        + sorted(found_types - set(_signal_order())),
        amounts=amounts,
        deadlines=deadlines,
    )


@lru_cache(maxsize=1)
def _shipped_signals() -> Any:
    from crawler.config import DEFAULT_CONFIG_DIR, SIGNALS_FILE, load_signal_config

    return load_signal_config(DEFAULT_CONFIG_DIR / SIGNALS_FILE)


def _signal_order() -> list[str]:
    return [t.id for t in _shipped_signals().types]


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
    signals = signals or _shipped_signals()
    tender_types = {t.id for t in signals.types if t.section == TENDERS}
    now = now or datetime.now(UTC)
    late = format_utc(utc_bound(start)
               - timedelta(days=LATE_GRACE_DAYS))
    articles = dbm.digest_articles(db, start, end, late)
    chosen = [a for a in articles if _matches(a, filters)]
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
        _story(key, group, story_rows.get(int(key[1:])) if key[0] == "s" else None,
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


# ------------------------------------------------------------------------------ channels

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
