"""Fill the ``agencies:`` ids of a labelled file from its ``agency_names:`` (blind sets).

A blind set is written with plain-English official names only (``agency_names``), before
anyone reads the gazetteer; this maps each name to a gazetteer id by exact match on the
agency's official name, aliases or abbreviations (case and "the" ignored). Names with no
match are printed for a person to resolve by what the body *is*, never by what the tagger
outputs: give the gazetteer id when the body is in it under another wording, otherwise
invent an id (it will count as a miss). Resolutions go in a small TOML-free text file,
one ``name = id`` per line, or ``article-id: name = id`` for a name that means different
bodies in different articles (``--manual``).

    python bench/label_ids.py bench/labelled/blind5/en.txt            # report only
    python bench/label_ids.py bench/labelled/blind5/*.txt --manual bench/labelled/blind5/ids.txt --write

``--relist``: the gazetteer has grown since the set was mapped; a name that now has
exactly one exact match among the gazetteer's agencies of the article's labelled
jurisdictions takes that id instead of the derived one of ``--manual`` (what the body
is has not changed; only whether a list names it).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from crawler.config import load_gazetteer  # noqa: E402

# agency_names may be followed by more fields (blind set 9: "| mentions: … | parents: …")
HEADER = re.compile(r"^(=== .*?\| agencies:)([^|]*)(\| agency_names:)([^|]*)(.*)$", re.M)


def _key(name: str) -> str:
    name = re.sub(r"^the\s+", "", name.strip(), flags=re.I)
    return re.sub(r"[\s.,'’]+", " ", name).strip().lower()


def index() -> tuple[dict[str, set[str]], dict[str, str]]:
    """Agency ids by name key, and each agency's jurisdiction."""
    g = load_gazetteer(ROOT / "config" / "gazetteers")
    out: dict[str, set[str]] = {}
    for a in g.agencies:
        for name in (a.name, *a.aliases, *a.abbreviations):
            out.setdefault(_key(name), set()).add(a.id)
    return out, {a.id: a.jurisdiction for a in g.agencies}


def manual(path: Path | None) -> dict[str, str]:
    if path is None or not path.exists():
        return {}
    pairs = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if "=" in line and not line.lstrip().startswith("#"):
            name, _, agency = line.rpartition("=")
            article, colon, rest = name.partition(":")
            if colon and re.fullmatch(r"\s*[a-z0-9]+-\d+\s*", article):  # "b5zh-41: name = id"
                pairs[f"{article.strip()}|{_key(rest)}"] = agency.strip()
            else:
                pairs[_key(name)] = agency.strip()
    return pairs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--manual", type=Path, help="'name = id' lines for unmatched names")
    parser.add_argument("--write", action="store_true", help="rewrite the agencies: fields")
    parser.add_argument("--relist", action="store_true",
                        help="a name now listed (one exact match in the article's "
                             "jurisdictions) takes the listed id over --manual's")
    args = parser.parse_args()
    (known, jurisdiction), chosen = index(), manual(args.manual)
    unresolved = 0
    for path in args.files:
        text = path.read_text(encoding="utf-8")

        def fill(m: re.Match[str], path: Path = path) -> str:
            nonlocal unresolved
            ids = []
            article = m.group(1).split("|")[0][4:].strip()
            codes = set(re.findall(r"\b[A-Z]{2}\b", m.group(1).partition("jurisdictions:")[2]))
            for name in filter(None, (n.strip() for n in m.group(4).split(";"))):
                key = _key(name)
                listed = {i for i in known.get(key, ()) if jurisdiction.get(i) in codes}
                if args.relist and len(listed) == 1:
                    ids.append(next(iter(listed)))
                elif f"{article}|{key}" in chosen:
                    ids.append(chosen[f"{article}|{key}"])
                elif key in chosen:
                    ids.append(chosen[key])
                elif len(known.get(key, ())) == 1:
                    ids.append(next(iter(known[key])))
                else:
                    unresolved += 1
                    hint = f" (several: {sorted(known[key])})" if key in known else ""
                    print(f"{path.name}: {article}: no id for {name!r}{hint}")
            return (f"{m.group(1)} {','.join(dict.fromkeys(ids))} {m.group(3)}{m.group(4)}"
                    f"{m.group(5)}")

        new = HEADER.sub(fill, text)
        if args.write:
            path.write_text(new, encoding="utf-8")
    print(f"{unresolved} names without an id", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
