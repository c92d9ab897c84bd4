"""The regex engine's code for a trie's terms, written directly (issue #12).

pipelines/trie.py hands the regex compiler the parse tree of a trie's regex. For the
tagger's 300 KB pattern the compiler then spends most of the build walking that tree one
item per character. This module writes the engine code itself, in the same walk that
writes the source, for the only shapes a trie makes: runs of characters, a space that
also matches "-", alternations (a set when every branch is one character), an optional
group where a term ends inside another, and the wildcard ending ``[A-Za-z]*``. Small
pieces (the sets, the wildcard, the parts' lookarounds and the info block) are still
compiled by ``re._compiler``.

The code is what CPython 3.11's compiler makes of the same source: tests/test_trie.py
compares whole patterns (source, flags and code) on random tries and on the shipped
gazetteer. It is used only on CPython 3.11 and only for parts that start and end with
lookarounds (as TermMatcher's do, so the info block has no literal prefix to find);
anything else takes the parse-tree path.
"""

from __future__ import annotations

import sys
from typing import Any

from pipelines.trie import _ESCAPES, WILD_ENDING, Trie, _escaped, node_source, shape

SUPPORTED = sys.implementation.name == "cpython" and sys.version_info[:2] == (3, 11)


class Emitter:
    """Writes the source and the engine code of tries, with the compiler's helpers."""

    def __init__(self, parser: Any, compiler: Any, constants: Any, flags: int) -> None:
        self.parser, self.compiler, self.flags = parser, compiler, flags
        c = constants
        self.ops = (c.LITERAL, c.IN, c.BRANCH, c.JUMP, c.FAILURE, c.REPEAT, c.REPEAT_ONE,
                    c.MAX_UNTIL, c.SUCCESS)
        self.space_items = list(parser.parse("[ -]").data)
        self.space = self.small(self.space_items)
        self.wild = self.small(list(parser.parse(WILD_ENDING).data))
        self.maxrepeat = c.MAXREPEAT

    def small(self, items: list[Any]) -> list[int]:
        """The compiler's code for a few parse-tree items."""
        out: list[int] = []
        self.compiler._compile(out, items, self.flags)
        return out

    def trie(self, trie: Trie, code: list[int]) -> tuple[str, int, int]:
        """Append the code of ``trie``'s alternation to ``code``; return its source and its
        width as the parser reckons it (shortest term, longest or unbounded)."""
        terms = sorted(trie.terms)
        if not terms:
            return "", 0, 0
        walk = _Walk(self, terms, trie.wild, code)
        source = walk.node(0, len(terms), 0)
        low = min(map(len, terms))
        high = self.maxrepeat if trie.wild else max(map(len, terms))
        return source, low, high


