"""The dedup ladder's database side: one story per event.

Called by the store stage *inside its write transaction* (pipelines/store.py), because
step 3 decides between inserting a new row and updating an old one, which is the
store's decision; done in a separate pipeline before the store, a second crawl process
could change what that earlier read saw.

The ladder, first match wins:
1. canonical URL already stored: the same article (store stage; a changed text
   updates the row in place and is logged in ``article_changes``);
2. identical normalised text (``content_hash``): another URL of the same article, a
   new mention of its story (store stage);
3. same source, same normalised title within ``title_window_days``, title not generic:
   the article was republished or moved: one article, the newest text kept
   (:func:`same_title_article`);
4. near-duplicate text (LSH candidates verified by :func:`pipelines.dedup.similarity`):
   a different article of the same story (:func:`assign`).
"""

from __future__ import annotations

from typing import Any

from crawler.config import DedupRules
from crawler.dates import parse_utc
from crawler.db import stories
from crawler.items import Article
from pipelines import dedup

MAX_CANDIDATES = 10


def seen_at(item: Article) -> str:
    return item.published_at or item.fetched_at


def same_title_article(db: Any, item: Article, rules: DedupRules) -> int | None:
    """Step 3: the stored article of the same source with the same normalised title,
    published within the window; None when the title is generic or nothing matches.

    A title is generic when listed, short, or already carried by several stored articles
    of the source; and a match whose text shares less than ``dedup.SAME_TITLE_OVERLAP`` of
    its shingles with the new text is a recurring title ("Daily bulletin"), not a
    republication, so it does not merge either."""
    title_key = dedup.normalize_title(item.title)
    if not title_key or rules.title_window_days <= 0:
        return None
    rows = stories.articles_with_title(db, item.source_id, title_key)
    distinct_texts = len({r["content_hash"] for r in rows})
    if dedup.is_generic_title(item.title, rules, times_seen=distinct_texts):
        return None
    mine = parse_utc(seen_at(item))
    window = rules.title_window_days * 86400
    for row in rows:
        theirs = parse_utc(row["seen_at"])
        if not (mine and theirs) or abs((mine - theirs).total_seconds()) > window:
            continue
        stored = stories.article_basics(db, int(row["id"]))
        sim = dedup.similarity(item.text, (stored or {}).get("text") or "")
        if sim == dedup.NOT_SIMILAR or sim.containment >= dedup.SAME_TITLE_OVERLAP:
            return int(row["id"])
    return None


def is_newer(item: Article, stored: dict[str, Any]) -> bool:
    """True when ``item`` is at least as recent as the stored article (keep newest text)."""
    mine = parse_utc(seen_at(item))
    theirs = parse_utc(stored.get("published_at") or stored.get("fetched_at"))
    return not (mine and theirs) or mine >= theirs


def near_duplicate_story(db: Any, article_id: int, text: str,
                         keys: list[tuple[int, int]],
                         mine: set[str] | None = None) -> int | None:
    """Step 4: the story of the most similar stored article that passes verification.
    ``mine``: the text's :func:`dedup.text_shingles`, when the caller has them."""
    best: tuple[float, int] | None = None
    if mine is None:
        mine = dedup.text_shingles(text)
    # The candidates sharing most bands come first; a story reprinted by many outlets
    # has all its copies there, so verifying the first few is enough and bounds the time
    # spent inside the write transaction.
    for candidate in stories.lsh_candidates(db, keys, limit=MAX_CANDIDATES):
        if candidate == article_id:
            continue
        row = stories.article_basics(db, candidate)
        if row is None or row["story_id"] is None:
            continue
        sim = dedup.similarity_of(mine, dedup.text_shingles(row["text"] or ""))
        if sim.same_story and (best is None or sim.jaccard > best[0]):
            best = (sim.jaccard, int(row["story_id"]))
    return best[1] if best else None


def assign(db: Any, item: Article, outcome: str, article_id: int) -> int:
    """Give the stored article a story and record this URL as a mention; returns the
    story id (also set on ``item.story_id``). ``outcome`` is the store stage's:
    new | updated | already_stored | duplicate | republished."""
    row = stories.article_basics(db, article_id)
    assert row is not None, f"article {article_id} vanished inside the transaction"
    story_id = row["story_id"]
    reason = {"duplicate": "same_text", "republished": "same_title"}.get(outcome, "new")
    text = row["text"] or ""
    if outcome in ("new", "updated", "republished") or story_id is None:
        # Shingled once, for both the band keys and the candidates' verification.
        mine = dedup.text_shingles(text)
        keys = dedup.lsh_keys_of(mine)
        if story_id is None:
            story_id = near_duplicate_story(db, article_id, text, keys, mine)
            if story_id is not None:
                reason = "near_duplicate"
        stories.replace_lsh_keys(db, article_id, keys)
    when = seen_at(item)
    if story_id is None:
        story_id = stories.create_story(db, row["title"] or item.title, when)
    stories.set_article_dedup(db, article_id, dedup.normalize_title(row["title"] or ""), story_id)
    stories.add_story_mention(db, story_id, article_id, item.source_id, item.url,
                              item.title, item.published_at, when, reason)
    item.story_id = story_id
    return story_id
