"""The loopback test site itself: the end-to-end tests rely on every behaviour checked here."""

from __future__ import annotations

import io
import socket
import urllib.error
import urllib.request
import urllib.robotparser
from email.message import Message

import feedparser
import pytest
from lxml import etree

from crawler.config import load_sources
from tests.conftest import SiteView
from tests.encode_fixtures import expected_files
from tests.site import LAST_MODIFIED, TestSite

NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def get(url: str, headers: dict[str, str] | None = None,
        timeout: float = 5) -> tuple[int, Message, bytes]:
    """(status, headers, body) without following redirects or raising on 4xx/5xx."""
    opener = urllib.request.build_opener(_NoRedirect)
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with opener.open(request, timeout=timeout) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers, exc.read()


def test_fixture_bytes_match_their_generator() -> None:
    for path, data in expected_files().items():
        assert path.read_bytes() == data, f"regenerate with: python tests/encode_fixtures.py ({path})"


def test_big5_page_is_served_as_big5_bytes(site: SiteView) -> None:
    status, headers, body = get(site.url("/zh/news/2026/big5-smart-city.html"))
    assert status == 200
    assert headers["Content-Type"] == "text/html; charset=big5"
    with pytest.raises(UnicodeDecodeError):
        body.decode("utf-8")
    assert "智慧城市藍圖" in body.decode("big5")


def test_gbk_page_is_served_as_gbk_bytes(site: SiteView) -> None:
    status, headers, body = get(site.url("/zh/news/2026/gbk-data-rules.html"))
    assert headers["Content-Type"] == "text/html; charset=gbk"
    assert "公共数据安全管理办法" in body.decode("gbk")


def test_mislabelled_page_is_utf8_declared_latin1(site: SiteView) -> None:
    status, headers, body = get(site.url("/zh/news/2026/mislabelled-chatbot.html"))
    assert headers["Content-Type"] == "text/html; charset=iso-8859-1"
    assert b"charset" not in body.lower()  # nothing in the page corrects the header
    assert "多語言聊天機械人" in body.decode("utf-8")


@pytest.mark.parametrize(("path", "ctype"), [
    ("/feeds/rss.xml", "application/rss+xml; charset=utf-8"),
    ("/feeds/atom.xml", "application/atom+xml; charset=utf-8"),
    ("/sitemaps/news.xml", "application/xml; charset=utf-8"),
    ("/docs/ai-strategy.pdf", "application/pdf"),
    ("/media/chart.png", "image/png"),
    ("/robots.txt", "text/plain; charset=utf-8"),
    ("/news/", "text/html; charset=utf-8"),
])
def test_content_types(site: SiteView, path: str, ctype: str) -> None:
    status, headers, body = get(site.url(path))
    assert (status, headers["Content-Type"]) == (200, ctype)
    assert body


def test_templates_are_filled_with_this_servers_urls(site: SiteView) -> None:
    _, _, body = get(site.url("/news/"))
    text = body.decode()
    assert "{base}" not in text and "{offsite}" not in text
    assert f'href="{site.offsite_base}/news/2026/offsite-story.html"' in text
    _, _, body = get(site.url("/news/page/2.html"))
    assert f'href="{site.refused_base}/news/2026/unreachable.html"' in body.decode()


def test_empty_page_is_empty(site: SiteView) -> None:
    status, headers, body = get(site.url("/empty.html"))
    assert (status, body, headers["Content-Length"]) == (200, b"", "0")


def test_feeds_parse_and_carry_tracking_links(site: SiteView) -> None:
    _, _, body = get(site.url("/feeds/rss.xml"))
    rss = feedparser.parse(io.BytesIO(body))
    assert not rss.bozo and rss.version == "rss20" and len(rss.entries) == 3
    assert rss.entries[0].link.startswith(site.url("/news/2026/ai-procurement.html?utm_source="))
    assert "#" in rss.entries[1].link and "fbclid=" in rss.entries[1].link
    assert "annual report" in rss.entries[2].content[0].value
    _, _, body = get(site.url("/feeds/atom.xml"))
    atom = feedparser.parse(io.BytesIO(body))
    assert not atom.bozo and atom.version == "atom10" and len(atom.entries) == 2
    _, _, body = get(site.url("/malformed-feed.xml"))
    broken = feedparser.parse(io.BytesIO(body))
    assert broken.bozo and not broken.entries


def test_news_sitemap_and_index(site: SiteView) -> None:
    _, _, body = get(site.url("/sitemaps/index.xml"))
    index = etree.fromstring(body)
    assert [loc.text for loc in index.iter(f"{SM}loc")] == [site.url("/sitemaps/news.xml")]
    _, _, body = get(site.url("/sitemaps/news.xml"))
    urlset = etree.fromstring(body)
    locs = [loc.text for loc in urlset.iter(f"{SM}loc")]
    assert locs[0] == site.url("/news/2026/ai-procurement.html?fbclid=IwAR1sitemap_fixture")
    for field in ("title", "publication_date", "language"):
        assert len(list(urlset.iter(f"{NEWS}{field}"))) == len(locs)


