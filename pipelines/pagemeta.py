"""The page metadata govwatch stores: title, author, date, description and site name.

trafilatura's metadata pass (``bare_extraction(with_metadata=True)``) also reads
categories, tags, the licence, the image and the host name, which govwatch does not keep,
and it runs before trafilatura knows whether the page has any text. This module reads
only the five fields, with trafilatura's own readers in the order and with the inputs its
pass gives them, so each field is what ``with_metadata=True`` gives (tests/test_pagemeta.py
compares the two; bench/metadata.py over the 465 shared pages). On those pages it costs
about half of trafilatura's pass (bench/README.md, "less metadata per page", issue #14).

Written against trafilatura 2.3 and htmldate 1.11; the readers are module functions of
``trafilatura.metadata``, outside its ``__all__``: a trafilatura upgrade must pass
tests/test_pagemeta.py.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

# Site name from the URL when the page names none: the host without "www." / "w1." etc.
_HOST = re.compile(r"https?://(?:www\.|w[0-9]+\.)?([^/]+)")


@dataclass(frozen=True)
class PageMeta:
    title: str
    author: str
    date: str  # YYYY-MM-DD, or ""
    description: str
    site_name: str


def read_metadata(tree: Any, url: str = "") -> PageMeta:
    """The five fields of ``tree`` (an lxml tree from trafilatura's ``load_html``, left
    unchanged), as trafilatura's metadata pass with ``url`` and default settings finds them."""
    from htmldate import find_date
    from trafilatura import metadata as tm

    _linear_person_authors()
    doc = tm.examine_meta(tree)  # <meta> tags, OpenGraph first
    if doc.author and " " not in doc.author:
        doc.author = None  # a one-word author in a meta tag is usually a handle
    # JSON-LD overrides; its reader may raise on odd data, and trafilatura goes on with
    # what it had read, as here (extract_meta_json fills ``doc`` in place)
    with contextlib.suppress(Exception):
        doc = tm.extract_meta_json(tree, doc)
    doc.title = doc.title or tm.extract_title(tree)
    doc.author = doc.author or tm.extract_author(tree)
    doc.url = doc.url or tm.extract_url(tree, url or None)
    # trafilatura's date settings: publication (not update) date, its extensive search on
    # (settings.cfg EXTENSIVE_DATE_SEARCH), nothing after today
    doc.date = find_date(tree, extensive_search=True, original_date=True, url=doc.url,
                         max_date=datetime.now().astimezone().strftime("%Y-%m-%d"))
    doc.sitename = _site_name(doc.sitename or tm.extract_sitename(tree) or "", doc.url or "")
    doc.clean_and_trim()  # entities, control characters, whitespace; 10,000 characters
    return PageMeta(title=doc.title or "", author=doc.author or "", date=doc.date or "",
                    description=doc.description or "", site_name=doc.sitename or "")


# trafilatura's fallback for JSON-LD that does not parse reads "Person" authors by
# searching, removing the match from the whole text and searching again from the start:
# quadratic in the script's length. One live blog of the 439 bench pages (800 KB of
# JSON-LD, four authors) spent 0.57 s there, 3 % of a whole crawl's CPU (issue #14).
# For this pattern the next match after a removed one cannot start before it (the
# pattern opens with a literal and extends only forward, through no "}"), so searching
# on from the end of each match finds the same names in the same order; the function is
# swapped in only while the pattern is the one this was worked out for
# (tests/test_pagemeta.py compares the two, including on random texts).
_PERSON_AUTHOR = r'"[Pp]erson"[^}]+?"names?".+?"([^"]+)'


def _linear_person_authors() -> None:
    from trafilatura import json_metadata as jm

    original = jm.extract_json_author
    if getattr(original, "_govwatch", False) or jm.JSON_AUTHOR_2.pattern != _PERSON_AUTHOR:
        return

    def extract_json_author(elemtext: str, regular_expression: Any) -> str | None:
        if regular_expression is not jm.JSON_AUTHOR_2:
            return original(elemtext, regular_expression)
        return person_authors(elemtext, jm.JSON_AUTHOR_2, jm.normalize_authors)

    extract_json_author._govwatch = True  # type: ignore[attr-defined]
    extract_json_author.__wrapped__ = original  # type: ignore[attr-defined]
    jm.extract_json_author = extract_json_author


def person_authors(text: str, pattern: Any, normalize: Any) -> str | None:
    """The authors trafilatura's JSON-LD fallback reads with ``pattern``, in one pass."""
    authors = None
    pos = 0
    while (match := pattern.search(text, pos)) is not None:
        name = next(filter(None, match.groups()), None)
        if not name or " " not in name:
            break
        authors = normalize(authors, name)
        pos = match.end()
    return authors or None


def _site_name(name: str, url: str) -> str:
    """A Twitter handle loses its "@"; a lower-case name without a dot is title-cased; no
    name at all falls back to the URL's host."""
    if name:
        name = name.lstrip("@")
        if name and "." not in name and not name[0].isupper():
            name = name.title()
        return name
    match = _HOST.match(url)
    return match[1] if match else ""
