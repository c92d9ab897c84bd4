"""Legislatures' committees named on their own (issue #12): "the Commons Home Affairs
Committee" in a story on the House of Commons, "the House Committee on Delivery of
Government Efficiency" in a story on one US state. Used by pipelines/unlisted.py's units
pass; each committee is a unit (``parent``) of its chamber."""

from __future__ import annotations

import re
from typing import Any

from pipelines.accepted import Accepted, Entry
from pipelines.bodies import BodyMatcher
from pipelines.bodies_own import SENTENCE_END
from pipelines.body_ids import slug


def national_legislatures(gazetteer: Any) -> dict[str, str]:
    """Each country's national legislature, by its code: the first legislature its
    gazetteer lists, or the chamber bodies.toml's committee_chambers names."""
    chambers = [a for a in gazetteer.agencies if a.kind == "legislature" and not a.parent]
    given = gazetteer.bodies.committee_chambers if gazetteer.bodies else ()
    return {**{a.jurisdiction: a.id for a in reversed(chambers)}, **dict(given)}


class Committees:
    """Finds committees of the chambers an article names (``legislatures``: the listed
    agencies of kind "legislature")."""

    def __init__(self, bodies: BodyMatcher, legislatures: frozenset[str],
                 national: dict[str, str] | None = None) -> None:
        self.bodies, self.legislatures = bodies, legislatures
        self.national = national or {}  # country code -> its national legislature's id

    def find(self, fields: tuple[str, str], accepted: list[Accepted],
                    extra: dict[tuple[str, str], Entry],
                    unit_names: dict[str, Entry],
                    hits: list[list[Any]] | None = None) -> list[Accepted]:
        """A committee named on its own, in an article naming one legislature (or after
        the nearest one): a unit of that legislature ("the Commons Home Affairs Committee"
        in a story on the House of Commons)."""
        # each field's place mentions (the tagger's, found once; UnlistedBodies.place_hits)
        if hits is None:
            hits = [list(self.bodies.place_finder.finditer(f)) for f in fields]
        codes = {e.id: e.jurisdiction for _f, _s, e, _w in accepted}
        federal = self.national.get("US")
        if any(found.rstrip("'’s") in _BARE_CHAMBERS and e.id == federal
               for _f, _s, e, found in accepted):
            # "the Senate's Internet and Technology Committee" in a story on one US state,
            # with no federal chamber and no federal body named: that state's Senate (a
            # federal body named as its states' departments are, "the Department of Labor",
            # "the Labor Department", may be the state's: no federal evidence)
            shared = {e.id for _f, _s, e, found in accepted
                      if found.startswith(_SHARED_NAMES) or found.endswith(" Department")}
            state = None if any(
                e.kind == "agency" and e.listed and e.jurisdiction == "US" and e.id != federal
                and e.id not in shared for _f, _s, e, _found in accepted
            ) else self._one_state(fields, hits)
            if state is not None:
                accepted = self._state_not_federal(accepted, state, extra, codes)
        chambers = sorted((fld, start, e.id) for fld, start, e, _f in accepted
                          if e.kind == "agency" and (e.id in self.legislatures or e.legislature))
        # with no chamber named, a committee whose name says it is a legislature's
        # ("the Parliamentary Standing Committee on Communications and Information
        # Technology", "the Finance and Public Administration Legislation Committee") in a
        # story on one country's bodies is its national legislature's
        # (read only where it can count: no chamber named, and a committee)
        code = national = ""
        if not chambers and any("ommittee" in f for f in fields):
            country = {e.jurisdiction for _f, _s, e, _w in accepted if e.kind == "agency"}
            code = country.pop() if len(country) == 1 else ""
            if code in self.national and not self._sub_national(hits):
                national = self.national[code]
        if not chambers:
            # "the House Committee on Delivery of Government Efficiency" in a story on one
            # US state and no federal chamber: a committee of that state's House
            state = self._one_state(fields, hits) if any(
                _STATE_CHAMBER_COMMITTEE.search(f) for f in fields) else None
            if state is not None:
                chambers = self._state_chambers(fields, state, extra, codes)
                # a possessive names the chamber too ("the General Assembly's Joint
                # Technology Committee" names Colorado's General Assembly; "the House
                # Committee on …" names its committee only)
                accepted = accepted + [
                    (fld, start, extra["agency", chamber], m.group("chamber"))
                    for fld, start, chamber in chambers
                    if (m := _STATE_CHAMBER_COMMITTEE.match(fields[fld], start)) is not None
                    and fields[fld].startswith(("'s", "’s"), m.end())]
            if not chambers and not national:
                return accepted
        spans = {(fld, start, start + len(found)) for fld, start, _e, found in accepted}
        for fld, text in enumerate(fields):
            if "ommittee" not in text:
                continue
            for m in self.bodies.committee.finditer(text):
                if text.startswith(" of ", m.end()):
                    continue  # "the Standing Committee of Zhejiang Provincial People's
                    # Congress": the office list's name, or a committee of another body
                start, name = m.start(), m.group(0)
                # not a unit or a listed name already: only what no other rule tagged; a
                # name before the committee's own ("the House of Commons Justice
                # Committee") is cut off
                word = start + name.rfind("ommittee")
                over = [b for f, a, b in spans if f == fld and a < m.end() and start < b]
                if over:
                    if max(over) >= word:
                        continue
                    start = max(over)
                    name = text[start:m.end()].lstrip(" '’s")
                words = name.split(" ")
                chamber = words[0] in _CHAMBER_WORDS or words[0] in _COMMITTEE_KINDS
                while words and (words[0] in _CHAMBER_WORDS or words[0] in self.bodies.topic_stop):
                    words.pop(0)
                if words[:3] in (["Members", "of", "the"], ["Member", "of", "the"]):
                    words = words[3:]
                # the name ends before a day, a title or a person ("… Committee on Thursday")
                cut = next((i for i, w in enumerate(words) if i and w in self.bodies.topic_stop),
                           len(words))
                while cut > 1 and words[cut - 1] in ("on", "of", "for", "the", "and", "to", "in"):
                    cut -= 1
                words = words[:cut]
                name = " ".join(words)
                if not name.endswith(("Committee", "Subcommittee")) and " on " not in name \
                        and " for " not in name:
                    continue
                chamber = chamber or bool(words) and words[0] in _COMMITTEE_KINDS
                if name in ("Committee", "Subcommittee") or self.bodies._rejected(name):
                    continue
                # the legislature named just before it, or the article's only one when the
                # name says it is a chamber's ("Standing Committee on …", "the Commons …")
                before = [(f, s, c) for f, s, c in chambers if (f, s) < (fld, start)]
                near = [c for f, s, c in before if f == fld and start - s <= _NEAR_CHAMBER]
                if not near:
                    # … or named after it in its sentence ("Members of the Health, Social
                    # Care and Sport Committee have asked … before the Scottish Parliament
                    # breaks")
                    stop = SENTENCE_END.search(text, m.end())
                    end = stop.start() if stop is not None else len(text)
                    near = [c for f, s, c in chambers if f == fld and m.end() <= s < end][:1]
                parents = {c for _f, _s, c in chambers}
                parent = near[-1] if near else (parents.pop() if chamber and len(parents) == 1
                                                else "")
                if not parent and not chambers and national and (
                        any(w in _COMMITTEE_KINDS for w in words)
                        or _PARLIAMENTARY.search(m.group(0)) is not None):
                    parent = national
                if not parent:
                    continue
                unit_id = f"{parent}-{slug(name)}"
                entry = extra.setdefault(("agency", unit_id), Entry(
                    "agency", unit_id, name, codes.get(parent, code),
                    listed=False, parent=parent))
                # where the name stands (it may end before the match does: "… on Thursday")
                begin = max(text.find(name, start, m.end()), start)
                accepted.append((fld, begin, entry, name))
                spans.add((fld, begin, begin + len(name)))
                unit_names.setdefault(name, entry)
        return accepted


    def _sub_national(self, hits: list[list[Any]]) -> bool:
        """Whether the article names (``hits``: its place mentions) a state, province or
        region, whose legislature a committee named alone may be ("the Public Accounts
        Committee" in Sydney)."""
        return any(self.bodies.place_kinds.get(name) in self.bodies.state_kinds
                   for field in hits for _s, _e, name, _p in field)

    def _one_state(self, fields: tuple[str, str],
                   hits: list[list[Any]]) -> tuple[str, str] | None:
        """(id prefix, code) of the one US state the article names (``hits``: its place
        mentions), when it names one and no federal chamber ("Congress", "U.S. House" …);
        else None."""
        if any(_FEDERAL_CHAMBER.search(f) for f in fields):
            return None
        states = {self.bodies.places[name][:2] for field in hits for _s, _e, name, _p in field
                  if self.bodies.place_kinds.get(name) == "state"
                  and self.bodies.places[name][1] == "US"}
        return states.pop() if len(states) == 1 else None

    def _state_not_federal(self, accepted: list[Accepted], state: tuple[str, str],
                           extra: dict[tuple[str, str], Entry],
                           codes: dict[str, str]) -> list[Accepted]:
        """``accepted`` with each bare "Senate" or "House" that was Congress made the
        chamber of the one state the story is on (``extra`` and ``codes`` gain it)."""
        prefix, code = state
        federal = self.national.get("US")
        out: list[Accepted] = []
        swapped: list[tuple[int, int, str]] = []  # (field, offset, the state chamber's id)
        for fld, start, e, found in sorted(accepted, key=lambda a: (a[0], a[1])):
            short = found.rstrip("'’s")
            if short in _BARE_CHAMBERS and e.id == federal:
                chamber = f"{prefix}-{slug(self.bodies.chamber(prefix, short))}"
                e = extra.setdefault(("agency", chamber), Entry(
                    "agency", chamber, short, code, listed=False, legislature=True))
                codes[chamber] = code
                swapped.append((fld, start, chamber))
            elif e.parent == federal and not e.listed and swapped and swapped[-1][0] == fld:
                # its unit named after it ("the Senate's Internet and Technology Committee")
                parent = swapped[-1][2]
                unit = f"{parent}-{slug(e.name)}"
                e = extra.setdefault(("agency", unit), Entry(
                    "agency", unit, e.name, code, listed=False, parent=parent))
            out.append((fld, start, e, found))
        return out

    def _state_chambers(self, fields: tuple[str, str], state: tuple[str, str],
                        extra: dict[tuple[str, str], Entry],
                        codes: dict[str, str]) -> list[tuple[int, int, str]]:
        """The state's chambers its committees name ("House Committee on …"): (field,
        offset, chamber id) of each such committee's mention (``extra`` and ``codes``
        gain the chambers' entries)."""
        prefix, code = state
        out = []
        for fld, text in enumerate(fields):
            for m in _STATE_CHAMBER_COMMITTEE.finditer(text):
                chamber = f"{prefix}-{slug(self.bodies.chamber(prefix, m.group('chamber')))}"
                extra.setdefault(("agency", chamber), Entry(
                    "agency", chamber, f"{m.group('chamber')}", code, listed=False,
                    legislature=True))
                codes[chamber] = code
                out.append((fld, m.start(), chamber))
        return out


