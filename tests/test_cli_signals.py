"""--type, --min-amount and --currency on export, search and digest, and rescore's signals,
through the real CLI on a real SQLite file."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from crawler.cli import main
from tests.sample_db import article, make_db

HKD_TENDER = article(
    5, title="Office invites tenders for AI translation", relevant=1,
    published_at="2026-06-05T00:00:00Z", jurisdictions=["HK"],
    text="The office invited tenders for an AI translation system worth HK$12 million.",
    signal_types=["procurement", "funding_budget"],
    amounts=[{"text": "HK$12 million", "value": 12_000_000, "currency": "HKD", "approx": False}],
    deadlines=[{"text": "closes on 30 June", "date": "2026-06-30", "kind": "deadline"}])
SMALL_AWARD = article(
    6, title="Council awards small AI chatbot contract", relevant=1,
    published_at="2026-06-05T01:00:00Z", jurisdictions=["HK"],
    text="The council awarded a HK$800,000 contract for an AI chatbot.",
    signal_types=["contract_award"],
    amounts=[{"text": "HK$800,000", "value": 800_000, "currency": "HKD", "approx": False},
             {"text": "US$2 million", "value": 2_000_000, "currency": "USD", "approx": True}])
PILOT = article(
    7, title="Hospital pilots AI triage", relevant=1, published_at="2026-06-05T02:00:00Z",
    jurisdictions=["SG"], text="The hospital will pilot AI triage.", signal_types=["pilot"])


@pytest.fixture
def path(tmp_path: Path) -> Path:
    make_db(tmp_path / "govwatch.db", extra=[HKD_TENDER, SMALL_AWARD, PILOT]).conn.close()
    return tmp_path / "govwatch.db"


def run(path: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, [*args, "--db", str(path)])
    return result.exit_code, result.stdout, result.stderr


def ids(output: str) -> list[int]:
    return [json.loads(line)["id"] for line in output.splitlines()]


@pytest.mark.parametrize(("args", "expected"), [
    (["--type", "procurement"], [5]),
    (["--type", "procurement", "--type", "contract_award"], [5, 6]),
    (["--type", "pilot"], [7]),
    (["--currency", "HKD"], [5, 6]),
    (["--currency", "usd"], [6]),
    (["--min-amount", "1000000", "--currency", "HKD"], [5]),
    # one amount must meet both: article 6 has US$2 million and HK$800,000
    (["--min-amount", "1000000", "--currency", "USD"], [6]),
    (["--min-amount", "5000000", "--currency", "USD"], []),
    (["--type", "contract_award", "--min-amount", "1000000", "--currency", "HKD"], []),
    (["--type", "procurement", "--jurisdiction", "HK", "--relevant"], [5]),
])
def test_export_filters(path: Path, args: list[str], expected: list[int]) -> None:
    code, out, err = run(path, "export", *args)
    assert code == 0, err
    assert ids(out) == expected


def test_export_fields(path: Path) -> None:
    code, out, _ = run(path, "export", "--type", "procurement")
    record = json.loads(out)
    assert record["signal_types"] == ["procurement", "funding_budget"]
    assert record["amounts"][0] == {"text": "HK$12 million", "value": 12_000_000,
                                    "currency": "HKD", "approx": False}
    assert record["deadlines"][0]["kind"] == "deadline"
    code, out, _ = run(path, "export", "--type", "contract_award", "--format", "csv")
    row = next(csv.DictReader(io.StringIO(out)))
    assert row["signal_types"] == "contract_award"
    assert row["amounts"] == "HK$800,000; US$2 million"  # an amount as written, no JSON


@pytest.mark.parametrize(("args", "message"), [
    (["--type", "tender"], "unknown signal type 'tender'"),
    (["--min-amount", "5"], "--min-amount needs --currency"),
    (["--min-amount", "5", "--currency", "dollars"], "ISO 4217"),
    (["--min-amount", "-1", "--currency", "HKD"], "-1"),
])
@pytest.mark.parametrize("command", [["export"], ["search", "AI"], ["digest", "--since",
                                                                    "2026-06-01"]])
def test_bad_signal_options_are_usage_errors(path: Path, command: list[str], args: list[str],
                                             message: str) -> None:
    code, _out, err = run(path, *command, *args)
    assert code == 2 and message in err and "Traceback" not in err


def test_search_filters_and_shows_signals(path: Path) -> None:
    code, out, err = run(path, "search", "AI", "--type", "procurement", "--type",
                         "contract_award", "--format", "json")
    assert code == 0, err
    found = json.loads(out)
    assert sorted(r["id"] for r in found) == [5, 6]
    assert all(r["signal_types"] for r in found)
    code, out, _ = run(path, "search", "AI", "--min-amount", "10000000", "--currency", "HKD")
    assert "Office invites tenders" in out and "HK$12 million" in out and "chatbot" not in out


def test_digest_filters_and_tenders_first(path: Path) -> None:
    code, out, err = run(path, "digest", "--since", "2026-06-01", "--until", "2026-06-08",
                         "--format", "json")
    assert code == 0, err
    digest = json.loads(out)
    assert digest["groups"][0]["name"] == "Tenders and awards"
    assert [s["title"] for s in digest["groups"][0]["stories"]] == [
        "Council awards small AI chatbot contract", "Office invites tenders for AI translation"]
    elsewhere = [s["title"] for g in digest["groups"][1:] for s in g["stories"]]
    assert "Hospital pilots AI triage" in elsewhere and not any("tender" in t for t in elsewhere)
    code, out, _ = run(path, "digest", "--since", "2026-06-01", "--until", "2026-06-08",
                       "--format", "json", "--min-amount", "1000000", "--currency", "HKD")
    titles = [s["title"] for g in json.loads(out)["groups"] for s in g["stories"]]
    assert titles == ["Office invites tenders for AI translation"]
    code, out, _ = run(path, "digest", "--since", "2026-06-01", "--until", "2026-06-08",
                       "--format", "markdown", "--type", "pilot")
    assert "Hospital pilots AI triage" in out and "tenders" not in out.lower()


def test_digest_html_shows_badges_and_amounts(path: Path) -> None:
    code, out, _ = run(path, "digest", "--since", "2026-06-01", "--until", "2026-06-08",
                       "--format", "html")
    assert code == 0
    assert ">Tender</span>" in out and ">Award</span>" in out and ">Funding</span>" in out
    assert "HK$12 million" in out and "HKD 12,000,000" in out
    assert out.index("Tenders and awards") < out.index("Hospital pilots AI triage")
    assert "<svg" not in out


def test_rescore_applies_signals_to_a_real_file(tmp_path: Path) -> None:
    path = tmp_path / "govwatch.db"
    make_db(path, extra=[article(
        8, title="Lands Department invites tenders for AI mapping",
        text="The Lands Department invited tenders for an AI mapping system with a budget of "
             "about HK$18 million. The tender closes on 26 June.",
        published_at="2026-05-12T00:00:00Z")]).conn.close()
    code, out, err = run(path, "rescore")
    assert code == 0, err
    assert "with a signal type" in out
    with sqlite3.connect(path) as conn:
        (number,) = conn.execute("SELECT id FROM articles WHERE url LIKE '%/8'").fetchone()
        types = [r[0] for r in conn.execute(
            "SELECT signal_type FROM article_signal_types WHERE article_id = ? ORDER BY rank",
            (number,))]
        amounts = conn.execute("SELECT text, value, currency, approx FROM article_amounts "
                               "WHERE article_id = ?", (number,)).fetchall()
        deadlines = json.loads(conn.execute(
            "SELECT deadlines FROM articles WHERE id = ?", (number,)).fetchone()[0])
    assert types[0] == "procurement"
    assert amounts == [("about HK$18 million", 18_000_000.0, "HKD", 1)]  # info-gov-hk-en is HK
    assert deadlines[0]["date"] == "2026-06-26" and deadlines[0]["kind"] == "deadline"
    code, out, _ = run(path, "export", "--type", "procurement", "--min-amount", "1e7",
                       "--currency", "HKD")
    assert ids(out) == [number]


def test_email_charts_survive_what_gmail_strips(path: Path) -> None:
    import re

    code, out, _ = run(path, "digest", "--since", "2026-06-01", "--until", "2026-06-08",
                       "--format", "html")
    kept = re.sub(r"<svg\b.*?</svg>|<style\b.*?</style>|<script\b.*?</script>", "", out,
                  flags=re.I | re.S)  # what Gmail removes; inline style attributes stay
    days = re.search(r'data-chart="per-day".*?</table>\s*</td>\s*</tr>\s*</table>', kept, re.S)
    assert days is not None
    _code, data, _ = run(path, "digest", "--since", "2026-06-01", "--until", "2026-06-08",
                         "--format", "json")
    digest = json.loads(data)
    busy_days = [d for d in digest["per_day"] if d["count"]]
    assert len(busy_days) >= 2
    assert kept.count('bgcolor="#3b82f6"') == len(busy_days)  # one bar per day with stories
    assert kept.count('bgcolor="#6366f1"') == len(digest["jurisdictions"])
    assert re.search(r'height="90" bgcolor="#3b82f6"', kept)  # the busiest day: full height


def test_datasette_facets_on_signal_type_and_currency(path: Path) -> None:
    import asyncio

    pytest.importorskip("datasette")
    from crawler.outputs import serve

    metadata = Path(__file__).resolve().parents[1] / "config" / "datasette.yml"
    ds = serve.make_datasette(path, serve.load_metadata(metadata, path))

    async def get(url: str) -> dict:  # type: ignore[type-arg]
        await ds.invoke_startup()
        response = await ds.client.get(f"/govwatch/{url}")
        assert response.status_code == 200, response.text
        return response.json()  # type: ignore[no-any-return]

    def facet(data: dict, name: str) -> dict[str, int]:  # type: ignore[type-arg]
        return {str(v["value"]): v["count"] for v in data["facet_results"][name]["results"]}

    types = asyncio.run(get("article_signal_types.json?_size=0"))
    assert facet(types, "signal_type") == {"procurement": 1, "funding_budget": 1,
                                           "contract_award": 1, "pilot": 1}
    amounts = asyncio.run(get("article_amounts.json?_size=0"))
    assert facet(amounts, "currency") == {"HKD": 2, "USD": 1}
    articles = asyncio.run(get("articles.json?_size=0"))
    assert facet(articles, "signal_types")["procurement"] == 1
    view = asyncio.run(get("signals.json?_size=0"))
    assert facet(view, "signal_types")["pilot"] == 1
    rows = asyncio.run(get("tenders_and_awards.json?currency=hkd&min_amount=1000000&_shape=objects"))
    assert [r["amount"] for r in rows["rows"]] == ["HK$12 million"]


def test_signals_view_carries_types_amounts_and_deadlines(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    try:
        rows = {r["article_id"]: r for r in conn.execute(
            "SELECT * FROM signals WHERE article_id IN (5, 6, 7)")}
        columns = [r[1] for r in conn.execute("PRAGMA table_info(signals)")]
        # SQL can filter the view of relevant articles by type and amount without a join
        tenders = [r[0] for r in conn.execute(
            "SELECT article_id FROM signals, json_each(signals.amounts) AS m "
            "WHERE EXISTS (SELECT 1 FROM json_each(signals.signal_types) WHERE value = "
            "'procurement') AND json_extract(m.value, '$.value') >= 1000000")]
    finally:
        conn.close()
    assert columns[-3:] == ["signal_types", "amounts", "deadlines"]  # added last
    assert json.loads(rows[5]["signal_types"]) == ["procurement", "funding_budget"]
    assert json.loads(rows[5]["amounts"])[0]["currency"] == "HKD"
    assert json.loads(rows[5]["deadlines"])[0]["date"] == "2026-06-30"
    assert json.loads(rows[7]["signal_types"]) == ["pilot"]
    assert tenders == [5]
