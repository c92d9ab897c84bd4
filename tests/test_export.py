"""crawler.outputs.export: formats, --since parsing, Chinese kept readable."""

import csv
import io
import json
from datetime import UTC, datetime

import pytest

from crawler.outputs.export import parse_since, write

RECORDS = [
    {"id": 1, "title": "政府推出人工智能", "agencies": [{"id": "hk-dpo", "name": "Digital Policy Office"}],
     "jurisdictions": ["HK", "CN"], "relevant": True, "story_id": None},
    {"id": 2, "title": "Second, with a comma", "agencies": [], "jurisdictions": [], "relevant": False,
     "story_id": 3},
]


def test_jsonl_keeps_chinese_readable():
    out = io.StringIO()
    assert write(iter(RECORDS), "jsonl", out) == 2
    lines = out.getvalue().splitlines()
    assert "政府推出人工智能" in lines[0] and "\\u" not in lines[0]
    assert json.loads(lines[1])["title"] == "Second, with a comma"


def test_json_is_one_valid_array_even_when_empty():
    out = io.StringIO()
    write(iter(RECORDS), "json", out)
    assert [r["id"] for r in json.loads(out.getvalue())] == [1, 2]
    empty = io.StringIO()
    write(iter([]), "json", empty)
    assert json.loads(empty.getvalue()) == []


def test_csv_joins_lists_readably():
    out = io.StringIO()
    write(iter(RECORDS), "csv", out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert rows[0]["agencies"] == "Digital Policy Office"
    assert rows[0]["jurisdictions"] == "HK; CN"
    assert rows[0]["relevant"] == "true" and rows[1]["story_id"] == "3"


def test_unknown_format():
    with pytest.raises(ValueError, match="unknown format"):
        write(iter(RECORDS), "xml", io.StringIO())


NOW = datetime(2026, 6, 10, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("7d", "2026-06-03T12:00:00Z"), ("24h", "2026-06-09T12:00:00Z"), ("2w", "2026-05-27T12:00:00Z"),
     ("30m", "2026-06-10T11:30:00Z"), ("90s", "2026-06-10T11:58:30Z"),
     ("2026-06-01", "2026-06-01T00:00:00Z"), ("2026-06-01T08:00:00+08:00", "2026-06-01T00:00:00Z")],
)
def test_parse_since(value, expected):
    assert parse_since(value, now=NOW) == expected


def test_parse_since_rejects_nonsense():
    with pytest.raises(ValueError, match="not a duration"):
        parse_since("last tuesday", now=NOW)


HOSTILE = [{"id": 1, "title": '=HYPERLINK("http://evil.example","click")', "summary": "@SUM(A1)",
            "text": "-2+3", "score": -1.5, "vendors": [{"id": "x", "name": "+Vendor"}],
            "plain": "fine = not a formula"}]


def test_csv_cells_that_start_like_a_formula_are_shown_as_text():
    out = io.StringIO()
    write(iter(HOSTILE), "csv", out)
    row = next(csv.DictReader(io.StringIO(out.getvalue())))
    assert row["title"] == '\'=HYPERLINK("http://evil.example","click")'
    assert row["summary"] == "'@SUM(A1)" and row["text"] == "'-2+3" and row["vendors"] == "'+Vendor"
    assert row["score"] == "-1.5" and row["plain"] == "fine = not a formula"  # numbers untouched


def test_raw_csv_and_other_formats_keep_cells_as_they_are():
    out = io.StringIO()
    write(iter(HOSTILE), "csv", out, formula_guard=False)
    assert next(csv.DictReader(io.StringIO(out.getvalue())))["summary"] == "@SUM(A1)"
    out = io.StringIO()
    write(iter(HOSTILE), "jsonl", out)
    assert json.loads(out.getvalue())["title"].startswith("=HYPERLINK")
