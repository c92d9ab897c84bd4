"""Running unattended, for real: `govwatch schedule` and `govwatch crawl` as child processes
against a local site (tests/localsite.py), checked through the server's request log and the
database. Bounds are generous; nothing here measures speed.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from crawler.unattended import locks
from tests.localsite import FAST, LocalSite, sources_toml

ROOT = Path(__file__).resolve().parents[1]


def govwatch(*args: str) -> list[str]:
    return [sys.executable, "-m", "crawler.cli", *args]


def start(cmd: list[str], log: Path) -> subprocess.Popen[bytes]:
    with open(log, "wb") as out:  # the child keeps its own copy of the descriptor
        return subprocess.Popen(cmd, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)


def wait_for(condition: Callable[[], Any], timeout: float, what: str) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


def query(db: Path, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    if not db.exists():
        return []
    conn = sqlite3.connect(db, timeout=30)
    try:
        return conn.execute(sql, params).fetchall()
    except sqlite3.OperationalError:  # schema not created yet
        return []
    finally:
        conn.close()


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[-1].split()[0]
    except OSError:
        return False
    return state != "Z"


def assert_each_article_once(db: Path, site: LocalSite) -> None:
    rows = query(db, "SELECT url FROM articles ORDER BY url")
    assert sorted(r[0] for r in rows) == sorted(site.article_url(n)
                                                for n in range(1, site.articles + 1))
    assert query(db, "PRAGMA integrity_check") == [("ok",)]


@pytest.fixture
def site():
    with LocalSite(articles=5) as s:
        yield s


def write_sources(tmp_path: Path, site: LocalSite, ids=("local",), every="1s") -> Path:
    path = tmp_path / "sources.toml"
    path.write_text(sources_toml(site, ids, every))
    return path


def write_schedule_config(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "schedule.toml"
    path.write_text(text)
    return path


# --- govwatch schedule --------------------------------------------------------------------

def test_scheduler_runs_never_overlap_and_stop_cleanly_on_sigterm(tmp_path, site):
    site.feed_delay = 1.5  # each run outlasts the 1s interval: overlap would show
    db = tmp_path / "g.db"
    sources = write_sources(tmp_path, site)
    proc = start(govwatch("schedule", "--db", str(db), "--sources", str(sources), *FAST),
                 tmp_path / "schedule.log")
    try:
        wait_for(lambda: len(query(db, "SELECT id FROM runs WHERE finished_at IS NOT NULL")) >= 3,
                 60, "three finished runs")
        # Stop while a crawl is in flight: wait for a feed request still being answered.
        wait_for(lambda: any(h.end == 0 for h in site.feed_hits()), 20, "a running crawl")
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(30) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
    log = (tmp_path / "schedule.log").read_text()
    assert site.max_feeds_in_flight == 1
    hits = sorted(site.feed_hits(), key=lambda h: h.start)
    assert all(a.end <= b.start for a, b in zip(hits, hits[1:], strict=False))
    pids = [r[0] for r in query(db, "SELECT pid FROM runs")]
    assert len(pids) >= 4 and not any(alive(pid) for pid in pids), "a child crawl outlived it"
    runs = query(db, "SELECT started_at, finished_at FROM runs ORDER BY id")
    assert all(a[1] <= b[0] for a, b in zip(runs, runs[1:], strict=False))
    # One line per run: source, status, duration, new articles.
    assert "crawl:local: ok in " in log and ", 5 new (run 1)" in log
    assert "crawl:local: stopped in" in log
    assert "Traceback" not in log
    assert_each_article_once(db, site)
    assert query(db, "SELECT consecutive_failures FROM sources") == [(0,)]  # a stop is no failure


def test_hung_crawl_is_killed_and_recorded_as_failed(tmp_path, site):
    site.feed_delay = 60
    db = tmp_path / "g.db"
    sources = write_sources(tmp_path, site, every="1h")
    config = write_schedule_config(tmp_path, '[scheduler]\nstop_timeout = "1s"\n')
    proc = start(govwatch("schedule", "--db", str(db), "--sources", str(sources),
                          "--schedule-config", str(config), "--crawl-timeout", "3s", *FAST,
                          "-s", "DOWNLOAD_TIMEOUT=120"), tmp_path / "schedule.log")
    try:
        wait_for(lambda: query(db, "SELECT last_status FROM schedule_jobs WHERE last_status "
                                   "IS NOT NULL"), 60, "the timed-out run to be recorded")
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(30) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
    assert query(db, "SELECT last_status FROM schedule_jobs") == [("timeout",)]
    assert query(db, "SELECT status FROM run_sources") == [("failed",)]
    assert query(db, "SELECT finish_reason FROM runs") == [("killed",)]
    [(error,)] = query(db, "SELECT error FROM fetch_errors")
    assert "crawl killed after 3s" in error
    assert query(db, "SELECT consecutive_failures, last_status FROM sources") == [(1, "error")]
    assert "crawl:local: timeout in" in (tmp_path / "schedule.log").read_text()
    pids = [r[0] for r in query(db, "SELECT pid FROM runs")]
    assert pids and not any(alive(pid) for pid in pids)


def test_scheduler_skips_paused_sources_and_runs_once_per_database(tmp_path, site):
    db = tmp_path / "g.db"
    sources = write_sources(tmp_path, site, ids=("on", "off"))
    # A crawl of both, then pause "off" as the scheduler would after repeated failures.
    assert subprocess.run(govwatch("crawl", "-q", "--db", str(db), "--sources", str(sources),
                                   *FAST), cwd=ROOT).returncode == 0
    conn = sqlite3.connect(db)
    conn.execute("UPDATE sources SET paused_at = '2026-01-01T00:00:00Z' WHERE id = 'off'")
    conn.commit()
    conn.close()
    proc = start(govwatch("schedule", "-v", "--db", str(db), "--sources", str(sources), *FAST),
                 tmp_path / "schedule.log")
    try:
        wait_for(lambda: query(db, "SELECT runs FROM schedule_jobs WHERE id = 'crawl:on' AND "
                                   "runs >= 2 AND last_finished_at IS NOT NULL"), 60,
                 "two scheduled runs of the active source")
        second = subprocess.run(govwatch("schedule", "--db", str(db), "--sources", str(sources)),
                                cwd=ROOT, capture_output=True, text=True, timeout=60)
        assert second.returncode == 4
        assert "another govwatch schedule is running on this database (pid " in second.stderr
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(30) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
    assert query(db, "SELECT id FROM schedule_jobs") == [("crawl:on",)]


# --- cron-safe crawls and crash safety ----------------------------------------------------

def test_sigkill_mid_crawl_leaves_a_sound_database_and_the_next_run_completes(tmp_path):
    with LocalSite(articles=8) as site:
        site.article_delay = 1.0
        db = tmp_path / "g.db"
        sources = write_sources(tmp_path, site)
        proc = start(govwatch("crawl", "--db", str(db), "--sources", str(sources), *FAST,
                              "-s", "CONCURRENT_REQUESTS=1"), tmp_path / "crawl.log")
        try:
            wait_for(lambda: query(db, "SELECT COUNT(*) FROM articles")[0][0] >= 2
                     if query(db, "SELECT COUNT(*) FROM articles") else False, 60,
                     "some stored articles")
            proc.send_signal(signal.SIGKILL)
            proc.wait(10)
        finally:
            if proc.poll() is None:
                proc.kill()
        stored = query(db, "SELECT COUNT(*) FROM articles")[0][0]
        assert 2 <= stored < 8, "the kill came too late to test anything"
        assert query(db, "PRAGMA integrity_check") == [("ok",)]
        # The lock died with the process: the next crawl runs and stores the rest once.
        assert not locks.is_locked(db, "local")
        site.article_delay = 0
        done = subprocess.run(govwatch("crawl", "--db", str(db), "--sources", str(sources),
                                       *FAST), cwd=ROOT, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        assert_each_article_once(db, site)
        assert query(db, "SELECT finish_reason FROM runs ORDER BY id") == [
            ("interrupted",), ("finished",)]


def test_a_second_crawl_of_the_same_source_is_refused_with_exit_code_4(tmp_path, site):
    site.article_delay = 3.0
    db = tmp_path / "g.db"
    sources = write_sources(tmp_path, site)
    first = start(govwatch("crawl", "--db", str(db), "--sources", str(sources), *FAST),
                  tmp_path / "first.log")
    try:
        wait_for(lambda: site.feed_hits(), 30, "the first crawl to start")
        assert locks.is_locked(db, "local")
        second = subprocess.run(govwatch("crawl", "--db", str(db), "--sources", str(sources),
                                         *FAST), cwd=ROOT, capture_output=True, text=True)
        assert first.wait(60) == 0
    finally:
        if first.poll() is None:
            first.kill()
    assert second.returncode == 4
    assert "source local is being crawled by another process (pid " in second.stderr
    assert "Traceback" not in second.stderr
    assert_each_article_once(db, site)


def test_concurrent_crawls_into_one_database_store_every_article_once(tmp_path, site):
    # Two sources that list the same articles, crawled by two processes at the same time:
    # only the store's transactions keep them from storing an article twice.
    site.article_delay = 0.2
    db = tmp_path / "g.db"
    sources = write_sources(tmp_path, site, ids=("one", "two"))
    procs = [start(govwatch("crawl", "--source", sid, "--db", str(db), "--sources",
                            str(sources), *FAST), tmp_path / f"{sid}.log")
             for sid in ("one", "two")]
    try:
        codes = [p.wait(90) for p in procs]
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
    assert codes == [0, 0], [(tmp_path / f"{s}.log").read_text() for s in ("one", "two")]
    assert_each_article_once(db, site)
    assert query(db, "SELECT COUNT(*) FROM article_urls") == [(5,)]
    new = query(db, "SELECT SUM(new) FROM run_sources")[0][0]
    assert new == 5


def test_locks_are_per_source_and_report_the_holder(tmp_path):
    db = tmp_path / "g.db"
    first = locks.acquire(db, ["a", "b"])
    second = locks.acquire(db, ["b", "c"])
    assert first.held == ["a", "b"] and second.held == ["c"]
    assert second.busy == {"b": os.getpid()}
    assert locks.is_locked(db, "a") and not locks.is_locked(db, "zzz")
    assert locks.lock_dir(db) == tmp_path / "g.db.locks"
    first.release()
    second.release()
    third = locks.acquire(db, ["a", "b", "c"])
    assert third.held == ["a", "b", "c"]
    third.release()


# --- govwatch status / resume -------------------------------------------------------------

def test_status_table_json_and_exit_codes(tmp_path, site):
    import json

    db = tmp_path / "g.db"
    sources = write_sources(tmp_path, site, ids=("good", "bad"))
    args = ("--db", str(db), "--sources", str(sources))
    missing = subprocess.run(govwatch("status", *args), cwd=ROOT, capture_output=True, text=True)
    assert missing.returncode == 3 and "no such database" in missing.stderr
    assert subprocess.run(govwatch("crawl", "-q", *args, *FAST), cwd=ROOT).returncode == 0
    ok = subprocess.run(govwatch("status", *args), cwd=ROOT, capture_output=True, text=True)
    assert ok.returncode == 0, ok.stdout
    assert "2/2 sources healthy" in ok.stdout and "new/day 28d" in ok.stdout
    # "bad" now fails three times in a row: unhealthy.
    site.feed_status = 500
    for _ in range(3):
        run = subprocess.run(govwatch("crawl", "-q", "--source", "bad", *args, *FAST), cwd=ROOT)
        assert run.returncode == 1
    report = subprocess.run(govwatch("status", "--json", *args), cwd=ROOT, capture_output=True,
                            text=True)
    assert report.returncode == 1
    data = json.loads(report.stdout)
    assert data["healthy"] is False and data["version"] == 1
    bad = next(s for s in data["sources"] if s["source_id"] == "bad")
    assert bad["status"] == "failing" and bad["consecutive_failures"] == 3
    assert bad["healthy"] is False and "HTTP 500" in bad["last_error"]
    good = next(s for s in data["sources"] if s["source_id"] == "good")
    assert good["healthy"] and good["etag_supported"] is False
    # Both sources list the same feed, crawled at once: each article is stored once, by
    # whichever source reached it first.
    assert good["articles"] + bad["articles"] == 5
    # Pause after the configured number of failures; crawl without --source skips it.
    config = write_schedule_config(tmp_path, "[health]\nbackoff_after = 2\npause_after = 4\n")
    run = subprocess.run(govwatch("crawl", "-q", "--source", "bad", "--schedule-config",
                                  str(config), *args, *FAST), cwd=ROOT, capture_output=True,
                         text=True)
    assert "source bad paused after 4 failed crawls" in run.stderr
    text = subprocess.run(govwatch("status", *args), cwd=ROOT, capture_output=True, text=True)
    assert text.returncode == 1 and "bad: paused since" in text.stdout
    assert "resume with: govwatch resume bad" in text.stdout
    site.feed_status = 200
    skipped = subprocess.run(govwatch("crawl", *args, *FAST), cwd=ROOT, capture_output=True,
                             text=True)
    assert skipped.returncode == 0 and "source bad is paused, skipped" in skipped.stderr
    resumed = subprocess.run(govwatch("resume", "bad", *args), cwd=ROOT, capture_output=True,
                             text=True)
    assert resumed.returncode == 0 and "resumed bad" in resumed.stdout
    assert subprocess.run(govwatch("status", *args), cwd=ROOT, capture_output=True).returncode == 0
    unknown = subprocess.run(govwatch("resume", "nope", *args), cwd=ROOT, capture_output=True,
                             text=True)
    assert unknown.returncode == 2 and "unknown source id 'nope'" in unknown.stderr
