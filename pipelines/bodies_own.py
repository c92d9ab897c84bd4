"""English bodies written with no place of their own: a country's ministry or agency
("the Ministry of Railways", "the Fire and Disaster Management Agency"), "the Department
of Consumer and Worker Protection" or "the City Council" in a story that named its city
before, and a US city's or state's office named by its head's bare title ("the city
comptroller"). A mixin of pipelines/bodies_en.py's EnglishBodies (compiled by
pipelines/bodies.py); the units of an agency are pipelines/bodies_units.py's."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from typing import Any

from pipelines.body_ids import (
    Body,
    adjective,
    capitalised,
    cut_topic,
    slug,
    without_place,
    word_start,
)

SENTENCE_END = re.compile(r"[.!?](?:\s|$)")  # also unlisted.py's committees

# calendar words end a name wherever they stand ("the Department of Health Monday")
_CALENDAR = frozenset((
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January",
    "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December"))


def _own_name(text: str, name: str, start: int, kinds: set[str],
              stop: frozenset[str], units: tuple[str, ...] = ()) -> str | None:
    """The name of a body written with no place ("Department of Consumer and Worker
    Protection"), or None when no topic is left. A title word ends it only before a
    person's name ("… of Transportation Commissioner Russell McMurry"); in "Office of the
    Information and Privacy Commissioner said" or "Department of the Premier and Cabinet"
    it is part of the name. A comma list goes on only to an "and" ("Department of Energy,
    Environment and Climate Action"; not "Department of Sanitation, OTI said")."""
    # "the Department of Veterans Affairs' Office of …", "… General Services' Procurement
    # Division": the body ends at a possessive a unit follows ("Ministry of Citizens'
    # Services" is one name)
    for m in re.finditer(r"(?<=[a-z])['’](?:s\b)?(?= )", name):
        rest = name[m.end():].split()
        if any(w in kinds for w in rest) or " ".join(rest).endswith(units):
            name = name[:m.start()]
            break
    name = re.sub(r"(?<=s)['’]$", "", name)  # "the Department of Internal Affairs' chief"
    words = name.split(" ")
    for i, word in enumerate(words[1:], start=1):
        if word in _CALENDAR or word in stop and (
                i + 1 < len(words) and words[i + 1][:1].isupper()
                or i + 1 == len(words) and text[start + len(name):start + len(name) + 2][1:2].isupper()):
            name = " ".join(words[:i]).rstrip(",")
            break
    if ", " in name and " and " not in name.rsplit(", ", 1)[1]:
        name = name.split(", ", 1)[0]
    name = cut_topic(name, kinds)
    for tail in (" and", " of", " for", " the", " on", " &"):
        name = name.removesuffix(tail)
    return name if re.search(r" (?:of|for)(?: the)? [A-Z]", name) else None


# a unit's name then the body it belongs to (pipelines/bodies.py reads the unit)
_INSIDE_A_BODY = re.compile(r",? (?:within|inside|under|at) the ((?:[A-Z][\w'’.&-]*(?: of| and)? ?){1,7})")

# "Mayor of " right before a place
_MAYOR_OF = re.compile(r"[Mm]ayor of $")
# a story on a city, not its state of the same name ("NEW YORK — New York's city
# comptroller …"): words of a city's government, and none of a state's
_CITY_WORDS = re.compile(r"\b(?:[Tt]he city(?:'s|’s)?|city comptroller|City Council|[Cc]ity [Hh]all|"
                         r"[Mm]ayor)\b")
_STATE_WORDS = re.compile(r"\b(?:[Tt]he state(?:'s|’s)?|[Ss]tate [Ss]enate|[Ss]tate [Aa]ssembly|"
                          r"Albany|[Gg]overnor|[Ll]egislature|statewide)\b")

# the kinds that name a department of a state's government (bodies.toml
# government_departments): "Revenue Department, Government of Telangana"
GOVERNMENT_KINDS = frozenset({"Department", "Directorate"})


class OwnBodies:
    """Bodies named without their place, and the units of an agency."""

    # set by BodyMatcher.__init__ (pipelines/bodies.py) from the gazetteer
    chamber_name: Any
    institution_after: Any
    kinds: Any
    rules: Any
    unit_words: Any
    own_kind: Any
    own_kinds_jurisdictions: Any
    own_ministries: Any
    places: Any
    place_kinds: Any
    state_departments: Any
    state_kinds: Any
    swap_stop: Any
    swap_jurisdictions: Any
    topic_stop: Any
    unit_name: Any
    unit_after: Any
    unit_before: Any
    unit_end: Any
    unit_office: Any
    unit_bare: Any
    unit_remit: Any
    link_ends: Any
    topic_body: Any
    topic_reject: Any
    ministry: Any
    ministry_lead: Any
    national: Any
    own_office: Any
    place_titles: Any

    def city_named_like(self, place: str) -> str:
        """The city a state's name stands for where the state has none of what is said of
        it ("the Mayor of New York": New York City), else ``place``."""
        city = f"{place} City"
        return city if self.place_kinds.get(place) == "state" and city in self.places else place

    @staticmethod
    def city_story(text: str) -> bool:
        """Whether ``text`` speaks of a city's government and of no state's: there a state's
        name its city shares (New York) is the city's."""
        return _CITY_WORDS.search(text) is not None and _STATE_WORDS.search(text) is None

    def own_offices(self, text: str, last_place: Callable[[int, str], str | None]) -> list[Body]:
        """A US city's or state's office named by its head's bare title ("the mayor", "the
        governor's office", "the state comptroller", "the city comptroller"): the office of
        the city (or state) named last before it (``last_place(offset, kind)``)."""
        out: list[Body] = []
        for m in self.own_office.finditer(text) if self.own_office else ():
            city = m.group("mayor") or m.group("city")
            place = last_place(m.start(), "city" if city else "state")
            if place is None:
                continue
            prefix, code, _national = self.places[place]
            if code not in self.rules.head_offices:
                continue  # the mayor of Seoul heads the city's government (head_is_government)
            # the place title as written ("the state comptroller" -> "State Comptroller";
            # "the city comptroller" -> "Comptroller")
            said_title = m.group("mayor") or m.group("governor") or m.group("state") \
                or m.group("city").split(" ", 1)[1]
            tail, english = self.place_titles[capitalised(said_title)]
            begin = min(m.start(g) for g in ("mayor", "governor", "state", "city")
                        if m.group(g))
            said = text[begin:m.end()]  # without "the"
            # (a listed office of the place's is that office: "Texas State Auditor")
            out.append(Body(begin, m.end(), said, f"{prefix}-{tail}",
                            english.replace("{place}", place), code,
                            listed_form=f"{place} {capitalised(said_title)}"))
        return out

    def _country_bodies(self, text: str) -> list[Body]:
        """A country's bodies written with no place: "the Ministry of Railways", "the Federal
        Office for Information Security", and one named by its remit alone ("the Fire and
        Disaster Management Agency"; ``unitary``: none in a federal country's story, where
        it may as well be a state's). The article's context gives their country."""
        out: list[Body] = []
        for m in self.ministry.finditer(text):  # "the Ministry of Railways" in an Indian story
            if not word_start(text, m.start()):
                continue
            name = cut_topic(m.group("name"), self.kinds, self.topic_stop)
            start = m.start("name")
            # capitalised words right before it are part of the name ("Bavarian State
            # Ministry for Digital Affairs"), unless they are a place (the patterns above)
            lead = self.ministry_lead.search(text, max(0, start - 40), start)
            if lead is not None:
                words = lead.group("lead").split(" ")
                while words and (words[0] in self.topic_stop or words[0] in ("A", "An")):
                    words.pop(0)
                if words == ["Union"]:
                    words = []  # India's "Union Ministry of …" is the Ministry of …
                if words and not any(w in self.places for w in words):
                    start -= len(" ".join(words)) + 1
                    name = f"{' '.join(words)} {name}"
            if not self._rejected(name):
                out.append(Body(start, start + len(name), name, "", name, "",
                                id_tail=slug(name), weak=True, any_context=True))
        for m in self.national.finditer(text):  # "the Federal Office for Information Security"
            if not word_start(text, m.start()):
                continue
            name = cut_topic(m.group("name"), self.kinds, self.topic_stop)
            if name != "National Institute" and not self._rejected(name):
                out.append(Body(m.start(), m.start() + len(name), name, "", name, "",
                                id_tail=slug(name), weak=True, any_context=True))
        for m in self.topic_body.finditer(text) if self.topic_body is not None else ():
            # "the Fire and Disaster Management Agency": the article's country's body
            name = m.group("name")
            words = name.replace(",", "").split(" ")
            if self.topic_reject is not None and self.topic_reject.search(name) \
                    or any(w in self.places for w in words) or self._rejected(name) \
                    or any(w in self.kinds for w in words[:-1]) \
                    or any(len(w) > 1 and w.isupper() and w not in ("IT", "ICT") for w in words):
                # two bodies ("the Gangnam-gu Office and Mapo-gu Office"), or a unit of the
                # body an abbreviation names ("the FBI Washington Field Office")
                continue
            out.append(Body(m.start("name"), m.end("name"), name, "", name, "",
                            id_tail=slug(name), weak=True, any_context=True, national=True,
                            unitary=True))
        return out

    def _rejected(self, name: str) -> bool:  # BodyMatcher's
        raise NotImplementedError

    def _in_a_name(self, text: str, end: int) -> bool:  # EnglishBodies'
        raise NotImplementedError

    def _not_a_body(self, name: str, text: str, end: int) -> bool:
        """A company's or university's name, or one an institution's words follow ("the
        Department of Economics at the University of …")."""
        return self._rejected(name) or (self.institution_after is not None
                                        and self.institution_after.match(text[end:end + 80])
                                        is not None)

    def state_unit(self, prefix: str, code: str, kind: str, tail: str) -> tuple[str, str]:
        """(id, parent) of a place's body: where a state's departments are its government's
        (an Indian state's "Revenue Department" is a department of the Government of
        Telangana), a unit of the government, found by filtering on it."""
        if kind in GOVERNMENT_KINDS and code in self.rules.government_departments:
            return f"{prefix}-government-{tail}", f"{prefix}-government"
        return f"{prefix}-{tail}", ""

    def _own_kinds(self, text: str, hits: list[Any], city_story: bool = False) -> list[Body]:
        """Bodies written with no place, of the city, county, state or province the text
        named last before them: "the Department of Consumer and Worker Protection" in a
        New York City story, "the City Council". A listed name wins (the Department of
        Labor); a name an institution's words follow ("the Department of Economics at the
        University of …") is none."""
        out: list[Body] = []
        if self.own_kind is None:
            return out
        # a place at the start of another name ("the Florida Building Code") owns nothing
        # (a state that has a city of its name, after "Mayor of", is that city: "the Mayor
        # of New York" names New York City, whose departments follow)
        local = [(s, self.city_named_like(p) if city_story
                  or _MAYOR_OF.search(text, max(0, s - 9), s) else p)
                 for s, e, _f, (p, *_r) in hits if not self.places[p][2]
                 and self.places[p][1] in self.own_kinds_jurisdictions
                 and not self._in_a_name(text, e)]
        if not local:
            return out
        starts = [s for s, _p in local]
        for m in self.own_kind.finditer(text):
            at = bisect_left(starts, m.start())
            if not at:
                continue  # no place named before it
            place = local[at - 1][1]
            if self.places[place][1] in self.state_departments:
                # an Indian or Australian department is its state's, not its city's
                # ("Hyderabad" in the dateline, "Telangana" before it)
                place = next((p for _s, p in reversed(local[:at])
                              if self.place_kinds.get(p) in self.state_kinds), place)
            council = m.group("council")
            if council and council.title().startswith("City ") and self.place_kinds.get(
                    place) == "state" and f"{place} City" in self.places:
                place = f"{place} City"  # "the City Council" after "New York": the city's
            prefix, code, _national = self.places[place]
            if council:
                # "the City Council" is the city's council; "the county council" the county's
                # ("New York City Council" is the place's Council, "Chicago City Council" the
                # place's City Council: the id "<place> City Council" would have)
                words = council.title().split(" ")
                form = " ".join(words[1:] if words[0] == "City" and place.endswith(" City")
                                else words)
                out.append(Body(m.start("council"), m.end("council"), council,
                                f"{prefix}-{slug(form)}", f"{place} {form}", code,
                                listed_form=f"{place} {form}"))
                continue
            if m.group("swapped"):
                topic = m.group("swapped")
                if any(w.strip(",") in self.kinds or w.strip(",") in self.topic_stop
                       or w in self.swap_stop for w in topic.split(" ")):
                    continue  # "the Police Department", "the State Department", "the Chief …"
                name = f"{topic} {m.group('swap')}"
                if self._not_a_body(name, text, m.end()):
                    continue
                # "the Revenue Department" is read as the Department of Revenue only in
                # swap_jurisdictions; "the Meteorological Department" keeps its order
                # everywhere
                rest = name if code not in self.swap_jurisdictions \
                    or adjective(topic.rsplit(" ", 1)[-1]) else f"{m.group('swap')} of {topic}"
                body_id, parent = self.state_unit(prefix, code, m.group("swap"), slug(rest))
                out.append(Body(m.start("swapped"), m.end(), name, body_id, name, code,
                                parent=parent, weak=True, listed_form=f"{place} {name}"))
                continue
            head = m.group("head") or ""
            if code not in self.own_ministries and m.group("name")[len(head):].startswith(
                    "Ministry"):
                continue  # an Indian "Ministry of …" is the Union's, not the state's
            start = m.start("name") + len(head)
            own = _own_name(text, m.group("name")[len(head):], start, self.kinds,
                            self.topic_stop, self.unit_words)
            if own is None:
                continue
            name, start = head + own, m.start("name")
            if self._not_a_body(name, text, start + len(name)):
                continue
            inside = _INSIDE_A_BODY.match(text, start + len(name))
            if inside is not None and any(w in self.kinds for w in inside.group(1).split(" ")):
                continue  # "the Office of Information Technology within the Ohio Department
                # of Administrative Services": a unit of the body named after it
            # "the Office of the Auditor General of Ontario": the place is the id's prefix
            body_id, parent = self.state_unit(prefix, code, own.split(" ", 1)[0],
                                              slug(without_place(name, place)))
            title = name.removeprefix("Office of the ")
            listed_form = f"{place} {name}"
            if title != name and title in self.place_titles:
                # "the Office of the State Comptroller": the office that title heads, one id
                # with "the state comptroller" (us-ny-office-of-the-comptroller), or its
                # listing ("Texas State Auditor")
                body_id, listed_form = f"{prefix}-{self.place_titles[title][0]}", f"{place} {title}"
            out.append(Body(start, start + len(name), name, body_id, name, code, parent=parent,
                            weak=True, listed_form=listed_form))
        return out
