"""pipelines.pagemeta: the five metadata fields govwatch keeps, read without trafilatura's
whole metadata pass, must be what that pass (``bare_extraction(with_metadata=True)``) gives.

Each page below takes one path of the pass (JSON-LD over meta tags, the author from the
page's byline with its discarded parts, a date only in the text or the URL, a site name
from <title>, title-cased or from the host); the expected values pin the fields, and the
comparison with trafilatura's own pass catches a trafilatura upgrade that changes either.
"""

from pathlib import Path

import pytest
import trafilatura
from lxml import etree
from trafilatura.utils import load_html

from pipelines.extract import NotAnArticle, extract
from pipelines.pagemeta import PageMeta, read_metadata

BODY = "<p>" + "The council adopted the new rules on water metering after a long debate. " * 4 + "</p>"


def page(head: str, body: str = "") -> str:
    return f"<html><head>{head}</head><body><article>{body}{BODY}</article></body></html>"


PAGES = {
    "json-ld overrides meta tags; a one-word meta author is dropped": (
        page('<title>Rules adopted</title><meta name="author" content="desk">'
             '<meta property="og:site_name" content="Meta Name">'
             '<meta name="description" content="Rules &amp; more   rules.">'
             '<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Rules adopted",'
             ' "author": {"@type": "Person", "name": "Mary Lee"},'
             ' "publisher": {"@type": "Organization", "name": "City Times"},'
             ' "datePublished": "2025-02-03T10:00:00Z"}</script>'),
        "https://news.example.org/a",
        PageMeta("Rules adopted", "Mary Lee", "2025-02-03", "Rules & more rules.", "City Times")),
    "author from the byline, its date part discarded; date only in the text": (
        page("<title>Meters for all</title>",
             '<h1>Meters for all</h1><div class="author">By John Smith<span class="date">'
             "yesterday</span></div><p>Posted 14 March 2024, 10:12</p>"),
        "https://news.example.org/b",
        PageMeta("Meters for all", "John Smith", "2024-03-14", "", "news.example.org")),
    "site name from <title>; date from the canonical URL": (
        page('<title>Meters for all | citytimes.example</title>'
             '<link rel="canonical" href="https://citytimes.example/2023/07/09/meters">'),
        "https://citytimes.example/a?from=rss",
        PageMeta("Meters for all", "", "2023-07-09", "", "citytimes.example")),
    "a lower-case site name or a handle is title-cased": (
        page('<title>Meters</title><meta name="twitter:site" content="@citytimes">'),
        "https://www.citytimes.example/c",
        PageMeta("Meters", "", "", "", "Citytimes")),
    "nothing named: the host without www.": (
        "<html><body><article><h2>Meters</h2>" + BODY + "</article></body></html>",
        "https://www.citytimes.example/d",
        PageMeta("Meters", "", "", "", "citytimes.example")),
}


def trafilaturas_pass(tree, url: str) -> PageMeta:
    """What govwatch stored before pipelines.pagemeta: the fields of the full pass."""
    doc = trafilatura.bare_extraction(tree, url=url, fast=True, with_metadata=True,
                                      include_comments=False)
    assert doc is not None
    return PageMeta(doc.title or "", doc.author or "", doc.date or "", doc.description or "",
                    doc.sitename or "")


@pytest.mark.parametrize("case", PAGES)
def test_fields_are_trafilaturas(case):
    html, url, expected = PAGES[case]
    tree = load_html(html)
    assert read_metadata(tree, url) == trafilaturas_pass(tree, url) == expected


FIXTURES = Path(__file__).parent / "fixtures" / "extract"


@pytest.mark.parametrize("name", ["en_utf8.html", "zh_big5.html", "zh_gbk_declared_gb2312.html"])
def test_fields_are_trafilaturas_on_the_golden_pages(name):
    from pipelines.extract import decode_html

    tree = load_html(decode_html((FIXTURES / name).read_bytes())[0])
    url = f"https://example.org/{name}"
    assert read_metadata(tree, url) == trafilaturas_pass(tree, url)


def test_the_tree_is_left_as_it_was():
    html, url, _ = PAGES["author from the byline, its date part discarded; date only in the text"]
    tree = load_html(html)
    before = etree.tostring(tree)
    read_metadata(tree, url)
    assert etree.tostring(tree) == before


def test_no_metadata_is_read_for_a_page_without_an_article(monkeypatch):
    def boom(*_args):
        raise AssertionError("metadata read for a non-article")

    monkeypatch.setattr("pipelines.extract.read_metadata", boom)
    with pytest.raises(NotAnArticle, match="no extractable text"):
        extract((FIXTURES / "no_text.html").read_bytes(), url="https://example.org/x")


# --- trafilatura's JSON-LD author fallback, searched in one pass (issue #14) -------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from trafilatura import json_metadata as jm  # noqa: E402

from pipelines.pagemeta import person_authors  # noqa: E402


def original_author_reader():
    read_metadata(load_html(page("<title>x</title>")), "https://news.example.org/x")  # swaps it in
    assert getattr(jm.extract_json_author, "_govwatch", False)
    return jm.extract_json_author.__wrapped__


def test_broken_json_ld_with_many_authors_gives_trafilaturas_authors():
    people = ", ".join(f'{{"@type": "Person", "name": "Writer {chr(65 + n)}{chr(97 + n)}"}}'
                       for n in range(26))
    # &quot; is unescaped before parsing, which breaks the JSON: trafilatura's fallback runs
    script = ('{"@type": "LiveBlogPosting", "headline": "Live", "author": [' + people + '],'
              ' "liveBlogUpdate": [' + ', '.join('{"articleBody": "a &quot;b&quot; c"}' for _ in range(200)) + ']}')
    tree = load_html(page(f'<title>Live</title><script type="application/ld+json">{script}</script>'))
    url = "https://news.example.org/live"
    ours = read_metadata(tree, url)
    original = original_author_reader()
    text = jm.JSON_AUTHOR_REMOVE.sub("", jm.normalize_json(script))
    assert original(text, jm.JSON_AUTHOR_2) == person_authors(text, jm.JSON_AUTHOR_2,
                                                              jm.normalize_authors)
    assert ours == trafilaturas_pass(tree, url)


def test_the_one_pass_reader_searches_forward_only():
    seen: list[int] = []

    class Recording:
        def search(self, text, pos=0):
            seen.append(pos)
            return jm.JSON_AUTHOR_2.search(text, pos)

    names = [f"Ann {chr(65 + n)}{chr(97 + n)}ton" for n in range(26)]
    text = " ".join(f'{{"@type": "Person", "name": "{name}"}}' for name in names)
    assert person_authors(text, Recording(), jm.normalize_authors).split("; ") == names
    assert len(seen) == 27 and all(a < b for a, b in zip(seen, seen[1:], strict=False))


_TOKENS = st.sampled_from(['"Person"', '"person"', '"name"', '"names"', "}", '"', " ", ":",
                           ",", "Ann Lee", "Bo", "{", "x", '"@type": ', '\\"'])


@settings(max_examples=400, deadline=None)
@given(st.lists(_TOKENS, max_size=40))
def test_the_one_pass_reader_gives_what_trafilaturas_loop_gives(tokens):
    text = "".join(tokens)
    original = original_author_reader()
    assert person_authors(text, jm.JSON_AUTHOR_2, jm.normalize_authors) == original(
        text, jm.JSON_AUTHOR_2)
    # the other pattern goes to trafilatura's own loop unchanged
    assert jm.extract_json_author(text, jm.JSON_AUTHOR_1) == original(text, jm.JSON_AUTHOR_1)
