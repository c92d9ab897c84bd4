"""config/topics.toml: topics, their weighted concepts and bilingual terms."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from crawler.config.entries import GAZETTEER_DIR, Gazetteer
from crawler.config.gazetteer import load_gazetteer
from crawler.config.loader import ConfigError, Fields, load_toml, number_field, slug_field
from crawler.shared.text import HAN_CHAR

TOPICS_FILE = "topics.toml"


@dataclass(frozen=True)
class Concept:
    """One concept of a topic (e.g. "ai"): a weighted list of terms, see topics.toml."""

    id: str
    weight: float
    required: bool
    terms: tuple[str, ...]
    min_hits: float = 1.0  # evidence needed (a title mention counts title_hits times)
    # evidence needed when no mention is in the title or the lead: one "AI" deep in the body
    # of a government story is a passing one (None: min_hits)
    body_min_hits: float | None = None
    cap: float = 2.5  # the concept adds at most weight * cap to the score
    agencies: bool = False  # names from gazetteers/agencies.toml were added to terms
    # phrases that contain a term but are not evidence ("AI-related demand"): matched, ignored
    false_friends: tuple[str, ...] = ()
    # other meanings of the concept's acronym terms ("artificial insemination" for "AI",
    # or "words=ACRONYM": "藝名=AI", a stage name): in a text that writes one and has no
    # other term of the concept, the acronym is no evidence
    acronym_meanings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Topic:
    id: str
    name: str
    concepts: tuple[Concept, ...]
    threshold: float
    title_hits: float = 2.0
    proximity_bonus: float = 2.0
    max_proximity_passages: int = 3
    together: tuple[str, ...] = ()
    passage_chars: int = 600
    lead_chars: int = 400
    description: str = ""


_TOPIC_KEYS = {
    "id", "name", "description", "threshold", "title_hits", "proximity_bonus",
    "max_proximity_passages", "together", "passage_chars", "lead_chars", "concept",
}


_CONCEPT_KEYS = {"id", "weight", "required", "min_hits", "body_min_hits", "cap", "agencies", "terms_en",
                 "terms_zh", "terms", "false_friends", "acronym_meanings"}


def _parse_concept(path: Path, topic: str, index: int, table: Any) -> Concept:
    label = f"topic {topic!r} concept #{index + 1}"
    if not isinstance(table, dict):
        raise ConfigError(path, "expected a [[topic.concept]] table", label)
    if isinstance(table.get("id"), str):
        label = f"topic {topic!r} concept {table['id']!r}"
    f = Fields(path, label, table, _CONCEPT_KEYS)
    cid = slug_field(f)
    terms = f.str_list("terms") + f.str_list("terms_en") + f.str_list("terms_zh")
    agencies = f.get("agencies", bool, False)
    if not terms and not agencies:
        f.fail("terms_en", "no terms (give terms_en and/or terms_zh)")
    false_friends = f.str_list("false_friends")
    meanings = f.str_list("acronym_meanings")
    for phrase in meanings:
        words, sep, acronym = phrase.partition("=")
        if sep and not (words.strip() and acronym.strip().isalpha()
                        and acronym.strip().isupper()):
            f.fail("acronym_meanings", f"{phrase!r} is not 'words=ACRONYM'")
        if not sep and len(phrase.split()) < 2:
            f.fail("acronym_meanings", f"{phrase!r} is not a phrase of two or more words "
                                       "(or 'words=ACRONYM')")
    body_min_hits = number_field(f, "body_min_hits", 0.0) if "body_min_hits" in table else None
    return Concept(id=cid, weight=number_field(f, "weight", 1.0), required=f.get("required", bool, True),
                   terms=tuple(dict.fromkeys(terms)), min_hits=number_field(f, "min_hits", 1.0),
                   cap=number_field(f, "cap", 2.5, minimum=1.0), agencies=agencies,
                   false_friends=false_friends, body_min_hits=body_min_hits,
                   acronym_meanings=meanings)


def _parse_topic(path: Path, index: int, table: Any) -> Topic:
    if not isinstance(table, dict):
        raise ConfigError(path, "expected [[topic]] tables", f"topic #{index + 1}")
    label = f"topic {table.get('id')!r}" if isinstance(table.get("id"), str) else f"topic #{index + 1}"
    f = Fields(path, label, table, _TOPIC_KEYS)
    tid = slug_field(f)
    concept_tables = f.get("concept", list, required=True)
    concepts = tuple(_parse_concept(path, tid, i, t) for i, t in enumerate(concept_tables))
    if not concepts:
        f.fail("concept", "a topic needs at least one [[topic.concept]]")
    ids = [c.id for c in concepts]
    for cid in ids:
        if ids.count(cid) > 1:
            raise ConfigError(path, f"duplicate concept id {cid!r}", label, "concept")
    together = f.str_list("together")
    for cid in together:
        if cid not in ids:
            f.fail("together", f"unknown concept {cid!r} (known: {', '.join(ids)})")
    return Topic(
        id=tid,
        name=f.get("name", str, tid),
        description=f.get("description", str, ""),
        concepts=concepts,
        threshold=number_field(f, "threshold"),
        title_hits=number_field(f, "title_hits", 2.0),
        proximity_bonus=number_field(f, "proximity_bonus", 2.0),
        max_proximity_passages=int(number_field(f, "max_proximity_passages", 3)),
        together=together,
        passage_chars=int(number_field(f, "passage_chars", 600, minimum=50)),
        lead_chars=int(number_field(f, "lead_chars", 400)),
    )


def load_topics(path: str | Path) -> dict[str, Topic]:
    """Load and validate ``topics.toml``: topic id → Topic, in file order."""
    path = Path(path)
    data = load_toml(path)
    top = Fields(path, "", data, {"topic"})
    topics: dict[str, Topic] = {}
    for index, table in enumerate(top.get("topic", list, required=True)):
        topic = _parse_topic(path, index, table)
        if topic.id in topics:
            raise ConfigError(path, f"duplicate id {topic.id!r}", f"topic {topic.id!r}", "id")
        topics[topic.id] = topic
    if not topics:
        raise ConfigError(path, "no [[topic]] defined")
    if any(c.agencies for t in topics.values() for c in t.concepts):


        names = agency_terms(load_gazetteer(path.parent / GAZETTEER_DIR))
        topics = {tid: replace(t, concepts=tuple(
            replace(c, terms=tuple(dict.fromkeys((*c.terms, *names)))) if c.agencies else c
            for c in t.concepts)) for tid, t in topics.items()}
    return topics


def and_spellings(name: str) -> tuple[str, ...]:
    """An English name as written and with "and" / "&" swapped ("Housing & Development
    Board" is the Housing and Development Board)."""
    if " and " in name:
        return name, name.replace(" and ", " & ")
    if " & " in name:
        return name, name.replace(" & ", " and ")
    return (name,)




_PUBLIC_WORD = re.compile(r"\b(Ministry|Department|Bureau|Agency|Authority|Commission|Council|"
                          r"Parliament|Court|Administration|Office of)\b")


def agency_terms(gazetteer: Gazetteer) -> tuple[str, ...]:
    """Agency names usable as topic terms: plain (not marked ambiguous) for at least one
    agency, or a full name several agencies share; not all-lowercase ASCII (which the
    topic rule would match in any case); also with "&" for "and".
    Offices made of place + office (offices.toml) count by their administrative form
    (市数据局, 省科技厅), whatever the place; in English their "bureau", "department" or
    "commission" is a topic term already."""
    owners: dict[str, int] = {}
    plain: set[str] = set()  # not ambiguous for at least one agency
    abbreviations: set[str] = set()
    for agency in gazetteer.agencies:
        if agency.place:
            continue
        abbreviations.update(agency.abbreviations)
        for name in agency.names:
            owners[name] = owners.get(name, 0) + 1
            if name not in agency.ambiguous:
                plain.add(name)
    names: dict[str, None] = {}
    for name, count in owners.items():
        # ambiguous for every owner: still public when several public bodies share the
        # full name (教育部, "Ministry of Education": whichever ministry it is), or when it
        # reads as a public body whichever it is (a Chinese name: 衞生局, 統計處, 國會; an
        # English one with "Ministry", "Department" …); not an abbreviation (HA, DPO)
        if name in plain or (name not in abbreviations and (
                count > 1 or HAN_CHAR.search(name) or _PUBLIC_WORD.search(name))):
            names.update(dict.fromkeys(and_spellings(name)))
    offices = [suffix + name for office in gazetteer.offices for name in office.names_zh
               for suffix in ("省", "市", "自治区")]
    # A name only one agency has and marks ambiguous (DPO, HA) is not evidence.
    return (*(name for name in names if not (name.isascii() and name.islower())), *offices)


def load_topic(directory: str | Path, topic_id: str) -> Topic:
    """The topic ``topic_id`` from ``<directory>/topics.toml``; unknown ids are a ConfigError."""
    path = Path(directory) / TOPICS_FILE
    topics = load_topics(path)
    if topic_id not in topics:
        raise ConfigError(path, f"unknown topic {topic_id!r} (known: {', '.join(topics)})")
    return topics[topic_id]
