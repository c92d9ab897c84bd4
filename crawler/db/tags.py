"""Normalised tag tables beside the JSON columns of ``articles``, and the ``signals`` view.

``articles.jurisdictions``, ``agencies``, ``vendors`` and ``locations`` hold JSON lists (the
shape the tagging stage writes). SQL users want to join and count, so each list is mirrored
into a two-column-key table (``article_jurisdictions`` …) with the list position as
``rank``.

The mirror is kept by SQLite triggers using ``json_each``, not by Python code in
insert_article/update_article: triggers also cover rescoring and retagging done with a
plain ``UPDATE articles SET agencies = …`` (by the tagging stage, a notebook, sqlite3 or
datasette), so the tables can never drift from the JSON. Malformed JSON or a non-list
value mirrors as no rows instead of failing the write.
"""

from __future__ import annotations

import sqlite_utils

# column -> (table, key column, name column or None, extra column or None)
TAG_TABLES: dict[str, tuple[str, str, str | None, str | None]] = {
    "jurisdictions": ("article_jurisdictions", "jurisdiction", None, None),
    "agencies": ("article_agencies", "agency_id", "agency_name", "jurisdiction"),
    "vendors": ("article_vendors", "vendor_id", "vendor_name", None),
    "locations": ("article_locations", "location_id", "location_name", None),
}


def _list(expr: str) -> str:
    """``expr`` when it is a valid JSON array, else NULL (json_each(NULL) yields no rows)."""
    return (f"CASE WHEN json_valid({expr}) THEN "
            f"CASE WHEN json_type({expr}) = 'array' THEN {expr} END END")


# Columns added by migrate_tag_details (issue #12), mirrored from each tag object.
DETAIL_COLUMNS = {
    "listed": "CASE j.type WHEN 'object' THEN json_extract(j.value, '$.listed') END",
    "parent": "CASE j.type WHEN 'object' THEN json_extract(j.value, '$.parent') END",
    "mentions": ("CASE WHEN j.type = 'object' AND json_type(j.value, '$.mentions') = 'array' "
                 "THEN json_extract(j.value, '$.mentions') END"),
}


def _insert_sql(column: str, row: str, details: bool = False) -> str:
    """INSERT … SELECT that mirrors ``row.column``: ``NEW`` in a trigger, ``a`` to backfill.
    ``details`` adds the listed/parent/mentions columns (schema from migrate_tag_details)."""
    table, key, name, extra = TAG_TABLES[column]
    key_expr = ("CASE j.type WHEN 'object' THEN COALESCE(json_extract(j.value, '$.id'), "
                "json_extract(j.value, '$.name')) WHEN 'text' THEN j.value END")
    columns = ["article_id", key, "rank"]
    values = [f"{row}.id", key_expr, "j.key + 1"]
    if name:
        columns.append(name)
        values.append("CASE j.type WHEN 'object' THEN COALESCE(json_extract(j.value, '$.name'), "
                      "json_extract(j.value, '$.id')) ELSE j.value END")
    if extra:
        columns.append(extra)
        values.append(f"CASE j.type WHEN 'object' THEN json_extract(j.value, '$.{extra}') END")
    if details and column != "jurisdictions":
        columns.extend(DETAIL_COLUMNS)
        values.extend(DETAIL_COLUMNS.values())
    source = "" if row == "NEW" else f"articles AS {row}, "
    selected = ", ".join(f"{v} AS {c}" for v, c in zip(values, columns, strict=True))
    return (f"INSERT OR IGNORE INTO {table} ({', '.join(columns)}) "
            f"SELECT * FROM (SELECT {selected} "
            f"FROM {source}json_each({_list(f'{row}.{column}')}) AS j) "
            f"WHERE {key} IS NOT NULL AND trim({key}) <> ''")


_TABLES = """
CREATE TABLE article_jurisdictions (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    jurisdiction TEXT NOT NULL,      -- ISO 3166 code (HK, CN, SG, GB, US) or EU
    rank INTEGER NOT NULL,           -- position in articles.jurisdictions, 1 = first
    PRIMARY KEY (article_id, jurisdiction)
);
CREATE INDEX idx_article_jurisdictions_jurisdiction ON article_jurisdictions(jurisdiction);
CREATE TABLE article_agencies (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    agency_id TEXT NOT NULL,         -- slug from the gazetteer (hk-dpo)
    rank INTEGER NOT NULL,
    agency_name TEXT,
    jurisdiction TEXT,               -- the agency's jurisdiction
    PRIMARY KEY (article_id, agency_id)
);
CREATE INDEX idx_article_agencies_agency_id ON article_agencies(agency_id);
CREATE INDEX idx_article_agencies_jurisdiction ON article_agencies(jurisdiction);
CREATE TABLE article_vendors (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    vendor_id TEXT NOT NULL,
    rank INTEGER NOT NULL,
    vendor_name TEXT,
    PRIMARY KEY (article_id, vendor_id)
);
CREATE INDEX idx_article_vendors_vendor_id ON article_vendors(vendor_id);
CREATE TABLE article_locations (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    location_id TEXT NOT NULL,
    rank INTEGER NOT NULL,
    location_name TEXT,
    PRIMARY KEY (article_id, location_id)
);
CREATE INDEX idx_article_locations_location_id ON article_locations(location_id);
CREATE INDEX idx_articles_story_id ON articles(story_id);
CREATE INDEX idx_articles_relevant_published_at ON articles(relevant, published_at);
CREATE INDEX idx_articles_language ON articles(language);
"""

