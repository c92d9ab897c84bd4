"""config/dedup.toml: how copies and cross-language reports of one event are merged."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from crawler.config.loader import (
    DEFAULT_CONFIG_DIR,
    ConfigError,
    Fields,
    check_regex,
    load_toml,
    slug_field,
)


@dataclass(frozen=True)
class PairKey:
    """A publisher's shared identifier of the language versions of one item (dedup.toml
    [[pair_key]]): ``pattern`` matches an article URL and its ``key`` group is the id."""

    id: str
    pattern: str
    sources: tuple[str, ...] = ()  # only these source ids; empty: any source


# The kinds of cross-language evidence (pipelines/crosslang.py), each weighted in dedup.toml.
EVIDENCE_KINDS = ("pair", "agency", "vendor", "location", "person", "number", "percentage",
                  "date", "jurisdiction")


@dataclass(frozen=True)
class CrossLanguageRules:
    """When an article in one language is the same story as one in another (issue #17)."""

    enabled: bool = True
    window_hours: float = 72.0
    max_candidates: int = 20
    threshold: float = 3.0
    max_per_kind: int = 3
    weights: tuple[tuple[str, float], ...] = (
        ("pair", 10.0), ("agency", 1.0), ("vendor", 1.0), ("location", 0.5), ("person", 1.5),
        ("number", 1.5), ("percentage", 1.5), ("date", 1.0), ("jurisdiction", 0.25))
    time_weight: float = 1.0  # full weight at the same minute, nothing at window_hours
    unmatched_numbers: float = 0.0  # subtracted when both state numbers and share none

    def weight(self, kind: str) -> float:
        return dict(self.weights).get(kind, 0.0)


@dataclass(frozen=True)
class DedupRules:
    """Titles that say nothing about the story, and the title-merge window (dedup.toml)."""

    generic_exact: tuple[str, ...] = ()
    generic_prefixes: tuple[str, ...] = ()
    max_generic_words: int = 1
    max_generic_cjk_chars: int = 2
    common_title_after: int = 3
    title_window_days: int = 7
    cross_language: CrossLanguageRules = CrossLanguageRules()
    pair_keys: tuple[PairKey, ...] = ()


def _cross_language(path: Path, table: Mapping[str, Any]) -> CrossLanguageRules:
    f = Fields(path, "[cross_language]", table,
               {"enabled", "window_hours", "max_candidates", "threshold", "max_per_kind",
                "weights", "time_weight", "unmatched_numbers"})
    default = CrossLanguageRules()
    w = Fields(path, "[cross_language.weights]", f.get("weights", dict, {}), set(EVIDENCE_KINDS))
    weights = []
    for kind, value in default.weights:
        number = w.get(kind, (int, float), value)
        if number < 0:
            w.fail(kind, f"expected a non-negative number, got {number!r}")
        weights.append((kind, float(number)))
    numbers: dict[str, float] = {}
    for key, value, minimum in (("window_hours", default.window_hours, 0.0),
                                ("threshold", default.threshold, 0.0),
                                ("time_weight", default.time_weight, 0.0),
                                ("unmatched_numbers", default.unmatched_numbers, 0.0)):
        number = f.get(key, (int, float), value)
        if number < minimum:
            f.fail(key, f"expected a number >= {minimum}, got {number!r}")
        numbers[key] = float(number)
    counts: dict[str, int] = {}
    for key, value in (("max_candidates", default.max_candidates),
                       ("max_per_kind", default.max_per_kind)):
        count = f.get(key, int, value)
        if count < 1:
            f.fail(key, f"must be at least 1, got {count}")
        counts[key] = count
    return CrossLanguageRules(
        enabled=f.get("enabled", bool, True), weights=tuple(weights),
        max_candidates=counts["max_candidates"], max_per_kind=counts["max_per_kind"],
        window_hours=numbers["window_hours"], threshold=numbers["threshold"],
        time_weight=numbers["time_weight"], unmatched_numbers=numbers["unmatched_numbers"])


def _pair_keys(path: Path, tables: Any) -> tuple[PairKey, ...]:
    if not isinstance(tables, list):
        raise ConfigError(path, "expected [[pair_key]] tables", "", "pair_key")
    out: list[PairKey] = []
    for index, table in enumerate(tables):
        if not isinstance(table, dict):
            raise ConfigError(path, "expected a table", f"pair_key #{index + 1}")
        label = (f"pair_key {table['id']!r}" if isinstance(table.get("id"), str)
                 else f"pair_key #{index + 1}")
        f = Fields(path, label, table, {"id", "url", "sources"})
        key_id = slug_field(f)
        pattern = f.get("url", str, required=True)
        check_regex(f, "url", pattern)
        if "key" not in re.compile(pattern).groupindex:
            f.fail("url", f"the pattern needs a (?P<key>...) group: {pattern!r}")
        if any(p.id == key_id for p in out):
            f.fail("id", f"duplicate id {key_id!r}")
        out.append(PairKey(id=key_id, pattern=pattern, sources=f.str_list("sources")))
    return tuple(out)


def load_dedup_rules(path: str | Path) -> DedupRules:
    """Load ``dedup.toml``; a bad one is a ConfigError. A config directory without one
    uses the project's own (config/dedup.toml), else the built-in defaults."""
    path = Path(path)
    if not path.exists():
        path = DEFAULT_CONFIG_DIR / "dedup.toml"
        if not path.exists():
            return DedupRules()
    data = load_toml(path)
    top = Fields(path, "", data, {"generic_titles", "title_merge", "cross_language", "pair_key"})
    titles = Fields(path, "[generic_titles]", top.get("generic_titles", dict, {}),
                    {"exact", "prefixes", "max_words", "max_cjk_chars", "common_after"})
    merge = Fields(path, "[title_merge]", top.get("title_merge", dict, {}), {"window_days"})
    numbers = {}
    for fields, key, default in ((titles, "max_words", 1), (titles, "max_cjk_chars", 2),
                                 (titles, "common_after", 3), (merge, "window_days", 7)):
        value = fields.get(key, int, default)
        if value < 0:
            fields.fail(key, f"expected a non-negative integer, got {value!r}")
        numbers[key] = value
    return DedupRules(
        generic_exact=titles.str_list("exact"),
        generic_prefixes=titles.str_list("prefixes"),
        max_generic_words=numbers["max_words"],
        max_generic_cjk_chars=numbers["max_cjk_chars"],
        common_title_after=numbers["common_after"],
        title_window_days=numbers["window_days"],
        cross_language=_cross_language(path, top.get("cross_language", dict, {})),
        pair_keys=_pair_keys(path, top.get("pair_key", list, [])),
    )
