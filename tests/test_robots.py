"""robots.txt as RFC 9309 reads it (issue #15): 5xx or no answer means crawl nothing and
say so in the source's status, 4xx means allow everything, and a file over the size
limit is parsed up to 500 KiB instead of being discarded.

Each test runs the real ``govwatch crawl`` in a child process against tests/routes.py.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.localsite import article_text
from tests.routes import Route, RouteSite, article_page, item, rss
from tests.test_e2e_crawl import crawl, govwatch, output, query

FEED_TYPE = {"Content-Type": "application/rss+xml; charset=utf-8"}
TEXT_TYPE = {"Content-Type": "text/plain"}


@pytest.fixture
def server() -> Iterator[RouteSite]:
    with RouteSite() as site:
        for name in ("ok", "private/a", "late/b"):
            site.routes[f"/{name}.html"] = Route(article_page(f"Page {name}", article_text(
                len(name))))
        site.routes["/feed.xml"] = Route(rss([
            item(f"{site.base}/{name}.html", f"Page {name}")
            for name in ("ok", "private/a", "late/b")]), headers=FEED_TYPE)
        yield site


def _crawl(tmp_path: Path, base: str) -> tuple[Path, subprocess.CompletedProcess[str]]:
    sources = tmp_path / "sources.toml"
    sources.write_text(f'[[source]]\nid = "s"\nkind = "feed"\nurl = "{base}/feed.xml"\n'
                       'language = "en"\n', encoding="utf-8")
    db = tmp_path / "g.db"
    return db, crawl(db, sources)


@pytest.mark.parametrize("status", [500])
def test_robots_txt_server_error_means_crawl_nothing(tmp_path: Path, server: RouteSite,
                                                     status: int) -> None:
    server.routes["/robots.txt"] = Route("down", status=status, headers=TEXT_TYPE)
    db, proc = _crawl(tmp_path, server.base)
    assert proc.returncode == 1, output(proc)
    assert "Traceback" not in proc.stderr
    assert set(server.paths) == {"/robots.txt"}  # retried, and nothing else asked
    expected = (f"robots.txt unreachable (HTTP {status}): nothing is fetched from this host "
                "until it answers (RFC 9309)")
    source = query(db, "SELECT last_status, last_error FROM sources WHERE id = 's'")[0]
    assert source["last_error"] == f"{server.base}/feed.xml: {expected}", source
    assert query(db, "SELECT status FROM run_sources")[0]["status"] == "failed"
    assert [r["error"] for r in query(db, "SELECT error FROM fetch_errors")] == [expected]
    status = govwatch("status", "--json", "--db", str(db), "--sources",
                      str(tmp_path / "sources.toml"))
    assert expected in status.stdout, output(status)


def test_robots_txt_unreachable_means_crawl_nothing(tmp_path: Path) -> None:
    with RouteSite() as site:
        base = site.base
    db, proc = _crawl(tmp_path, base)  # the server is closed: connection refused
    assert proc.returncode == 1, output(proc)
    error = query(db, "SELECT error FROM fetch_errors")[0]["error"]
    assert error.startswith("robots.txt unreachable (connection refused)"), error


@pytest.mark.parametrize("status", [404])
def test_robots_txt_client_error_means_allow_all(tmp_path: Path, server: RouteSite,
                                                 status: int) -> None:
    server.routes["/robots.txt"] = Route("no", status=status, headers=TEXT_TYPE)
    db, proc = _crawl(tmp_path, server.base)
    assert proc.returncode == 0, output(proc)
    assert len(query(db, "SELECT id FROM articles")) == 3


def test_oversized_robots_txt_is_parsed_up_to_500_kib(tmp_path: Path, server: RouteSite) -> None:
    """600 KiB, over the tests' DOWNLOAD_MAXSIZE (100 kB): the rules in the first 500 KiB
    hold, the one after them is not seen."""
    padding = "".join(f"# comment line {n:07d} to pad the file beyond 500 KiB\n"
                      for n in range(600 * 1024 // 50))
    server.routes["/robots.txt"] = Route(
        "User-agent: *\nDisallow: /private/\n" + padding + "Disallow: /late/\n",
        headers=TEXT_TYPE)
    assert len(server.routes["/robots.txt"].data()) > 600 * 1024
    db, proc = _crawl(tmp_path, server.base)
    assert proc.returncode == 0, output(proc)
    assert "/private/a.html" not in server.paths
    assert "/late/b.html" in server.paths and "/ok.html" in server.paths
    assert len(query(db, "SELECT id FROM articles")) == 2
