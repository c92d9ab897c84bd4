"""Crawl runs and scheduled jobs: starts, finishes, per-source results, fetch errors."""

from __future__ import annotations

import os
from typing import Any

import sqlite_utils

from crawler.db.connection import encode_json, transaction, utcnow
from crawler.db.sources import record_source_result


def start_run(db: sqlite_utils.Database, source_ids: list[str], pid: int) -> int:
    """Open a run; runs left open by a killed process are closed as 'interrupted'.

    Runs of processes still alive are left alone: with per-source locks, several crawls
    (the scheduler's children, a cron crawl) may be running at once.
    """
    with transaction(db):
        open_runs = db.execute(
            "SELECT id, pid FROM runs WHERE finished_at IS NULL AND finish_reason IS NULL"
        ).fetchall()
        for open_id, open_pid in open_runs:
            if not _pid_alive(open_pid):
                db.execute("UPDATE runs SET finish_reason='interrupted' WHERE id = ?", (open_id,))
        cursor = db.execute(
            "INSERT INTO runs (started_at, sources, pid) VALUES (?, ?, ?)",
            (utcnow(), encode_json(source_ids), pid),
        )
    return int(cursor.lastrowid or 0)


def _pid_alive(pid: int | None) -> bool:
    if not pid:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a zombie (exited, not yet reaped) is not running
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as fh:
            return fh.read().rsplit(")", 1)[-1].split()[0] != "Z"
    except OSError:
        return True


def finish_run(db: sqlite_utils.Database, run_id: int, reason: str, exit_code: int) -> None:
    db.execute("UPDATE runs SET finished_at=?, finish_reason=?, exit_code=? WHERE id=?",
               (utcnow(), reason, exit_code, run_id))


def record_run_source(db: sqlite_utils.Database, run_id: int, source_id: str,
                      counts: dict[str, Any]) -> None:
    columns = ["run_id", "source_id", *counts]
    marks = ", ".join("?" for _ in columns)
    db.execute(
        f"INSERT OR REPLACE INTO run_sources ({', '.join(columns)}) VALUES ({marks})",
        [run_id, source_id, *counts.values()],
    )


def record_fetch_error(db: sqlite_utils.Database, run_id: int | None, source_id: str, url: str,
                       error: str, http_status: int | None = None) -> None:
    db.execute(
        "INSERT INTO fetch_errors (run_id, source_id, url, error, http_status, at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (run_id, source_id, url, error, http_status, utcnow()),
    )


def run_summary(db: sqlite_utils.Database, run_id: int) -> list[dict[str, Any]]:
    return list(db.query("SELECT * FROM run_sources WHERE run_id = ? ORDER BY source_id",
                         [run_id]))


def job_state(db: sqlite_utils.Database, job_id: str) -> dict[str, Any] | None:
    """The scheduler's stored state for ``job_id`` ('crawl:ID' or 'digest'), or None."""
    rows = list(db.query("SELECT * FROM schedule_jobs WHERE id = ?", [job_id]))
    return rows[0] if rows else None


def job_started(db: sqlite_utils.Database, job_id: str, at: str) -> None:
    db.execute(
        """INSERT INTO schedule_jobs (id, last_started_at, runs) VALUES (?, ?, 1)
           ON CONFLICT(id) DO UPDATE SET last_started_at=excluded.last_started_at,
             runs=schedule_jobs.runs+1""",
        (job_id, at),
    )


def job_finished(db: sqlite_utils.Database, job_id: str, status: str, duration_s: float,
                 exit_code: int | None, run_id: int | None) -> None:
    db.execute(
        """UPDATE schedule_jobs SET last_finished_at=?, last_status=?, last_duration_s=?,
             last_exit_code=?, last_run_id=? WHERE id=?""",
        (utcnow(), status, round(duration_s, 3), exit_code, run_id, job_id),
    )


def run_of_pid(db: sqlite_utils.Database, pid: int, since: str) -> int | None:
    """The id of the run a process ``pid`` started at or after ``since``, or None."""
    row = db.execute("SELECT id FROM runs WHERE pid = ? AND started_at >= ? ORDER BY id DESC "
                     "LIMIT 1", (pid, since)).fetchone()
    return int(row[0]) if row else None


def record_killed_crawl(db: sqlite_utils.Database, source_id: str, url: str, pid: int,
                        since: str, error: str) -> int | None:
    """Record a crawl the scheduler had to kill (it hung) as a failure of ``source_id``.

    Closes the child's run (if it got as far as opening one), adds a failed ``run_sources``
    row unless the child wrote one, a ``fetch_errors`` row and the source's failure count.
    Returns the run id or None.
    """
    with transaction(db):
        run_id = run_of_pid(db, pid, since)
        if run_id is not None:
            db.execute("UPDATE runs SET finished_at=?, finish_reason='killed', exit_code=-9 "
                       "WHERE id=? AND finished_at IS NULL", (utcnow(), run_id))
            db.execute("INSERT OR IGNORE INTO run_sources (run_id, source_id, status, "
                       "finish_reason) VALUES (?, ?, 'failed', ?)", (run_id, source_id, error))
        record_fetch_error(db, run_id, source_id, url, error)
        record_source_result(db, source_id, ok=False, status="failed", error=error)
    return run_id
