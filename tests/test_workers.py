"""crawler.shared.workers: extraction in worker processes gives what inline extraction gives."""

import asyncio
import os
import signal
from pathlib import Path

import pytest

from crawler.shared import workers
from pipelines.extract import extract_in_worker, extract_or_reason

FIXTURES = Path(__file__).parent / "fixtures" / "extract"


@pytest.fixture(autouse=True)
def no_pool_left():
    yield
    workers.configure(0)


@pytest.mark.parametrize(("value", "expected"), [("0", 0), ("3", 3), (" 2 ", 2)])
def test_parse_workers(value, expected):
    assert workers.parse_workers(value) == expected


@pytest.mark.parametrize(("cores", "expected"), [
    (1, 0),   # one core: a pool only adds overhead
    (2, 2), (3, 2), (4, 3), (5, 4), (16, 4),
])
def test_auto_workers_by_cores(cores, expected):
    assert workers.default_workers(cores) == expected


def test_auto_is_the_default_for_this_machine():
    assert workers.parse_workers("auto") == workers.default_workers()
    assert workers.parse_workers("") == workers.default_workers()


@pytest.mark.parametrize("value", ["-1", "many", "1.5"])
def test_parse_workers_rejects_nonsense(value):
    with pytest.raises(ValueError):
        workers.parse_workers(value)


def run(name: str, content_type: str = "text/html"):
    body = (FIXTURES / name).read_bytes()
    return asyncio.run(extract_in_worker(body, f"https://example.org/{name}", content_type, "", 40))


@pytest.mark.parametrize("name", ["en_utf8.html", "zh_big5.html", "document.pdf"])
def test_worker_result_equals_inline_result(name):
    workers.configure(1, start_after=0)
    in_worker = run(name)
    assert workers.pool() is not None
    inline = extract_or_reason((FIXTURES / name).read_bytes(), f"https://example.org/{name}",
                               "text/html", "", 40)
    assert in_worker == inline
    if name.endswith(".pdf"):
        assert in_worker == "PDF document"


def test_no_pool_means_inline():
    workers.configure(0)
    assert workers.pool() is None
    assert run("en_utf8.html").title == "Water Supplies Department pilots AI leak detection"


def test_a_dead_worker_falls_back_to_inline_extraction(caplog):
    workers.configure(1, start_after=0)
    pool = workers.pool()
    assert pool is not None
    assert run("en_utf8.html").text  # start the worker
    for process in list(pool._processes.values()):  # kill it, as the OOM killer would
        os.kill(process.pid, signal.SIGKILL)
        process.join(5)
    found = run("en_utf8.html")
    assert found.title == "Water Supplies Department pilots AI leak detection"
    assert workers.pool() is None  # given up: the rest of the crawl extracts inline
    assert "extraction workers stopped" in caplog.text


def test_workers_start_only_after_a_few_pages():
    workers.configure(1, start_after=2)
    assert workers.pool() is None and workers.pool() is None  # the first pages: inline
    assert workers.pool() is not None  # a bigger crawl: the pool starts
