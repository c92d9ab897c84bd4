"""English units of an agency: "its <Unit>" after an agency ("…, its Digital Service
Bureau said"), "the <kind>'s <Unit>" ("the council's Audit Committee"), a legislature's
committee in lower case ("the assembly's general affairs committee") and units right next
to a listed agency's mention ("the DPO's Smart Government Innovation Lab"). A mixin of
pipelines/bodies_en.py's EnglishBodies (compiled by pipelines/bodies.py)."""

from __future__ import annotations

import re
from typing import Any

from pipelines.bodies_own import SENTENCE_END
from pipelines.body_ids import Body, cut_topic, slug, strip_the

# "its" (or "whose") before a capitalised name: a unit of the agency just named ("its
# Digital Service Bureau", "the Department of Administrative Services, whose Office of
# Information Technology manages …")
_ITS_WORDS = r"(?:new |own |newly formed |dedicated )?(?=[A-Z])"  # "its new Digital …"
_ITS = re.compile(rf"\b(?:[Ii]ts|whose) {_ITS_WORDS}")
# ... and "Its" opening the next sentence
_ITS_FIRST = re.compile(rf"\s*Its {_ITS_WORDS}")
# a committee known by its number: "Portfolio Committee No. 3 – Education"
_NUMBERED = re.compile(r"\bCommittee No\. ?\d+")
# "the council's Audit Committee", "the force's Traffic Wing": a unit of the body of that
# kind named last; the words a body's name holds for each kind
_KIND_WORDS = {"force": ("Police", "Constabulary"), "regulator": ("Regulator", "Authority",
                                                                  "Commission", "Agency"),
               "legislature": ("Assembly", "Legislature", "Parliament", "Senate", "Congress"),
               # "the city's Smart City Bureau": a unit of the city's government, not of its
               # police ("Busan Metropolitan Police Agency") or its council
               "city": ("Metropolitan Government", "City Government", "Metropolitan City",
                        "Municipal Government", "City of"),
               "prefecture": ("Prefectural Government", "Prefecture"),
               # "the metropolitan government's Digital Service Bureau", "the state
               # government's Office of Digital Services": a government, by its name
               "metropolitan government": ("Metropolitan Government",),
               "city government": ("City Government", "Metropolitan Government",
                                   "Municipal Government", "City of"),
               "state government": ("State Government", "Government of"),
               "provincial government": ("Provincial Government", "Government of"),
               "government": ("Government",)}
_OWNING_KINDS = ("metropolitan government", "city government", "state government",
                 "provincial government", "government", "council", "force", "ministry",
                 "department", "agency", "board", "commission", "authority", "service",
                 "regulator", "assembly", "parliament", "legislature", "city", "prefecture",
                 "bureau", "administration")
_KIND_OWNER = re.compile(rf"\b[Tt]he (?P<kind>{'|'.join(_OWNING_KINDS)})['’]s "
                         r"(?:new |own |newly formed |dedicated )?(?=[A-Z])")
# ... also capitalised for a legislature ("at a hearing of the Council's Committee on …")
_CHAMBER_OWNER = re.compile(r"\b[Tt]he (?P<kind>Council|Assembly|Legislature|Parliament)['’]s "
                            r"(?=[A-Z])")
# a legislature's committee written in lower case after its chamber's possessive ("the
# assembly's general affairs committee", "the Osaka Prefectural Assembly's police
# committee"): one to four words of its remit, then "committee"
_STOP = r"(?:the|a|an|its|that|which|who|to|is|was|will|has|had|said|prepares|met|meets)\b"
_LOWER_COMMITTEE = re.compile(
    # its kind, then "committee on" and its remit ("special committee on artificial
    # intelligence"), up to a word that is no remit's ...
    rf"(?:special |select |standing |joint )?(?:sub)?committee on (?:(?!{_STOP})[a-z]+(?: and)? )"
    rf"{{0,3}}(?!{_STOP})[a-z]+(?![A-Za-z-])"
    # ... or one to four words of its remit, then "committee" ("general affairs committee")
    r"|(?:(?!(?:the|a|an|its|their|new|own|which|that|whose|this|each|every|key|powerful)\b)"
    r"[a-z]+ ){1,4}(?:sub)?committee(?![A-Za-z-])")
