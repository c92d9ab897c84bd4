"""The summary's counts mean what the README says (issue #15): ``requested`` is article
pages downloaded (not requests created), and a listing that cannot be parsed is one of the
source's ``errors``.

The real ``govwatch crawl`` in a child process against tests/routes.py.
"""

from __future__ import annotations

from pathlib import Path

from tests.localsite import article_text
from tests.routes import Route, RouteSite, article_page, item, rss
from tests.test_e2e_crawl import crawl, output, query

FEED_TYPE = {"Content-Type": "application/rss+xml; charset=utf-8"}


def test_requested_counts_pages_downloaded_and_errors_count_bad_listings(tmp_path: Path) -> None:
    with RouteSite() as server:
        refused = RouteSite()
        refused_base = refused.base
        refused.server.server_close()  # a port where nothing listens
        server.routes["/robots.txt"] = Route("User-agent: *\nDisallow: /private/\n",
                                             headers={"Content-Type": "text/plain"})
        server.routes["/a.html"] = Route(article_page("Council pilots a chatbot", article_text(1)))
        server.routes["/private/b.html"] = Route(article_page("Private", article_text(2)))
        server.routes["/feed.xml"] = Route(rss([
            item(f"{server.base}/a.html", "Council pilots a chatbot"),
            item(f"{server.base}/private/b.html", "Private page"),
            item(f"{refused_base}/c.html", "Unreachable page"),
        ]), headers=FEED_TYPE)
        server.routes["/broken.xml"] = Route("<html><body>Moved</body></html>", headers=FEED_TYPE)
        server.routes["/broken-sitemap.xml"] = Route("<html>not a sitemap</html>",
                                                     headers={"Content-Type": "text/xml"})
        sources = tmp_path / "sources.toml"
        sources.write_text(
            f'[[source]]\nid = "good"\nkind = "feed"\nurl = "{server.base}/feed.xml"\n'
            'language = "en"\n\n'
            f'[[source]]\nid = "broken"\nkind = "feed"\nurl = "{server.base}/broken.xml"\n'
            'language = "en"\n\n'
            f'[[source]]\nid = "broken-sm"\nkind = "sitemap"\n'
            f'url = "{server.base}/broken-sitemap.xml"\nlanguage = "en"\n', encoding="utf-8")
        db = tmp_path / "g.db"
        first = crawl(db, sources)
        assert first.returncode == 1, output(first)
        second = crawl(db, sources)
        assert second.returncode == 1, output(second)
    rows = {(r["run_id"], r["source_id"]): r for r in query(db, "SELECT * FROM run_sources")}
    good = rows[(1, "good")]
    # a.html downloaded; private/b.html forbidden by robots.txt; c.html never answered
    assert (good["requested"], good["new"], good["errors"]) == (1, 1, 1), good
    assert rows[(2, "good")]["requested"] == 0  # a.html already stored: not downloaded
    assert rows[(2, "good")]["already_stored"] == 1
    for source_id in ("broken", "broken-sm"):
        row = rows[(1, source_id)]
        assert (row["status"], row["errors"]) == ("failed", 1), row
    errors = query(db, "SELECT source_id FROM fetch_errors WHERE run_id = 1 ORDER BY source_id")
    assert [e["source_id"] for e in errors] == ["broken", "broken-sm", "good"]
    assert "requested" in first.stdout and "errors" in first.stdout
