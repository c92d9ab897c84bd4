"""What trafilatura's XPath selectors mean, in Python (pipelines/selectors.py uses these).

XPath's reading of an attribute test, of ``re:test`` (lxml's EXSLT regular expressions:
Python's ``re.search``), of ``.//*`` and ``//*``, and of the positional ``[1]``; and the
structure of an expression with its ``re:test`` patterns left out, which keys a
translation.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from lxml import etree

Select = Callable[[Any], list[Any]]
Test = Callable[[Any], bool]

# re:test(ATTRIBUTES, 'PATTERN') or re:test(ATTRIBUTES, 'PATTERN', 'FLAGS'), as written in
# trafilatura's expressions (a pattern in double quotes stays in the structure: no match).
_RE_TEST = re.compile(
    r"re:test\(\s*(?P<attrs>@[\w-]+(?:\s*\|\s*@[\w-]+)*)\s*,\s*'(?P<pattern>[^']*)'"
    r"(?:\s*,\s*'(?P<flags>[^']*)')?\s*\)")


def structure(path: str) -> tuple[str, list[tuple[tuple[str, ...], str, str]]]:
    """The expression with each ``re:test`` pattern blanked and whitespace collapsed, and
    the calls' (attributes, pattern, flags) in order."""
    calls: list[tuple[tuple[str, ...], str, str]] = []

    def blank(m: re.Match[str]) -> str:
        attrs = tuple(a.strip().lstrip("@") for a in m["attrs"].split("|"))
        calls.append((attrs, m["pattern"], m["flags"] or ""))
        flags = f", '{m['flags']}'" if m["flags"] is not None else ""
        return f"re:test({'|'.join('@' + a for a in attrs)}, ?{flags})"

    return " ".join(_RE_TEST.sub(blank, path).split()), calls


def blanked_key(blanked: str) -> str:
    """The key of a translation: a hash of an expression blanked by :func:`structure`."""
    return hashlib.sha256(blanked.encode("utf-8")).hexdigest()[:16]


# --------------------------------------------------------------------------------------
# What XPath does, in Python
# --------------------------------------------------------------------------------------

def first_value(el: Any, names: tuple[str, ...]) -> str | None:
    """The string XPath reads for ``@a|@b``: the value of the first of the attributes in
    the element's order (None when it has none of them)."""
    if len(names) == 1:
        return el.get(names[0])
    present = [n for n in el.keys() if n in names]  # noqa: SIM118 - not a dict
    return el.get(present[0]) if present else None


def tester(names: tuple[str, ...], pattern: str, flags: str) -> Test:
    """``re:test(@names, pattern, flags)`` of one element: Python's ``re.search``, as
    lxml's EXSLT functions do it ('i' in flags: case ignored); a missing attribute is the
    empty string."""
    search = re.compile(pattern, re.IGNORECASE if "i" in flags else 0).search
    empty = search("") is not None
    if len(names) == 1:
        name = names[0]

        def one(el: Any) -> bool:
            value = el.get(name)
            return empty if value is None else search(value) is not None
        return one

    def first(el: Any) -> bool:
        value = first_value(el, names)
        return empty if value is None else search(value) is not None
    return first


def matches_bare(tests: list[Test]) -> bool:
    """Whether any of ``tests`` holds for an element without attributes (only when a
    pattern matches the empty string)."""
    bare = etree.Element("bare")
    return any(test(bare) for test in tests)


def contains(el: Any, name: str, needle: str) -> bool:
    """``contains(@name, 'needle')``."""
    value = el.get(name)
    return value is not None and needle in value


def descendants(node: Any, tags: tuple[str, ...]) -> Iterator[Any]:
    """``.//*[self::a or self::b…]`` (every element when ``tags`` is empty), in
    document order."""
    return node.iterdescendants(*tags) if tags else node.iterdescendants(etree.Element)


def in_document(node: Any, tags: tuple[str, ...]) -> Iterator[Any]:
    """``//*[self::a…]``: from the root of the node's document, the root included."""
    root = node.getroottree().getroot()
    return root.iter(*tags) if tags else root.iter(etree.Element)


def first_per_parent(elements: Iterable[Any]) -> list[Any]:
    """``…/child::*[…][1]``: of the matches, those that are their parent's first match
    (the matches come in document order, so a parent's first is the first seen)."""
    seen: set[Any] = set()
    out = []
    for el in elements:
        parent = el.getparent()
        if parent not in seen:
            seen.add(parent)
            out.append(el)
    return out


def at_most_first(elements: Iterable[Any]) -> list[Any]:
    """``(…)[1]``: the first match in document order."""
    return next(([el] for el in elements), [])


def string_value(el: Any) -> str:
    """An element's XPath string value: all the text inside it."""
    return "".join(el.itertext())
