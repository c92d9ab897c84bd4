"""The digest model: which stories, how grouped and ordered, which outlets, source health."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from crawler import db as dbm
from crawler.outputs.digest import build_digest
from crawler.outputs.digest_model import Filters, safe_url
from crawler.outputs.render import render
from tests.digest_support import (
    END,
    START,
    add_article,
    add_story,
    add_story_tables,
    new_db,
    sample,
)

NOW = datetime(2026, 6, 3, tzinfo=UTC)


@pytest.fixture
def db(tmp_path):
    database = new_db(tmp_path / "g.db")
    yield database
    database.conn.close()


def keys(digest):
    return [s.key for s in digest.stories]


def test_without_story_tables_each_article_is_its_own_story(db):
    ids = sample(db)
    digest = build_digest(db, START, END, Filters(), now=NOW)
    assert sorted(keys(digest)) == sorted(f"a{ids[k]}" for k in ("hk1", "hk2", "hk3", "gb1", "us1"))
    assert digest.story_count == 5
    story = next(s for s in digest.stories if s.key == f"a{ids['hk1']}")
    assert [o.url for o in story.outlets] == ["https://rthk.example/hk1"]
    assert story.agencies == ["Digital Policy Office"] and story.vendors == ["Acme AI"]
    assert story.key_signals == ["Pilot covers 10 departments."]


def test_groups_most_active_first_and_newest_first_within(db):
    ids = sample(db)
    digest = build_digest(db, START, END, Filters(), now=NOW)
    assert [(c.code, c.count) for c in digest.jurisdictions] == [("HK", 3), ("GB", 1), ("US", 1)]
    assert digest.jurisdictions[0].name == "Hong Kong"
    assert [g.name for g in digest.groups][0] == "Hong Kong"
    assert keys(digest)[:3] == [f"a{ids['hk3']}", f"a{ids['hk2']}", f"a{ids['hk1']}"]
    assert {c.day: c.count for c in digest.per_day} == {"2026-06-01": 3, "2026-06-02": 2}


def test_story_tables_merge_articles_and_list_every_outlet(db):
    ids = sample(db)
    add_story_tables(db)
    add_story(db, 7, "DPO pilots AI assistant", [ids["hk1"], ids["hk2"]])
    digest = build_digest(db, START, END, Filters(), now=NOW)
    assert "s7" in keys(digest) and f"a{ids['hk1']}" not in keys(digest)
    story = next(s for s in digest.stories if s.key == "s7")
    assert story.title == "DPO pilots AI assistant for civil servants"  # the linked article's
    assert [(o.name, o.url) for o in story.outlets] == [
        ("RTHK English", "https://rthk.example/hk1"), ("巴士的報", "https://bastille.example/hk2")]
    assert story.published_at == "2026-06-01T15:00:00Z"
    assert digest.story_count == 4


def test_mentions_outside_the_period_still_listed_as_outlets(db):
    ids = sample(db)
    add_story_tables(db)
    add_story(db, 3, "Old and new", [ids["old"], ids["hk3"]])
    story = next(s for s in build_digest(db, START, END, Filters(), now=NOW).stories
                 if s.key == "s3")
    assert [o.url for o in story.outlets] == ["https://rthk.example/old", "https://rthk.example/hk3"]


def test_relevant_only_by_default(db):
    ids = sample(db)
    assert f"a{ids['off']}" not in keys(build_digest(db, START, END, Filters(), now=NOW))
    wide = build_digest(db, START, END, Filters(include_irrelevant=True), now=NOW)
    assert f"a{ids['off']}" in keys(wide)


@pytest.mark.parametrize(("filters", "expected"), [
    (Filters(jurisdiction="GB"), ["gb1"]),
    (Filters(agency="hk-dpo"), ["hk2", "hk1"]),
    (Filters(source="fedscoop"), ["us1"]),
    (Filters(min_score=0.9), ["gb1"]),
    (Filters(topic="other"), []),
])
def test_filters(db, filters, expected):
    ids = sample(db)
    assert keys(build_digest(db, START, END, filters, now=NOW)) == [f"a{ids[k]}" for k in expected]


def test_late_find_counts_but_back_catalogue_does_not(db):
    late = add_article(db, "https://rthk.example/late", "rthk-en", "Late find",
                       "2026-05-28T10:00:00Z", fetched_at="2026-06-01T10:00:00Z",
                       jurisdictions=["HK"])
    old = add_article(db, "https://rthk.example/ancient", "rthk-en", "Back catalogue",
                      "2025-01-01T10:00:00Z", fetched_at="2026-06-01T10:00:00Z",
                      jurisdictions=["HK"])
    found = keys(build_digest(db, START, END, Filters(), now=NOW))
    assert f"a{late}" in found and f"a{old}" not in found


def test_bare_publication_date_counts_from_midnight(db):
    article = add_article(db, "https://rthk.example/d", "rthk-en", "Dated", "2026-06-01",
                          fetched_at="2026-05-20T00:00:00Z", jurisdictions=["HK"])
    assert keys(build_digest(db, START, END, Filters(), now=NOW)) == [f"a{article}"]


def test_excluded_keys_are_left_out_and_counted(db):
    ids = sample(db)
    digest = build_digest(db, START, END, Filters(), exclude_keys={f"a{ids['gb1']}"}, now=NOW)
    assert f"a{ids['gb1']}" not in keys(digest)
    assert digest.excluded_already_sent == 1 and digest.story_count == 4


def test_story_without_jurisdiction_goes_last(db):
    sample(db)
    add_article(db, "https://wire.example/x", "wire", "Global AI summit", "2026-06-02T09:00:00Z")
    digest = build_digest(db, START, END, Filters(), now=NOW)
    assert digest.groups[-1].jurisdiction == "INT"


def test_source_jurisdiction_used_when_article_has_none(db):
    add_article(db, "https://gov.example/y", "gov-uk-ai", "Untagged", "2026-06-02T09:00:00Z")
    assert build_digest(db, START, END, Filters(), now=NOW).groups[0].jurisdiction == "GB"


def test_entry_ids_are_stable_and_distinct(db):
    sample(db)
    first = [s.entry_id for s in build_digest(db, START, END, Filters(), now=NOW).stories]
    again = [s.entry_id for s in build_digest(db, START, END, Filters(), now=NOW).stories]
    assert first == again and len(set(first)) == len(first)
    assert all(e.startswith("urn:uuid:") for e in first)


@pytest.mark.parametrize(("url", "expected"), [
    ("https://a.example/x", "https://a.example/x"),
    ("javascript:alert(1)", None),
    ("data:text/html,hi", None),
    ("/relative", None),
    (None, None),
])
def test_safe_url(url, expected):
    assert safe_url(url) == expected


def test_source_health_reports_failed_and_silent_sources(db):
    sample(db)
    run = dbm.start_run(db, ["gov-uk-ai"], 1)
    with dbm.transaction(db):
        db.execute("UPDATE runs SET started_at = '2026-06-02T06:00:00Z' WHERE id = ?", (run,))
        dbm.record_run_source(db, run, "gov-uk-ai", {"status": "failed"})
        db.execute("INSERT INTO fetch_errors (run_id, source_id, url, error, at) VALUES "
                   "(?, 'gov-uk-ai', 'https://gov.example/feed', 'HTTP 503', "
                   "'2026-06-02T06:00:01Z')", (run,))
        db.execute("UPDATE sources SET last_fetched_at = '2026-06-02T06:00:00Z' "
                   "WHERE id IN ('wire', 'fedscoop')")
    health = {h.source_id: h for h in build_digest(db, START, END, Filters(), now=NOW).source_health}
    assert health["gov-uk-ai"].problem == "failed"
    assert "HTTP 503" in health["gov-uk-ai"].detail
    assert health["wire"].problem == "silent" and "no article ever" in health["wire"].detail
    assert "fedscoop" not in health  # fetched recently and gave an article in the period
    assert "rthk-en" not in health  # never crawled in this test: not reported as silent


def test_odd_tag_values_do_not_break_the_digest(db):
    article = add_article(db, "https://rthk.example/odd", "rthk-en", "Odd tags",
                          "2026-06-02T09:00:00Z", jurisdictions="HK", key_signals="One signal.",
                          agencies=["Plain agency name"], vendors={"id": "v", "name": "Vendor"})
    [story] = build_digest(db, START, END, Filters(), now=NOW).stories
    assert story.key == f"a{article}" and story.jurisdictions == ["HK"]
    assert story.key_signals == ["One signal."]
    assert story.agencies == ["Plain agency name"] and story.vendors == ["Vendor"]


def test_story_title_used_when_the_best_article_has_none(db):
    ids = sample(db)
    db.execute("UPDATE articles SET title = NULL WHERE id = ?", (ids["gb1"],))
    add_story_tables(db)
    add_story(db, 9, "Procurement guidance", [ids["gb1"]])
    story = next(s for s in build_digest(db, START, END, Filters(), now=NOW).stories
                 if s.key == "s9")
    assert story.title == "Procurement guidance"


def test_mention_without_a_date_is_listed_without_one(db):
    ids = sample(db)
    add_story_tables(db)
    add_story(db, 4, "GSA", [ids["us1"]])
    db.execute("INSERT INTO story_mentions (story_id, article_id, source_id, url, title, "
               "published_at) VALUES (4, NULL, 'wire', 'https://wire.example/g', "
               "'GSA', NULL)")
    digest = build_digest(db, START, END, Filters(), now=NOW)
    story = next(s for s in digest.stories if s.key == "s4")
    assert [(o.name, o.published_at) for o in story.outlets][0] == ("Global Wire", None)
    assert "- [Global Wire](https://wire.example/g)\n" in render(digest, "markdown")
