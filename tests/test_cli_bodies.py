"""Issue #12 end to end: `govwatch rescore` tags unlisted bodies, units and titles in stored
articles, and `export --agency` / `digest --agency` find them by derived id, by the name the
text gives, and (units) by their parent's id."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from crawler.cli import main
from crawler.config import DEFAULT_CONFIG_DIR
from tests.digest_support import END, START, add_article, new_db

ARTICLES = [
    ("https://example.org/kent", "gov-uk-ai", "Kent County Council pilots AI for social care",
     "Kent County Council said it would use an AI assistant to draft social care notes, "
     "the first English council to do so."),
    ("https://example.org/ga", "fedscoop", "Georgia DOT tests computer vision",
     "The Georgia Department of Transportation is testing machine learning to spot "
     "potholes from traffic cameras."),
    ("https://example.org/lab", "rthk-en", "DPO lab to pilot AI for departments",
     "The Digital Policy Office's AI Efficacy Enhancement Team will help departments "
     "pilot generative AI tools, the Commissioner for Digital Policy said."),
    ("https://example.org/plain", "rthk-en", "Weather warning issued",
     "The Observatory issued a thunderstorm warning in the afternoon."),
]


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    path = tmp_path / "g.db"
    db = new_db(path)
    for url, source, title, text in ARTICLES:
        add_article(db, url, source, title, "2026-06-02T08:00:00Z", text=text)
    db.conn.close()
    result = CliRunner().invoke(main, ["rescore", "--db", str(path),
                                       "--config", str(DEFAULT_CONFIG_DIR)])
    assert result.exit_code == 0, result.output
    return path


def exported(db_path: Path, *args: str) -> list[dict]:
    result = CliRunner().invoke(main, ["export", "--db", str(db_path), "--format", "jsonl", *args])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_rescore_tags_unlisted_bodies_with_listed_parent_and_mentions(db_path: Path) -> None:
    by_url = {r["url"]: r for r in exported(db_path)}
    kent = by_url["https://example.org/kent"]["agencies"]
    assert kent == [{"id": "gb-kent-county-council", "name": "Kent County Council",
                     "jurisdiction": "GB", "listed": False, "parent": None,
                     "mentions": ["Kent County Council"]}]
    lab = {a["id"]: a for a in by_url["https://example.org/lab"]["agencies"]}
    assert lab["hk-dpo"]["listed"] is True
    assert lab["hk-dpo"]["mentions"] == ["DPO", "Digital Policy Office",
                                         "Commissioner for Digital Policy"]
    unit = lab["hk-dpo-ai-efficacy-enhancement-team"]
    assert unit["parent"] == "hk-dpo" and unit["listed"] is False
    assert unit["mentions"] == ["AI Efficacy Enhancement Team"]


@pytest.mark.parametrize(("agency", "urls"), [
    ("gb-kent-county-council", ["https://example.org/kent"]),            # derived id
    ("kent county council", ["https://example.org/kent"]),               # name, any case
    ("us-ga-department-of-transportation", ["https://example.org/ga"]),
    ("Georgia Department of Transportation", ["https://example.org/ga"]),
    ("hk-dpo-ai-efficacy-enhancement-team", ["https://example.org/lab"]),
    ("hk-dpo", ["https://example.org/lab"]),                             # parent finds the unit's article
    ("Commissioner for Digital Policy", ["https://example.org/lab"]),    # a title the text gave
    ("gb-no-such-council", []),
])
def test_export_agency_filter_finds_unlisted_bodies(db_path: Path, agency: str,
                                                    urls: list[str]) -> None:
    assert [r["url"] for r in exported(db_path, "--agency", agency)] == urls


def test_digest_agency_filter_takes_derived_ids_and_names(db_path: Path) -> None:
    def digest(agency: str) -> dict:
        result = CliRunner().invoke(main, ["digest", "--db", str(db_path), "--since", START,
                                           "--until", END, "--format", "json",
                                           "--include-irrelevant", "--agency", agency])
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)

    for agency in ("gb-kent-county-council", "Kent County Council"):
        data = digest(agency)
        assert data["story_count"] == 1
        titles = [s["title"] for g in data["groups"] for s in g["stories"]]
        assert titles == ["Kent County Council pilots AI for social care"]
    unit = digest("hk-dpo")
    assert [s["title"] for g in unit["groups"] for s in g["stories"]] == [
        "DPO lab to pilot AI for departments"]
    bad = CliRunner().invoke(main, ["digest", "--db", str(db_path), "--since", START,
                                    "--until", END, "--agency", "gb-no-such-council"])
    assert bad.exit_code == 2 and "unknown agency id 'gb-no-such-council'" in bad.stderr


def test_rescore_loads_its_tagger_through_the_matcher_cache(tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "c.db"
    db = new_db(path)
    url, source, title, text = ARTICLES[0]
    add_article(db, url, source, title, "2026-06-02T08:00:00Z", text=text)
    db.conn.close()
    cache = tmp_path / "cache"
    monkeypatch.setenv("GOVWATCH_CACHE_DIR", str(cache))
    args = ["rescore", "--db", str(path), "--config", str(DEFAULT_CONFIG_DIR)]
    assert CliRunner().invoke(main, args).exit_code == 0
    built = list(cache.glob("stages-*.pickle"))
    assert len(built) == 1  # compiled once, for the next rescore and the next crawl
    # the second rescore reads it (and tags the same)
    before = built[0].stat().st_mtime_ns
    assert CliRunner().invoke(main, args).exit_code == 0
    assert list(cache.glob("stages-*.pickle")) == built
    assert exported(path)[0]["agencies"][0]["id"] == "gb-kent-county-council"
    # with the cache off nothing is written, and the tags are the same
    monkeypatch.setenv("GOVWATCH_CACHE_DIR", "off")
    assert CliRunner().invoke(main, args).exit_code == 0
    assert exported(path)[0]["agencies"][0]["id"] == "gb-kent-county-council"
    assert built[0].stat().st_mtime_ns >= before