def test_conditional_get_answers_304(site: SiteView) -> None:
    url = site.url("/feeds/rss.xml")
    status, headers, body = get(url)
    etag = headers["ETag"]
    assert status == 200 and etag and headers["Last-Modified"] == LAST_MODIFIED
    assert get(url, {"If-None-Match": etag})[:1] == (304,)
    assert get(url, {"If-Modified-Since": LAST_MODIFIED})[:1] == (304,)
    assert get(url, {"If-None-Match": '"stale"'})[0] == 200
    assert get(url, {"If-Modified-Since": "Mon, 01 Jun 2026 00:00:00 GMT"})[0] == 200
    # Pages are not conditional: no validators at all.
    _, headers, _ = get(site.url("/news/2026/ai-procurement.html"))
    assert headers["ETag"] is None and headers["Last-Modified"] is None


def test_failure_routes(site: SiteView) -> None:
    assert get(site.url("/status/404"))[0] == 404
    assert [get(site.url("/status/500"))[0] for _ in range(3)] == [500, 500, 500]
    status, headers, _ = get(site.url("/redirect-loop"))
    assert (status, headers["Location"]) == (302, site.url("/redirect-loop"))
    status, headers, body = get(site.url("/big"))
    assert status == 200 and len(body) > site.server.big_bytes
    assert int(headers["Content-Length"]) == len(body)
    assert get(site.url("/no/such/page.html"))[0] == 404
    assert get(site.url("/../site.py"))[0] == 404


def test_slow_route_outlasts_a_short_timeout(site: SiteView) -> None:
    with pytest.raises((TimeoutError, urllib.error.URLError)):
        get(site.url("/slow"), timeout=0.3)


def test_refused_port_refuses() -> None:
    with TestSite() as other, pytest.raises(ConnectionRefusedError), \
            socket.create_connection(("127.0.0.1", other.refused_port), timeout=2):
        pass


def test_offsite_host_is_the_same_server_under_another_name(site: SiteView) -> None:
    status, _, _ = get(site.offsite_base + "/news/2026/offsite-story.html")
    assert status == 200
    [entry] = site.requests
    assert entry.host == site.offsite_base.removeprefix("http://")
    assert entry.route == "/news/2026/offsite-story.html"


def test_request_log_records_and_resets(site: SiteView) -> None:
    get(site.url("/feeds/atom.xml?x=1"), {"If-None-Match": '"abc"', "User-Agent": "probe"})
    [entry] = site.requests
    assert (entry.method, entry.path, entry.route, entry.status) == (
        "GET", "/feeds/atom.xml?x=1", "/feeds/atom.xml", 200)
    assert entry.headers["if-none-match"] == '"abc"' and entry.headers["user-agent"] == "probe"
    site.reset_log()
    assert site.requests == []


def test_robots_txt_disallows_private(site: SiteView) -> None:
    parser = urllib.robotparser.RobotFileParser()
    parser.parse(get(site.url("/robots.txt"))[2].decode().splitlines())
    assert not parser.can_fetch("govwatch", site.url("/private/draft-ai-policy.html"))
    assert parser.can_fetch("govwatch", site.url("/news/2026/ai-procurement.html"))


def test_write_sources_writes_valid_config(site: SiteView) -> None:
    path = site.write_sources([
        {"id": "rss", "name": "RSS", "kind": "feed", "url": "{base}/feeds/rss.xml",
         "language": "en", "fetch_articles": False},
        {"id": "listing", "kind": "html", "url": "{base}/news/", "language": "en",
         "follow": ["/news/20\\d\\d/"], "max_pages": 3},
    ])
    assert path == site.tmp_path / "sources.toml"
    config = load_sources(path)
    assert [s.id for s in config.sources] == ["rss", "listing"]
    assert config.sources[0].urls == (site.url("/feeds/rss.xml"),)
    assert config.sources[0].fetch_articles is False
    assert config.sources[1].follow == ("/news/20\\d\\d/",)


def test_held_route_waits_for_release(site: SiteView) -> None:
    site.hold("/news/2026/skills-academy.html")
    with pytest.raises((TimeoutError, urllib.error.URLError)):
        get(site.url("/news/2026/skills-academy.html"), timeout=0.3)
    assert get(site.url("/feeds/atom.xml"))[0] == 200  # other routes are not held
    site.release()
    assert get(site.url("/news/2026/skills-academy.html"))[0] == 200
