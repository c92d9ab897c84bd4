"""Local government offices composed from a place and an office name (gazetteers/offices.toml).

China has 34 provincial-level divisions and hundreds of cities, each with its own science
and technology department, economy and information technology bureau, data bureau and so
on: 江苏省科学技术厅, 苏州市数据局, "Wuhan Municipal Bureau of Economy and Information
Technology". Listing each one would be thousands of near-identical entries, so
offices.toml describes each *kind* of office once and this module composes an agency for
every place of locations.toml that the office applies to:

- id: ``<location id>-<office id>`` (``cn-suzhou`` + ``data`` → ``cn-suzhou-data``);
- Chinese names: each Chinese name of the place, also with its administrative suffix
  (苏州 → 苏州, 苏州市; 江苏 → 江苏, 江苏省) followed by each Chinese office name
  (数据局, 数据资源管理局 …); ``administrative_only = true`` keeps only the suffixed forms
  (北京市人民政府, never 北京政府, which the Hong Kong press uses for the central government);
- English names: each ``{place}`` template filled with the place's English names;
- the agency remembers its place, so tagging also reports the location.

An office of a place that agencies.toml already lists (any composed name is one of the
listed agency's names, e.g. 广东省科技厅) is not composed: the listing wins. A name composed for two places (吉林, the province and
the city) names neither; two offices composing the same name for one place is an error.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from crawler.config import Agency, ConfigError, Fields, Location, load_toml

OFFICES_FILE = "offices.toml"
_SUFFIX = {"province": ("省",), "city": ("市",)}  # administrative suffix by location kind
_ALREADY = ("省", "市", "自治区", "自治區", "特别行政区", "特別行政區", "县", "縣")
_KEYS = {"id", "jurisdiction", "places", "kind", "source", "name", "aliases",
         "names_zh_hans", "names_zh_hant", "administrative_only"}


def _prefixes(place: Location, administrative_only: bool) -> list[str]:
    """Chinese forms of a place's name that an office name can follow."""
    out: list[str] = []
    for name in (*place.names_zh_hans, *place.names_zh_hant):
        if name in place.ambiguous:
            continue
        if name.endswith(_ALREADY):
            out.append(name)
            continue
        if not administrative_only:
            out.append(name)
        out.extend(name + s for s in _SUFFIX.get(place.kind, ()))
    return list(dict.fromkeys(out))


def _english(templates: Iterable[str], place: Location) -> list[str]:
    names = [place.name, *(a for a in place.aliases if a not in place.ambiguous)]
    return list(dict.fromkeys(t.replace("{place}", n) for t in templates for n in names))


def _template(f: Fields, key: str, required: bool = False) -> str:
    value: str = f.get(key, str, "", required=required)
    if value and "{place}" not in value:
        f.fail(key, f"{value!r} has no {{place}}")
    return value


def compose_offices(directory: Path, codes: set[str], kinds: tuple[str, ...],
                    locations: Iterable[Location], agencies: Iterable[Agency]) -> list[Agency]:
    """The agencies offices.toml composes; [] when the file does not exist."""
    path = Path(directory) / OFFICES_FILE
    if not path.is_file():
        return []
    data = load_toml(path)
    top = Fields(path, "", data, {"sources", "office"})
    sources = top.get("sources", dict, {})
    locations = list(locations)
    taken = {name for a in agencies for name in a.names}
    listed_ids = {a.id for a in agencies}
    # name -> {agency id: (place id, office id)}; built first so shared names can be seen
    owners: dict[str, dict[str, tuple[str, str]]] = {}
    planned: list[tuple[str, str, str, str, str, str]] = []  # id, name, kind, source, place, office
    for index, table in enumerate(top.get("office", list, required=True)):
        if not isinstance(table, dict):
            raise ConfigError(path, "expected [[office]] tables", f"office #{index + 1}")
        label = f"office {table['id']!r}" if isinstance(table.get("id"), str) else f"office #{index + 1}"
        f = Fields(path, label, table, _KEYS)
        office = f.get("id", str, required=True)
        jurisdiction = f.get("jurisdiction", str, required=True)
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
            f.fail("places", "missing (location kinds such as \"province\", \"city\")")
        name_template = _template(f, "name", required=True)
        aliases = f.str_list("aliases")
        for alias in aliases:
            if "{place}" not in alias:
                f.fail("aliases", f"{alias!r} has no {{place}}")
        zh = (*f.str_list("names_zh_hans"), *f.str_list("names_zh_hant"))
        administrative_only = f.get("administrative_only", bool, False)
        matched = [p for p in locations if p.jurisdiction == jurisdiction and p.kind in places]
        if not matched:
            f.fail("places", f"no location of kind {', '.join(places)} in {jurisdiction}")
        for place in matched:
            agency_id = f"{place.id}-{office}"
            main = name_template.replace("{place}", place.name)
            wanted = [*_english((name_template, *aliases), place),
                      *(p + z for p in _prefixes(place, administrative_only) for z in zh)]
            if agency_id in listed_ids or any(name in taken for name in wanted):
                continue  # listed in agencies.toml (under any id): the listing wins
            planned.append((agency_id, main, kind, source, place.id, jurisdiction))
            for name in wanted:
                mine = owners.setdefault(name, {})
                for other, (other_place, other_office) in mine.items():
                    if other_place == place.id and other != agency_id:
                        f.fail("names_zh_hans" if not name.isascii() else "aliases",
                               f"{name!r} is also composed by office {other_office!r}")
                mine[agency_id] = (place.id, office)
    own: dict[str, list[str]] = {}
    for name, ids in owners.items():
        if len(ids) == 1:  # a name two places share (吉林 the province and the city) names neither
            own.setdefault(next(iter(ids)), []).append(name)
    out: list[Agency] = []
    for agency_id, main, kind, source, place_id, jurisdiction in planned:
        names = own.get(agency_id, [])
        out.append(Agency(
            id=agency_id, name=main, jurisdiction=jurisdiction, kind=kind,
            names_zh_hans=tuple(n for n in names if not n.isascii()),
            aliases=tuple(n for n in names if n.isascii() and n != main),
            source=source, place=place_id))
    return out
