"""config/gazetteers/: load and check the gazetteer files, compose offices and body rules."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from crawler.config.bodies import BODIES_FILE, Title, derived_titles, load_body_rules, load_titles
from crawler.config.entries import (
    AGENCY_KINDS,
    LOCATION_KINDS,
    Agency,
    Gazetteer,
    Jurisdiction,
    Location,
    Person,
    Vendor,
)
from crawler.config.loader import JURISDICTION_CODE, ConfigError, Fields, load_toml, slug_field
from crawler.config.offices import compose, load_offices

_ENTRY_KEYS = {"id", "name", "names_zh_hant", "names_zh_hans", "abbreviations", "aliases",
               "ambiguous", "false_friends", "jurisdiction", "kind", "source"}


def _sources_table(path: Path, data: Mapping[str, Any]) -> dict[str, str]:
    table = data.get("sources", {})
    if not isinstance(table, dict):
        raise ConfigError(path, "expected a [sources] table", "", "sources")
    for key, value in table.items():
        if not isinstance(value, str):
            raise ConfigError(path, f"expected a string, got {type(value).__name__} (is a list "
                              "of entries placed after [sources]? TOML puts it inside)",
                              "[sources]", key)
    return dict(table)


def _check_ambiguous(f: Fields, names: tuple[str, ...], ambiguous: tuple[str, ...]) -> None:
    for name in ambiguous:
        if name not in names:
            f.fail("ambiguous", f"{name!r} is not one of this entry's names")


def _check_false_friends(f: Fields, names: tuple[str, ...], phrases: tuple[str, ...]) -> None:
    """A false friend ("廣東話" for 廣東, "US$" for US) must contain one of the entry's
    names as written; otherwise it could never hide a mention and is a typo."""
    for phrase in phrases:
        if not any(name in phrase and name != phrase for name in names):
            f.fail("false_friends", f"{phrase!r} does not contain one of this entry's names")


def _parse_entry(path: Path, what: str, index: int, table: Any, defaults: Mapping[str, Any],
                 sources: Mapping[str, str], codes: set[str], extra: frozenset[str] = frozenset()
                 ) -> tuple[Fields, dict[str, Any]]:
    if not isinstance(table, dict):
        raise ConfigError(path, f"expected a table for each {what}", f"{what} #{index + 1}")
    label = f"{what} {table['id']!r}" if isinstance(table.get("id"), str) else f"{what} #{index + 1}"
    f = Fields(path, label, {**defaults, **table}, _ENTRY_KEYS | set(extra))
    values: dict[str, Any] = {"id": slug_field(f), "name": f.get("name", str, required=True).strip()}
    for key in ("names_zh_hant", "names_zh_hans", "abbreviations", "aliases", "ambiguous",
                "false_friends"):
        values[key] = f.str_list(key)
    jurisdiction = f.get("jurisdiction", str, "")
    if jurisdiction and jurisdiction not in codes:
        f.fail("jurisdiction", f"unknown code {jurisdiction!r} (not in jurisdictions.toml)")
    values["jurisdiction"] = jurisdiction
    source = f.get("source", str, required=True)
    if source not in sources:
        f.fail("source", f"unknown source {source!r} (define it under [sources])")
    values["source"] = source
    values["kind"] = f.get("kind", str, "")
    names = Agency(**values).names
    _check_ambiguous(f, names, values["ambiguous"])
    _check_false_friends(f, names, values["false_friends"])
    return f, values


def _entries(path: Path, data: Mapping[str, Any], key: str) -> list[tuple[int, Any, dict[str, Any]]]:
    """Entries of ``key`` at top level and inside [[group]]s (with the group's defaults)."""
    out: list[tuple[int, Any, dict[str, Any]]] = []
    top = data.get(key, [])
    if not isinstance(top, list):
        raise ConfigError(path, f"expected a list of {key} tables", "", key)
    out.extend((i, t, {}) for i, t in enumerate(top))
    groups = data.get("group", [])
    if not isinstance(groups, list):
        raise ConfigError(path, "expected [[group]] tables", "", "group")
    for g_index, group in enumerate(groups):
        if not isinstance(group, dict):
            raise ConfigError(path, "expected a table", f"group #{g_index + 1}")
        g = Fields(path, f"group #{g_index + 1}", group,
                   {"jurisdiction", "kind", "source", "compose_offices", key})
        defaults = {k: group[k] for k in ("jurisdiction", "kind", "source", "compose_offices")
                    if k in group}
        entries = g.get(key, list, required=True)
        out.extend((len(out), t, defaults) for t in entries)
    return out


def gazetteer_files(directory: Path, stem: str) -> list[Path]:
    """The files of one gazetteer list: ``<stem>.toml`` and then ``<stem>/*.toml`` in name
    order (e.g. agencies/cn.toml, agencies/us.toml), so each region can keep its own file.
    At least one must exist."""
    files = [directory / f"{stem}.toml"] if (directory / f"{stem}.toml").is_file() else []
    folder = directory / stem
    if folder.is_dir():
        files.extend(sorted(p for p in folder.glob("*.toml") if p.is_file()))
    if not files:
        raise ConfigError(directory / f"{stem}.toml",
                          f"file not found (nor any {stem}/*.toml beside it)")
    return files


def _load_entries(directory: Path, stem: str, key: str, codes: set[str],
                  extra: frozenset[str] = frozenset()) -> list[tuple[Fields, dict[str, Any]]]:
    """Every entry of ``key`` across the gazetteer's files; ids are unique across them."""
    parsed = []
    seen: dict[str, Path] = {}
    for path in gazetteer_files(directory, stem):
        data = load_toml(path)
        Fields(path, "", data, {"sources", "group", key})
        sources = _sources_table(path, data)
        for index, table, defaults in _entries(path, data, key):
            f, values = _parse_entry(path, key, index, table, defaults, sources, codes, extra)
            if values["id"] in seen:
                where = "" if seen[values["id"]] == path else f" (also in {seen[values['id']]})"
                f.fail("id", f"duplicate id {values['id']!r}{where}")
            seen[values["id"]] = path
            parsed.append((f, values))
    return parsed


def _load_jurisdictions(path: Path) -> tuple[Jurisdiction, ...]:
    data = load_toml(path)
    Fields(path, "", data, {"sources", "jurisdiction"})
    sources = _sources_table(path, data)
    out: list[Jurisdiction] = []
    for index, table in enumerate(Fields(path, "", data, {"sources", "jurisdiction"})
                                  .get("jurisdiction", list, required=True)):
        if not isinstance(table, dict):
            raise ConfigError(path, "expected [[jurisdiction]] tables", f"jurisdiction #{index + 1}")
        label = (f"jurisdiction {table['code']!r}" if isinstance(table.get("code"), str)
                 else f"jurisdiction #{index + 1}")
        f = Fields(path, label, table, {"code", "name", "names_zh", "aliases", "ambiguous",
                                        "false_friends", "source", "display"})
        code = f.get("code", str, required=True)
        if not JURISDICTION_CODE.match(code):
            f.fail("code", f"not an ISO 3166 code or EU: {code!r}")
        if any(j.code == code for j in out):
            f.fail("code", f"duplicate code {code!r}")
        source = f.get("source", str, required=True)
        if source not in sources:
            f.fail("source", f"unknown source {source!r} (define it under [sources])")
        j = Jurisdiction(code=code, name=f.get("name", str, required=True),
                         names_zh=f.str_list("names_zh"), aliases=f.str_list("aliases"),
                         ambiguous=f.str_list("ambiguous"), source=source,
                         false_friends=f.str_list("false_friends"),
                         display=f.get("display", str, ""))
        _check_ambiguous(f, j.names, j.ambiguous)
        _check_false_friends(f, j.names, j.false_friends)
        out.append(j)
    return tuple(out)


def jurisdiction_labels(directory: str | Path) -> dict[str, str]:
    """Code -> the name readers see ("CN" -> "Mainland China"), from jurisdictions.toml in
    the gazetteer ``directory``; a bad file is a ConfigError."""
    return {j.code: j.label for j in _load_jurisdictions(Path(directory) / "jurisdictions.toml")}


def load_gazetteer(directory: str | Path) -> Gazetteer:
    """Load ``jurisdictions``, ``agencies``, ``vendors`` and ``locations`` .toml from
    ``directory`` (normally ``config/gazetteers``); agencies, vendors and locations may also
    be split into ``agencies/*.toml`` etc. Raise ConfigError on the first problem.

    Read once per process for the same files (the topic's agency terms and the tagger both
    need it; a Gazetteer is immutable): the files' content is part of the key, so an edited
    file is read again."""
    folder = Path(directory)
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes() + b"\0")
    return _load_gazetteer(str(directory), digest.hexdigest())


