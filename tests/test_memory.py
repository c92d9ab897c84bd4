"""crawler/shared/memory.py: large blocks go back to the OS once freed (issue #14).

Measured in a child process of its own, so the test process's malloc is left alone.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

CHILD = """
import sys
from crawler.shared import memory

def rss_mb():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * 4096 / 2**20

mode, size = sys.argv[1], int(sys.argv[2])
if mode != "default":
    assert memory.return_large_blocks(getattr(memory, mode))
big = bytearray(16 << 20)  # freed: glibc alone would now keep blocks up to 16 MB in its heap
del big
before = rss_mb()
blocks, pins = [], []
for _ in range(40 << 20 // size):
    blocks.append(bytearray(size))
    pins.append(bytearray(2000))  # small blocks between them: the heap cannot shrink
del blocks
print(round(rss_mb() - before))
"""


def kept_mb(mode: str, size: int) -> int:
    """MB still held after 40 MB in blocks of ``size`` bytes were freed."""
    done = subprocess.run([sys.executable, "-c", CHILD, mode, str(size)], capture_output=True,
                          text=True, check=True)
    return int(done.stdout.strip())


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc")
def test_freed_large_blocks_are_given_back() -> None:
    # the crawl process: blocks of 1 MB (a response body) each had a map of its own
    assert kept_mb("CRAWL", 1 << 20) < 5
    # the workers: blocks of 3 MB (the largest pages' buffers) likewise
    assert kept_mb("WORKERS", 3 << 20) < 5
    # without it (glibc's default), the 40 MB stay with the process: the test can tell
    assert kept_mb("default", 1 << 20) > 30
    assert kept_mb("default", 3 << 20) > 30


def test_the_forkserver_sets_it_for_the_workers() -> None:
    done = subprocess.run(
        [sys.executable, "-c", "import ctypes, unittest.mock as m\n"
         "calls = []\n"
         "with m.patch('crawler.shared.memory.return_large_blocks', calls.append):\n"
         "    import crawler.shared.forkserver\n"
         "print(calls)"], capture_output=True, text=True, check=True)
    from crawler.shared import memory

    assert done.stdout.strip() == str([memory.WORKERS])


def test_a_crawl_sets_it_in_the_crawl_process(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    from crawler.config import DEFAULT_CONFIG_DIR
    from crawler.runtime import run
    from crawler.shared import memory

    class Called(Exception):
        pass

    def called(thresholds: tuple[int, int] = memory.CRAWL) -> bool:
        assert thresholds == memory.CRAWL
        raise Called

    monkeypatch.setattr(memory, "return_large_blocks", called)
    with pytest.raises(Called):
        run.crawl([], tmp_path / "x.db", DEFAULT_CONFIG_DIR, {})



def test_a_crawl_freezes_what_start_up_built(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    """Start-up's objects are out of the cyclic collector's sight while the crawl runs."""
    import gc

    from crawler.config import DEFAULT_CONFIG_DIR
    from crawler.runtime import run

    frozen: list[int] = []

    class Process:
        def __init__(self, settings: object) -> None:
            self.marker = object()

        def start(self, install_signal_handlers: bool = True) -> None:
            frozen.append(gc.get_freeze_count())

    monkeypatch.setattr(run, "load_scrapy", lambda: Process)
    gc.unfreeze()
    try:
        run.crawl([], tmp_path / "x.db", DEFAULT_CONFIG_DIR, {})
    finally:
        gc.unfreeze()
    assert frozen and frozen[0] > 1000


def test_a_crawl_turns_the_collector_back_on_once_started(monkeypatch: pytest.MonkeyPatch,
                                                          tmp_path) -> None:
    """`govwatch` starts with the cyclic collector off (crawler/__main__.py): the crawl
    runs with it on."""
    import gc

    from crawler.config import DEFAULT_CONFIG_DIR
    from crawler.runtime import run

    enabled: list[bool] = []

    class Process:
        def __init__(self, settings: object) -> None:
            pass

        def start(self, install_signal_handlers: bool = True) -> None:
            enabled.append(gc.isenabled())

    monkeypatch.setattr(run, "load_scrapy", lambda: Process)
    gc.disable()
    try:
        run.crawl([], tmp_path / "x.db", DEFAULT_CONFIG_DIR, {})
    finally:
        gc.unfreeze()
        gc.enable()
    assert enabled == [True]


ENTRY = """
import gc, sys
from crawler import __main__ as entry
from crawler.config import ConfigError
from crawler.runtime import run

seen = {}
def crawl(*args, **kwargs):
    seen["crawl_start"] = gc.isenabled()
    raise ConfigError("test", "stop here")
run.crawl = crawl
sys.argv = ["govwatch", *sys.argv[1:]]
try:
    entry.run()
except SystemExit as exc:
    seen["exit"] = exc.code
seen["after"] = gc.isenabled()
print(seen)
"""


@pytest.mark.parametrize(("args", "expected"), [
    (["crawl"], {"crawl_start": False, "exit": 2, "after": False}),
    (["sources"], {"exit": 0, "after": True}),
])
def test_govwatch_starts_with_the_collector_off_until_its_command_runs(
        tmp_path, args: list[str], expected: dict) -> None:
    """Off while a crawl imports Scrapy and reads its config (crawler.runtime.run turns it
    on when the crawl starts); on before any other command runs."""
    import ast
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", ENTRY, *args, "--db", str(tmp_path / "g.db")],
                          capture_output=True, text=True, check=True)
    assert ast.literal_eval(done.stdout.strip().splitlines()[-1]) == expected, done.stderr
