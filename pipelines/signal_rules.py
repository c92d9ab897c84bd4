"""The signals stage's rules, compiled once per configuration.

pipelines/signals.py reads cue terms, hedges, frames and words of the past in one pass of
one matcher: :func:`compiled` builds it from config/signals.toml and
config/signal_context.toml, with the context's patterns (who acts, the future, modals,
anaphors) and the deadline cues. Words with no type (a hedge, a frame, a word of the past)
ride in the matcher with the payloads below.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from crawler.config import SignalConfig
from crawler.config.context import ContextRules, TypeContext, context_path, load_context
from pipelines.actors import office_pattern, words_pattern
from pipelines.clauses import modal_after
from pipelines.deadlines import Cues, compile_cues
from pipelines.matcher import TermMatcher, is_case_sensitive_term, zh_variants
from pipelines.noise import Noise, noise_of

IGNORED = -1.0  # the weight of a false friend: it hides its type's terms
MONEY_ONLY = 0.0  # the weight of a word that counts only with an amount right after it
HEDGE = ("", 0.0)  # the payload of a hedge ([context] hedges): no type
ALWAYS = ("", -6.0)  # a hedge of every type, unhedged ones too ([context] hedges_always)
FRAME = ("", -2.0)  # a frame (signal_context.toml [frames]): no type
PAST = ("", -3.0)  # a word of the past (signal_context.toml [past]): no type
ENDED = ("", -4.0)  # a word of a finished act ([past] ended): no type
LEADS = ("", -5.0)  # a word of an earlier phase ([past] leads): no type
NOT_HEDGE = ("", -7.0)  # a word holding a hedge that is none ([context] not_hedges): no type


@dataclass(frozen=True)
class Rules:
    terms: TermMatcher
    cues: Cues
    noise: Noise
    yielding: frozenset[str]
    unhedged: frozenset[str]
    money: frozenset[str]
    context: ContextRules
    of_type: dict[str, TypeContext]
    anaphor: re.Pattern[str]  # a sentence opening that refers to the last one's event
    private: re.Pattern[str]  # a word of a private actor ([actor] in signal_context.toml)
    public: re.Pattern[str]  # a word of a public one
    office: re.Pattern[str]  # the ending of a Chinese office's name (…局, …署), not 部署
    actor_types: frozenset[str]
    future: re.Pattern[str]  # a word of the future ([future] in signal_context.toml)
    modal_after: re.Pattern[str]  # a modal right after a term, in its clause ("could")
    given: frozenset[str]  # terms that are also given names ("Bill Tanaka")
    # full cue terms with a gap of up to SPAN_WORDS words, one alternation per type
    spanning: tuple[tuple[str, re.Pattern[str]], ...] = ()
    # per type, the words saying a Chinese named event is held (held_zh), in both scripts
    held: dict[str, re.Pattern[str]] = field(default_factory=dict)


SPAN_WORDS = 6  # "signed a $14.2 million, three-year contract with": the gap's words
SPAN_CHARS_ZH = 14  # 批出一份為期五年的合約: the gap's characters in Chinese


def spanning_patterns(terms: tuple[str, ...]) -> list[re.Pattern[str]]:
    """:func:`spanning_pattern` of a type's English terms and of its Chinese ones, apart:
    one alternation of both would be tried at every character of an English text."""
    english = tuple(t for t in terms if t.partition(" … ")[0].isascii())
    chinese = tuple(t for t in terms if t not in english)
    return [spanning_pattern(part) for part in (english, chinese) if part]


def spanning_pattern(terms: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern for a type's terms with a gap ("signed … contract with", 批出 … 合約):
    the words on either side as written (any case), up to SPAN_WORDS words (Chinese: up to
    SPAN_CHARS_ZH characters, either script) between them, in one clause (no sentence stop,
    comma, semicolon or colon in a Chinese gap; no stop, semicolon or colon in an English
    one)."""
    def side(words: str) -> str:
        return r"\s+".join(re.escape(w) for w in words.split())

    def side_zh(words: str) -> str:
        return "(?:" + "|".join(re.escape(v) for v in sorted(zh_variants(words.strip()))) + ")"
    alternatives = []
    firsts: set[str] = set()  # the characters a match can start with
    for term in terms:
        head, _gap, tail = term.partition(" … ")
        heads = [head] if head.isascii() else zh_variants(head.strip())
        firsts.update(v.strip()[:1] for v in heads)
        if head.isascii() and tail.isascii():
            alternatives.append(
                rf"{side(head)}\s+(?:(?:[^\s.;:!?]|\.(?=\S))+[\s,]+){{0,{SPAN_WORDS}}}?"
                rf"{side(tail)}")
        else:
            alternatives.append(rf"{side_zh(head)}[^，。；：,;:!?！？\n]{{0,{SPAN_CHARS_ZH}}}?"
                                rf"{side_zh(tail)}")
    # a word boundary on either side (a no-op next to Chinese characters); the lookahead
    # first (any case, as the whole pattern) spares the engine the alternation at every
    # other character: half the time on a 100 KB article
    chars = "".join(sorted(re.escape(c) for c in firsts if c))
    first = f"(?=[{chars}])" if chars else ""
    return re.compile(rf"{first}(?<![A-Za-z])(?:{'|'.join(alternatives)})(?![A-Za-z])",
                      re.IGNORECASE)


