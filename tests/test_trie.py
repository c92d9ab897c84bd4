"""The trie's regular expression, compiled from its own parse tree (pipelines/trie.py).

The tree the trie writes must be the parser's tree of the source it writes: then the
compiled pattern equals ``re.compile(source)`` (source, flags and engine code), and
matching cannot differ. Random tries cover the parser's simplifications (sets of single
characters, optional groups, a wildcard ending, shared first items, spaces as "[ -]").
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines import trie as trie_module
from pipelines import trie_code
from pipelines.matcher import TermMatcher
from pipelines.trie import Trie, compile_parts

# few letters and short terms, so that terms share prefixes, end inside one another and
# end side by side (a set of single characters); a wildcard ending now and then
_TERMS = st.lists(st.tuples(st.text(alphabet="ab c.數*", min_size=1, max_size=4),
                            st.sampled_from([False, False, False, True])),
                  min_size=1, max_size=20)


def _trie(terms: list[tuple[str, bool]]) -> Trie:
    trie = Trie()
    for term, wild in terms:
        trie.add(term, wild)
    return trie


@settings(max_examples=300, deadline=None)
@given(_TERMS, _TERMS)
def test_the_compiled_tree_is_the_pattern_re_compiles(first: list[tuple[str, bool]],
                                                      second: list[tuple[str, bool]]) -> None:
    parts = [("(?<![a-z])(?=[ab])", _trie(first), "(?![a-z])"), ("", _trie(second), "")]
    bare = [("", _trie(first), ""), ("", _trie(second), "")]  # parts may share a start
    for chosen in (parts, parts[:1], parts[1:], bare):
        source = "|".join(p + t.regex() + s for p, t, s in chosen)
        compiled = compile_parts(chosen)
        assert compiled is not None
        assert compiled.pattern == source
        assert compiled == re.compile(source)  # same source, flags and engine code


def _written(parts: list[tuple[str, Trie, str]]) -> re.Pattern[str]:
    """The pattern from the engine code pipelines/trie_code.py writes (no fallback)."""
    assert trie_module._internals is not None
    made = trie_code.compile_code(parts, trie_module._internals)
    assert made is not None
    source, flags, code = made
    compiled: re.Pattern[str] = trie_module._internals[3].compile(source, flags, code, 0, {},
                                                                   (None,))
    return compiled


@pytest.mark.skipif(not trie_code.SUPPORTED, reason="the code is written for CPython 3.11")
@settings(max_examples=300, deadline=None)
@given(_TERMS, _TERMS)
def test_the_written_code_is_the_code_re_compiles(first: list[tuple[str, bool]],
                                                  second: list[tuple[str, bool]]) -> None:
    parts = [("(?<![a-z])(?=[ab])", _trie(first), "(?![a-z])"),
             ("(?=[^x])", _trie(second), "")]
    for chosen in (parts, parts[:1], parts[1:]):
        source = "|".join(p + t.regex() + s for p, t, s in chosen)
        assert _written(chosen) == re.compile(source)  # same source, flags and engine code


def test_parts_without_lookarounds_take_the_parse_tree() -> None:
    assert trie_module._internals is not None
    trie = _trie([("ab", False)])
    assert trie_code.compile_code([("", trie, "")], trie_module._internals) is None
    assert trie_code.compile_code([("(?=a)", trie, "x")], trie_module._internals) is None


def _accepted(terms: list[tuple[str, bool]], text: str) -> bool:
    """Whether ``text`` is one of ``terms`` (a space also as "-"; a wildcard term followed by
    ASCII letters)."""
    text = text.replace("-", " ")
    return any(text == t or wild and text.startswith(t) and re.fullmatch("[A-Za-z]*", text[len(t):])
               for t, wild in terms)


@settings(max_examples=300, deadline=None)
@given(_TERMS, st.lists(st.text(alphabet="ab c-數x", max_size=5), max_size=20))
def test_the_regex_matches_exactly_the_terms(terms: list[tuple[str, bool]],
                                             probes: list[str]) -> None:
    pattern = re.compile(_trie(terms).regex())
    for text in [t for t, _ in terms] + [t + "ax" for t, _ in terms] + probes:
        assert bool(pattern.fullmatch(text)) == _accepted(terms, text), text


@pytest.mark.parametrize("terms", [["xa", "xb"], ["a", "b", "a c"], ["ab", "a"], ["ab*", "ac"],
                                   ["a.b", "a.c", "數"]])
def test_the_parsers_shapes(terms: list[str]) -> None:
    """Each simplification of the parser on its own: a set, an optional group, a wildcard
    beside a set, an escaped character."""
    trie = _trie([(t.rstrip("*"), t.endswith("*")) for t in terms])
    compiled = compile_parts([("", trie, "")])
    assert compiled == re.compile(trie.regex())


def test_terms_match_as_written() -> None:
    trie = _trie([("digital policy", False), ("digital", False), ("data", False),
                  ("launch", True), ("數據", False)])
    pattern = compile_parts([("", trie, "")])
    assert pattern is not None
    assert [m.group() for m in pattern.finditer("digital-policy data launched 數據 digit")] \
        == ["digital-policy", "data", "launched", "數據"]


def test_no_terms_no_pattern() -> None:
    assert compile_parts([]) is None
    assert TermMatcher([]).pattern is None


def test_internals_that_differ_fall_back_to_the_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_args: object) -> object:
        raise TypeError("an interpreter whose parse trees look otherwise")

    monkeypatch.setattr(trie_module, "_compile_tree", broken)
    trie = _trie([("ab", False), ("a", False)])
    assert compile_parts([("", trie, "")]) == re.compile("a(?:b)?")


def test_the_shipped_gazetteers_matcher_is_the_pattern_re_compiles() -> None:
    from crawler.config import load_gazetteer
    from crawler.shared import patterns
    from pipelines.tagging import Tagger

    tagger = Tagger(load_gazetteer("config/gazetteers"))
    for matcher in (tagger.matcher, tagger.bodies.place_finder):
        assert matcher.pattern is not None
        assert matcher.pattern == re.compile(matcher.pattern.pattern)
        if trie_code.SUPPORTED:  # compiled from written code, not from the source
            assert patterns._known.get(matcher.pattern) is not None


def test_stored_without_parsing_its_source(monkeypatch: pytest.MonkeyPatch) -> None:
    """The matcher cache stores a trie's pattern with the code it was compiled from."""
    from crawler.shared import patterns

    trie = _trie([("digital policy", False), ("data", False), ("數據", False)])
    pattern = compile_parts([("", trie, "")])

    def no_parse(*_args: object) -> object:
        raise AssertionError("parsed again")

    monkeypatch.setattr(patterns._parser, "parse", no_parse)
    assert patterns._code_of(pattern) is not None  # stored with its code, not as source
    stored = patterns.dumps(pattern)
    monkeypatch.undo()
    assert patterns.loads(stored) == pattern == re.compile(trie.regex())
