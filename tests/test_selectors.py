"""pipelines/selectors.py: trafilatura's regex XPath, evaluated in Python, gives the same
elements in the same order; installed in trafilatura's lists and removable."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from lxml.html import fromstring

from pipelines import extract, selectors

FIXTURES = Path(__file__).parent / "fixtures"


def _tree_of(page: Path):
    body = page.read_bytes()
    html, encoding = extract.decode_html(body, "")
    return extract.parse_html(body, html, encoding) if html.strip() else None


# Every HTML page of the fixtures that parses (empty.html does not: no expression runs).
PAGES = [p for p in sorted(FIXTURES.rglob("*.html")) if _tree_of(p) is not None]

# What this version translates; a trafilatura release that changes one of these
# expressions beyond its patterns leaves it untranslated, and this list says so.
EXPECTED = {
    "BODY_XPATH[0]", "BODY_XPATH[2]", "BODY_XPATH[3]",
    "RAW_TREE_PRUNE_XPATH[0]", "RAW_TREE_PRUNE_XPATH[1]",
    "REMOVE_COMMENTS_AND_LISTS_XPATH[0]",
    "OVERALL_DISCARD_XPATH[0]", "OVERALL_DISCARD_XPATH[1]",
    "AUTHOR_XPATHS[0]", "AUTHOR_XPATHS[1]", "AUTHOR_XPATHS[2]", "AUTHOR_DISCARD_XPATHS[0]",
    "BASIC_CLEAN_XPATH",
}


def _pairs() -> list[tuple[str, object, selectors.Select]]:
    """(name, trafilatura's XPath, the translation) for every translated expression."""
    out = {}
    for name, _, _, expression in selectors._slots():
        original = getattr(expression, "original", expression)
        found = selectors.translate(original.path)
        if found is not None:
            out[name] = (name, original, found[1])
    return list(out.values())


PAIRS = _pairs()


def _contexts(tree) -> list:
    """The whole tree and a few of its elements, as trafilatura calls the expressions
    on the page and on parts of it."""
    found = [tree]
    for tag in ("body", "div", "article", "section"):
        elements = list(tree.iter(tag))
        if elements:
            found.append(elements[len(elements) // 2])
    return found


def _same(original, select, node) -> None:
    expected = original(node)
    got = select(node)
    assert [id(e) for e in got] == [id(e) for e in expected], (
        [etree.tostring(e)[:80] for e in got], [etree.tostring(e)[:80] for e in expected])


def test_every_translation_applies_to_the_installed_trafilatura():
    names = {name for name, _, _ in PAIRS}
    assert names == EXPECTED, (
        "trafilatura's expressions changed: redo the translations of "
        f"{sorted(EXPECTED - names)} in pipelines/selectors.py")
    assert len(selectors.TRANSLATIONS) == len(EXPECTED)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_selectors_give_trafilaturas_elements_on_the_fixture_pages(page):
    tree = _tree_of(page)
    for _name, original, select in PAIRS:
        for node in _contexts(tree):
            _same(original, select, node)


# Random trees built from the patterns' own tokens and the literals the expressions test.
def _tokens() -> list[str]:
    words: set[str] = set()
    for _, original, _ in PAIRS:
        for _, pattern, _ in selectors.structure(original.path)[1]:
            words.update(re.findall(r"[A-Za-z_:]+", pattern))
        words.update(re.findall(r"'([^']*)'", selectors.structure(original.path)[0]))
    return sorted(w for w in words if w)


TOKENS = _tokens()
TAGS = ["div", "section", "aside", "footer", "script", "svg", "article", "main", "list", "item", "p", "span", "ol", "ul",
        "details", "a", "address", "link", "strong", "h1", "h3", "h4", "author", "rel", "b"]
ATTRIBUTES = ["id", "class", "style", "role", "aria-hidden", "data-component", "itemprop",
              "rel", "data-testid", "data-lp-replacement-content"]

_token = st.sampled_from(TOKENS)
_value = st.one_of(
    _token,  # exactly a literal the expression compares with, or one of its words
    st.lists(st.one_of(_token, _token.map(str.upper), _token.map(str.capitalize),
                       st.sampled_from(["", "x", " ", "-"])), max_size=3).flatmap(
        lambda parts: st.sampled_from([" ", "-", ""]).map(lambda sep: sep.join(parts))))
_attributes = st.lists(st.tuples(st.sampled_from(ATTRIBUTES), _value), max_size=4,
                       unique_by=lambda kv: kv[0])


def _element(children):
    return st.tuples(st.sampled_from(TAGS), _attributes,
                     st.sampled_from(["", "me", "text"]), st.lists(children, max_size=4))


_leaf = st.tuples(st.sampled_from(TAGS), _attributes, st.sampled_from(["", "me", "text"]),
                  st.just([]))
_tree = st.recursive(_leaf, _element, max_leaves=30)


def _html(node) -> str:
    tag, attributes, text, children = node
    attrs = "".join(f' {k}="{v}"' for k, v in attributes)
    return f"<{tag}{attrs}>{text}{''.join(_html(c) for c in children)}</{tag}>"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_tree, min_size=1, max_size=3))
def test_selectors_give_trafilaturas_elements_on_random_trees(nodes):
    page = "<html><body>" + "".join(_html(n) for n in nodes) + "</body></html>"
    tree = fromstring(page.encode("utf-8"), parser=extract.html_parser())
    for _name, original, select in PAIRS:
        for node in [tree, *list(tree.iter())[1::3]]:
            _same(original, select, node)


# Pages made for the corners of XPath's meaning, each with the expression it is about:
# that expression must find something there (the case is real), and every translation
# must agree with its XPath.
CORNERS = [
    ("BODY_XPATH[0]", "<div><div class='post'>a</div><p>x</p><div class='entry'>b</div>"
                      "<section id='article-body'>c</section></div>"),  # first per parent
    ("BODY_XPATH[2]", "<div class='text'>a</div><article class='FullText'>b</article>"),
    ("BODY_XPATH[3]", "<div id='Main-Content'>a</div><div class='Page-Content'>b</div>"),
    ("OVERALL_DISCARD_XPATH[0]", "<div role='Navigation'>a</div><span data-lp-replacement-"
                                 "content=''>b</span><p class='x' id='cookie-bar'>c</p>"),
    ("OVERALL_DISCARD_XPATH[1]", "<p class='reply-x' id='a'>a</p><p id='b' class='reply-y'>b"
                                 "</p><b style='color: red; display: none'>c</b>"
                                 "<i aria-hidden='true'>d</i><em id='x' style='hidden'>e</em>"),
    ("RAW_TREE_PRUNE_XPATH[0]", "<div class='infinite-scroll'><h1>t</h1>a</div>"
                                "<div class='infinitescroll'>b</div>"
                                "<aside id='mvp-post-add-box'><h1>u</h1></aside>"),
    ("RAW_TREE_PRUNE_XPATH[1]", "<section class='a elementor-share-buttons'>x</section>"),
    ("REMOVE_COMMENTS_AND_LISTS_XPATH[0]", "<ul class='commentary'>a</ul><ol id='comments'>"
                                           "b</ol><details class='article-comments'>c</details>"),
    ("AUTHOR_XPATHS[0]", "<span><rel>me</rel>a</span><p><rel>you</rel>b</p><author>c</author>"
                         "<strong itemprop='author name'>d</strong>"),
    ("AUTHOR_XPATHS[1]", "<h4 class='BBL'>a</h4><a itemprop='x author'>b</a>"),
    ("AUTHOR_XPATHS[2]", "<b data-component='Byline'>a</b><i class='Author'>b</i>"),
    ("AUTHOR_DISCARD_XPATHS[0]", "<span class='date'>a</span><a data-component='Figure'>b</a>"),
    ("BASIC_CLEAN_XPATH", "<div id='x' class='the-footer'>a</div><div class='x' id='footer'>"
                          "b</div><p id='Cookie-Banner'>c</p><aside>d</aside><svg></svg>"),
]


@pytest.mark.parametrize(("target", "snippet"), CORNERS, ids=[c[0] for c in CORNERS])
def test_selectors_agree_on_the_corners_of_xpath(target, snippet):
    tree = fromstring(f"<html><body><div>{snippet}</div></body></html>".encode(),
                      parser=extract.html_parser())
    original = next(o for name, o, _ in PAIRS if name == target)
    assert original(tree)
    for _name, original, select in PAIRS:
        for node in [tree, *tree.iter()]:
            _same(original, select, node)


def test_the_patterns_come_from_the_expression():
    """A release that changes a token list is translated with the new tokens."""
    original = next(o for name, o, _ in PAIRS if name == "OVERALL_DISCARD_XPATH[1]")
    changed = original.path.replace("akismet", "zzqq")
    name, select = selectors.translate(changed)
    assert name == "OVERALL_DISCARD_XPATH[1]"
    tree = fromstring("<html><body><div><p id='a-zzqq'>x</p><p id='akismet'>y</p></div>"
                      "</body></html>")
    assert [e.get("id") for e in select(tree)] == ["a-zzqq"]
    assert [e.get("id") for e in etree.XPath(changed, namespaces={
        "re": "http://exslt.org/regular-expressions"})(tree)] == ["a-zzqq"]


@pytest.mark.parametrize("name", ["OVERALL_DISCARD_XPATH[1]", "AUTHOR_XPATHS[2]"])
def test_a_pattern_that_matches_nothing_matches_a_missing_attribute(name):
    """re:test of a missing attribute tests the empty string: a pattern that matches it
    matches every element (as XPath does), attributes or not."""
    original = next(o for n, o, _ in PAIRS if n == name)
    _, calls = selectors.structure(original.path)
    changed = original.path.replace(f"'{calls[1][1]}'", "'x?'", 1)
    _, select = selectors.translate(changed)
    tree = fromstring("<html><body><div><p>a</p><p id='y' class='z'>b</p></div></body></html>")
    xpath = etree.XPath(changed, namespaces={"re": "http://exslt.org/regular-expressions"})
    assert len(xpath(tree)) >= 4
    for node in tree.iter():
        _same(xpath, select, node)


def test_a_changed_structure_is_not_translated():
    original = next(o for name, o, _ in PAIRS if name == "OVERALL_DISCARD_XPATH[0]")
    assert selectors.translate(original.path.replace("self::span", "self::nav")) is None
    assert selectors.translate(original.path + "\n   ") is not None  # whitespace only


def test_install_replaces_in_place_and_uninstall_restores():
    from trafilatura import xpaths

    before = list(xpaths.OVERALL_DISCARD_XPATH)
    try:
        selectors.uninstall()
        assert selectors.installed() == []
        assert set(selectors.install()) == EXPECTED
        assert set(selectors.install()) == EXPECTED  # a second call changes nothing
        assert set(selectors.installed()) == EXPECTED
        installed = xpaths.OVERALL_DISCARD_XPATH[0]
        assert isinstance(installed, selectors.Selector)
        assert installed.path == installed.original.path
        # a module variable, imported by another module: both names replaced
        baseline = importlib.import_module("trafilatura.baseline")  # (a function's name too)
        trafilatura_settings = importlib.import_module("trafilatura.settings")

        assert isinstance(baseline.BASIC_CLEAN_XPATH, selectors.Selector)
        assert trafilatura_settings.BASIC_CLEAN_XPATH is baseline.BASIC_CLEAN_XPATH
        selectors.uninstall()
        assert isinstance(baseline.BASIC_CLEAN_XPATH, etree.XPath)
        assert isinstance(trafilatura_settings.BASIC_CLEAN_XPATH, etree.XPath)
        assert not any(isinstance(x, selectors.Selector) for x in xpaths.OVERALL_DISCARD_XPATH)
        assert [x.path for x in xpaths.OVERALL_DISCARD_XPATH] == [
            getattr(x, "original", x).path for x in before]
    finally:
        selectors.install()


def test_anything_but_an_element_goes_to_the_xpath():
    name, original, select = next(p for p in PAIRS if p[0] == "BODY_XPATH[0]")
    selector = selectors.Selector(name, original, select)
    tree = fromstring("<html><body><div class='post'>x</div></body></html>")
    document = tree.getroottree()
    assert [e.get("class") for e in selector(document)] == ["post"]
    assert selector(tree) == original(tree)


@pytest.mark.parametrize("page", sorted((FIXTURES / "extract").glob("*.html")),
                         ids=lambda p: p.name)
def test_extraction_is_the_same_with_trafilaturas_own_xpath(page):
    body = page.read_bytes()

    def run():
        try:
            return extract.extract(body, url="https://example.org/a").record()
        except extract.NotAnArticle as exc:
            return exc.reason

    try:
        selectors.install()
        with_selectors = run()
        selectors.uninstall()
        assert selectors.installed() == []
        assert run() == with_selectors
    finally:
        selectors.install()


def test_a_failing_install_leaves_trafilaturas_xpath_and_extraction_works(monkeypatch, caplog):
    page = FIXTURES / "extract" / "en_utf8.html"
    expected = extract.extract(page.read_bytes(), url="https://example.org/a").record()

    def broken(path):
        raise RuntimeError("no translation today")

    monkeypatch.setattr(selectors, "translate", broken)
    try:
        selectors.uninstall()
        extract.trafilatura_with_selectors.cache_clear()
        found = extract.extract(page.read_bytes(), url="https://example.org/a").record()
        assert found == expected
        assert selectors.installed() == []
        assert "selectors left as XPath" in caplog.text and "no translation today" in caplog.text
    finally:
        monkeypatch.undo()
        extract.trafilatura_with_selectors.cache_clear()
        selectors.install()