_COMPILED: dict[SignalConfig, Rules] = {}


def compiled(config: SignalConfig) -> Rules:
    """The rules of ``config``, compiled once per process (or adopted from the matcher
    cache's page stages: :func:`adopt`)."""
    rules = _COMPILED.get(config)
    if rules is None:
        if len(_COMPILED) >= 8:
            _COMPILED.clear()
        rules = _COMPILED[config] = _compile(config)
    return rules


def adopt(config: SignalConfig, rules: Rules) -> None:
    """Use ``rules``, compiled from ``config`` elsewhere (read back from the matcher cache),
    instead of compiling them again: ~0.16 s of the workers' start (issue #14)."""
    _COMPILED.setdefault(config, rules)


def _compile(config: SignalConfig) -> Rules:
    terms = [(term, is_case_sensitive_term(term), (t.id, 1.0))
             for t in config.types for term in t.terms]
    terms += [(term, is_case_sensitive_term(term), (t.id, config.weak_weight))
              for t in config.types for term in t.weak_terms]
    terms += [(term, is_case_sensitive_term(term), (t.id, MONEY_ONLY))
              for t in config.types for term in t.money_only]
    # a false friend is matched like a term (longest match wins) and hides its own type's
    # terms only: "launched a pilot" is no deployment, and still a pilot
    terms += [(phrase, is_case_sensitive_term(phrase), (t.id, IGNORED))
              for t in config.types for phrase in t.false_friends]
    # hedges ride in the same matcher (one pass over the text): a hedge has no type
    terms += [(h, is_case_sensitive_term(h), HEDGE) for h in config.hedges]
    terms += [(h, is_case_sensitive_term(h), ALWAYS) for h in config.hedges_always]
    terms += [(w, is_case_sensitive_term(w), NOT_HEDGE) for w in config.not_hedges]
    path = context_path(config.path)
    context = load_context(path, tuple(t.id for t in config.types),
                           strict=path.parent == config.path.parent)
    terms += [(w, is_case_sensitive_term(w), FRAME) for w in context.frames]
    terms += [(w, is_case_sensitive_term(w), PAST) for w in context.past]
    terms += [(w, is_case_sensitive_term(w), ENDED) for w in context.ended]
    terms += [(w, is_case_sensitive_term(w), LEADS) for w in context.leads]
    cues = compile_cues(config.deadline_cues, config.start_cues, config.weak_cues)
    anaphors = "|".join(re.escape(a) + (r"\b" if a.isascii() else "")
                        for a in sorted(context.anaphors, key=len, reverse=True))
    return Rules(TermMatcher(terms), cues, noise_of(config),
                  frozenset(t.id for t in config.types if t.yields),
                  frozenset(t.id for t in config.types if not t.hedged),
                  frozenset(t.id for t in config.types if t.money), context,
                  {t.id: context.of(t.id) for t in config.types},
                  re.compile(rf"\s*(?:{anaphors})" if anaphors else r"(?!)"),
                  words_pattern(context.private), words_pattern(context.public), office_pattern(context),
                  frozenset(context.actor_types), words_pattern(context.future),
                  modal_after(config.modals_after), frozenset(config.given_names),
                  tuple((t.id, pattern) for t in config.types
                        for pattern in spanning_patterns(t.spanning)),
                  {tid: re.compile("|".join(sorted({v for w in kind.held_zh
                                                    for v in zh_variants(w)}, key=len,
                                                   reverse=True)))
                   for tid, kind in context.types if kind.held_zh})
