"""Tagging stage: who (agencies), where (jurisdictions, locations), with whom (vendors).

:func:`tag` is pure: title + text + Gazetteer in, :class:`Tags` out. All names of the
gazetteer are compiled once into one matcher (pipelines/matcher.py), so a 100 KB article
is one regex pass plus a little Python per mention.

Resolution rules:
- A name that belongs to one entry and is not marked ``ambiguous`` is accepted.
- An ambiguous name (DPO, HA, "AI Office") counts only with context: another name of the
  same entry elsewhere in the text, or a mention of the entry's jurisdiction (its name,
  or one of its agencies or places) in the title or within CONTEXT_CHARS of it. An
  agency name with no such context goes to the only jurisdiction the article names, when
  one of its entries is of it ("the House of Representatives" in a story naming only US
  bodies), or to the one it names 1.5 times as often as all others together
  (pipelines/context.py). A state's, prefecture's or city's name (bodies.toml) is context
  too, for a country the article names otherwise.
  For vendors the context is another name of the vendor or another vendor nearby.
- A name shared by several entries ("Department of Justice" in HK and US, 立法會 in HK
  and Macao) goes to the one with context as above; failing that, to the only entry for
  which it is not marked ambiguous (金管局: Hong Kong's HKMA, Singapore's MAS only with
  Singapore nearby), then to the source's
  jurisdiction, then to the entry whose official name it is (立法會 is the official name
  of Hong Kong's LegCo, a short form of Macao's), then to the jurisdiction the article
  mentions most; else it is dropped.
- A false friend of an entry (``false_friends`` in the gazetteer: 廣東話 "Cantonese" for
  Guangdong, "New South Wales" for Wales) is matched like a name, longest match first, and
  then ignored, so the name inside it does not count. A jurisdiction name directly followed
  by "$" is a currency ("US$1.6 billion"), not a place, and is ignored too.
- Jurisdictions come from jurisdiction names, agencies and locations; the source's own
  jurisdiction is used only when the text names none.
- Office-holders' titles (titles.toml) are names of the office they head.
- Bodies no list names (pipelines/bodies.py, bodies.toml) are found by their shape and
  tagged with ``listed: False`` and a derived id; a listed name that is the whole body
  (or, after a country, the rest of it) wins. A name inside such a body ("Department of
  Transportation" in "Georgia Department of Transportation") is part of it. A unit right
  next to an accepted listed agency gets that agency as ``parent``.
- Each list is ordered by prominence: a title mention weighs TITLE_WEIGHT, a mention in
  the first LEAD_CHARS of the text LEAD_WEIGHT, any other 1; ties by first appearance.

The stage (pure :func:`pipelines.tagging.tag` and the Scrapy adapter) is pipelines/tagging.py;
office-holders' titles and composed offices are matched by pipelines/offices.py; bodies no
list names and units are joined to the listed names by pipelines/unlisted.py.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field, replace
from typing import Any

from crawler.config import Gazetteer, and_spellings
from crawler.shared.text import cased_dateline
from pipelines.accepted import Entry as _Entry
from pipelines.acronyms import abbreviated, acronyms_of
from pipelines.bodies import Body, BodyMatcher
from pipelines.body_ids import loose_names
from pipelines.committees import national_legislatures
from pipelines.context import main_jurisdiction, nearest, not_currency
from pipelines.matcher import TermMatcher, zh_variants
from pipelines.offices import AND_WORD, OfficeMatcher
from pipelines.unlisted import CONTEXT_CHARS, UnlistedBodies
from pipelines.whole_article import read_again
from pipelines.whole_article_zh import (
    city_governments,
    listed_city_units,
    taiwan_cities,
    this_ones,
)

TITLE_WEIGHT = 3.0


LEAD_WEIGHT = 1.5


LEAD_CHARS = 400


_KINDS = ("jurisdiction", "agency", "vendor", "location")


_SKIP = ("false friend", "", False)  # payload of a false friend: matched, then ignored


@dataclass(frozen=True)
class Tags:
    """Each agency, vendor and location is a dict: ``id``, ``name``, ``jurisdiction`` (not
    for vendors), ``listed`` (False for a body recognised by its shape: offices.toml,
    bodies.toml), ``parent`` (the listed agency a unit belongs to, else None), ``mentions``
    (the strings as the text gives them, in order of appearance) and, for an unlisted
    Chinese body whose office the office list knows, ``name_en``."""

    jurisdictions: list[str] = field(default_factory=list)
    agencies: list[dict[str, Any]] = field(default_factory=list)
    vendors: list[dict[str, Any]] = field(default_factory=list)
    locations: list[dict[str, Any]] = field(default_factory=list)
    source_jurisdiction: str = ""


# a word before a title that makes it a sub-national office-holder's ("state Minister for")
_SUB_NATIONAL = re.compile(r"\b(?:state|regional|provincial|county|city|municipal|shadow|"
                           r"opposition|(?:the )?(?:state|province|territory)(?:'s|’s))\s+$",
                           re.IGNORECASE)
# a place right after a listed name: "Environment Protection Authority Victoria", "the
# Auditor General of Ontario" (then a word that is no name: the place ends the name)
_PLACE_AFTER = re.compile(r"(?P<of> of(?: the)?)? (?P<place>[A-Z][\w'’-]*(?: [A-Z][\w'’-]*){0,3})"
                          r"(?! [A-Z])")


def _case_sensitive(term: str, abbreviations: tuple[str, ...]) -> bool:
    """Abbreviations and single ASCII words must match exactly; longer names in any case."""
    return term in abbreviations or (term.isascii() and " " not in term)


class Tagger:
    """A gazetteer compiled for matching; build once, call :meth:`tag` per article."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.entries: dict[tuple[str, str], _Entry] = {}
        terms: list[tuple[str, bool, tuple[str, str, bool]]] = []
        # Names that are an entry's official name (English, or first Chinese name): when a
        # name is shared and nothing else decides, the entry it officially names wins.
        self.official: set[tuple[str, str, str]] = set()
        self.titles: set[str] = set()  # English portfolio titles ("Secretary for Health")
        # titles read off ministries' and departments' names ("Minister for Transport"): a
        # state's or a region's office-holder of that name heads another body
        self.headed = gazetteer.derived_titles
        for j in gazetteer.jurisdictions:
            self.entries["jurisdiction", j.code] = _Entry("jurisdiction", j.code, j.name, j.code)
            for name in j.names:
                terms.append((name, _case_sensitive(name, ()),
                              ("jurisdiction", j.code, name in j.ambiguous)))
            terms.extend((p, _case_sensitive(p, ()), _SKIP) for p in j.false_friends)
        for kind, entities in (("agency", gazetteer.agencies), ("vendor", gazetteer.vendors),
                               ("location", gazetteer.locations)):
            for e in entities:
                self.entries[kind, e.id] = _Entry(kind, e.id, e.name, e.jurisdiction,
                                                  listed=not getattr(e, "place", ""),
                                                  parent=getattr(e, "parent", ""))
                if getattr(e, "place", ""):
                    continue  # an office made of place + office: see self.offices
                # office-holders' titles name the office they head (titles.toml)
                for title in getattr(e, "titles", ()):
                    if title.isascii() and (" for " in title or " of " in title):
                        self.titles.add(title.lower())
                    terms.append((title, _case_sensitive(title, ()),
                                  (kind, e.id, title in e.ambiguous_titles)))
                for name in (e.name, *e.names_zh_hant[:1], *e.names_zh_hans[:1]):
                    self.official.update((kind, e.id, v) for v in zh_variants(name))
                for name in e.names:
                    for spelling in and_spellings(name):
                        terms.append((spelling, _case_sensitive(name, e.abbreviations),
                                      (kind, e.id, name in e.ambiguous)))
                terms.extend((p, _case_sensitive(p, e.abbreviations), _SKIP)
                             for p in e.false_friends)
        self.matcher = TermMatcher(terms)
        self.offices = OfficeMatcher(gazetteer)
        self.bodies = BodyMatcher(gazetteer.bodies, gazetteer.locations,
                                  gazetteer.jurisdictions, gazetteer.offices)
        self.unlisted = UnlistedBodies(
            self.bodies, self.entries, self.matcher, frozenset(
                a.id for a in gazetteer.agencies if a.kind == "legislature"),
            loose_names(gazetteer.agencies, {j.code: tuple(j.names) for j in gazetteer.jurisdictions}),
            national=national_legislatures(gazetteer))
        self.cities = taiwan_cities(self.entries, (  # for 市府, 縣府 and their councils
            loc.id for loc in gazetteer.locations if loc.jurisdiction == "TW"
            and any(n.endswith("縣") for n in loc.names_zh_hant)))
        self.city_governments = city_governments(gazetteer.agencies, gazetteer.locations)
        # (a listed unit after 市府: 研究發展考核委員會 is Kaohsiung's tw-kh-rdec)
        self.city_units = {key: self.entries["agency", i] for key, i in listed_city_units(
            gazetteer.agencies, {n: a.id for a in gazetteer.agencies if a.jurisdiction == "TW"
                                 and a.id.endswith("-gov") for n in a.names_zh_hant}).items()
            if ("agency", i) in self.entries}
        # names that read as an office-holder's portfolio ("Secretary for Health")
        self.titles.update(n.lower() for a in gazetteer.agencies for n in a.names
                           if n.isascii() and (" for " in n or " of " in n)
                           and n.split(" ", 1)[0] in self.bodies.topic_stop)

    def tag(self, title: str, text: str, source_jurisdiction: str = "") -> Tags:
        # (a dateline in capitals names its place as any mention does: "SEATTLE —")
        title, text = title or "", cased_dateline(text or "", self.bodies.places,
                                                  self.bodies.national_datelines)
        fields = (title, text)
        # (field, start, matched text, [(kind, id, ambiguous), ...]); field 0 = title, 1 = text
        mentions: list[tuple[int, int, str, list[tuple[str, str, bool]]]] = []
        bodies: list[tuple[int, Body]] = []
        # each field's place mentions, found once
        place_hits = self.unlisted.without_shared(
            [self.unlisted.place_hits(f) for f in fields]) if self.bodies.enabled else [[], []]
        for fld, field_text in enumerate(fields):
            found_here = [(s, e, f, not_currency(p, field_text, e))
                          for s, e, f, p in self.matcher.finditer(field_text)]
            offices = self.offices.find(field_text, found_here)
            # a name inside an office's span (教育局 in 广州市教育局) is part of the office
            inside = [(s, s + len(f)) for s, f, _agency in offices]
            composed = [(s, s + len(f)) for s, f, agency in offices if agency]
            found_bodies = self.unlisted.find(field_text, found_here, composed, place_hits[fld]) \
                if self.bodies.enabled else []
            spans = [(b.start, b.end) for b in found_bodies]  # sorted, not overlapping
            span_starts = [a for a, _b in spans]
            for s, e, f, p in found_here:
                if inside and any(a < s < b for a, b in inside):
                    continue
                if f.lower() in self.headed and self._sub_national(field_text, s):
                    # "the Massachusetts Secretary of Transportation", "Madrid's regional
                    # Minister of Health": not the national department's head
                    p = [payload for payload in p if payload[0] != "agency"]
                    if not p:
                        continue
                if f.lower() in self.titles and self._longer_title(field_text, e):
                    # "Cabinet Secretary for Health and Social Care" is not the title
                    # "Secretary for Health": a portfolio goes on after it
                    p = [payload for payload in p if payload[0] != "agency"]
                    if not p:
                        continue
                if any(payload[0] == "agency" for payload in p) \
                        and (place := self._place_after(field_text, e)) is not None:
                    # "Environment Protection Authority Victoria" is not the US EPA, "the
                    # Auditor General of Ontario" not Canada's: another place's body
                    p = [payload for payload in p if payload[0] != "agency"
                         or self._of_place(self.entries["agency", payload[1]], place)]
                    if not p:
                        continue
                i = bisect_right(span_starts, s) - 1
                if i >= 0 and s < spans[i][1]:
                    # inside an unlisted body ("Department of Transportation" in "Georgia
                    # Department of Transportation"): only its place still counts
                    p = [payload for payload in p if payload[0] != "agency"]
                    if not p:
                        continue
                mentions.append((fld, s, f, p))
            mentions.extend((fld, s, f, [("agency", agency_id, False)])
                            for s, f, agency_id in offices if agency_id)
            bodies.extend((fld, b) for b in found_bodies)

        # Pass 1: unambiguous names of a single entry are accepted and become anchors.
        entries: dict[tuple[str, str], _Entry] = self.entries
        extra: dict[tuple[str, str], _Entry] = {}
        accepted: list[tuple[int, int, _Entry, str]] = []
        sure: set[tuple[str, str]] = set()
        anchors: dict[str, list[int]] = {}  # jurisdiction -> text offsets
        title_codes: set[str] = set()
        vendor_anchors: list[int] = []
        pending = []
        for fld, start, found, payloads in mentions:
            for kind in _KINDS:
                cands = [(k, i, amb) for k, i, amb in payloads if k == kind]
                if not cands:
                    continue
                if len(cands) == 1 and not cands[0][2]:
                    entry = entries[kind, cands[0][1]]
                    accepted.append((fld, start, entry, found))
                    sure.add((kind, entry.id))
                    if kind == "vendor":
                        vendor_anchors.append(start if fld else -1)
                    elif entry.jurisdiction:
                        if fld == 0:
                            title_codes.add(entry.jurisdiction)
                        else:
                            anchors.setdefault(entry.jurisdiction, []).append(start)
                else:
                    pending.append((fld, start, found, kind, cands))
        for fld, body in bodies:  # unlisted bodies of a known place anchor like listed ones
            if body.jurisdiction:
                if fld == 0:
                    title_codes.add(body.jurisdiction)
                else:
                    anchors.setdefault(body.jurisdiction, []).append(body.start)
        for positions in anchors.values():
            positions.sort()
        vendor_anchors.sort()

        # Pass 2: ambiguous or shared names, resolved by context.
        counts = {code: len(p) + 3 * (code in title_codes) for code, p in anchors.items()}
        for code in title_codes:
            counts.setdefault(code, 3)
        # a state's, prefecture's or city's name is context too ("Osaka's data … the
        # Personal Information Protection Commission" is Japan's), though it tags no
        # jurisdiction and so counts for nothing above; only for a country the article
        # names otherwise ("Victoria" in a story about British Columbia is no Australia)
        said = self.unlisted.place_mentions(place_hits) if (pending or bodies) \
            and self.bodies.enabled else []
        if said:
            anchors = self.unlisted.with_places(said, anchors, set(counts))
        for fld, start, found, kind, cands in pending:
            resolved = self._resolve(fld, start, found, kind, cands, sure, anchors, title_codes,
                                     vendor_anchors, counts, source_jurisdiction)
            if resolved is not None:
                accepted.append((fld, start, resolved, found))

        # Pass 3: unlisted bodies (their jurisdiction by context where the place is unknown)
        # and units next to the listed agencies accepted above.
        # a district office named once with its city and once without is one body
        qualified = {b.id.split("-", 2)[-1]: b.id for _f, b in bodies if not b.bare and b.id}
        # a body named without its place ("the Ministry of Citizens' Services") takes the
        # article's country: its states and provinces count for it too ("British Columbia
        # will require …"), though they tag no jurisdiction themselves
        # (and a council or police force of a place no list has, in a story naming no
        # country but a state of one, takes that country: ``states`` alone)
        states = self.unlisted.with_states(said, {}) if said and any(
            b.any_context or not b.jurisdiction for _f, b in bodies) else {}
        body_counts = dict(counts)  # (in order: ties go to the country named first)
        if any(b.any_context for _f, b in bodies):
            for code, n in states.items():
                body_counts[code] = body_counts.get(code, 0) + n
        for fld, body in bodies:
            if body.bare:
                full = next((v for k, v in qualified.items() if k.endswith(body.bare)), None)
                if full is not None:
                    body = replace(body, id=full)
            body_entry = self.unlisted.entry_for(body, body_counts, source_jurisdiction,
                                                 anchors if fld == 1 else {}, states)
            if body_entry is not None:
                extra.setdefault(("agency", body_entry.id), body_entry)
                accepted.append((fld, body.start, extra["agency", body_entry.id], body.text))
                accepted.extend(abbreviated(fields, fld, body.end, accepted,
                                             extra["agency", body_entry.id]))
        # an acronym first ("the TMG's Digital Service Bureau": a unit of what TMG names)
        accepted = self.unlisted.add_units(fields, this_ones(
            fields, acronyms_of(fields, accepted), self.bodies.chinese_units), extra, place_hits)
        return self._rank(read_again(fields, accepted, self.bodies, self.cities,
                                     self.city_governments, self.city_units),
                          source_jurisdiction)

    def _place_after(self, text: str, end: int) -> tuple[str, str, bool] | None:
        """The place (id prefix, jurisdiction, national?) named right after a name ending
        at ``end`` ("… Authority Victoria", "… General of Ontario"), else None."""
        m = _PLACE_AFTER.match(text, end)
        if m is None:
            return None
        words = m.group("place").split()
        for k in range(len(words), 0, -1):
            place = self.bodies.places.get(" ".join(words[:k]))
            if place is not None:
                # a place that starts a longer name is not where the name ends ("Victoria
                # Police"), unless "of" puts it there
                return place if k == len(words) or m.group("of") else None
        return None

    @staticmethod
    def _of_place(entry: _Entry, place: tuple[str, str, bool]) -> bool:
        """Whether a listed body can be the one of ``place``: the country's own for a
        national place, a body of that state or region for a sub-national one."""
        prefix, code, national = place
        if national:
            return entry.jurisdiction == code
        return entry.id.startswith(prefix + "-")

    def _sub_national(self, text: str, start: int) -> bool:
        """True when a state's or a region's name or a word such as "regional" stands
        right before a title starting at ``start``."""
        before = text[max(0, start - 60):start]
        if _SUB_NATIONAL.search(before):
            return True
        m = self.bodies.name_before.search(before)
        if m is None:
            return False
        words = m.group("place").split()
        return any((place := self.bodies.places.get(" ".join(words[k:]))) is not None
                   and not place[2] for k in range(len(words)))

    def _longer_title(self, text: str, end: int) -> bool:
        """True when a portfolio goes on after a title ending at ``end``: "… for Health and
        Social Care", not "… and Chief Secretary" (another person)."""
        m = AND_WORD.match(text, end)
        return m is not None and m.group(1) not in self.bodies.topic_stop

    def _resolve(self, fld: int, start: int, found: str, kind: str,
                 cands: list[tuple[str, str, bool]],
                 sure: set[tuple[str, str]], anchors: dict[str, list[int]],
                 title_codes: set[str], vendor_anchors: list[int], counts: dict[str, int],
                 source_jurisdiction: str) -> _Entry | None:
        def distance(entry: _Entry) -> float:
            if (kind, entry.id) in sure:
                return 0.0
            if kind == "vendor":
                return nearest(vendor_anchors, start, fld)
            if not entry.jurisdiction:
                return float("inf")
            if entry.jurisdiction in title_codes:
                return 1.0
            return nearest(anchors.get(entry.jurisdiction, []), start, fld)

        entries = [self.entries[kind, cid] for _k, cid, _amb in cands]
        scored = sorted((distance(e), n, e) for n, e in enumerate(entries))
        best = scored[0]
        if best[0] <= CONTEXT_CHARS and (len(scored) == 1 or scored[1][0] > best[0]):
            return best[2]
        plain = [e for e, (_k, _c, amb) in zip(entries, cands, strict=True) if not amb]
        if len(plain) == 1 and len(entries) > 1:
            return plain[0]  # 金管局: Hong Kong's plain name; Singapore's only with context
        if kind == "agency" and len(counts) == 1:
            # the article names one jurisdiction only: "the House of Representatives" far
            # from any other US name in a story about US agencies is still Congress
            only = [e for e in entries if e.jurisdiction in counts]
            if len(only) == 1:
                return only[0]
        if kind == "agency" and (main := main_jurisdiction(counts)):
            # far from any context, but the article is about one country above all: its
            # "National Assembly" (a Korean port story that mentions China and Singapore)
            only = [e for e in entries if e.jurisdiction == main]
            if len(only) == 1:
                return only[0]
        if len(entries) == 1 or any(amb for _k, _c, amb in cands):
            return None  # ambiguous name without context
        matching = [e for e in entries if source_jurisdiction and e.jurisdiction == source_jurisdiction]
        if len(matching) == 1:
            return matching[0]
        official = [e for e in entries if (kind, e.id, found) in self.official]
        if len(official) == 1:
            return official[0]
        dominant = max(counts, key=lambda c: counts[c], default="")
        matching = [e for e in entries if dominant and e.jurisdiction == dominant]
        return matching[0] if len(matching) == 1 else None

    def _rank(self, accepted: list[tuple[int, int, _Entry, str]], source_jurisdiction: str) -> Tags:
        weight: dict[tuple[str, str], float] = {}
        first: dict[tuple[str, str], tuple[int, int]] = {}
        said: dict[tuple[str, str], dict[str, None]] = {}  # the strings as the text gives them
        known: dict[tuple[str, str], _Entry] = {}
        for fld, start, entry, found in sorted(accepted, key=lambda a: (a[0], a[1])):
            w = TITLE_WEIGHT if fld == 0 else LEAD_WEIGHT if start < LEAD_CHARS else 1.0
            keys = [(entry.kind, entry.id)]
            known[entry.kind, entry.id] = entry
            said.setdefault((entry.kind, entry.id), {})[found] = None
            if entry.kind != "vendor" and entry.jurisdiction:
                keys.append(("jurisdiction", entry.jurisdiction))
            for key in dict.fromkeys(keys):
                weight[key] = weight.get(key, 0.0) + w
                first.setdefault(key, (fld, start))
        order = sorted(weight, key=lambda k: (-weight[k], first[k]))

        def listing(kind: str) -> list[dict[str, Any]]:
            out = []
            for k, eid in order:
                if k != kind:
                    continue
                e = known[k, eid]
                item: dict[str, Any] = {"id": e.id, "name": e.name}
                if kind != "vendor":
                    item["jurisdiction"] = e.jurisdiction
                item["listed"] = e.listed
                item["parent"] = e.parent or None
                item["mentions"] = list(said[k, eid])
                if e.name_en:
                    item["name_en"] = e.name_en
                out.append(item)
            return out

        jurisdictions = [eid for k, eid in order if k == "jurisdiction"]
        if not jurisdictions and source_jurisdiction:
            jurisdictions = [source_jurisdiction]
        return Tags(jurisdictions=jurisdictions, agencies=listing("agency"),
                    vendors=listing("vendor"), locations=listing("location"),
                    source_jurisdiction=source_jurisdiction)
