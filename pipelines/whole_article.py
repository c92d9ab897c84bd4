"""Bodies read again once the whole article is tagged (issue #12): what one mention means
depends on the others.

- :func:`named_for_generic`: a listed body that names every body of a kind (區議會, Hong
  Kong's District Councils) is the one of that kind the article names, when it names one;
- :func:`owned_names_again`: a name another country's body, or a state's or city's, was
  written with after its owner ("Poland's Ministry of Digital Affairs", "New York's
  Department of Labor") is that body every time;
- :func:`one_order`: "the Ohio Transportation Department" in an article that also writes
  "the Ohio Department of Transportation" is that body (each order alone keeps its id);
- :func:`state_chambers`: "the Senate" and its committees in an article about one US
  state, naming Congress in no other way, are the state's Senate;
- :func:`state_departments`: Kenya's "State Department for …" is a unit of the ministry of
  the article it shares most words with.

The acronym rules (a body's acronym given in brackets, or its initials written alone) are in
pipelines/acronyms.py, the rules that read Chinese names in pipelines/whole_article_zh.py; :func:`read_again`
runs those that follow the units pass, in order. Each takes and returns the tagger's accepted mentions (pipelines/unlisted.py ``Accepted``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import Any

from crawler.config.bodies import STATE_DEPARTMENT_COUNTRIES
from pipelines.accepted import Accepted, Entry
from pipelines.acronyms import NAME_WORDS
from pipelines.body_ids import slug, without_owner
from pipelines.whole_article_zh import (
    city_units,
    parents_outside_units,
    the_one_city,
    units_under,
)


def named_for_generic(accepted: list[Accepted],
                      generic: tuple[tuple[str, str], ...]) -> list[Accepted]:
    """``accepted`` with a listed body that names every body of one kind (區議會, "the
    District Council": Hong Kong's District Councils) read as the one of that kind the
    article names, when it names exactly one (深水埗區議會 … 區議會交通委員會): its
    mentions are that council's, and its units that council's units. ``generic``: pairs
    (listed id, office id of the kind), bodies.toml's [generic]."""
    for listed, office in generic:
        prefix = listed.split("-", 1)[0] + "-"
        named = {e.id: e for _f, _s, e, _t in accepted
                 if e.id.startswith(prefix) and e.id.endswith(f"-{office}") and e.id != listed}
        if len(named) != 1:
            continue
        one = next(iter(named.values()))
        out: list[Accepted] = []
        for fld, start, entry, found in accepted:
            if entry.id == listed:
                entry = one
            elif entry.parent == listed and entry.id.startswith(f"{listed}-"):
                entry = replace(entry, id=one.id + entry.id[len(listed):], parent=one.id)
            out.append((fld, start, entry, found))
        accepted = out
    return accepted


def owned_names_again(accepted: list[Accepted], kind_of: re.Pattern[str],
                      city_unit: re.Pattern[str]) -> list[Accepted]:
    """``accepted`` with a listed body written with the very name an unlisted body was
    written with after its owner, read as that unlisted body: the article named its owner
    once. The owner is another country ("Poland's Ministry of Digital Affairs … the Ministry
    of Digital Affairs said", Taiwan listing a ministry of that name) or a state, province
    or city of the listed body's own country ("New York's Department of Labor … the
    Department of Labor said" is no federal department). A listed body all of whose names
    went so takes its abbreviations along ("… the DOL said"). A unit written after "City of
    <place>" owns its bare name too, over a body the patterns read of it ("the City of
    Columbus Department of Technology … the city's Department of Technology"), and so does
    a department's other order ("the Buildings Department"). ``kind_of`` and ``city_unit``:
    those two forms, compiled from bodies.toml (pipelines/bodies.py)."""
    owned: dict[str, Entry] = {}
    for _f, _s, entry, found in accepted:
        if entry.kind != "agency" or entry.listed:
            continue
        name = without_owner(found)
        if name == found and not entry.parent and found.isascii():
            name = _after_place(found, entry.id) or found  # "New York State Department of Labor"
        if name != found:
            owned.setdefault(name.lower(), entry)
            if (m := kind_of.fullmatch(name)) is not None:  # "the Buildings Department"
                owned.setdefault(f"{m.group(2)} {m.group(1)}".lower(), entry)
        elif (m := city_unit.fullmatch(found)) is not None:
            # "the City of Columbus Department of Technology … the city's Department of
            # Technology": the city's every time
            owned.setdefault(m.group(1).lower(), entry)
        elif not entry.parent and found[:1].isupper() and _sub_national(entry, found):
            # "the state Department of Labor" (written bare, its state named elsewhere) …
            # "the Department of Labor said": the state's again
            owned.setdefault(found.lower(), entry)
    if not owned:
        return accepted
    out: list[Accepted] = []
    moved: dict[str, Entry] = {}  # listed id -> the unlisted body its names went to
    kept: set[str] = set()  # listed ids with a name that stayed
    for fld, start, entry, found in accepted:
        mine = owned.get(found.lower()) if entry.kind == "agency" else None
        if mine is not None and mine.id != entry.id and (
                mine.jurisdiction != entry.jurisdiction or _sub_national(mine, found)
                or not entry.listed and city_unit.fullmatch(mine.name)):
            moved[entry.id] = mine
            entry = mine
        elif entry.listed and not _abbreviation(found):
            kept.add(entry.id)
        out.append((fld, start, entry, found))
    follow = {i: e for i, e in moved.items() if i not in kept}
    return [(f, s, follow[e.id], t) if e.id in follow and _abbreviation(t) else (f, s, e, t)
            for f, s, e, t in out]


def _after_place(found: str, body_id: str) -> str:
    """The name of an unlisted body written after its place with no possessive, as its id
    ends ("New York State Department of Labor", us-ny-department-of-labor: "Department of
    Labor"); "" when none of two words or more is."""
    words = found.split(" ")
    for k in range(1, len(words) - 1):
        rest = " ".join(words[k:])
        if not all(w[:1].isupper() for w in words[:k]):
            break  # "Met and West Midlands Police": no place before the name
        if rest[:1].isupper() and body_id.endswith(f"-{slug(rest)}") \
                and body_id != f"{body_id.split('-', 1)[0]}-{slug(rest)}":
            return rest
    return ""


def _sub_national(entry: Entry, bare: str) -> bool:
    """Whether an unlisted body written "<owner>'s <bare>" is of a place inside its country:
    its id is more than the country's code and the name ("us-ny-department-of-labor", not
    "us-department-of-labor")."""
    return entry.id != f"{entry.jurisdiction.lower()}-{slug(bare)}"


def _abbreviation(found: str) -> bool:
    """An acronym as written: "DOL", "DfE", "ITA"."""
    return " " not in found and sum(c.isupper() for c in found) >= 2


# "State Department for Livestock Development", "State Department for ICT and Digital Economy"
_STATE_DEPARTMENT = re.compile(
    r"(?<![A-Za-z])State Department for (?:the )?[A-Z][\w&]*(?:,? (?:and |the )?[A-Z][\w&]*)*")


def state_departments(fields: tuple[str, str], accepted: list[Accepted],
                      countries: frozenset[str]) -> list[Accepted]:
    """``accepted`` with each "State Department for …" of a country in ``countries`` (Kenya)
    read as a unit of the listed ministry of that country the article names whose name
    shares the most words with it ("… for Livestock Development" of the "Ministry of
    Agriculture and Livestock Development"), instead of a body of its own; none where no
    such ministry shares a word."""
    ministries = {e.id: e for _f, _s, e, _t in accepted if e.kind == "agency" and e.listed
                  and e.jurisdiction in countries and e.name.startswith("Ministry")}
    if not ministries:
        return accepted
    out: list[Accepted] = []
    for fld, text in enumerate(fields):
        for m in _STATE_DEPARTMENT.finditer(text):
            words = {w.lower() for w in NAME_WORDS.findall(m.group(0)[len("State Department"):])}
            shared = {i: len(words & {w.lower() for w in NAME_WORDS.findall(e.name)})
                      for i, e in ministries.items()}
            best = max(shared, key=lambda i: shared[i])
            if not shared[best] or sum(1 for n in shared.values() if n == shared[best]) > 1:
                continue
            name = m.group(0)
            out.append((fld, m.start(), Entry("agency", f"{best}-{slug(name)}", name,
                                               ministries[best].jurisdiction, listed=False,
                                               parent=best), name))
    if not out:
        return accepted
    spans = [(f, s, s + len(t)) for f, s, _e, t in out]
    # the body the patterns made of the same words ("Kenya's State Department for …") goes
    kept = [(f, s, e, t) for f, s, e, t in accepted if e.listed or not any(
        f == g and s < b and a < s + len(t) for g, a, b in spans)]
    return kept + out


def one_order(accepted: list[Accepted], kinds: Iterable[str]) -> list[Accepted]:
    """``accepted`` with an unlisted "<place> X <Kind>" read as the "<place> <Kind> of X" the
    article names too (one id, the "of" order's): a body's official name is one of the two,
    and only the article can say which ("Ohio Department of Transportation", but the
    "Employment Development Department" of California). ``kinds``: swap_kinds."""
    unlisted = {e.id: e for _f, _s, e, _t in accepted if e.kind == "agency" and not e.listed}
    if len(unlisted) < 2:
        return accepted
    same: dict[str, Entry] = {}
    for body_id in unlisted:
        for kind in kinds:
            tail = f"-{slug(kind)}"
            if not body_id.endswith(tail):
                continue
            # "us-oh-transportation-department": which words are the place's is not known,
            # so every split is tried against the ids the article has
            words = body_id[:-len(tail)].split("-")
            for k in range(1, len(words)):
                other = "-".join([*words[:k], slug(kind), "of", *words[k:]])
                if other in unlisted:
                    same[body_id] = unlisted[other]
                    break
    if not same:
        return accepted
    return [(f, s, same.get(e.id, e) if e.kind == "agency" else e, t) for f, s, e, t in accepted]


# a US state's bodies ("us-ny-department-of-labor"): the state of an article
_US_STATE_BODY = re.compile(r"^(us-[a-z]{2})-")
# the words a state's chamber and the federal one share
_BARE_CHAMBERS = frozenset({"Senate", "House", "senate", "House of Representatives"})


def state_chambers(accepted: list[Accepted], federal: str, names: dict[str, str],
                   chamber: Callable[[str, str], str]) -> list[Accepted]:
    """``accepted`` with the federal legislature (``federal``, "us-congress") named only by
    a chamber's bare word ("the Senate Standing Committee on Internet and Technology") read
    as that chamber of the one US state the article's other bodies belong to, its
    committees as that chamber's: no federal body is named so in a story on Albany's
    agencies. Nothing when the article names Congress otherwise ("U.S. Senate", "Congress")
    or bodies of several states, or both chambers. ``names``: place id -> English name;
    ``chamber(prefix, short)``: the chamber's full name ("House" -> "House of
    Representatives")."""
    words = {found for _f, _s, e, found in accepted if e.id == federal}
    if len(words) != 1 or not words <= _BARE_CHAMBERS:
        return accepted
    # (a unit's id starts with its parent's, and "us-va" is Veterans Affairs, not Virginia)
    listed = {e.id for _f, _s, e, _t in accepted if e.listed and e.kind == "agency"}
    states = {m.group(1) for _f, _s, e, _t in accepted if not e.listed and not e.parent
              and (m := _US_STATE_BODY.match(e.id)) and m.group(1) in names}
    # (a federal body named too, "the FTC and the Senate Commerce Committee": Congress's)
    federal_bodies = {i for i in listed if i != federal and i.startswith("us-")
                      and not _of_a_place(i, names)}
    if len(states) != 1 or states & listed or federal_bodies:
        return accepted
    prefix = states.pop()
    short = words.pop().title().split(" ")[0]
    full = chamber(prefix, short)
    place = names.get(prefix, prefix)
    house = Entry("agency", f"{prefix}-{slug(full)}", f"{place} {full}", "US", listed=False,
                  legislature=True)
    out: list[Accepted] = []
    for fld, start, entry, found in accepted:
        if entry.id == federal:
            entry = house
        elif entry.parent == federal and not entry.listed \
                and entry.id.startswith(f"{federal}-"):
            entry = replace(entry, id=f"{house.id}-{entry.id[len(federal) + 1:]}",
                            parent=house.id)
        out.append((fld, start, entry, found))
    return out


# a federal body's generic name, written bare ("the Department of Education", "the Office of
# Management and Budget"): a city's or state's own body of that name in a story about it
_BARE_GENERIC = re.compile(r"(?:Department|Office|Bureau|Administration|Agency|Commission|Board)"
                           r" (?:of|for) (?:the )?[A-Z][\w&'’-]*(?:,? (?:and |of |the |for )*[A-Z][\w&'’-]*)*")


def local_generic_names(accepted: list[Accepted], names: dict[str, str]) -> list[Accepted]:
    """``accepted`` with the US federal bodies named only by bare generic names read as the
    one city's or state's bodies of those names, when every other body the article names
    is of that one place, one of them named bare too, and no federal body is named
    otherwise: "the Department of Education" and "the Office of Management and Budget" in
    a story about New York City's agencies are the city's (`us-nyc-department-of-education`),
    as the Senate is a state's in state_chambers. ``names``: place id -> English name."""
    federal = {e.id for _f, _s, e, _t in accepted if e.kind == "agency" and e.listed
               and e.jurisdiction == "US" and not _of_a_place(e.id, names)}
    if not federal or any(_BARE_GENERIC.fullmatch(t) is None
                          for _f, _s, e, t in accepted if e.id in federal):
        return accepted
    places = {_place_of(e.id, names) or "" for _f, _s, e, _t in accepted
              if e.kind == "agency" and e.id not in federal}
    # the story names the place's own bodies bare too ("the Department of Sanitation");
    # beside "the Texas Education Agency" alone, "the Department of Education" is federal
    if len(places) != 1 or "" in places or not any(
            not e.listed and _BARE_GENERIC.fullmatch(t) for _f, _s, e, t in accepted):
        return accepted
    prefix = places.pop()
    local: dict[str, Entry] = {}
    out: list[Accepted] = []
    for fld, start, entry, found in accepted:
        if entry.id in federal:
            entry = local.setdefault(entry.id, Entry(
                "agency", f"{prefix}-{slug(found)}", f"{names[prefix]} {found}", "US",
                listed=False))
        out.append((fld, start, entry, found))
    return out


def _place_of(body_id: str, places: dict[str, str]) -> str | None:
    """The place whose id starts ``body_id`` (the longest: "us-nyc-council" is New York
    City's, "us-ny-senate" New York's), or None."""
    parts = body_id.split("-")
    return next(("-".join(parts[:k]) for k in range(len(parts), 1, -1)
                 if "-".join(parts[:k]) in places), None)


def _of_a_place(body_id: str, places: dict[str, str]) -> bool:
    """Whether ``body_id`` is a place's (``places``: place ids), its id starting with the
    place's: "us-nyc-oti" is New York City's, "us-ny" New York's own."""
    return _place_of(body_id, places) is not None


def read_again(fields: tuple[str, str], accepted: list[Accepted], bodies: Any,
               cities: dict[str, tuple[Entry, Entry | None, str]],
               governments: dict[str, str],
               listed_units: dict[tuple[str, str], Entry] | None = None) -> list[Accepted]:
    """``accepted`` read again by the rules that follow the units pass, in order: units
    under an agency named in the sentence, owned names, one order of a department's name,
    Taiwan's city units and 市府, Kenya's State Departments, a state's Senate, a city's or
    state's bodies named like federal ones, and last the parents written only as their
    units' heads. ``bodies``: the BodyMatcher
    (pipelines/bodies.py); ``cities``, ``governments`` and ``listed_units``:
    pipelines/whole_article_zh.py's taiwan_cities, city_governments and listed_city_units
    (as entries)."""
    accepted = units_under(fields, accepted, bodies.chinese_units)
    accepted = owned_names_again(named_for_generic(accepted, bodies.rules.generic),
                                 bodies.kind_of, bodies.city_unit)
    accepted = one_order(accepted, bodies.rules.swap_kinds)
    accepted = the_one_city(fields, city_units(accepted, governments), cities,
                            bodies.chinese_units, listed_units)
    accepted = state_departments(fields, accepted, STATE_DEPARTMENT_COUNTRIES)
    accepted = state_chambers(accepted, "us-congress", bodies.place_english, bodies.chamber)
    accepted = local_generic_names(accepted, bodies.place_english)
    return parents_outside_units(accepted)
