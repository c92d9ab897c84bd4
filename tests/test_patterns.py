"""crawler/shared/patterns.py: regular expressions pickled with their compiled code come back
equal to what ``re.compile`` gives, without running the regex compiler again; anything
it cannot rebuild is compiled from its source."""

from __future__ import annotations

import pickle
import re
from re import _parser
from typing import Any

import pytest

from crawler.shared import patterns

PATTERNS = [
    re.compile(r"(?i)ab(?P<tail>c+)d"),
    re.compile(rb"\d+(?:\.\d+)?"),
    re.compile(r"^x|y$", re.M),
    re.compile(r"(?:(?i:AI)|artificial intelligence)\b"),
    re.compile(r"""(?x) (?P<n> \d{1,3} (?:,\d{3})* )  # grouped digits
                   \s* (?P<unit>million|bn)?"""),
    re.compile(r"(?<![\w-])(?:香港|深圳|數字政策辦公室)(?!\w)"),
    re.compile(r"(a)(b)?(?P<c>c)\2?"),
    re.compile(r"[^\W\d_]+", re.ASCII),
]


def no_regex_compiler(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: Any, **_kwargs: Any) -> None:
        raise AssertionError("the regex compiler ran")
    monkeypatch.setattr(_parser, "parse", refuse)


def test_patterns_come_back_equal_without_being_compiled_again(
        monkeypatch: pytest.MonkeyPatch) -> None:
    data = patterns.dumps({"patterns": PATTERNS, "again": PATTERNS[0]})
    no_regex_compiler(monkeypatch)
    back = patterns.loads(data)
    for original, loaded in zip(PATTERNS, back["patterns"], strict=True):
        assert loaded == original  # source, flags and the engine's code
        assert (loaded.flags, loaded.groups, loaded.groupindex) == (
            original.flags, original.groups, original.groupindex)
    text = "zzABccd 12,500 million AI 香港 abc x\ny"
    for original, loaded in zip(PATTERNS, back["patterns"], strict=True):
        subject: Any = text.encode() if isinstance(original.pattern, bytes) else text
        assert [m.groups() for m in loaded.finditer(subject)] == [
            m.groups() for m in original.finditer(subject)]
    assert back["again"] is back["patterns"][0]  # one object stays one object


def test_a_plain_pickle_still_loads() -> None:
    assert patterns.loads(pickle.dumps(PATTERNS)) == PATTERNS


@pytest.mark.parametrize("stored", [
    (0, "a(b)", 32, b"", 1, {}, (None, None)),  # another engine's code: compiled from source
    (None, "a(b)", 32, b"\x00" * 8, 1, {}, (None, None)),  # magic of this engine, code garbage
])
def test_code_that_does_not_fit_is_compiled_from_the_source(stored: tuple[Any, ...]) -> None:
    import _sre

    magic = _sre.MAGIC if stored[0] is None else stored[0]
    assert patterns._rebuild(magic, *stored[1:]) == re.compile("a(b)")


def test_the_page_stages_regexes_all_load_compiled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every pattern of the shipped config's stages is stored with its code (none falls
    back to a compile when the cache is read) and equals the freshly compiled one."""
    from crawler.config import DEFAULT_CONFIG_DIR
    from pipelines import chain

    stages = chain.build_stages(chain.ChainSpec(str(DEFAULT_CONFIG_DIR)))
    data = patterns.dumps(stages)
    assert data.count(b"_rebuild") == 1  # the loader is named once, then memoized
    no_regex_compiler(monkeypatch)
    loaded = patterns.loads(data)

    def found(obj: Any) -> list[re.Pattern[Any]]:
        out, seen, todo = [], set(), [obj]
        while todo:
            item = todo.pop()
            if id(item) in seen or isinstance(item, str | bytes | int | float):
                continue
            seen.add(id(item))
            if isinstance(item, re.Pattern):
                out.append(item)
            elif isinstance(item, dict):
                todo.extend(item.keys())
                todo.extend(item.values())
            elif isinstance(item, list | tuple | set | frozenset):
                todo.extend(item)
            else:
                todo.extend(getattr(item, "__dict__", {}).values())
                todo.extend(getattr(item, s) for s in getattr(type(item), "__slots__", ())
                            if hasattr(item, s))
        return out

    before, after = found(stages), found(loaded)
    assert len(before) == len(after) > 50
    assert sorted(p.pattern for p in before) == sorted(p.pattern for p in after)
    by_source = {(p.pattern, p.flags): p for p in before}
    assert all(by_source[(p.pattern, p.flags)] == p for p in after)
