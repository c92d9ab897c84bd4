"""Signals stage: what kind of event an article reports, how much money, by when.

:func:`detect` is pure: title + text + :class:`crawler.config.SignalConfig` in,
:class:`Signals` out:

- ``signal_types``: the ids of every type of config/signals.toml the text supports, in
  the file's order, and ``signal_evidence``: for each, ``{"type", "sentence", "terms"}``
  (the first sentences holding its cue terms, with the terms found; the title is quoted
  as a sentence too), in the spirit of ``relevance_reasons``;
- ``amounts``: ``{"text", "value", "currency", "approx"}`` (pipelines/money.py);
- ``deadlines``: ``{"text", "date", "kind"}`` with kind ``deadline`` or ``start``
  (pipelines/deadlines.py);
- ``dropped``: one line per amount left out as absurd, for the log.

A cue term counts only where it reads as the reported event (config/signals.toml
[context]): not in a caption, boilerplate line or byline (the [noise] screen of
pipelines/noise.py); discounted after a hedge in its sentence (a call for, a wish, a
negation, a condition, an expectation, an existing rule); not at all when it is a weak
word just before another type's term in its clause ("launches … pilot"); and a weak word
counts fully just before an amount (funding: "invest S$50m") or just after a day and month
(自6月15日起推出).

:class:`SignalsPipeline` is the Scrapy adapter; it runs after the summary stage.
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import Any

from crawler.config import SignalConfig, crawl_config_dir, load_signal_config, signal_config_path
from crawler.shared.dates import article_moment
from crawler.shared.text import HAN
from pipelines.actors import actor
from pipelines.clauses import same_clause
from pipelines.deadlines import find_dates
from pipelines.money import find_amounts
from pipelines.sentences import sentence_spans
from pipelines.signal_place import DATE, MentionPlace
from pipelines.signal_rules import (
    ALWAYS,
    ENDED,
    FRAME,
    HEDGE,
    IGNORED,
    LEADS,
    MONEY_ONLY,
    PAST,
    compiled,
)

logger = logging.getLogger(__name__)
# a year (19xx/20xx): before 年, or alone in English (not 2000名, "2000 million", "2,000",
# nor a hotline's number before another Chinese word: 1999市民專線)
_YEAR = re.compile(rf"(?<![\d.,/$£€¥])((?:19|20)\d\d)(?:(?=\s*年)|(?![\d%]|(?![至到和及與与或])[{HAN}]"
                   r"|[.,]\d|\s*(?:million|billion|bn|m)\b))")
_NAME_BEFORE = re.compile(r"(?:^|\s)[A-Z][\w&'’.-]*\s+$")  # "… Healthcare AI |Conference"
# the end of a Chinese name in quotes: 「公營機構人工智能與私隱保障研討會」, 《…論壇》; a
# named event said to be held in its clause (同日舉行的「…研討會」, signal_context.toml
# held_zh) is one the news is about, not the venue of a speech (在「…論壇」致辭時表示)
_NAME_CLOSE = re.compile(r"[」』”》]")


def _held(sentence: str, start: int, end: int, held: re.Pattern[str] | None) -> bool:
    """Whether the clause around ``sentence[start:end]`` says the event is held."""
    if held is None:
        return False
    left = max((sentence.rfind(c, 0, start) for c in "，。；：,;"), default=-1) + 1
    stops = [i for i in (sentence.find(c, end) for c in "，。；：,;") if i >= 0]
    return held.search(sentence, left, min(stops, default=len(sentence))) is not None
_NEAR_AMOUNT = 25  # "will jointly invest S$50m", 共同投入新臺幣10億元: the verb of an amount
_SURNAME = re.compile(r" [A-Z][a-z]+(?![A-Za-z-])")  # a capitalised word after a given name
MAX_EVIDENCE_CHARS = 400  # a longer evidence sentence is cut (with …) so the column stays small


@dataclass(frozen=True)
class Signals:
    signal_types: list[str] = field(default_factory=list)
    signal_evidence: list[dict[str, Any]] = field(default_factory=list)
    amounts: list[dict[str, Any]] = field(default_factory=list)
    deadlines: list[dict[str, Any]] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)


def _no_type(payloads: list[Any]) -> bool:
    """Whether a match is only a hedge, a frame or a word of the past (no cue term)."""
    return all(not tid for tid, _weight in payloads)


def _is_opinion(title: str, text: str, markers: tuple[str, ...]) -> bool:
    """Whether the title or the text carries a marker of an opinion piece ("Commentary:",
    "The views expressed are the writer's own", 僅代表作者個人意見)."""
    return any(m in title or m in text for m in markers)


def _year(published_at: str | None) -> int | None:
    if published_at and len(published_at) >= 4 and published_at[:4].isdigit():
        return int(published_at[:4])
    return None


def _clip(sentence: str) -> str:
    sentence = " ".join(sentence.split())
    if len(sentence) <= MAX_EVIDENCE_CHARS:
        return sentence
    return sentence[:MAX_EVIDENCE_CHARS].rstrip() + " …"


def detect(title: str, text: str, config: SignalConfig, jurisdiction: str = "",
           published_at: str | None = None) -> Signals:
    """The signals of one article. ``jurisdiction`` (the source's, else the first tagged
    one) gives a bare "$" or 元 its currency; ``published_at`` gives dates their year."""
    title, text = title or "", text or ""
    rules = compiled(config)
    matcher = rules.terms
    spans = sentence_spans(text)
    footer = rules.noise.footer_start(text)  # "About Acme" and what follows: not the news
    spans = [(a, b) for a, b in spans if a < footer]
    starts = [a for a, _ in spans]
    evidence: dict[str, float] = {}
    quoted: dict[str, dict[int, list[str]]] = {}  # type -> sentence index -> terms
    signal_sentences: set[int] = set()
    found_amounts, dropped = find_amounts(text, config.amounts, jurisdiction)
    amount_starts = [a.start for a in found_amounts]
    # the headline's amounts ("launches $25 million grant program"), read once a weak word in
    # the headline needs them
    title_amounts: list[int] | None = None

    # every cue-term mention, by sentence (-1 = the title): (where, term, payloads)
    hits: dict[int, list[tuple[int, str, list[Any]]]] = {}
    for start, _end, found, type_ids in matcher.finditer(title):
        hits.setdefault(-1, []).append((start, found, type_ids))
    for start, _end, found, type_ids in matcher.finditer(text[:footer]):
        hits.setdefault(bisect_right(starts, start) - 1, []).append((start, found, type_ids))
    spanned: set[int] = set()  # sentences a term with a gap added to, out of order
    for tid, pattern in rules.spanning:  # "signed a $9.8 million contract with": a full term
        for index, part in ((-1, title), (None, text[:footer])):
            for m in pattern.finditer(part):
                if any(tid == t and weight == IGNORED for _s, _e, _f, payloads
                       in matcher.finditer(m.group(0)) for t, weight in payloads):
                    continue  # a false friend inside the gap: 签订…劳动合同 is no award
                at = index if index is not None else bisect_right(starts, m.start()) - 1
                hits.setdefault(at, []).append((m.start(), m.group(0), [(tid, 1.0)]))
                spanned.add(at)
    for at in spanned:
        hits[at].sort(key=lambda hit: hit[0])

    firm: set[str] = set()  # types with a full cue term that counts fully where it stands
    now: set[str] = set()  # types with a mention that is no future (no "will" before it)

    def credit(tid: str, term: str, weight: float, sentence: int, full: bool = False,
               future: bool = False) -> None:
        if full and weight >= 1.0:
            firm.add(tid)
        if not future:
            now.add(tid)
        terms = quoted.setdefault(tid, {}).setdefault(sentence, [])
        if term.lower() in (t.lower() for t in terms):
            return  # a term repeated within one sentence counts once
        terms.append(term)
        evidence[tid] = evidence.get(tid, 0.0) + weight
        signal_sentences.add(sentence)

    # the lead: the first lead_sentences sentences that are not noise (a byline or a
    # dateline line does not push the first real sentence out of it)
    lead_end, kept = 0, 0
    while kept < config.lead_sentences and lead_end < len(spans):
        a, b = spans[lead_end]
        kept += rules.noise.clean(text[a:b]) is not None
        lead_end += 1
    year = _year(published_at)
    # who acts in the article: its first sentence that is not noise
    lead_private = False
    if rules.actor_types:
        first = next((c for c in (rules.noise.clean(text[a:b]) for a, b in spans[:lead_end])
                      if c), "")
        lead_private = actor(first, rules.private, rules.public, rules.office) is True
    # the types with a full cue term in each sentence (-1 = the title): an anaphor at the
    # start of the next one makes that sentence their detail
    full_in = {index: {tid for _s, _f, payloads in mentions for tid, w in payloads if w == 1.0}
               for index, mentions in hits.items()}

    for index, mentions in hits.items():
        if all(_no_type(payloads) for _s, _f, payloads in mentions):
            continue  # a hedge, frame or word of the past, and no cue term
        if index < 0:
            sentence, offset, place = title, 0, config.title_hits
        else:
            a, b = spans[index]
            sentence, offset = text[a:b], a
            place = config.lead_hits if index < lead_end else 0.0  # 0.0: the type's body_hits
        # a caption, boilerplate line or byline is not what the article reports
        cleaned = rules.noise.clean(sentence)
        if cleaned is None:
            continue
        # a call for, a wish, a negation, a condition, an expectation, an old rule: it
        # governs the terms after it in its sentence
        skip = len(sentence) - len(cleaned)
        first_hedge = min((start - offset for start, _f, payloads in mentions
                           if (HEDGE in payloads or ALWAYS in payloads)
                           and start - offset >= skip), default=None)
        # a negation or an intention discounts the unhedged types too
        first_always = min((start - offset for start, _f, payloads in mentions
                            if ALWAYS in payloads and start - offset >= skip), default=None)
        # the framework an event follows ("comply with"), the past (去年, "in 2025")
        frame_ends = [start - offset + len(f) for start, f, payloads in mentions
                      if FRAME in payloads]
        past = [start - offset for start, _f, payloads in mentions if PAST in payloads]
        if year is not None and rules.context.past_years:
            past += [m.start() for m in _YEAR.finditer(sentence) if int(m.group(1)) < year]

        full = [(start - offset, tid) for start, _f, payloads in mentions
                for tid, w in payloads if w == 1.0]
        ended = [start - offset for start, _f, payloads in mentions if ENDED in payloads]
        leads = [start - offset for start, _f, payloads in mentions if LEADS in payloads]
        carried = frozenset(full_in.get(index - 1, ())) \
            if index >= 0 and rules.anaphor.match(sentence) else frozenset()
        place_of = MentionPlace(sentence, offset, place, first_hedge, frame_ends, past, ended, full,
                          rules, config, amount_starts, carried, lead_private, leads,
                          first_always=first_always)
        background, where = place_of.background, place_of.where

        date_ends: list[int] | None = None  # where each day and month ends, once needed
        date_starts: list[int] = []
        for start, found, payloads in mentions:
            if start - offset < skip or _no_type(payloads):
                continue
            if index >= 0 and found in rules.given and _SURNAME.match(
                    sentence, start - offset + len(found)):
                continue  # "Bill Tanaka said": a person
            hidden = {tid for tid, weight in payloads if weight == IGNORED}
            # "a tender could be in the market by …": a modal right after the term
            modal = rules.modal_after.match(sentence, start - offset + len(found)) is not None
            strength: dict[str, float] = {}
            full_terms = {tid for tid, weight in payloads if weight == 1.0}
            for tid, weight in payloads:  # a term listed twice for a type counts once
                if not tid or tid in hidden or weight == IGNORED:
                    continue
                if weight < 1.0:
                    end = start - offset + len(found)
                    if tid in rules.yielding and any(
                            other != tid and same_clause(sentence, end, at)
                            for at, other in full):
                        continue  # the verb or modifier of another type's term
                    if index < 0 and title_amounts is None:
                        title_amounts = [a.start for a in
                                         find_amounts(title, config.amounts, jurisdiction)[0]]
                    starts_here = title_amounts if title_amounts is not None and index < 0 \
                        else amount_starts
                    near_amount = any(
                        same_clause(sentence, end, a - offset, _NEAR_AMOUNT)
                        for a in starts_here[bisect_left(starts_here, start):][:3])
                    if tid in rules.money and near_amount:
                        weight = max(weight, config.weak_with_amount)  # invest S$50m
                    elif weight == MONEY_ONLY:
                        continue  # "new sanctions", "commits the two sides to": no money
                    elif near_amount and rules.of_type[tid].not_before_amount:
                        continue  # "launches $25 million grant program": money, no system
                    if date_ends is None:
                        dates_in = [(m.start(), m.end()) for m in DATE.finditer(sentence)]
                        date_ends = [d for _a, d in dates_in]
                        date_starts = [a for a, _d in dates_in]
                    if any(d <= start - offset and same_clause(sentence, d, start - offset)
                           and not any(other != tid and d <= at < start - offset
                                       for at, other in full)
                           for d in date_ends):
                        # 自6月15日起推出 (but 自9月1日起试点推出 is the pilot's date)
                        weight = max(weight, config.weak_with_date)
                    kind = rules.of_type[tid]
                    if kind.date_after and any(same_clause(sentence, end, d)
                                               for d in date_starts):
                        weight = max(weight, config.weak_with_date)  # a forum on 25 June
                    if kind.named and index >= 0 and (
                            found[:1].isupper()
                            and _NAME_BEFORE.search(sentence, 0, start - offset)
                            or _NAME_CLOSE.match(sentence, start - offset + len(found))
                            and _held(sentence, start - offset, start - offset + len(found),
                                      rules.held.get(tid))):
                        weight = 1.0  # the Public Sector AI Forum, 「…研討會」: a named event
                weight *= background(tid, start - offset)
                if modal:
                    weight *= config.hedge_weight
                strength[tid] = max(strength.get(tid, 0.0), weight)
            future = rules.future.search(sentence, 0, start - offset) is not None
            for tid, weight in strength.items():
                credit(tid, found, where(tid) * weight, index, tid in full_terms, future)
            if hidden:  # the terms of other types inside a false friend still count
                for _s, _e, inner, inner_payloads in matcher.finditer(found[1:]):
                    for tid, weight in inner_payloads:
                        if tid and tid not in hidden and tid not in strength \
                                and weight != IGNORED:
                            weight *= background(tid, start - offset)
                            credit(tid, inner, where(tid) * weight, index, future=future)

    if _is_opinion(title, text, rules.context.opinion):
        # a column or an editorial argues; what it names is seldom the news
        evidence = {tid: w * rules.context.opinion_weight for tid, w in evidence.items()}
    passing = {t.id for t in config.types if evidence.get(t.id, 0.0) >= t.min_hits}
    for t in config.types:
        for later in rules.of_type[t.id].followed_by:
            if t.id in passing and later in passing:
                # a tender and its award: an award story recalls the tender; a tender
                # notice names its future winner only in passing (no full cue term)
                passing.discard(t.id if later in firm else later)
    for t in config.types:
        if t.id in passing and t.id not in now and not passing.isdisjoint(
                rules.of_type[t.id].future_after):
            # "The system would go live on 3 July" in a contract story: the contract's
            # detail, still to come, not a roll-out of its own
            passing.discard(t.id)
    signal_types: list[str] = []
    quotes: list[dict[str, Any]] = []
    for t in config.types:
        if t.id not in passing:
            continue
        signal_types.append(t.id)
        for index in sorted(quoted[t.id])[:config.evidence_sentences]:
            sentence = title if index < 0 else text[spans[index][0]:spans[index][1]]
            quotes.append({"type": t.id, "sentence": _clip(sentence),
                           "terms": quoted[t.id][index]})

    sentences = [(a, text[a:b], i in signal_sentences) for i, (a, b) in enumerate(spans)]
    dates = find_dates(sentences, rules.cues, year)
    return Signals(signal_types=signal_types, signal_evidence=quotes,
                   amounts=[a.to_dict() for a in found_amounts],
                   deadlines=[d.to_dict() for d in dates], dropped=dropped)


def check_config(config: SignalConfig) -> None:
    """Load and validate the signal_context.toml that goes with ``config`` (a mistake is
    a ConfigError naming the file, the entry and the key): for a command's start-up
    check, so a bad file stops it before the first article."""
    compiled(config)


def article_jurisdiction(item: Any) -> str:
    """The jurisdiction that gives "$" its currency: the source's, else the first tagged."""
    jurisdictions = getattr(item, "jurisdictions", None) or []
    return getattr(item, "source_jurisdiction", "") or (jurisdictions[0] if jurisdictions else "")


