"""Shared fixtures: the loopback test site (tests/site.py) and the shipped gazetteer,
compiled once per test session."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

from crawler.config import DEFAULT_CONFIG_DIR, GAZETTEER_DIR, Gazetteer, load_gazetteer
from pipelines.tagging import Tagger
from tests.site import LoggedRequest, TestSite

# Fuzz tests (tests/test_fuzz.py) run the same examples on every machine by default, so CI
# cannot fail on a draw nobody can reproduce. To hunt for new failures, draw at random:
#   HYPOTHESIS_PROFILE=explore .venv/bin/python -m pytest tests/test_fuzz.py
settings.register_profile("default", derandomize=True, database=None)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture(scope="session", autouse=True)
def matcher_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The compiled-matcher cache (crawler/shared/matchcache.py) of every crawl the tests start:
    one folder for the session, never the user's ~/.cache."""
    folder = tmp_path_factory.mktemp("matcher-cache")
    old = os.environ.get("GOVWATCH_CACHE_DIR")
    os.environ["GOVWATCH_CACHE_DIR"] = str(folder)
    yield folder
    if old is None:
        os.environ.pop("GOVWATCH_CACHE_DIR", None)
    else:
        os.environ["GOVWATCH_CACHE_DIR"] = old


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    """The shipped config/gazetteers (tests must not edit it; copy it to change it)."""
    return load_gazetteer(DEFAULT_CONFIG_DIR / GAZETTEER_DIR)


@pytest.fixture(scope="session")
def tagger(gazetteer: Gazetteer) -> Tagger:
    return Tagger(gazetteer)


class SiteView:
    """What a test sees of the loopback site: its URLs, its request log, a sources helper.

    ``write_sources`` writes ``sources.toml`` into the test's ``tmp_path`` and returns it.
    """

    def __init__(self, server: TestSite, tmp_path: Path) -> None:
        self.server = server
        self.tmp_path = tmp_path

    def url(self, path: str) -> str:
        return self.server.url(path)

    @property
    def base(self) -> str:
        return self.server.base

    @property
    def offsite_base(self) -> str:
        return self.server.offsite_base

    @property
    def refused_base(self) -> str:
        return self.server.refused_base

    @property
    def requests(self) -> list[LoggedRequest]:
        return self.server.log_snapshot()

    def reset_log(self) -> None:
        self.server.reset_log()

    def hold(self, *routes: str) -> None:
        self.server.hold(*routes)

    def release(self) -> None:
        self.server.release()

    def write_sources(self, sources: str | list[dict[str, Any]],
                      name: str = "sources.toml") -> Path:
        return self.server.write_sources(self.tmp_path, sources, name)


@pytest.fixture(scope="session")
def site_server() -> Iterator[TestSite]:
    """The loopback site, one per test session (starting it takes milliseconds)."""
    with TestSite() as server:
        yield server


@pytest.fixture
def site(site_server: TestSite, tmp_path: Path) -> Iterator[SiteView]:
    """The loopback site with an empty request log, bound to this test's tmp_path."""
    site_server.reset_log()
    yield SiteView(site_server, tmp_path)
    site_server.release()
