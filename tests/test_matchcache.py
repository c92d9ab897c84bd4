"""crawler/shared/matchcache.py and the cached page stages (pipelines/chain.py): a cache on disk
that is rebuilt when any config file changes or the file is damaged, never trusted
blindly, and never written into the config folder."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from scrapy.settings import Settings

from crawler.config import DEFAULT_CONFIG_DIR
from crawler.shared import matchcache
from crawler.shared.items import Article
from pipelines import chain

ARTICLE = ("Digital Policy Office pilots generative AI",
           "The Digital Policy Office said on Monday it will pilot a generative AI assistant "
           "for civil servants. 數字政策辦公室表示，將試行人工智能助手。The tender is worth "
           "HK$10 million.")


@pytest.fixture
def config(tmp_path: Path) -> Path:
    """A copy of the shipped config folder, free to edit."""
    return Path(shutil.copytree(DEFAULT_CONFIG_DIR, tmp_path / "config"))


def counting(value: object) -> tuple[list[int], object]:
    calls: list[int] = []

    def build() -> object:
        calls.append(1)
        return value
    return calls, build


def test_built_once_then_read_back(tmp_path: Path, config: Path) -> None:
    calls, build = counting({"a": [1, 2]})
    key = matchcache.config_key(config)
    assert matchcache.load_or_build("m", key, tmp_path / "cache", build) == {"a": [1, 2]}
    assert matchcache.load_or_build("m", key, tmp_path / "cache", build) == {"a": [1, 2]}
    assert len(calls) == 1


@pytest.mark.parametrize("edit", [
    lambda c: (c / "topics.toml").write_text((c / "topics.toml").read_text() + "\n# x\n"),
    lambda c: (c / "gazetteers" / "agencies" / "hk.toml").write_bytes(
        (c / "gazetteers" / "agencies" / "hk.toml").read_bytes().replace(b'name = "', b'name = "X', 1)),
    lambda c: (c / "gazetteers" / "new.toml").write_text("# a new file\n"),
    lambda c: (c / "signals.toml").unlink(),
])
def test_any_config_change_is_a_new_key_and_a_rebuild(tmp_path: Path, config: Path, edit) -> None:
    before = matchcache.config_key(config)
    calls, build = counting("old")
    matchcache.load_or_build("m", before, tmp_path / "cache", build)
    edit(config)
    after = matchcache.config_key(config)
    assert after != before
    calls2, build2 = counting("new")
    assert matchcache.load_or_build("m", after, tmp_path / "cache", build2) == "new"
    assert len(calls2) == 1
    # the old entry stays (another folder or checkout may still use it)
    assert sorted(p.name for p in (tmp_path / "cache").iterdir()) == sorted(
        [f"m-{before[:32]}.pickle", f"m-{after[:32]}.pickle"])


def test_only_the_most_recently_used_entries_are_kept(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    keys = [f"{i:032d}" for i in range(matchcache.KEEP)]
    for age, key in enumerate(keys):
        matchcache.load_or_build("m", key, folder, lambda: "x")
        os.utime(folder / f"m-{key}.pickle", (1_000_000 + age, 1_000_000 + age))
    assert len(list(folder.iterdir())) == matchcache.KEEP
    # the oldest entry is read again: it becomes the most recently used
    assert matchcache.load_or_build("m", keys[0], folder, lambda: "rebuilt") == "x"
    matchcache.load_or_build("m", "f" * 32, folder, lambda: "y")
    kept = {p.name.removeprefix("m-").removesuffix(".pickle") for p in folder.iterdir()}
    assert kept == {keys[0], *keys[2:], "f" * 32}  # keys[1], now the oldest, is gone


def test_the_key_covers_a_signals_file_outside_the_folder(tmp_path: Path, config: Path) -> None:
    outside = tmp_path / "signals.toml"
    outside.write_text("# one\n")
    first = matchcache.config_key(config, outside)
    outside.write_text("# two\n")
    assert matchcache.config_key(config, outside) != first


@pytest.mark.parametrize("damage", [
    lambda data: data[: len(data) // 2],  # truncated
    lambda data: data[:-10] + b"0123456789",  # bytes changed at the end
    lambda data: b"not a cache at all",
    lambda data: b"",
])
def test_a_damaged_file_is_rebuilt_not_trusted(tmp_path: Path, config: Path, damage) -> None:
    key = matchcache.config_key(config)
    folder = tmp_path / "cache"
    matchcache.load_or_build("m", key, folder, lambda: ["good"])
    (path,) = folder.iterdir()
    path.write_bytes(damage(path.read_bytes()))
    calls, build = counting(["rebuilt"])
    assert matchcache.load_or_build("m", key, folder, build) == ["rebuilt"]
    assert calls == [1]
    assert matchcache.read(path) == ["rebuilt"]  # and written back whole


def test_a_cache_folder_inside_the_config_folder_is_refused(config: Path) -> None:
    assert matchcache.usable_dir(config / "cache", config) is None
    assert matchcache.usable_dir(config, config) is None
    assert matchcache.usable_dir(config.parent / "elsewhere", config) == config.parent / "elsewhere"


def test_a_crawl_never_writes_into_the_config_folder(tmp_path: Path, config: Path) -> None:
    before = sorted(p for p in config.rglob("*"))
    settings = Settings({"GOVWATCH_CONFIG_DIR": str(config),
                         "GOVWATCH_CACHE_DIR": str(config / "cache")})
    spec = chain.ChainSpec.from_settings(settings)
    assert spec.cache_dir == ""  # refused: built in memory only
    chain.check_config(spec)
    chain.stages_for(spec)
    assert sorted(p for p in config.rglob("*")) == before


def test_where_the_cache_lives(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("GOVWATCH_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert matchcache.cache_dir() == tmp_path / "xdg" / "govwatch"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/ignored")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert matchcache.cache_dir() == tmp_path / "home" / ".cache" / "govwatch"
    monkeypatch.setenv("GOVWATCH_CACHE_DIR", str(tmp_path / "env"))
    assert matchcache.cache_dir() == tmp_path / "env"
    assert matchcache.cache_dir(str(tmp_path / "setting")) == tmp_path / "setting"
    assert matchcache.cache_dir("off") is None
    monkeypatch.setenv("GOVWATCH_CACHE_DIR", "off")
    assert matchcache.cache_dir() is None


def analysed(spec: chain.ChainSpec) -> Article:
    page = (f"<html><head><title>{ARTICLE[0]}</title></head><body><article><h1>{ARTICLE[0]}"
            f"</h1><p>{ARTICLE[1]}</p></article></body></html>").encode()
    item = Article(url="https://www.info.gov.hk/gia/general/202601/01/x.htm", source_id="s",
                   fetched_at="2026-01-01T00:00:00Z", body=page,
                   content_type="text/html; charset=utf-8", source_jurisdiction="HK")
    outcome = chain.analyse(item, spec)
    assert outcome.item is not None
    return outcome.item


def test_stages_read_from_the_cache_give_what_freshly_built_ones_give(
        tmp_path: Path, config: Path) -> None:
    fresh = chain.ChainSpec(str(config), cache_dir="")
    cached = chain.ChainSpec(str(config), cache_dir=str(tmp_path / "cache"))
    chain.check_config(cached)  # builds and writes the cache
    assert list((tmp_path / "cache").iterdir())
    chain.stages_for.cache_clear()  # a new process: read back from the file
    from_file, built = analysed(cached), analysed(fresh)
    assert from_file == built
    assert from_file.agencies and from_file.relevant and from_file.amounts


def test_the_store_stage_reads_its_people_matcher_from_the_cache(
        tmp_path: Path, config: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The people matcher converts every Chinese name with OpenCC when it is built; a crawl
    process reads it from the cache instead, and finds the same people in both scripts."""
    from scrapy.utils.test import get_crawler

    from pipelines import crosslang
    from pipelines.store import StorePipeline

    def pipeline() -> StorePipeline:
        crawler = get_crawler(settings_dict={
            "GOVWATCH_DB": str(tmp_path / "p.db"), "GOVWATCH_CONFIG_DIR": str(config),
            "GOVWATCH_CACHE_DIR": str(tmp_path / "cache")})
        return StorePipeline.from_crawler(crawler)

    text = "行政長官李家超今日表示。行政长官李家超今日表示。"
    built = pipeline().people
    assert sorted(p.name for p in (tmp_path / "cache").iterdir() if p.name.startswith("people-"))
    monkeypatch.setattr(crosslang, "to_simplified", None)  # no OpenCC from here on
    monkeypatch.setattr(crosslang, "to_traditional", None)
    read = pipeline().people
    assert read is not built and read.find(text) == built.find(text) != set()
    assert read.find("行政長官陈国基") == built.find("行政長官陈国基") != set()
    # a changed people.toml is a new key: built again (and here fails without OpenCC)
    people = config / "gazetteers" / "people.toml"
    people.write_text(people.read_text() + "\n# edited\n")
    with pytest.raises(TypeError):
        _ = pipeline().people


