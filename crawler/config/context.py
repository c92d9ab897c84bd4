"""Is the cue the reported event? The rules of config/signal_context.toml.

config/signals.toml says which words are evidence of which type; this file says where a
mention of them is background rather than the news: the framework an event follows
("must comply with the AI Act", 須符合《指引》), something past ("a tender it ran in 2025",
去年), a mention after the lead (per type: guidelines, budgets and roll-outs are named in
background sentences more than tenders are), and one event's detail inside another's
sentence (the budget of a tender is not a budget line), two phases of one process (a
tender and its award: one is the news, the other its background), opinion pieces (a
column argues; it reports no event) and who acts (a bank's own roll-out is no public
event). :func:`load_context` reads and
validates the file; pipelines/signals.py applies it. It is a file of its own so a
config folder made before it existed keeps working (the shipped one is used).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from crawler.config.loader import DEFAULT_CONFIG_DIR, ConfigError, Fields, load_toml

CONTEXT_FILE = "signal_context.toml"


@dataclass(frozen=True)
class TypeContext:
    """The context rules of one signal type."""

    body_hits: float = 1.0  # the place weight of a mention after the lead
    part_of: tuple[str, ...] = ()  # a mention after these types' terms is their detail
    named: bool = False  # a weak term inside a capitalised name counts fully
    date_after: bool = False  # a weak term with a day and month after it counts fully
    # words saying a Chinese named event is held (舉行): with one in its clause, a weak term
    # closing a quoted name (「…研討會」) counts fully
    held_zh: tuple[str, ...] = ()
    # a weak term with an amount right after it launches money, not a system ("launches
    # $25 million grant program"): it counts nothing for this type
    not_before_amount: bool = False
    followed_by: tuple[str, ...] = ()  # later phases of one process (tender → award)
    # types whose news makes this one's future mentions their detail (a contract's go-live)
    future_after: tuple[str, ...] = ()


@dataclass(frozen=True)
class ContextRules:
    path: Path | None = None
    body_hits: float = 1.0
    specific_hits: float = 1.0  # a body mention in a sentence with an amount or a date
    frames: tuple[str, ...] = ()
    frame_weight: float = 1.0
    past: tuple[str, ...] = ()
    ended: tuple[str, ...] = ()  # words of a finished act: past in their own clause only
    leads: tuple[str, ...] = ()  # words of an earlier phase: past for what follows them
    past_years: bool = False
    past_weight: float = 1.0
    part_of_weight: float = 1.0
    anaphors: tuple[str, ...] = ()  # a sentence opening with one is the last one's detail
    opinion: tuple[str, ...] = ()  # markers of an opinion piece (a column, an editorial)
    opinion_weight: float = 1.0
    future: tuple[str, ...] = ()  # words of the future ("will", 將): see TypeContext.future_after
    private: tuple[str, ...] = ()  # words of a private actor (a bank, a company, 公司)
    public: tuple[str, ...] = ()  # words of a public one (a ministry, a council, 政府)
    public_suffixes: tuple[str, ...] = ()  # endings of a Chinese office's name (…局, …署)
    not_public: tuple[str, ...] = ()  # words with such an ending that are no office (部署)
    actor_types: tuple[str, ...] = ()  # the types a private actor discounts
    actor_weight: float = 1.0
    types: tuple[tuple[str, TypeContext], ...] = ()

    def of(self, type_id: str) -> TypeContext:
        return dict(self.types).get(type_id) or TypeContext(body_hits=self.body_hits)


def context_path(signals_path: str | Path) -> Path:
    """The signal_context.toml beside ``signals_path``, else the shipped one."""
    path = Path(signals_path).parent / CONTEXT_FILE
    return path if path.exists() else DEFAULT_CONFIG_DIR / CONTEXT_FILE


def _weight(f: Fields, key: str, default: float) -> float:
    value = float(f.get(key, (int, float), default))
    if not 0.0 <= value <= 1.0:
        f.fail(key, f"must be between 0 and 1, got {value:g}")
    return value


def _place(f: Fields, key: str, default: float) -> float:
    value = float(f.get(key, (int, float), default))
    if value < 0.0:
        f.fail(key, f"must be at least 0, got {value:g}")
    return value


def load_context(path: str | Path, type_ids: tuple[str, ...], strict: bool = True
                 ) -> ContextRules:
    """Load and validate signal_context.toml against the types of signals.toml
    (``type_ids``); a mistake is a ConfigError naming the file, the entry and the key.
    Not ``strict`` (the shipped file used for another folder's signals.toml), entries
    for types that taxonomy lacks are left out instead."""
    path = Path(path)
    top = Fields(path, "", load_toml(path), {"body_hits", "specific_hits", "frames", "past",
                                               "part_of", "opinion", "actor", "future",
                                               "type"})
    body_hits = _place(top, "body_hits", 1.0)
    fr = Fields(path, "[frames]", top.get("frames", dict, {}), {"en", "zh", "weight"})
    pa = Fields(path, "[past]", top.get("past", dict, {}), {"en", "zh", "ended_en", "ended_zh",
                                                               "leads_en", "leads_zh",
                                                               "years", "weight"})
    po = Fields(path, "[part_of]", top.get("part_of", dict, {}),
                {"weight", "anaphors_en", "anaphors_zh"})
    op = Fields(path, "[opinion]", top.get("opinion", dict, {}), {"en", "zh", "weight"})
    fu = Fields(path, "[future]", top.get("future", dict, {}), {"en", "zh"})
    ac = Fields(path, "[actor]", top.get("actor", dict, {}),
                {"weight", "types", "private_en", "private_zh", "public_en", "public_zh",
                 "public_suffixes_zh", "not_public_zh"})
    actor_types = ac.str_list("types")
    for other in actor_types:
        if other not in type_ids and strict:
            ac.fail("types", f"not a signal type of signals.toml: {other!r}")
    actor_types = tuple(other for other in actor_types if other in type_ids)
    types: dict[str, TypeContext] = {}
    for index, table in enumerate(top.get("type", list, [])):
        if not isinstance(table, dict):
            raise ConfigError(path, "expected [[type]] tables", f"type #{index + 1}")
        tid = table.get("id")
        label = f"type {tid!r}" if isinstance(tid, str) else f"type #{index + 1}"
        f = Fields(path, label, table, {"id", "body_hits", "part_of", "named", "date_after",
                                        "held_zh", "not_before_amount", "followed_by",
                                        "future_after"})
        tid = f.get("id", str, required=True)
        if tid not in type_ids and not strict:
            continue
        if tid not in type_ids:
            f.fail("id", f"unknown signal type {tid!r} (signals.toml has: {', '.join(type_ids)})")
        if tid in types:
            f.fail("id", f"duplicate id {tid!r}")
        part_of, followed_by = f.str_list("part_of"), f.str_list("followed_by")
        future_after = f.str_list("future_after")
        if not strict:
            part_of = tuple(other for other in part_of if other in type_ids)
            followed_by = tuple(other for other in followed_by if other in type_ids)
            future_after = tuple(other for other in future_after if other in type_ids)
        for key, others in (("part_of", part_of), ("followed_by", followed_by),
                            ("future_after", future_after)):
            for other in others:
                if other not in type_ids or other == tid:
                    f.fail(key, f"not another signal type of signals.toml: {other!r}")
        types[tid] = TypeContext(body_hits=_place(f, "body_hits", body_hits), part_of=part_of,
                                 named=f.get("named", bool, False),
                                 date_after=f.get("date_after", bool, False),
                                 held_zh=f.str_list("held_zh"),
                                 not_before_amount=f.get("not_before_amount", bool, False),
                                 followed_by=followed_by,
                                 future_after=future_after)
    return ContextRules(
        path=path, body_hits=body_hits, specific_hits=_place(top, "specific_hits", 1.0),
        frames=fr.str_list("en") + fr.str_list("zh"), frame_weight=_weight(fr, "weight", 0.25),
        past=pa.str_list("en") + pa.str_list("zh"),
        ended=pa.str_list("ended_en") + pa.str_list("ended_zh"),
        leads=pa.str_list("leads_en") + pa.str_list("leads_zh"), past_years=pa.get("years", bool, True),
        past_weight=_weight(pa, "weight", 0.25), part_of_weight=_weight(po, "weight", 0.25),
        anaphors=po.str_list("anaphors_en") + po.str_list("anaphors_zh"),
        opinion=op.str_list("en") + op.str_list("zh"), opinion_weight=_weight(op, "weight", 0.25),
        future=fu.str_list("en") + fu.str_list("zh"),
        private=ac.str_list("private_en") + ac.str_list("private_zh"),
        public=ac.str_list("public_en") + ac.str_list("public_zh"),
        public_suffixes=ac.str_list("public_suffixes_zh"), not_public=ac.str_list("not_public_zh"),
        actor_types=actor_types,
        actor_weight=_weight(ac, "weight", 0.25), types=tuple(types.items()))
