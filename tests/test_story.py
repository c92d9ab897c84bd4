"""The dedup ladder with a real SQLite file: pipelines.store + pipelines.story + crawler.db."""

from __future__ import annotations

import io
import json

import pytest

from crawler import db as dbm
from crawler.config import DedupRules, load_dedup_rules
from crawler.db import stories
from crawler.outputs import export
from crawler.shared.items import Article
from pipelines import dedup
from pipelines.extract import content_hash
from pipelines.store import store

RULES = load_dedup_rules("config/dedup.toml")

RELEASE = (
    "The Government today announced that a register of artificial intelligence systems used "
    "by bureaux and departments will be launched next month. Each department will list the "
    "systems it operates, the data they use and the officer accountable for them. A "
    "spokesman said the register will be published online and updated every quarter, and "
    "that members of the public may comment on any entry through a form on the website."
)
OTHER = (
    "The Transport Department announced today that two lanes of the harbour bridge will be "
    "closed for three weeks from next month for resurfacing works. Motorists are advised to "
    "use alternative routes, and additional bus services will run during the morning peak. "
    "A department spokesman apologised for the inconvenience caused to road users."
)


@pytest.fixture
def db(tmp_path):
    database = dbm.open_db(tmp_path / "stories.db")
    database.execute("INSERT INTO sources (id, name, kind) VALUES ('gov', 'Gov', 'feed'), "
                     "('paper', 'Paper', 'feed'), ('wire', 'Wire', 'feed')")
    yield database
    database.conn.close()


def article(url: str, text: str, source: str, title: str = "AI register to launch",
            published_at: str = "2026-05-01T08:00:00Z") -> Article:
    item = Article(url=url, source_id=source, fetched_at=published_at, title=title, text=text,
                   published_at=published_at)
    item.content_hash = content_hash(text)
    return item


def mentions(db, story_id: int) -> list[tuple[str, str]]:
    return [(m["source_id"], m["url"]) for m in stories.story_sources(db, [story_id])[story_id]]


def count(db, table: str) -> int:
    return db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


def test_same_press_release_from_two_sources_is_one_story_with_two_mentions(db):
    first = article("https://gov.example/pr/1", RELEASE, "gov")
    copy = article("https://paper.example/a/9", RELEASE + "\n(Reprinted from a government "
                   "press release.)", "paper", title="Govt to launch AI register")
    assert store(db, first, RULES)[0] == "new"
    outcome, article_id = store(db, copy, RULES)
    assert outcome == "new" and count(db, "articles") == 2  # two texts, two articles...
    assert copy.story_id == first.story_id is not None  # ...one story
    assert mentions(db, first.story_id) == [("gov", "https://gov.example/pr/1"),
                                            ("paper", "https://paper.example/a/9")]
    reasons = [r[0] for r in db.execute("SELECT reason FROM story_mentions ORDER BY url")]
    assert reasons == ["new", "near_duplicate"]
    assert count(db, "stories") == 1


def test_identical_text_elsewhere_is_a_mention_of_the_same_story(db):
    store(db, article("https://gov.example/pr/1", RELEASE, "gov"), RULES)
    copy = article("https://wire.example/x", RELEASE, "wire")
    assert store(db, copy, RULES)[0] == "duplicate"
    assert len(mentions(db, copy.story_id)) == 2 and count(db, "articles") == 1


def test_republished_under_new_url_within_7_days_merges(db):
    old = article("https://paper.example/2026/05/01/ai", RELEASE, "paper")
    store(db, old, RULES)
    newer = article("https://paper.example/2026/05/03/ai-updated",
                    RELEASE.replace("next month", "on 1 June"), "paper",
                    published_at="2026-05-03T09:00:00Z")
    outcome, article_id = store(db, newer, RULES)
    assert outcome == "republished" and count(db, "articles") == 1
    row = db.execute("SELECT text, updated_at, url FROM articles WHERE id = ?",
                     (article_id,)).fetchone()
    assert "on 1 June" in row[0] and row[1] and row[2] == old.url  # newest text, same id
    change = db.execute("SELECT reason, url FROM article_changes").fetchall()
    assert change == [("same_title", newer.url)]
    assert dbm.is_known_url(db, newer.url)
    assert newer.story_id == old.story_id and len(mentions(db, old.story_id)) == 2


def test_same_title_outside_the_window_is_a_new_article(db):
    store(db, article("https://paper.example/1", RELEASE, "paper"), RULES)
    later = article("https://paper.example/2", OTHER, "paper", published_at="2026-05-20T00:00:00Z")
    assert store(db, later, RULES)[0] == "new"


def test_same_title_other_source_is_not_step_3(db):
    store(db, article("https://paper.example/1", RELEASE, "paper"), RULES)
    assert store(db, article("https://wire.example/1", OTHER, "wire"), RULES)[0] == "new"
    assert count(db, "stories") == 2


@pytest.mark.parametrize("title", ["Press release", "新聞公報", "Speech by SJ at AI forum"])
def test_different_articles_with_a_generic_title_do_not_merge(db, title):
    a = article("https://gov.example/pr/1", RELEASE, "gov", title=title)
    b = article("https://gov.example/pr/2", OTHER, "gov", title=title,
                published_at="2026-05-01T09:00:00Z")
    store(db, a, RULES)
    assert store(db, b, RULES)[0] == "new"
    assert count(db, "articles") == 2 and a.story_id != b.story_id


