"""Acronyms read once the whole article is tagged (issue #12): what an acronym stands for
depends on the names the article writes in full.

- :func:`abbreviated`: the later mentions of an unlisted body by the acronym the text
  gives it in brackets right after its name;
- :func:`acronyms_of`: an acronym written without brackets that spells the initials of
  exactly one body the article names is that body ("the TMG's", "the Washington State
  Department of Licensing … the DOL").

Each takes and returns the tagger's accepted mentions (pipelines/unlisted.py ``Accepted``).
"""

from __future__ import annotations

import re

from pipelines.accepted import Accepted, Entry

# an acronym in brackets right after a name: " (DIR)", " (DoIT)"
_ABBREVIATION = re.compile(r" \((?P<abbr>[A-Z][A-Za-z&]{1,7})\)")


def abbreviated(fields: tuple[str, str], fld: int, end: int, accepted: list[Accepted],
                entry: Entry) -> list[Accepted]:
    """The later mentions of an unlisted body by the abbreviation the text gives it right
    after its name ("Texas Department of Information Resources (DIR) … DIR's Artificial
    Intelligence Center of Excellence"): in the rest of that field, and in the body text
    after a title; not where a listed name already stands. A listed acronym in the brackets
    themselves is taken out of ``accepted`` (it names this body)."""
    m = _ABBREVIATION.match(fields[fld], end)
    if m is None or sum(1 for c in m.group("abbr") if c.isupper()) < 2:
        return []
    abbr = m.group("abbr")
    # a listed acronym in the brackets ("… Information Technology Agency (ITA)", not the
    # International Trade Administration) is this body's wherever it stands alone, unless
    # the listed body is named in full too or its name is much like this one's (the
    # "National Data Protection Agency (ANPD)" is the listed Authority written otherwise)
    # (a place's body named like the country's is still another body: "New York State
    # Department of Labor (DOL)" is not the federal Department of Labor)
    there = {e.id for f, s, e, t in accepted if (f, s) == (fld, m.start("abbr")) and t == abbr
             and e.listed and (not _alike(e.name, entry.name) or e.jurisdiction
                               == entry.jurisdiction and _place_before(e.name, entry.name))}
    if there and not any(e.id in there and t != abbr for _f, _s, e, t in accepted):
        accepted[:] = [a for a in accepted if not (a[2].id in there and a[3] == abbr)]
    taken = {(f, s) for f, s, _e, _t in accepted}
    word = re.compile(rf"(?<![A-Za-z0-9]){re.escape(abbr)}(?![A-Za-z0-9])")
    out: list[Accepted] = []
    for f in (fld, 1) if fld == 0 else (fld,):
        start = m.end() if f == fld else 0
        out.extend((f, w.start(), entry, abbr) for w in word.finditer(fields[f], start)
                   if (f, w.start()) not in taken)
    return out


# the words of four letters or more that two names of one body share
NAME_WORDS = re.compile(r"[A-Za-z]{4,}")


def _place_before(listed: str, written: str) -> bool:
    """Whether ``written`` is ``listed`` after more words ("New York State Department of
    Labor" for the "Department of Labor"), as a place's body of that name is written."""
    return written.endswith(f" {listed}") and written[:1].isupper()


def _alike(listed: str, written: str) -> bool:
    """Whether half or more of a listed name's longer words are in a name as written."""
    words = {w.lower() for w in NAME_WORDS.findall(listed)}
    return bool(words) and 2 * len(words & {w.lower() for w in NAME_WORDS.findall(written)}) \
        >= len(words)


# an all-capitals word of three to six letters, alone or possessive: "TMG's", "NHS GGC"
_ACRONYM = re.compile(r"(?<![A-Za-z0-9&.’'-])[A-Z]{3,6}(?=['’]s\b|[^A-Za-z0-9&’'-]|$)")
_NAME_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_SMALL_WORDS = frozenset({"of", "and", "the", "for", "on", "in", "de", "du", "des", "la", "le"})


def initials(name: str) -> str:
    """The capitals a name's acronym is made of: "Tokyo Metropolitan Government" → "TMG"
    (small words such as "of" and "and" left out); "" for a name of fewer than 3 words."""
    words = [w for w in _NAME_WORD.findall(name) if w.lower() not in _SMALL_WORDS]
    return "".join(w[0].upper() for w in words) if len(words) >= 3 else ""


# the kind a body's own acronym starts from, past its place ("Washington State Department
# of Licensing" → "DOL", as "Department of Labor" → "DOL")
_ACRONYM_KINDS = ("Department", "Ministry", "Office", "Agency", "Bureau", "Commission",
               "Authority", "Administration", "Board", "Division")


def kind_initials(name: str) -> str:
    """The acronym of a name from its kind word on, "of" and "for" included as the press
    writes them ("Department of Licensing" → "DOL", "Department of Transportation" →
    "DOT"); "" when the name has no kind word after a first word or fewer than 3 words
    from it."""
    words = _NAME_WORD.findall(name)
    start = next((i for i, w in enumerate(words) if i and w in _ACRONYM_KINDS), None)
    if start is None:
        return ""
    words = [w for w in words[start:] if w.lower() != "the"]
    return "".join(w[0].upper() for w in words) if len(words) >= 3 else ""


def acronyms_of(fields: tuple[str, str], accepted: list[Accepted]) -> list[Accepted]:
    """``accepted`` plus each acronym the article writes for an agency it names in full
    without giving the acronym in brackets ("the Tokyo Metropolitan Government … the
    TMG's", "NHS Greater Glasgow and Clyde … NHS GGC"): the acronym must be the initials
    of exactly one of the article's agencies. A body the patterns made of the acronym
    itself ("NHS GGC") becomes that agency."""
    by_initials: dict[str, set[str]] = {}
    entries: dict[str, Entry] = {}
    for _f, _s, entry, _t in accepted:
        if entry.kind == "agency" and entry.name.isascii():
            for key in (initials(entry.name), kind_initials(entry.name),
                        "NHS " + initials(entry.name[4:]) if entry.name.startswith("NHS ") else ""):
                if key and key != entry.name:
                    by_initials.setdefault(key, set()).add(entry.id)
                    entries[entry.id] = entry
    if not by_initials:
        return accepted
    out: list[Accepted] = []
    # a listed body named only by an acronym that is the initials of a body the article
    # names in full ("the Uganda Revenue Authority … a URA spokesperson", not Hong Kong's
    # Urban Renewal Authority) is that body
    named_in_full = {e.id for _f, _s, e, t in accepted if t != t.upper()}
    for fld, start, entry, found in accepted:  # "NHS GGC" found as a body of its own
        if not entry.listed:
            ids = by_initials.get(entry.name, set())
        elif entry.id not in named_in_full:
            ids = by_initials.get(found, set()) - {entry.id}
        else:
            ids = set()
        out.append((fld, start, entries[next(iter(ids))], found) if len(ids) == 1 else
                   (fld, start, entry, found))
    taken = {(fld, start) for fld, start, _e, _t in out}
    spans = [(fld, start, start + len(found)) for fld, start, _e, found in out]
    for fld, text in enumerate(fields):
        for m in _ACRONYM.finditer(text):
            ids = by_initials.get(m.group(0), set())
            if len(ids) != 1 or (fld, m.start()) in taken or any(
                    f == fld and s <= m.start() < e for f, s, e in spans):
                continue
            out.append((fld, m.start(), entries[next(iter(ids))], m.group(0)))
    return out
