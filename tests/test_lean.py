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
crawler.runtime.run.spiders()  # and the spider classes
from scrapy.core.downloader import contextfactory, tls
found = {
    "numpy": "numpy" in sys.modules,
    "extraction": "pipelines.extract" in sys.modules,
    "feedparser": "feedparser" in sys.modules,
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
import re
found["deferred"] = type(sqlite_utils.db._virtual_table_using_re).__name__
found["re_restored"] = re.compile.__module__ == "re"
db.execute("CREATE VIRTUAL TABLE f USING fts5(x)")
found["using"] = db["f"].virtual_table_using
found["quoted"] = db.quote_fts('a "b c"')
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
    assert not found["feedparser"]  # imported at the first feed that is not a 304
    assert found["stack_walks"] == 0  # Scrapy's deprecated aliases, made without one
    assert found["stack_restored"]
    # the aliases still name the module that made them, as Scrapy's own walk would
    assert found["aliases"] == ["scrapy.core.downloader.contextfactory"] * 2 + [
        "scrapy.core.downloader.tls"]
    # numpy stays importable afterwards; sqlite-utils works without its numpy types
    assert found["numpy_later"] and found["sqlite_utils_np"]
    assert found["query"] == [{"a": 7}]
    # sqlite-utils' patterns are compiled at their first use, and work as before
    assert found["deferred"] == "Deferred" and found["re_restored"]
    assert found["using"] == "FTS5"
    assert found["quoted"] == '"a" "b c"'


def test_scrapy_works_out_library_versions_only_for_a_log_that_shows_them(tmp_path) -> None:
    """Scrapy logs the versions of ten libraries at INFO when a crawl starts, reading their
    metadata and running uname: not done when the log shows warnings only."""
    from pathlib import Path

    from crawler.runtime.run import build_settings

    def versions(level: str, overrides: dict[str, str]) -> list[str]:
        settings = build_settings(tmp_path / "x.db", Path("config"), overrides, level)
        return settings.getlist("LOG_VERSIONS")

    assert versions("WARNING", {}) == []
    assert versions("ERROR", {}) == []
    assert "lxml" in versions("INFO", {}) and "Twisted" in versions("DEBUG", {})
    assert versions("WARNING", {"LOG_VERSIONS": "lxml,Twisted"}) == ["lxml", "Twisted"]


def test_library_versions_stay_for_a_numeric_or_unknown_level(tmp_path) -> None:
    from pathlib import Path

    from crawler.runtime.run import build_settings

    for level in ("info", "20", "LOUD"):
        settings = build_settings(tmp_path / "x.db", Path("config"), {}, level)
        assert "lxml" in settings.getlist("LOG_VERSIONS"), level
