"""Export stored articles as JSON Lines, JSON or CSV, one record per article.

Keys are the column names of ``articles`` (docs/schema.md), plus ``sources``: every
outlet that ran the article's story, as {source_id, url, title, published_at}. UTF-8
throughout; JSON keeps Chinese readable (no \\u escapes); CSV joins lists with "; " and
shows a tag (agency, vendor, location) by its name and a source by its URL, so no cell
holds JSON; ``bom`` makes a CSV Excel-ready.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime, timedelta
from itertools import islice
from typing import Any, TextIO

from crawler.outputs.formats import EXPORT_FORMATS
from crawler.shared.dates import format_utc, parse_duration, parse_utc, utc_bound

FORMATS = EXPORT_FORMATS


def parse_since(value: str, now: datetime | None = None) -> str:
    """A duration ago ('30m', '24h', '7d', '2w': crawler.shared.dates.parse_duration) or an ISO
    date/datetime → an ISO UTC bound; ValueError otherwise."""
    now = now or datetime.now(UTC)
    delta = parse_duration(value)
    if delta is not None:
        return format_utc(now - delta)
    moment = parse_utc(value.strip())
    if moment is None:
        raise ValueError(f"not a duration (30m, 24h, 7d, 2w) or a date (2026-06-01): {value!r}")
    return format_utc(moment)


def parse_until(value: str, now: datetime | None = None) -> str:
    """Like parse_since, but a bare date includes that whole day (the bound is exclusive)."""
    bound = parse_since(value, now)
    if re.fullmatch(r"\s*\d{4}-\d{2}-\d{2}\s*", value):
        bound = format_utc(utc_bound(bound) + timedelta(days=1))
    return bound


def _flatten(value: Any) -> Any:
    """A list/dict cell as readable CSV text."""
    if isinstance(value, list):
        return "; ".join(_flatten_one(v) for v in value)
    if isinstance(value, dict):
        return _flatten_one(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else value


def _flatten_one(value: Any) -> str:
    """A tag by its name (or id); any other object as 'key: value, …', never JSON."""
    if isinstance(value, dict):
        named = value.get("name") or value.get("id") or value.get("url")
        if not named and "currency" in value and "text" in value:
            named = value["text"]  # an amount: "HK$10 million"
        if named:
            return str(named)
        return ", ".join(f"{k}: {_flatten_one(v)}" for k, v in value.items())
    if isinstance(value, list):
        return ", ".join(_flatten_one(v) for v in value)
    return str(value)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _guarded(value: Any) -> Any:
    """A text cell a spreadsheet would run as a formula ("=HYPERLINK(…)", "@SUM(…)"),
    prefixed with an apostrophe so it is shown as text. Crawled titles and text are
    written by strangers; numbers are left alone."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def write(records: Iterable[dict[str, Any]], fmt: str, out: TextIO, bom: bool = False,
          formula_guard: bool = True) -> int:
    """Write ``records`` to ``out`` in ``fmt``; returns how many were written.

    ``bom`` starts the output with a UTF-8 byte order mark, which Excel needs to read a
    CSV file as UTF-8 rather than the local code page (Chinese would be garbled).
    ``formula_guard`` (CSV only) keeps cells that start like a formula from running in a
    spreadsheet (see :func:`_guarded`).
    """
    count = 0
    if bom:
        out.write("\ufeff")
    if fmt == "jsonl":
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    elif fmt == "json":
        out.write("[")
        for record in records:
            out.write(("\n" if count == 0 else ",\n") + json.dumps(record, ensure_ascii=False))
            count += 1
        out.write("\n]\n" if count else "]\n")
    elif fmt == "csv":
        writer: Any = None
        for record in records:
            if writer is None:
                writer = csv.DictWriter(out, fieldnames=list(record), extrasaction="ignore")
                writer.writeheader()
            cells = {k: _flatten(v) for k, v in record.items()}
            if formula_guard:
                cells = {k: _guarded(v) for k, v in cells.items()}
            writer.writerow(cells)
            count += 1
    else:
        raise ValueError(f"unknown format {fmt!r} (expected {', '.join(FORMATS)})")
    return count


_INTERNAL = ("title_key", "base_story_id", "pair_key")  # dedup bookkeeping, not exported
StorySources = Callable[[list[int]], dict[int, list[dict[str, Any]]]]


def records(rows: Iterable[dict[str, Any]],
            story_sources: StorySources | None = None,
            story_versions: StorySources | None = None) -> Iterator[dict[str, Any]]:
    """Export records from decoded article rows (crawler.db.iter_articles); with
    ``story_sources`` (crawler.db.stories.story_sources), each gains its story's ``sources``;
    with ``story_versions`` (crawler.db.links.story_versions), its story's ``languages``
    (language families, earliest first: ["en", "zh"] for a story told in both)."""
    iterator = iter(rows)
    while chunk := list(islice(iterator, 500)):
        ids = [r["story_id"] for r in chunk if r.get("story_id")]
        by_story = story_sources(ids) if story_sources else {}
        versions = story_versions(ids) if story_versions else {}
        for row in chunk:
            record = {k: v for k, v in row.items() if k not in _INTERNAL}
            if story_sources is not None:
                record["sources"] = by_story.get(record.get("story_id") or 0, [])
            if story_versions is not None:
                found = versions.get(record.get("story_id") or 0)
                record["languages"] = [v["language"] for v in found] if found else \
                    ([record["language"]] if record.get("language") else [])
            yield record
