"""crawler.shared.urls: canonical URLs make one article reached two ways one row."""

import pytest

from crawler.shared.urls import NotAWebUrl, canonicalize, is_tracking_param, same_site, web_url


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("HTTPS://WWW.Example.COM/a/b?utm_source=rss&utm_medium=x", "https://www.example.com/a/b"),
        ("https://example.com/a?b=2&a=1#section", "https://example.com/a?a=1&b=2"),
        ("https://example.com/a?fbclid=1&gclid=2&id=7", "https://example.com/a?id=7"),
        ("http://example.com:80/x", "http://example.com/x"),
        ("https://example.com:443", "https://example.com/"),
        ("http://127.0.0.1:8080/p?x=1", "http://127.0.0.1:8080/p?x=1"),
        ("https://www.bastillepost.com/hongkong/article/1-香港",
         "https://www.bastillepost.com/hongkong/article/1-%E9%A6%99%E6%B8%AF"),
    ],
)
def test_canonicalize(url, expected):
    assert canonicalize(url) == expected


def test_same_article_two_urls_one_form():
    a = "https://news.example.org/story/42?utm_campaign=feed#comments"
    b = "https://NEWS.example.org/story/42?mc_cid=abc"
    assert canonicalize(a) == canonicalize(b)


def test_meaningful_query_kept():
    assert canonicalize("https://x.org/view?id=5&page=2") == "https://x.org/view?id=5&page=2"
    assert not is_tracking_param("id") and is_tracking_param("UTM_Source")


def test_same_site_ignores_www_and_case():
    assert same_site("https://www.gov.uk/a", "https://GOV.UK/b")
    assert not same_site("https://gov.uk/a", "https://example.org/a")


# --- the http(s)-only rule (issue #15) ---------------------------------------------------

@pytest.mark.parametrize(("link", "reason"), [
    ("javascript:alert(1)", "scheme javascript"),
    ("JavaScript:alert(1)", "scheme javascript"),
    ("file:///etc/passwd", "scheme file"),
    ("file://localhost/etc/passwd", "scheme file"),
    ("data:text/html,<p>x</p>", "scheme data"),
    ("ftp://example.org/a", "scheme ftp"),
    ("s3://bucket/key", "scheme s3"),
    ("mailto:desk@example.org", "scheme mailto"),
    ("http://[::1/x", "unparseable"),
    ("http://example.org:99999/", "unparseable"),
    ("http://exa\x00mple.org/", "control character"),
    ("", "empty"),
])
def test_web_url_refuses_other_schemes_and_broken_links(link: str, reason: str) -> None:
    with pytest.raises(NotAWebUrl, match=reason):
        web_url(link, "https://example.org/feed.xml")


@pytest.mark.parametrize(("link", "expected"), [
    ("/news/1.html", "https://example.org/news/1.html"),
    ("//cdn.example.org/a", "https://cdn.example.org/a"),
    (" http://example.org/a ", "http://example.org/a"),
    ("HTTPS://Example.org/a", "https://Example.org/a"),
])
def test_web_url_resolves_http_links(link: str, expected: str) -> None:
    assert web_url(link, "https://example.org/feed.xml") == expected


def test_download_handlers_for_local_schemes_are_off() -> None:
    from crawler.runtime import settings

    for scheme in ("file", "data", "ftp", "s3"):
        assert settings.DOWNLOAD_HANDLERS[scheme] is None
