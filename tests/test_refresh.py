"""crawler/runtime/middlewares/refresh.py: meta refresh redirects read from the head of a page
follow exactly what Scrapy's MetaRefreshMiddleware follows, without decoding long pages
whole."""

from __future__ import annotations

from typing import Any

import pytest
from scrapy.downloadermiddlewares.redirect import MetaRefreshMiddleware
from scrapy.http import HtmlResponse, Request
from scrapy.http.response import text as scrapy_text
from scrapy.utils.test import get_crawler

from crawler.runtime.middlewares.refresh import HEAD_BYTES, HeadMetaRefreshMiddleware

URL = "http://example.org/news/a.html"
REFRESH = '<meta http-equiv="refresh" content="0; url=/moved/{n}.html">'


def page(before: str, after: str = "", refresh: str = REFRESH, meta_charset: str = "") -> str:
    """A page with ``before`` ahead of the refresh tag and ``after`` behind it (filler up
    to well past HEAD_BYTES)."""
    charset = f'<meta charset="{meta_charset}">' if meta_charset else ""
    return (f"<html><head>{charset}<title>t</title>{before}{refresh.format(n=len(before))}"
            f"</head><body>{after}</body></html>")


def response(html: str, encoding: str, content_type: str | None = None) -> HtmlResponse:
    headers = {"Content-Type": content_type if content_type is not None
               else f"text/html; charset={encoding}"}
    return HtmlResponse(url=URL, body=html.encode(encoding), headers=headers,
                        request=Request(URL))


def both(resp_of: Any) -> tuple[Any, Any]:
    """(Scrapy's answer, ours) for two fresh copies of one response."""
    crawler = get_crawler(settings_dict={})
    theirs = MetaRefreshMiddleware.from_crawler(crawler)
    ours = HeadMetaRefreshMiddleware.from_crawler(crawler)
    return (theirs.process_response(Request(URL), resp_of()),
            ours.process_response(Request(URL), resp_of()))


def outcome(result: Any) -> str:
    return f"redirect {result.url}" if isinstance(result, Request) else "response"


FILLER = "Le gouvernement a publié un rapport sur l'IA. 政府發表人工智能報告。 " * 2000


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "cp1252", "shift_jis", "iso-2022-jp",
                                      "gb18030", "utf-32"])
@pytest.mark.parametrize("chars_before", [0, 3000, 4040, 4060, 4090, 4200])
def test_the_same_redirects_as_scrapy(encoding: str, chars_before: int) -> None:
    """Refresh tags just inside and just outside the 4096 characters Scrapy reads, in
    single-byte, multi-byte, stateful and wide encodings, on pages past HEAD_BYTES."""
    text = ("政府發表報告。" if encoding not in ("cp1252",) else "Rapport publié. ") * 4000
    before = text[:chars_before]
    html = page(before, FILLER)
    try:
        html.encode(encoding)
    except UnicodeEncodeError:
        html = page(before.encode(encoding, "ignore").decode(encoding),
                    FILLER.encode(encoding, "ignore").decode(encoding))
    theirs, ours = both(lambda: response(html, encoding))
    assert len(html.encode(encoding)) > HEAD_BYTES
    assert outcome(ours) == outcome(theirs)


def test_a_long_page_is_not_decoded_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    decoded: list[int] = []
    real = scrapy_text.html_to_unicode

    def counting(content_type: Any, body: bytes, *args: Any, **kwargs: Any) -> Any:
        decoded.append(len(body))
        return real(content_type, body, *args, **kwargs)

    monkeypatch.setattr(scrapy_text, "html_to_unicode", counting)
    ours = HeadMetaRefreshMiddleware.from_crawler(get_crawler(settings_dict={}))
    moved = response(page("", FILLER), "utf-8")
    assert len(moved.body) > 4 * HEAD_BYTES
    redirect = ours.process_response(Request(URL), moved)
    assert isinstance(redirect, Request) and redirect.url == "http://example.org/moved/0.html"
    plain = response(page("", FILLER, refresh=""), "utf-8")
    assert ours.process_response(Request(URL), plain) is plain  # the whole response goes on
    assert decoded and max(decoded) <= HEAD_BYTES


@pytest.mark.parametrize("declared", [
    {"content_type": "text/html"},  # no charset anywhere: Scrapy guesses from the whole body
    {"content_type": "text/html", "meta_charset": "utf-8"},  # declared in the page
])
def test_pages_without_a_header_charset(declared: dict[str, str]) -> None:
    html = page("Résumé " * 10, FILLER + "\xff", meta_charset=declared.get("meta_charset", ""))
    theirs, ours = both(lambda: response(html, "utf-8", declared["content_type"]))
    assert outcome(ours) == outcome(theirs) == "redirect http://example.org/moved/70.html"


def test_short_pages_and_other_responses_as_before() -> None:
    theirs, ours = both(lambda: response(page("x"), "utf-8"))
    assert outcome(ours) == outcome(theirs) == "redirect http://example.org/moved/1.html"


def test_the_crawl_uses_it() -> None:
    from crawler.runtime import settings

    middlewares = settings.DOWNLOADER_MIDDLEWARES
    assert middlewares["scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware"] is None
    assert middlewares["crawler.runtime.middlewares.refresh.HeadMetaRefreshMiddleware"] == 580