# a committee named after a US state's chamber ("House Committee on …", "Senate Finance
# Committee") and the words that say a story is on the federal Congress
# (or the whole legislature, where it is a General Assembly: "the General Assembly's Joint
# Technology Committee" in Colorado)
_STATE_CHAMBER_COMMITTEE = re.compile(
    r"(?<![A-Za-z.])(?P<chamber>House|Senate|General Assembly)"
    r"(?=(?:['’]s)? (?:[A-Z][a-z]+ ){0,4}(?:Committee|Subcommittee)\b)")
_BARE_CHAMBERS = frozenset({"Senate", "House"})
_SHARED_NAMES = ("Department of ", "Office of ", "Bureau of ", "Division of ")
# words before a committee's name that make it a legislature's: "the Parliamentary Standing
# Committee on …" (with _COMMITTEE_KINDS)
_PARLIAMENTARY = re.compile(r"\bParliamentary\b|\bParliament['’]s\b")
_FEDERAL_CHAMBER = re.compile(r"\bCongress|\b[Cc]ongressional\b|U\.S\. (?:House|Senate)|"
                              r"\bUS (?:House|Senate)|Capitol Hill|\bfederal lawmakers")

_NEAR_CHAMBER = 300  # characters between a legislature's mention and its committee's
# a committee's own name saying it is a legislature's
_COMMITTEE_KINDS = frozenset({"Standing", "Select", "Joint", "Portfolio", "Permanent",
                              "Departmental", "Legislation", "References", "Estimates"})
# words that name the chamber before its committee's own name ("the Commons Home Affairs
# Committee", "the Senate Committee on Finance"): not part of the unit's name
_CHAMBER_WORDS = frozenset({"The", "the", "A", "Commons", "Lords", "House", "Senate", "Dáil",
                            "Seanad", "Oireachtas", "Parliament", "Parliamentary",
                            "Parliament's", "Congressional", "Assembly"})
