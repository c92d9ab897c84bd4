"""crawler.shared.workers: extraction in worker processes gives what inline extraction gives."""

import asyncio
import os
import signal
import subprocess
import sys
import time
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


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_workers_end_when_the_crawl_process_is_killed(tmp_path):
    # kill -9 of the crawl leaves no pool behind: before, its workers waited for work
    # forever and kept their forkserver alive (found orphans of the SIGKILL tests)
    script = (
        "import os, sys, time\n"
        "from crawler.shared import workers\n"
        "workers.configure(2)\n"
        "pool = workers.pool()\n"
        "print(*sorted(pool.submit(os.getpid).result() for _ in range(4)), flush=True)\n"
        "print(*[p.pid for p in pool._processes.values()], flush=True)\n"
        "time.sleep(60)\n")
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True,
                             cwd=Path(__file__).resolve().parents[1])
    try:
        child.stdout.readline()
        pids = [int(p) for p in child.stdout.readline().split()]
        assert pids and all(_alive(p) for p in pids)
    finally:
        child.kill()
        child.wait(10)
        child.stdout.close()
    deadline = time.monotonic() + 15
    while any(_alive(p) for p in pids) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_alive(p) for p in pids)


def test_the_forkserver_loads_what_every_worker_would_load_for_itself(tmp_path) -> None:
    """pypinyin's dictionaries and jusText's stop words, with the set jusText caches of them
    (~75 MB a worker), are loaded once, before the forkserver forks, so the workers share
    them; so are trafilatura's selectors translated to Python."""
    import json

    from crawler.config import DEFAULT_CONFIG_DIR

    spec = {"config_dir": str(DEFAULT_CONFIG_DIR), "cache_dir": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", "import sys, crawler.runtime.warmup\n"
         "from justext.core import define_stoplist\n"
         "from trafilatura import external\n"
         "from pipelines import selectors\n"
         "import gc\n"
         "print(len(external.JT_STOPLIST or ()), 'pypinyin.phrases_dict' in sys.modules,\n"
         "      define_stoplist.cache_info().currsize, len(selectors.installed()),\n"
         "      gc.isenabled() and gc.get_freeze_count() > 100000)"],
        capture_output=True, text=True, check=True,
        env={**os.environ, "GOVWATCH_WORKER_STAGES": json.dumps(spec)})
    count, pinyin, sets, translated, collector = done.stdout.split()
    assert int(count) > 10000 and pinyin == "True" and sets == "1"
    assert collector == "True"  # off while loading, then on, with what was loaded frozen
    assert int(translated) >= 10  # trafilatura's selectors in Python (pipelines/selectors.py)


def test_one_response_s_items_reach_every_worker_at_once() -> None:
    """CONCURRENT_ITEMS: enough items of one feed response in flight for the largest pool,
    fewer than Scrapy's 100 (one task each, started for every response)."""
    from crawler.runtime import settings

    assert workers.default_workers(cores=1024) <= settings.CONCURRENT_ITEMS < 100


def test_the_workers_never_import_scrapy(tmp_path) -> None:
    """What the forkserver preloads, and a page analysed as a worker does it, need neither
    Scrapy nor Twisted (~0.17 s and ~20 MB of the forkserver, shared by every worker)."""
    import json

    from crawler.config import DEFAULT_CONFIG_DIR

    spec = {"config_dir": str(DEFAULT_CONFIG_DIR), "cache_dir": str(tmp_path)}
    page = ("<html><head><title>Digital Policy Office pilots AI</title></head><body><article>"
            "<h1>Digital Policy Office pilots AI</h1><p>" + "The Digital Policy Office said "
            "it will pilot a generative AI assistant for civil servants. " * 5
            + "</p></article></body></html>")
    done = subprocess.run(
        [sys.executable, "-c",
         "import json, os, sys\n"
         "import crawler.shared.forkserver, pipelines.extract, crawler.runtime.warmup\n"
         "from crawler.shared.items import Article\n"
         "from pipelines import chain\n"
         "spec = chain.ChainSpec(**json.loads(os.environ['GOVWATCH_WORKER_STAGES']))\n"
         "item = Article(url='https://www.info.gov.hk/a.htm', source_id='s',\n"
         "               fetched_at='2026-01-01T00:00:00Z', body=sys.stdin.read().encode(),\n"
         "               content_type='text/html; charset=utf-8')\n"
         "empty = Article(url='https://www.info.gov.hk/b.htm', source_id='s',\n"
         "                fetched_at='2026-01-01T00:00:00Z', body=b'%PDF-1.4')\n"
         "print(chain.analyse_remote(item, spec).item.relevant,\n"
         "      chain.analyse_remote(empty, spec).reason,\n"
         "      [m for m in ('scrapy', 'twisted') if m in sys.modules])"],
        input=page, capture_output=True, text=True, check=True,
        env={**os.environ, "GOVWATCH_WORKER_STAGES": json.dumps(spec)})
    assert done.stdout.split() == ["True", "PDF", "document", "[]"]


def test_a_page_without_an_article_is_dropped_as_scrapy_expects() -> None:
    from scrapy.exceptions import DropItem

    from pipelines.extract import NotAnArticle, dropped

    drop = dropped("PDF document")
    assert isinstance(drop, NotAnArticle) and isinstance(drop, DropItem)
    assert (drop.reason, str(drop), drop.log_level) == (
        "PDF document", "not an article: PDF document", "INFO")
    assert type(dropped("x")) is type(drop)
