"""The one record that flows end to end, from spider to SQLite.

A spider fills the *fetch* fields (``url``, ``source_id``, ``body``, ``hints``…); each
pipeline stage fills its own fields; the store stage writes the columns that share these
names (see docs/schema.md). ``body`` is dropped before storage.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Article:
    # --- set by the spider -------------------------------------------------------------
    url: str  # canonical URL (crawler.shared.urls.canonicalize)
    source_id: str
    fetched_at: str  # UTC ISO 8601
    final_url: str = ""  # URL after redirects, canonicalised
    body: bytes = b""  # raw response body (dropped by the store stage)
    content_type: str = ""  # Content-Type header, as sent
    http_encoding: str = ""  # charset from the Content-Type header, if any
    from_feed: bool = False  # True when the body is a feed entry's own HTML content
    # Metadata from the feed or sitemap entry that led to this page.
    feed_title: str = ""
    # The link text on an HTML listing page: a last resort for the title, never a vote
    # among the headline candidates (teasers and "print edition" labels are not headlines).
    link_text: str = ""
    feed_published_at: str = ""
    feed_summary: str = ""
    feed_language: str = ""
    source_language: str = ""
    source_jurisdiction: str = ""

    # --- set by pipelines/extract.py ---------------------------------------------------
    title: str = ""
    text: str = ""
    published_at: str = ""
    author: str = ""
    language: str = ""
    description: str = ""
    site_name: str = ""
    content_hash: str = ""
    # Headline candidates found on the page, for pipelines/headline.py (og:title, h1…).
    title_candidates: dict[str, str] = field(default_factory=dict)

    # --- set by relevance / tagging / summary stages ------------------------------------
    relevant: bool | None = None
    relevance_score: float | None = None
    relevance_reasons: list[dict[str, Any]] = field(default_factory=list)
    topic: str = ""
    jurisdictions: list[str] = field(default_factory=list)
    agencies: list[dict[str, Any]] = field(default_factory=list)
    vendors: list[dict[str, Any]] = field(default_factory=list)
    locations: list[dict[str, Any]] = field(default_factory=list)
    summary: str = ""
    key_signals: list[str] = field(default_factory=list)

    # --- set by the signals stage (pipelines/signals.py) --------------------------------
    signal_types: list[str] = field(default_factory=list)  # ids from config/signals.toml
    signal_evidence: list[dict[str, Any]] = field(default_factory=list)
    amounts: list[dict[str, Any]] = field(default_factory=list)
    deadlines: list[dict[str, Any]] = field(default_factory=list)

    # --- set by the dedup stage ----------------------------------------------------------
    story_id: int | None = None
