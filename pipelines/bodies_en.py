"""English bodies no list names (the patterns compiled by pipelines/bodies.py)."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from pipelines.bodies_local import LocalBodies
from pipelines.bodies_own import GOVERNMENT_KINDS, OwnBodies
from pipelines.bodies_units import UnitBodies
from pipelines.body_ids import (
    Body,
    adjective,
    before_another_place,
    capitalised,
    cut_topic,
    slug,
    word_start,
)

# the word right before a name (a capitalised one makes the name the tail of a longer one)
_WORD_BEFORE = re.compile(r"([A-Za-z][\w'’-]*)\s$")
# the words after a place, up to a body's length ("Health and Human Services Commission")
_NEXT_WORDS = re.compile(r"(?: (?:[A-Z][A-Za-z]*|and|of|for|&)){1,7}")

# a known place then " Council" alone ("Cardiff Council"; not "… Council of …")
_COUNCIL_AFTER = re.compile(r" Council(?![A-Za-z]| of\b| for\b)")
# after a place of a country whose heads stand for their governments, the place alone:
# "Hyogo Prefecture", "Kobe City", "Shibuya City Office" (not "Kobe City Assembly")
_PREFECTURE_ALONE = re.compile(r" Prefecture(?![A-Za-z-])(?! (?:[A-Z]|of\b))")
_CITY_ALONE = re.compile(r" (?:City|Ward)(?: Office| Hall)?(?![A-Za-z-])(?! (?:[A-Z]|of\b))")
# "… of the State" before the place's name ("Court of Accounts of the State of São Paulo")
# (or its government: "Department of Revenue, Government of Maharashtra", "… of the
# Government of Karnataka")
_LEVEL_OF = re.compile(r"(?: (?:of|for) the (?:State|Province|City|Region|Municipality|Prefecture)"
                       r"|(?: of the|,) (?:(?:State|Provincial|City|Municipal) )?Government)$")
# ... and a prefecture's capital of its name ("Fukuoka City said")
_CITY_OF_PREFECTURE = re.compile(r" City(?: Office| Hall)?(?![A-Za-z-])(?! (?:[A-Z]|of\b))")
# after a Korean district: its office ("Gangnam District Office"; "Gangnam-gu Office" is
# the korean_district pattern's, for any district)
_DISTRICT_OFFICE = re.compile(r" District Office(?![A-Za-z])")


def _joint_area(text: str, body: Body, ends: dict[int, tuple[int, str]], code: str) -> Body:
    """``body`` of a British council area that another joins ("Kent and Medway Fire and
    Rescue Authority"): the body of both, its id the whole name's. Elsewhere two places
    before a body are two bodies ("the Texas and Louisiana departments …"). ``ends``: each
    place mention's end -> (its start, the place)."""
    if code != "GB" or text[body.start - 5:body.start] != " and ":
        return body
    start, place = ends.get(body.start - 5, (-1, ""))
    # (an all-capitals hit is an acronym, not an area: "NHS and Kent …")
    if start < 0 or place.isupper():
        return body
    whole = text[start:body.end]
    return replace(body, start=start, text=whole, name=whole, id=f"{code.lower()}-{slug(whole)}")


class EnglishBodies(OwnBodies, UnitBodies, LocalBodies):
    """The English forms: a place's department, council, police or NHS body, a country's
    ministry, an office-holder's office, and units next to a listed agency."""

    # set by BodyMatcher.__init__ (pipelines/bodies.py) from the gazetteer
    rules: Any
    city_of: Any
    council_default: Any
    government_head: Any
    government_tail: Any
    legislature_tail: Any
    link_ends: Any
    name_before: Any
    own_place: Any
    own_legislature: Any
    body_words: Any
    own_title: Any
    own_office: Any
    place_kinds: Any
    place_finder: Any
    place_tail: Any
    place_titles: Any
    council_names: Any
    police: Any
    reject_names: Any
    state_places: Any
    swap: Any
    swap_jurisdictions: Any
    of_place_head: Any
    korean_district: Any
    commissioner_ministries: Any
    title_tail: Any
    title_before: Any
    chamber_full: Any
    head_titles: Any
    unit_after: Any
    unit_before: Any
    unit_end: Any
    unit_office: Any
    unit_remit: Any
    lone_kinds: Any
    enterprises: Any
    # kinds, places, topic_stop and the _rejected stub: declared by OwnBodies

    def english(self, text: str, hits: list[Any] | None = None) -> list[Body]:
        """Bodies of a known place, councils, NHS bodies and police forces in ``text``
        (``hits``: its place mentions, ``place_finder.finditer``, when already found)."""
        out: list[Body] = []
        hits = list(self.place_finder.finditer(text)) if hits is None else hits
        ends = {end: (start, place) for start, end, _found, (place, *_same) in hits}
        for start, end, _found, (place, *_same) in hits:
            # the place as listed: the text may spell it with a hyphen ("New-Mexico")
            prefix, code, national = self.places[place]
            kind = self.place_kinds.get(place)
            if kind == "district" and (d := _DISTRICT_OFFICE.match(text, end)) is not None:
                # "Gangnam District Office": the district's government
                out.append(Body(start, d.end(), text[start:d.end()], f"{prefix}-government",
                                text[start:d.end()], code))
                continue
            m = self.place_tail.match(text, end)
            if m is not None:
                body = self._place_body(text, start, m, prefix, code, national, kind)
                if body is not None:
                    out.append(_joint_area(text, body, ends, code))
                    continue
            body = self._before_place(text, start, end, prefix, code, national)
            if body is not None:
                out.append(body)
                continue
            if not national and place in self.state_places:
                body = self._title_before(text, start, end, prefix, code)
                if body is not None:
                    out.append(body)  # "the Auditor General of Ontario": the office
                    continue
            council = None if national else _COUNCIL_AFTER.match(text, end)
            if council is not None:
                # "Cardiff Council": a known city's or county's own council
                name = text[start:council.end()]
                official = self.council_names.get(self.place_kinds.get(place, ""))
                if official:  # "Croydon Council": the London Borough of Croydon
                    official = official.replace("{place}", text[start:end])
                    out.append(Body(start, council.end(), name,
                                    f"{code.lower()}-{slug(official)}", official, code))
                    continue
                out.append(Body(start, council.end(), name, f"{prefix}-council", name, code))
                continue
            if national or place not in self.state_places:
                continue  # "the Japanese government" is the country; a city's: offices.toml
            t = self.title_tail.match(text, end) if self.title_tail is not None else None
            if t is not None:
                tail, english = self.place_titles[t.group("title")]
                place_name = text[start:end]
                prefix = self._mayors_city(place, t.group("title"), prefix)
                if code in self.rules.head_is_government:
                    tail, english = self._government_of(place, t.group("title"))
                out.append(Body(start, t.end(), text[start:t.end()], f"{prefix}-{tail}",
                                english.replace("{place}", place_name), code))
                continue
            leg = self.legislature_tail.match(text, end)
            if leg is not None and leg.group("bare") and code != "US":
                leg = None  # "London House" is a building
            if leg is not None:
                # "California State Assembly", "Seoul Metropolitan Council": the level is
                # part of the chamber's name
                level = f"{leg.group('level')} " if leg.group("level") else ""
                out.append(Body(start, leg.end(), text[start:leg.end()],
                                f"{prefix}-{slug(level + self.chamber(prefix, leg.group('leg')))}",
                                text[start:leg.end()], code, legislature=True))
                continue
            # "Kobe City said": a Japanese or Korean city alone names its government (not
            # "Kobe City Assembly", "Kobe City Fire Department", "City of …")
            # ("Hyogo Prefecture will join": a Japanese prefecture alone names its government
            # too; "Osaka City Government" is the city's, not the prefecture of its name's)
            head = code in self.rules.head_is_government
            g = self.government_tail.match(text, end) or (
                _CITY_ALONE.match(text, end) if kind == "city" and head else
                _PREFECTURE_ALONE.match(text, end) or _CITY_OF_PREFECTURE.match(text, end)
                if kind == "prefecture" and head else None)
            if g is not None:
                city = kind == "prefecture" and g.group(0).startswith(" City")
                out.append(Body(start, g.end(), text[start:g.end()],
                                f"{prefix}-city-government" if city else f"{prefix}-government",
                                text[start:g.end()], code))
                continue
            h = self.government_head.search(text, max(0, start - 40), start)
            if h is not None:
                out.append(Body(h.start(), end, text[h.start():end], f"{prefix}-government",
                                text[h.start():end], code))
        # (in a story on a city's government, New York is New York City: read once)
        city_story = self.city_story(text)
        out.extend(self._own_bodies(text, hits, city_story))
        out.extend(self._own_kinds(text, hits, city_story))
        out.extend(self._council_forms(text))  # councils and police of any place
        out.extend(self._country_bodies(text))  # a country's, with no place written
        for m in self.city_of.finditer(text):  # "the City of Toronto": the city's government
            if not word_start(text, m.start()):
                continue
            place = m.group("place")
            known = self.places.get(place)
            inner = next((i for i, b in enumerate(out) if b.id and b.start == m.start("place")
                          and b.end > m.end() and text[m.end():m.end() + 1] not in "'’"),
                         None)  # ("the City of São Paulo's Finance Secretariat": two bodies)
            if inner is not None and known is not None:
                # "the City of Los Angeles Information Technology Agency": the body of the
                # place's name that follows, written with "City of" before it, is a unit of
                # the city's government, its id under the government's as any unit's is
                whole = text[m.start():out[inner].end]
                government = f"{known[0]}-government"
                tail = out[inner].id.removeprefix(f"{known[0]}-")
                out[inner] = replace(out[inner], start=m.start(), text=whole, name=whole,
                                     id=f"{government}-{tail}", parent=government)
                continue
            if known is not None and not known[2]:
                # "the City of Osaka" is the city's, not the prefecture of its name's
                city = "city-" if self.place_kinds.get(place) == "prefecture" else ""
                out.append(Body(m.start(), m.end(), m.group(0), f"{known[0]}-{city}government",
                                m.group(0), known[1]))
            elif known is None and place not in self.topic_stop:
                tail = self.place_tail.match(text, m.end())
                if tail is not None and not self._rejected(text[m.end():tail.end()].strip()):
                    # "the City of Columbus Department of Technology": a unit of the city's
                    # government
                    whole = text[m.start():tail.end()]
                    rest = text[m.end():tail.end()].strip()
                    # ("the City of Parramatta Council" is that council's whole name)
                    out.append(Body(m.start(), tail.end(), whole, "", whole, "",
                                    id_tail=slug(whole) if rest == "Council" else
                                    f"{slug(place)}-government-{slug(rest)}", weak=True,
                                    city_of=True))
                    continue
                out.append(Body(m.start(), m.end(), m.group(0), "", m.group(0), "",
                                id_tail=f"{slug(place)}-government", weak=True, city_of=True))
        for m in self.korean_district.finditer(text):  # "the Gangnam-gu Office"
            out.append(Body(m.start(), m.end(), m.group(0),
                            f"kr-{slug(m.group('place'))}-government", m.group(0), "KR"))
        out.extend(self._uk_forms(text))  # boroughs, Police Scotland, NHS bodies
        return out

    def _own_bodies(self, text: str, hits: list[Any], city_story: bool = False) -> list[Body]:
        """Bodies named without their place, of the state or province the text named last
        before them: "the state's Office of Administration", "the Landtag's Committee on
        …", "the state Senate", "Governor Greg Abbott"."""
        out: list[Body] = []
        # (start, place) of each state, province … named: "the state's" takes the last one
        # of its kind; a legislature or a title the last one of own_place_kinds that is not
        # the start of another name ("Victoria Harbour")
        named = [(s, q, self.place_kinds.get(q), e) for s, e, _f, (p, *_r) in hits
                 if p in self.place_kinds
                 for q in (self.city_named_like(p) if city_story else p,)]
        if not named:
            return out
        owning = {(s, p) for s, p, kind, e in named
                  if kind in self.rules.own_place_kinds and not self._in_a_name(text, e)}

        def last_place(before: int, kind: str = "") -> str | None:
            for s, p, k, _e in reversed(named):
                if s < before and (k == kind if kind else (s, p) in owning):
                    return p
            # "the state's" before any state is named: the one state the text names later
            later = {p for _s, p, k, _e in named if k == kind} if kind else set()
            return later.pop() if len(later) == 1 else None

        for m in self.own_place.finditer(text):
            # "the state's Office of Administration": the state named last before it
            place = last_place(m.start(), m.group("kind"))
            tail = self.place_tail.match(text, m.end()) if place is not None else None
            if place is None or tail is None:
                continue
            prefix, code, _national = self.places[place]
            body = self._place_body(text, m.start(), tail, prefix, code, False,
                                    self.place_kinds.get(place))
            if body is not None:
                # "NSW Department of Education" may be listed under that name
                own = re.sub(r"^(?:['’]s)? ", "", text[m.end():body.end])
                # named and mentioned as written after "the state's" (its place is in the
                # id; its span keeps "the state's", so no listed name of another place
                # covers it)
                out.append(replace(body, text=own,
                                   name=own if body.name == body.text else body.name,
                                   listed_form=f"{place} {own}"))
        for m in self.own_legislature.finditer(text) if self.own_legislature else ():
            place = last_place(m.start())
            if place is None:
                continue
            prefix, code, _national = self.places[place]
            words = m.group("leg").split(" ")
            if words[0].lower() in ("state", "provincial"):
                words = words[1:]
            leg = capitalised(" ".join(words))
            name = f"{place} {leg}"
            out.append(Body(m.start("leg"), m.end(), m.group("leg"),
                            f"{prefix}-{slug(self.chamber(prefix, leg))}",
                            name, code, listed_form=name, legislature=True))
        for m in self.own_title.finditer(text) if self.own_title else ():
            place = last_place(m.start())
            if place is None or text.endswith(
                    (f"{place} ", f"{place}'s ", f"{place}’s "), 0, m.start()):
                continue  # "Texas Governor Greg Abbott": the place's title (title_tail)
            prefix, code, _national = self.places[place]
            tail, english = self.place_titles[m.group("title")]
            if code in self.rules.head_is_government:
                tail, english = self._government_of(place, m.group("title"))
            out.append(Body(m.start(), m.end("title"), m.group("title"), f"{prefix}-{tail}",
                            english.replace("{place}", place), code))
        out.extend(self.own_offices(text, last_place))
        return out

    def _before_place(self, text: str, start: int, end: int, prefix: str, code: str,
                      national: bool) -> Body | None:
        """A body named before its place ("the Central Bank of Chile", "the Supreme Court
        of Victoria"): id "<place id>-<name before it>"; not where the place starts
        another name ("… of Victoria Harbour")."""
        m = self.of_place_head.search(text, max(0, start - 120), start)
        if m is None or self._in_a_name(text, end):
            return None
        if self.title_tail is not None and self.title_tail.match(text, end) is not None:
            return None  # "the Office of the New York State Comptroller": the title's office
        before = _WORD_BEFORE.search(text, max(0, m.start("name") - 40), m.start("name"))
        if before is not None and before.group(1)[:1].isupper() and before.group(1) != "The":
            return None  # the tail of a longer name ("Information and Privacy Commissioner")
        # "the Court of Accounts of the State of São Paulo": the level is the place's
        name = _LEVEL_OF.sub("", m.group("name"))
        whole = text[m.start("name"):end]
        # a bank is no body of ours, a country's central or reserve bank is
        public = re.sub(r"\b(?:Central|Reserve) Bank\b", "", whole)
        if self._rejected(public):
            return None
        kind = next((w for w in name.split(" ") if w in GOVERNMENT_KINDS), "")
        body_id, parent = (f"{prefix}-{slug(name)}", "") if national \
            else self.state_unit(prefix, code, kind, slug(name))
        # (a country's body may be listed under its name without "of the Government")
        return Body(m.start("name"), end, whole, body_id, whole, code, parent=parent,
                    national=national, listed_form=name if national and name != m.group("name")
                    else whole)

    def chamber(self, prefix: str, short: str) -> str:
        """A chamber's full name for its id: "House" is the "House of Representatives" (in
        Virginia the "House of Delegates"), as chamber_names says."""
        return self.chamber_full.get(f"{prefix} {short}", self.chamber_full.get(short, short))

    def _title_before(self, text: str, start: int, end: int, prefix: str,
                      code: str) -> Body | None:
        """An office-holder's title before the place ("the Auditor General of Ontario",
        "the Governor of Kanagawa"): the office that title heads, as "<Place> <Title>"."""
        m = self.title_before.search(text, max(0, start - 60), start) \
            if self.title_before is not None else None
        if m is None or self._in_a_name(text, end):
            return None
        tail, english = self.place_titles[m.group("title")]
        prefix = self._mayors_city(text[start:end], m.group("title"), prefix)
        if code in self.rules.head_is_government:
            tail, english = self._government_of(text[start:end], m.group("title"))
        elif m.group("title") in self.head_titles and code not in self.rules.head_offices:
            return None  # "the Mayor of Cape Town": the city, not an office of the mayor's
        return Body(m.start("title"), end, text[m.start("title"):end], f"{prefix}-{tail}",
                    english.replace("{place}", text[start:end]), code)

    def _mayors_city(self, place: str, title: str, prefix: str) -> str:
        """A state has no mayor: "the Mayor of New York" heads New York City's office."""
        if title.lower() == "mayor" and (city := self.city_named_like(place)) != place:
            return str(self.places[city][0])
        return prefix

    def _government_of(self, place: str, title: str) -> tuple[str, str]:
        """The id tail and English name of the government a head's title stands for where
        heads stand for their governments: a prefecture's, but a mayor's is the city's of
        the prefecture's name ("the Mayor of Fukuoka": the Fukuoka City Government)."""
        if title.lower() == "mayor" and self.place_kinds.get(place) == "prefecture":
            return "city-government", "{place} City Government"
        return "government", "{place} Government"

    def _in_a_name(self, text: str, end: int) -> bool:
        """Whether a place ending at ``end`` is the start of another name ("Victoria
        Harbour", "Georgia Tech"): a capitalised word follows that is no body word."""
        m = _NEXT_WORDS.match(text, end)
        if m is None or not m.group(0)[1:2].isupper():
            return False
        words = m.group(0).split(" ")[1:]
        # "Texas Workforce Commission" is the place's body, and so is "Ohio State Board";
        # "Victoria Harbour" is another name, and so is "New York Civil Liberties Union"
        # (a level word counts only right after the place)
        return not (words[0] in self.body_words or any(w in self.kinds for w in words))

    def _place_body(self, text: str, start: int, m: re.Match[str], prefix: str, code: str,
                    national: bool, place_kind: str | None = None) -> Body | None:
        kind = m.group("kind1") or m.group("kind2")
        topic = m.group("topic1") or m.group("topic2") or ""
        if kind in self.enterprises and (code not in self.enterprises[kind] or not topic):
            return None  # "California Resources Corporation" is a company's
        if not topic and kind in self.lone_kinds:
            # "NSW Ombudsman", "Western Cape Provincial Treasury": a place's one office of
            # that kind
            name = text[start:m.end()]
            rest = f"{m.group('level')} {kind}" if m.group("level") else kind
            return None if self._rejected(name) else Body(
                start, m.end(), name, f"{prefix}-{slug(rest)}", name, code, national=national,
                listed_form=re.sub(r"(?:'s|’s) ", " ", name, count=1))
        if not topic or m.group("topic1") and topic.split(" ", 1)[0] in self.topic_stop:
            return None  # "NSW Parliament on Tuesday": a day, not a remit
        if f"{topic.rsplit(' ', 1)[-1]} {kind}" in self.police:
            return None  # "New York Police Department": a police form ("… Police Agency" is not)
        if m.group("topic2") and topic == "Police" and kind == "Commissioner" \
                and not m.group("level"):
            # "the Mumbai Police Commissioner" heads the place's police force
            name = text[start:m.end()]
            return Body(start, m.end(), name, f"{prefix}-police",
                        f"{text[start:m.start('topic2')].strip()} Police", code)
        if m.group("topic2") and (any(w.strip(",") in self.kinds for w in topic.split(" "))
                                  or " and " in topic
                                  and self._ends_a_body(topic.partition(" and ")[0])):
            # "Surrey County Council and Barnet Council", "Leeds Teaching Hospitals NHS
            # Trust and Leeds City Council": two bodies, not one
            return None
        topic = before_another_place(cut_topic(topic, self.kinds, self.topic_stop), self.places)
        if m.group("kind1") and kind == "Commissioner" and code in self.commissioner_ministries:
            # "Lagos State Commissioner for Finance" heads the state's Ministry of Finance
            rest = f"Ministry of {topic}"
            end = m.start("topic1") + len(topic)
        elif m.group("kind1"):  # "Ministry for …" and "Ministry of …" are written as given
            rest = f"{kind} {m.group('prep')} {topic}"
            end = m.start("topic1") + len(topic)
        elif kind in self.swap and code in self.swap_jurisdictions \
                and not adjective(topic.rsplit(" ", 1)[-1]):
            # "Ohio Transportation Department" = "… Department of Transportation" (not
            # "Kenya Meteorological Department", nor Telangana's "Revenue Department")
            rest = f"{kind} of {topic}"
            end = m.end()
        else:
            rest = f"{topic} {kind}"
            end = m.end()
        unit = self._government_unit(text, start, end, m, prefix, code, place_kind, kind, rest)
        if unit is not None:
            return unit
        if m.group("level2"):
            rest = f"{m.group('level2')} {rest}"
        if m.group("level"):
            # part of the name: "Germany's Federal Network Agency", "Lagos State Traffic
            # Management Authority"; "Los Angeles County Board of Supervisors" is the
            # county's, not the city's
            rest = f"{m.group('level')} {rest}"
        name = text[start:end]
        if self._rejected(name):
            return None
        # "Queensland's Department of Transport and Main Roads": listed as "Queensland
        # Department of …", the listed agency when the list has it
        plain = re.sub(r"(?:'s|’s) ", " ", name, count=1)
        body_id, parent = (f"{prefix}-{slug(rest)}", "") if national \
            else self.state_unit(prefix, code, kind, slug(rest))
        return Body(start, end, name, body_id, name, code, parent=parent, national=national,
                    listed_form=plain if plain != name else "")
