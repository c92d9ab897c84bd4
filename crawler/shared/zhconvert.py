"""Conversion between Chinese scripts with OpenCC's dictionaries, done faster (issue #12).

govwatch converts Chinese between Simplified, Traditional and Hong Kong forms with the
dictionaries and conversion configs shipped by opencc-python-reimplemented (pure Python,
no native library). That package builds a tree of node objects for every piece of text it
converts; a tagger's build converts some 20,000 names, 5 conversions each, and this was
the largest part of the build after the regex compile.

:func:`converter` gives the same conversions from the same files, without the tree, and
shares work between them: ``s2hk`` is ``s2t`` followed by the Hong Kong variants, and
``hk2s`` ends with the dictionaries of ``t2s``, so a name converted by one is, for the
shared part, already converted for the other (short pieces of text are remembered).

What a conversion does, as the package does it: the text is split at its separators
(spaces, punctuation); each piece goes through the config's chain of dictionary groups in
turn. Within a group, the first dictionary that has an entry in the piece replaces the
longest such entry (the leftmost of the longest) by the entry's first candidate, then the
text left and right of it are converted the same way, starting from that dictionary.
The output is the package's, character for character: tests/test_zhconvert.py compares
the two on the gazetteers' names and on random text.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

_ANY = 1 << 30  # no limit on an entry's length
_MEMO_LIMIT = 200_000  # pieces remembered per group before the memo starts again
_MEMO_CHARS = 40  # longer pieces (article text) are not remembered

# one dictionary: (longest key, shortest key, key -> candidates separated by spaces, and
# for a dictionary of phrases, each key's first two characters -> the longest key they start)
_Dict = tuple[int, int, dict[str, str], dict[str, int] | None]


def _package() -> Path:
    import opencc  # opencc-python-reimplemented: its files, read here

    return Path(opencc.__file__).parent


@cache
def _dictionary(name: str) -> _Dict:
    mapping: dict[str, str] = {}
    most, least = 1, 1000  # the package's starting values
    with open(_package() / "dictionary" / name, encoding="utf-8") as lines:
        for line in lines:
            key, value = line.strip().split("\t")
            mapping[key] = value
            most, least = max(most, len(key)), min(least, len(key))
    if least < 2:
        return most, least, mapping, None
    starts: dict[str, int] = {}
    for key in mapping:
        starts[key[:2]] = max(starts.get(key[:2], 0), len(key))
    return most, least, mapping, starts


class _Group:
    """Dictionaries applied as one step of a chain: the first that matches wins."""

    def __init__(self, files: tuple[str, ...]) -> None:
        self.dicts = [_dictionary(f) for f in files]
        self.memo: dict[str, str] = {}
        # A group that ends with a dictionary of single characters (STCharacters after
        # STPhrases): what reaches it has no entry of the others, and it replaces each
        # character on its own, so one str.translate does it (when no candidate is empty).
        self.table: dict[int, str] | None = None
        most, least, mapping, _ = self.dicts[-1]
        first = {key: value.split(" ")[0] for key, value in mapping.items()}
        if most == least == 1 and all(first.values()):
            self.table = str.maketrans(first)

    def apply(self, text: str) -> str:
        out = self.memo.get(text)
        if out is None:
            out = self._replace(text, 0, _ANY)
            if len(text) <= _MEMO_CHARS:
                if len(self.memo) >= _MEMO_LIMIT:
                    self.memo.clear()
                self.memo[text] = out
        return out

    def _replace(self, text: str, first: int, longest: int) -> str:
        """``text`` with the entries of ``dicts[first:]`` replaced; no entry of
        ``dicts[first]`` longer than ``longest`` occurs in it (as the package assumes)."""
        last = len(self.dicts) - 1
        for k in range(first, len(self.dicts)):
            if k == last and self.table is not None:
                return text.translate(self.table)
            found = _longest(text, self.dicts[k], longest if k == first else _ANY)
            if found is None:
                continue
            i, length, value = found
            value = value.split(" ")[0]  # the first candidate
            if not value:  # an empty replacement counts as no entry (the package's rule)
                continue
            end = i + length
            left = self._replace(text[:i], k, length) if i else ""
            right = self._replace(text[end:], k, length) if end < len(text) else ""
            return left + value + right
        return text


def _longest(text: str, entries: _Dict, longest: int) -> tuple[int, int, str] | None:
    """The longest entry in ``text`` (the leftmost of those): position, length, value."""
    most, least, mapping, starts = entries
    size = len(text)
    if starts is None:
        for length in range(min(size, most, longest), least - 1, -1):
            for i in range(size - length + 1):
                value = mapping.get(text[i:i + length])
                if value is not None:
                    return i, length, value
        return None
    # phrases: an entry of length n at i needs a key of length >= n starting with text[i:i+2]
    reach = [starts.get(text[i:i + 2], 0) for i in range(size - 1)]
    for length in range(min(size, most, longest, max(reach, default=0)), least - 1, -1):
        for i in range(size - length + 1):
            if reach[i] >= length:
                value = mapping.get(text[i:i + length])
                if value is not None:
                    return i, length, value
    return None


@cache
def _group(files: tuple[str, ...]) -> _Group:
    return _Group(files)


def _files(item: dict[str, Any]) -> tuple[str, ...]:
    if item.get("type") == "group":
        return tuple(f for sub in item.get("dicts", ()) for f in _files(sub))
    return (str(item["file"]),)


class Converter:
    """One conversion ("t2s", "s2t", "s2hk", "hk2s", …): ``convert(text)``."""

    def __init__(self, conversion: str) -> None:
        import opencc

        config = json.loads((_package() / "config" / f"{conversion}.json").read_text("utf-8"))
        self.groups = [_group(_files(step["dict"])) for step in config["conversion_chain"]]
        # the package's separators (none of them is inside a dictionary entry)
        self._split = opencc.OpenCC(None).split_chars_re.split

    def convert(self, text: str) -> str:
        parts = self._split(text)
        for i in range(0, len(parts), 2):  # the odd parts are separators, kept as they are
            piece = parts[i]
            for group in self.groups:
                piece = group.apply(piece)
            parts[i] = piece
        return "".join(parts)


@cache
def converter(conversion: str) -> Converter:
    """The converter for ``conversion``, loaded once per process."""
    return Converter(conversion)
