"""pipelines.extract: decoding, extraction golden files, non-articles recorded with a reason."""

import json
from pathlib import Path

import pytest
from trafilatura.utils import load_html

from crawler.shared.items import Article
from pipelines.extract import (
    NotAnArticle,
    _extraction,
    apply,
    canonical_link,
    classify_binary,
    content_hash,
    decode_html,
    extract,
    merge_published,
    paragraph_chars,
    script_language,
)

FIXTURES = Path(__file__).parent / "fixtures" / "extract"
GOLDEN = sorted(p.name.removesuffix(".json") for p in FIXTURES.glob("*.html.json"))


def test_golden_files_exist():
    assert len(GOLDEN) >= 5


@pytest.mark.parametrize("name", GOLDEN)
def test_extraction_matches_golden(name):
    expected = json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))
    found = extract((FIXTURES / name).read_bytes(), url=f"https://example.org/{name}")
    assert found.record() == expected


@pytest.mark.parametrize(
    ("name", "http_encoding", "phrase"),
    [
        ("zh_big5.html", "", "水務署周二表示"),
        ("zh_big5.html", "big5", "聲學感應器"),
        ("zh_big5_undeclared.html", "", "水務署周二表示"),
        ("zh_gbk_declared_gb2312.html", "", "水务署周二表示"),
        ("zh_gbk_declared_gb2312.html", "gb2312", "声学感应器"),
        ("zh_utf8_mislabelled_latin1.html", "", "水務署周二表示"),
        ("zh_utf8_mislabelled_latin1.html", "iso-8859-1", "水務署周二表示"),
        ("en_utf8.html", "", "HK$12 million"),
    ],
)
def test_decoding_east_asian_and_mislabelled_pages(name, http_encoding, phrase):
    found = extract((FIXTURES / name).read_bytes(), http_encoding=http_encoding)
    assert phrase in found.text
    assert "\ufffd" not in found.text


def test_utf8_declared_but_invalid_falls_back_to_detection():
    body = (FIXTURES / "zh_big5.html").read_bytes()
    text, codec = decode_html(body, "utf-8")
    assert "水務署" in text and codec.startswith("big5")


def test_bom_wins():
    text, codec = decode_html(b"\xef\xbb\xbf<p>caf\xc3\xa9</p>", "iso-8859-1")
    assert text == "<p>café</p>" and codec == "utf-8-sig"


@pytest.mark.parametrize(
    ("name", "content_type", "reason"),
    [
        ("empty.html", "text/html", "empty page"),
        ("no_text.html", "text/html", "no extractable text"),
        ("document.pdf", "application/pdf", "PDF document"),
        ("document.pdf", "text/html", "PDF document"),  # magic bytes beat a wrong header
        ("image.png", "image/png", "image (PNG)"),
    ],
)
def test_non_articles_raise_with_reason(name, content_type, reason):
    with pytest.raises(NotAnArticle) as info:
        extract((FIXTURES / name).read_bytes(), content_type=content_type)
    assert info.value.reason == reason


def test_binary_junk_and_declared_types():
    assert classify_binary(b"abc\x00\x01\x02" * 10, "text/html") == "binary content"
    assert classify_binary(b"<html>", "application/octet-stream").startswith("not HTML")
    assert classify_binary(b"<html><p>x</p></html>", "text/html; charset=utf-8") == ""


def test_content_hash_ignores_case_width_and_whitespace():
    assert content_hash("Hello  World\n") == content_hash("hello world")
    assert content_hash("ＡＩ") == content_hash("ai")
    assert content_hash("a") != content_hash("b")


def test_feed_metadata_fills_what_extraction_lacks():
    found = extract((FIXTURES / "en_utf8.html").read_bytes())
    item = Article(url="https://example.org/a", source_id="s", fetched_at="2026-03-04T02:00:00Z",
                   feed_title="Feed title", feed_published_at="2026-03-04T01:30:00Z",
                   feed_summary="Feed summary", source_language="en")
    apply(item, found)
    assert item.title == found.title  # the page's own title wins
    assert item.published_at == "2026-03-04T01:30:00Z"  # same day: the feed's time is kept
    assert item.content_hash == content_hash(found.text)
    no_meta = extract(b"<html><body><article><p>" + b"Plain words here. " * 10 + b"</p></article></body></html>")
    item2 = Article(url="u", source_id="s", fetched_at="t", feed_title="From the feed",
                    feed_published_at="2026-01-01T00:00:00Z", feed_summary="Summary", source_language="en")
    apply(item2, no_meta)
    assert (item2.title, item2.published_at, item2.description) == (
        "From the feed", "2026-01-01T00:00:00Z", "Summary")


