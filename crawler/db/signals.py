"""Signal columns of ``articles`` and their normalised tables (issue #13).

``articles.signal_types`` (a JSON list of type ids from config/signals.toml) is mirrored
into ``article_signal_types``, and ``articles.amounts`` (a JSON list of
``{text, value, currency, approx}``) into ``article_amounts``, so SQL can count by type and
sum or filter amounts by value and currency. As for the tag tables (crawler/db/tags.py),
SQLite triggers keep the mirror, so a rescore or a plain ``UPDATE articles SET amounts =
…`` can never leave it stale; malformed JSON mirrors as no rows.
"""

from __future__ import annotations

import sqlite_utils

from crawler.db.tags import _list

_COLUMNS = """
ALTER TABLE articles ADD COLUMN signal_types TEXT;     -- JSON list of signal type ids
ALTER TABLE articles ADD COLUMN signal_evidence TEXT;  -- JSON list of {type, sentence, terms}
ALTER TABLE articles ADD COLUMN amounts TEXT;          -- JSON list of {text, value, currency, approx}
ALTER TABLE articles ADD COLUMN deadlines TEXT;        -- JSON list of {text, date, kind}
"""

_TABLES = """
CREATE TABLE article_signal_types (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    signal_type TEXT NOT NULL,       -- id from config/signals.toml (procurement …)
    rank INTEGER NOT NULL,           -- position in articles.signal_types, 1 = first
    PRIMARY KEY (article_id, signal_type)
);
CREATE INDEX idx_article_signal_types_type ON article_signal_types(signal_type);
CREATE TABLE article_amounts (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    rank INTEGER NOT NULL,           -- position in articles.amounts, 1 = first
    text TEXT NOT NULL,              -- as written: "HK$10 million", "約300萬元"
    value REAL NOT NULL,             -- in units of the currency: 10000000
    currency TEXT NOT NULL,          -- ISO 4217: HKD, CNY, USD …
    approx INTEGER NOT NULL,         -- 1 for ranges and "about / over / up to / 約 / 逾"
    PRIMARY KEY (article_id, rank)
);
CREATE INDEX idx_article_amounts_currency_value ON article_amounts(currency, value);
"""


def _types_sql(row: str) -> str:
    source = "" if row == "NEW" else f"articles AS {row}, "
    return ("INSERT OR IGNORE INTO article_signal_types (article_id, signal_type, rank) "
            f"SELECT {row}.id, j.value, j.key + 1 "
            f"FROM {source}json_each({_list(f'{row}.signal_types')}) AS j "
            "WHERE j.type = 'text' AND trim(j.value) <> ''")


def _amounts_sql(row: str) -> str:
    source = "" if row == "NEW" else f"articles AS {row}, "
    return ("INSERT OR IGNORE INTO article_amounts "
            "(article_id, rank, text, value, currency, approx) "
            f"SELECT {row}.id, j.key + 1, COALESCE(json_extract(j.value, '$.text'), ''), "
            "json_extract(j.value, '$.value'), json_extract(j.value, '$.currency'), "
            "CASE WHEN json_extract(j.value, '$.approx') THEN 1 ELSE 0 END "
            f"FROM {source}json_each({_list(f'{row}.amounts')}) AS j "
            "WHERE j.type = 'object' AND json_type(j.value, '$.value') IN ('integer', 'real') "
            "AND json_type(j.value, '$.currency') = 'text'")


_TRIGGERS = f"""
CREATE TRIGGER articles_signals_ai AFTER INSERT ON articles BEGIN
{_types_sql('NEW')};
{_amounts_sql('NEW')};
END;
CREATE TRIGGER articles_signal_types_au AFTER UPDATE OF signal_types ON articles BEGIN
DELETE FROM article_signal_types WHERE article_id = OLD.id;
{_types_sql('NEW')};
END;
CREATE TRIGGER articles_amounts_au AFTER UPDATE OF amounts ON articles BEGIN
DELETE FROM article_amounts WHERE article_id = OLD.id;
{_amounts_sql('NEW')};
END;
CREATE TRIGGER articles_signals_ad AFTER DELETE ON articles BEGIN
DELETE FROM article_signal_types WHERE article_id = OLD.id;
DELETE FROM article_amounts WHERE article_id = OLD.id;
END;
"""


def migrate_signal_tables(db: sqlite_utils.Database) -> None:
    """Migration: signal columns, article_signal_types, article_amounts and their triggers
    (existing articles get empty signals until ``govwatch rescore``)."""
    db.executescript(_COLUMNS)
    db.executescript(_TABLES)
    db.executescript(_TRIGGERS)


# The signals view of crawler/db/tags.py, with the signal columns of articles added.
_SIGNALS_VIEW = """
DROP VIEW IF EXISTS signals;
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
       a.fetched_at,
       a.signal_types,
       a.amounts,
       a.deadlines
FROM articles AS a
WHERE a.relevant = 1;
"""


def migrate_signals_view(db: sqlite_utils.Database) -> None:
    """Migration: the ``signals`` view gains ``signal_types``, ``amounts`` and ``deadlines``
    (JSON, as in ``articles``; added last, so ``SELECT *`` users keep their column order):
    the view of relevant articles says which are tenders, for how much, by when."""
    db.executescript(_SIGNALS_VIEW)