def test_the_signal_rules_come_with_the_stages(tmp_path: Path, config: Path) -> None:
    """The signals stage's compiled rules are stored with the page stages and used as they
    are read back, not compiled again (issue #14)."""
    from pipelines import signal_rules

    cached = chain.ChainSpec(str(config), cache_dir=str(tmp_path / "cache"))
    chain.check_config(cached)
    chain.stages_for.cache_clear()
    signal_rules._COMPILED.clear()  # a new process
    stages = chain.stages_for(cached)
    assert signal_rules.compiled(stages.signals) is stages.signal_rules


def test_the_key_covers_the_shipped_signal_context_a_folder_uses(
        tmp_path: Path, config: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A folder without its own signal_context.toml uses the shipped one: a change there is a
    new key too."""
    from crawler.config import context

    shipped = tmp_path / "shipped"
    shipped.mkdir()
    (shipped / context.CONTEXT_FILE).write_bytes((config / context.CONTEXT_FILE).read_bytes())
    (config / context.CONTEXT_FILE).unlink()
    monkeypatch.setattr(context, "DEFAULT_CONFIG_DIR", shipped)
    spec = chain.ChainSpec(str(config), cache_dir="")
    first = spec.key()
    with open(shipped / context.CONTEXT_FILE, "a", encoding="utf-8") as fh:
        fh.write("\n# edited\n")
    assert spec.key() != first
