"""crawler/runtime/lean.py and crawler/db/lean.py: what a crawl with nothing new does not
need is not imported, and what it imports costs no stack walk (issue #14).

Each check runs in a fresh interpreter: the test process has imported everything already.
"""

from __future__ import annotations

import json
import subprocess
import sys

CHILD = """
import inspect, json, sys
walks = []
real = inspect.getouterframes
inspect.getouterframes = lambda *a, **k: walks.append(1) or real(*a, **k)
import crawler.cli
import crawler.runtime.run
crawler.runtime.run.load_scrapy()  # what a crawl does before Scrapy's components load
from scrapy.core.downloader import contextfactory, tls
found = {
    "numpy": "numpy" in sys.modules,
    "extraction": "pipelines.extract" in sys.modules,
    "stack_walks": len(walks),
    "stack_restored": inspect.stack.__module__ == "inspect",
    "aliases": [contextfactory.ScrapyClientContextFactory.__module__,
                contextfactory.AcceptableProtocolsContextFactory.__module__,
                tls.ScrapyClientTLSOptions.__module__],
}
import numpy  # still importable for the dedup stage
import sqlite_utils
found["numpy_later"] = bool(numpy.zeros(2).sum() == 0)
found["sqlite_utils_np"] = sqlite_utils.db.np is None
db = sqlite_utils.Database(memory=True)
db.execute("CREATE TABLE t (a INTEGER)")
db.execute("INSERT INTO t VALUES (?)", [int(numpy.int64(7))])
found["query"] = [dict(r) for r in db.query("SELECT a FROM t")]
print(json.dumps(found))
"""


def start_up() -> dict:
    done = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True,
                          check=True)
    return json.loads(done.stdout)


def test_a_crawl_starts_without_numpy_extraction_or_stack_walks() -> None:
    found = start_up()
    assert not found["numpy"]  # sqlite-utils imported with numpy hidden (crawler/db/lean.py)
    assert not found["extraction"]  # imported at the first page
    assert found["stack_walks"] == 0  # Scrapy's deprecated aliases, made without one
    assert found["stack_restored"]
    # the aliases still name the module that made them, as Scrapy's own walk would
    assert found["aliases"] == ["scrapy.core.downloader.contextfactory"] * 2 + [
        "scrapy.core.downloader.tls"]
    # numpy stays importable afterwards; sqlite-utils works without its numpy types
    assert found["numpy_later"] and found["sqlite_utils_np"]
    assert found["query"] == [{"a": 7}]
