"""crawler.config: sources.toml validation, one-line errors naming file, entry, key."""

from pathlib import Path

import pytest

from crawler.config import DEFAULT_CONFIG_DIR, ConfigError, load_sources

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
