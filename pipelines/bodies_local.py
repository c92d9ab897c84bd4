"""English bodies of a place that may be on no list, known by their form: councils and
police forces ("Kent County Council", "Thames Valley Police", "the Lagos State Police
Command"), London boroughs, Police Scotland and NHS bodies ("NHS Lothian", "Leeds Teaching
Hospitals NHS Trust"), and a Japanese or German city's or prefecture's units of its
government ("Osaka City Welfare Bureau", city_units). A mixin of pipelines/bodies_en.py's
EnglishBodies (compiled by pipelines/bodies.py)."""

from __future__ import annotations

import re
from typing import Any

from pipelines.body_ids import Body, all_caps_words, slug, strip_the, word_start

# a city's or prefecture's units of its government (city_units), and words that make the
# unit another body's (a police force's, an assembly's)
_CITY_UNIT_KINDS = frozenset({"Department", "Bureau", "Office"})
_NOT_CITY_UNITS = frozenset({"Police", "Assembly", "Council", "Court"})

# the last word of a place's government named by the place ("Yokosuka City", "Aichi
# Prefecture", "Punjab Government")
_GOVERNMENT_WORDS = ("City", "Prefecture", "Government", "Municipality")
# a commissioner's form with its area after "for": "the Police, Fire and Crime
# Commissioner for Essex", "the Police and Crime Commissioner for Thames Valley"
_AREA_AFTER = re.compile(r" for (?:the )?(?P<place>[A-Z][\w'’-]+(?: (?:and )?[A-Z][\w'’-]+){0,3})")


