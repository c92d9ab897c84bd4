"""docs/schema.md documents every table, view and column, and every schema version."""

from __future__ import annotations

import re
from pathlib import Path

from crawler import db as dbm

ROOT = Path(__file__).resolve().parents[1]
SCHEMA_DOC = (ROOT / "docs" / "schema.md").read_text(encoding="utf-8")


def sections() -> dict[str, str]:
    """'### name[, name…]' heading -> the text up to the next heading."""
    parts = re.split(r"^###\s+(.+)$", SCHEMA_DOC, flags=re.MULTILINE)
    out: dict[str, str] = {}
    for heading, body in zip(parts[1::2], parts[2::2], strict=True):
        for name in heading.split(","):
            out[name.strip()] = body
    return out


def schema_objects(tmp_path: Path) -> list[tuple[str, str, list[str]]]:
    db = dbm.open_db(tmp_path / "g.db")
    rows = db.execute("SELECT type, name, sql FROM sqlite_master WHERE type IN ('table', 'view')"
                      " AND name NOT LIKE 'sqlite_%' ORDER BY name").fetchall()
    virtual = {name for _, name, sql in rows if sql.startswith("CREATE VIRTUAL TABLE")}
    out = []
    for kind, name, _sql in rows:
        if any(name.startswith(v + "_") and name[len(v) + 1:] in
               ("data", "idx", "docsize", "config", "content") for v in virtual):
            continue  # FTS5 shadow tables
        columns = [] if name in virtual else [
            r[1] for r in db.execute(f"PRAGMA table_xinfo({name})")]
        out.append((kind, name, columns))
    return out


def test_every_table_view_and_column_is_documented(tmp_path: Path) -> None:
    docs = sections()
    missing = []
    for _kind, name, columns in schema_objects(tmp_path):
        if name not in docs:
            missing.append(name)
            continue
        missing += [f"{name}.{c}" for c in columns if f"| `{c}` |" not in docs[name]]
    assert not missing, f"document these in docs/schema.md: {', '.join(missing)}"


def test_every_schema_version_is_documented() -> None:
    documented = {int(v) for v in re.findall(r"^\| (\d+) \|", SCHEMA_DOC, flags=re.MULTILINE)}
    assert set(range(1, dbm.SCHEMA_VERSION + 1)) <= documented
