"""Rendering: escaping in HTML and Markdown, self-contained HTML, stable JSON, valid Atom."""

from __future__ import annotations

import io
import json
import re
from datetime import UTC, datetime

import feedparser
import pytest

from crawler.outputs.digest import build_digest
from crawler.outputs.digest_model import Filters
from crawler.outputs.render import md_escape, period_text, render
from tests.digest_support import END, START, add_article, new_db, sample

NOW = datetime(2026, 6, 3, tzinfo=UTC)
EVIL = "<script>alert(1)</script> & *bold* [x](y) | `code`"


@pytest.fixture
def digest(tmp_path):
    db = new_db(tmp_path / "g.db")
    sample(db)
    add_article(db, "https://evil.example/a", "rthk-en", EVIL, "2026-06-02T01:00:00Z",
                jurisdictions=["HK"], summary=EVIL + "\x07 bell", key_signals=[EVIL],
                vendors=[{"id": "v", "name": "<b>Vendor</b>"}])
    add_article(db, "https://evil.example/js", "rthk-en", "Bad link", "2026-06-02T02:00:00Z",
                jurisdictions=["HK"])
    db.execute("UPDATE articles SET url = 'javascript:alert(2)' WHERE url = 'https://evil.example/js'")
    built = build_digest(db, START, END, Filters(), now=NOW)
    db.conn.close()
    return built


def test_html_escapes_every_web_value(digest):
    page = render(digest, "html")
    assert "<script>" not in page and "alert(1)" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;b&gt;Vendor&lt;/b&gt;" in page
    assert "javascript:" not in page
    assert "\x07" not in page


def test_html_is_self_contained(digest):
    page = render(digest, "html")
    assert page.startswith("<!DOCTYPE html>")
    assert not re.search(r"<script|<link|@import|<img|url\(|src=", page, re.I)
    # charts are HTML tables (Gmail strips inline SVG): two of them, bars as table cells
    assert "<svg" not in page and "max-width:680px" in page
    assert page.count('data-chart="') == 2
    assert 'name="viewport"' in page


def test_html_keeps_each_story_in_its_language(digest):
    page = render(digest, "html")
    assert 'lang="zh-Hant"' in page and "數字政策辦公室推出人工智能助手" in page


def test_markdown_escapes_specials_and_reads_as_text(digest):
    text = render(digest, "markdown")
    assert "\\<script\\>alert(1)\\</script\\> & \\*bold\\* \\[x\\](y) \\| \\`code\\`" in text
    assert text.startswith("# govwatch digest: 1 Jun 2026 – 2 Jun 2026\n")
    assert "**7 stories** · Hong Kong 5 · United Kingdom 1 · United States 1" in text
    assert "## Source health" in text
    assert "javascript:" not in text


@pytest.mark.parametrize(("raw", "escaped"), [
    ("# not a heading", "\\# not a heading"),
    ("1. not a list", "1\\. not a list"),
    ("a_b*c", "a\\_b\\*c"),
    ("中文標題", "中文標題"),
])
def test_md_escape(raw, escaped):
    assert md_escape(raw) == escaped


def test_json_is_the_documented_structure(digest):
    data = json.loads(render(digest, "json"))
    assert data["version"] == 1
    assert set(data) >= {"generated_at", "period_start", "period_end", "filters", "story_count",
                         "jurisdictions", "per_day", "groups", "source_health", "feed_id"}
    assert data["jurisdictions"][0] == {"code": "HK", "name": "Hong Kong", "count": 5}
    story = data["groups"][0]["stories"][0]
    assert set(story) == {"key", "entry_id", "title", "url", "source_name", "source_published_at",
                          "published_at",
                          "language", "jurisdictions", "summary", "key_signals", "agencies",
                          "vendors", "locations", "outlets", "relevance_score", "topic",
                          "languages", "other_languages",
                          "signal_types", "amounts", "deadlines"}
    assert set(story["outlets"][0]) == {"source_id", "name", "url", "published_at"}
    assert "數字政策辦公室" in render(digest, "json")  # not \\u-escaped


def test_atom_is_valid_with_stable_entry_ids(digest):
    xml = render(digest, "atom")
    parsed = feedparser.parse(io.BytesIO(xml.encode("utf-8")))
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert len(parsed.entries) == digest.story_count
    assert [e.id for e in parsed.entries] == [s.entry_id for s in digest.stories]
    evil = next(e for e in parsed.entries if "alert(1)" in e.title)
    assert evil.title == EVIL
    assert evil.link == "https://evil.example/a"
    chinese = next(e for e in parsed.entries if e.title.startswith("數字"))
    assert chinese.get("language") == "zh-Hant" or chinese.title_detail.language == "zh-Hant"
    assert parsed.feed.id == digest.feed_id


def test_empty_digest_renders_in_every_format(tmp_path):
    db = new_db(tmp_path / "g.db")
    empty = build_digest(db, START, END, Filters(), now=NOW)
    assert "No stories in this period." in render(empty, "markdown")
    assert "No stories in this period." in render(empty, "html")
    assert feedparser.parse(io.BytesIO(render(empty, "atom").encode())).bozo == 0
    assert json.loads(render(empty, "json"))["story_count"] == 0


def test_period_end_at_midnight_shows_the_last_day(digest):
    assert period_text(digest) == "1 Jun 2026 – 2 Jun 2026"


def test_unknown_format_is_refused(digest):
    with pytest.raises(ValueError, match="unknown format"):
        render(digest, "pdf")
