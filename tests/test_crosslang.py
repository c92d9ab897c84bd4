"""Stories across languages (issue #17): evidence, pair keys, the score, and linking,
split and merge on a real SQLite file (pipelines.store + pipelines.story + crawler.db)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from crawler import db as dbm
from crawler.config import (
    DEFAULT_CONFIG_DIR,
    ConfigError,
    CrossLanguageRules,
    PairKey,
    Person,
    load_dedup_rules,
    load_people,
)
from crawler.db import links, stories
from crawler.outputs.digest import build_digest
from crawler.outputs.digest_model import Filters
from crawler.outputs.search import search
from crawler.runtime.rescore import relink_stories
from crawler.shared.items import Article
from pipelines import crosslang, story, tagging
from pipelines.extract import content_hash
from pipelines.store import store

RULES = load_dedup_rules(DEFAULT_CONFIG_DIR / "dedup.toml")
PEOPLE = crosslang.PeopleMatcher(load_people(DEFAULT_CONFIG_DIR / "gazetteers"))

EN = ("The Digital Policy Office announced today (March 14) that 25 government departments "
      "will adopt a generative artificial intelligence assistant for drafting documents "
      "by the end of the year. The Commissioner for Digital Policy, Tony Wong, said the "
      "Government has set aside HK$10 million for the first phase, and that 12.5 per cent "
      "of civil servants had already tried a pilot version. Staff will receive training "
      "before the assistant is introduced in each department.")
ZH = ("數字政策辦公室今日（三月十四日）宣布，二十五個政府部門將於年底前採用生成式人工智能"
      "助手草擬文件。數字政策專員黃志光表示，政府已為第一階段預留一千萬港元，而百分之十二點五"
      "的公務員已試用試行版本。各部門引入助手前，員工將接受培訓。")
# The same office, the same week, another announcement: different figures and day.
ZH_OTHER = ("數字政策辦公室今日（三月十七日）公布，將於下月推出新一代智方便應用程式，新增三十項"
            "網上服務，預計涉及開支五百萬港元。辦公室發言人表示，市民可於網上提交意見，為期"
            "六星期。")


def at(hours: float = 0) -> str:
    moment = datetime(2026, 3, 14, 3, 0, tzinfo=UTC) + timedelta(hours=hours)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def article(url: str, text: str, language: str, source: str, title: str, when: str,
            tagger) -> Article:
    item = Article(url=url, source_id=source, fetched_at=when, title=title, text=text,
                   published_at=when, language=language, source_jurisdiction="HK")
    item.content_hash = content_hash(text)
    return tagging.apply(item, tagger)


@pytest.fixture
def db(tmp_path):
    database = dbm.open_db(tmp_path / "cross.db")
    database.execute("INSERT INTO sources (id, name, kind) VALUES ('gov-en', 'Gov', 'feed'), "
                     "('gov-zh', '政府', 'feed'), ('paper', 'Paper', 'feed')")
    yield database
    database.conn.close()


def stored(db, item) -> int:
    _, article_id = store(db, item, RULES, PEOPLE)
    return article_id


def story_of(db, article_id: int) -> int:
    return db.execute("SELECT story_id FROM articles WHERE id = ?", (article_id,)).fetchone()[0]


# --------------------------------------------------------------------------------------
# Pure parts
# --------------------------------------------------------------------------------------

def test_evidence_is_the_same_in_both_languages(tagger):
    en = article("https://a/en", EN, "en", "gov-en", "AI assistant for 25 departments", at(), tagger)
    zh = article("https://a/zh", ZH, "zh-HK", "gov-zh", "二十五個部門採用人工智能助手", at(), tagger)
    ev_en = crosslang.evidence(en.title, en.text, agencies=en.agencies,
                               jurisdictions=en.jurisdictions, people=PEOPLE)
    ev_zh = crosslang.evidence(zh.title, zh.text, agencies=zh.agencies,
                               jurisdictions=zh.jurisdictions, people=PEOPLE)
    shared = ev_en & ev_zh
    assert {"number:25", "number:10000000", "percentage:12.5", "date:03-14",
            "person:hk-wong-chi-kwong", "jurisdiction:HK"} <= shared
    assert any(k.startswith("agency:") for k in shared)


def test_people_need_both_names_and_match_either_script():
    matcher = crosslang.PeopleMatcher([Person("hk-x", "Sun Dong", ("孫東",))])
    assert matcher.find("Professor Sun Dong said") == {"hk-x"}
    assert matcher.find("孫東表示") == {"hk-x"} == matcher.find("孙东表示")
    assert matcher.find("Sun Dongguan factory") == set()


RULES_X = CrossLanguageRules(threshold=3.0, window_hours=72, time_weight=1.0, max_per_kind=2)


def test_score_counts_each_kind_up_to_its_cap_and_the_time():
    t = datetime(2026, 3, 14, tzinfo=UTC)
    mine = {"agency:hk-dpo", "number:25", "number:100", "number:300", "date:03-14"}
    match = crosslang.score(mine, set(mine), t, t, RULES_X)
    # agency 1 + numbers 2 x 1.5 (capped at 2) + date 1 + time 1
    assert match.score == pytest.approx(6.0)
    assert match.matched["number"] == ["100", "25", "300"]
    assert match.linked(RULES_X)
    later = crosslang.score(mine, set(mine), t, t + timedelta(hours=36), RULES_X)
    assert later.score == pytest.approx(5.5)
    assert later.as_evidence()["hours_apart"] == 36


def test_score_of_an_office_alone_is_below_the_threshold():
    t = datetime(2026, 3, 14, tzinfo=UTC)
    match = crosslang.score({"agency:hk-dpo", "jurisdiction:HK", "number:30"},
                            {"agency:hk-dpo", "jurisdiction:HK", "number:25"}, t, t,
                            RULES.cross_language)
    assert not match.linked(RULES.cross_language)


def test_unmatched_numbers_penalty():
    t = datetime(2026, 3, 14, tzinfo=UTC)
    rules = CrossLanguageRules(unmatched_numbers=2.0)
    both = crosslang.score({"agency:x", "number:30"}, {"agency:x", "number:25"}, t, t, rules)
    none = crosslang.score({"agency:x"}, {"agency:x", "number:25"}, t, t, rules)
    assert both.score == pytest.approx(none.score - 2.0)


def test_pair_key_from_the_shipped_config():
    en = "https://www.news.gov.hk/eng/2026/03/20260314/20260314_103000_123.html"
    zh = "https://www.news.gov.hk/chi/2026/03/20260314/20260314_103000_123.html"
    other = "https://www.news.gov.hk/chi/2026/03/20260314/20260314_113000_456.html"
    keys = RULES.pair_keys
    assert crosslang.pair_key(en, "news-gov-hk-en", keys) == \
        crosslang.pair_key(zh, "news-gov-hk-tc", keys) == "news-gov-hk:20260314_103000_123"
    assert crosslang.pair_key(other, "x", keys) != crosslang.pair_key(zh, "x", keys)
    assert crosslang.pair_key("https://example.org/eng/1.html", "x", keys) is None


def test_pair_key_limited_to_its_sources():
    keys = (PairKey("p", r"/item/(?P<key>\d+)", ("a",)),)
    assert crosslang.pair_key("https://x/item/7", "a", keys) == "p:7"
    assert crosslang.pair_key("https://x/item/7", "b", keys) is None


@pytest.mark.parametrize(("toml", "message"), [
    ('[[pair_key]]\nid = "p"\nurl = "/item/(\\\\d+)"\n', "(?P<key>"),
    ('[[pair_key]]\nid = "p"\nurl = "("\n', "invalid regular expression"),
    ("[cross_language]\nthreshold = -1\n", "'threshold'"),
    ("[cross_language.weights]\nnumbers = 1\n", "unknown key"),
    ("[cross_language]\nmax_candidates = 0\n", "'max_candidates'"),
])
def test_bad_dedup_config_names_file_and_key(tmp_path, toml, message):
    path = tmp_path / "dedup.toml"
    path.write_text(toml, encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_dedup_rules(path)
    assert str(path) in str(err.value) and message in str(err.value)


def test_people_file_needs_both_names(tmp_path):
    (tmp_path / "people.toml").write_text(
        '[sources]\ns = "x"\n[[person]]\nid = "a-b"\nname = "A B"\nsource = "s"\n',
        encoding="utf-8")
    with pytest.raises(ConfigError, match="names_zh"):
        load_people(tmp_path)
    assert load_people(tmp_path / "none") == ()


# --------------------------------------------------------------------------------------
# SQLite: linking, split and merge surviving a relink
# --------------------------------------------------------------------------------------

def test_english_and_chinese_reports_become_one_story(db, tagger):
    en = stored(db, article("https://gov/en/1", EN, "en", "gov-en",
                            "25 departments to adopt AI assistant", at(), tagger))
    zh = stored(db, article("https://gov/zh/1", ZH, "zh-HK", "gov-zh",
                            "二十五個部門採用人工智能助手", at(0.2), tagger))
    assert story_of(db, en) == story_of(db, zh)
    link = links.story_links_of(db, [zh])[0]
    assert (link["article_id"], link["other_article_id"], link["method"]) == (zh, en, "evidence")
    assert link["score"] >= RULES.cross_language.threshold
    assert "10000000" in link["evidence"]["number"]
    assert link["evidence"]["hours_apart"] == 0.2
    # Each keeps its own same-language story underneath.
    bases = {r[0] for r in db.execute("SELECT base_story_id FROM articles")}
    assert len(bases) == 2
    assert links.story_versions(db, [story_of(db, en)])[story_of(db, en)][1]["language"] == "zh"


def test_a_distractor_from_the_same_office_stays_apart(db, tagger):
    en = stored(db, article("https://gov/en/1", EN, "en", "gov-en",
                            "25 departments to adopt AI assistant", at(), tagger))
    other = stored(db, article("https://gov/zh/2", ZH_OTHER, "zh-HK", "gov-zh",
                               "智方便新增三十項服務", at(5), tagger))
    assert story_of(db, en) != story_of(db, other)


def test_reports_outside_the_window_stay_apart(db, tagger):
    en = stored(db, article("https://gov/en/1", EN, "en", "gov-en",
                            "25 departments to adopt AI assistant", at(), tagger))
    late = RULES.cross_language.window_hours + 1
    zh = stored(db, article("https://gov/zh/1", ZH, "zh-HK", "gov-zh",
                            "二十五個部門採用人工智能助手", at(late), tagger))
    assert story_of(db, en) != story_of(db, zh)


def test_same_language_reports_are_not_linked_by_evidence(db, tagger):
    a = stored(db, article("https://gov/en/1", EN, "en", "gov-en",
                           "25 departments to adopt AI assistant", at(), tagger))
    rewritten = ("Twenty-five departments will use an AI drafting assistant (March 14), the "
                 "Digital Policy Office said. Tony Wong said HK$10 million was set aside and "
                 "12.5 per cent of civil servants tried the pilot.")
    b = stored(db, article("https://paper/1", rewritten, "en", "paper", "AI assistant", at(1),
                           tagger))
    assert story_of(db, a) != story_of(db, b)


def test_pair_key_links_texts_without_shared_evidence(db, tagger):
    en_url = "https://www.news.gov.hk/eng/2026/03/20260314/20260314_103000_123.html"
    zh_url = "https://www.news.gov.hk/chi/2026/03/20260314/20260314_103000_123.html"
    en = stored(db, article(en_url, "A short note on the weather and the harbour view today.",
                            "en", "gov-en", "Weather note", at(), tagger))
    zh = stored(db, article(zh_url, "今日天氣及海港景色的簡短說明，市民可留意最新消息。",
                            "zh-HK", "gov-zh", "天氣說明", at(0.1), tagger))
    assert story_of(db, en) == story_of(db, zh)
    assert links.story_links_of(db, [zh])[0]["method"] == "pair_key"


def test_split_and_merge_survive_a_relink(db, tagger):
    en = stored(db, article("https://gov/en/1", EN, "en", "gov-en",
                            "25 departments to adopt AI assistant", at(), tagger))
    zh = stored(db, article("https://gov/zh/1", ZH, "zh-HK", "gov-zh",
                            "二十五個部門採用人工智能助手", at(0.2), tagger))
    other = stored(db, article("https://gov/zh/2", ZH_OTHER, "zh-HK", "gov-zh",
                               "智方便新增三十項服務", at(5), tagger))
    assert story_of(db, en) == story_of(db, zh) != story_of(db, other)
    with dbm.transaction(db):
        story.split(db, zh, "analyst says no")
    assert story_of(db, en) != story_of(db, zh)
    with dbm.transaction(db):
        story.merge(db, other, en)
    assert story_of(db, other) == story_of(db, en)
    assert {r["method"] for r in links.story_links_of(db, [other])} == {"merge"}
    counts = relink_stories(db, RULES, PEOPLE)
    assert counts["merges"] == 1
    assert story_of(db, en) != story_of(db, zh)       # the split holds against the rule
    assert story_of(db, other) == story_of(db, en)    # the merge holds without evidence
    # A later report of the split article's event still cannot pull them together.
    with dbm.transaction(db):
        story.merge(db, zh, en)
    relink_stories(db, RULES, PEOPLE)
    assert story_of(db, en) == story_of(db, zh)        # the latest decision wins


def test_relink_after_a_rule_change_undoes_and_redoes_links(db, tagger):
    en = stored(db, article("https://gov/en/1", EN, "en", "gov-en",
                            "25 departments to adopt AI assistant", at(), tagger))
    zh = stored(db, article("https://gov/zh/1", ZH, "zh-HK", "gov-zh",
                            "二十五個部門採用人工智能助手", at(0.2), tagger))
    strict = load_dedup_rules(DEFAULT_CONFIG_DIR / "dedup.toml")
    from dataclasses import replace
    strict = replace(strict, cross_language=replace(strict.cross_language, threshold=1000.0))
    relink_stories(db, strict, PEOPLE)
    assert story_of(db, en) != story_of(db, zh)
    assert db.execute("SELECT COUNT(*) FROM story_links").fetchone()[0] == 0
    relink_stories(db, RULES, PEOPLE)
    assert story_of(db, en) == story_of(db, zh)


def test_a_near_duplicate_of_a_linked_report_joins_the_linked_story(db, tagger):
    en = stored(db, article("https://gov/en/1", EN, "en", "gov-en",
                            "25 departments to adopt AI assistant", at(), tagger))
    zh = stored(db, article("https://gov/zh/1", ZH, "zh-HK", "gov-zh",
                            "二十五個部門採用人工智能助手", at(0.2), tagger))
    copy = stored(db, article("https://paper/zh/1", ZH + "（本報訊）", "zh-HK", "paper",
                              "部門採用人工智能助手", at(3), tagger))
    assert story_of(db, copy) == story_of(db, zh) == story_of(db, en)
    sources = stories.story_sources(db, [story_of(db, en)])[story_of(db, en)]
    assert {s["url"] for s in sources} == {"https://gov/en/1", "https://gov/zh/1",
                                           "https://paper/zh/1"}


def test_digest_shows_one_entry_with_the_other_language(db, tagger):
    stored(db, article("https://gov/en/1", EN, "en", "gov-en",
                       "25 departments to adopt AI assistant", at(), tagger))
    stored(db, article("https://gov/zh/1", ZH, "zh-HK", "gov-zh",
                       "二十五個部門採用人工智能助手", at(0.2), tagger))
    digest = build_digest(db, "2026-03-14T00:00:00Z", "2026-03-15T00:00:00Z",
                          Filters(include_irrelevant=True),
                          now=datetime(2026, 3, 15, tzinfo=UTC))
    assert digest.story_count == 1
    assert [j.count for j in digest.jurisdictions] == [1]
    entry = digest.stories[0]
    assert sorted(entry.languages) == ["en", "zh"]
    other = entry.other_languages[0]
    assert other.label in ("中文", "English") and other.url in ("https://gov/en/1",
                                                              "https://gov/zh/1")
    from crawler.outputs.render import render
    text = render(digest, "markdown")
    assert f"{other.label}{'：' if other.label == '中文' else ': '}[" in text


def test_search_in_either_language_finds_the_story(db, tagger):
    en = stored(db, article("https://gov/en/1", EN, "en", "gov-en",
                            "25 departments to adopt AI assistant", at(), tagger))
    stored(db, article("https://gov/zh/1", ZH, "zh-HK", "gov-zh",
                       "二十五個部門採用人工智能助手", at(0.2), tagger))
    for query in ("草擬文件", "drafting"):
        results = search(db, query)
        assert [r["story_id"] for r in results] == [story_of(db, en)]
        assert sorted(results[0]["languages"]) == ["en", "zh"]
        assert len(results[0]["other_languages"]) == 1


def test_story_command_shows_splits_and_merges(tmp_path, tagger):
    from click.testing import CliRunner

    from crawler.cli import main

    path = tmp_path / "cli.db"
    database = dbm.open_db(path)
    database.execute("INSERT INTO sources (id, name, kind) VALUES ('gov-en', 'Gov', 'feed'), "
                     "('gov-zh', '政府', 'feed')")
    en = stored(database, article("https://gov/en/1", EN, "en", "gov-en",
                                  "25 departments to adopt AI assistant", at(), tagger))
    zh = stored(database, article("https://gov/zh/1", ZH, "zh-HK", "gov-zh",
                                  "二十五個部門採用人工智能助手", at(0.2), tagger))
    shown = story_of(database, en)
    database.conn.close()
    runner = CliRunner()
    result = runner.invoke(main, ["story", "show", str(shown), "--db", str(path)])
    assert result.exit_code == 0, result.output
    assert "二十五個部門" in result.output and f"link {zh} -> {en}: evidence score" in result.output
    assert '"number": ["10000000"' in result.output
    result = runner.invoke(main, ["story", "split", str(zh), "--db", str(path),
                                  "--note", "wrong"])
    assert result.exit_code == 0, result.output
    database = dbm.open_db(path)
    assert story_of(database, en) != story_of(database, zh)
    assert database.execute("SELECT note FROM story_decisions").fetchone()[0] == "wrong"
    database.conn.close()
    result = runner.invoke(main, ["story", "merge", str(zh), str(en), "--db", str(path)])
    assert result.exit_code == 0
    database = dbm.open_db(path)
    assert story_of(database, en) == story_of(database, zh)
    database.conn.close()
    for args in (["story", "split", "999"], ["story", "merge", str(en)],
                 ["story", "show", "999"]):
        result = runner.invoke(main, [*args, "--db", str(path)])
        assert result.exit_code == 2, args
        assert len(result.stderr.strip().splitlines()) == 1


def test_counts_per_agency_and_jurisdiction_count_a_linked_story_once(db, tagger):
    yaml = pytest.importorskip("yaml")
    for url, text, lang, source, title, hours in (
            ("https://gov/en/1", EN, "en", "gov-en", "25 departments to adopt AI assistant", 0),
            ("https://gov/zh/1", ZH, "zh-HK", "gov-zh", "二十五個部門採用人工智能助手", 0.2)):
        item = article(url, text, lang, source, title, at(hours), tagger)
        item.relevant = True
        stored(db, item)
    queries = yaml.safe_load((DEFAULT_CONFIG_DIR / "datasette.yml").read_text(
        encoding="utf-8"))["databases"]["govwatch"]["queries"]
    rows = list(db.query(queries["agencies"]["sql"]))
    dpo = [r for r in rows if r["agency_id"] == "hk-dpo"]
    assert dpo and dpo[0]["stories"] == 1 and dpo[0]["articles"] == 2
    digest = build_digest(db, "2026-03-14T00:00:00Z", "2026-03-15T00:00:00Z", Filters(),
                          now=datetime(2026, 3, 15, tzinfo=UTC))
    assert [(j.code, j.count) for j in digest.jurisdictions] == [("HK", 1)]
