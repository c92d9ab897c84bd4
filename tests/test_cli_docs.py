"""The CLI's help is documentation: every command is in the README and ends with an example."""

from pathlib import Path

import pytest
from click.testing import CliRunner

from crawler.cli import main

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(main.commands)


def test_there_are_commands():
    assert {"crawl", "export", "sources"} <= set(COMMANDS)


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_is_in_the_readme(name):
    assert f"govwatch {name}" in README


@pytest.mark.parametrize("name", COMMANDS)
def test_help_ends_with_an_example(name):
    result = CliRunner().invoke(main, [name, "-h"])
    assert result.exit_code == 0
    help_text = result.output
    assert "Example" in help_text
    tail = help_text.split("Example", 1)[1]
    assert f"govwatch {name}" in tail
    for option in ("--db", "--config", "--sources", "--verbose", "--quiet"):
        assert option in help_text


def test_bad_config_exits_2_with_one_line(tmp_path):
    sources = tmp_path / "s.toml"
    sources.write_text('[[source]]\nid = "x"\nkind = "rss"\nurl = "https://e.org/"\nlanguage = "en"\n')
    db = tmp_path / "x.db"
    result = CliRunner().invoke(main, ["crawl", "--db", str(db), "--sources", str(sources)])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert str(sources) in lines[0] and "'x'" in lines[0] and "'kind'" in lines[0] and "'rss'" in lines[0]
    assert not db.exists()


def test_export_on_missing_database_exits_3(tmp_path):
    result = CliRunner().invoke(main, ["export", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 3
    assert "no such database" in result.stderr
