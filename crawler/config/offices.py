"""Local government offices made of a place and an office name (gazetteers/offices.toml).

China has 34 provincial-level divisions and hundreds of cities, each with its own science
and technology department, economy and information technology bureau, data bureau and so
on: 江苏省科学技术厅, 苏州市数据局, "Wuhan Municipal Bureau of Economy and Information
Technology". Listing each would be thousands of near-identical entries (and tens of
thousands of names to compile), so offices.toml describes each *kind* of office once:

- :func:`load_offices` reads and checks offices.toml into :class:`Office` records;
- :func:`compose` gives every place of locations.toml the office applies to an agency
  ``<location id>-<office id>`` (``cn-suzhou-data``), named by the office's English
  template ("Suzhou Data Bureau") and remembering its place. These agencies carry no
  names of their own: pipelines/tagging.py recognises them *structurally*, as a mention
  of the place followed by the office's name (苏州 + 市 + 数据局, "Suzhou" + " municipal
  data bureau") or wrapped by an English template ("data bureau of " + "Suzhou" +
  " municipality"), which is cheap to compile and decides between places that share a
  Chinese name by their suffix (吉林省 the province, 吉林市 the city).

An office of a place that agencies.toml already lists under any id (any of the composed
Chinese or English names is one of the listed agency's names, e.g. 广东省科技厅 →
cn-gd-most) is not composed for that place: the listing wins, with its official name.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from crawler.config.entries import LOCATION_KINDS, Agency, Location
from crawler.config.loader import ConfigError, Fields, load_toml

OFFICES_FILE = "offices.toml"
# Administrative suffixes between a place and an office, and the place kinds they name.
ADMIN_SUFFIXES = {"省": ("province",), "市": ("city",), "自治区": ("province",),
                  "自治區": ("province",), "縣": ("district",), "县": ("district",)}
_KEYS = {"id", "jurisdiction", "places", "kind", "source", "name", "aliases",
         "names_zh_hans", "names_zh_hant", "administrative_only"}


@dataclass(frozen=True)
class Office:
    id: str
    jurisdiction: str
    places: tuple[str, ...]  # location kinds
    kind: str
    source: str
    name: str  # English template with {place}: the name reported
    aliases: tuple[str, ...] = ()  # more English templates
    names_zh: tuple[str, ...] = ()  # office names that follow a place (数据局)
    administrative_only: bool = False  # Chinese: only after 省/市 (北京市政府, not 北京政府)

    def templates(self) -> tuple[tuple[str, str], ...]:
        """(text before the place, text after it) of each English template, lower-cased."""
        out = []
        for template in (self.name, *self.aliases):
            before, _, after = template.lower().partition("{place}")
            out.append((before, after))
        return tuple(dict.fromkeys(out))


def _template(f: Fields, key: str, value: str) -> None:
    if value.count("{place}") != 1:
        f.fail(key, f"{value!r} must contain {{place}} once")


def load_offices(directory: Path, codes: set[str], kinds: tuple[str, ...],
                 locations: Iterable[Location]) -> tuple[Office, ...]:
    """The offices of ``<directory>/offices.toml``; () when the file does not exist. An
    office that no location fits (a typo in ``places`` or ``jurisdiction``) is an error."""
    locations = list(locations)
    path = Path(directory) / OFFICES_FILE
    if not path.is_file():
        return ()
    data = load_toml(path)
    top = Fields(path, "", data, {"sources", "office"})
    sources = top.get("sources", dict, {})
    offices: list[Office] = []
    owner: dict[tuple[str, str], str] = {}  # (jurisdiction, office name) -> office id
    for index, table in enumerate(top.get("office", list, required=True)):
        if not isinstance(table, dict):
            raise ConfigError(path, "expected [[office]] tables", f"office #{index + 1}")
        label = f"office {table['id']!r}" if isinstance(table.get("id"), str) else f"office #{index + 1}"
        f = Fields(path, label, table, _KEYS)
        office_id = f.get("id", str, required=True)
        jurisdiction = f.get("jurisdiction", str, required=True)
        if any(o.id == office_id and o.jurisdiction == jurisdiction for o in offices):
            f.fail("id", f"duplicate id {office_id!r} in {jurisdiction}")
        if jurisdiction not in codes:
            f.fail("jurisdiction", f"unknown code {jurisdiction!r} (not in jurisdictions.toml)")
        kind = f.get("kind", str, required=True)
        if kind not in kinds:
            f.fail("kind", f"unknown value {kind!r} (expected {', '.join(kinds)})")
        source = f.get("source", str, required=True)
        if source not in sources:
            f.fail("source", f"unknown source {source!r} (define it under [sources])")
        places = f.str_list("places")
        if not places:
            f.fail("places", 'missing (location kinds such as "province", "city")')
        for place_kind in places:
            if place_kind not in LOCATION_KINDS:
                f.fail("places", f"unknown location kind {place_kind!r}")
        if not any(p.jurisdiction == jurisdiction and p.kind in places for p in locations):
            f.fail("places", f"no location of kind {', '.join(places)} in {jurisdiction}")
        name = f.get("name", str, required=True)
        _template(f, "name", name)
        aliases = f.str_list("aliases")
        for alias in aliases:
            _template(f, "aliases", alias)
        names_zh = (*f.str_list("names_zh_hans"), *f.str_list("names_zh_hant"))
        for zh in names_zh:
            other = owner.setdefault((jurisdiction, zh), office_id)
            if other != office_id:
                f.fail("names_zh_hans", f"{zh!r} is also a name of office {other!r}")
        offices.append(Office(
            id=office_id, jurisdiction=jurisdiction, places=places, kind=kind, source=source,
            name=name, aliases=aliases, names_zh=tuple(dict.fromkeys(names_zh)),
            administrative_only=f.get("administrative_only", bool, False)))
    return tuple(offices)


def zh_forms(place: Location) -> list[str]:
    """A place's Chinese names with and without their administrative suffix."""
    out = []
    for name in (*place.names_zh_hans, *place.names_zh_hant):
        out.append(name)
        for suffix, kinds in ADMIN_SUFFIXES.items():
            if name.endswith(suffix):
                out.append(name[:-len(suffix)])
            elif place.kind in kinds:
                out.append(name + suffix)
    return out