@lru_cache(maxsize=4)
def _load_gazetteer(folder: str, _content: str) -> Gazetteer:
    directory = Path(folder)
    jurisdictions = _load_jurisdictions(directory / "jurisdictions.toml")
    codes = {j.code for j in jurisdictions}
    agencies: list[Agency] = []
    parents: list[tuple[Fields, str]] = []
    for f, values in _load_entries(directory, "agencies", "agency", codes, frozenset({"parent"})):
        if values["kind"] not in AGENCY_KINDS:
            f.fail("kind", f"unknown value {values['kind']!r} (expected {', '.join(AGENCY_KINDS)})")
        if not values["jurisdiction"]:
            f.fail("jurisdiction", "missing")
        values["parent"] = f.get("parent", str, "")
        if values["parent"]:
            parents.append((f, values["parent"]))
        agencies.append(Agency(**values))
    agency_ids = {a.id for a in agencies}
    for f, parent in parents:  # a unit of a listed agency (the Civil Service College)
        if parent not in agency_ids:
            f.fail("parent", f"unknown agency id {parent!r}")
    vendors: list[Vendor] = []
    for f, values in _load_entries(directory, "vendors", "vendor", codes,
                                   frozenset({"country", "agency"})):
        country = f.get("country", str, "")
        if country and country not in codes and not JURISDICTION_CODE.match(country):
            f.fail("country", f"not an ISO 3166 code: {country!r}")
        agency = f.get("agency", str, "")
        if agency and agency not in agency_ids:
            f.fail("agency", f"unknown agency id {agency!r} (not in agencies.toml)")
        if agency:  # a public body that supplies solutions: it shares the agency's names
            body = next(a for a in agencies if a.id == agency)
            for key in ("names_zh_hant", "names_zh_hans", "abbreviations", "aliases", "ambiguous"):
                values[key] = tuple(dict.fromkeys((*values[key], *getattr(body, key))))
            if body.name != values["name"]:
                values["aliases"] = tuple(dict.fromkeys((*values["aliases"], body.name)))
        vendors.append(Vendor(**values, country=country, agency=agency))
    locations: list[Location] = []
    for f, values in _load_entries(directory, "locations", "location", codes,
                                   frozenset({"compose_offices"})):
        if values["kind"] not in LOCATION_KINDS:
            f.fail("kind", f"unknown value {values['kind']!r} (expected {', '.join(LOCATION_KINDS)})")
        values["compose_offices"] = f.get("compose_offices", bool, True)
        locations.append(Location(**values))


    offices = load_offices(directory, codes, AGENCY_KINDS, locations)
    agencies.extend(compose(offices, locations, agencies))
    titles = load_titles(directory, (a.id for a in agencies))
    # titles read off the agencies' names; a written title (titles.toml) or an agency's
    # own name keeps its meaning, so such a derived one is left out
    taken = {t for title in titles.values() for t in title.names}
    taken.update(n for a in agencies for n in a.names)
    derived_by_agency = derived_titles(agencies)
    for agency_id, derived in derived_by_agency.items():
        extra = tuple(t for t in derived if t not in taken)
        if not extra:
            continue
        known = titles.get(agency_id, Title(agency=agency_id, names=()))
        titles[agency_id] = Title(agency=agency_id, names=(*known.names, *extra),
                                  ambiguous=(*known.ambiguous, *extra))
    agencies = [replace(a, titles=titles[a.id].names, ambiguous_titles=titles[a.id].ambiguous)
                if a.id in titles else a for a in agencies]
    bodies = load_body_rules(directory, codes)
    chambers = {a.id for a in agencies if a.kind == "legislature"}
    for code, chamber in bodies.committee_chambers:
        if chamber not in chambers:
            raise ConfigError(Path(directory) / BODIES_FILE,
                              f"{code}: {chamber!r} is no listed legislature", "[english]",
                              "committee_chambers")
    return Gazetteer(directory=directory, jurisdictions=jurisdictions, agencies=tuple(agencies),
                     offices=offices, bodies=bodies,
                     derived_titles=frozenset(t.lower() for ts in derived_by_agency.values()
                                              for t in ts),
                     vendors=tuple(vendors), locations=tuple(locations))


