"""Hostile feeds (issue #15): only http(s) is ever fetched or stored, and one bad entry is
recorded and skipped while the rest of its feed goes on.

Each test runs the real ``govwatch crawl`` in a child process against a loopback server
(tests/routes.py) whose feed mixes good links with ``javascript:``, ``file:`` (a real
temporary file whose content must appear nowhere in the database), ``data:`` and broken
entries.
"""

from __future__ import annotations

import base64
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.localsite import article_text
from tests.routes import Route, RouteSite, article_page, item, rss
from tests.test_e2e_crawl import crawl, govwatch, output, query

SECRET = "SECRET-LOCAL-FILE-7f3a9c"  # the content of a file on this machine
DATA_SECRET = "DATA-URL-PAYLOAD-51b2e0"  # the content of a data: URL (base64-encoded)


@pytest.fixture
def server() -> Iterator[RouteSite]:
    with RouteSite() as site:
        yield site


def _dump(db: Path) -> str:
    """Every value in every table of ``db``, as one text."""
    conn = sqlite3.connect(db)
    try:
        return "\n".join(conn.iterdump())
    finally:
        conn.close()


def _sources(tmp_path: Path, url: str, fetch_articles: bool = True) -> Path:
    path = tmp_path / "sources.toml"
    path.write_text(
        f'[[source]]\nid = "hostile"\nkind = "feed"\nurl = "{url}"\nlanguage = "en"\n'
        f"fetch_articles = {'true' if fetch_articles else 'false'}\n", encoding="utf-8")
    return path


@pytest.fixture
def local_file(tmp_path: Path) -> Path:
    path = tmp_path / "secret.html"
    path.write_text(article_page("Local secret page", SECRET + " " + article_text(99)),
                    encoding="utf-8")
    return path


def test_feed_links_to_other_schemes_are_ignored_and_good_ones_stored(
        tmp_path: Path, server: RouteSite, local_file: Path) -> None:
    payload = base64.b64encode(
        article_page("Data page", DATA_SECRET + " " + article_text(98)).encode()).decode()
    server.routes["/a1.html"] = Route(article_page("First good article", article_text(1)))
    server.routes["/a2.html"] = Route(article_page("Second good article", article_text(2)))
    server.routes["/a3.html"] = Route(article_page("Third good article", article_text(3)))
    server.routes["/to-file"] = Route(status=302, headers={"Location": local_file.as_uri()})
    server.routes["/feed.xml"] = Route(rss([
        item("javascript:alert(document.cookie)", "Script link"),
        item(f"{server.base}/a1.html", "First good article"),
        item(local_file.as_uri(), "Local file"),
        item("file://localhost" + str(local_file), "Local file via localhost"),
        item(f"data:text/html;base64,{payload}", "Data URL"),
        item("ftp://127.0.0.1/pub/x.html", "FTP link"),
        item("http://[::1/broken", "Unparseable link"),
        item(f"{server.base}/a2.html", "Second good article", pub="Mon, 08 Jun 99999 08:00:00 GMT"),
        item(f"{server.base}/to-file", "Redirect to a local file"),
        item(f"{server.base}/a3.html", "Third good article"),
    ]), headers={"Content-Type": "application/rss+xml; charset=utf-8"})
    db = tmp_path / "g.db"
    proc = crawl(db, _sources(tmp_path, f"{server.base}/feed.xml"))
    assert proc.returncode == 0, output(proc)
    assert "Traceback" not in proc.stderr, output(proc)

    urls = {r["url"] for r in query(db, "SELECT url FROM articles")}
    assert urls == {f"{server.base}/a{n}.html" for n in (1, 2, 3)}, output(proc)
    assert all(u.startswith("http") for u in
               (r["url"] for r in query(db, "SELECT url FROM article_urls")))
    dump = _dump(db)
    assert SECRET not in dump
    assert DATA_SECRET not in dump
    assert not any(p.startswith("/pub") for p in server.paths)

    ignored = {r["url"]: r["reason"] for r in query(
        db, "SELECT url, reason FROM ignored_pages WHERE source_id = 'hostile'")}
    reasons = " | ".join(ignored.values())
    for scheme in ("javascript", "file", "data", "ftp"):
        assert f"scheme {scheme}" in reasons, ignored
    assert any("unparseable" in r for r in ignored.values()), ignored
    errors = query(db, "SELECT url, error FROM fetch_errors")
    assert [e["error"] for e in errors if e["url"].endswith("/to-file")] == [
        "redirect refused: not an http(s) URL (scheme file)"], errors
    row = query(db, "SELECT status, ignored, errors, new FROM run_sources")[0]
    assert row["status"] == "ok" and row["new"] == 3
    assert row["ignored"] == 6 and row["errors"] == 1, row


