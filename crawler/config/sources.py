"""config/sources.toml: the sources to crawl and their defaults."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from crawler.config.loader import (
    JURISDICTION_CODE,
    LANG_TAG,
    SLUG,
    ConfigError,
    Fields,
    check_regex,
    check_schedule,
    check_url,
    duration_field,
    load_toml,
)

SOURCE_KINDS = ("feed", "html", "sitemap")


@dataclass(frozen=True)
class Source:
    id: str
    name: str
    kind: str
    urls: tuple[str, ...]
    language: str
    jurisdiction: str = ""
    enabled: bool = True
    schedule: str = ""
    fetch_articles: bool = True
    follow: tuple[str, ...] = ()
    next: str = ""
    max_pages: int = 3
    max_articles: int = 100
    notes: str = ""
    # The frontier (issue #11): first retry of a failed article after ``retry_backoff``
    # seconds, doubling up to a day; given up after ``max_attempts``; entries whose listing
    # date is older than ``max_age`` seconds are not fetched (None: no limit).
    retry_backoff: float = 900.0
    max_attempts: int = 5
    max_age: float | None = None


@dataclass(frozen=True)
class SourcesConfig:
    path: Path
    sources: tuple[Source, ...]
    default_schedule: str

    def by_id(self, source_id: str) -> Source:
        for source in self.sources:
            if source.id == source_id:
                return source
        known = ", ".join(s.id for s in self.sources)
        raise ConfigError(self.path, f"unknown source id {source_id!r} (known: {known})")

    def enabled(self) -> tuple[Source, ...]:
        return tuple(s for s in self.sources if s.enabled)


_SOURCE_KEYS = {
    "id", "name", "kind", "url", "urls", "language", "jurisdiction", "enabled", "schedule",
    "fetch_articles", "follow", "next", "max_pages", "max_articles", "notes",
    "retry_backoff", "max_attempts", "max_age",
}


# max_age by kind: a feed or a listing page shows only its latest items, so whatever it
# lists is worth fetching; a sitemap may list years of history, and adding one must not
# start a months-long backfill.
DEFAULT_MAX_AGE = {"feed": None, "html": None, "sitemap": 30 * 86400.0}


RETRY_BACKOFF_MAX_S = 86400.0


def parse_source(path: Path, index: int, table: Mapping[str, Any]) -> Source:
    label = f"source {table.get('id')!r}" if isinstance(table.get("id"), str) else f"source #{index + 1}"
    f = Fields(path, label, table, _SOURCE_KEYS)
    sid = f.get("id", str, required=True)
    if not SLUG.match(sid):
        f.fail("id", f"not a lowercase slug: {sid!r}")
    kind = f.get("kind", str, required=True)
    if kind not in SOURCE_KINDS:
        f.fail("kind", f"unknown value {kind!r} (expected {', '.join(SOURCE_KINDS)})")
    if "url" in table and "urls" in table:
        f.fail("urls", "give either 'url' or 'urls', not both")
    if "url" in table:
        urls: tuple[str, ...] = (f.get("url", str),)
    elif "urls" in table:
        urls = f.str_list("urls")
    else:
        f.fail("url", "missing")
    if not urls:
        f.fail("urls", "empty list")
    for url in urls:
        check_url(f, "url" if "url" in table else "urls", url)
    language = f.get("language", str, required=True)
    if not LANG_TAG.match(language):
        f.fail("language", f"not a BCP 47 language tag: {language!r}")
    jurisdiction = f.get("jurisdiction", str, "")
    if jurisdiction and not JURISDICTION_CODE.match(jurisdiction):
        f.fail("jurisdiction", f"not an ISO 3166 code or EU: {jurisdiction!r}")
    schedule = f.get("schedule", str, "")
    if schedule:
        check_schedule(f, "schedule", schedule)
    follow = f.str_list("follow")
    for pattern in follow:
        check_regex(f, "follow", pattern)
    next_pattern = f.get("next", str, "")
    if next_pattern:
        check_regex(f, "next", next_pattern)
    if kind != "html" and (follow or next_pattern):
        f.fail("follow" if follow else "next", f"only for kind 'html', not {kind!r}")
    max_pages = f.get("max_pages", int, 3)
    max_articles = f.get("max_articles", int, 100)
    max_attempts = f.get("max_attempts", int, 5)
    for key, value in (("max_pages", max_pages), ("max_articles", max_articles),
                       ("max_attempts", max_attempts)):
        if value < 1:
            f.fail(key, f"must be at least 1, got {value}")
    retry_backoff = duration_field(f, "retry_backoff", 900.0)
    if retry_backoff > RETRY_BACKOFF_MAX_S:
        f.fail("retry_backoff", f"must be at most 1d, got {f.table['retry_backoff']!r}")
    max_age: float | None = DEFAULT_MAX_AGE[kind]
    if f.table.get("max_age") == "none":
        max_age = None
    elif "max_age" in table:
        max_age = duration_field(f, "max_age", 0.0)
    return Source(
        id=sid,
        name=f.get("name", str, sid),
        kind=kind,
        urls=urls,
        language=language,
        jurisdiction=jurisdiction,
        enabled=f.get("enabled", bool, True),
        schedule=schedule,
        fetch_articles=f.get("fetch_articles", bool, True),
        follow=follow,
        next=next_pattern,
        max_pages=max_pages,
        max_articles=max_articles,
        notes=f.get("notes", str, ""),
        retry_backoff=retry_backoff,
        max_attempts=max_attempts,
        max_age=max_age,
    )


def load_sources(path: str | Path) -> SourcesConfig:
    """Load and validate ``sources.toml``; raise ConfigError on the first problem."""
    path = Path(path)
    data = load_toml(path)
    top = Fields(path, "", data, {"source", "defaults"})
    defaults = Fields(path, "[defaults]", top.get("defaults", dict, {}), {"schedule"})
    default_schedule = defaults.get("schedule", str, "1h")
    check_schedule(defaults, "schedule", default_schedule)
    tables = top.get("source", list, [])
    sources: list[Source] = []
    seen: set[str] = set()
    for index, table in enumerate(tables):
        if not isinstance(table, dict):
            raise ConfigError(path, "expected [[source]] tables", f"source #{index + 1}")
        source = parse_source(path, index, table)
        if source.id in seen:
            raise ConfigError(path, f"duplicate id {source.id!r}", f"source {source.id!r}", "id")
        seen.add(source.id)
        sources.append(source)
    return SourcesConfig(path=path, sources=tuple(sources), default_schedule=default_schedule)
