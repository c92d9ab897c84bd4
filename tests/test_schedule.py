"""crawler.unattended.scheduler without child processes: schedules, catch-up after downtime, config."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from crawler import db as dbm
from crawler.config import (
    ConfigError,
    HealthSettings,
    ScheduleConfig,
    Source,
    SourcesConfig,
    load_schedule_config,
)
from crawler.shared import cadence
from crawler.unattended import scheduler as schedule

NOW = datetime(2026, 6, 30, 12, 0, 30, tzinfo=UTC)
ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("text, seconds", [("90s", 90), ("30m", 1800), ("6h", 21600),
                                           ("*/15 * * * *", 900), ("0 7 * * *", 86400)])
def test_interval_seconds(text, seconds):
    assert cadence.interval_seconds(text, NOW) == seconds


def test_next_due_for_intervals_and_cron():
    last = datetime(2026, 6, 30, 6, 59, 0, tzinfo=UTC)
    assert cadence.next_due("30m", last) == last + timedelta(minutes=30)
    assert cadence.next_due("0 7 * * *", last) == datetime(2026, 6, 30, 7, 0, tzinfo=UTC)
    at_seven = datetime(2026, 6, 30, 7, 0, tzinfo=UTC)
    assert cadence.next_due("0 7 * * *", at_seven) == datetime(2026, 7, 1, 7, 0, tzinfo=UTC)


def test_first_run_catches_up_a_missed_run_once():
    assert cadence.first_run("1h", NOW - timedelta(hours=5), NOW, True) == NOW  # missed
    assert cadence.first_run("1h", NOW - timedelta(minutes=20), NOW, True) == (
        NOW + timedelta(minutes=40))  # not yet due: keeps its cadence
    assert cadence.first_run("1h", None, NOW, True) == NOW  # never crawled: now
    assert cadence.first_run("0 7 * * *", None, NOW, False) is None  # digest: at 07:00
    yesterday_7 = datetime(2026, 6, 29, 7, 0, 5, tzinfo=UTC)
    assert cadence.first_run("0 7 * * *", yesterday_7, NOW, False) == NOW  # today's missed


def _source(sid: str, sched: str = "") -> Source:
    return Source(id=sid, name=sid, kind="feed", urls=(f"http://127.0.0.1:9/{sid}.xml",),
                  language="en", schedule=sched)


def test_plan_uses_stored_job_state_and_source_fetch_times(tmp_path):
    db_path = tmp_path / "g.db"
    sources = SourcesConfig(path=tmp_path / "s.toml", default_schedule="1h", sources=(
        _source("missed"), _source("recent", "30m"), _source("cron-only"), _source("fresh"),
        Source(**{**_source("off").__dict__, "enabled": False})))
    db = dbm.open_db(db_path)
    dbm.sync_sources(db, sources.sources)
    dbm.job_started(db, "crawl:missed", "2026-06-30T09:00:00Z")
    dbm.job_started(db, "crawl:recent", "2026-06-30T11:50:30Z")
    # A crawl started by cron counts as a run too.
    db.execute("UPDATE sources SET last_fetched_at='2026-06-30T11:30:30Z' WHERE id='cron-only'")
    db.conn.close()
    cfg = ScheduleConfig(digest=ScheduleConfig().digest.__class__(enabled=True))
    jobs = schedule.build_jobs(sources, cfg, db_path, tmp_path, None, ["DOWNLOAD_DELAY=0"], -1,
                               with_digest=True)
    assert [j.id for j in jobs] == ["crawl:missed", "crawl:recent", "crawl:cron-only",
                                    "crawl:fresh", "digest"]
    crawl = jobs[0].command
    assert crawl[1:6] == ["-m", "crawler", "crawl", "--source", "missed"]
    assert crawl[-2:] == ["-s", "DOWNLOAD_DELAY=0"] and "-q" in crawl
    assert jobs[-1].command[3] == "digest" and jobs[-1].command[-3:] == [
        "--since", "last", "--email"]
    runner = schedule.Scheduler(jobs, db_path, cfg)
    runner.plan(NOW)
    planned = {j.id: j for j in runner.scheduler.get_jobs()}
    assert planned["crawl:missed"].next_run_time == NOW
    assert planned["crawl:recent"].next_run_time == datetime(2026, 6, 30, 12, 20, 30, tzinfo=UTC)
    assert planned["crawl:cron-only"].next_run_time == datetime(2026, 6, 30, 12, 30, 30,
                                                                tzinfo=UTC)
    assert planned["crawl:fresh"].next_run_time == NOW
    for job in planned.values():
        assert job.max_instances == 1 and job.coalesce is True
        assert job.misfire_grace_time is None


# --- config/schedule.toml -----------------------------------------------------------------

def test_shipped_schedule_toml_matches_the_documented_defaults():
    shipped = load_schedule_config(ROOT / "config" / "schedule.toml", missing_ok=False)
    assert shipped.health == HealthSettings()
    assert (shipped.crawl_timeout_s, shipped.stop_timeout_s, shipped.max_parallel) == (
        ScheduleConfig().crawl_timeout_s, ScheduleConfig().stop_timeout_s,
        ScheduleConfig().max_parallel)
    assert shipped.digest == ScheduleConfig().digest


def test_missing_schedule_toml_gives_defaults_unless_named(tmp_path):
    assert load_schedule_config(tmp_path / "none.toml") == ScheduleConfig()
    with pytest.raises(ConfigError, match="none.toml: file not found"):
        load_schedule_config(tmp_path / "none.toml", missing_ok=False)


@pytest.mark.parametrize("text, message", [
    ("[scheduler]\ncrawl_timeout = 'soon'\n",
     "[scheduler]: key 'crawl_timeout': expected a duration"),
    ("[scheduler]\nmax_parallel = 0\n", "[scheduler]: key 'max_parallel': must be at least 1"),
    ("[digest]\nschedule = '0 25 * * *'\n", "[digest]: key 'schedule': bad schedule"),
    ("[digest]\nargs = '--since last'\nfrobnicate = 1\n",
     "[digest]: key 'frobnicate': unknown key"),
    ("[health]\npause_after = 1\n", "[health]: key 'pause_after': must be at least backoff_after"),
    ("[health]\nbackoff_factor = true\n", "[health]: key 'backoff_factor': expected"),
    ("[health]\nvolume_recent_days = 28\n", "key 'volume_recent_days': must be less than"),
    ("[sheduler]\n", "key 'sheduler': unknown key"),
])
def test_bad_schedule_config_names_file_table_and_key(tmp_path, text, message):
    path = tmp_path / "schedule.toml"
    path.write_text(text)
    with pytest.raises(ConfigError) as err:
        load_schedule_config(path)
    assert str(err.value).startswith(str(path)) and message in str(err.value)


def test_digest_job_runs_its_command_and_is_killed_when_it_hangs(tmp_path, caplog):
    import logging
    import sys

    db_path = tmp_path / "g.db"
    cfg = ScheduleConfig(stop_timeout_s=1.0)
    ok = schedule.Job(id="digest", schedule="0 7 * * *", timeout_s=30,
                      command=[sys.executable, "-c", "print('digest sent')"])
    hung = schedule.Job(id="digest", schedule="0 7 * * *", timeout_s=1,
                        command=[sys.executable, "-c", "import time; time.sleep(60)"])
    runner = schedule.Scheduler([ok], db_path, cfg)
    with caplog.at_level(logging.INFO, logger="govwatch.schedule"):
        runner.run_job(ok)
        db = dbm.open_db(db_path)
        assert dbm.job_state(db, "digest")["last_status"] == "ok"  # type: ignore[index]
        runner.run_job(hung)
        state = dbm.job_state(db, "digest")
    assert state is not None and state["last_status"] == "timeout" and state["runs"] == 2
    assert state["last_duration_s"] < 10
    lines = [r.getMessage() for r in caplog.records]
    assert any(line.startswith("digest: ok in ") for line in lines)
    assert any(line.startswith("digest: timeout in ") for line in lines)


def test_scheduler_skips_backed_off_and_paused_sources(tmp_path):
    db_path = tmp_path / "g.db"
    source = _source("flaky", "30m")
    db = dbm.open_db(db_path)
    dbm.sync_sources(db, [source])
    job = schedule.Job(id="crawl:flaky", schedule="30m", command=["false"], timeout_s=5,
                       source=source)
    runner = schedule.Scheduler([job], db_path, ScheduleConfig())
    now = datetime.now(UTC)
    assert runner._may_crawl(db, job, now)  # never crawled
    for _ in range(3):  # three failures: the next attempt waits 4 x 30m
        dbm.record_source_result(db, source.id, ok=False, status="failed", error="HTTP 500")
    assert not runner._may_crawl(db, job, now + timedelta(minutes=31))
    assert not runner._may_crawl(db, job, now + timedelta(minutes=100))
    assert runner._may_crawl(db, job, now + timedelta(minutes=121))
    dbm.pause_source(db, source.id, "test")
    assert not runner._may_crawl(db, job, now + timedelta(days=30))
    assert dbm.resume_source(db, source.id)
    assert runner._may_crawl(db, job, now)
