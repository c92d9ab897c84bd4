"""The character trie under a TermMatcher, and its one regular expression (issue #12).

A gazetteer's names make a trie of some 200,000 nodes and a regular expression of about
300 KB. Compiling that source with ``re.compile`` runs Python's regex parser, in pure
Python, over every character: about three quarters of the compile, and the largest part
of building a tagger without the matcher cache (crawler.shared.matchcache). The trie
already is the parse: :func:`compile_parts` writes the source *and* the parse tree the
parser would make of it, in one walk, and hands the tree to the regex compiler; on
CPython 3.11, for parts framed by lookarounds (a TermMatcher's), pipelines/trie_code.py
writes the engine code itself instead, in the same kind of walk.

The tree is made the parser's way (``(?:a|b)`` of single characters becomes a set, a
repeated non-capturing group is unwrapped, a shared first item is moved out of a branch),
so the result is the very pattern ``re.compile(source)`` gives: same source, flags and
engine code, which :class:`re.Pattern` equality compares. tests/test_trie.py checks that on
random tries and on the shipped gazetteer, with the interpreter CI runs. If the internal
modules are missing or fail (they are CPython's, not a public API), the source is compiled
by ``re`` as before.
"""

from __future__ import annotations

import importlib
import re
from bisect import bisect_right
from operator import itemgetter
from typing import Any

from crawler.shared import patterns

_internals: tuple[Any, Any, Any, Any] | None
try:  # CPython's regex parser, compiler, constants and engine (internal, unstubbed)
    _internals = tuple(importlib.import_module(m) for m in  # type: ignore[assignment]
                       ("re._parser", "re._compiler", "re._constants", "_sre"))
except ImportError:  # pragma: no cover - another interpreter: re.compile(source)
    _internals = None

WILD_ENDING = "[A-Za-z]*"  # what a wildcard term ("launch*") may end with


# re.escape's escapes (it escapes ASCII characters only), except that a space also matches
# a hyphen ("facial recognition" finds "facial-recognition")
_ESCAPES = {i: re.escape(chr(i)) for i in range(128) if re.escape(chr(i)) != chr(i)} \
    | {ord(" "): "[ -]"}


def _escaped(ch: str) -> str:
    return ch.translate(_ESCAPES)


def shape(terms: list[str], wild: set[str], lo: int, hi: int, depth: int
          ) -> tuple[str, bool, bool, list[tuple[str, int, int]]]:
    """The trie node of the sorted ``terms[lo:hi]``, past their shared first ``depth``
    characters: the run of one-child nodes where no term ends (their common prefix: that
    of the first and last; a term ending on the run would be the first), whether a term
    ends after it and is a wildcard term, and its children (character, lo, hi)."""
    first = terms[lo]
    at = _common_prefix(first, terms[hi - 1], depth)
    end = len(first) == at
    groups = []
    i = lo + 1 if end else lo
    key = itemgetter(at)
    while i < hi:
        j = bisect_right(terms, terms[i][at], i, hi, key=key)
        groups.append((terms[i][at], i, j))
        i = j
    return first[depth:at], end, end and first in wild, groups


def node_source(head: str, sources: list[str], optional: bool) -> str:
    """A trie node's regex source: its run ``head`` (unescaped), then its branches'
    ``sources``, optional when a term ends after the run."""
    body = sources[0] if len(sources) == 1 else "(?:" + "|".join(sources) + ")"
    return head.translate(_ESCAPES) + (f"(?:{body})?" if optional else body)


def _common_prefix(a: str, b: str, start: int) -> int:
    """The length of the common prefix of ``a`` and ``b``, which share ``a[:start]``."""
    low, high = start, min(len(a), len(b))
    if a[low:high] == b[low:high]:
        return high
    while low < high - 1:  # a[:low] is shared, a[:high] is not
        mid = (low + high) // 2
        if a[low:mid] == b[low:mid]:
            low = mid
        else:
            high = mid
    return low


class Trie:
    """A set of terms, read as a character trie: sorted, the terms under one trie node are
    a run of the list, and a node's children are found by bisection, so a walk visits
    only the nodes where terms branch or end (a gazetteer's trie has some 200,000 nodes,
    most of them on runs of one child)."""

    def __init__(self) -> None:
        self.terms: set[str] = set()
        self.wild: set[str] = set()  # the terms that end in a wildcard

    def __bool__(self) -> bool:
        return bool(self.terms)

    def add(self, term: str, wild: bool = False) -> None:
        self.terms.add(term)
        if wild:
            self.wild.add(term)

    def first_chars(self) -> str:
        """A lookahead for the characters a term can start with."""
        return "(?=[" + "".join(re.escape(ch) for ch in sorted({t[0] for t in self.terms if t})) \
            + "])"

    def regex(self) -> str:
        """The source of the alternation that matches exactly the terms."""
        return _Walk(self, None).source()


