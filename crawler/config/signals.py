"""config/signals.toml: the signal-type taxonomy, money and deadline rules."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from crawler.config.loader import (
    DEFAULT_CONFIG_DIR,
    JURISDICTION_CODE,
    ConfigError,
    Fields,
    check_regex,
    count_field,
    load_toml,
    number_field,
)

SIGNALS_FILE = "signals.toml"


SIGNAL_SECTIONS = ("", "tenders")


_CURRENCY = re.compile(r"^[A-Z]{3}$")


@dataclass(frozen=True)
class SignalType:
    """One kind of event (procurement, contract_award …) and its cue terms."""

    id: str
    label: str
    label_zh: str
    terms: tuple[str, ...]
    min_hits: float = 1.0
    false_friends: tuple[str, ...] = ()
    section: str = ""  # "tenders": the digest's first section
    weak_terms: tuple[str, ...] = ()  # count weak_weight each (generic words)
    description: str = ""
    yields: bool = False  # its weak terms say nothing just before another type's term
    hedged: bool = True  # a hedged sentence ([context] hedges) counts hedge_weight
    money: bool = False  # a weak term just before an amount counts weak_with_amount
    spanning: tuple[str, ...] = ()  # full terms with a gap: "signed … contract with"
    # words that count only with an amount right after them ("sanctioned ₹120 crore"):
    # weak_with_amount then, nothing otherwise ("does not create new sanctions")
    money_only: tuple[str, ...] = ()


@dataclass(frozen=True)
class AmountRules:
    """How money is read: the ceiling and the currency of a bare $, ¥ or 元 by jurisdiction."""

    max_value: float = 1e13
    default_dollar: str = "USD"
    default_yuan: str = "CNY"
    default_yen: str = "JPY"
    dollar: tuple[tuple[str, str], ...] = ()
    yuan: tuple[tuple[str, str], ...] = ()
    yen: tuple[tuple[str, str], ...] = ()

    def currency(self, kind: str, jurisdiction: str) -> str:
        table = {"dollar": self.dollar, "yuan": self.yuan, "yen": self.yen}[kind]
        default = {"dollar": self.default_dollar, "yuan": self.default_yuan,
                   "yen": self.default_yen}[kind]
        return dict(table).get(jurisdiction.upper(), default) if jurisdiction else default


@dataclass(frozen=True)
class SignalConfig:
    path: Path
    types: tuple[SignalType, ...]
    amounts: AmountRules
    deadline_cues: tuple[str, ...]
    start_cues: tuple[str, ...]
    weak_cues: tuple[str, ...] = ()
    noise_strip: tuple[str, ...] = ()
    noise_drop: tuple[str, ...] = ()
    # a line matching one of these (the whole line) opens the article's footer
    noise_footer: tuple[str, ...] = ()
    title_hits: float = 2.0
    lead_hits: float = 1.0
    lead_sentences: int = 0
    weak_weight: float = 0.5
    evidence_sentences: int = 2
    hedges: tuple[str, ...] = ()
    # hedges that discount every type, unhedged ones too: a negation or an intention
    # ("has not yet had a committee hearing", "intends to bring a motion")
    hedges_always: tuple[str, ...] = ()
    hedge_weight: float = 1.0
    # words that hold a hedge and are none (若干, "several", holds 若, "if"): matched
    # like terms, longest first, so the hedge inside them does not count
    not_hedges: tuple[str, ...] = ()
    modals_after: tuple[str, ...] = ()  # "a tender could be …": a hedge right after the term
    given_names: tuple[str, ...] = ()  # "Bill Tanaka said": a term that is a person's name
    weak_with_amount: float = 0.5
    weak_with_date: float = 0.5

    def type(self, type_id: str) -> SignalType | None:
        return next((t for t in self.types if t.id == type_id), None)


def _regexes(f: Fields, key: str) -> tuple[str, ...]:
    patterns = f.str_list(key)
    for pattern in patterns:
        check_regex(f, key, pattern)
    return patterns


def _footer_patterns(f: Fields) -> tuple[str, ...]:
    """[noise] footer: each pattern is matched against a whole line, joined with the others
    into one, so a flag must be scoped to a group ("(?i:about)"), not global."""
    patterns = _regexes(f, "footer")
    for pattern in patterns:
        if re.match(r"\^?\(\?[aiLmsux]+\)", pattern):
            f.fail("footer", f"{pattern!r}: a global flag; scope it to a group, as in (?i:…)")
    return patterns


def _currency_table(f: Fields, key: str) -> tuple[tuple[str, str], ...]:
    table = f.get(key, dict, {})
    out = []
    for code, currency in table.items():
        if not JURISDICTION_CODE.match(code):
            f.fail(f"{key}.{code}", "not a jurisdiction code (HK, CN, SG … or EU)")
        if not isinstance(currency, str) or not _CURRENCY.match(currency):
            f.fail(f"{key}.{code}", f"expected an ISO 4217 code such as HKD, got {currency!r}")
        out.append((code, currency))
    return tuple(out)


def _parse_signal_type(path: Path, index: int, table: Any) -> SignalType:
    if not isinstance(table, dict):
        raise ConfigError(path, "expected [[type]] tables", f"type #{index + 1}")
    label = f"type {table.get('id')!r}" if isinstance(table.get("id"), str) else f"type #{index + 1}"
    f = Fields(path, label, table, {"id", "label", "label_zh", "section", "description",
                                    "min_hits", "terms_en", "terms_zh", "weak_en", "weak_zh",
                                    "false_friends", "yields", "hedged", "money", "spanning_en", "spanning_zh",
                                    "money_only_en"})
    tid = f.get("id", str, required=True)
    if not re.match(r"^[a-z][a-z0-9_]*$", tid):
        f.fail("id", f"not a lowercase identifier (letters, digits, _): {tid!r}")
    terms = f.str_list("terms_en") + f.str_list("terms_zh")
    if not terms:
        f.fail("terms_en", "no terms (give terms_en and/or terms_zh)")
    weak = f.str_list("weak_en") + f.str_list("weak_zh")
    for term in weak:
        if term in terms:
            f.fail("weak_en" if term.isascii() else "weak_zh",
                   f"{term!r} is also in terms_en/terms_zh")
    spanning = f.str_list("spanning_en") + f.str_list("spanning_zh")
    for term in spanning:
        head, gap, tail = term.partition(" … ")
        if not gap or not head.strip() or not tail.strip() or "…" in tail:
            f.fail("spanning_en" if head.isascii() else "spanning_zh",
                   f"{term!r}: expected \"<words> … <words>\" (one gap)")
    money_only = f.str_list("money_only_en")
    if money_only and not f.get("money", bool, False):
        f.fail("money_only_en", "needs money = true (the words count only before an amount)")
    for term in money_only:
        if term in terms or term in weak:
            f.fail("money_only_en", f"{term!r} is also in terms_en or weak_en")
    section = f.get("section", str, "")
    if section not in SIGNAL_SECTIONS:
        f.fail("section", f"unknown value {section!r} (expected \"tenders\" or none)")
    return SignalType(id=tid, label=f.get("label", str, tid), label_zh=f.get("label_zh", str, ""),
                      terms=tuple(dict.fromkeys(terms)), min_hits=number_field(f, "min_hits", 1.0, 0.5),
                      false_friends=f.str_list("false_friends"), section=section,
                      description=f.get("description", str, ""),
                      weak_terms=tuple(dict.fromkeys(weak)),
                      yields=f.get("yields", bool, False), hedged=f.get("hedged", bool, True),
                      money=f.get("money", bool, False), spanning=spanning,
                      money_only=money_only)


def signal_config_path(directory: str | Path) -> Path:
    """``directory``/signals.toml, else the shipped one (a config folder made before
    signals.toml existed keeps working with the default taxonomy)."""
    path = Path(directory) / SIGNALS_FILE
    return path if path.exists() else DEFAULT_CONFIG_DIR / SIGNALS_FILE


def load_signal_config(path: str | Path) -> SignalConfig:
    """Load and validate ``signals.toml`` (see its comments for every key)."""
    path = Path(path)
    data = load_toml(path)
    top = Fields(path, "", data, {"type", "amounts", "dates", "noise", "title_hits",
                                  "lead_hits", "lead_sentences", "weak_weight",
                                  "evidence_sentences", "context"})
    types: list[SignalType] = []
    for index, table in enumerate(top.get("type", list, required=True)):
        entry = _parse_signal_type(path, index, table)
        if any(t.id == entry.id for t in types):
            raise ConfigError(path, f"duplicate id {entry.id!r}", f"type {entry.id!r}", "id")
        types.append(entry)
    if not types:
        raise ConfigError(path, "no [[type]] defined")
    a = Fields(path, "[amounts]", top.get("amounts", dict, {}),
               {"max_value", "default_dollar", "default_yuan", "default_yen", "dollar", "yuan",
                "yen"})
    defaults = AmountRules()
    currencies = {}
    for key in ("default_dollar", "default_yuan", "default_yen"):
        currencies[key] = a.get(key, str, getattr(defaults, key))
        if not _CURRENCY.match(currencies[key]):
            a.fail(key, f"expected an ISO 4217 code such as USD, got {currencies[key]!r}")
    amounts = AmountRules(max_value=number_field(a, "max_value", defaults.max_value, 1.0),
                          dollar=_currency_table(a, "dollar"), yuan=_currency_table(a, "yuan"),
                          yen=_currency_table(a, "yen"), **currencies)
    d = Fields(path, "[dates]", top.get("dates", dict, {}),
               {"deadline_en", "deadline_zh", "start_en", "start_zh", "weak"})
    n = Fields(path, "[noise]", top.get("noise", dict, {}), {"strip", "drop", "footer"})
    c = Fields(path, "[context]", top.get("context", dict, {}),
               {"hedges_en", "hedges_zh", "hedges_always_en", "hedges_always_zh",
                "not_hedges_en", "not_hedges_zh", "hedge_weight", "weak_with_amount",
                "weak_with_date", "modals_after_en", "modals_after_zh", "given_names_en"})
    weak_weight = number_field(top, "weak_weight", 0.5)
    return SignalConfig(
        path=path, types=tuple(types), amounts=amounts,
        deadline_cues=d.str_list("deadline_en") + d.str_list("deadline_zh"),
        start_cues=d.str_list("start_en") + d.str_list("start_zh"),
        weak_cues=d.str_list("weak"),
        noise_strip=_regexes(n, "strip"), noise_drop=_regexes(n, "drop"),
        noise_footer=_footer_patterns(n),
        title_hits=number_field(top, "title_hits", 2.0),
        lead_hits=number_field(top, "lead_hits", 1.0),
        lead_sentences=count_field(top, "lead_sentences", 0, 0),
        weak_weight=weak_weight,
        evidence_sentences=count_field(top, "evidence_sentences", 2),
        hedges=c.str_list("hedges_en") + c.str_list("hedges_zh"),
        hedges_always=c.str_list("hedges_always_en") + c.str_list("hedges_always_zh"),
        hedge_weight=number_field(c, "hedge_weight", 1.0),
        not_hedges=c.str_list("not_hedges_en") + c.str_list("not_hedges_zh"),
        modals_after=c.str_list("modals_after_en") + c.str_list("modals_after_zh"),
        given_names=c.str_list("given_names_en"),
        weak_with_amount=number_field(c, "weak_with_amount", weak_weight),
        weak_with_date=number_field(c, "weak_with_date", weak_weight),
    )
