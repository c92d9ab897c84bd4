"""crawler.config: sources.toml validation, one-line errors naming file, entry, key."""

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from crawler.cli import main
from crawler.config import DEFAULT_CONFIG_DIR, ConfigError, load_sources, load_topics

GOOD = """
[defaults]
schedule = "2h"

[[source]]
id = "gov-feed"
name = "A government feed"
kind = "feed"
url = "https://example.org/feed.xml"
language = "en"
jurisdiction = "GB"
schedule = "30m"

[[source]]
id = "listing"
kind = "html"
urls = ["https://example.org/news/", "https://example.org/press/"]
language = "zh-Hant"
follow = ['/news/\\d+']
next = 'page=\\d+'
max_pages = 2
enabled = false
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sources.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_valid_sources_are_frozen_dataclasses(tmp_path):
    config = load_sources(write(tmp_path, GOOD))
    assert config.default_schedule == "2h"
    feed, listing = config.sources
    assert feed.urls == ("https://example.org/feed.xml",)
    assert feed.jurisdiction == "GB" and feed.enabled and feed.fetch_articles
    assert listing.name == "listing"  # name defaults to the id
    assert listing.urls == ("https://example.org/news/", "https://example.org/press/")
    assert listing.follow == ("/news/\\d+",) and listing.max_pages == 2
    assert [s.id for s in config.enabled()] == ["gov-feed"]
    with pytest.raises(AttributeError):
        feed.id = "other"  # type: ignore[misc]


def test_shipped_sources_file_is_valid():
    config = load_sources(DEFAULT_CONFIG_DIR / "sources.toml")
    kinds = {s.kind for s in config.sources}
    assert {"feed", "html"} <= kinds
    ids = {s.id for s in config.sources}
    assert {"bastillepost-hk", "info-gov-hk-en", "info-gov-hk-zh", "gov-uk-ai"} <= ids


def test_unknown_source_id_lists_known_ones(tmp_path):
    config = load_sources(write(tmp_path, GOOD))
    with pytest.raises(ConfigError, match="unknown source id 'nope' \\(known: gov-feed, listing\\)"):
        config.by_id("nope")


BASE = 'id = "s1"\nkind = "feed"\nurl = "https://example.org/f"\nlanguage = "en"\n'


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (BASE.replace('"feed"', '"rss"'),
         "source 's1': key 'kind': unknown value 'rss' (expected feed, html, sitemap)"),
        (BASE.replace('url = "https://example.org/f"\n', ""), "source 's1': key 'url': missing"),
        (BASE + 'schedule = "every day"\n', "source 's1': key 'schedule': bad schedule 'every day'"),
        (BASE + 'schedule = "61 * * * *"\n', "source 's1': key 'schedule': bad schedule '61 * * * *'"),
        (BASE + "colour = 1\n", "source 's1': key 'colour': unknown key"),
        (BASE + 'jurisdiction = "Hong Kong"\n', "key 'jurisdiction': not an ISO 3166 code"),
        (BASE.replace('"s1"', '"S 1"'), "key 'id': not a lowercase slug"),
        (BASE.replace("https://example.org/f", "ftp://x"), "key 'url': not an http(s) URL"),
        (BASE + "max_articles = 0\n", "key 'max_articles': must be at least 1"),
        (BASE + 'enabled = "yes"\n', "key 'enabled': expected true or false, got 'yes'"),
        (BASE + "follow = ['x']\n", "key 'follow': only for kind 'html'"),
        (BASE.replace('"feed"', '"html"') + "follow = ['(']\n", "key 'follow': invalid regular expression"),
    ],
)
def test_invalid_source_names_file_entry_and_key(tmp_path, body, expected):
    path = write(tmp_path, "[[source]]\n" + body)
    with pytest.raises(ConfigError) as info:
        load_sources(path)
    message = str(info.value)
    assert message.startswith(str(path) + ": ")
    assert expected in message
    assert "\n" not in message


def test_duplicate_id(tmp_path):
    path = write(tmp_path, "[[source]]\n" + BASE + "\n[[source]]\n" + BASE)
    with pytest.raises(ConfigError, match="source 's1': key 'id': duplicate id 's1'"):
        load_sources(path)


def test_toml_syntax_error_and_missing_file(tmp_path):
    with pytest.raises(ConfigError, match="invalid TOML"):
        load_sources(write(tmp_path, "[[source]\nid = 1"))
    with pytest.raises(ConfigError, match="file not found"):
        load_sources(tmp_path / "absent.toml")


# --- files that are not UTF-8 text (issue #15) --------------------------------------------

NOT_UTF8 = {
    "utf16": ('[[source]]\nid = "s1"\n'.encode("utf-16"), "UTF-16 text, not UTF-8"),
    "utf16-no-bom": ('[[source]]\nid = "s1"\n'.encode("utf-16-le"), "invalid TOML"),
    "binary": (bytes(range(256)) * 4, "line 2: not UTF-8 text (byte 0x80"),  # after a \n
    "latin1-line-3": ('# a\n# b\nname = "Caf\u00e9"\n'.encode("latin-1"),
                      "line 3: not UTF-8 text (byte 0xe9"),
    "png": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "line 1: not UTF-8 text (byte 0x89"),
    "deep": (b"a = " + b"[" * 5000 + b"]" * 5000, "invalid TOML"),
}


@pytest.mark.parametrize("kind", sorted(NOT_UTF8))
def test_config_file_not_utf8_is_one_line_exit_2(tmp_path: Path, kind: str) -> None:
    data, message = NOT_UTF8[kind]
    path = tmp_path / "sources.toml"
    path.write_bytes(data)
    with pytest.raises(ConfigError, match=re.escape(message)):
        load_sources(path)
    result = CliRunner().invoke(main, ["crawl", "--db", str(tmp_path / "g.db"),
                                       "--sources", str(path)])
    assert result.exit_code == 2, result.output
    assert result.output.startswith(f"govwatch: error: {path}: "), result.output
    assert result.output.count("\n") == 1
    assert not (tmp_path / "g.db").exists()


def test_other_config_files_not_utf8(tmp_path: Path) -> None:
    """Every config file goes through one reader: a UTF-16 topics or schedule file too."""
    shutil.copytree(DEFAULT_CONFIG_DIR, tmp_path / "config")
    (tmp_path / "config" / "topics.toml").write_bytes("[topic]\n".encode("utf-16"))
    with pytest.raises(ConfigError, match="topics.toml: UTF-16 text"):
        load_topics(tmp_path / "config" / "topics.toml")
    (tmp_path / "schedule.toml").write_bytes(b"\xff\xfe\x00")
    result = CliRunner().invoke(main, ["schedule", "--schedule-config",
                                       str(tmp_path / "schedule.toml"), "--db",
                                       str(tmp_path / "g.db")])
    assert result.exit_code == 2, result.output
    assert "schedule.toml: UTF-16 text" in result.output


BROKEN_PAGE_STAGE_CONFIG = {
    "signals.toml": ("strip = [\n", "strip = [\n  '(unclosed',\n",
                     "signals.toml: [noise]: key 'strip': invalid regular expression"),
    "topics.toml": ("[[topic]]\n", "[[topic]]\nno_such_key = 1\n", "topics.toml"),
}


@pytest.mark.parametrize("name", sorted(BROKEN_PAGE_STAGE_CONFIG))
def test_a_crawl_with_a_broken_page_stage_file_stops_in_one_line(tmp_path: Path,
                                                                  name: str) -> None:
    """The page stages' config (topics, gazetteers, signals) is checked when the crawl
    starts, before the database is opened: one line naming the file, exit 2."""
    config = tmp_path / "config"
    shutil.copytree(DEFAULT_CONFIG_DIR, config)
    old, new, message = BROKEN_PAGE_STAGE_CONFIG[name]
    text = (config / name).read_text(encoding="utf-8")
    assert old in text
    (config / name).write_text(text.replace(old, new, 1), encoding="utf-8")
    result = CliRunner().invoke(
        main, ["crawl", "--config", str(config), "--db", str(tmp_path / "g.db")],
        env={"GOVWATCH_CACHE_DIR": str(tmp_path / "cache")})
    assert result.exit_code == 2, result.output
    assert result.output.startswith("govwatch: error: "), result.output
    assert message in result.output, result.output
    assert result.output.count("\n") == 1
    assert not (tmp_path / "g.db").exists()