def apply(item: Any, config: SignalConfig) -> Signals:
    """Set ``signal_types``, ``amounts`` and ``deadlines`` of an Article."""
    result = detect(item.title, item.text, config, article_jurisdiction(item),
                    article_moment(item.published_at, item.fetched_at))
    item.signal_types = result.signal_types
    item.signal_evidence = result.signal_evidence
    item.amounts = result.amounts
    item.deadlines = result.deadlines
    for reason in result.dropped:
        logger.info("%s: %s", item.url, reason)
    return result


class SignalsPipeline:
    """Scrapy adapter: fills the signal fields; never drops. Settings: GOVWATCH_CONFIG_DIR
    (reads signals.toml there, else the shipped one). Stats: govwatch/signals/<type> per type found,
    govwatch/signals/amounts, govwatch/signals/amount_dropped (absurd values)."""

    def __init__(self, config: SignalConfig, crawler: Any = None) -> None:
        self.config, self.crawler, self.stats = config, crawler, None

    @classmethod
    def from_crawler(cls, crawler: Any) -> SignalsPipeline:
        path = signal_config_path(crawl_config_dir(crawler.settings))
        config = load_signal_config(path)
        check_config(config)  # a bad signal_context.toml stops the crawl here, not mid-way
        return cls(config, crawler)

    def open_spider(self) -> None:
        self.stats = self.crawler.stats if self.crawler is not None else None

    def process_item(self, item: Any) -> Any:
        result = apply(item, self.config)
        if self.stats is not None:
            for tid in result.signal_types:
                self.stats.inc_value(f"govwatch/signals/{tid}")
            if result.amounts:
                self.stats.inc_value("govwatch/signals/amounts", len(result.amounts))
            if result.dropped:
                self.stats.inc_value("govwatch/signals/amount_dropped", len(result.dropped))
        return item
