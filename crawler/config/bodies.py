"""Public bodies no list names, and the titles of the people who head listed ones.

Two data files of the gazetteer folder, read here and frozen (pipelines/bodies.py and
pipelines/tagging.py use them):

- ``titles.toml``: office-holders' titles per agency ("Financial Secretary", 財政司司長,
  "Commissioner for Digital Policy"), English and Chinese, some marked ``ambiguous``
  (行政長官 heads both Hong Kong and Macao). :func:`load_titles` returns them by agency id;
  crawler.config.load_gazetteer stores them on each Agency as ``titles``, with the
  titles :func:`derived_titles` reads off the agencies' own names ("Ministry of
  Transport" is headed by the "Minister for Transport").
- ``bodies.toml``: the vocabulary of the patterns that recognise unlisted bodies (the words
  a body's name ends in, council and police forms, unit nouns, the Chinese office suffixes,
  the words that mark a company or university) and the sub-national places only those
  patterns use (US states, Australian states, Canadian provinces, Indian states …).
  :func:`load_body_rules` returns :class:`BodyRules`.

A missing file means no titles / no patterns: a gazetteer folder written for an older
govwatch still loads.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from crawler.config.loader import ConfigError, Fields, load_toml

TITLES_FILE = "titles.toml"
BODIES_FILE = "bodies.toml"
_PLACE_ID = re.compile(r"^[a-z]{2}-[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True)
class Title:
    agency: str
    names: tuple[str, ...]  # English and Chinese
    ambiguous: tuple[str, ...] = ()  # titles that count only with the agency's context


@dataclass(frozen=True)
class BodyPlace:
    """A place only the body patterns use: "Georgia" in "Georgia Department of Transportation"."""

    id: str  # "us-ga": the prefix of the derived ids of its bodies
    name: str
    jurisdiction: str
    kind: str  # state, province, territory, county, city, prefecture, nation, emirate, region
    aliases: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class CouncilForm:
    words: str  # "Borough Council"
    jurisdiction: str  # used when neither the place nor the article decides; "" = skip
    government: bool = False  # the place's government itself ("Dong Thap People's Committee")


@dataclass(frozen=True)
class BodyRules:
    places: tuple[BodyPlace, ...] = ()
    demonyms: tuple[tuple[str, str], ...] = ()  # ("Indian", "IN")
    kinds: tuple[str, ...] = ()  # "Department", "Ministry" … (end or head a body's name)
    levels: tuple[str, ...] = ()  # "State", "Provincial" … between place and kind
    swap_kinds: tuple[str, ...] = ()  # "<Place> X Department" = "<Place> Department of X"
    swap_jurisdictions: tuple[str, ...] = ()  # ... in these countries' places only
    # words that make "the <Topic> <kind>" no place's body ("the Central Pollution Control Board")
    swap_stop: tuple[str, ...] = ()
    topic_stop: tuple[str, ...] = ()  # words that end a body's name: "Secretary", "Monday" …
    councils: tuple[CouncilForm, ...] = ()
    council_jurisdictions: tuple[str, ...] = ()  # where an article's context may place a council
    city_jurisdictions: tuple[str, ...] = ()  # ... and a "City of <place>" no list has
    police: tuple[str, ...] = ()  # "Police", "Police Department", "Constabulary" …
    nhs_endings: tuple[str, ...] = ()  # "NHS Foundation Trust", "Health Board" …
    nhs_stop: tuple[str, ...] = ()  # "NHS App", "NHS Trusts": not bodies
    nhs_named: tuple[str, ...] = ()  # endings whose official names start "NHS"
    icb_areas: tuple[str, ...] = ()  # "NHS Kent and Medway" is that area's Integrated Care Board
    state_departments: tuple[str, ...] = ()  # where own_kinds are a state's, not a city's
    units: tuple[str, ...] = ()  # "Team", "Task Force", "Lab" …
    unit_links: tuple[str, ...] = ()  # "of", "at", "under" … between a unit and its agency
    reject_words: tuple[str, ...] = ()  # "University", "Inc": a name holding one is no body
    reject_names: tuple[str, ...] = ()  # "Council of Europe": whole names that are not ours
    zh_suffixes: tuple[str, ...] = ()  # 局, 署, 委员会 … (either script)
    zh_center: str = ""  # 中心 counts only with one of zh_center_words
    zh_center_words: tuple[str, ...] = ()
    zh_district_suffixes: tuple[str, ...] = ()  # 区, 县, 新区
    zh_reject_starts: tuple[str, ...] = ()  # 市场, 市民, 市中心: a place + these is no body
    zh_not_districts: tuple[str, ...] = ()  # 特区, 园区: words ending in 区 that name no district
    zh_not_units: tuple[str, ...] = ()  # 公司: words ending in a unit suffix that name no unit
    place_titles: tuple[tuple[str, str, str], ...] = ()  # ("Governor", id tail, English)
    council_names: tuple[tuple[str, str], ...] = ()  # (place kind, "London Borough of {place}")
    # a chamber's short name and its full one, for every place or one ("House" = "House of
    # Representatives"; "us-va House" = "House of Delegates"): one id for both
    chamber_names: tuple[tuple[str, str], ...] = ()
    # (country code, chamber id): whose committees a legislature's committee named alone is
    # in a story on that country ("Departmental Committee on …": Kenya's National
    # Assembly); elsewhere the first legislature the country's gazetteer lists
    committee_chambers: tuple[tuple[str, str], ...] = ()
    # short chambers named by a US state alone, with no possessive: "the Ohio House"
    bare_chambers: tuple[str, ...] = ()
    head_is_government: tuple[str, ...] = ()  # JP: "Osaka Governor" names the government
    # where a state's department is a unit of the state's government (India)
    government_departments: tuple[str, ...] = ()
    # where a city's or prefecture's department is a unit of its government (Japan)
    city_units: tuple[str, ...] = ()
    # where "the Governor of <place>" names the governor's own office (US); elsewhere a
    # head's title before its place is left to the place's government
    head_offices: tuple[str, ...] = ()
    legislatures: tuple[str, ...] = ()  # "<place> Assembly" names the place's legislature
    # with an apostrophe-s only: "the Texas House's committee"
    possessive_legislatures: tuple[str, ...] = ()
    # with no place: the legislature of the state or province named last ("the Landtag")
    own_legislatures: tuple[str, ...] = ()
    own_titles: tuple[str, ...] = ()  # "Governor <name>": the head of the state named last
    # with no place: "the Department of X" is a body of the place the text named last
    own_kinds: tuple[str, ...] = ()
    own_councils: tuple[str, ...] = ()  # "the City Council": the council of that place
    own_kinds_jurisdictions: tuple[str, ...] = ()  # where places have departments of their own
    own_ministries: tuple[str, ...] = ()  # ... and where they have ministries ("Ministry of X")
    # where a state's "Commissioner for X" heads its Ministry of X (Nigeria's states)
    commissioner_ministries: tuple[str, ...] = ()
    lone_kinds: tuple[str, ...] = ()  # "NSW Ombudsman": a kind the place alone names
    # ("Corporation", ("KR", "IN")): a kind that ends a public body's name after a place of
    # these countries only ("Seoul Housing and Communities Corporation")
    enterprises: tuple[tuple[str, tuple[str, ...]], ...] = ()
    institutions: tuple[str, ...] = ()  # "… at the Indian Institute of Science": not ours
    own_place_kinds: tuple[str, ...] = ()  # the places they may belong to
    # (place name, code): a name another country's place shares ("Victoria" = "CA", British
    # Columbia's capital): in a story naming that country's places and none other of this
    # place's country, not this place
    shared_place_names: tuple[tuple[str, str], ...] = ()
    # datelines in capitals that head national news: no mention of the place ("WASHINGTON")
    national_datelines: tuple[str, ...] = ()
    national_kinds: tuple[str, ...] = ()  # "the Federal Office for …": a country's body
    topic_kinds: tuple[str, ...] = ()  # "the Fire and Disaster Management Agency": no place
    topic_reject: tuple[str, ...] = ()  # first or other words that make such a name no body
    zh_units: tuple[str, ...] = ()  # 小组, 实验室, 学院 …
    zh_unit_links: tuple[str, ...] = ()  # 辖下, 属下, 的 …
    zh_district_offices: tuple[tuple[str, str, str], ...] = ()  # (name, office id, English)
    # (listed id, office id): a body naming all of a kind stands for the one named (hk-dc)
    generic: tuple[tuple[str, str], ...] = ()


# A ministry's or department's name, and the titles of who heads it: "Ministry of
# Transport" → "Minister for Transport", "Minister of Transport", "Minister of State for
# Transport"; "Department of Labor" → "Secretary of Labor"; "Department for Education" →
# "Secretary of State for Education"; "Office of the Privacy Commissioner of Canada" →
# "Privacy Commissioner of Canada".
# where a ministry's head is its "Cabinet Secretary" ("the Cabinet Secretary for
# Information, Communications and the Digital Economy": Kenya since 2010); only there, as
# each derived title is one more name for the matcher to compile
CABINET_SECRETARIES = frozenset({"KE"})
# where a ministry is made of "State Departments" ("the State Department for Livestock
# Development" of Kenya's Ministry of Agriculture and Livestock Development): a unit of the
# article's ministry of that country whose name shares the most words with it
STATE_DEPARTMENT_COUNTRIES = frozenset({"KE"})
_MINISTRY = re.compile(r"(?:(?:Federal|Union|State|National) )?Ministry (?:of|for) (?P<topic>.+)")
_DEPARTMENT = re.compile(r"(?:(?:Federal|State) )?Department (?:of|for) (?P<topic>.+)")
# a ministry named with its country's or state's adjective ("Brazilian Ministry of Finance",
# "Bavarian State Ministry for Digital Affairs"): its minister is written so too
_LEAD_MINISTRY = re.compile(r"(?P<lead>[A-Z][a-z]+(?:'s|’s)?) (?P<level>(?:State |Federal )?)"
                            r"Ministry (?P<of>of|for) (?P<topic>.+)")
_LEVELS = ("Federal", "Union", "State", "National")
# a remit of one or two capitalised words ("Finance", "Foreign Affairs"): its ministry is
# also written "<remit> Ministry"
_SHORT_TOPIC = re.compile(r"[A-Z][a-z]+(?: [A-Z][a-z]+)?")
_OFFICE_OF = re.compile(r"Office of the (?P<title>(?:[A-Z][\w'’-]+ )+(?:of|for) [A-Z].+)")


def derived_titles(agencies: Iterable[Any]) -> dict[str, tuple[str, ...]]:
    """The titles of who heads each agency, read off its English names (the official one
    and the aliases): a minister of its ministry (and the ministry written "<Topic>
    Ministry"; "the Brazilian Minister of Finance" of the "Brazilian Ministry of Finance"),
    a secretary of its department, the
    office-holder its "Office of the …" is named after. They name the office as written
    titles do, but always with context: each counts only with the agency's jurisdiction
    near (many countries have a "Minister for Transport")."""
    out: dict[str, tuple[str, ...]] = {}
    for agency in agencies:
        if getattr(agency, "place", ""):
            continue  # a composed office: its titles come with its template
        titles: list[str] = []
        for name in (agency.name, *agency.aliases):
            if not name.isascii():
                continue
            if m := _MINISTRY.fullmatch(name):
                topic = m.group("topic")
                titles += [f"Minister for {topic}", f"Minister of {topic}",
                           f"Minister of State for {topic}"]
                if getattr(agency, "jurisdiction", "") in CABINET_SECRETARIES:
                    titles.append(f"Cabinet Secretary for {topic}")
                if _SHORT_TOPIC.fullmatch(topic):
                    # … and the ministry in the other order ("the Finance Ministry"), with
                    # the same care: only with its country near
                    titles.append(f"{topic} Ministry")
            elif (m := _LEAD_MINISTRY.fullmatch(name)) and m.group("lead") not in _LEVELS:
                lead, level, topic = m.group("lead"), m.group("level"), m.group("topic")
                titles += [f"{lead} {level}Minister {m.group('of')} {topic}",
                           f"{lead} Minister for {topic}", f"{lead} Minister of {topic}"]
            elif m := _DEPARTMENT.fullmatch(name):
                topic = m.group("topic")
                titles += [f"Secretary of {topic}", f"Secretary of State for {topic}",
                           f"Minister for {topic}"]
            elif m := _OFFICE_OF.fullmatch(name):
                titles.append(m.group("title"))
        if titles:
            out[agency.id] = tuple(dict.fromkeys(titles))
    return out


def load_titles(directory: Path, agency_ids: Iterable[str]) -> dict[str, Title]:
    """Titles of ``<directory>/titles.toml`` by agency id ({} without the file). An unknown
    agency id, a title given twice or an ``ambiguous`` that is no title is a ConfigError."""
    path = Path(directory) / TITLES_FILE
    if not path.is_file():
        return {}
    known = set(agency_ids)
    data = load_toml(path)
    top = Fields(path, "", data, {"sources", "title"})
    top.get("sources", dict, {})
    out: dict[str, Title] = {}
    owner: dict[str, str] = {}
    for index, table in enumerate(top.get("title", list, required=True)):
        if not isinstance(table, dict):
            raise ConfigError(path, "expected [[title]] tables", f"title #{index + 1}")
        label = (f"title of {table['agency']!r}" if isinstance(table.get("agency"), str)
                 else f"title #{index + 1}")
        f = Fields(path, label, table, {"agency", "en", "zh_hant", "zh_hans", "ambiguous", "source"})
        agency = f.get("agency", str, required=True)
        if agency not in known:
            f.fail("agency", f"unknown agency id {agency!r} (not in agencies.toml)")
        names = tuple(dict.fromkeys((*f.str_list("en"), *f.str_list("zh_hant"),
                                     *f.str_list("zh_hans"))))
        if not names:
            f.fail("en", "missing (give en, zh_hant or zh_hans titles)")
        ambiguous = f.str_list("ambiguous")
        for name in ambiguous:
            if name not in names:
                f.fail("ambiguous", f"{name!r} is not one of this entry's titles")
        for name in names:
            other = owner.setdefault(name, agency)
            if other != agency and name not in ambiguous:
                f.fail("en", f"{name!r} is also a title of {other!r} (mark it ambiguous in both)")
        previous = out.get(agency)
        if previous is not None:
            names = tuple(dict.fromkeys((*previous.names, *names)))
            ambiguous = tuple(dict.fromkeys((*previous.ambiguous, *ambiguous)))
        out[agency] = Title(agency=agency, names=names, ambiguous=ambiguous)
    return out


def _codes(f: Fields, key: str, codes: set[str] | frozenset[str]) -> tuple[str, ...]:
    """A list of jurisdiction codes, each one the gazetteer knows (else the file, the
    table and the key are named)."""
    values = f.str_list(key)
    for code in values:
        if code not in codes:
            f.fail(key, f"unknown jurisdiction {code!r}")
    return values


def _pairs(f: Fields, key: str) -> tuple[tuple[str, str], ...]:
    table = f.get(key, dict, {})
    for k, v in table.items():
        if not isinstance(v, str) or not v:
            f.fail(key, f"{k!r}: expected a non-empty string, got {v!r}")
    return tuple(table.items())


def load_body_rules(directory: Path, codes: set[str]) -> BodyRules:
    """The patterns' vocabulary and places of ``<directory>/bodies.toml``; empty rules
    (nothing recognised) when the file does not exist."""
    path = Path(directory) / BODIES_FILE
    if not path.is_file():
        return BodyRules()
    data = load_toml(path)
    top = Fields(path, "", data, {"sources", "english", "chinese", "place", "group", "generic"})
    sources = top.get("sources", dict, {})
    en = Fields(path, "[english]", top.get("english", dict, {}), {
        "kinds", "levels", "swap_kinds", "swap_jurisdictions", "swap_stop", "topic_stop", "councils", "governments", "council_jurisdictions", "city_jurisdictions", "police",
        "nhs_endings", "nhs_stop", "nhs_named", "icb_areas", "units", "unit_links", "reject_words", "reject_names",
        "demonyms", "place_titles", "council_names", "chamber_names", "committee_chambers", "shared_place_names", "bare_chambers", "head_is_government", "government_departments", "city_units", "head_offices", "legislatures", "national_kinds",
        "possessive_legislatures", "own_legislatures", "own_titles", "own_place_kinds",
        "national_datelines",
        "own_kinds", "own_councils", "own_kinds_jurisdictions", "own_ministries",
        "commissioner_ministries", "institutions",
        "lone_kinds", "topic_kinds", "topic_reject",
        "state_departments", "enterprises"})
    zh = Fields(path, "[chinese]", top.get("chinese", dict, {}), {
        "suffixes", "center", "center_words", "district_suffixes", "reject_starts", "units",
        "not_districts", "not_units",
        "unit_links", "district_offices"})
    demonyms = _pairs(en, "demonyms")
    for word, code in demonyms:
        if code not in codes:
            en.fail("demonyms", f"{word!r}: unknown jurisdiction {code!r}")
    councils = []
    for words, code in _pairs(en, "councils"):
        if code != "-" and code not in codes:
            en.fail("councils", f"{words!r}: unknown jurisdiction {code!r} (or \"-\")")
        councils.append(CouncilForm(words, "" if code == "-" else code))
    for words, code in _pairs(en, "governments"):
        if code not in codes:
            en.fail("governments", f"{words!r}: unknown jurisdiction {code!r}")
        councils.append(CouncilForm(words, code, government=True))
    council_jurisdictions = _codes(en, "council_jurisdictions", codes)
    committee_chambers = _pairs(en, "committee_chambers")
    for code, _chamber in committee_chambers:
        if code not in codes:
            en.fail("committee_chambers", f"unknown jurisdiction {code!r}")
    head_is_government = _codes(en, "head_is_government", codes)
    place_titles = []
    for title, value in _pairs(en, "place_titles"):
        tail, _, english = value.partition("|")
        if not tail or "{place}" not in english:
            en.fail("place_titles", f"{title!r}: expected \"id tail|English with {{place}}\"")
        place_titles.append((title, tail, english))
    council_names = _pairs(en, "council_names")
    for kind, template in council_names:
        if "{place}" not in template:
            en.fail("council_names", f"{kind!r}: expected a name with {{place}}")
    own_kinds_jurisdictions = _codes(en, "own_kinds_jurisdictions", codes)
    own_ministries = en.str_list("own_ministries")
    for code in own_ministries:
        if code not in own_kinds_jurisdictions:
            en.fail("own_ministries", f"{code!r} is not one of own_kinds_jurisdictions")
    commissioner_ministries = _codes(en, "commissioner_ministries", codes)
    enterprises = []
    kinds = en.str_list("kinds")
    for kind, value in _pairs(en, "enterprises"):
        where = tuple(c.strip() for c in value.split(","))
        for code in where:
            if code not in codes:
                en.fail("enterprises", f"{kind!r}: unknown jurisdiction {code!r}")
        if kind in kinds:
            en.fail("enterprises", f"{kind!r} is one of kinds already (a body anywhere)")
        enterprises.append((kind, where))
    own_titles = en.str_list("own_titles")
    for title in own_titles:
        if title not in {t for t, _tail, _english in place_titles}:
            en.fail("own_titles", f"{title!r} is not one of place_titles")
    district_offices = []
    for name, value in _pairs(zh, "district_offices"):
        office, _, english = value.partition("|")
        if not office or not english or "{place}" not in english:
            zh.fail("district_offices", f"{name!r}: expected \"office id|English with {{place}}\"")
        district_offices.append((name, office, english))
    generic = _pairs(top, "generic")
    for listed, office in generic:
        if not _PLACE_ID.match(listed) or not _PLACE_ID.match(f"xx-{office}"):
            top.fail("generic", f"{listed!r} = {office!r}: expected \"<listed id>\" = \"<office id>\"")
    places: list[BodyPlace] = []
    seen: set[str] = set()
    entries: list[tuple[Any, dict[str, Any]]] = [(t, {}) for t in top.get("place", list, [])]
    for g_index, group in enumerate(top.get("group", list, [])):
        g = Fields(path, f"group #{g_index + 1}", group, {"jurisdiction", "kind", "source", "place"})
        defaults = {k: group[k] for k in ("jurisdiction", "kind", "source") if k in group}
        entries.extend((t, defaults) for t in g.get("place", list, required=True))
    for index, (table, defaults) in enumerate(entries):
        if not isinstance(table, dict):
            raise ConfigError(path, "expected a table for each place", f"place #{index + 1}")
        label = f"place {table['id']!r}" if isinstance(table.get("id"), str) else f"place #{index + 1}"
        f = Fields(path, label, {**defaults, **table},
                   {"id", "name", "aliases", "jurisdiction", "kind", "source"})
        place_id = f.get("id", str, required=True)
        jurisdiction = f.get("jurisdiction", str, required=True)
        if not _PLACE_ID.match(place_id) or not place_id.startswith(jurisdiction.lower() + "-"):
            f.fail("id", f"expected \"{jurisdiction.lower()}-<slug>\", got {place_id!r}")
        if place_id in seen:
            f.fail("id", f"duplicate id {place_id!r}")
        seen.add(place_id)
        if jurisdiction not in codes:
            f.fail("jurisdiction", f"unknown code {jurisdiction!r} (not in jurisdictions.toml)")
        source = f.get("source", str, required=True)
        if source not in sources:
            f.fail("source", f"unknown source {source!r} (define it under [sources])")
        places.append(BodyPlace(id=place_id, name=f.get("name", str, required=True),
                                jurisdiction=jurisdiction, kind=f.get("kind", str, required=True),
                                aliases=f.str_list("aliases")))
    names = {n for place in places for n in (place.name, *place.aliases)}
    shared_place_names = _pairs(en, "shared_place_names")
    for name, code in shared_place_names:
        if name not in names:
            en.fail("shared_place_names", f"{name!r} is no place of this file")
        if code not in codes:
            en.fail("shared_place_names", f"{name!r}: unknown jurisdiction {code!r}")
    return BodyRules(
        places=tuple(places), demonyms=demonyms, kinds=en.str_list("kinds"),
        levels=en.str_list("levels"), swap_kinds=en.str_list("swap_kinds"),
        swap_stop=en.str_list("swap_stop"),
        swap_jurisdictions=_codes(en, "swap_jurisdictions", codes),
        topic_stop=en.str_list("topic_stop"),
        councils=tuple(councils), council_jurisdictions=council_jurisdictions,
        city_jurisdictions=_codes(en, "city_jurisdictions", codes),
        head_is_government=head_is_government, head_offices=_codes(en, "head_offices", codes),
        government_departments=_codes(en, "government_departments", codes),
        city_units=_codes(en, "city_units", codes),
        legislatures=en.str_list("legislatures"),
        possessive_legislatures=en.str_list("possessive_legislatures"),
        chamber_names=tuple(_pairs(en, "chamber_names")), committee_chambers=committee_chambers, bare_chambers=en.str_list("bare_chambers"),
        own_legislatures=en.str_list("own_legislatures"), own_titles=own_titles,
        national_datelines=en.str_list("national_datelines"),
        own_place_kinds=en.str_list("own_place_kinds"),
        shared_place_names=shared_place_names,
        own_kinds=en.str_list("own_kinds"), own_councils=en.str_list("own_councils"),
        own_kinds_jurisdictions=own_kinds_jurisdictions, own_ministries=own_ministries,
        commissioner_ministries=commissioner_ministries, enterprises=tuple(enterprises),
        institutions=en.str_list("institutions"),
        lone_kinds=en.str_list("lone_kinds"), state_departments=_codes(en, "state_departments", codes),
        national_kinds=en.str_list("national_kinds"),
        topic_kinds=en.str_list("topic_kinds"), topic_reject=en.str_list("topic_reject"),
        generic=tuple(generic),
        police=en.str_list("police"), nhs_endings=en.str_list("nhs_endings"),
        nhs_stop=en.str_list("nhs_stop"), nhs_named=en.str_list("nhs_named"),
        icb_areas=en.str_list("icb_areas"),
        units=en.str_list("units"),
        unit_links=en.str_list("unit_links"), reject_words=en.str_list("reject_words"),
        reject_names=en.str_list("reject_names"), zh_suffixes=zh.str_list("suffixes"),
        zh_center=zh.get("center", str, ""), zh_center_words=zh.str_list("center_words"),
        zh_district_suffixes=zh.str_list("district_suffixes"),
        zh_reject_starts=zh.str_list("reject_starts"), zh_units=zh.str_list("units"),
        zh_not_districts=zh.str_list("not_districts"), zh_not_units=zh.str_list("not_units"),
        place_titles=tuple(place_titles), council_names=council_names,
        zh_unit_links=zh.str_list("unit_links"), zh_district_offices=tuple(district_offices))
