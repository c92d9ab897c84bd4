"""`govwatch digest` end to end: outputs, bad input, delivery records, README coverage."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import feedparser
import pytest
from click.testing import CliRunner

from crawler import db as dbm
from crawler.cli import main
from tests.digest_servers import free_port, smtp_server, webhook_server
from tests.digest_support import END, START, add_article, new_db, sample

PERIOD = ["--since", START, "--until", END]


@pytest.fixture
def db_path(tmp_path):
    path = tmp_path / "g.db"
    db = new_db(path)
    sample(db)
    db.conn.close()
    return path


def run(db_path, *args, env=None):
    return CliRunner().invoke(main, ["digest", "--db", str(db_path), *args], env=env)


def deliveries(db_path):
    db = dbm.open_db(db_path, create=False)
    rows = [dict(r) for r in db.query("SELECT * FROM digests ORDER BY id")]
    db.conn.close()
    return rows


def smtp_config(tmp_path, port, **extra):
    folder = tmp_path / "config"
    folder.mkdir(exist_ok=True)
    lines = ["[email]", 'host = "127.0.0.1"', f"port = {port}", 'security = "none"',
             'from = "gw@example.org"', 'to = ["desk@example.org"]',
             *(f"{k} = {json.dumps(v)}" for k, v in extra.items())]
    (folder / "digest.toml").write_text("\n".join(lines) + "\n")
    return folder


def test_prints_markdown_to_stdout(db_path):
    result = run(db_path, *PERIOD)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# govwatch digest: 1 Jun 2026 – 2 Jun 2026")
    assert "## Hong Kong (3)" in result.stdout
    assert "Weather warning" not in result.stdout


@pytest.mark.parametrize("fmt", ["markdown", "html", "json", "atom"])
def test_output_file_in_every_format(db_path, tmp_path, fmt):
    out = tmp_path / f"digest.{fmt}"
    result = run(db_path, *PERIOD, "--format", fmt, "--output", str(out))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    text = out.read_text(encoding="utf-8")
    assert "數字政策辦公室推出人工智能助手" in text
    if fmt == "json":
        assert json.loads(text)["story_count"] == 5
    if fmt == "atom":
        assert feedparser.parse(io.BytesIO(text.encode())).bozo == 0


def test_filters_reach_the_digest(db_path):
    result = run(db_path, *PERIOD, "--format", "json", "--jurisdiction", "gb")
    data = json.loads(result.stdout)
    assert [g["jurisdiction"] for g in data["groups"]] == ["GB"]
    result = run(db_path, *PERIOD, "--format", "json", "--agency", "hk-dpo", "--min-score", "0.5")
    assert json.loads(result.stdout)["story_count"] == 2


def test_missing_database_exits_3(tmp_path):
    result = run(tmp_path / "nope.db")
    assert result.exit_code == 3
    assert result.stderr.count("\n") == 1 and "no such database" in result.stderr


@pytest.mark.parametrize(("args", "needle"), [
    (["--jurisdiction", "XX"], "unknown jurisdiction 'XX'"),
    (["--agency", "no-such-agency"], "unknown agency id 'no-such-agency'"),
    (["--source", "nope"], "unknown source id 'nope'"),
    (["--since", "yesterday"], "not a duration"),
    (["--since", END, "--until", START], "is not before the end of the period"),
    (["--output", "/no/such/dir/x.md"], "no such directory"),
    (["--webhook", "ftp://x"], "not an http(s) URL"),
    (["--format", "pdf"], "Invalid value for '--format'"),
])
def test_bad_options_exit_2_with_one_clear_line(db_path, args, needle):
    result = run(db_path, *args)
    assert result.exit_code == 2
    assert needle in result.stderr and "Traceback" not in result.stderr


def test_empty_period_prints_nothing_and_exits_0(db_path):
    result = run(db_path, "--since", "2020-01-01", "--until", "2020-01-02")
    assert result.exit_code == 0 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "no articles in the period" in result.stderr


def test_database_without_relevant_articles(tmp_path):
    path = tmp_path / "g.db"
    db = new_db(path)
    add_article(db, "https://x.example/a", "rthk-en", "Sports", "2026-06-01T10:00:00Z",
                relevant=False)
    db.conn.close()
    result = run(path, *PERIOD)
    assert result.exit_code == 0 and result.stdout == ""
    assert "1 articles, none relevant" in result.stderr and "--include-irrelevant" in result.stderr
    assert "Sports" in run(path, *PERIOD, "--include-irrelevant").stdout


def test_send_empty_outputs_an_empty_digest(db_path):
    result = run(db_path, "--since", "2020-01-01", "--until", "2020-01-02", "--send-empty")
    assert result.exit_code == 0 and "No stories in this period." in result.stdout


def test_email_is_sent_recorded_and_never_repeated(db_path, tmp_path):
    with smtp_server() as (mailbox, port):
        config = smtp_config(tmp_path, port)
        first = run(db_path, *PERIOD, "--email", "--config", str(config))
        assert first.exit_code == 0, first.output
        assert first.stdout == "" and "email: 5 stories to desk@example.org" in first.stderr
        second = run(db_path, *PERIOD, "--email", "--config", str(config))
    assert len(mailbox.messages) == 1
    assert second.exit_code == 0 and "5 stories already sent by email" in second.stderr
    [row] = deliveries(db_path)
    assert (row["channel"], row["status"], row["format"]) == ("email", "delivered", "html")
    assert json.loads(row["recipients"]) == ["desk@example.org"]
    assert len(json.loads(row["story_ids"])) == 5 and row["period_end"] == END


def test_since_last_starts_where_the_last_delivery_ended(db_path, tmp_path):
    db = dbm.open_db(db_path)
    add_article(db, "https://x.example/new", "rthk-en", "Newer story", "2026-06-03T05:00:00Z",
                jurisdictions=["HK"])
    db.conn.close()
    with smtp_server() as (mailbox, port):
        config = smtp_config(tmp_path, port)
        assert run(db_path, *PERIOD, "--email", "--config", str(config)).exit_code == 0
        later = run(db_path, "--since", "last", "--until", "2026-06-04", "--email",
                    "--config", str(config))
    assert later.exit_code == 0, later.output
    assert len(mailbox.messages) == 2
    second = deliveries(db_path)[1]
    assert second["period_start"] == END and len(json.loads(second["story_ids"])) == 1
    assert "Newer story" in mailbox.messages[1].get_body(("plain",)).get_content()


def test_failed_email_is_recorded_as_failed_not_delivered(db_path, tmp_path):
    config = smtp_config(tmp_path, free_port())
    result = run(db_path, *PERIOD, "--email", "--config", str(config))
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "connection refused" in result.stderr
    [row] = deliveries(db_path)
    assert row["status"] == "failed" and "connection refused" in row["error"]
    with smtp_server() as (mailbox, port):  # the retry sends the same stories
        again = run(db_path, *PERIOD, "--email", "--config", str(smtp_config(tmp_path, port)))
    assert again.exit_code == 0 and len(mailbox.messages) == 1


def test_smtp_refusal_exits_1(db_path, tmp_path):
    with smtp_server(refuse="550 mailbox unavailable") as (_, port):
        result = run(db_path, *PERIOD, "--email", "--config", str(smtp_config(tmp_path, port)))
    assert result.exit_code == 1 and "550 mailbox unavailable" in result.stderr
    assert deliveries(db_path)[0]["status"] == "failed"


def test_missing_password_is_a_config_error(db_path, tmp_path):
    config = smtp_config(tmp_path, free_port(), user="gw", password_env="GW_TEST_PASSWORD")
    result = run(db_path, *PERIOD, "--email", "--config", str(config),
                 env={"GW_TEST_PASSWORD": ""})
    assert result.exit_code == 2 and "GW_TEST_PASSWORD" in result.stderr
    assert deliveries(db_path) == []


def test_webhook_delivery_and_http_500(db_path):
    with webhook_server() as (received, url):
        ok = run(db_path, *PERIOD, "--webhook", url)
    assert ok.exit_code == 0 and len(received) == 1
    assert received[0]["body"]["text"].endswith("(Hong Kong 3, United Kingdom 1, United States 1)")
    with webhook_server(status=500) as (_, url):
        bad = run(db_path, "--since", "2026-05-25", "--until", END, "--webhook", url,
                  "--include-irrelevant")
    assert bad.exit_code == 1 and "HTTP 500" in bad.stderr
    rows = deliveries(db_path)
    assert [r["status"] for r in rows] == ["delivered", "failed"]
    assert "secret-token" not in json.dumps(rows)


def test_readme_documents_every_digest_option():
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme.split("### govwatch digest", 1)[1].split("\n## ", 1)[0]
    command = main.commands["digest"]
    for param in command.params:
        for opt in param.opts:
            common = ("--help", "--db", "--config", "--sources", "--verbose", "--quiet")
            if opt.startswith("--") and opt not in common:  # common ones: "## Commands"
                assert re.search(re.escape(opt) + r"\b", section), f"{opt} missing from README"


def test_stdout_digests_are_recorded_so_since_last_moves_on(db_path):
    assert run(db_path, *PERIOD).exit_code == 0
    [row] = deliveries(db_path)
    assert (row["channel"], row["format"], row["status"]) == ("stdout", "markdown", "delivered")
    again = run(db_path, "--since", "last", "--until", "2026-06-04")
    assert again.exit_code == 0 and again.stdout == ""
    assert "no articles in the period" in again.stderr  # nothing new after END


def test_ids_from_the_gazetteer_are_accepted(db_path, tmp_path):
    import shutil

    from crawler.config import DEFAULT_CONFIG_DIR

    config = tmp_path / "config"
    shutil.copytree(DEFAULT_CONFIG_DIR / "gazetteers", config / "gazetteers")
    (config / "gazetteers" / "agencies").mkdir(exist_ok=True)
    (config / "gazetteers" / "agencies" / "zz-test.toml").write_text(
        '[sources]\nt = "test"\n[[group]]\njurisdiction = "MO"\nkind = "government bureau"\n'
        'source = "t"\nagency = [{ id = "mo-zz-test", name = "Test Bureau of Macao" }]\n',
        encoding="utf-8")
    for args in (["--jurisdiction", "MO"], ["--agency", "mo-zz-test"], ["--jurisdiction", "HK"]):
        result = run(db_path, *PERIOD, "--config", str(config), *args)
        assert result.exit_code == 0, result.output
    assert run(db_path, *PERIOD, "--config", str(config), "--agency", "x").exit_code == 2


def test_headings_use_the_gazetteer_display_names(db_path, tmp_path):
    import shutil

    from crawler.config import DEFAULT_CONFIG_DIR

    config = tmp_path / "config"
    shutil.copytree(DEFAULT_CONFIG_DIR / "gazetteers", config / "gazetteers")
    path = config / "gazetteers" / "jurisdictions.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('code = "HK"\nname = "Hong Kong"\n',
                                 'code = "HK"\nname = "Hong Kong"\ndisplay = "Hong Kong SAR"\n'),
                    encoding="utf-8")
    result = run(db_path, *PERIOD, "--config", str(config), "--format", "markdown")
    assert result.exit_code == 0, result.output
    assert "## Hong Kong SAR" in result.stdout
    shipped = run(db_path, *PERIOD, "--format", "markdown").stdout
    assert "## Hong Kong" in shipped and "Hong Kong SAR" not in shipped


def test_health_section_shows_what_status_flags(db_path, tmp_path):
    # A paused source appears in the digest's health section, as `govwatch status` shows it.
    from tests.digest_support import SOURCES

    sources = tmp_path / "sources.toml"
    sources.write_text("".join(
        f'[[source]]\nid = "{sid}"\nname = "{name}"\nkind = "feed"\n'
        f'url = "https://example.org/{sid}.xml"\nlanguage = "en"\n\n'
        for sid, name, *_ in SOURCES), encoding="utf-8")
    paused_id, paused_name = SOURCES[0][0], SOURCES[0][1]
    db = dbm.open_db(db_path)
    dbm.pause_source(db, paused_id, "8 failed crawls in a row")
    db.conn.close()
    result = run(db_path, *PERIOD, "--sources", str(sources))
    assert result.exit_code == 0, result.output
    health = result.stdout.split("## Source health", 1)[1]
    assert paused_name.replace("(", "\\(") in health or paused_name in health
    assert "paused" in health