_SIGNALS = """
CREATE VIEW signals AS
SELECT a.id AS article_id,
       date(COALESCE(NULLIF(a.published_at, ''), a.fetched_at)) AS day,
       a.published_at,
       a.source_id,
       a.language,
       a.title,
       a.url,
       a.topic,
       a.relevance_score,
       a.story_id,
       (SELECT json_group_array(jurisdiction) FROM (SELECT jurisdiction
          FROM article_jurisdictions WHERE article_id = a.id ORDER BY rank)) AS jurisdictions,
       (SELECT json_group_array(agency_name) FROM (SELECT agency_name
          FROM article_agencies WHERE article_id = a.id ORDER BY rank)) AS agencies,
       (SELECT json_group_array(agency_id) FROM (SELECT agency_id
          FROM article_agencies WHERE article_id = a.id ORDER BY rank)) AS agency_ids,
       (SELECT json_group_array(vendor_name) FROM (SELECT vendor_name
          FROM article_vendors WHERE article_id = a.id ORDER BY rank)) AS vendors,
       a.summary,
       a.fetched_at
FROM articles AS a
WHERE a.relevant = 1
"""


def _triggers(details: bool = False, delete: bool = True) -> str:
    parts = []
    inserts = "\n".join(_insert_sql(c, "NEW", details) + ";" for c in TAG_TABLES)
    parts.append(f"CREATE TRIGGER articles_tags_ai AFTER INSERT ON articles BEGIN\n{inserts}\nEND;")
    for column, (table, *_rest) in TAG_TABLES.items():
        parts.append(
            f"CREATE TRIGGER articles_{column}_au AFTER UPDATE OF {column} ON articles BEGIN\n"
            f"DELETE FROM {table} WHERE article_id = OLD.id;\n"
            f"{_insert_sql(column, 'NEW', details)};\nEND;"
        )
    deletes = "\n".join(f"DELETE FROM {t[0]} WHERE article_id = OLD.id;"
                        for t in TAG_TABLES.values())
    if delete:
        parts.append(f"CREATE TRIGGER articles_tags_ad AFTER DELETE ON articles BEGIN\n{deletes}\nEND;")
    return "\n".join(parts)


def migrate_tag_tables(db: sqlite_utils.Database) -> None:
    """Migration: tag tables, their triggers, the signals view; backfills existing rows."""
    db.executescript(_TABLES)
    for column in TAG_TABLES:
        db.execute(_insert_sql(column, "a"))
    db.executescript(_triggers())
    db.executescript(_SIGNALS)


_DETAILS = """
ALTER TABLE article_agencies ADD COLUMN listed INTEGER;   -- 1 a gazetteer entry, 0 recognised by its shape
ALTER TABLE article_agencies ADD COLUMN parent TEXT;      -- the listed agency a unit belongs to
ALTER TABLE article_agencies ADD COLUMN mentions TEXT;    -- JSON list: the strings as the text gives them
ALTER TABLE article_vendors ADD COLUMN listed INTEGER;
ALTER TABLE article_vendors ADD COLUMN parent TEXT;
ALTER TABLE article_vendors ADD COLUMN mentions TEXT;
ALTER TABLE article_locations ADD COLUMN listed INTEGER;
ALTER TABLE article_locations ADD COLUMN parent TEXT;
ALTER TABLE article_locations ADD COLUMN mentions TEXT;
CREATE INDEX idx_article_agencies_parent ON article_agencies(parent);
"""


def migrate_tag_details(db: sqlite_utils.Database) -> None:
    """Migration (issue #12): ``listed``, ``parent`` and ``mentions`` on the agency, vendor
    and location tag tables; the triggers are rebuilt to mirror them and existing rows are
    refilled from the JSON (tags written before this version have no such keys: NULL)."""
    db.executescript(_DETAILS)
    names = ["articles_tags_ai", *(f"articles_{column}_au" for column in TAG_TABLES)]
    db.executescript("".join(f"DROP TRIGGER IF EXISTS {name};\n" for name in names))
    for column, (table, *_rest) in TAG_TABLES.items():
        if column == "jurisdictions":
            continue
        db.execute(f"DELETE FROM {table}")
        db.execute(_insert_sql(column, "a", details=True))
    db.executescript(_triggers(details=True, delete=False))  # the delete trigger is unchanged