class _Walk:
    """One walk over a trie that writes its regex source and, when ``tree`` is given (the
    parser's node types and a parser state), the parse tree of that source."""

    def __init__(self, trie: Trie, tree: _Tree | None) -> None:
        self.terms = sorted(trie.terms)
        self.wild = trie.wild
        self.tree = tree
        self.items: list[Any] = []  # the parse tree of the last source()

    def source(self) -> str:
        if not self.terms:
            return ""
        src, self.items = self._node(0, len(self.terms), 0)
        return src

    def _node(self, lo: int, hi: int, depth: int) -> tuple[str, list[Any]]:
        """The source (and parse tree) for the terms ``terms[lo:hi]``, past their shared
        first ``depth`` characters."""
        terms, tree = self.terms, self.tree
        first = terms[lo]
        if hi - lo == 1 and first not in self.wild:  # one term: the rest is a plain string
            head = first[depth:]
            return head.translate(_ESCAPES), [tree.atom(ch) for ch in head] if tree else []
        head, end, wild, groups = shape(terms, self.wild, lo, hi, depth)
        items = [tree.atom(ch) for ch in head] if tree else []
        at = depth + len(head)
        sources: list[str] = []
        branches: list[list[Any]] = []
        for ch, i, j in groups:
            src, sub = self._node(i, j, at + 1)
            sources.append(_escaped(ch) + src)
            if tree:
                branches.append([tree.atom(ch), *sub])
        if wild:
            sources.append(WILD_ENDING)
            if tree:
                branches.append([tree.wild()])
        if not sources:
            return head.translate(_ESCAPES), items
        optional = end and not wild
        source = node_source(head, sources, optional)
        if not tree:
            return source, []
        parsed = branches[0] if len(branches) == 1 else tree.alternation(branches)
        return source, items + (tree.optional(parsed) if optional else parsed)


class _Tree:
    """Parse-tree nodes as ``re._parser`` makes them, for the sources a trie writes."""

    def __init__(self) -> None:
        assert _internals is not None
        self.parser, _, constants, _ = _internals
        self.state = self.parser.State()
        self.state.flags = constants.SRE_FLAG_UNICODE  # what parse() sets for a str pattern
        self.literal, self.in_ = constants.LITERAL, constants.IN
        self.branch = constants.BRANCH
        self.max_repeat, self.negate = constants.MAX_REPEAT, constants.NEGATE
        self.space = self.parse("[ -]")[0]
        self._wild = self.parse(WILD_ENDING)[0]
        self._atoms: dict[str, Any] = {" ": self.space}

    def parse(self, source: str) -> list[Any]:
        return list(self.parser.parse(source).data)

    def sub(self, items: list[Any]) -> Any:
        return self.parser.SubPattern(self.state, items)

    def wild(self) -> Any:
        """``[A-Za-z]*``, a new item each time: the parser compares a repeat's subpattern
        by identity, so two wildcard endings are never one shared first item."""
        op, (low, high, item) = self._wild
        return (op, (low, high, self.sub(list(item.data))))

    def atom(self, ch: str) -> Any:
        out = self._atoms.get(ch)
        if out is None:
            out = self._atoms[ch] = (self.literal, ord(ch))
        return out

    def alternation(self, branches: list[list[Any]]) -> list[Any]:
        """What the parser makes of ``a|b|…`` (its ``_parse_sub``), and of ``(?:a|b|…)``
        (a non-capturing group is unpacked into the sequence around it)."""
        out: list[Any] = []
        while all(branches) and all(b[0] == branches[0][0] for b in branches[1:]):
            out.append(branches[0][0])  # a first item all branches share moves out
            branches = [b[1:] for b in branches]
        chars: list[Any] = []
        for b in branches:
            if len(b) != 1:
                break
            op, av = b[0]
            if op is self.literal:
                chars.append((op, av))
            elif op is self.in_ and av[0][0] is not self.negate:
                chars.extend(av)
            else:
                break
        else:  # single characters and sets: one set
            return [*out, (self.in_, list(dict.fromkeys(chars)))]
        return [*out, (self.branch, (None, [self.sub(b) for b in branches]))]

    def optional(self, items: list[Any]) -> list[Any]:
        """``(?:…)?``: the parser unwraps a repeated non-capturing group."""
        return [(self.max_repeat, (0, 1, self.sub(items)))]


def compile_parts(parts: list[tuple[str, Trie, str]]) -> re.Pattern[str] | None:
    """``re.compile`` of the alternation of ``prefix + trie.regex() + suffix`` for each
    part (None when there are none), without parsing the tries' source: the engine code
    written directly (pipelines/trie_code.py) where it can be, else the parse tree."""
    if not parts:
        return None
    if _internals is None:  # pragma: no cover - not CPython
        return re.compile("|".join(p + t.regex() + s for p, t, s in parts))
    try:
        from pipelines import trie_code

        made = trie_code.compile_code(parts, _internals) if trie_code.SUPPORTED else None
        if made is None:
            return _compile_tree(parts)
        source, flags, code = made
        pattern: re.Pattern[str] = _internals[3].compile(source, flags, code, 0, {}, (None,))
        patterns.remember(pattern, code)  # the matcher cache stores it without a parse
        return pattern
    except Exception:  # noqa: BLE001 - the internals differ: compile the source
        return re.compile("|".join(p + t.regex() + s for p, t, s in parts))


def _compile_tree(parts: list[tuple[str, Trie, str]]) -> re.Pattern[str]:
    assert _internals is not None
    _, compiler, _, sre = _internals
    tree = _Tree()
    sources, branches = [], []
    for prefix, trie, suffix in parts:
        walk = _Walk(trie, tree)
        sources.append(prefix + walk.source() + suffix)
        branches.append(tree.parse(prefix) + walk.items + tree.parse(suffix))
    source = "|".join(sources)
    parsed = tree.sub(branches[0] if len(branches) == 1 else tree.alternation(branches))
    code = compiler._code(parsed, 0)
    pattern: re.Pattern[str] = sre.compile(source, tree.state.flags, code, 0, {}, (None,))
    patterns.remember(pattern, code)  # the matcher cache stores it without a parse
    return pattern
