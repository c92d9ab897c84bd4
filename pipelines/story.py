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
   a different article of the same story (:func:`assign`);
5. across languages (issue #17): the same event reported in another language, by a shared
   pair key or by language-independent evidence scored by pipelines/crosslang.py
   (:func:`link_across`). Steps 1-4 give an article its *base* story (same language);
   step 5 shows the base story as part of another (crawler/db/links.py).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from crawler.config import DedupRules
from crawler.db import links, stories
from crawler.shared.dates import article_moment, format_utc, parse_utc
from crawler.shared.items import Article
from crawler.shared.text import language_family
from pipelines import crosslang, dedup

MAX_CANDIDATES = 10


def seen_at(item: Article) -> str:
    return article_moment(item.published_at, item.fetched_at)


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
    theirs = parse_utc(article_moment(stored.get("published_at"), stored.get("fetched_at")))
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
            base = row["base_story_id"] if row["base_story_id"] is not None else row["story_id"]
            best = (sim.jaccard, int(base))
    return best[1] if best else None


def assign(db: Any, item: Article, outcome: str, article_id: int,
           rules: DedupRules | None = None,
           people: crosslang.PeopleMatcher | None = None) -> int:
    """Give the stored article a story and record this URL as a mention; returns the
    story it is shown in (also set on ``item.story_id``). ``outcome`` is the store stage's:
    new | updated | already_stored | duplicate | republished. With ``rules``, an article
    whose text is new is also linked across languages (:func:`link_across`)."""
    row = stories.article_basics(db, article_id)
    assert row is not None, f"article {article_id} vanished inside the transaction"
    story_id = row["base_story_id"] if row["base_story_id"] is not None else row["story_id"]
    reason = {"duplicate": "same_text", "republished": "same_title"}.get(outcome, "new")
    text = row["text"] or ""
    fresh = outcome in ("new", "updated", "republished") or story_id is None
    if fresh:
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
    shown = links.set_base_story(db, article_id, story_id)
    stories.add_story_mention(db, story_id, article_id, item.source_id, item.url,
                              item.title, item.published_at, when, reason)
    if fresh and rules is not None and rules.cross_language.enabled:
        shown = link_across(db, article_id, item_evidence(item, row, rules, people),
                            rules) or shown
    item.story_id = shown
    return shown


# --------------------------------------------------------------------------------------
# Step 5: across languages
# --------------------------------------------------------------------------------------

class Evidence:
    """One article's cross-language evidence: keys, time, language family, pair key."""

    __slots__ = ("keys", "at", "lang", "pair")

    def __init__(self, keys: set[str], at: str, lang: str, pair: str | None) -> None:
        self.keys, self.at, self.lang, self.pair = keys, at, lang, pair


def item_evidence(item: Article, row: dict[str, Any], rules: DedupRules,
                  people: crosslang.PeopleMatcher | None) -> Evidence:
    """The evidence of a stored article from the item that brought it (tags included)."""
    return evidence_of(url=row["url"] or item.url, source_id=row["source_id"] or item.source_id,
                       language=row.get("language") or item.language,
                       title=row["title"] or item.title, text=row["text"] or "",
                       at=article_moment(row.get("published_at"), row.get("fetched_at")) or seen_at(item),
                       agencies=item.agencies, vendors=item.vendors, locations=item.locations,
                       jurisdictions=item.jurisdictions, rules=rules, people=people)


def evidence_of(*, url: str, source_id: str, language: str | None, title: str, text: str,
                at: str, agencies: Any, vendors: Any, locations: Any, jurisdictions: Any,
                rules: DedupRules, people: crosslang.PeopleMatcher | None) -> Evidence:
    pair = crosslang.pair_key(url, source_id, rules.pair_keys)
    keys = crosslang.evidence(title, text, agencies=agencies, vendors=vendors,
                              locations=locations, jurisdictions=jurisdictions, people=people,
                              pair=pair, published=_local_day(at))
    return Evidence(keys, at, language_family(language, text), pair)


def _local_day(at: str) -> datetime | None:
    """The publication time in Hong Kong / Beijing / Singapore time (UTC+8), where the
    day named in a Chinese report (今日（25日）) is counted; None when unknown."""
    moment = parse_utc(at)
    return moment + timedelta(hours=8) if moment is not None else None


def link_across(db: Any, article_id: int, ev: Evidence, rules: DedupRules) -> int | None:
    """Index the article's evidence and join its story with the best-scoring report in
    another language within the window (a shared pair key first); returns the story it is
    now shown in, or None when nothing links. An analyst's split is never overridden."""
    index_evidence(db, article_id, ev)
    return find_link(db, article_id, ev, rules)


def index_evidence(db: Any, article_id: int, ev: Evidence) -> None:
    links.set_pair_key(db, article_id, ev.pair)
    indexed = crosslang.indexed(ev.keys)
    links.replace_evidence(db, article_id, indexed + sorted(
        k for k in ev.keys if k not in indexed), ev.at, ev.lang)


def find_link(db: Any, article_id: int, ev: Evidence, rules: DedupRules) -> int | None:
    """:func:`link_across` once the evidence is indexed. Every report in another language
    that shares the pair key or scores at least the threshold is joined, best first (an
    English report may match a Xinhua and a Ming Pao report that did not match each
    other, being in one language and not near-duplicates)."""
    cross = rules.cross_language
    joined: int | None = None
    if ev.pair:
        for partner in links.pair_partners(db, ev.pair, article_id):
            lang = language_family(partner["language"], partner["text"] or "")
            if lang != ev.lang:
                joined = _join(db, article_id, int(partner["id"]), "pair_key", None,
                               {"pair": [ev.pair]}) or joined
    for candidate, match in scored_candidates(db, article_id, ev, rules):
        if not match.linked(cross):
            break
        joined = _join(db, article_id, candidate, "evidence", match.score,
                       match.as_evidence()) or joined
    return joined


def scored_candidates(db: Any, article_id: int, ev: Evidence, rules: DedupRules
                      ) -> list[tuple[int, crosslang.Match]]:
    """The other-language reports sharing indexed evidence within the window, with their
    scores, best first."""
    cross = rules.cross_language
    mine = parse_utc(ev.at)
    if mine is None:
        return []
    window = timedelta(hours=cross.window_hours)
    candidates = links.evidence_candidates(
        db, crosslang.indexed(ev.keys), ev.lang, format_utc(mine - window),
        format_utc(mine + window), cross.max_candidates, article_id)
    known = links.all_evidence(db, candidates)
    scored = []
    for candidate in candidates:
        theirs = known.get(candidate)
        if theirs is not None:
            match = crosslang.score(ev.keys, theirs["keys"], mine, parse_utc(theirs["at"]),
                                    cross)
            scored.append((candidate, match))
    scored.sort(key=lambda pair: (-pair[1].score, pair[0]))
    return scored


def relink(db: Any, rules: DedupRules, people: crosslang.PeopleMatcher | None = None
           ) -> dict[str, int]:
    """Recompute every cross-language link from the stored articles (after a rescore or
    a change of dedup.toml): back to the base stories, evidence re-indexed, analysts'
    merges applied first, then pair keys and the rule, oldest article first; an
    analyst's split is never crossed. Call inside a transaction. Returns counts:
    articles, links, merges."""
    links.reset_links(db)
    rows = links.articles_for_relink(db)
    found: list[tuple[int, Evidence]] = []
    for row in rows:
        ev = evidence_of(url=row["url"], source_id=row["source_id"], language=row["language"],
                         title=row["title"] or "", text=row["text"] or "", at=row["at"],
                         agencies=_json_list(row["agencies"]), vendors=_json_list(row["vendors"]),
                         locations=_json_list(row["locations"]),
                         jurisdictions=_json_list(row["jurisdictions"]), rules=rules,
                         people=people)
        index_evidence(db, int(row["id"]), ev)
        found.append((int(row["id"]), ev))
    counts = {"articles": len(found), "links": 0, "merges": 0}
    for pair, action in sorted(links.decisions(db).items(), key=lambda kv: sorted(kv[0])):
        if action == "merge":
            a, b = sorted(pair)
            if _join(db, b, a, "merge", None, None, analyst=True) is not None:
                counts["merges"] += 1
    if rules.cross_language.enabled:
        for article_id, ev in found:
            if find_link(db, article_id, ev, rules) is not None:
                counts["links"] += 1
    return counts


def _json_list(value: Any) -> list[Any]:
    import json

    if not value:
        return []
    return list(json.loads(value)) if isinstance(value, str) else list(value)


def _join(db: Any, article_id: int, other_id: int, method: str, score: float | None,
          evidence: dict[str, Any] | None, analyst: bool = False) -> int | None:
    """Join the two articles' stories unless an analyst split them (an analyst's own
    merge, ``analyst``, is not refused); None when refused or already one story."""
    mine = _shown(db, article_id)
    theirs = _shown(db, other_id)
    if mine is None or theirs is None or mine == theirs:
        return None
    if not analyst and links.split_pairs_between(db, links.articles_of(db, mine),
                                                 links.articles_of(db, theirs)):
        return None
    links.record_link(db, article_id, other_id, method, score, evidence)
    return links.join_stories(db, mine, theirs)


def _shown(db: Any, article_id: int) -> int | None:
    row = db.execute("SELECT story_id FROM articles WHERE id = ?", (article_id,)).fetchone()
    return int(row[0]) if row and row[0] is not None else None


# --------------------------------------------------------------------------------------
# An analyst's word: govwatch story split / merge
# --------------------------------------------------------------------------------------

def split(db: Any, article_id: int, note: str | None = None) -> tuple[int, int]:
    """Take the article (with the same-language reports of its base story) out of the
    story it is shown in; recorded, so no relink joins them again. Returns (the story
    it is now shown in, the story it left). Call inside a transaction."""
    row = stories.article_basics(db, article_id)
    if row is None or row["story_id"] is None:
        raise LookupError(f"article {article_id} has no story")
    shown = int(row["story_id"])
    base = int(row["base_story_id"] if row["base_story_id"] is not None else shown)
    members = links.articles_of(db, shown)
    leaving = {r[0] for r in db.execute("SELECT id FROM articles WHERE base_story_id = ?",
                                        (base,))}
    staying = [a for a in members if a not in leaving]
    if not staying:
        raise LookupError(f"article {article_id} is alone in story {shown}: nothing to split")
    for other in staying:
        links.record_decision(db, "split", article_id, other, note)
    _replay(db, shown)
    return _shown(db, article_id) or base, _shown(db, staying[0]) or shown


def merge(db: Any, article_id: int, other_id: int, note: str | None = None) -> int:
    """Show the two articles' stories as one; recorded, so a relink keeps it. Returns
    the story. Call inside a transaction."""
    for a in (article_id, other_id):
        if _shown(db, a) is None:
            raise LookupError(f"article {a} has no story")
    links.record_decision(db, "merge", article_id, other_id, note)
    _join(db, article_id, other_id, "merge", None, None, analyst=True)
    return _shown(db, article_id) or 0


def _replay(db: Any, shown: int) -> None:
    """Rebuild one shown story from its base stories and recorded links, honouring the
    decisions (the links the decisions now refuse are dropped)."""
    bases = links.base_stories_of(db, shown)
    members = [r[0] for r in db.execute(
        f"SELECT id FROM articles WHERE base_story_id IN ({', '.join('?' for _ in bases)})",
        bases)]
    recorded = links.story_links_of(db, members)
    db.execute(f"UPDATE stories SET merged_into = NULL WHERE id IN "
               f"({', '.join('?' for _ in bases)})", bases)
    db.execute(f"UPDATE articles SET story_id = base_story_id WHERE base_story_id IN "
               f"({', '.join('?' for _ in bases)})", bases)
    db.conn.executemany("DELETE FROM story_links WHERE id = ?", [(r["id"],) for r in recorded])
    for link in recorded:
        _join(db, link["article_id"], link["other_article_id"], link["method"], link["score"],
              link["evidence"], analyst=link["method"] == "merge")
