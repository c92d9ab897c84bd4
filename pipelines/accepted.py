"""What a tagged mention resolves to, shared by the tagger's passes (pipelines/tagger.py,
pipelines/unlisted.py, pipelines/committees.py, pipelines/whole_article*.py): an
:class:`Entry` (a gazetteer entry, ``listed``, or a body the patterns found) and the
accepted mentions the passes pass on."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Entry:
    kind: str
    id: str
    name: str
    jurisdiction: str
    listed: bool = True
    parent: str = ""
    name_en: str = ""
    legislature: bool = False  # an unlisted chamber: its committees are its units


Accepted = tuple[int, int, Entry, str]  # (field, start, entry, the string as written)
Found = list[tuple[int, int, str, list[tuple[str, str, bool]]]]
