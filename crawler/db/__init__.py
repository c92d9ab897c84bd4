"""The only owner of the SQLite schema and of SQL.

Every other module reads and writes through the functions re-exported here (use them as
``from crawler import db as dbm``; ``dbm.open_db(...)``) and the submodules:

- ``connection`` — open, create, check and migrate the file; transactions
- ``schema`` — the numbered migrations
- ``sources``, ``articles``, ``runs``, ``digests`` — one module per table family
- ``frontier`` — every article URL a listing led to, and what became of it
- ``tags`` and ``signals`` — normalised tag and signal tables, the signals view
- ``stories`` and ``links`` — stories, syndicated copies and cross-language links
- ``fts`` and ``filters`` — full-text indexes, search SQL and the shared article filters
- ``snapshot`` — consistent copies with the backup API
- ``component`` — the connection a Scrapy component keeps
"""

from crawler.db import lean  # noqa: F401  (first: sqlite-utils without numpy)
from crawler.db.articles import (
    ARTICLE_COLUMNS,
    ARTICLE_JSON_COLUMNS,
    RESCORE_COLUMNS,
    add_article_url,
    article_id_for_url,
    decode_article,
    find_article_by_hash,
    insert_article,
    is_known_url,
    iter_article_texts,
    iter_articles,
    record_ignored,
    relevance_flags,
    settle_known_url,
    update_article,
    update_article_signals,
)
from crawler.db.connection import (
    APPLICATION_ID,
    BUSY_TIMEOUT_MS,
    CHECK_MMAP_BYTES,
    RECOVERY_HINT,
    DatabaseError,
    damage,
    encode_json,
    is_read_only,
    open_db,
    transaction,
    utcnow,
)
from crawler.db.digests import (
    ARTICLE_MOMENT_SQL,
    delivered_story_keys,
    digest_articles,
    digest_known_values,
    digest_other_urls,
    digest_source_activity,
    digest_stories,
    digest_story_mentions,
    digest_story_versions,
    has_story_tables,
    last_delivered_digest,
    record_digest,
)
from crawler.db.runs import (
    finish_run,
    job_finished,
    job_started,
    job_state,
    record_fetch_error,
    record_killed_crawl,
    record_run_source,
    run_of_pid,
    run_summary,
    start_run,
)
from crawler.db.schema import (
    MIGRATIONS,
    SCHEMA_VERSION,
)
from crawler.db.sources import (
    SEEN_AT_SQL,
    article_times,
    listing_validators,
    pause_source,
    record_listing,
    record_listing_entries,
    record_source_result,
    resume_source,
    source_states,
    sync_sources,
)

__all__ = [
    "BUSY_TIMEOUT_MS",
    "APPLICATION_ID",
    "DatabaseError",
    "utcnow",
    "RECOVERY_HINT",
    "open_db",
    "CHECK_MMAP_BYTES",
    "damage",
    "is_read_only",
    "transaction",
    "encode_json",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "sync_sources",
    "listing_validators",
    "record_listing",
    "record_listing_entries",
    "record_source_result",
    "source_states",
    "pause_source",
    "resume_source",
    "SEEN_AT_SQL",
    "article_times",
    "ARTICLE_JSON_COLUMNS",
    "ARTICLE_COLUMNS",
    "is_known_url",
    "settle_known_url",
    "find_article_by_hash",
    "article_id_for_url",
    "insert_article",
    "update_article",
    "add_article_url",
    "record_ignored",
    "decode_article",
    "iter_articles",
    "iter_article_texts",
    "relevance_flags",
    "RESCORE_COLUMNS",
    "update_article_signals",
    "start_run",
    "finish_run",
    "record_run_source",
    "record_fetch_error",
    "run_summary",
    "job_state",
    "job_started",
    "job_finished",
    "run_of_pid",
    "record_killed_crawl",
    "ARTICLE_MOMENT_SQL",
    "digest_articles",
    "has_story_tables",
    "digest_stories",
    "digest_story_mentions",
    "digest_story_versions",
    "digest_other_urls",
    "digest_known_values",
    "digest_source_activity",
    "last_delivered_digest",
    "delivered_story_keys",
    "record_digest",
]
