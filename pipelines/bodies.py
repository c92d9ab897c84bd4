"""Recognise public bodies no gazetteer list names, from the shape of their names.

The vocabulary is data (gazetteers/bodies.toml, read by crawler/config/bodies.py); this module
turns it into a few compiled regular expressions and applies them. Each body found is a
:class:`Body`: where it is, the text as written, a stable derived id, its jurisdiction
(from the place it names, else from the article: ``jurisdiction`` "" means "decide by
context") and, for a unit inside a listed agency, that agency as ``parent``.

Derived ids (lowercase slugs; :func:`slug` for English, :func:`pinyin_slug` for Chinese):
- a body of a known sub-national place: ``<place id>-<rest of the name>``
  ("Georgia Department of Transportation" → ``us-ga-department-of-transportation``; "Ohio
  Transportation Department" names the same body the same way);
- a body of a country ("India's Ministry of Power") → ``<code>-<name>`` (``in-ministry-of-power``);
- a council, NHS body or police force of a place no list has → ``<code>-<whole name>``
  (``gb-kent-county-council``, ``gb-nhs-lothian``, ``gb-thames-valley-police``);
- a Chinese district office → ``<city id>-<district in pinyin>-<office id>``
  (深圳市福田区政务服务数据管理局 → ``cn-shenzhen-futian-data``), an office the office list
  does not know → ``<place id>-<office name in pinyin>``;
- a unit → ``<parent id>-<unit name>`` (``hk-dpo-smart-government-innovation-lab``).

Precision first: English patterns need a known place or one of the fixed council / NHS /
police forms; a name holding a word of ``reject_words`` (University, Inc …) or equal to a
``reject_names`` entry (Council of Europe) is dropped; units need a listed parent right
next to them (possessive, "of/at/under the …", or 轄下/屬下 in Chinese).

The English patterns are compiled here, the Chinese ones by pipelines/bodies_zh_patterns.py;
pipelines/bodies_en.py and pipelines/bodies_zh.py apply them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from crawler.config.bodies import BodyRules
from pipelines.bodies_en import EnglishBodies
from pipelines.bodies_zh import ChineseBodies
from pipelines.bodies_zh_patterns import compile_chinese
from pipelines.bodies_zh_units import ChineseUnits
from pipelines.body_ids import (
    Body,
    any_case_alt,
    pinyin_slug,
    pinyin_syllables,
    slug,
    without_owner,
)
from pipelines.body_ids import alt as _alt
from pipelines.matcher import TermMatcher, zh_variants

# a capitalised word; a plural possessive inside a name counts ("Ministry of Citizens'
# Services"); "'s" does not ("the Scottish Government's Chief Scientist Office" is a unit);
# "e-Governance" counts ("Tamil Nadu e-Governance Agency")
_CAPW = r"(?:[A-Z](?:[A-Za-z\-]*s['’]|[A-Za-z\-]*)|AI|IT|ICT|e-[A-Z][A-Za-z\-]*)"
# (not ", and" before an acronym: "the Ministry of Internal Affairs and Communications, and
# MIC officials" ends at the comma; "Ministry of Science and ICT" is one name)
_JOIN = r"(?:, and (?![A-Z]{2,}\b)| and | & |, | of | for | of the | for the | on | |-)"
_TOPIC = rf"{_CAPW}(?:{_JOIN}{_CAPW}){{0,8}}"
_WORDS = rf"{_CAPW}(?:(?: |, |,? and | & ){_CAPW}){{0,5}}"
# capitalised words that start a sentence or a phrase, never a body's remit ("On Monday
# Audit Office of NSW said …" is the Audit Office's)
_NOT_REMIT = ("(?:The|On|In|At|By|For|From|As|After|Before|When|While|But|And|Or|If|Since|"
              "Until|Officials|Last|Next|This|Monday|Tuesday|Wednesday|Thursday|Friday|"
              "Saturday|Sunday|January|February|March|April|May|June|July|August|September|"
              "October|November|December)")
_ASCII_LOWER = {c: c + 32 for c in range(ord("A"), ord("Z") + 1)}


# "the state's" before a body's name: the place named last owns it
_OWNER_KINDS = ("state", "province", "city", "county", "country", "territory", "region",
                "prefecture", "emirate")


class BodyMatcher(EnglishBodies, ChineseBodies, ChineseUnits):
    """The patterns of one gazetteer, compiled once."""

    def __init__(self, rules: BodyRules | None, locations: Iterable[Any],
                 jurisdictions: Iterable[Any], offices: Iterable[Any]) -> None:
        self.rules = rules = rules or BodyRules()
        self.enabled = bool(rules.kinds or rules.zh_suffixes)
        # English places: name -> (id prefix, jurisdiction, national?)
        places: dict[str, tuple[str, str, bool]] = {}
        for j in jurisdictions:
            for name in (j.name, *j.aliases):
                if name.isascii() and name[:1].isupper():
                    places.setdefault(name, (j.code.lower(), j.code, True))
        for word, code in rules.demonyms:
            places.setdefault(word, (code.lower(), code, True))
        self.zh_places: dict[str, tuple[str, str, str]] = {}  # zh name -> (id, code, kind)
        self.zh_districts: set[str] = set()  # location ids of districts (福田): no city of another
        self.zh_cities: set[str] = set()  # location ids of cities (昆山市 after 江苏省)
        locations = list(locations)
        self.english_names = {loc.id: loc.name for loc in locations}
        for loc in locations:
            if loc.kind not in ("province", "city", "district") or not loc.jurisdiction:
                continue
            for name in (loc.name, *loc.aliases):
                if name.isascii() and name not in loc.ambiguous:
                    places.setdefault(name, (loc.id, loc.jurisdiction, False))
            if loc.kind == "district":
                self.zh_districts.add(loc.id)
            elif loc.kind == "city":
                self.zh_cities.add(loc.id)
            for name in (*loc.names_zh_hans, *loc.names_zh_hant):
                if name in loc.ambiguous:
                    continue
                for variant in zh_variants(name):
                    self.zh_places.setdefault(variant, (loc.id, loc.jurisdiction, loc.kind))
        self.state_places = set()  # bodies.toml places: "the Kerala government"
        # a place's kind, for "the state's Office of Administration" after "Pennsylvania"
        self.place_kinds: dict[str, str] = {}
        for place in rules.places:
            for name in place.names:
                places[name] = (place.id, place.jurisdiction, False)
                self.state_places.add(name)
                self.place_kinds[name] = place.kind
        self.places = places
        self.national_datelines = frozenset(rules.national_datelines)
        self.place_english = {pid: name for name, (pid, _c, national) in places.items()
                              if not national}
        # one trie-compiled pass finds the places; the patterns are then tried right there
        # ("the state's Department of …", and "the state Department of Labor"; never "the
        # State Department", a capital's federal body)
        self.own_place = re.compile(r"\b[Tt]he (?P<kind>state|province|territory|emirate|"
                                    r"prefecture|county)(?=['’]s | [A-Z])")
        self.place_finder = TermMatcher((name, True, name) for name in places
                                        if name[:1].isupper())
        levels = _alt(rules.levels)
        kinds = _alt(rules.kinds)
        # for pipelines/whole_article.py (owned_names_again): "Department of Buildings",
        # whose other order is "Buildings Department" (swap_kinds), and "City of Columbus
        # Department of Technology", a unit's name after its city's
        self.kind_of = re.compile(rf"({_alt(rules.swap_kinds)}) of ([A-Z][a-z]+)")
        self.city_unit = re.compile(
            rf"City of [A-Z][\w-]*(?: [A-Z][\w-]*)*? ({kinds} (?:of|for) [A-Z].*)")
        self.kinds = set(rules.kinds)
        self.topic_stop = frozenset(rules.topic_stop)
        self.swap = set(rules.swap_kinds)
        self.swap_jurisdictions = frozenset(rules.swap_jurisdictions)
        # words that make "the <Topic> Department" no place's body: a level ("the State
        # Department"), a police or fire form
        # (capitalised words only: "and" of "Police and Crime Commissioner" stops nothing)
        # ("Services" ends a police form's name and a remit: "the Digital Services Department")
        self.swap_stop = frozenset(w for w in (
            *(w for lv in rules.levels for w in lv.split(" ")),
            *(w.strip(",") for p in rules.police for w in p.split(" ")),
            *rules.swap_stop) if w[:1].isupper() and w != "Services")
        # a body named before its place: "the Central Bank of Chile", "the Ministry of
        # Finance of Chile" (tried backwards from the place, so it ends right before it)
        self.of_place_head = re.compile(
            rf"(?<![A-Za-z])(?P<name>(?:(?:{levels}|Central|Supreme|High|Constitutional) ){{0,2}}"
            # its remit before its kind: "the Financial Accountability Office of Ontario"
            rf"(?:(?!{_NOT_REMIT}\b){_CAPW} (?:and )?){{0,3}}"
            rf"(?:{kinds}|Central Bank|Reserve Bank|Congress|Senate)"
            # (its topic is no place's kind: "… Department of the City of Seattle" is the city's)
            rf"(?: (?:of|for|on)(?: the)? (?!(?:City|State|Province|County|Municipality|"
            rf"Republic|Commonwealth|Kingdom|Government)\b){_TOPIC})?"
            # ... and the place's level ("the High Court for the State of Telangana")
            rf"(?: for the (?:State|Province|Region|Prefecture))?) (?:of|for) (?:the )?$")
        # "Seoul Housing and Communities Corporation": kinds of some countries' places only
        self.enterprises = {kind: frozenset(where) for kind, where in rules.enterprises}
        tail_kinds = _alt([*rules.kinds, *self.enterprises])
        self.place_tail = re.compile(
            # (two levels before "<Kind> of": "Busan Metropolitan City Office of Education")
            rf"(?:'s|’s)? (?:(?P<level>{levels}) )?"
            rf"(?:(?P<level2>{levels}) (?=(?:{kinds}) (?:of|for) (?:the )?[A-Z]))?"
            rf"(?:(?P<kind1>{kinds}) (?P<prep>(?:of|for|on)(?: the)?) (?P<topic1>{_TOPIC})"
            rf"|(?:(?P<topic2>{_WORDS}) )?(?P<kind2>{tail_kinds})(?![A-Za-z])(?! [A-Z][a-z]))")
        self.government_tail = re.compile(
            r" (?:(?:(?:State|Provincial|Prefectural|Municipal|City|Metropolitan|County) )?[Gg]overnment"
            r"|Metropolitan City|Special City)(?![A-Za-z])")
        self.place_titles = {title: (tail, english) for title, tail, english in rules.place_titles}
        # "Croydon Council" is officially the "London Borough of Croydon": one id
        self.council_names = dict(rules.council_names)
        self.title_tail = re.compile(
            rf"(?:'s)? (?P<title>{_alt(self.place_titles)})(?![A-Za-z])") if self.place_titles else None
        # the titles of a place's head (own_titles and its Mayor)
        self.head_titles = frozenset([*rules.own_titles, "Mayor"])
        # "the Auditor General of Ontario": a title before its place (capitalised only)
        self.title_before = re.compile(
            rf"(?<![A-Za-z])(?P<title>{_alt(t for t in self.place_titles if t[:1].isupper())})"
            rf" of (?:the )?$") if self.place_titles else None
        self.government_head = re.compile(
            r"(?<![A-Za-z])(?:(?:State|Provincial|Union Territory) )?Government of $")
        councils = {c.words: c.jurisdiction for c in rules.councils}
        self.council_default = councils
        self.government_forms = frozenset(c.words for c in rules.councils if c.government)
        # councils and police forces: find the form's words, then the name before them
        self.forms = re.compile(
            rf"(?P<form>{_alt([*councils, *rules.police])})(?![A-Za-z])")
        self.police = set(rules.police)
        self.name_before = re.compile(rf"(?<![A-Za-z])(?P<place>{_CAPW}(?: {_CAPW}){{0,3}}) $")
        # a council's or a police force's area may be two places: "Basingstoke and Deane
        # Borough Council", "Devon and Cornwall Police"
        # (no word of a body's name in it: "Surrey County Council and Kent County Council"
        # are two councils; "of" inside a place's name: "Hampshire and Isle of Wight")
        areaw = (r"(?!(?:Council|Committee|Police|Constabulary|Service|Force|Authority|Board|Trust|Court|Commissionerate|"
                 rf"Office|Department|Ministry|Agency|Commission)\b){_CAPW}")
        # "of" only inside a place's own name: "Isle of Wight", "Vale of Glamorgan", "City of
        # London" (not "Directorate of Kent County Council", a unit of the council)
        areaw = rf"(?:(?:Isle|Isles|Vale|Forest|City) of (?:the )?)?{areaw}"
        self.area_before = re.compile(
            rf"(?<![A-Za-z])(?P<place>{areaw}(?: {areaw}){{0,2}}"
            rf"(?: and (?:the )?{areaw}(?: {areaw}){{0,2}})?) $")
        self.en_borough = re.compile(
            rf"(?P<name>(?:London Borough|Royal Borough|Metropolitan Borough|"
            rf"City and County|County Borough) of (?P<place>{_CAPW}(?: (?:and )?{_CAPW}){{0,3}}))"
            rf"(?![A-Za-z])")
        self.ministry = re.compile(
            rf"(?P<name>(?:Ministry|Directorate General|Directorate-General) (?:of|for) (?:the )?{_TOPIC})")
        self.ministry_lead = re.compile(rf"(?<![A-Za-z'’])(?P<lead>{_CAPW}(?: {_CAPW}){{0,2}}) $")
        national_kinds = _alt(k for k in rules.national_kinds if k in self.kinds or k == "Police")
        self.national = re.compile(
            rf"(?P<name>(?:Supreme )?Federal (?:{_CAPW} ){{0,3}}?{national_kinds}"
            rf"(?: (?:of|for) (?:the )?{_TOPIC})?"
            rf"|National (?:{_CAPW} ){{1,4}}?"
            rf"{_alt(k for k in ('Commission', 'Agency', 'Office', 'Authority', 'Administration', 'Directorate') if k in self.kinds)}"
            # (a national institute is the state's: "the National Statistics Institute")
            rf"|National (?:{_CAPW} ){{0,3}}?Institute(?: (?:of|for) (?:the )?{_TOPIC})?)"
            rf"(?![A-Za-z])")
        # "the Fire and Disaster Management Agency": a remit's capitalised words, no place
        self.topic_body = re.compile(
            rf"(?<![A-Za-z'’])[Tt]he (?P<name>{_CAPW}(?:(?:,? and |, | ){_CAPW}){{1,5}} "
            rf"{_alt(rules.topic_kinds)})(?![A-Za-z])(?! (?:of|for)\b)"
        ) if rules.topic_kinds else None
        self.topic_reject = re.compile(
            rf"(?<![A-Za-z])(?:{_alt(rules.topic_reject)})(?![A-Za-z])"
        ) if rules.topic_reject else None
        possessive = (rf"|(?:{_alt(rules.possessive_legislatures)})(?=['’]s\b)"
                      if rules.possessive_legislatures else "")
        # "the Ohio House": a short chamber with no possessive, where a lower-case word or a
        # stop follows (not "Ohio House Bill 96", not "House of …"); pipelines/bodies_en.py
        # keeps it for US states only
        if rules.bare_chambers:
            possessive += (rf"|(?P<bare>{_alt(rules.bare_chambers)})(?![A-Za-z])"
                           rf"(?! of\b)(?! [A-Z0-9])")
        self.chamber_full = dict(rules.chamber_names)
        self.legislature_tail = re.compile(
            rf"(?:'s|’s)? (?:(?P<level>State|City|County|Provincial|Prefectural|Metropolitan) )?"
            rf"(?P<leg>(?:{_alt(rules.legislatures)})(?![A-Za-z]){possessive})")
        # a place's body whose name ends so is a chamber: its committees are its units
        self.chamber_name = re.compile(rf"(?<![A-Za-z])(?:{_alt(rules.legislatures)})$")
        # words that go on a place's body after it ("Texas State Board", "Ohio House")
        self.body_words = frozenset(
            word for phrase in (*rules.levels, *rules.legislatures, *rules.possessive_legislatures,
                                *(title for title, _tail, _english in rules.place_titles))
            for word in phrase.split(" "))
        # "the Landtag", "the state Senate": the legislature of the place named last
        self.own_legislature = re.compile(
            # ("the state Legislative Assembly": the level word is the text's, not the name's)
            rf"\b[Tt]he (?:[Ss]tate |[Pp]rovincial )?(?P<leg>{_alt(rules.own_legislatures)})"
            rf"(?![A-Za-z])"
        ) if rules.own_legislatures else None
        # "the Department of Consumer and Worker Protection", "the City Council": a body of
        # the place named last, when the text writes none
        self.own_kind = re.compile(
            # (or "a": "a Ministry of Transportation model", "an Office of Budget memo")
            rf"(?<![A-Za-z'’])(?:[Tt]he|[Aa]n?) (?:(?:{_alt(_OWNER_KINDS)})['’]s )?"
            # "the Governor's Office of Information Technology": the state's
            rf"(?P<name>(?P<head>(?:{_alt(rules.own_titles)}|Mayor)['’]s )?"
            rf"{_alt([*rules.own_kinds, *(['Ministry'] if rules.own_ministries else [])])} "
            rf"(?:of|for) (?:the )?{_TOPIC})"
            rf"|(?<![A-Za-z'’])[Tt]he (?P<council>{_alt(rules.own_councils)})(?![A-Za-z])"
            # "the Revenue Department": the place's body of that name (in swap_jurisdictions
            # read as its Department of Revenue)
            rf"|(?<![A-Za-z'’])[Tt]he (?P<swapped>{_CAPW}(?:,? (?:and |& )?{_CAPW}){{0,5}}) "
            # (not "the Columbus Department of Public Service": a name of its own)
            rf"(?P<swap>{_alt(k for k in rules.swap_kinds if k in rules.own_kinds)})(?![A-Za-z])"
            rf"(?! (?:of|for) (?:the )?[A-Z])"
        ) if rules.own_kinds or rules.own_councils else None
        # what follows a name that makes it an institution's ("… at the University of X")
        self.institution_after = re.compile(
            # "… at the University of …", "…, IIT Bombay", "… of Civil, Materials, and
            # Environmental Engineering at the University of …"
            rf"^(?:,? (?:and )?{_CAPW}(?: {_CAPW}){{0,3}}){{0,3}}(?:,? (?:at|of|in)|,) (?:the )?"
            # (capitalised words, in any Latin letters: "Wrocław University")
            rf"(?:[A-ZÀ-ÖØ-Þ][\w'’.&-]* ){{0,4}}?"
            rf"(?:{_alt((*rules.reject_words, *rules.institutions))})(?![A-Za-z])"
        ) if rules.reject_words or rules.institutions else None
        self.own_kinds_jurisdictions = frozenset(rules.own_kinds_jurisdictions)
        self.own_ministries = frozenset(rules.own_ministries)
        self.commissioner_ministries = frozenset(rules.commissioner_ministries)
        self.state_departments = frozenset(rules.state_departments)
        self.state_kinds = frozenset(rules.own_place_kinds)
        self.lone_kinds = frozenset(rules.lone_kinds) & self.kinds
        # "Governor Greg Abbott": the office of the state named last
        self.own_title = re.compile(
            rf"\b(?P<title>{_alt(rules.own_titles)}) (?=[A-Z][a-z]+ (?:[A-Z]\. )?[A-Z][a-z])"
        ) if rules.own_titles else None
        # "the mayor", "the Mayor's Office", "the governor", "the State Comptroller" (in
        # either case), "the city comptroller" with no place or name: the office of the city
        # (or state) the text named last, where a head's office is a body of its own
        # (head_offices); not "the Mayor of Columbus", "the mayor Eric Adams". A city's
        # title is a state's whose bare title is a place's ("Comptroller")
        state_titles = [t for t in self.place_titles if t.startswith("State ")]
        city_titles = [t.removeprefix("State ") for t in state_titles
                       if t.removeprefix("State ") in self.place_titles]
        office = r"(?:['’]s [Oo]ffice)?"  # "the mayor's office" (not "… Office of X")
        head = rf"{office}(?!['’]s [Oo]ffice of\b)"
        self.own_office = re.compile(
            # (also after a place's possessive: "New York's city comptroller")
            rf"(?:\b(?:[Tt]he|[Tt]he city['’]s) |(?<=[A-Za-z]['’]s ))"
            rf"(?:(?P<mayor>[Mm]ayor){head}|(?P<governor>[Gg]overnor){head}"
            rf"{'|(?P<state>' + any_case_alt(state_titles) + ')' + office if state_titles else ''}"
            rf"{'|(?P<city>[Cc]ity ' + any_case_alt(city_titles) + ')' + office if city_titles else ''})"
            rf"(?![A-Za-z])(?! of\b)(?! [A-Z][a-z]+ [A-Z])"
        ) if rules.head_offices and "Mayor" in self.place_titles else None
        # a known place first: its name may hold a small word ("City of Rio de Janeiro")
        known_places = _alt(name for name in places if " " in name)
        # ("City of Columbus Department of Technology": no kind is the place's second word)
        self.city_of = re.compile(
            rf"City of (?P<place>{known_places}|{_CAPW}(?: (?!(?:{_alt(rules.kinds)})\b){_CAPW})?)"
            rf"(?![A-Za-z])")
        # a Korean district's or county's office is its government: "Gangnam-gu Office",
        # "Yangpyeong-gun Office" (the suffix is Korean wherever the article is from)
        self.korean_district = re.compile(
            r"(?<![A-Za-z-])(?P<place>[A-Z][a-z]+)-(?P<suffix>gu|gun) [Oo]ffice(?![A-Za-z])")
        self.police_scotland = re.compile(r"Police (?:Scotland|Service of Northern Ireland)(?![A-Za-z])")
        # a possessive word only before "and": "Guy's and St Thomas' NHS Foundation Trust"
        nonhs = rf"(?!NHS\b)(?:{_CAPW}|[A-Z][a-z]+['’]s(?= and ))"
        self.nhs_endings = re.compile(
            rf" (?P<form>{_alt(rules.nhs_endings)})(?![A-Za-z])")
        self.nhs_before = re.compile(rf"(?<![A-Za-z])(?P<name>{nonhs}(?:(?: and | & | ){nonhs}){{0,6}})$")
        self.nhs_first = re.compile(
            rf"NHS (?P<rest>{_CAPW}(?: {_CAPW}){{0,4}}(?: and {_CAPW}(?! [A-Z]))?)(?![A-Za-z])")
        self.nhs_stop = set(rules.nhs_stop)
        self.unit_words = tuple(rules.units)  # "Team", "Division" …: the end of a unit's name
        units = _alt(rules.units)
        self.unit_name = re.compile(
            # a committee named by a list of its remits: "Science, ICT, Broadcasting and
            # Communications Committee", "Health, Social Care and Sport Committee"
            rf"(?:(?:{_CAPW}(?: {_CAPW}){{0,2}}, ){{1,4}}{_CAPW}(?: {_CAPW}){{0,2}},? (?:and|&) "
            rf"{_CAPW}(?: {_CAPW}){{0,3}} (?:Select Committee|Committee|Subcommittee)"
            # ... or after "Committee on": "Committee on Civil Liberties, Justice and Home
            # Affairs", "Committee on Commerce, Science, and Transportation"
            rf"|(?:{_CAPW} ){{0,2}}(?:Committee|Subcommittee) on (?:the )?{_CAPW}(?: {_CAPW}){{0,2}}"
            rf"(?:, {_CAPW}(?: {_CAPW}){{0,2}}){{1,4}},? (?:and|&) {_CAPW}(?: {_CAPW}){{0,3}}"
            rf"|Office (?:of|for) the (?:{_CAPW} ){{1,4}}Officer"
            # a committee by its number, then its remit: "Portfolio Committee No. 3 – Education"
            rf"|(?:{_CAPW} ){{0,2}}Committee No\. ?\d+(?: [–-] {_CAPW}(?:(?: and | & |, ){_CAPW}){{0,4}})?"
            # ("… on the …" only after a committee's noun: "Select Committee on the Control of
            # the State Budget", not "Lawmakers on the Joint Technology Committee")
            rf"|{_CAPW}(?:(?: and | & | of | for | of the | on |(?:(?<=Committee)|(?<=Panel)) on the "
            rf"| |-){_CAPW}){{0,7}})")
        self.unit_end = re.compile(rf"(?:^|[ \-]){units}$")
        # a legislature's committee named on its own ("the Commons Home Affairs Committee",
        # "the Standing Committee on Access to Information, Privacy and Ethics")
        self.committee = re.compile(
            rf"(?<![A-Za-z])(?:{_CAPW}(?:,? and |, | & | ))*?(?:Committee|Subcommittee)"
            rf"(?: (?:on|for) (?:the )?{_CAPW}(?:(?:{_JOIN}|,? and the | to | in | with ){_CAPW}){{0,10}})?"
            rf"(?![A-Za-z])")
        self.unit_remit = re.compile(rf"(?P<noun>(?:{_CAPW} ){{0,3}}{units}) (?:on|of|for) (?:the )?[A-Z]")
        self.unit_after = re.compile(
            rf"(?:'s|’s|'|’) (?:new |newly formed |newly created |own |dedicated )?"
            rf"(?P<unit>{self.unit_name.pattern})")
        self.unit_bare = re.compile(rf" (?P<unit>{self.unit_name.pattern})")
        self.unit_office = re.compile(rf" (?P<unit>Office (?:of|for) the (?:{_CAPW} ){{1,4}}Officer)")
        links = _alt(rules.unit_links)
        # "… Wing of the state's IT Department": the parent is named after "the state's"
        owners = [f"the {kind}{s} " for kind in _OWNER_KINDS for s in ("'s", "’s")]
        self.link_ends = tuple(f" {link} {the}" for link in rules.unit_links
                               for the in ("", "the ", "its ", *owners))
        # (its abbreviation and a comma may come between: "the National Remote Sensing
        # Centre (NRSC), part of the Indian Space Research Organisation")
        self.unit_before = re.compile(
            rf"(?P<unit>{self.unit_name.pattern})(?: \([A-Z][A-Za-z&]{{1,9}}\))?,? {links} "
            rf"(?:the |its |the {_alt(_OWNER_KINDS)}['’]s )?$")
        self.reject_words = re.compile(
            # ("Co" is a company's, "Co-operation" a remit)
            r"(?<![A-Za-z])" + _alt(rules.reject_words) + r"(?![A-Za-z]|-[a-z])"
        ) if rules.reject_words else None
        self.reject_names = {n.lower() for n in rules.reject_names}
        compile_chinese(self, rules, locations, offices)

    # -- English ------------------------------------------------------------------------

    def _rejected(self, name: str) -> bool:
        owned = without_owner(name)  # "Tokyo's Ministry of Sound": the name after the owner
        return name.lower() in self.reject_names or owned.lower() in self.reject_names or (
            self.reject_words is not None and self.reject_words.search(name) is not None)



__all__ = ["Body", "BodyMatcher", "pinyin_slug", "pinyin_syllables", "slug"]
