"""crawler.runtime.prestart: a crawl known to have pages starts its workers' forkserver
before Scrapy loads (issue #14)."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from crawler import db as dbm
from crawler.db import frontier
from crawler.runtime.prestart import PlainSettings, pages_expected, prestart_workers
from crawler.runtime.run import build_settings
from crawler.shared import workers
from pipelines.chain import ChainSpec
from pipelines.extract import extract_in_worker

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def no_pool_left():
    yield
    workers.configure(0)


def _source(sid: str) -> SimpleNamespace:
    return SimpleNamespace(id=sid, name=sid, kind="feed", language="en", jurisdiction="")


def _db(tmp_path: Path, *ids: str) -> Any:
    db = dbm.open_db(tmp_path / "g.db")
    dbm.sync_sources(db, [_source(i) for i in ids])
    return db


def test_a_source_never_fetched_is_expected_to_have_pages(tmp_path: Path) -> None:
    db = _db(tmp_path, "a", "b")
    assert pages_expected(db, ["a", "b"])
    dbm.record_source_result(db, "a", True, "ok")
    assert pages_expected(db, ["a", "b"])  # b is still new
    dbm.record_source_result(db, "b", False, "error", "refused")
    assert not pages_expected(db, ["a", "b"])  # both fetched before, nothing due
    assert not pages_expected(db, [])


def test_a_due_frontier_entry_means_pages(tmp_path: Path) -> None:
    db = _db(tmp_path, "a")
    dbm.record_source_result(db, "a", True, "ok")
    assert not pages_expected(db, ["a"])
    frontier.add_entries(db, "a", "http://127.0.0.1/feed.xml",
                         [{"url": "http://127.0.0.1/a.html"}], "2026-01-01T00:00:00Z")
    assert pages_expected(db, ["a"], now="2026-01-02T00:00:00Z")
    frontier.settle(db, "http://127.0.0.1/a.html", "stored", "2026-01-02T00:00:00Z")
    assert not pages_expected(db, ["a"], now="2026-01-02T00:00:00Z")


@pytest.mark.parametrize("overrides", [
    {}, {"GOVWATCH_TOPIC": "other", "GOVWATCH_MIN_TEXT_CHARS": "99",
         "GOVWATCH_CACHE_DIR": "/tmp/govwatch-test-cache", "GOVWATCH_EXTRACT_WORKERS": "3"},
])
def test_plain_settings_say_what_scrapy_s_settings_say(tmp_path: Path,
                                                       overrides: dict[str, str]) -> None:
    config = ROOT / "config"
    scrapy_settings = build_settings(tmp_path / "g.db", config, overrides)
    plain = PlainSettings(overrides, config)
    assert ChainSpec.from_settings(plain) == ChainSpec.from_settings(scrapy_settings)
    for name in ("GOVWATCH_EXTRACT_WORKERS", "GOVWATCH_EXTRACT_WORKERS_AFTER"):
        assert str(plain.get(name)) == str(scrapy_settings.get(name))


def test_nothing_starts_without_pages_or_without_workers(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from multiprocessing import forkserver

    started: list[Any] = []
    monkeypatch.setattr(forkserver, "ensure_running", lambda: started.append(True))
    monkeypatch.setattr(workers, "_start", lambda spec: started.append(spec))
    db = _db(tmp_path, "a")
    plain = PlainSettings({}, ROOT / "config")
    workers.configure(0)
    assert not prestart_workers(db, ["a"], plain)
    workers.configure(2, start_after=5)  # workers only after some pages: not early
    assert not prestart_workers(db, ["a"], plain)
    workers.configure(2)
    dbm.record_source_result(db, "a", True, "ok")
    assert not prestart_workers(db, ["a"], plain)  # nothing due
    assert started == []


def test_prestart_starts_the_forkserver_and_forks_no_worker(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from multiprocessing import forkserver

    running: list[str] = []
    monkeypatch.delenv(workers.WARMUP_ENV, raising=False)
    monkeypatch.setattr(forkserver, "ensure_running", lambda: running.append(
        os.environ.get(workers.WARMUP_ENV, "")))
    workers.configure(2)
    assert prestart_workers(_db(tmp_path, "a"), ["a"], PlainSettings({}, ROOT / "config"))
    assert len(running) == 1
    # the forkserver loads the stages the crawl's chain pipeline will ask for
    spec = ChainSpec(**json.loads(running[0]))
    assert spec == ChainSpec.from_settings(PlainSettings({}, ROOT / "config"))
    assert workers._pool is None and workers._starting is None  # no worker forked yet


def test_a_pool_started_after_a_prestart_extracts(tmp_path: Path) -> None:
    workers.configure(1)
    assert workers.prestart(None)
    page = (ROOT / "tests" / "fixtures" / "extract" / "en_utf8.html").read_bytes()
    found = asyncio.run(extract_in_worker(page, "https://example.org/en_utf8.html",
                                          "text/html", "", 40))
    assert not isinstance(found, str) and "Water Supplies" in found.title
    assert workers._pool is not None


def test_importing_the_crawl_runner_does_not_load_scrapy() -> None:
    """The workers start before Scrapy loads only if importing the runner does not
    load it (crawler.cli.crawl imports the runner first)."""
    code = ("import sys; import crawler.runtime.run, crawler.runtime.prestart; "
            "print(sorted(m for m in sys.modules if m == 'scrapy' or m.startswith('scrapy.')))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                         text=True, check=True).stdout
    assert out.strip() == "[]"


@pytest.mark.parametrize(("setting", "value"), [("GOVWATCH_EXTRACT_WORKERS", "many"),
                                                ("GOVWATCH_EXTRACT_WORKERS_AFTER", "soon")])
def test_a_bad_worker_setting_is_one_line_and_nothing_is_crawled(
        tmp_path: Path, setting: str, value: str) -> None:
    sources = tmp_path / "sources.toml"
    sources.write_text('[[source]]\nid = "s"\nkind = "feed"\nurl = "http://127.0.0.1:9/f.xml"\n'
                       'language = "en"\n', encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "crawler.cli", "crawl", "--db",
                           str(tmp_path / "g.db"), "--sources", str(sources), "-s",
                           f"{setting}={value}"], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and setting in lines[0] and value in lines[0], lines
    assert not (tmp_path / "g.db").exists()  # checked before the database is opened
