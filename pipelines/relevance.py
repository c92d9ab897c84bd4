"""Relevance stage: does an article belong to a topic (config/topics.toml), and why?

:func:`score` is pure: title + text + Topic in, :class:`Relevance` out. The scoring model
is documented in config/topics.toml. Every matched term becomes a *reason*
(``{"concept", "term", "where", "offset", "passage"}``; ``where`` is title, lead or body,
``offset`` a character offset into the title or text, ``passage`` the index of the
paragraph/window, -1 for the title), followed by one ``{"concept": "proximity", ...}``
reason listing the passages where the ``together`` concepts meet, and one
``{"concept": ..., "missing": true}`` per required concept without enough evidence.

:class:`RelevancePipeline` is the Scrapy adapter. It never drops: irrelevant articles are
stored with ``relevant = False`` so ``govwatch rescore`` can apply a changed topic later.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from crawler.config import Topic, crawl_config_dir, load_topic
from pipelines.matcher import TermMatcher, is_case_sensitive_term
from pipelines.sentences import passage_spans

MAX_REASONS_PER_CONCEPT = 8
_IGNORED = "\x00false friend"  # payload of a concept's false_friends  # distinct terms reported per concept; keeps the column small


# an acronym defined in the text: "artificial insemination (AI)", "Amnesty International (AI)"
_ACRONYM = re.compile(r" \((?P<acr>[A-Z]{2,6})\)")
_WORDS_BEFORE = re.compile(r"(?:[A-Za-z][\w'’-]*[ -]){1,6}$")
# … or spelled out inside brackets before it: "（Artificial Insemination，業界簡稱「AI」）",
# "(Amnesty International, AI)"
_SPELLED_OUT = re.compile(
    r"[（(]\s*(?P<words>(?:[A-Za-z][\w'’-]*[ -]){1,5}[A-Za-z][\w'’-]*)\s*[,，、;；]\s*"
    r"[^\x00-\x7f]{0,8}[「“\"']?(?P<acr>[A-Z]{2,6})[」”\"']?\s*[)）]")


def redefined(text: str, matcher: TermMatcher) -> frozenset[str]:
    """Acronyms the text defines as something that is no term of the topic ("artificial
    insemination (AI)"): their bare mentions are not that term. A definition that is a
    term ("artificial intelligence (AI)") changes nothing."""
    out: set[str] = set()
    for m in _ACRONYM.finditer(text):  # the acronym first, then the words before it
        acr = m.group("acr")
        before = _WORDS_BEFORE.search(text, max(0, m.start() - 80), m.start() + 1)
        if before is None:
            continue
        words = re.split(r"[ -]", before.group(0).strip())[-len(acr):]
        if len(words) < len(acr) or "".join(w[:1] for w in words).upper() != acr:
            continue
        _other_meaning(" ".join(words), acr, matcher, out)
    for m in _SPELLED_OUT.finditer(text):
        words = re.split(r"[ -]", m.group("words"))
        acr = m.group("acr")
        if len(words) == len(acr) and "".join(w[:1] for w in words).upper() == acr:
            _other_meaning(" ".join(words), acr, matcher, out)
    return frozenset(out)


def _other_meaning(phrase: str, acr: str, matcher: TermMatcher, out: set[str]) -> None:
    """Add ``acr`` to ``out`` unless ``phrase`` (its spelled-out form) is a term."""
    if not any(found.lower() == phrase.lower() and concepts != [_IGNORED]
               for _s, _e, found, concepts in matcher.finditer(phrase)):
        out.add(acr)


@dataclass(frozen=True)
class Relevance:
    relevant: bool
    score: float
    reasons: list[dict[str, Any]] = field(default_factory=list)


@lru_cache(maxsize=16)
def topic_matcher(topic: Topic) -> TermMatcher:
    """One compiled matcher for all of a topic's terms (payload = concept id)."""
    terms = [(term, is_case_sensitive_term(term), concept.id)
             for concept in topic.concepts for term in concept.terms]
    # a false friend is matched like a term (longest match wins) and then ignored
    terms += [(phrase, is_case_sensitive_term(phrase), _IGNORED)
              for concept in topic.concepts for phrase in concept.false_friends]
    return TermMatcher(terms)


def score(title: str, text: str, topic: Topic, matcher: TermMatcher | None = None) -> Relevance:
    """Score ``title`` + ``text`` against ``topic``; see config/topics.toml for the model.
    ``matcher``: the topic's compiled matcher when the caller has it (pipelines/chain.py)."""
    title, text = title or "", text or ""
    matcher = matcher or topic_matcher(topic)
    spans = passage_spans(text, topic.passage_chars)
    starts = [a for a, _ in spans]
    hits: dict[str, float] = {c.id: 0.0 for c in topic.concepts}
    in_passage: dict[int, set[str]] = {}
    reasons: dict[str, list[dict[str, Any]]] = {c.id: [] for c in topic.concepts}
    seen_terms: dict[str, set[str]] = {c.id: set() for c in topic.concepts}
    placed: set[str] = set()  # the concepts with a mention in the title or the lead

    # "free artificial insemination (AI) visits": AI is no AI in this text
    other_meaning = redefined(text, matcher) if "(" in text or "（" in text else frozenset()

    def note(where: str, start: int, found: str, concepts: list[Any], passage: int) -> None:
        if _IGNORED in concepts or found in other_meaning:
            return
        for cid in concepts:
            hits[cid] += topic.title_hits if where == "title" else 1.0
            if where != "body":
                placed.add(cid)
            in_passage.setdefault(passage, set()).add(cid)
            key = found.lower()
            if key not in seen_terms[cid] and len(seen_terms[cid]) < MAX_REASONS_PER_CONCEPT:
                seen_terms[cid].add(key)
                reasons[cid].append({"concept": cid, "term": found, "where": where,
                                     "offset": start, "passage": passage})

    in_title = list(matcher.finditer(title))
    in_text = list(matcher.finditer(text))
    # "a fixed-time artificial insemination protocol … simply timed AI": with no other
    # term of its concept, the acronym means what the text spells out
    other_meaning |= _spelled_otherwise(f"{title}\n{text}".lower(), topic,
                                        [*in_title, *in_text])
    for start, _end, found, concepts in in_title:
        note("title", start, found, concepts, -1)
    for start, _end, found, concepts in in_text:
        passage = max(bisect_right(starts, start) - 1, 0)
        note("lead" if start < topic.lead_chars else "body", start, found, concepts, passage)

    total = 0.0
    missing: list[str] = []
    for concept in topic.concepts:
        evidence = hits[concept.id]
        if evidence > 0:
            total += concept.weight * min(1.0 + math.log(evidence), concept.cap)
        needed = concept.min_hits
        if concept.body_min_hits is not None and concept.id not in placed:
            needed = max(needed, concept.body_min_hits)  # only deep in the body
        if concept.required and evidence < needed:
            missing.append(concept.id)
    together = set(topic.together)
    meeting = sorted(p for p, found in in_passage.items() if together and together <= found)
    total += topic.proximity_bonus * min(len(meeting), topic.max_proximity_passages)
    total = round(total, 2)
    relevant = not missing and (bool(meeting) or not together) and total >= topic.threshold

    out = [r for concept in topic.concepts for r in reasons[concept.id]]
    if meeting:
        out.append({"concept": "proximity", "together": list(topic.together), "passages": meeting})
    out.extend({"concept": cid, "missing": True, "evidence": hits[cid]} for cid in missing)
    return Relevance(relevant=relevant, score=total, reasons=out)


def _spelled_otherwise(lowered: str, topic: Topic, found: list[Any]) -> frozenset[str]:
    """The acronyms (initials of a concept's ``acronym_meanings``) that ``lowered`` (the
    title and text in lower case) spells out as something else, where the concept has no
    hit (``found``: the matcher's) but those acronyms."""
    out: set[str] = set()
    for concept in topic.concepts:
        for meaning in concept.acronym_meanings:
            phrase, sep, given = meaning.partition("=")
            if phrase.lower() not in lowered:
                continue
            acronym = given.strip() if sep else "".join(w[:1] for w in phrase.split()).upper()
            if all(f == acronym for _s, _e, f, concepts in found if concept.id in concepts):
                out.add(acronym)
    return frozenset(out)


def apply(item: Any, topic: Topic, matcher: TermMatcher | None = None) -> Any:
    """Set the relevance fields of an Article (or any object with those attributes)."""
    result = score(item.title, item.text, topic, matcher)
    item.relevant = result.relevant
    item.relevance_score = result.score
    item.relevance_reasons = result.reasons
    item.topic = topic.id
    return item


class RelevancePipeline:
    """Scrapy adapter: flags each article; never drops. Settings: GOVWATCH_CONFIG_DIR,
    GOVWATCH_TOPIC (default "public-sector-ai"). Stats: govwatch/relevance/relevant and
    govwatch/relevance/irrelevant."""

    def __init__(self, topic: Topic, crawler: Any = None) -> None:
        self.topic, self.crawler, self.stats = topic, crawler, None

    @classmethod
    def from_crawler(cls, crawler: Any) -> RelevancePipeline:
        topic_id = crawler.settings.get("GOVWATCH_TOPIC") or "public-sector-ai"
        return cls(load_topic(crawl_config_dir(crawler.settings), topic_id), crawler)

    def open_spider(self) -> None:
        self.stats = self.crawler.stats if self.crawler is not None else None

    def process_item(self, item: Any) -> Any:
        apply(item, self.topic)
        if self.stats is not None:
            self.stats.inc_value(f"govwatch/relevance/{'relevant' if item.relevant else 'irrelevant'}")
        return item
