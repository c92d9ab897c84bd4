"""The long-running scheduler, the only module that runs APScheduler (schedule strings are
parsed by crawler.shared.cadence).

``govwatch schedule`` runs :class:`Scheduler`: one APScheduler job per enabled source (and
one for the digest), each run a child process (Twisted's reactor cannot restart in one
process), never two runs of one job at once (``max_instances=1``, ``coalesce``). The last
start of each job is kept in the ``schedule_jobs`` table, so a run missed while the
scheduler was down happens once at start. A hung child is killed after ``crawl_timeout``
and recorded as a failure; SIGTERM/SIGINT stop children within ``stop_timeout``.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers.background import BackgroundScheduler

from crawler import db as dbm
from crawler.config import ScheduleConfig, Source, SourcesConfig
from crawler.shared.cadence import first_run, interval_seconds, parse_schedule
from crawler.shared.dates import format_utc, parse_utc
from crawler.shared.exits import EXIT_LOCKED
from crawler.unattended import health

# --------------------------------------------------------------------------------------
# The long-running scheduler
# --------------------------------------------------------------------------------------

DAY = 86400.0
logger = logging.getLogger("govwatch.schedule")


@dataclass(frozen=True)
class Job:
    """One scheduled child process: a source's crawl or the digest."""

    id: str  # "crawl:SOURCE_ID" or "digest"
    schedule: str
    command: list[str]
    timeout_s: float
    source: Source | None = None


def crawl_command(source_id: str, db_path: Path, config_dir: Path, sources_path: Path,
                  schedule_path: Path | None, overrides: list[str], verbosity: int) -> list[str]:
    """The child-process command line that crawls one source."""
    cmd = [sys.executable, "-m", "crawler", "crawl", "--source", source_id,
           "--db", str(db_path.resolve()), "--config", str(config_dir.resolve()),
           "--sources", str(sources_path.resolve())]
    if schedule_path is not None:
        cmd += ["--schedule-config", str(schedule_path.resolve())]
    cmd += ["-v"] * verbosity if verbosity > 0 else (["-q"] if verbosity < 0 else [])
    for setting in overrides:
        cmd += ["-s", setting]
    return cmd


def digest_command(db_path: Path, config_dir: Path, args: tuple[str, ...]) -> list[str]:
    return [sys.executable, "-m", "crawler", "digest", "--db", str(db_path.resolve()),
            "--config", str(config_dir.resolve()), *args]


def build_jobs(sources: SourcesConfig, settings: ScheduleConfig, db_path: Path, config_dir: Path,
               schedule_path: Path | None, overrides: list[str], verbosity: int,
               with_digest: bool) -> list[Job]:
    jobs = [
        Job(id=f"crawl:{s.id}", schedule=s.schedule or sources.default_schedule,
            command=crawl_command(s.id, db_path, config_dir, sources.path, schedule_path,
                                  overrides, verbosity),
            timeout_s=settings.crawl_timeout_s, source=s)
        for s in sources.enabled()
    ]
    if with_digest and settings.digest.enabled:
        jobs.append(Job(id="digest", schedule=settings.digest.schedule,
                        command=digest_command(db_path, config_dir, settings.digest.args),
                        timeout_s=settings.digest.timeout_s))
    return jobs


def _child_env() -> dict[str, str]:
    """The environment for children: our package importable whatever the working directory."""
    env = dict(os.environ)
    root = str(Path(__file__).resolve().parents[2])
    env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH", "")) if p)
    return env


