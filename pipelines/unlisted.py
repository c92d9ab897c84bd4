"""Bodies no list names, joined to the tagger's listed names (pipelines/tagger.py).

:class:`UnlistedBodies` finds the bodies bodies.toml's patterns recognise in one field
(pipelines/bodies.py), drops those a listed name or a composed office already covers,
gives each its entry (its jurisdiction from the place, else from the article's context),
and adds the units found right next to accepted agencies, which carry that agency as
``parent``. :class:`Entry` is what a mention resolves to: a gazetteer entry (``listed``)
or such a body.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import deque
from typing import Any

from crawler.shared.text import HAN_CHAR
from pipelines.accepted import Accepted, Entry, Found
from pipelines.bodies import Body, BodyMatcher
from pipelines.bodies_own import SENTENCE_END
from pipelines.body_ids import loose, without_owner
from pipelines.committees import Committees
from pipelines.matcher import TermMatcher
from pipelines.offices import HAS_ASCII_UPPER, MAX_NAME

# an indefinite article right before a name: "an Office of …"
_INDEFINITE = re.compile(r"(?<![A-Za-z])(?:[Aa]n?) $")

CONTEXT_CHARS = 200  # how near a jurisdiction's mention must be to decide a name's


def _named_before(found: list[tuple[int, int, str, Any]], code: str, start: int) -> bool:
    """True when the jurisdiction ``code`` is named within CONTEXT_CHARS before ``start``."""
    return any(start - CONTEXT_CHARS <= s < start and any(
        k == "jurisdiction" and i == code for k, i, _amb in payloads)
        for s, _e, _f, payloads in found)


class UnlistedBodies:
    """The tagger's view of bodies.toml: its matcher, entries and names, shared."""

    def __init__(self, bodies: BodyMatcher, entries: dict[tuple[str, str], Entry],
                 matcher: TermMatcher, legislatures: frozenset[str] = frozenset(),
                 names: dict[tuple[str, str], set[str]] | None = None,
                 national: dict[str, str] | None = None) -> None:
        self.bodies, self.entries, self.matcher = bodies, entries, matcher
        # (``legislatures``: the listed agencies of kind "legislature", whose committees
        # are their units; ``national``: each country's national one, by its code)
        self.committees = Committees(bodies, legislatures, national or {})
        # (jurisdiction, loose form of an English name or alias) -> listed agency ids
        self.loose_names = names or {}

    def place_hits(self, text: str) -> list[Any]:
        """The mentions of bodies.toml's places (states, provinces, prefectures, cities) in
        one field: found once per field, for :meth:`find` and :meth:`place_mentions`."""
        return list(self.bodies.place_finder.finditer(text))

    def without_shared(self, hits: list[list[Any]]) -> list[list[Any]]:
        """Each field's place hits (:meth:`place_hits`) without those of a name another
        country's place shares (bodies.toml shared_place_names: "Victoria" = "CA") where
        the article names that country's places and no other place of this one's."""
        shared = dict(self.bodies.rules.shared_place_names)
        if not shared or not any(h[3][0] in shared for field in hits for h in field):
            return hits
        codes = {self.bodies.places[h[3][0]][1] for field in hits for h in field
                 if h[3][0] not in shared}
        return [[h for h in field if h[3][0] not in shared or shared[h[3][0]] not in codes
                 or self.bodies.places[h[3][0]][1] in codes] for field in hits]

    @staticmethod
    def place_mentions(hits: list[list[Any]]) -> list[tuple[int, int, str]]:
        """(field, offset, name) of each place mention (``hits``: :meth:`place_hits` of the
        title and the text), for :meth:`with_states` and :meth:`with_places`."""
        return [(fld, s, name) for fld, field_hits in enumerate(hits)
                for s, _e, name, _p in field_hits]

    def with_states(self, said: list[tuple[int, int, str]],
                    counts: dict[str, int]) -> dict[str, int]:
        """``counts`` plus one for each mention of a state, province or prefecture
        (:meth:`place_mentions`) to its country, three in the title."""
        out = dict(counts)
        for fld, _s, name in said:
            if name in self.bodies.state_places:
                code = self.bodies.places[name][1]
                out[code] = out.get(code, 0) + (3 if fld == 0 else 1)
        return out

    def with_places(self, said: list[tuple[int, int, str]], anchors: dict[str, list[int]],
                    codes: set[str]) -> dict[str, list[int]]:
        """``anchors`` plus the offset of each mention of a place (:meth:`place_mentions`)
        in the text under its country, for the countries ``codes``."""
        out = {code: list(positions) for code, positions in anchors.items()}
        for fld, s, name in said:
            known = self.bodies.places.get(name)
            if fld == 1 and known is not None and not known[2] and known[1] in codes:
                out.setdefault(known[1], []).append(s)
        for positions in out.values():
            positions.sort()
        return out

    def find(self, text: str, found: Found, office_spans: list[tuple[int, int]],
             places: list[Any] | None = None) -> list[Body]:
        """Unlisted bodies in one field, without those a listed name or an office covers
        (``places``: the field's :meth:`place_hits`, when already found)."""
        candidates = self.bodies.english(text, places) if HAS_ASCII_UPPER.search(text) else []
        if HAN_CHAR.search(text):
            # a place name two places share (吉林 the province and the city) decides nothing
            places = [(s, e, ids[0]) for s, e, _f, p in found
                      if len(ids := [i for k, i, _amb in p if k == "location"]) == 1]
            candidates += self.bodies.chinese(text, places, office_spans)
        out: list[Body] = []
        starts = [s for s, _e, _f, _p in found]
        for body in sorted(candidates, key=lambda b: (b.start, -(b.end - b.start))):
            if out and body.start < out[-1].end:
                continue  # overlaps a longer body found first
            if any(a < body.end and body.start < b for a, b in office_spans):
                continue
            # names that could cover the body start at most MAX_NAME before it
            near = found[bisect_left(starts, body.start - MAX_NAME):bisect_left(starts, body.end)]
            if self._listed_covers(body, near):
                continue
            if body.text.startswith("Office of ") and _INDEFINITE.search(
                    text, max(0, body.start - 4), body.start) is not None:
                # "the vendor runs an Office of Responsible AI": one of a kind, not a body
                # (but "a Ministry of Transportation model", "A Yokosuka City official")
                continue
            if not body.text.isascii() and not body.id.endswith("-gov") and any(
                    e == body.start and any(k == "agency" and not amb for k, _i, amb in p)
                    for _s, e, _f, p in near):
                # 食環署油尖旺區環境衞生辦事處: the district office of the department named
                # right before it, read as its unit (add_units)
                continue
            out.append(body)
        return out

    def _listed_covers(self, body: Body, found: Found) -> bool:
        """True when a listed agency is what the body names: its name spans the whole body
        ("Tokyo Metropolitan Government"; for a state's or province's body, only a name
        listed in that jurisdiction), or, after a country ("Japan's Digital Agency"), the
        rest of it is the name of one of that country's listed agencies."""
        for s, e, _f, payloads in found:
            agencies = [i for k, i, _amb in payloads if k == "agency"]
            if not agencies:
                continue
            if s <= body.start and e >= body.end:
                if body.any_context and (s, e) == (body.start, body.end) and all(
                        amb for k, _i, amb in payloads if k == "agency"):
                    # "the Ministry of Digital Affairs", a name several countries' bodies
                    # share: the article's country decides (its listed one, by name, in
                    # entry_for), not only the countries that list it
                    continue
                # "the Legislative Council" after NSW is NSW's, not Hong Kong's; but after
                # its own country ("New Zealand's … the Department of Internal Affairs") a
                # name only one country's body has is that body's
                elsewhere = body.jurisdiction and not body.national \
                    and (s, e) == (body.start, body.end) and not any(
                        self.entries["agency", a].jurisdiction == body.jurisdiction
                        for a in agencies) and not (
                        len(agencies) == 1 and _named_before(
                            found, self.entries["agency", agencies[0]].jurisdiction, s))
                if not elsewhere:
                    return True
                continue
            if body.weak and body.start <= s and e == body.end and any(
                    not amb for k, _i, amb in payloads if k == "agency"):
                # "Australian Federal Police": the listed name wins; an ambiguous one
                # does not ("Horowhenua District Council" is no Hong Kong District Council)
                return True
            if body.start < s < body.end < e and body.jurisdiction and any(
                    self.entries["agency", a].jurisdiction == body.jurisdiction for a in agencies):
                # "Hong Kong's Office of the Government" cut short of its listed name
                # ("… Office of the Government Chief Information Officer")
                return True
            if body.national and body.start <= s and e == body.end and any(
                    self.entries["agency", a].jurisdiction == body.jurisdiction for a in agencies):
                return True
        return False

    def _places_own_listing(self, body: Body) -> Entry | None:
        """The listed body a state's or city's name is written before: "New South Wales
        Department of Customer Service" is the listed "Department of Customer Service" whose
        id is New South Wales' (au-nsw-dcs); another place's body of that name is not."""
        if not body.id or body.parent or not body.name.isascii():
            return None
        place_id = next((p for p in self.bodies.place_english if body.id.startswith(p + "-")), "")
        if not place_id:
            return None
        words = body.name.split(" ")
        for k in range(1, min(4, len(words))):
            rest = " ".join(words[k:])
            if not rest[:1].isupper():
                continue
            own = {i for s, e, _f, p in self.matcher.finditer(rest) if s == 0 and e == len(rest)
                   for kind, i, _amb in p if kind == "agency" and i.startswith(place_id + "-")}
            if len(own) == 1:
                return self.entries["agency", own.pop()]
        return None

    def _ending_places(self, name: str) -> set[str]:
        """The jurisdictions of the places (of one to four words) ``name`` ends with."""
        words = name.split(" ")
        return {place[1] for k in range(1, min(4, len(words)) + 1)
                if (place := self.bodies.places.get(" ".join(words[-k:]))) is not None}

    def _place_first(self, name: str) -> bool:
        """Whether ``name`` starts with a place of bodies.toml ("Hiroshima Local …")."""
        return any(s == 0 for s, *_r in self.bodies.place_finder.finditer(name))

    def _listed_whole(self, name: str) -> set[str]:
        """The listed agencies ``name`` is a whole name of."""
        return {i for s, e, _f, p in self.matcher.finditer(name) if s == 0 and e == len(name)
                for k, i, _amb in p if k == "agency"}

    def entry_for(self, body: Body, counts: dict[str, int], source_jurisdiction: str,
                  anchors: dict[str, list[int]] | None = None,
                  states: dict[str, int] | None = None) -> Entry | None:
        """The entry of a body: a listed agency when its name, written out with its place,
        is listed; else a derived id under its place's jurisdiction or, for a place no list
        has, the one the article's context decides (None when nothing does; ``states``:
        the countries of the states and provinces the article names, the last resort)."""
        if body.listed_form and (listed := self.entries.get(("agency", body.id))) is not None:
            return listed  # 园区管委会: the committee the office list composes for the zone
        if body.listed_form:  # "the state's Department of Education" after "NSW"
            # (of the body's own jurisdiction: "Ministry of Health of the Government of
            # Ghana" is no other country's listed ministry)
            whole = {i for i in self._listed_whole(body.listed_form) if not body.jurisdiction
                     or self.entries["agency", i].jurisdiction == body.jurisdiction}
            if len(whole) == 1:
                return self.entries["agency", whole.pop()]
        # a name another country lists whole, ending in a place of that country, is that
        # body ("Office of the Information and Privacy Commissioner for British Columbia"
        # after "Victoria", Australia's state)
        # (the place test first: most bodies end in no other country's place, and the
        # listed-name scan is then not needed)
        others = self._ending_places(body.text) - {body.jurisdiction} if body.jurisdiction \
            else set()
        named = [self.entries["agency", i] for i in self._listed_whole(body.text)] \
            if others else []
        if len(named) == 1 and named[0].jurisdiction in others:
            return named[0]
        if (own := self._places_own_listing(body)) is not None:
            return own
        code = body.jurisdiction
        if not code:  # a council or police force of a place no list has: the article decides
            allowed = tuple(counts) if body.any_context else \
                self.bodies.rules.city_jurisdictions if body.city_of \
                else self.bodies.rules.council_jurisdictions
            known = [c for c in counts if c in allowed]
            # a national body takes the country named just before it ("In Germany, the
            # Federal Network Agency"), else the article's main jurisdiction
            before = {c: body.start - max(p for p in (anchors or {}).get(c, []) if p < body.start)
                      for c in known if body.any_context
                      and any(p < body.start for p in (anchors or {}).get(c, []))}
            near = [c for c, d in before.items() if d <= CONTEXT_CHARS]
            if near:
                code = min(near, key=lambda c: before[c])
            elif known:
                code = max(known, key=lambda c: counts[c])
            elif by_state := [c for c in (states or {}) if c in allowed]:
                # "the Hyderabad City Police" in a story naming only Telangana
                code = max(by_state, key=lambda c: (states or {})[c])
            elif source_jurisdiction in allowed:
                code = source_jurisdiction
            else:
                code = body.fallback
            if not code:
                return None
        if body.unitary and code in self.bodies.own_kinds_jurisdictions:
            return None  # a US state's or a Canadian province's agency as likely as the country's
        body_id = body.id or f"{code.lower()}-{body.id_tail}"
        same = self.loose_names.get((code, loose(body.name)), set()) or self.loose_names.get(
            (code, loose(without_owner(body.name))), set())
        if len(same) == 1 and not body.parent and (body.national or body.any_context):
            # "Ministry for Digital Transformation and Civil Service": the listed
            # "… and the Civil Service", written without its articles (a national body
            # only: "Lagos State Ministry of …" is no federal ministry)
            return self.entries["agency", next(iter(same))]
        listed = self.entries.get(("agency", body_id.removesuffix("-government")))
        if body_id.endswith("-government") and listed is not None and listed.listed:
            return listed  # "Tokyo Governor": jp-tokyo, the Tokyo Metropolitan Government
        return Entry("agency", body_id, body.name, code, listed=False, parent=body.parent,
                     name_en=body.name_en,
                     legislature=body.legislature or not body.parent
                     and self.bodies.chamber_name.search(body.name) is not None)

    def _units(self, text: str, start: int, end: int, entry: Entry,
               chinese_parent: bool, link_only: bool = False) -> list[Body]:
        if not self.bodies.enabled:
            return []
        units = self.bodies.units(text, start, end, entry.id) if text[start:end].isascii() else []
        zh = self.bodies.chinese_units(text, end, entry.id, link_only) if chinese_parent else None
        joined = self.bodies.joined_unit(text, zh) if zh is not None else None
        return [*units, *(u for u in (zh, joined) if u is not None)]

    def add_units(self, fields: tuple[str, str], accepted: list[Accepted],
                  extra: dict[tuple[str, str], Entry],
                  hits: list[list[Any]] | None = None) -> list[Accepted]:
        """``accepted`` with the units next to its agencies (``extra`` gains their
        entries): units of listed agencies, of bodies the patterns found and, in Chinese,
        of offices.toml's offices."""
        listed_spans = [(fld, start, start + len(found)) for fld, start, e, found in accepted
                        if e.kind == "agency"]
        starts = {f: sorted((s, e) for g, s, e in listed_spans if g == f) for f in (0, 1)}
        # the agencies accepted at each (field, start), for a unit's look at what it covers
        at: dict[tuple[int, int], list[tuple[Entry, str]]] = {}
        for fld, start, e, found in accepted:
            if e.kind == "agency":
                at.setdefault((fld, start), []).append((e, found))
        unit_names: dict[str, Entry] = {}
        # "the council's Audit Committee": units of the council named last, by parent
        owned = [self.bodies.kind_units(fields[fld], sorted(
            (s, e.id, f) for g, s, e, f in accepted if g == fld and e.kind == "agency"
            and not e.parent)) if self.bodies.enabled and ("'s " in fields[fld]
                                                          or "’s " in fields[fld]) else {}
            for fld in (0, 1)]
        # (the units found go on the list too: a unit's unit, 經濟部水利署第六河川分署)
        pending = deque(accepted)
        unit_spans: set[tuple[int, int, int]] = set()  # spans whose units were looked for
        while pending:
            fld, start, entry, found = pending.popleft()
            # (a unit's units too: the Emerging Technologies Wing of a state's department,
            # itself a unit of the state's government)
            if entry.kind != "agency":
                continue
            # a Chinese unit needs a listed parent or an office of offices.toml
            # (成都市公安局交通管理局); an English one a listed parent or a pattern body
            office = self.entries.get(("agency", entry.id)) is entry and not entry.listed
            # (a people's government a pattern found has units too: 德清县人民政府办公室, and
            # so has any body 該局 "this bureau" stands for: 该局数据资源科)
            chinese = bool(HAN_CHAR.search(found)) and (entry.listed or office
                                                        or found.endswith("政府")
                                                        or found[:1] in "該该")
            # (a body only a pattern found has units too, with more care: a unit a link word
            # names, 德清县数据局已成立…专班, or one of its ranks right after it, 县公安局交通警察
            # 大队; not a task force right after it, a verb's object as often as a name)
            link_only = not chinese and bool(HAN_CHAR.search(found)) \
                and ("agency", entry.id) in extra
            chinese = chinese or link_only
            if not entry.listed and ("agency", entry.id) not in extra and not chinese:
                continue
            found_units = self._units(fields[fld], start, start + len(found), entry, chinese,
                                      link_only)
            if self.bodies.enabled and found.isascii():
                # "The Tokyo Metropolitan Government will …, its Digital Service Bureau said":
                # "its" before the next agency named in the sentence is this agency
                spans = starts[fld]
                i = bisect_left(spans, (start + len(found), -1))
                limit = spans[i][0] if i < len(spans) else len(fields[fld])
                # (the end of the agency named before this one: "Its" opening the next
                # sentence is this one's only when it is alone in its sentence)
                j = bisect_left(spans, (start, -1))
                before = spans[j - 1][1] if j else 0
                alone = not before or SENTENCE_END.search(fields[fld], before, start) is not None
                found_units += self.bodies.its_units(fields[fld], start + len(found), limit,
                                                     entry.id, next_sentence=alone)
                # … once per parent, at its first mention
                found_units += owned[fld].pop(entry.id, [])
            for unit in found_units:
                if entry.name == unit.text or entry.name.endswith(" " + unit.text):
                    continue  # "the Colorado Attorney General, whose Department of Law …": itself
                spans = starts[fld]
                i = bisect_left(spans, (unit.start, -1))
                if i < len(spans) and spans[i][0] < unit.end and spans[i][1] <= unit.end:
                    # a listed name is the unit's whole name, or inside it; unless it is an
                    # agency of another jurisdiction ("MLIT's Kinki Regional Development
                    # Bureau" holds Hong Kong's "Development Bureau"): the unit wins
                    foreign = [(fld, s, e) for s, _end in spans[i:bisect_left(spans, (unit.end, -1))]
                               for e, f in at.get((fld, s), ()) if s + len(f) <= unit.end]
                    # (an English body no list names, read as the unit's whole name, is the unit:
                    # "the Department of Revenue in the Ministry of Finance" is no Chennai
                    # department because Chennai is the dateline; but "the Hiroshima Local
                    # Meteorological Office of the …" names its own place)
                    derived = bool(foreign) and unit.text.isascii() and all(
                        not e.listed and (_g, _s) == (fld, unit.start)
                        and _s + len(next(f for x, f in at[fld, _s] if x is e)) == unit.end
                        for _g, _s, e in foreign) and not self._place_first(unit.text)
                    if not derived and (not foreign or any(
                            e.jurisdiction == entry.jurisdiction for _g, _s, e in foreign)):
                        continue
                    accepted = [a for a in accepted if (a[0], a[1], a[2]) not in foreign]
                # a unit named with its parent wins over a body a place inside it made
                # (財政部北區國稅局: the ministry's unit, not Hong Kong's North District's)
                accepted = [a for a in accepted if not (
                    a[0] == fld and a[2].kind == "agency" and not a[2].listed
                    and not a[2].parent and a[2].id != entry.id
                    and unit.start <= a[1] < unit.end)]
                unit_entry = Entry("agency", unit.id, unit.name, entry.jurisdiction,
                                   listed=False, parent=entry.id)
                extra.setdefault(("agency", unit.id), unit_entry)
                accepted.append((fld, unit.start, extra["agency", unit.id], unit.text))
                if (fld, unit.start, unit.end) not in unit_spans:  # (once: no cycle)
                    unit_spans.add((fld, unit.start, unit.end))
                    pending.append(accepted[-1])
                unit_names.setdefault(unit.text, extra["agency", unit.id])
        accepted = self.committees.find(fields, accepted, extra, unit_names, hits)
        if unit_names:
            # the unit named again without its parent (北區國稅局 in the headline) is the
            # unit, not a body a place inside the name made
            accepted = [(f, s, unit_names[found], found)
                        if e.kind == "agency" and not e.listed and not e.parent
                        and found in unit_names else (f, s, e, found)
                        for f, s, e, found in accepted]
        return accepted

