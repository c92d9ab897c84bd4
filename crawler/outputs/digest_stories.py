"""One digest story from its articles: which articles a filter keeps, the best version's
title and summary, outlets, versions in other languages, signal badges, amounts, deadlines.

A story is a ``stories`` row when the dedup stage has grouped articles (``story_id`` set),
and otherwise one article on its own. Its key ("s12" for story 12, "a34" for lone article
34) is what the ``digests`` table records, so no story is delivered twice on a channel.
"""

from __future__ import annotations

import uuid
from collections import Counter
from functools import lru_cache
from typing import Any

from crawler.outputs.digest_model import LANGUAGE_LABELS, Filters, Outlet, Story, Version, safe_url
from crawler.shared.text import language_family

MAX_SIGNALS = 5


SUMMARY_CHARS = 400


MAX_AMOUNTS = 4


MAX_DEADLINES = 3


def _list(value: Any) -> list[Any]:
    """A JSON list column as a list (a stray string or object is treated as one item)."""
    if value is None or value == "":
        return []
    return list(value) if isinstance(value, list) else [value]


def matches_filters(article: dict[str, Any], filters: Filters) -> bool:
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


def make_story(key: str, articles: list[dict[str, Any]], story_row: dict[str, Any] | None,
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
def shipped_signals() -> Any:
    from crawler.config import DEFAULT_CONFIG_DIR, SIGNALS_FILE, load_signal_config

    return load_signal_config(DEFAULT_CONFIG_DIR / SIGNALS_FILE)


def _signal_order() -> list[str]:
    return [t.id for t in shipped_signals().types]
