"""Where one sentence's cue-term mentions stand and what context discounts them: the
sentence's place in the article (headline, lead, body, a dated or costed sentence) and the
hedges, frames, words of the past, earlier phases, private actors and "part of" rules of
config/signal_context.toml. :class:`MentionPlace` is built per sentence by
pipelines/signals.py (``detect``) and asked per mention.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from crawler.config import SignalConfig
from pipelines.actors import actor
from pipelines.clauses import CLAUSE_BREAK, in_the_past, same_clause
from pipelines.signal_rules import Rules

FRAME_CHARS = 80  # "meet the province's Responsible Use of AI Directive": a frame's object
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
# a day and month: "6 September", "September 6", 6月15日 (a dated act is a reported one)
DATE = re.compile(rf"(?=[\dJFMASOND])(?:\d{{1,2}}月\d{{1,2}}日|\b\d{{1,2}} (?:{_MONTHS})\b|\b(?:{_MONTHS}) \d{{1,2}}\b)")
# a month and year: "from January 2028", 2028年1月 (with DATE: a dated sentence)
MONTH_YEAR = re.compile(rf"(?=[\dJFMASOND])(?:\d{{4}}年\d{{1,2}}月|\b(?:{_MONTHS}) \d{{4}}\b)")


@dataclass
class MentionPlace:
    """Where in the article one sentence's mentions are, and what context discounts them."""

    sentence: str
    offset: int
    place: float  # title_hits or lead_hits; 0.0 after the lead (the type's body_hits)
    first_hedge: int | None
    frame_ends: list[int]
    past: list[int]
    ended: list[int]  # where each word of a finished act starts ("has been completed")
    full: list[tuple[int, str]]  # (where, type) of each full cue term
    rules: Rules
    config: SignalConfig
    amount_starts: list[int]
    carried: frozenset[str] = frozenset()  # types whose detail this sentence is (anaphor)
    lead_private: bool = False  # the article's first sentence names a private actor
    leads: list[int] = field(default_factory=list)  # where each word of an earlier phase starts
    specific: bool | None = None  # an amount or a date in the sentence (once needed)
    first_always: int | None = None  # where the first hedge of every type stands

    def background(self, tid: str, at: int) -> float:
        """What a mention of ``tid`` at ``at`` counts of its weight: the lowest of the
        discounts that apply (1 when none does)."""
        rules, context = self.rules, self.rules.context
        factor = 1.0
        hedge = self.first_always if tid in rules.unhedged else self.first_hedge
        if hedge is not None and at >= hedge:
            factor = self.config.hedge_weight
        if any(same_clause(self.sentence, f, at, FRAME_CHARS) for f in self.frame_ends):
            factor = min(factor, context.frame_weight)
        if (self.past or self.ended) and in_the_past(self.sentence, self.past, at, self.ended):
            factor = min(factor, context.past_weight)
        if any(same_clause(self.sentence, lead, at, len(self.sentence)) for lead in self.leads):
            factor = min(factor, context.past_weight)  # "after a two-year trial"
        if tid in rules.actor_types and self.private_actor(at):
            factor = min(factor, context.actor_weight)
        part_of = rules.of_type[tid].part_of
        if part_of and (any(other in part_of and p <= at for p, other in self.full)
                        or not self.carried.isdisjoint(part_of)):
            factor = min(factor, context.part_of_weight)
        return factor

    def private_actor(self, at: int) -> bool:
        """Whether the actor of a mention at ``at`` is private: the sentence up to it
        names one, or names none and the article's first sentence does ("ASB rolls out
        …" after "ASB Bank has rolled out …")."""
        if not self.lead_private and not self.rules.private.search(self.sentence, 0, at):
            return False  # no company named, none leads the article: the cheap answer
        rules = self.rules
        # the term's own clause first: "…, which the bank said the trial follows"
        breaks = [m.end() for m in CLAUSE_BREAK.finditer(self.sentence, 0, at)]
        if breaks:
            said = actor(self.sentence[breaks[-1]:at], rules.private, rules.public, rules.office)
            if said is not None:
                return said
        said = actor(self.sentence[:at], rules.private, rules.public, rules.office)
        return self.lead_private if said is None else said

    def where(self, tid: str) -> float:
        """The place weight of a mention of ``tid`` in this sentence."""
        if self.place:
            return self.place
        body = self.rules.of_type[tid].body_hits
        if body >= self.rules.context.specific_hits:
            return body
        if self.specific is None:
            i = bisect_left(self.amount_starts, self.offset)
            self.specific = (i < len(self.amount_starts)
                             and self.amount_starts[i] < self.offset + len(self.sentence)) \
                or bool(DATE.search(self.sentence) or MONTH_YEAR.search(self.sentence))
        return self.rules.context.specific_hits if self.specific else body