class Scheduler:
    """Runs each job on its schedule as a child process, never two runs of one job at once."""

    def __init__(self, jobs: list[Job], db_path: Path, settings: ScheduleConfig) -> None:
        self.jobs = jobs
        self.db_path = db_path
        self.settings = settings
        self.stopping = threading.Event()
        self._children: dict[str, subprocess.Popen[bytes]] = {}
        self._lock = threading.Lock()
        self.scheduler = BackgroundScheduler(
            timezone="UTC", executors={"default": ThreadPoolExecutor(settings.max_parallel)})

    # --- setup ------------------------------------------------------------------------
    def start(self) -> None:
        self.plan(datetime.now(UTC))
        self.scheduler.start()

    def plan(self, now: datetime) -> None:
        """Add every job, the first run of each from its stored last run (catch-up)."""
        db = dbm.open_db(self.db_path)
        try:
            states = {row["id"]: row for row in dbm.source_states(db)}
            for job in self.jobs:
                state = dbm.job_state(db, job.id) or {}
                candidates = [parse_utc(state.get("last_started_at"))]
                if job.source is not None:  # a cron or manual crawl counts too
                    candidates.append(parse_utc(states.get(job.source.id, {}).get(
                        "last_fetched_at")))
                known = [c for c in candidates if c is not None]
                when = first_run(job.schedule, max(known) if known else None, now,
                                 run_if_never=job.source is not None)
                options: dict[str, Any] = {}
                if when is not None:
                    options["next_run_time"] = when
                self.scheduler.add_job(self.run_job, trigger=parse_schedule(job.schedule),
                                       args=[job], id=job.id, name=job.id, max_instances=1,
                                       coalesce=True, misfire_grace_time=None, **options)
                logger.info("%s: schedule %s, first run %s", job.id, job.schedule,
                            format_utc(when) if when else "at its next scheduled time")
        finally:
            db.conn.close()

    def serve(self) -> int:
        """Run until SIGTERM or SIGINT; returns the exit code (0 after a clean stop)."""
        def on_signal(signum: int, frame: Any) -> None:
            logger.info("received %s: stopping", signal.Signals(signum).name)
            self.stopping.set()

        signal.signal(signal.SIGTERM, on_signal)
        signal.signal(signal.SIGINT, on_signal)
        self.start()
        while not self.stopping.wait(0.5):
            pass
        self.stop()
        return 0

    def stop(self) -> None:
        """Stop scheduling; ask running children to stop, kill them after ``stop_timeout_s``."""
        self.stopping.set()
        self.scheduler.pause()  # no new runs; running ones end when their child does
        with self._lock:
            children = list(self._children.values())
        for proc in children:
            _signal(proc, signal.SIGTERM)
        deadline = time.monotonic() + self.settings.stop_timeout_s
        for proc in children:
            try:
                proc.wait(max(0.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                logger.warning("pid %d did not stop within %gs: killed", proc.pid,
                               self.settings.stop_timeout_s)
                _signal(proc, signal.SIGKILL)
                proc.wait()
        # Job threads return once their child is gone; wait for them to log and record.
        self.scheduler.shutdown(wait=True)

    # --- one run ----------------------------------------------------------------------
    def run_job(self, job: Job) -> None:
        if self.stopping.is_set():
            return
        now = datetime.now(UTC)
        db = dbm.open_db(self.db_path, check=False)  # each crawl checks it
        try:
            if job.source is not None and not self._may_crawl(db, job, now):
                return
            dbm.job_started(db, job.id, format_utc(now))
            started, since = time.monotonic(), format_utc(now)
            status, exit_code, run_id, new = self._run_child(db, job, since)
            duration = time.monotonic() - started
            dbm.job_finished(db, job.id, status, duration, exit_code, run_id)
            extra = f", {new} new" if job.source is not None else ""
            run = f" (run {run_id})" if run_id else ""
            logger.info("%s: %s in %.1fs%s%s", job.id, status, duration, extra, run)
            if job.source is not None:
                problem = health.failing_problem(
                    job.source.id, dbm.frontier.failing(
                        db, health.recent_since(self.settings.health, now)).get(job.source.id),
                    self.settings.health)
                if problem:
                    logger.warning("%s: %s", job.id, problem)
                for sid in health.apply_pauses(db, [job.source.id], self.settings.health):
                    logger.warning("%s: paused after %d failed crawls in a row; resume with: "
                                   "govwatch resume %s", sid, self.settings.health.pause_after,
                                   sid)
        except Exception:  # a job must never take the scheduler down
            logger.exception("%s: scheduler error", job.id)
        finally:
            db.conn.close()

    def _may_crawl(self, db: Any, job: Job, now: datetime) -> bool:
        assert job.source is not None
        state = next((r for r in dbm.source_states(db) if r["id"] == job.source.id), {})
        if state.get("paused_at"):
            logger.debug("%s: paused, not crawled", job.id)
            return False
        failures = int(state.get("consecutive_failures") or 0)
        base = interval_seconds(job.schedule, now)
        if not health.due(parse_utc(state.get("last_fetched_at")), base, failures,
                          self.settings.health, now):
            logger.debug("%s: backing off after %d failures", job.id, failures)
            return False
        return True

    def _run_child(self, db: Any, job: Job, since: str) -> tuple[str, int | None, int | None, int]:
        """Run the job's command; returns (status, exit code, run id, new articles)."""
        with self._lock:
            if self.stopping.is_set():
                return "stopped", None, None, 0
            proc = subprocess.Popen(job.command, stdin=subprocess.DEVNULL, env=_child_env(),
                                    start_new_session=True)
            self._children[job.id] = proc
        try:
            try:
                code: int | None = proc.wait(job.timeout_s)
                timed_out = False
            except subprocess.TimeoutExpired:
                timed_out = True
                _signal(proc, signal.SIGTERM)
                try:
                    proc.wait(self.settings.stop_timeout_s)
                except subprocess.TimeoutExpired:
                    _signal(proc, signal.SIGKILL)
                    proc.wait()
                code = proc.returncode
        finally:
            with self._lock:
                self._children.pop(job.id, None)
        if job.source is None:
            status = "timeout" if timed_out else ("ok" if code == 0 else "failed")
            return status, code, None, 0
        run_id = dbm.run_of_pid(db, proc.pid, since)
        if timed_out:
            error = f"crawl killed after {self.settings.crawl_timeout_s:g}s (crawl_timeout)"
            run_id = dbm.record_killed_crawl(db, job.source.id, job.source.urls[0], proc.pid,
                                             since, error)
            return "timeout", code, run_id, _new(db, run_id, job.source.id)
        if code == EXIT_LOCKED:
            return "locked", code, None, 0
        if self.stopping.is_set() and code != 0:
            return "stopped", code, run_id, _new(db, run_id, job.source.id)
        rows = dbm.run_summary(db, run_id) if run_id else []
        row = next((r for r in rows if r["source_id"] == job.source.id), None)
        if row is not None:
            return str(row["status"]), code, run_id, int(row["new"])
        return ("failed" if code else "ok"), code, run_id, 0


def _new(db: Any, run_id: int | None, source_id: str) -> int:
    if run_id is None:
        return 0
    rows = [r for r in dbm.run_summary(db, run_id) if r["source_id"] == source_id]
    return int(rows[0]["new"]) if rows else 0


def _signal(proc: subprocess.Popen[bytes], signum: int) -> None:
    """Signal the child's process group (it has its own session); ignore if already gone."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signum)