def load_people(directory: str | Path) -> tuple[Person, ...]:
    """``people.toml`` in the gazetteer ``directory``; none when the file is absent (a
    person is evidence only when both names are known, so an empty list is valid)."""
    path = Path(directory) / "people.toml"
    if not path.exists():
        return ()
    data = load_toml(path)
    top = Fields(path, "", data, {"sources", "person"})
    sources = _sources_table(path, data)
    out: list[Person] = []
    for index, table in enumerate(top.get("person", list, [])):
        if not isinstance(table, dict):
            raise ConfigError(path, "expected [[person]] tables", f"person #{index + 1}")
        label = (f"person {table['id']!r}" if isinstance(table.get("id"), str)
                 else f"person #{index + 1}")
        f = Fields(path, label, table, {"id", "name", "names_zh", "aliases", "source"})
        person_id = slug_field(f)
        source = f.get("source", str, required=True)
        if source not in sources:
            f.fail("source", f"unknown source {source!r} (define it under [sources])")
        names_zh = f.str_list("names_zh")
        if not names_zh:
            f.fail("names_zh", "missing: a person is cross-language evidence only with both names")
        if any(p.id == person_id for p in out):
            f.fail("id", f"duplicate id {person_id!r}")
        out.append(Person(id=person_id, name=f.get("name", str, required=True).strip(),
                          names_zh=names_zh, aliases=f.str_list("aliases")))
    return tuple(out)