def test_full_text_feed_stores_no_other_scheme(tmp_path: Path, server: RouteSite,
                                               local_file: Path) -> None:
    """fetch_articles = false: items made from feed content keep only http(s) URLs."""
    entries = [item(link, f"Entry {n} about the council", content=article_text(n))
               for n, link in enumerate([
                   "javascript:void(0)", local_file.as_uri(), "ftp://127.0.0.1/x.html",
                   f"{server.base}/ok.html", "data:text/plain,hello"])]
    server.routes["/feed.xml"] = Route(rss(entries), headers={
        "Content-Type": "application/rss+xml; charset=utf-8"})
    db = tmp_path / "g.db"
    proc = crawl(db, _sources(tmp_path, f"{server.base}/feed.xml", fetch_articles=False))
    assert proc.returncode == 0, output(proc)
    exported = govwatch("export", "--db", str(db), "--format", "jsonl")
    assert exported.returncode == 0, output(exported)
    urls = [json.loads(line)["url"] for line in exported.stdout.splitlines() if line.strip()]
    assert urls == [f"{server.base}/ok.html"]
    assert server.paths == ["/robots.txt", "/feed.xml"]
    assert query(db, "SELECT ignored FROM run_sources")[0]["ignored"] == 4


def test_sitemap_and_listing_links_to_other_schemes(tmp_path: Path, server: RouteSite,
                                                    local_file: Path) -> None:
    """Sitemap locs and listing links go through the same rule as feed entries."""
    server.routes["/b1.html"] = Route(article_page("Sitemap good article", article_text(11)))
    server.routes["/news/c1.html"] = Route(article_page("Listing good article", article_text(12)))
    server.routes["/sitemap.xml"] = Route(
        '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<url><loc>{local_file.as_uri()}</loc></url>"
        "<url><loc>javascript:alert(1)</loc></url>"
        f"<url><loc>{server.base}/b1.html</loc><lastmod>99999-99-99</lastmod></url>"
        "</urlset>", headers={"Content-Type": "application/xml"})
    server.routes["/news/"] = Route(
        f"<html><body><a href='file://localhost{local_file}'>A local news file</a>"
        "<a href='javascript:void(0)'>menu</a><a href='mailto:x@example.org'>mail</a>"
        f"<a href='/news/c1.html'>Listing good article</a></body></html>")
    sources = tmp_path / "sources.toml"
    sources.write_text(
        f'[[source]]\nid = "sm"\nkind = "sitemap"\nurl = "{server.base}/sitemap.xml"\n'
        f'language = "en"\n\n[[source]]\nid = "ls"\nkind = "html"\nurl = "{server.base}/news/"\n'
        "language = \"en\"\nfollow = ['[.]html$']\n", encoding="utf-8")
    db = tmp_path / "g.db"
    proc = crawl(db, sources)
    assert proc.returncode == 0, output(proc)
    urls = {r["url"] for r in query(db, "SELECT url FROM articles")}
    assert urls == {f"{server.base}/b1.html", f"{server.base}/news/c1.html"}, output(proc)
    assert SECRET not in _dump(db)
    ignored = query(db, "SELECT source_id, reason FROM ignored_pages ORDER BY source_id, reason")
    assert [(r["source_id"], r["reason"]) for r in ignored] == [
        ("ls", "not an http(s) URL (scheme file)"),
        ("sm", "not an http(s) URL (scheme file)"),
        ("sm", "not an http(s) URL (scheme javascript)"),
    ]
