"""The schema, built by numbered migrations; ``PRAGMA user_version`` records the last one
applied, so a database from an older govwatch is upgraded in place and one from a newer
govwatch is refused untouched. New migrations are appended to :data:`MIGRATIONS`.
"""

from __future__ import annotations

from collections.abc import Callable

import sqlite_utils

from crawler.db import frontier
from crawler.db.fts import migrate_full_text
from crawler.db.links import migrate_cross_language
from crawler.db.signals import migrate_signal_tables, migrate_signals_view
from crawler.db.stories import migrate_stories
from crawler.db.tags import migrate_tag_details, migrate_tag_tables


def _v1_initial(db: sqlite_utils.Database) -> None:
    db.executescript(
        """
        CREATE TABLE sources (
            id TEXT PRIMARY KEY,
            name TEXT,
            kind TEXT,
            language TEXT,
            jurisdiction TEXT,
            first_seen_at TEXT,
            last_fetched_at TEXT,
            last_success_at TEXT,
            last_status TEXT,            -- ok | not_modified | error
            last_error TEXT,
            consecutive_failures INTEGER NOT NULL DEFAULT 0,
            etag_supported INTEGER       -- 1 yes, 0 no, NULL not known yet
        );
        CREATE TABLE listings (
            url TEXT PRIMARY KEY,        -- a feed, sitemap or listing-page URL
            source_id TEXT NOT NULL REFERENCES sources(id),
            etag TEXT,
            last_modified TEXT,
            last_http_status INTEGER,
            last_fetched_at TEXT,
            last_not_modified_at TEXT
        );
        CREATE TABLE articles (
            id INTEGER PRIMARY KEY,
            url TEXT NOT NULL UNIQUE,
            source_id TEXT NOT NULL REFERENCES sources(id),
            title TEXT,
            text TEXT,
            published_at TEXT,
            fetched_at TEXT NOT NULL,
            updated_at TEXT,
            language TEXT,
            author TEXT,
            description TEXT,
            site_name TEXT,
            content_hash TEXT NOT NULL,
            feed_title TEXT,
            relevant INTEGER,
            relevance_score REAL,
            relevance_reasons TEXT,      -- JSON list
            topic TEXT,
            jurisdictions TEXT,          -- JSON list of ISO codes
            source_jurisdiction TEXT,
            agencies TEXT,               -- JSON list of {id, name, jurisdiction}
            vendors TEXT,                -- JSON list
            locations TEXT,              -- JSON list
            summary TEXT,
            key_signals TEXT,            -- JSON list of sentences
            story_id INTEGER
        );
        CREATE INDEX idx_articles_content_hash ON articles(content_hash);
        CREATE INDEX idx_articles_published_at ON articles(published_at);
        CREATE INDEX idx_articles_fetched_at ON articles(fetched_at);
        CREATE INDEX idx_articles_source_id ON articles(source_id);
        CREATE TABLE article_urls (
            url TEXT PRIMARY KEY,        -- every canonical URL that led to a stored article
            article_id INTEGER NOT NULL REFERENCES articles(id),
            source_id TEXT NOT NULL,
            first_seen_at TEXT NOT NULL,
            reason TEXT NOT NULL         -- stored | same_text
        );
        CREATE INDEX idx_article_urls_article_id ON article_urls(article_id);
        CREATE TABLE ignored_pages (
            url TEXT PRIMARY KEY,        -- fetched, but not an article (PDF, image, no text…)
            source_id TEXT NOT NULL,
            reason TEXT NOT NULL,
            content_type TEXT,
            run_id INTEGER,
            seen_at TEXT NOT NULL
        );
        CREATE TABLE runs (
            id INTEGER PRIMARY KEY,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            finish_reason TEXT,          -- finished | failed | interrupted | shutdown
            exit_code INTEGER,
            sources TEXT,                -- JSON list of source ids
            pid INTEGER
        );
        CREATE TABLE run_sources (
            run_id INTEGER NOT NULL REFERENCES runs(id),
            source_id TEXT NOT NULL,
            status TEXT NOT NULL,        -- ok | not_modified | failed
            finish_reason TEXT,
            requested INTEGER NOT NULL DEFAULT 0,
            new INTEGER NOT NULL DEFAULT 0,
            already_stored INTEGER NOT NULL DEFAULT 0,
            duplicates INTEGER NOT NULL DEFAULT 0,
            ignored INTEGER NOT NULL DEFAULT 0,
            errors INTEGER NOT NULL DEFAULT 0,
            listings_not_modified INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (run_id, source_id)
        );
        CREATE TABLE fetch_errors (
            id INTEGER PRIMARY KEY,
            run_id INTEGER,
            source_id TEXT NOT NULL,
            url TEXT NOT NULL,
            error TEXT NOT NULL,
            http_status INTEGER,
            at TEXT NOT NULL
        );
        CREATE INDEX idx_fetch_errors_run ON fetch_errors(run_id, source_id);
        """
    )


def _v2_schedule_health(db: sqlite_utils.Database) -> None:
    """Scheduler job state and source pauses (issue #6)."""
    db.executescript(
        """
        ALTER TABLE sources ADD COLUMN paused_at TEXT;      -- set when paused, NULL when active
        ALTER TABLE sources ADD COLUMN paused_reason TEXT;
        CREATE TABLE schedule_jobs (
            id TEXT PRIMARY KEY,         -- 'crawl:SOURCE_ID' or 'digest'
            last_started_at TEXT,
            last_finished_at TEXT,
            last_status TEXT,            -- ok | not_modified | failed | timeout | locked | error
            last_duration_s REAL,
            last_exit_code INTEGER,
            last_run_id INTEGER,
            runs INTEGER NOT NULL DEFAULT 0
        );
        """
    )


def _v3_digests(db: sqlite_utils.Database) -> None:
    """The ``digests`` table: what was delivered, when, to whom, which stories."""
    db.executescript(
        """
        CREATE TABLE digests (
            id INTEGER PRIMARY KEY,
            created_at TEXT NOT NULL,
            period_start TEXT NOT NULL,
            period_end TEXT NOT NULL,
            format TEXT NOT NULL,        -- markdown | html | json | atom
            channel TEXT NOT NULL,       -- email | webhook | file | stdout
            recipients TEXT,             -- JSON list: addresses, the webhook URL or the file
            story_ids TEXT NOT NULL,     -- JSON list of story keys ("s12" story, "a34" article)
            status TEXT NOT NULL,        -- delivered | failed
            error TEXT
        );
        CREATE INDEX idx_digests_channel ON digests(channel, status, period_end);
        """
    )


MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = [
    _v1_initial,
    _v2_schedule_health,  # sources.paused_at/paused_reason, schedule_jobs
    _v3_digests,          # digests
    migrate_tag_tables,   # v4: article_jurisdictions/agencies/vendors/locations, signals view
    migrate_full_text,    # v5: articles_fts (trigram) and articles_fts_en (porter)
    migrate_stories,      # v6: stories, story_mentions, lsh_bands, article_changes (dedup)
    migrate_cross_language,  # base stories, article_evidence, story_links, story_decisions
    migrate_signal_tables,  # signal columns, article_signal_types, article_amounts (#13)
    migrate_tag_details,  # listed/parent/mentions on article_agencies/vendors/locations (#12)
    frontier.migrate_frontier,  # frontier; run_sources.pending/gave_up; listings.parent_url
    migrate_signals_view,   # the signals view gains signal_types, amounts, deadlines (#13)
]


SCHEMA_VERSION = len(MIGRATIONS)