def test_recurring_title_over_new_text_does_not_merge(db):
    texts = [RELEASE, OTHER]
    outcomes = [store(db, article(f"https://gov.example/{i}", t, "gov", title="Daily bulletin"),
                      RULES)[0] for i, t in enumerate(texts)]
    assert outcomes == ["new", "new"]


def test_a_title_common_in_a_source_becomes_generic(db):
    rules = DedupRules(common_title_after=2)
    for i, text in enumerate([RELEASE, OTHER]):  # unrelated texts: both stored
        store(db, article(f"https://gov.example/{i}", text, "gov", title="Weekly roundup"), rules)
    edited = article("https://gov.example/2", RELEASE + " Corrected.", "gov", title="Weekly roundup")
    # without the count rule this edit of RELEASE would merge on the title; the title is
    # now generic, so it only joins RELEASE's story through its near-duplicate text
    assert store(db, edited, rules)[0] == "new"
    assert count(db, "articles") == 3
    first_story = db.execute("SELECT story_id FROM articles WHERE url = 'https://gov.example/0'")
    assert edited.story_id == first_story.fetchone()[0]


def test_short_texts_do_not_merge_on_near_duplicate_alone(db):
    a = article("https://gov.example/s1", "Signal No. 8 is in force now.", "gov", title="Typhoon")
    b = article("https://paper.example/s1", "Signal No. 8 is in force now!!", "paper",
                title="Storm")
    store(db, a, RULES)
    assert store(db, b, RULES)[0] == "new"
    assert a.story_id != b.story_id
    assert count(db, "lsh_bands") == 0  # too short to index


def test_same_url_changed_text_keeps_id_and_logs_the_change(db):
    first = article("https://gov.example/pr/1", RELEASE, "gov")
    _, article_id = store(db, first, RULES)
    again = article("https://gov.example/pr/1", RELEASE + " Corrected.", "gov")
    assert store(db, again, RULES) == ("updated", article_id)
    assert again.story_id == first.story_id
    assert db.execute("SELECT reason FROM article_changes").fetchall() == [("same_url",)]
    assert count(db, "story_mentions") == 1


def test_export_carries_story_id_and_sources(db):
    store(db, article("https://gov.example/pr/1", RELEASE, "gov"), RULES)
    store(db, article("https://paper.example/a/9", RELEASE + " Editor's note: reprinted.",
                      "paper", title="Govt to launch AI register"), RULES)
    out = io.StringIO()
    rows = export.records(dbm.iter_articles(db), lambda ids: stories.story_sources(db, ids))
    export.write(rows, "jsonl", out)
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert len(records) == 2 and records[0]["story_id"] == records[1]["story_id"]
    assert "title_key" not in records[0]
    assert [s["source_id"] for s in records[1]["sources"]] == ["gov", "paper"]
    assert set(records[0]["sources"][0]) == {"source_id", "url", "title", "published_at"}


def test_bad_dedup_config_stops_the_crawl_in_one_line(tmp_path):
    from click.testing import CliRunner

    from crawler.cli import main

    (tmp_path / "dedup.toml").write_text("[title_merge]\nwindow_days = -3\n")
    (tmp_path / "sources.toml").write_text(
        '[[source]]\nid = "x"\nname = "X"\nkind = "feed"\nurl = "http://127.0.0.1:9/feed"\n'
        'language = "en"\n')
    db = tmp_path / "x.db"
    result = CliRunner().invoke(main, ["crawl", "--db", str(db), "--config", str(tmp_path)])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "dedup.toml" in lines[0] and "'window_days'" in lines[0]
    assert not db.exists()


def test_store_pipeline_reads_dedup_rules_from_the_config_dir(tmp_path):
    from scrapy.utils.test import get_crawler

    from pipelines.store import StorePipeline

    (tmp_path / "dedup.toml").write_text('[generic_titles]\nexact = ["Weekly note"]\n')
    crawler = get_crawler(settings_dict={"GOVWATCH_DB": str(tmp_path / "p.db"),
                                         "GOVWATCH_CONFIG_DIR": str(tmp_path)})
    pipeline = StorePipeline.from_crawler(crawler)
    assert pipeline.rules.generic_exact == ("Weekly note",)
    assert pipeline.rules.title_window_days == 7


def test_article_stored_before_stories_gets_one_when_seen_again(db):
    item = article("https://gov.example/pr/1", RELEASE, "gov")
    db.execute("INSERT INTO articles (url, source_id, title, text, fetched_at, content_hash) "
               "VALUES (?, 'gov', ?, ?, ?, ?)",
               (item.url, item.title, item.text, item.fetched_at, item.content_hash))
    db.execute("INSERT INTO article_urls VALUES (?, 1, 'gov', '2026-05-01T08:00:00Z', 'stored')",
               (item.url,))
    assert store(db, item, RULES) == ("already_stored", 1)
    assert item.story_id is not None
    assert db.execute("SELECT story_id FROM articles").fetchone() == (item.story_id,)
    assert count(db, "lsh_bands") == dedup.BANDS