class _Walk:
    def __init__(self, emitter: Emitter, terms: list[str], wild: set[str],
                 code: list[int]) -> None:
        self.e, self.terms, self.wild, self.code = emitter, terms, wild, code
        self.literal = emitter.ops[0]

    def run(self, text: str) -> None:
        """A run of characters: LITERAL c for each (a space: the set of " " and "-")."""
        code, literal = self.code, self.literal
        for k, piece in enumerate(text.split(" ")):
            if k:
                code.extend(self.e.space)
            if piece:
                words = [literal] * (2 * len(piece))
                words[1::2] = map(ord, piece)
                code.extend(words)

    def node(self, lo: int, hi: int, depth: int) -> str:
        """Emit ``terms[lo:hi]`` past their shared first ``depth`` characters; the source."""
        terms, code = self.terms, self.code
        _, in_, branch, jump, failure, repeat, repeat_one, max_until, success = self.e.ops
        first = terms[lo]
        if hi - lo == 1 and first not in self.wild:  # one term: a plain run
            head = first[depth:]
            self.run(head)
            return head.translate(_ESCAPES)
        head, end, wild, groups = shape(terms, self.wild, lo, hi, depth)
        self.run(head)
        at = depth + len(head)
        if not groups and not wild:
            return head.translate(_ESCAPES)
        # every branch one character (a term ending right after it): one set, "simple"
        units = not wild and all(j - i == 1 and len(terms[i]) == at + 1
                                 and terms[i] not in self.wild for _, i, j in groups)
        optional = end and not wild
        if optional:  # (?:…)? : REPEAT_ONE around one unit, else REPEAT … MAX_UNTIL
            code.extend((repeat_one if units else repeat, 0, 0, 1))
            skip = len(code) - 3
        sources: list[str] = []
        if units and len(groups) > 1:
            chars: list[Any] = []
            for ch, _, _ in groups:
                chars.extend(self.e.space_items[0][1] if ch == " " else [(self.literal, ord(ch))])
                sources.append(_escaped(ch))
            code.extend(self.e.small([(in_, list(dict.fromkeys(chars)))]))
        elif len(groups) + wild == 1:
            if wild:
                code.extend(self.e.wild)
                sources.append(WILD_ENDING)
            else:
                ch, i, j = groups[0]
                self.run(ch)
                sources.append(_escaped(ch) + self.node(i, j, at + 1))
        else:
            code.append(branch)
            tails = []
            for ch, i, j in groups:
                start = len(code)
                code.append(0)
                self.run(ch)
                sources.append(_escaped(ch) + self.node(i, j, at + 1))
                code.extend((jump, 0))
                tails.append(len(code) - 1)
                code[start] = len(code) - start
            if wild:
                start = len(code)
                code.append(0)
                code.extend(self.e.wild)
                sources.append(WILD_ENDING)
                code.extend((jump, 0))
                tails.append(len(code) - 1)
                code[start] = len(code) - start
            code.append(failure)
            for tail in tails:
                code[tail] = len(code) - tail
        if optional:
            if units:
                code.append(success)
                code[skip] = len(code) - skip
            else:
                code[skip] = len(code) - skip
                code.append(max_until)
        return node_source(head, sources, optional)


def compile_code(parts: list[tuple[str, Trie, str]], internals: tuple[Any, Any, Any, Any]
                 ) -> tuple[str, int, list[int]] | None:
    """The source, flags and engine code of the parts' alternation, or None when a part
    does not start and end with lookarounds (then the parse-tree path compiles it)."""
    parser, compiler, c, _ = internals
    flags = c.SRE_FLAG_UNICODE
    lookarounds = (c.ASSERT, c.ASSERT_NOT)
    pieces = []
    for prefix, trie, suffix in parts:
        before, after = list(parser.parse(prefix).data), list(parser.parse(suffix).data)
        if not before or any(op not in lookarounds for op, _ in (*before, *after)):
            return None
        pieces.append((prefix, before, trie, suffix, after))
    emitter = Emitter(parser, compiler, c, flags)
    body: list[int] = []
    sources, firsts, lows, highs = [], [], [], []
    if len(pieces) > 1:
        body.append(c.BRANCH)
    tails = []
    for prefix, before, trie, suffix, after in pieces:
        start = len(body)
        if len(pieces) > 1:
            body.append(0)
        body.extend(emitter.small(before))
        source, low, high = emitter.trie(trie, body)
        body.extend(emitter.small(after))
        if len(pieces) > 1:
            body.extend((c.JUMP, 0))
            tails.append(len(body) - 1)
            body[start] = len(body) - start
        sources.append(prefix + source + suffix)
        firsts.append(before[0])
        lows.append(low)
        highs.append(high)
    if len(pieces) > 1:
        body.append(c.FAILURE)
        for tail in tails:
            body[tail] = len(body) - tail
    # the info block: the compiler's, from the width and the first items (lookarounds:
    # no literal prefix, no first-character set)
    state = parser.State()
    state.flags = flags
    if len(pieces) > 1:
        first = parser.SubPattern(state, [(c.BRANCH, (None, [parser.SubPattern(state, [f])
                                                             for f in firsts]))])
    else:
        first = parser.SubPattern(state, [firsts[0]])
    first.width = (min(min(lows), c.MAXREPEAT - 1), min(max(highs), c.MAXREPEAT))
    code: list[int] = []
    compiler._compile_info(code, first, flags)
    code.extend(body)
    code.append(c.SUCCESS)
    return "|".join(sources), flags, code
