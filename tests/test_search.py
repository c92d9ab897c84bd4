"""Full-text search: query parsing, Chinese of any length, English stems, filters, CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from crawler import db as dbm
from crawler.cli import main
from crawler.db.filters import ArticleFilter
from crawler.outputs.search import QueryError, make_snippet, parse, search
from tests.sample_db import article, make_db


@pytest.fixture
def db(tmp_path: Path):
    return make_db(tmp_path / "govwatch.db", extra=[
        article(5, title="Customs pilots AI cargo screening", language="en",
                text="Hong Kong customs said the pilot of AI screening starts in July."),
        article(6, title="Weather", text="Sunny with a high of 31 degrees; gusty winds."),
    ])


def ids(results: list[dict]) -> list[int]:
    return [r["id"] for r in results]


@pytest.mark.parametrize("query, expected", [
    ("海關總署", [1, 3]),          # 4 characters, trigram; simplified 海关总署 in article 3
    ("清關", [1]),                 # 2 characters: scan
    ("海", [1, 3]),                # 1 character
    ("海关", [1, 3]),              # simplified finds traditional too
    ("監管框架", [2]),
    ("生成式人工智能", [3]),
    ("regulation", [4]),           # stem of "regulating"/"regulates"
    ("regul*", [4]),
    ('"generative AI"', [4]),
    ("customs", [4, 5]),
    ("AI", [4, 5, 2]),             # a word in English, a substring in 政府公布AI監管框架諮詢
    ("said", [5]),                 # not a substring hit inside 'AI' texts
    ("海關 AND 政府", [1]),
    ("海關 政府", [1]),
    ("清關 OR 監管", [1, 2]),
    ("人工智能 NOT 海關", [2]),
    ("(customs OR 海關) NOT pilot*", [1, 3]),  # 4 and 5 mention a pilot
    ("nothing-like-this", []),
])
def test_search_finds(db, query: str, expected: list[int]) -> None:
    assert sorted(ids(search(db, query))) == sorted(expected)


def test_title_matches_rank_first(db) -> None:
    assert ids(search(db, "customs"))[0] == 5   # in the title of 5, only the text of 4
    assert ids(search(db, "海關")) == [1, 3]     # title and text of 1, text of 3


def test_snippets_mark_matches(db) -> None:
    by_id = {r["id"]: r["snippet"] for r in search(db, "海關")}
    assert "[海關]" in by_id[1] and "[海关]" in by_id[3]
    assert "[regulating]" in search(db, "regulate")[0]["snippet"]
    assert "[海關總署]" in search(db, "海關總署")[0]["snippet"]


@pytest.mark.parametrize("filters, expected", [
    (ArticleFilter(jurisdictions=("cn",)), [2, 3]),
    (ArticleFilter(agencies=("hk-dpo",)), [1, 2, 4]),
    (ArticleFilter(agencies=("香港海關",)), [1]),
    (ArticleFilter(sources=("info-gov-hk-en",)), [4, 5]),
    (ArticleFilter(relevant=True), [1, 2, 4]),
    (ArticleFilter(since="2026-06-02T00:00:00Z"), [2, 3, 5]),   # 3 counts by fetched_at
    (ArticleFilter(until="2026-06-02T00:00:00Z"), [1, 4]),
])
def test_filters(db, filters: ArticleFilter, expected: list[int]) -> None:
    query = "AI OR 人工智能 OR customs"
    assert sorted(ids(search(db, query, filters, limit=50))) == expected


def test_limit(db) -> None:
    assert len(search(db, "AI OR 人工智能", limit=2)) == 2


@pytest.mark.parametrize("query, message", [
    ('"海關', "unbalanced quote"),
    ("AND", "AND needs a search term on each side"),
    ("海關 OR", "OR needs a search term on each side"),
    ("NOT 海關", "NOT needs a term before it"),
    ("(海關", "missing ')'"),
    ("海關)", "unexpected ')'"),
    ("()", "empty ( )"),
    ("", "empty query"),
    ("   ", "empty query"),
    ("*", "lone *"),
    ('""', "empty phrase"),
])
def test_malformed_queries(query: str, message: str) -> None:
    with pytest.raises(QueryError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse(query)


def test_lowercase_words_are_terms_not_operators(db) -> None:
    assert ids(search(db, "customs and")) == []  # 'and' is a term, as in FTS5


def test_search_sees_new_and_updated_articles(db) -> None:
    with dbm.transaction(db):
        dbm.insert_article(db, article(7, title="數碼港推出元宇宙平台", language="zh-Hant"))
        dbm.update_article(db, 5, article(5, title="Customs pilots cargo screening",
                                          text="Changed text about robots."))
    assert ids(search(db, "元宇宙")) == [7]
    assert ids(search(db, "robot")) == [5]
    assert ids(search(db, "AI AND cargo")) == []


def test_make_snippet_windows_long_text() -> None:
    text = "x" * 200 + "政府表示" + "y" * 200
    snippet = make_snippet(text, ["政府"], width=40)
    assert snippet.startswith("…") and snippet.endswith("…") and "[政府]" in snippet
    assert len(snippet) < 50


def run(*args: str):
    return CliRunner().invoke(main, ["search", *args])


def test_cli_table_and_json(db, tmp_path: Path) -> None:
    path = str(tmp_path / "govwatch.db")
    table = run("海關", "--db", path)
    assert table.exit_code == 0, table.output
    assert "海關總署推出人工智能清關系統" in table.output and "[海關]" in table.output
    out = run("AI", "--format", "json", "--relevant", "--jurisdiction", "HK", "--db", path)
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert [r["id"] for r in data] == [4, 2]
    assert data[0]["agencies"][0]["id"] == "hk-dpo" and data[0]["snippet"]


@pytest.mark.parametrize("query", ['"unclosed', "AND", "a OR", "NOT b"])
def test_cli_malformed_query_is_one_line_exit_2(db, tmp_path: Path, query: str) -> None:
    result = run(query, "--db", str(tmp_path / "govwatch.db"))
    assert result.exit_code == 2
    assert result.output.startswith("govwatch: error: bad query: ")
    assert result.output.count("\n") == 1


def test_cli_bad_since_and_missing_db(tmp_path: Path) -> None:
    assert run("x", "--since", "yesterday", "--db", str(tmp_path / "a.db")).exit_code == 2
    missing = run("x", "--db", str(tmp_path / "none.db"))
    assert missing.exit_code == 3 and "no such database" in missing.output


# --- limits (issue #15): a long or deep query is one line and exit 2, never a traceback
# or a "database unusable" --------------------------------------------------------------

@pytest.mark.parametrize(("query", "message"), [
    (" ".join(f"word{i % 50}" for i in range(3000)), "query too long: "),  # 3,000 words
    (" ".join(f"w{i}" for i in range(80)), "query too long: 80 words and phrases (at most 64)"),
    ("(" * 9 + "customs" + ")" * 9, "query nested too deeply"),
    ("(" * 1000 + "customs" + ")" * 1000, "query too long"),
])
def test_cli_too_long_or_too_deep_query_is_one_line_exit_2(db, tmp_path: Path, query: str,
                                                           message: str) -> None:
    result = run(query, "--db", str(tmp_path / "govwatch.db"))
    assert result.exit_code == 2, result.output
    assert result.output.startswith("govwatch: error: bad query: " + message), result.output
    assert result.output.count("\n") == 1


def test_queries_at_the_limits_run(db) -> None:
    """64 terms in a chain of one operator and 8 levels of parentheses reach SQLite
    without overflowing its parser stack."""
    expected = ids(search(db, "customs"))
    assert expected
    assert ids(search(db, " ".join(["customs"] * 64))) == expected
    assert ids(search(db, " OR ".join(["zzqxv"] * 63 + ["customs"]))) == expected
    assert ids(search(db, " NOT ".join(["customs"] + ["zzqxv"] * 63))) == expected
    assert ids(search(db, "(" * 8 + "customs" + ")" * 8)) == expected


@pytest.mark.parametrize("query", ["\x00AI", "AI\x00procurement", "\x1b[31mAI", "AI\x7f"])
def test_control_characters_are_spaces(db, query: str) -> None:
    # A NUL once ended FTS5's MATCH string early: "unterminated string", exit 3.
    expected = search(db, query.replace("\x00", " ").replace("\x1b", " ").replace("\x7f", " "))
    assert search(db, query) == expected


def test_a_query_of_control_characters_is_empty(db) -> None:
    with pytest.raises(QueryError, match="empty query"):
        search(db, "\x00\x7f")