def test_merge_published():
    assert merge_published("2026-03-04", "2026-03-04T01:30:00Z") == "2026-03-04T01:30:00Z"
    assert merge_published("", "2026-03-04T01:30:00Z") == "2026-03-04T01:30:00Z"
    assert merge_published("2026-03-01T10:00:00Z", "") == "2026-03-01T10:00:00Z"


def test_script_language_corrects_a_contradicting_source_language():
    assert script_language("水務署周二表示，將試用一套人工智能系統。", "en") == "zh"
    assert script_language("水務署周二表示，將試用一套人工智能系統。", "zh-Hant") == "zh-Hant"
    assert script_language("The department said on Tuesday.", "zh-Hant") == "en"
    assert script_language("Die Regierung testet künstliche Intelligenz.", "de") == "de"


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ('<head><link rel="canonical" href="/news/1.html"></head>', "https://x.org/news/1.html"),
        ("<head><link href='https://x.org/a?b=1' rel='canonical'/></head>", "https://x.org/a?b=1"),
        ('<head><link rel="canonical" href="https://x.org/"></head>', ""),  # home page: a template slip
        ('<head><link rel="alternate" href="/feed"></head>', ""),
        ('<head></head><body><link rel="canonical" href="/late"></body>', ""),
        # "İ" lower-cases to two characters: the head must still end at </head>.
        ('<head><title>' + "İ" * 60 + '</title></head><body><link rel="canonical" href="/late">',
         ""),
        ('<HEAD><LINK REL="canonical" HREF="/news/2.html"></HEAD>', "https://x.org/news/2.html"),
    ],
)
def test_canonical_link(html, expected):
    tree = load_html(html + "<body><p>text</p></body>")
    assert canonical_link(tree, "https://x.org/print/1") == expected


def test_declared_canonical_becomes_the_url_and_fetched_url_an_alias():
    body = (b"<html><head><link rel='canonical' href='/news/1.html'></head><body><article><p>"
            + b"Words of the article body. " * 10 + b"</p></article></body></html>")
    item = Article(url="https://x.org/news/1-print.html", source_id="s", fetched_at="t")
    apply(item, extract(body, url=item.url))
    assert (item.url, item.final_url) == ("https://x.org/news/1.html", "https://x.org/news/1-print.html")
    offsite = body.replace(b"/news/1.html", b"https://other.example/news/1.html")
    item2 = Article(url="https://x.org/news/1-print.html", source_id="s", fetched_at="t")
    apply(item2, extract(offsite, url=item2.url))
    assert item2.url == "https://x.org/news/1-print.html"  # another site's claim is ignored


def test_listing_link_text_is_only_a_last_resort_for_the_title():
    page = (b"<html><head><title>Council adopts AI rules | Civic Times</title></head><body>"
            b"<article><h1>Council adopts AI rules</h1><p>" + b"The council adopted rules. " * 8
            + b"</p></article></body></html>")
    item = Article(url="https://x.org/a-print", source_id="s", fetched_at="t",
                   link_text="Council adopts AI rules (print edition)")
    apply(item, extract(page, url=item.url))
    assert item.title == "Council adopts AI rules"
    bare = b"<html><body><article><p>" + b"Words of a page without any title. " * 8 + b"</p></article></body></html>"
    item2 = Article(url="https://x.org/b", source_id="s", fetched_at="t", link_text="From the listing")
    apply(item2, extract(bare, url=item2.url))
    assert item2.title == "From the listing"


# ------------------------------------------ trafilatura's fallbacks only when they are needed

class _Doc:
    def __init__(self, text: str, title: str) -> None:
        self.text, self.raw_text, self.title = text, text, title

    def as_dict(self) -> dict:
        return {"text": self.text, "title": self.title}


class _Trafilatura:
    """A stand-in for the trafilatura module that records each call's ``fast`` and
    ``with_metadata``."""

    def __init__(self, fast_text: str) -> None:
        self.fast_text, self.calls, self.metadata = fast_text, [], []

    def bare_extraction(self, tree, *, fast, with_metadata, **_options):
        self.calls.append(fast)
        self.metadata.append(with_metadata)
        if fast:
            return _Doc(self.fast_text, "metadata of the first pass")
        return _Doc("the fallbacks' text", "metadata again" if with_metadata else "")


