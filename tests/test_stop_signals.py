"""Stopping a crawl with a signal (issue #15): SIGTERM or SIGINT to the crawl's whole
process group (what systemd and Ctrl-C do) stops it within its bound with a documented
exit code, the extraction workers shut down without a traceback, and nothing is lost: the
next run stores every article exactly once.

The crawl runs as a child process in its own session against tests/localsite.py; bounds
are generous, nothing here measures speed.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from tests.localsite import FAST, LocalSite
from tests.test_unattended import ROOT, alive, govwatch, query, wait_for, write_sources

WORKERS = ("-s", "GOVWATCH_EXTRACT_WORKERS=2", "-s", "GOVWATCH_EXTRACT_WORKERS_AFTER=0",
           "-s", "CONCURRENT_REQUESTS=2")


def _group_gone(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return True
    return False


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_signal_to_the_process_group_stops_the_crawl_cleanly(tmp_path: Path, signum: int,
                                                             code: int) -> None:
    with LocalSite(articles=24) as site:
        site.article_delay = 0.4
        db = tmp_path / "g.db"
        sources = write_sources(tmp_path, site)
        log = tmp_path / "crawl.log"
        with open(log, "wb") as out:
            proc = subprocess.Popen(govwatch("crawl", "--db", str(db), "--sources", str(sources),
                                             *FAST, *WORKERS),
                                    cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
                                    start_new_session=True)
        try:
            wait_for(lambda: (query(db, "SELECT COUNT(*) FROM articles") or [(0,)])[0][0] >= 3,
                     90, "three stored articles")
            os.killpg(proc.pid, signum)
            assert proc.wait(60) == code
        finally:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
        wait_for(lambda: _group_gone(proc.pid), 30, "the workers to exit")
        text = log.read_text(errors="replace")
        assert "Traceback" not in text and "EOFError" not in text, text
        assert query(db, "SELECT finish_reason, exit_code FROM runs") == [("shutdown", code)]
        assert query(db, "SELECT status FROM run_sources") == [("stopped",)]
        assert query(db, "SELECT consecutive_failures FROM sources") == [(0,)]
        stored = query(db, "SELECT COUNT(*) FROM articles")[0][0]
        assert stored < 24, "the crawl was not stopped"

        # Nothing lost: the next run finds every article the first one did not store.
        again = subprocess.run(govwatch("crawl", "-q", "--db", str(db), "--sources",
                                        str(sources), *FAST), cwd=ROOT, capture_output=True,
                               text=True, timeout=180)
        assert again.returncode == 0, again.stderr
        rows = query(db, "SELECT url FROM articles ORDER BY url")
        assert sorted(r[0] for r in rows) == sorted(site.article_url(n) for n in range(1, 25))
        assert query(db, "PRAGMA integrity_check") == [("ok",)]
        pids = [r[0] for r in query(db, "SELECT pid FROM runs")]
        assert not any(alive(pid) for pid in pids)


def test_stop_is_bounded_when_a_download_hangs(tmp_path: Path) -> None:
    """A download that would take minutes does not hold the stop: the crawl ends within
    GOVWATCH_STOP_TIMEOUT, and the page is fetched by a later run."""
    with LocalSite(articles=3) as site:
        site.article_delay = 120
        db = tmp_path / "g.db"
        sources = write_sources(tmp_path, site)
        with open(tmp_path / "crawl.log", "wb") as out:
            proc = subprocess.Popen(govwatch("crawl", "--db", str(db), "--sources", str(sources),
                                             *FAST, "-s", "DOWNLOAD_TIMEOUT=300",
                                             "-s", "GOVWATCH_STOP_TIMEOUT=2"),
                                    cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
                                    start_new_session=True)
        try:
            wait_for(lambda: len(site.hits) >= 2, 60, "article requests in flight")
            time.sleep(0.5)
            os.killpg(proc.pid, signal.SIGTERM)
            assert proc.wait(60) == 143
        finally:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
        assert query(db, "SELECT finish_reason, exit_code FROM runs") == [("shutdown", 143)]
        assert query(db, "SELECT status FROM run_sources") == [("stopped",)]
        assert "Traceback" not in (tmp_path / "crawl.log").read_text(errors="replace")
