"""One story across languages (issue #17): language-independent evidence and its score.

Pure functions; the SQLite side (the evidence index, links, analysts' decisions) is
crawler/db/links.py and the step that uses both is :func:`pipelines.story.link_across`.

Evidence of an article is a set of ``kind:value`` keys that read the same whatever the
language of the report:

* ``agency:``, ``vendor:``, ``location:`` ids and ``jurisdiction:`` codes the tagging stage
  found (the gazetteer already maps 數字政策辦公室 and Digital Policy Office to one id);
* ``number:`` quantities and ``percentage:`` values (pipelines/numbers.py: 1,000 萬港元 =
  HK$10 million = 10000000), ``date:`` calendar days named in the text (03-14);
* ``person:`` ids of people whose English and Chinese names are both in
  gazetteers/people.toml;
* ``pair:`` the identifier a publisher gives both language versions of one item, read from
  the URL by a dedup.toml ``[[pair_key]]`` pattern (no per-site code).

Two reports in different languages are scored by :func:`score`: each kind adds its weight
(dedup.toml ``[cross_language.weights]``) once per shared value, up to ``max_per_kind``
values, plus ``time_weight`` scaled down linearly to nothing at ``window_hours`` apart; a
pair of reports that both state numbers but share none loses ``unmatched_numbers``. A
score at or above ``threshold`` links them. The weights and threshold were set on the
development half of bench/labelled/crosslang (see bench/README.md).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from crawler.config import CrossLanguageRules, PairKey, Person
from crawler.shared.text import to_simplified, to_traditional
from pipelines import numbers

# Kinds looked up in the evidence index to find candidates. A jurisdiction is shared by
# most reports of a region in a week, so it scores but never proposes a candidate.
INDEXED_KINDS = ("pair", "agency", "vendor", "location", "person", "number", "percentage",
                 "date")




# --------------------------------------------------------------------------------------
# People
# --------------------------------------------------------------------------------------

class PeopleMatcher:
    """Finds the people of people.toml in a text: English names case-sensitively at word
    boundaries, Chinese names in both scripts (each name is converted once, here, so the
    text never is: converting a whole article took 4 ms)."""

    def __init__(self, people: Iterable[Person]) -> None:
        english: dict[str, str] = {}
        chinese: dict[str, str] = {}
        for person in people:
            for name in (person.name, *person.aliases):
                english[name] = person.id
            for name in person.names_zh:
                for form in (name, to_simplified(name), to_traditional(name)):
                    chinese[form] = person.id
        self._english = english
        self._chinese = chinese
        self._en_re = _alternation(english, r"(?<![\w-])(?:{})(?![\w-])")
        self._zh_re = _alternation(chinese, "(?:{})")

    def find(self, text: str) -> set[str]:
        out: set[str] = set()
        if self._en_re is not None:
            out.update(self._english[m.group(0)] for m in self._en_re.finditer(text))
        if self._zh_re is not None:
            out.update(self._chinese[m.group(0)] for m in self._zh_re.finditer(text))
        return out


def _alternation(names: Mapping[str, str], template: str) -> re.Pattern[str] | None:
    if not names:
        return None
    body = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(template.format(body))








# --------------------------------------------------------------------------------------
# Pair keys
# --------------------------------------------------------------------------------------

@functools.lru_cache(maxsize=64)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def pair_key(url: str, source_id: str, keys: Iterable[PairKey]) -> str | None:
    """``<pattern id>:<key>`` for the first dedup.toml [[pair_key]] whose pattern matches
    ``url`` (and whose ``sources``, when given, include ``source_id``); else None."""
    for rule in keys:
        if rule.sources and source_id not in rule.sources:
            continue
        match = _compiled(rule.pattern).search(url or "")
        if match and match.group("key"):
            return f"{rule.id}:{match.group('key')}"
    return None


# --------------------------------------------------------------------------------------
# Evidence
# --------------------------------------------------------------------------------------

def _ids(values: Iterable[Any]) -> set[str]:
    out = set()
    for value in values or ():
        if isinstance(value, Mapping):
            value = value.get("id")
        if value:
            out.add(str(value))
    return out


def evidence(title: str, text: str, *, agencies: Iterable[Any] = (),
             vendors: Iterable[Any] = (), locations: Iterable[Any] = (),
             jurisdictions: Iterable[str] = (), people: PeopleMatcher | None = None,
             pair: str | None = None, published: datetime | None = None) -> set[str]:
    """The language-independent evidence keys of one article (see the module docstring).
    Tags are the tagging stage's lists (dicts with an ``id``, or ids); ``published``
    dates a Chinese day written without its month (今日（25日）)."""
    body = f"{title or ''}\n{text or ''}"
    keys = {f"agency:{i}" for i in _ids(agencies)}
    keys |= {f"vendor:{i}" for i in _ids(vendors)}
    keys |= {f"location:{i}" for i in _ids(locations)}
    keys |= {f"jurisdiction:{c}" for c in jurisdictions or () if c}
    keys |= {f"number:{n}" for n in numbers.numbers(body)}
    keys |= {f"percentage:{n}" for n in numbers.percentages(body)}
    reference = published.date() if published is not None else None
    keys |= {f"date:{d}" for d in numbers.dates(body, reference) if len(d) == 5}
    if people is not None:
        keys |= {f"person:{p}" for p in people.find(body)}
    if pair:
        keys.add(f"pair:{pair}")
    return keys


def indexed(keys: Iterable[str]) -> list[str]:
    """The keys worth an index lookup (see INDEXED_KINDS), sorted."""
    return sorted(k for k in keys if k.split(":", 1)[0] in INDEXED_KINDS)


# --------------------------------------------------------------------------------------
# Score
# --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Match:
    score: float
    matched: dict[str, list[str]] = field(default_factory=dict)  # kind -> shared values
    hours_apart: float | None = None

    def linked(self, rules: CrossLanguageRules) -> bool:
        return self.score >= rules.threshold

    def as_evidence(self) -> dict[str, Any]:
        """What a ``story_links`` row records: the shared values and the time apart."""
        out: dict[str, Any] = {k: v for k, v in sorted(self.matched.items())}
        if self.hours_apart is not None:
            out["hours_apart"] = round(self.hours_apart, 2)
        return out


def score(mine: set[str], theirs: set[str], my_time: datetime | None,
          their_time: datetime | None, rules: CrossLanguageRules) -> Match:
    """How strongly two reports in different languages tell one event (module docstring).
    A shared pair key decides on its own (its weight is far above the threshold)."""
    shared: dict[str, list[str]] = {}
    for key in sorted(mine & theirs):
        kind, _, value = key.partition(":")
        shared.setdefault(kind, []).append(value)
    total = 0.0
    for kind, values in shared.items():
        total += rules.weight(kind) * min(len(values), rules.max_per_kind)
    hours = None
    if my_time is not None and their_time is not None:
        hours = abs((my_time - their_time).total_seconds()) / 3600
        if rules.window_hours > 0:
            total += rules.time_weight * max(0.0, 1 - hours / rules.window_hours)
    if rules.unmatched_numbers and "number" not in shared and \
            any(k.startswith("number:") for k in mine) and \
            any(k.startswith("number:") for k in theirs):
        total -= rules.unmatched_numbers
    return Match(round(total, 4), shared, hours)
