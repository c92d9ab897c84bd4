"""Compiled regular expressions that unpickle without being compiled again (issue #14).

A pickled ``re.Pattern`` is only its source and flags: loading it runs Python's regex
parser and compiler again, all of it in pure Python. For the matcher cache
(crawler.shared.matchcache) that was the whole cost of reading it back: ~1.1 s of CPU
for the 137 patterns of the page stages (the trie regexes over thousands of names), paid
by the workers' forkserver at the start of every crawl with pages, while the first pages
wait for the workers.

:func:`dumps` pickles each pattern with the engine's code (the list of integers
``re._compiler`` hands to ``_sre.compile``) and :func:`loads` gives that code straight
back to ``_sre.compile``: the same pattern object, without the parse. The code belongs to
the interpreter that made it, so a file is read only by the Python that wrote it (the
matcher cache's key includes ``sys.version``; the ``_sre.MAGIC`` is checked here too). A
pattern is stored this way only when the object rebuilt from its code equals the one
compiled by ``re`` (pattern equality compares source, flags and code); anything else,
or any error while loading, falls back to ``re.compile``. A pattern compiled from code
made without the parser (the trie regexes, pipelines/trie.py) is stored with that code
(:func:`remember`), so writing the cache does not parse its source either.
"""

from __future__ import annotations

import importlib
import io
import pickle
import re
import weakref
from array import array
from typing import Any

_sre: Any = None
try:  # CPython's regex engine and the compiler in front of it (no stubs: internal modules)
    _sre = importlib.import_module("_sre")
    _compiler: Any = importlib.import_module("re._compiler")
    _parser: Any = importlib.import_module("re._parser")
except ImportError:  # pragma: no cover - another interpreter: patterns pickle as usual
    _sre = None


# patterns compiled from code made without the parser (pipelines/trie.py), with that code
_known: weakref.WeakKeyDictionary[re.Pattern[Any], tuple[Any, ...]] = weakref.WeakKeyDictionary()


def remember(pattern: re.Pattern[Any], code: list[int]) -> None:
    """Keep the engine ``code`` that ``pattern`` was compiled from, so that storing it does
    not parse its source again (for a gazetteer's 300 KB trie regex, ~0.4 s)."""
    if _sre is None:  # pragma: no cover - not CPython
        return
    indexgroup: list[str | None] = [None] * (pattern.groups + 1)
    for name, index in pattern.groupindex.items():
        indexgroup[index] = name
    _known[pattern] = (_sre.MAGIC, pattern.pattern, pattern.flags, array("I", code).tobytes(),
                       pattern.groups, dict(pattern.groupindex), tuple(indexgroup))


def _code_of(pattern: re.Pattern[Any]) -> tuple[Any, ...] | None:
    """The arguments of ``_sre.compile`` that rebuild ``pattern``, or None when the
    rebuilt object would not equal it."""
    if _sre is None:
        return None
    known = _known.get(pattern)
    if known is not None:
        return known
    try:
        parsed = _parser.parse(pattern.pattern, pattern.flags)
        code = _compiler._code(parsed, pattern.flags)
        groupindex = dict(parsed.state.groupdict)
        indexgroup: list[str | None] = [None] * parsed.state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        args = (pattern.pattern, pattern.flags | parsed.state.flags, array("I", code).tobytes(),
                parsed.state.groups - 1, groupindex, tuple(indexgroup))
        rebuilt = _sre.compile(*args[:2], array("I", args[2]).tolist(), *args[3:])
    except Exception:  # noqa: BLE001 - an internal API changed: pickle as usual
        return None
    if rebuilt != pattern or rebuilt.groupindex != pattern.groupindex:
        return None
    return (_sre.MAGIC, *args)


def _rebuild(magic: int, pattern: Any, flags: int, code: bytes, groups: int,
             groupindex: dict[str, int], indexgroup: tuple[str | None, ...]) -> re.Pattern[Any]:
    """A pattern from its stored code (the engine's 32-bit words); compiled from its
    source if the engine differs."""
    if _sre is not None and magic == _sre.MAGIC:
        try:
            compiled: re.Pattern[Any] = _sre.compile(pattern, flags, array("I", code).tolist(),
                                                     groups, groupindex, indexgroup)
            return compiled
        except Exception:  # noqa: BLE001, S110 - fall back to compiling the source
            pass
    return re.compile(pattern, flags)


class _Pickler(pickle.Pickler):
    def reducer_override(self, obj: Any) -> Any:
        if type(obj) is re.Pattern:
            args = _code_of(obj)
            if args is not None:
                return _rebuild, args
        return NotImplemented


def dumps(obj: Any) -> bytes:
    """``pickle.dumps(obj)``, with every regular expression in it stored compiled."""
    out = io.BytesIO()
    _Pickler(out, protocol=pickle.HIGHEST_PROTOCOL).dump(obj)
    return out.getvalue()


def loads(data: bytes) -> Any:
    """The object :func:`dumps` stored (plain pickles load too)."""
    return pickle.loads(data)  # noqa: S301 - our own cache file, checksummed by the caller
