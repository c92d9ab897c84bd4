"""The digest as data: a plain dataclass tree that ``build_digest`` (crawler.outputs.digest)
returns and every renderer (crawler.outputs.render) and sender (crawler.outputs.deliver)
takes as is. Nothing here reads the database, formats text or talks to the network.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

VERSION = 1


NO_JURISDICTION = "INT"  # the group of stories with no jurisdiction (international outlets)


TENDERS = "tenders"  # the first group: stories with a type whose section is "tenders"


TENDERS_NAME = "Tenders and awards"


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
