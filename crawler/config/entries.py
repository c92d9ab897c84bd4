"""The frozen types of the gazetteer: jurisdictions, agencies, vendors, locations, people."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only: offices and bodies build on these types
    from crawler.config.bodies import BodyRules
    from crawler.config.offices import Office


GAZETTEER_DIR = "gazetteers"


AGENCY_KINDS = (
    "executive office", "government bureau", "government department", "legislature", "court",
    "regulator", "statutory body", "public company", "public research body",
)


LOCATION_KINDS = ("district", "venue", "zone", "city", "province")


@dataclass(frozen=True)
class Jurisdiction:
    code: str
    name: str
    names_zh: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    ambiguous: tuple[str, ...] = ()
    source: str = ""
    false_friends: tuple[str, ...] = ()  # phrases containing a name that mean something else
    display: str = ""  # the name readers see (digest headings); defaults to ``name``

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys((self.name, *self.aliases, *self.names_zh)))

    @property
    def label(self) -> str:
        return self.display or self.name


@dataclass(frozen=True)
class Agency:
    """A public body; also the shape of vendors and locations (see their TOML files)."""

    id: str
    name: str
    jurisdiction: str = ""
    kind: str = ""
    names_zh_hant: tuple[str, ...] = ()
    names_zh_hans: tuple[str, ...] = ()
    abbreviations: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    ambiguous: tuple[str, ...] = ()
    source: str = ""
    false_friends: tuple[str, ...] = ()  # phrases containing a name that mean something else
    place: str = ""  # location id of an office composed by offices.toml (crawler/config/offices.py)
    titles: tuple[str, ...] = ()  # office-holders' titles (titles.toml, crawler/config/bodies.py)
    ambiguous_titles: tuple[str, ...] = ()  # titles that count only with context
    parent: str = ""  # agencies: the listed agency a unit belongs to ("" for none)

    @property
    def listed(self) -> bool:
        """False for an office composed from a place and an office kind (offices.toml):
        no list names that body, the place and the office template make it."""
        return not self.place

    @property
    def names(self) -> tuple[str, ...]:
        """Every name that identifies the entry (official name first)."""
        return tuple(dict.fromkeys((self.name, *self.aliases, *self.names_zh_hant,
                                    *self.names_zh_hans, *self.abbreviations)))


@dataclass(frozen=True)
class Vendor(Agency):
    country: str = ""
    agency: str = ""  # id in agencies.toml when the vendor is also a public body


@dataclass(frozen=True)
class Location(Agency):
    # False: offices.toml composes no agencies for this place (a long list of cities would
    # multiply the gazetteer); an office the text names after it is still recognised, with
    # the same id and name (pipelines/bodies_zh.py)
    compose_offices: bool = True


@dataclass(frozen=True)
class Gazetteer:
    directory: Path
    jurisdictions: tuple[Jurisdiction, ...]
    agencies: tuple[Agency, ...]
    vendors: tuple[Vendor, ...]
    locations: tuple[Location, ...]
    offices: tuple[Office, ...] = ()  # offices.toml: local offices made of place + office
    bodies: BodyRules | None = None  # bodies.toml: patterns for bodies no list names
    # the titles read off ministries' and departments' names ("Minister for Transport"),
    # lower case: a state's or a region's office-holder of that name heads another body
    derived_titles: frozenset[str] = frozenset()

    def agency(self, agency_id: str) -> Agency | None:
        return next((a for a in self.agencies if a.id == agency_id), None)


@dataclass(frozen=True)
class Person:
    """A named person whose English and Chinese names are both known (people.toml)."""

    id: str
    name: str
    names_zh: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys((self.name, *self.aliases, *self.names_zh)))