def compose(offices: Iterable[Office], locations: Iterable[Location],
            agencies: Iterable[Agency]) -> list[Agency]:
    """One agency per (place, office) that agencies.toml does not already list."""
    agencies = list(agencies)
    taken = {name.lower() for a in agencies for name in a.names}
    listed_ids = {a.id for a in agencies}
    by_jurisdiction: dict[str, list[Location]] = {}  # the places of each, in file order
    for place in locations:
        if getattr(place, "compose_offices", True):
            by_jurisdiction.setdefault(place.jurisdiction, []).append(place)
    forms: dict[str, list[str]] = {}  # a place's Chinese forms, once per place
    out: list[Agency] = []
    for office in offices:
        templates = office.templates()
        wanted = set(office.places)
        for place in by_jurisdiction.get(office.jurisdiction, ()):
            agency_id = f"{place.id}-{office.id}"
            if place.kind not in wanted or agency_id in listed_ids:
                continue  # (listed in agencies.toml: the listing wins)
            names = [before + n.lower() + after
                     for before, after in templates for n in (place.name, *place.aliases)]
            if place.id not in forms:
                forms[place.id] = zh_forms(place)
            names += [p + z for p in forms[place.id] for z in office.names_zh]
            if any(n in taken for n in names):
                continue  # listed under another id
            out.append(Agency(id=agency_id, name=_composed_name(office.name, place.name),
                              jurisdiction=office.jurisdiction, kind=office.kind,
                              source=office.source, place=place.id))
    return out


def _composed_name(template: str, place: str) -> str:
    """The template with the place's name, without a kind word said twice: "Central and
    Western District" + " District Office" is "Central and Western District Office"."""
    before, _, after = template.partition("{place}")
    for word in ("District", "County", "City"):
        if place.endswith(" " + word) and after.startswith(" " + word + " "):
            after = after[len(word) + 1:]
    return before + place + after

