"""rescore: stored articles get relevance, tags and summaries from the current config,
without re-crawling; JSON columns are stored as UTF-8 JSON."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

from crawler import db as dbmod
from crawler.config import load_gazetteer, load_signal_config, load_topic
from crawler.runtime.rescore import rescore

CONFIG = Path(__file__).resolve().parent.parent / "config"


def make_db(tmp_path: Path):  # type: ignore[no-untyped-def]
    database = dbmod.open_db(tmp_path / "g.db")
    source = SimpleNamespace(id="src", name="Src", kind="feed", language="zh-HK", jurisdiction="HK")
    dbmod.sync_sources(database, [source])
    rows = [
        ("https://x/1", "數字政策辦公室推出AI助手",
         "數字政策辦公室今日推出人工智能助手，協助政府部門處理公文。政府表示，系統會先在三個部門試行。"),
        ("https://x/2", "Football final tonight", "The match starts at eight."),
    ]
    with dbmod.transaction(database):
        for url, title, text in rows:
            dbmod.insert_article(database, {"url": url, "source_id": "src", "title": title,
                                            "text": text, "fetched_at": "2026-01-01T00:00:00Z",
                                            "content_hash": url, "language": "zh-HK"})
    return database


def test_rescore_sets_columns_and_counts(tmp_path: Path) -> None:
    database = make_db(tmp_path)
    topic = load_topic(CONFIG, "public-sector-ai")
    counts = rescore(database, topic, load_gazetteer(CONFIG / "gazetteers"))
    assert counts == {"articles": 2, "relevant": 1, "irrelevant": 1, "changed": 2,
                      "signalled": 0}
    rows = {r["url"]: dbmod.decode_article(r) for r in database.query("SELECT * FROM articles")}
    first = rows["https://x/1"]
    assert first["relevant"] is True and first["topic"] == "public-sector-ai"
    assert first["agencies"][0]["id"] == "hk-dpo" and first["jurisdictions"] == ["HK"]
    assert first["source_jurisdiction"] == "HK"  # from the source row
    assert first["summary"].startswith("數字政策辦公室")
    assert all(s not in first["summary"] for s in first["key_signals"])  # never repeated
    raw = database.execute("SELECT relevance_reasons FROM articles WHERE url = 'https://x/1'").fetchone()[0]
    assert "數字政策辦公室" in raw and json.loads(raw)  # ensure_ascii=False
    assert rows["https://x/2"]["relevant"] is False
    # Running again changes nothing; a stricter topic flips the relevant one.
    assert rescore(database, topic)["changed"] == 0
    strict = type(topic)(**{**topic.__dict__, "threshold": 1000.0})
    assert rescore(database, strict, summaries=False) == {
        "articles": 2, "relevant": 0, "irrelevant": 2, "changed": 1, "signalled": 0}


def test_rescore_applies_signals_to_stored_articles(tmp_path: Path) -> None:
    database = make_db(tmp_path)
    with dbmod.transaction(database):
        dbmod.insert_article(database, {
            "url": "https://x/3", "source_id": "src", "title": "數字政策辦公室招標開發AI系統",
            "text": "數字政策辦公室今日就生成式人工智能系統公開招標，項目預算約300萬元。"
                    "投標於7月31日截止。",
            "published_at": "2027-06-01T00:00:00Z", "fetched_at": "2027-06-01T00:00:00Z",
            "content_hash": "x3", "language": "zh-HK"})
    counts = rescore(database, load_topic(CONFIG, "public-sector-ai"), None,
                     signal_config=load_signal_config(CONFIG / "signals.toml"))
    assert counts["signalled"] >= 1
    row = dbmod.decode_article(next(database.query(
        "SELECT * FROM articles WHERE url = 'https://x/3'")))
    # the budget in the tender's sentence is the tender's value, not a budget line
    assert row["signal_types"] == ["procurement"]
    assert row["amounts"] == [{"text": "約300萬元", "value": 3000000, "currency": "HKD",
                               "approx": True}]  # 元 in a Hong Kong source is HKD
    assert {"date": "2027-07-31", "kind": "deadline"}.items() <= row["deadlines"][0].items()
    assert any(e["type"] == "procurement" and "招標" in e["terms"]
               for e in row["signal_evidence"])
    # the normalised tables follow the JSON columns (triggers)
    assert [r["signal_type"] for r in database.query(
        "SELECT signal_type FROM article_signal_types WHERE article_id = ? ORDER BY rank",
        [row["id"]])] == ["procurement"]
    assert list(database.query("SELECT value, currency, approx FROM article_amounts "
                               "WHERE article_id = ?", [row["id"]])) == [
        {"value": 3000000.0, "currency": "HKD", "approx": 1}]


def test_update_article_signals_rejects_other_columns(tmp_path: Path) -> None:
    database = make_db(tmp_path)
    try:
        dbmod.update_article_signals(database, 1, {"url": "https://evil"})
    except ValueError as exc:
        assert "url" in str(exc)
    else:
        raise AssertionError("expected ValueError")


def test_rescore_writes_what_the_crawl_stages_write(tmp_path: Path) -> None:
    """A rescore runs each stage's own apply(): its columns equal those of an Article put
    through relevance, tagging, summary and signals as a crawl does; without a gazetteer
    (--no-tags) the summary still names the stored tags."""
    from crawler.shared.items import Article
    from pipelines import relevance, signals, summary, tagging
    from pipelines.noise import noise_of

    database = make_db(tmp_path)
    topic = load_topic(CONFIG, "public-sector-ai")
    gazetteer = load_gazetteer(CONFIG / "gazetteers")
    signal_config = load_signal_config(CONFIG / "signals.toml")
    rescore(database, topic, gazetteer, signal_config=signal_config)
    stored = dbmod.decode_article(next(iter(database.query(
        "SELECT * FROM articles WHERE url = 'https://x/1'"))))
    item = Article(url="https://x/1", source_id="src", fetched_at="2026-01-01T00:00:00Z",
                   title=stored["title"], text=stored["text"], language="zh-HK",
                   source_jurisdiction="HK")
    relevance.apply(item, topic)
    tagging.apply(item, tagging.Tagger(gazetteer))
    summary.apply(item, noise_of(signal_config))
    signals.apply(item, signal_config)
    for column in ("relevant", "relevance_score", "agencies", "jurisdictions", "summary",
                   "key_signals", "signal_types", "amounts", "deadlines"):
        assert stored[column] == getattr(item, column), column
    rescore(database, topic, None, signal_config=signal_config)  # --no-tags
    again = dbmod.decode_article(next(iter(database.query(
        "SELECT * FROM articles WHERE url = 'https://x/1'"))))
    assert again["agencies"] == stored["agencies"]
    assert again["key_signals"] == stored["key_signals"]
