"""config/datasette.yml against a real database, through datasette's own test client."""

from __future__ import annotations

import asyncio
import builtins
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from crawler.cli import main
from crawler.outputs import serve
from tests.sample_db import article, make_db

METADATA = Path(__file__).resolve().parents[1] / "config" / "datasette.yml"


def recent(days: float) -> str:
    return (datetime.now(UTC) - timedelta(days=days)).strftime("%Y-%m-%dT%H:%M:%SZ")


@pytest.fixture
def client(tmp_path: Path):
    pytest.importorskip("datasette")
    path = tmp_path / "my-copy.db"   # not govwatch.db: the metadata must follow the file name
    make_db(path, extra=[
        article(5, title="GovTech pilots AI assistant", relevant=1, published_at=recent(1),
                jurisdictions=["SG"], agencies=[{"id": "sg-govtech", "name": "GovTech",
                                                 "jurisdiction": "SG"}]),
        article(6, title="Old GovTech news", relevant=1, published_at=recent(30),
                agencies=[{"id": "sg-govtech", "name": "GovTech"}]),
    ]).conn.close()
    ds = serve.make_datasette(path, serve.load_metadata(METADATA, path))

    def get(url: str) -> Any:
        async def go() -> Any:
            await ds.invoke_startup()
            response = await ds.client.get(f"/my-copy/{url}")
            assert response.status_code == 200, response.text
            return response.json()
        return asyncio.run(go())

    return get


def facet_values(data: dict, name: str) -> dict[str, int]:
    return {str(v["value"]): v["count"] for v in data["facet_results"][name]["results"]}


def test_articles_facets(client) -> None:
    data = client("articles.json?_size=0")
    assert facet_values(data, "source_id") == {"bastillepost-hk": 3, "info-gov-hk-en": 3}
    assert facet_values(data, "language")["zh-Hant"] == 2
    assert facet_values(data, "jurisdictions") == {"HK": 3, "CN": 2, "SG": 1}


def test_signals_facets_on_agency_and_jurisdiction(client) -> None:
    data = client("signals.json?_size=0")
    assert data["filtered_table_rows_count"] == 5
    agencies = facet_values(data, "agencies")
    assert agencies["Digital Policy Office"] == 3 and agencies["GovTech"] == 2
    assert facet_values(data, "jurisdictions")["HK"] == 3


def test_agency_table_facets(client) -> None:
    data = client("article_agencies.json?_size=0")
    assert facet_values(data, "agency_name")["国家互联网信息办公室"] == 2
    assert facet_values(data, "jurisdiction")["SG"] == 1


@pytest.mark.parametrize("query, expected", [("海關總署", [1]), ("assistant", [5])])
def test_full_text_search(client, query: str, expected: list[int]) -> None:
    rows = client(f"articles.json?_search={query}&_shape=array")
    assert sorted(r["id"] for r in rows) == expected


def test_search_on_the_signals_view(client) -> None:
    rows = client("signals.json?_search=人工智能&_shape=array")
    assert sorted(r["article_id"] for r in rows) == [1, 2]


def test_this_week_signals(client) -> None:
    rows = client("this_week_signals.json?_shape=array")
    assert [r["title"] for r in rows] == ["GovTech pilots AI assistant"]


def test_stories_by_agency(client) -> None:
    rows = client("stories_by_agency.json?agency=sg-govtech&_shape=array")
    assert [r["title"] for r in rows] == ["GovTech pilots AI assistant", "Old GovTech news"]
    everyone = client("stories_by_agency.json?agency=&_shape=array")
    assert {r["agency"] for r in everyone} >= {"GovTech", "Digital Policy Office", "香港海關"}
    ranked = client("agencies.json?_shape=array")
    assert ranked[0]["agency_id"] == "hk-dpo" and ranked[0]["stories"] == 3


def test_source_health(client) -> None:
    rows = {r["id"]: r for r in client("source_health.json?_shape=array")}
    assert rows["bastillepost-hk"]["articles"] == 3
    assert rows["info-gov-hk-en"]["articles"] == 3


def test_contains_finds_two_character_words(client) -> None:
    rows = client("contains.json?text=清關&_shape=array")
    assert [r["id"] for r in rows] == [1]


def test_metadata_errors_are_one_line(tmp_path: Path) -> None:
    pytest.importorskip("yaml")
    bad = tmp_path / "bad.yml"
    bad.write_text("databases: [\n", encoding="utf-8")
    with pytest.raises(serve.ServeError, match="not valid YAML") as err:
        serve.load_metadata(bad, tmp_path / "x.db")
    assert "\n" not in str(err.value)
    with pytest.raises(serve.ServeError, match="cannot read"):
        serve.load_metadata(tmp_path / "missing.yml", tmp_path / "x.db")


def test_serve_without_datasette_says_how_to_install(tmp_path: Path, monkeypatch) -> None:
    make_db(tmp_path / "g.db").conn.close()
    real_import = builtins.__import__

    def no_datasette(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "datasette" or name.startswith("datasette."):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_datasette)
    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "g.db")])
    assert result.exit_code == 2
    assert result.output == ('govwatch: error: datasette is not installed; '
                             'run: pip install "govwatch[datasette]"\n')


def test_serve_refuses_a_missing_database(tmp_path: Path) -> None:
    pytest.importorskip("datasette")
    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 3 and "no such database" in result.output


def test_serve_runs_datasette_with_renamed_metadata(tmp_path: Path, monkeypatch) -> None:
    pytest.importorskip("datasette")
    import json

    from datasette.cli import cli

    make_db(tmp_path / "team.db").conn.close()
    seen: dict[str, Any] = {}

    def fake_main(args: list[str], **kwargs: Any) -> None:
        seen["args"] = args
        seen["metadata"] = json.loads(Path(args[args.index("--metadata") + 1]).read_text())

    monkeypatch.setattr(cli, "main", fake_main)
    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "team.db"),
                                       "--port", "8123"])
    assert result.exit_code == 0, result.output
    assert seen["args"][:2] == ["serve", str(tmp_path / "team.db")]
    assert seen["args"][-4:] == ["--host", "127.0.0.1", "--port", "8123"]
    assert list(seen["metadata"]["databases"]) == ["team"]
    assert "this_week_signals" in seen["metadata"]["databases"]["team"]["queries"]