_CHAMBER_KINDS = frozenset({"council", "assembly", "legislature", "parliament"})
# a national chamber by a name no place's chamber has
_NATIONAL_CHAMBER = re.compile(r"(?:Chamber of Deputies|House of Representatives|Senate|"
                               r"Congress|Diet|Bundestag|Sejm|Riigikogu)$")
_LOWER_OWNER = re.compile(r"\b[Tt]he (?P<kind>council|assembly|legislature|parliament)['’]s "
                          r"(?=[a-z])")
_KIND_NAME = {kind: re.compile(r"\b(?:" + "|".join(_KIND_WORDS.get(kind, (kind.title(),)))
                               + r")\b") for kind in _OWNING_KINDS}


class UnitBodies:
    """The units of an agency, named next to it or after "its" / "the <kind>'s"."""

    # set by BodyMatcher.__init__ (pipelines/bodies.py) from the gazetteer
    chamber_name: Any
    link_ends: Any
    topic_stop: Any
    unit_after: Any
    unit_bare: Any
    unit_before: Any
    unit_end: Any
    unit_name: Any
    unit_office: Any
    unit_remit: Any

    def _rejected(self, name: str) -> bool:  # BodyMatcher's
        raise NotImplementedError

    def kind_units(self, text: str, agencies: list[tuple[int, str, str]]) -> dict[str, list[Body]]:
        """Units named "the <kind>'s <Unit>" ("members of the council's Audit Committee",
        "the force's Traffic Wing"), by parent: the agency of that kind named last before
        them (``agencies``: start, id and name as written, in the text's order)."""
        out: dict[str, list[Body]] = {}
        owners = [*_KIND_OWNER.finditer(text), *_CHAMBER_OWNER.finditer(text),
                  *_LOWER_OWNER.finditer(text)]
        for m in owners:
            kind = m.group("kind").lower()
            named_so = _KIND_NAME[kind]
            parent = next((aid for start, aid, name in reversed(agencies) if start < m.start()
                           and named_so.search(name)), None)
            if parent is None:
                continue
            if m.re is _LOWER_OWNER:
                unit, start = self.lower_committee(text, m.end()) if kind in _CHAMBER_KINDS \
                    else ("", 0)
            else:
                named = self.unit_name.match(text, m.end())
                unit = self._unit(named.group(0)) if named is not None else ""
                start = m.end() if unit and text.startswith(unit, m.end()) else -1
            if unit and start >= 0:
                out.setdefault(parent, []).append(Body(
                    start, start + len(unit), text[start:start + len(unit)],
                    f"{parent}-{slug(unit)}", unit, "", parent=parent))
        return out

    @staticmethod
    def lower_committee(text: str, at: int) -> tuple[str, int]:
        """A legislature's committee written in lower case at ``at`` ("general affairs
        committee"): its name capitalised and where it starts, else ("", -1)."""
        m = _LOWER_COMMITTEE.match(text, at)
        if m is None:
            return "", -1
        return " ".join(w if w in ("on", "and", "of", "for") else w[:1].upper() + w[1:]
                        for w in m.group(0).split(" ")), at

    def its_units(self, text: str, agency_end: int, limit: int, parent: str,
                  next_sentence: bool = False) -> list[Body]:
        """Units named "its <Unit>" after an agency's mention, in its sentence and before
        the next agency named ("The Tokyo Metropolitan Government will …, its Digital
        Service Bureau said"), or, with ``next_sentence`` (the agency is the only one of
        its sentence), opening the next sentence ("… is the Department of Veterans
        Affairs. Its Office of Information and Technology …")."""
        out: list[Body] = []
        stop = SENTENCE_END.search(text, agency_end, limit)
        end = stop.start() if stop is not None else limit
        starts = [m.end() for m in _ITS.finditer(text, agency_end, end)]
        if next_sentence and stop is not None \
                and (after := _ITS_FIRST.match(text, stop.end())) is not None \
                and after.end() < limit:
            # the last agency of a sentence owns the next one's "Its <Unit>": "… is the
            # Department of Veterans Affairs. Its Office of Information and Technology …"
            starts.append(after.end())
        for at in starts:
            named = self.unit_name.match(text, at)
            unit = self._unit(named.group(0)) if named is not None else ""
            if unit and text.startswith(unit, at):
                out.append(Body(at, at + len(unit), unit, f"{parent}-{slug(unit)}", unit, "",
                                parent=parent))
        return out

    def units(self, text: str, agency_start: int, agency_end: int, parent: str) -> list[Body]:
        """Units right next to a listed agency's mention at [agency_start, agency_end)."""
        out: list[Body] = []
        m = self.unit_after.match(text, agency_end) if text.startswith(("'s ", "’s ", "' ", "’ "), agency_end) else None
        possessive = next((p for p in ("'s ", "’s ", "' ", "’ ") if text.startswith(p, agency_end)),
                          "")
        if m is None and possessive and (
                self.chamber_name.search(text, agency_start, agency_end) is not None
                or _NATIONAL_CHAMBER.search(text, agency_start, agency_end) is not None):
            # "the Osaka Prefectural Assembly's police committee", "the Chamber of Deputies'
            # special committee on artificial intelligence"
            unit, start = self.lower_committee(text, agency_end + len(possessive))
            if unit:
                out.append(Body(start, start + len(unit), text[start:start + len(unit)],
                                f"{parent}-{slug(unit)}", unit, "", parent=parent))
        if m is None and text.startswith(" Office of the ", agency_end):
            m = self.unit_office.match(text, agency_end)
        said = text[agency_start:agency_end]
        if m is None and 2 <= len(said) <= 6 and said.isupper() and said.isalpha():
            # an abbreviation written before its unit's name: "the DAS Office of
            # Information Technology", "the GSA Federal Acquisition Service"
            m = self.unit_bare.match(text, agency_end)
        if m is not None:
            unit = self._unit(m.group("unit"))
            if unit:
                start = m.start("unit")
                out.append(Body(start, start + len(unit), unit, f"{parent}-{slug(unit)}", unit,
                                "", parent=parent))
        window = text[max(0, agency_start - 160):agency_start]
        m = self.unit_before.search(window) if window.endswith(self.link_ends) else None
        if m is not None:
            unit = self._unit(m.group("unit"), before=True)
            if unit:
                start = agency_start - len(window) + m.start("unit") + m.group("unit").index(unit)
                out.append(Body(start, start + len(unit), unit, f"{parent}-{slug(unit)}", unit,
                                "", parent=parent))
        return out

    def _unit(self, name: str, before: bool = False) -> str:
        """The unit's name cut to end at a unit noun ("" if none), without a leading "The"."""
        name = strip_the(name)
        if before:  # take the shortest tail that is a whole unit name ("… said its AI Lab")
            words = name.split(" ")
            while words and words[0] in ("The", "A", "An", "Its", "Their", "Our", "New"):
                words.pop(0)
            name = " ".join(words)
        if name.startswith(("Office of the ", "Office for the ")) and name.endswith("Officer") \
                or _NUMBERED.search(name):  # "Portfolio Committee No. 3 – Education"
            return name
        # "Members of the Standing Committee on …", "Chair of the AI Task Force": the unit
        people, sep, rest = name.partition(" of the ")
        if sep and (people in ("Members", "Member", "Staff") or people in self.topic_stop):
            name = rest
        # "Committee on Technology", "Panel on Information Technology and Broadcasting":
        # a unit noun, then its remit
        remit = self.unit_remit.match(name)
        if remit is not None:
            named = cut_topic(name, set(), self.topic_stop)
            if not self._rejected(named) and len(named) > remit.end("noun"):
                return named
        cut = name
        while cut and not self.unit_end.search(cut):
            cut = cut.rsplit(" ", 1)[0] if " " in cut else ""
        if not cut or " " not in cut and "-" not in cut or self._rejected(cut):
            return ""
        return cut