@pytest.mark.parametrize(("fast_text", "calls"), [
    ("x" * 900, [True]),  # own algorithm found most of the paragraphs' text: done
    ("x" * 300, [True, False]),  # less than half of it: ask the fallbacks too
    ("", [True, False]),  # nothing
])
def test_fallbacks_run_only_when_the_own_algorithm_misses_the_body(fast_text, calls):
    tree = load_html("<html><body>" + "<p>" + "y" * 500 + "</p><p>" + "z" * 500
                     + "</p></body></html>")
    assert paragraph_chars(tree) == 1000
    fake = _Trafilatura(fast_text)
    doc = _extraction(fake, tree, "https://example.org/a")
    assert fake.calls == calls
    assert doc.text == (fast_text if calls == [True] else "the fallbacks' text")
    # neither pass reads trafilatura's metadata: pipelines.pagemeta reads what is kept
    assert fake.metadata == [False] * len(calls)


def test_a_plain_article_is_extracted_in_one_pass(monkeypatch):
    import trafilatura

    real, calls = trafilatura.bare_extraction, []

    def spy(*args, **kwargs):
        calls.append(kwargs.get("fast"))
        return real(*args, **kwargs)

    monkeypatch.setattr(trafilatura, "bare_extraction", spy)
    found = extract((FIXTURES / "en_utf8.html").read_bytes(), url="https://example.org/a")
    assert found.text and calls == [True]


# --- parse_html: the tree trafilatura's load_html gives, parsed from the bytes (issue #14) --

_XHTML = ('<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" '
          '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\n')


@pytest.mark.parametrize("page", [
    "<html><head><title>Plain</title></head><body><p>Text ü 政府 😀</p></body></html>",
    _XHTML + '<html xmlns="http://www.w3.org/1999/xhtml"><body><p>XHTML</p></body></html>',
    "<!doctype html><html><body><p>bad \x01\x02 controls \x0b\x0c\x1f and \ufffe\uffff"
    " non-characters, tab\tkept</p></body></html>",
    "<html/>\n<body><p>a self-closing root, which trafilatura repairs</p></body>",
    "<div><p>no html tag at the start: trafilatura's dubious check</p><p>two</p></div>",
    '<html><head><meta charset="iso-8859-1"></head><body><p>declared latin-1 '
    "but UTF-8: caf\u00e9</p></body></html>",
    "<html><body><p>unclosed <b>tags <i>everywhere</p><table><td>cell</body>",
    "\ufeff<html><body><p>a byte-order mark</p></body></html>",
    "<html><body><!-- a comment --><?php echo 1 ?><form><input name=q><label>L</label>"
    "</form><p>comments and instructions dropped</p></body></html>",
])
def test_parse_html_gives_load_htmls_tree(page):
    from lxml.html import tostring
    from trafilatura.utils import load_html

    from pipelines.extract import decode_html, parse_html

    body = page.encode("utf-8")
    html, encoding = decode_html(body)
    expected, got = load_html(html), parse_html(body, html, encoding)
    assert (expected is None) == (got is None)
    if expected is not None:
        assert tostring(got, encoding="unicode") == tostring(expected, encoding="unicode")


def test_a_utf8_page_is_parsed_from_its_bytes(monkeypatch):
    import trafilatura.utils

    from pipelines.extract import parse_html

    def not_called(*args, **kwargs):
        raise AssertionError("load_html used for a plain UTF-8 page")

    monkeypatch.setattr(trafilatura.utils, "load_html", not_called)
    body = "<html><body><p>政府 plain UTF-8</p></body></html>".encode()
    assert parse_html(body, body.decode(), "utf-8").xpath("//p")[0].text == "政府 plain UTF-8"


def test_the_parser_makes_plain_html_elements_and_the_same_extraction(monkeypatch):
    """pipelines.extract.html_parser: every element an HtmlElement (chosen in C, no
    FormElement), and the extraction of every fixture page the same as with trafilatura's
    own parser."""
    import trafilatura.utils
    from lxml.html import FormElement, HtmlElement

    from pipelines import extract

    body = b"<html><body><form><input name=q></form><p>text</p></body></html>"
    tree = extract.parse_html(body, body.decode(), "utf-8")
    form = tree.find(".//form")
    assert type(form) is HtmlElement and not isinstance(form, FormElement)

    pages = sorted((FIXTURES.parent).rglob("*.htm*"))
    assert len(pages) >= 10

    def extractions() -> list[str]:
        out = []
        for page in pages:
            try:
                found = extract.extract(page.read_bytes(), url="http://127.0.0.1/a",
                                        content_type="text/html")
                out.append(repr(sorted(vars(found).items())))
            except extract.NotAnArticle as err:
                out.append(f"not an article: {err}")
        return out

    ours = extractions()
    monkeypatch.setattr(extract, "html_parser", lambda: trafilatura.utils.HTML_PARSER)
    assert extractions() == ours
