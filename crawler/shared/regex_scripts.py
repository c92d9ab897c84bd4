"""Which scripts every match of a regular expression must contain (issue #14).

A sentence with no East Asian character cannot match a pattern whose every match holds
one, and a sentence with no Latin letter cannot match one whose every match holds a
Latin letter: such patterns need not be tried on it. :func:`required` reads that off the
pattern's parse tree (``re._parser``, CPython's own regex parser): a sequence needs what
any of its parts needs, an alternation what all of its branches need, a repeat what its
body needs when it repeats at least once; a literal or a class (not negated, no ``\\w``
style categories) whose every character, and every character it matches without regard
to case, lies in a script needs that script. Look-arounds, anchors and back-references
need nothing. The answer can only be too small (a pattern said to need nothing is simply
always tried), never too large, so skipping by it finds exactly what trying every
pattern finds (tests/test_regex_scripts.py).

:func:`present` is the other half: the scripts a text contains, in the same terms.
"""

from __future__ import annotations

import importlib
import re
from functools import cache
from typing import Any

WIDE = "wide"  # East Asian: every character from U+2E80 on (CJK, kana, hangul, fullwidth forms)
LATIN = "latin"  # the ASCII letters
_WIDE_START = 0x2E80
# Characters that match an ASCII letter under re.IGNORECASE without being one (the Kelvin
# sign, the long s, dotted and dotless i): a text holding one "contains" a Latin letter.
# tests/test_regex_scripts.py checks this list against every code point.
_FOLDS_TO_ASCII = "\u0130\u0131\u017f\u212a"
_LATIN_TEXT = re.compile(f"[A-Za-z{_FOLDS_TO_ASCII}]")

try:
    _parser: Any = importlib.import_module("re._parser")
    _c: Any = importlib.import_module("re._constants")
except ImportError:  # pragma: no cover - not CPython: nothing is known to be required
    _parser = None


def present(text: str) -> frozenset[str]:
    """The scripts of :func:`required` that ``text`` holds a character of."""
    wide = bool(text) and max(text) >= "\u2e80"
    latin = _LATIN_TEXT.search(text) is not None
    return _SETS[wide, latin]


_SETS = {(False, False): frozenset(), (True, False): frozenset({WIDE}),
         (False, True): frozenset({LATIN}), (True, True): frozenset({WIDE, LATIN})}


@cache
def required(pattern: re.Pattern[str]) -> frozenset[str]:
    """The scripts every match of ``pattern`` holds at least one character of."""
    if _parser is None or not isinstance(pattern.pattern, str):
        return frozenset()
    try:
        tree = _parser.parse(pattern.pattern, pattern.flags)
    except Exception:  # noqa: BLE001 - a pattern re compiled but this cannot read: nothing known
        return frozenset()
    return frozenset(s for s in (WIDE, LATIN)
                     if _sequence(tree, bool(pattern.flags & re.IGNORECASE), s))


def _sequence(items: Any, fold: bool, script: str) -> bool:
    return any(_node(op, av, fold, script) for op, av in items)


def _node(op: Any, av: Any, fold: bool, script: str) -> bool:
    if op is _c.LITERAL:
        return _char_in(av, fold, script)
    if op is _c.IN:
        return _class_in(av, fold, script)
    if op is _c.SUBPATTERN:
        _group, add, remove, body = av
        if add & re.IGNORECASE:
            fold = True
        if remove & re.IGNORECASE:
            fold = False
        return _sequence(body, fold, script)
    if op is _c.BRANCH:
        return all(_sequence(branch, fold, script) for branch in av[1])
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
        low, _high, body = av
        return low >= 1 and _sequence(body, fold, script)
    if op is getattr(_c, "ATOMIC_GROUP", None):
        return _sequence(av, fold, script)
    return False  # ANY, NOT_LITERAL, CATEGORY, AT, look-arounds, group references


def _class_in(items: list[tuple[Any, Any]], fold: bool, script: str) -> bool:
    for op, av in items:
        if op is _c.LITERAL:
            if not _char_in(av, fold, script):
                return False
        elif op is _c.RANGE:
            low, high = av
            if not _range_in(low, high, fold, script):
                return False
        else:  # NEGATE, CATEGORY
            return False
    return bool(items)


def _range_in(low: int, high: int, fold: bool, script: str) -> bool:
    if script == LATIN:
        return all(_char_in(code, fold, script) for code in range(low, high + 1)) \
            if high - low < 64 else False
    if low < _WIDE_START:
        return False
    return not fold or _uncased_range(low, high)


@cache
def _uncased_range(low: int, high: int) -> bool:
    return all(_uncased(chr(code)) for code in range(low, high + 1))


def _uncased(ch: str) -> bool:
    return ch.lower() == ch and ch.upper() == ch


def _char_in(code: int, fold: bool, script: str) -> bool:
    ch = chr(code)
    if script == LATIN:
        return ch.isascii() and ch.isalpha()
    if code < _WIDE_START:
        return False
    # a cased character may match its other case under IGNORECASE, which may lie below
    return not fold or _uncased(ch)