class LocalBodies:
    """The council, police, borough and NHS forms, and a city's units of its government."""

    # set by BodyMatcher.__init__ (pipelines/bodies.py) from the gazetteer
    rules: Any
    area_before: Any
    council_default: Any
    en_borough: Any
    forms: Any
    government_forms: Any
    nhs_before: Any
    nhs_endings: Any
    nhs_first: Any
    nhs_stop: Any
    places: Any
    police: Any
    police_scotland: Any
    reject_names: Any
    topic_stop: Any

    def _rejected(self, name: str) -> bool:  # BodyMatcher's
        raise NotImplementedError

    def _council_forms(self, text: str) -> list[Body]:
        """Councils and police forces: the form's words, then the place before them."""
        out: list[Body] = []
        for m in self.forms.finditer(text):
            if not word_start(text, m.start()):
                continue
            form = m.group("form")
            after = _AREA_AFTER.match(text, m.end()) if form.endswith("Commissioner") else None
            if after is not None:
                out.extend(self._area_after(text, m.start(), after.end(), form,
                                            after.group("place")))
                continue
            before = self.area_before.search(text, max(0, m.start() - 60), m.start())
            if before is None:
                continue
            fallback = "" if form in self.police else self.council_default[form]
            found = before.group("place")
            head, joined, tail = found.rpartition(" and ")
            if joined and self._ends_a_body(head):
                # "Thane Municipal Corporation and the Navi Mumbai Municipal Corporation": the
                # second body's place is after "and", not a joint area of both
                found = tail.removeprefix("the ")
            words = found.split(" ")
            while words and words[0] in self.topic_stop:
                words.pop(0)  # "On Monday District Council said": no place at all
            if not words:
                continue
            place = whole = " ".join(words)
            head, _, tail = form.partition(" ")
            if tail and f"{place} {head}" in self.places:  # "New York City" + "Council"
                place = f"{place} {head}"
            if form in self.government_forms:
                out.extend(self._government(text, m.start() - len(whole) - 1, m.end(), place,
                                            form))
                continue
            out.extend(self._unknown_place(text[m.start() - len(whole) - 1:m.end()], place,
                                           m.end(), fallback))
        return out

    def _area_after(self, text: str, start: int, end: int, form: str, place: str) -> list[Body]:
        """A commissioner's form, then "for" and its area ("the Police and Crime
        Commissioner for Thames Valley"): the id as if the area came first
        (gb-thames-valley-police-and-crime-commissioner)."""
        name = text[start:end]
        if self._rejected(name):
            return []
        known = self.places.get(place)
        if known is not None and not known[2]:
            return [Body(start, end, name, f"{known[0]}-{slug(form)}", name, known[1],
                         weak=True)]
        return [Body(start, end, name, "", name, "", id_tail=slug(f"{place} {form}"),
                     weak=True)]

    def _government(self, text: str, start: int, end: int, place: str, form: str) -> list[Body]:
        """A form that is a place's government itself, of the form's country ("the Dong Thap
        Provincial People's Committee" is Viet Nam's Dong Thap province's): its id is the
        place's, then "government"."""
        name = strip_the(text[start:end])
        if self._rejected(name):
            return []
        known = self.places.get(place)
        code = known[1] if known is not None else self.council_default[form]
        if known is not None and known[1] != code:
            return []
        prefix = known[0] if known is not None and not known[2] else \
            f"{code.lower()}-{slug(place)}"
        return [Body(end - len(name), end, name, f"{prefix}-government", name, code, weak=True)]

    def _uk_forms(self, text: str) -> list[Body]:
        """London boroughs, Police Scotland and NHS bodies."""
        out: list[Body] = []
        for m in self.en_borough.finditer(text):
            if not word_start(text, m.start()):
                continue
            # the place is after "of": the whole name is the body's, known place or not
            out.extend(self._unknown_place(m.group("name"), "", m.end(), "GB"))
        for m in self.police_scotland.finditer(text):
            if not word_start(text, m.start()):
                continue
            out.append(Body(m.start(), m.end(), m.group(0), f"gb-{slug(m.group(0))}", m.group(0), "GB"))
        for m in self.nhs_first.finditer(text):
            if not word_start(text, m.start()):
                continue
            words = m.group("rest").split(" ")
            named = next((f for f in self.rules.nhs_named if m.group("rest").endswith(f" {f}")), "")
            if named:  # "NHS West Yorkshire Integrated Care Board": its whole official name
                words = words[:len(words) - len(named.split(" "))]
            while words and (words[-1] in self.nhs_stop or words[-1] in ("and", "&")):
                words.pop()  # "NHS Lothian Trust" keeps Trust; "NHS Lothian and" does not
            if not words or words[0] in self.nhs_stop:
                continue
            name = "NHS " + " ".join(words) + (f" {named}" if named else "")
            # "NHS Kent and Medway" is officially "NHS Kent and Medway Integrated Care Board"
            official = name if named or not self.rules.nhs_named \
                or " ".join(words) not in self.rules.icb_areas \
                else f"{name} {self.rules.nhs_named[0]}"
            if not self._rejected(name):
                out.append(Body(m.start(), m.start() + len(name), name, f"gb-{slug(official)}",
                                official, "GB"))
        for m in self.nhs_endings.finditer(text):
            before = self.nhs_before.search(text, max(0, m.start() - 80), m.start())
            if before is None:
                continue
            name = before.group("name")
            head, sep, tail = name.rpartition(" and ")
            # "… and Leeds Teaching Hospitals": one place word may join by "and", not one
            # that ends another body ("NHS Lothian and Leeds Teaching Hospitals NHS Trust")
            starts_nhs = text.endswith("NHS ", 0, before.start())
            icb = m.group("form") in self.rules.nhs_named  # "NHS Kent and Medway ICB": one
            if sep and (" " in head or starts_nhs and not icb):
                name = tail
            words = strip_the(name).split(" ")
            while len(words) > 1 and words[0] in self.topic_stop:
                words.pop(0)  # "At Leeds Teaching Hospitals NHS Trust, …": no part of it
            name = " ".join(words) + " " + m.group("form")
            if name.lower() not in self.reject_names:
                # "West Yorkshire Integrated Care Board" is officially "NHS West Yorkshire …"
                official = f"NHS {name}" if icb else name
                # written with its "NHS": the body starts there (before "NHS Kent", which
                # the NHS-first form finds inside it)
                start = m.end() - len(name) - (4 if icb and starts_nhs else 0)
                out.append(Body(start, m.end(), text[start:m.end()], f"gb-{slug(official)}",
                                official, "GB"))
        return out

    def _ends_a_body(self, words: str) -> bool:
        """Whether ``words`` end with a council, police or NHS body's own words, or a
        place's government's ("Yokosuka City and the Kanagawa Prefectural Police")."""
        return any(words.endswith(f" {form}") or words == form
                   for form in (*self.council_default, *self.police, *self.rules.nhs_endings,
                                *_GOVERNMENT_WORDS))

    def _unknown_place(self, whole: str, place_words: str, end: int, fallback: str) -> list[Body]:
        name = strip_the(whole)
        if self._rejected(name):
            return []
        start = end - len(name)
        words = place_words.split(" ") if place_words else []
        while len(words) > 1 and words[0] in self.topic_stop:
            # "Neighbouring Maidstone Borough Council": a sentence's first word, no place
            words.pop(0)
            name = name[name.index(" ".join(words)):]
            start = end - len(name)
        # the longest known place among the trailing words gives the jurisdiction
        for i in range(len(words)):
            candidate = " ".join(words[i:])
            if candidate.endswith(" County") and candidate[:-7] in self.places:
                candidate = candidate[:-7]  # "Los Angeles County Sheriff's Department"
            if candidate in self.places:
                prefix, code, national = self.places[candidate]
                first = " ".join(words[:i])
                if first and not all_caps_words(first):
                    break
                if first:
                    # "Greater Hyderabad Municipal Corporation", "Navi Mumbai Municipal
                    # Corporation", "North Somerset Council": another place named after the
                    # known one, whose body it is (the words stay in the name and the id)
                    own = name[name.index(f"{first} {candidate}"):]
                    return [Body(end - len(own), end, own, f"{code.lower()}-{slug(own)}", own,
                                 code, weak=True)]
                own = name[name.index(candidate):]
                start = end - len(own)
                if national:
                    return [Body(start, end, own, f"{prefix}-{slug(own)}", own, code,
                                 national=True, weak=True)]
                rest = own[len(candidate):].strip()
                return [Body(start, end, own, f"{prefix}-{slug(rest)}", own, code, weak=True)]
        if len(words) == 1 and words[0] in ("The", "A", "An", "This", "That"):
            return []
        return [Body(start, end, name, "", name, "", fallback=fallback, id_tail=slug(name),
                     weak=True)]

    def _government_unit(self, text: str, start: int, end: int, m: re.Match[str], prefix: str,
                         code: str, place_kind: str | None, kind: str, rest: str) -> Body | None:
        """A city's or prefecture's department, bureau or office where it is a unit of the
        place's government (city_units): "Osaka City Welfare Bureau" is the Osaka City
        Government's Welfare Bureau, "Kanagawa Prefectural Government Digital Strategy
        Office" the prefecture's, "Munich's IT Department" the city's; None for any other
        body (a police force's unit, an assembly's, a board's)."""
        level = m.group("level")
        if code not in self.rules.city_units or place_kind not in ("city", "prefecture") \
                or kind not in _CITY_UNIT_KINDS or level not in (None, "City", "Prefectural") \
                or m.group("level2"):
            return None  # ("Busan Metropolitan City Office of Education" is a body of its own)
        words = rest.split(" ")
        city = level == "City"
        # the place's own unit is written so: a level, "Prefecture", "Government" or an
        # apostrophe-s after the place ("Hiroshima Local Meteorological Office" is the
        # national weather agency's, "Osaka Labour Bureau" the labour ministry's)
        marked = bool(level) or m.group(0)[:2] in ("'s", "’s")
        while words and words[0] in ("City", "Prefecture", "Government"):
            city = city or words[0] == "City"  # "Osaka City Government Welfare Bureau"
            marked = True
            words.pop(0)
        if not marked:
            return None
        if len(words) < 2 or any(w in _NOT_CITY_UNITS for w in words):
            return None  # "Osaka Prefectural Police Community Safety Department"
        name = text[start:end]
        if self._rejected(name):
            return None
        # "Osaka City" is the city, "Osaka" alone the prefecture of its name
        government = f"{prefix}-city-government" if city and place_kind == "prefecture" \
            else f"{prefix}-government"
        return Body(start, end, name, f"{government}-{slug(' '.join(words))}", name, code,
                    parent=government)
