"""trafilatura's boilerplate and body selectors, evaluated in Python (issue #14).

trafilatura chooses what to delete (comment sections, share bars, hidden blocks, the
author's box) and where the article body is with XPath expressions that test ``@id``,
``@class`` and ``@style`` with EXSLT regular expressions (``re:test``). libxml2 hands every
``re:test`` of every element back to Python through lxml, one call each, and about a fifth
of an extraction's CPU went into those expressions (bench/README.md, "Crawl,
twenty-sixth session"). A selector here gives the same elements, in the same order, from
one pass over the tree in Python, testing each attribute with the same compiled pattern.

How a translation is tied to trafilatura's expression: :func:`install` reads every XPath
in the lists of ``trafilatura.xpaths``, blanks the patterns of its ``re:test`` calls and
hashes what is left (the structure: axes, tests, attributes, literals). A translation is
keyed by that hash and receives the expression's own patterns, so a trafilatura release
that changes a token list is still translated exactly, and one that changes anything else
keeps its XPath (tests/test_selectors.py then fails until the translation is redone).
Each selector is compared with its XPath by tests/test_selectors.py on the HTML fixtures
and on random trees built from the patterns' own tokens. What XPath means (``@a|@b``,
``re:test`` of a missing attribute, ``[1]``) is written once, in pipelines/xpath_semantics.py.

:func:`install` replaces the expressions in place, in trafilatura's own lists (every
trafilatura module holds those lists, not copies), once per process; the extraction
stage calls it before its first page. A selector called with anything but an element
(or with XPath variables) runs the original XPath.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from lxml import etree

from pipelines.xpath_semantics import (
    Select,
    Test,
    at_most_first,
    blanked_key,
    contains,
    descendants,
    first_per_parent,
    first_value,
    in_document,
    matches_bare,
    string_value,
    structure,
    tester,
)

# --------------------------------------------------------------------------------------
# The translations: one per expression, named by trafilatura.xpaths' list and index
# --------------------------------------------------------------------------------------

Factory = Callable[[list[Test]], Select]
TRANSLATIONS: dict[str, tuple[str, Factory]] = {}


def _translates(name: str, key: str) -> Callable[[Factory], Factory]:
    def register(factory: Factory) -> Factory:
        TRANSLATIONS[key] = (name, factory)
        return factory
    return register


@_translates("RAW_TREE_PRUNE_XPATH[0]", "d4d454df92a2f305")
def _appended_articles(tests: list[Test]) -> Select:
    """div/section/aside whose id or class names an appended-articles container; one
    holding an <h1> only when its id or class matches the second, stricter pattern."""
    id_any, class_any, id_strict, class_strict = tests

    def select(node: Any) -> list[Any]:
        return [el for el in descendants(node, ("div", "section", "aside"))
                if (id_any(el) or class_any(el))
                and (next(el.iterdescendants("h1"), None) is None
                     or id_strict(el) or class_strict(el))]
    return select


@_translates("RAW_TREE_PRUNE_XPATH[1]", "3c7afe92279543d5")
def _share_buttons(tests: list[Test]) -> Select:
    """div/section/aside whose class contains 'elementor-share-buttons'."""
    def select(node: Any) -> list[Any]:
        return [el for el in descendants(node, ("div", "section", "aside"))
                if contains(el, "class", "elementor-share-buttons")]
    return select


@_translates("REMOVE_COMMENTS_AND_LISTS_XPATH[0]", "2f820262b0f8ae6e")
def _comment_sections(tests: list[Test]) -> Select:
    """Comment sections: div/list/section/details/ol/ul whose id or class matches; an ol
    or ul only when the second pair of patterns matches too."""
    id_any, class_any, id_list, class_list = tests

    def select(node: Any) -> list[Any]:
        return [el for el in descendants(
                    node, ("div", "list", "section", "details", "ol", "ul"))
                if (id_any(el) or class_any(el))
                and (el.tag not in ("ol", "ul") or id_list(el) or class_list(el))]
    return select


_BODY_TAGS = ("article", "div", "main", "section")  # where the BODY_XPATH expressions look


@_translates("BODY_XPATH[0]", "592c2ca8b88a42e0")
def _article_bodies(tests: list[Test]) -> Select:
    """article/div/main/section marked as the article's body (class post or entry,
    itemprop articleBody, id articleContent, or the patterns); of the matching children
    of one parent, the first."""
    id_body, class_body = tests

    def body(el: Any) -> bool:
        cls = el.get("class")
        return (cls == "post" or cls == "entry" or el.get("itemprop") == "articleBody"
                or el.get("id") == "articleContent" or id_body(el) or class_body(el))

    def select(node: Any) -> list[Any]:
        return first_per_parent(
            el for el in descendants(node, _BODY_TAGS) if body(el))
    return select


@_translates("BODY_XPATH[2]", "fc004ded1b90017d")
def _story_bodies(tests: list[Test]) -> Select:
    """The first article/div/main/section with role article, a story-like id or class
    (the listed values or the patterns)."""
    id_story, class_fulltext, class_story = tests
    ids, classes = ("article", "story"), ("postarea", "art-postcontent", "text", "cell", "story")

    def story(el: Any) -> bool:
        return (el.get("role") == "article" or el.get("id") in ids
                or el.get("class") in classes
                or id_story(el) or class_fulltext(el) or class_story(el))

    def select(node: Any) -> list[Any]:
        return at_most_first(
            el for el in descendants(node, _BODY_TAGS) if story(el))
    return select


_CM = str.maketrans("CM", "cm")
_CP = str.maketrans("CP", "cp")


@_translates("BODY_XPATH[3]", "27084a3e703d0182")
def _content_bodies(tests: list[Test]) -> Select:
    """The first article/div/main/section whose id or class is content, matches the
    patterns, or holds main-content / page-content (C, M and P in either case)."""
    id_content, class_content = tests

    def content(el: Any) -> bool:
        ident, cls = el.get("id"), el.get("class")
        return (ident == "content" or cls == "content" or id_content(el) or class_content(el)
                or ident is not None and "main-content" in ident.translate(_CM)
                or cls is not None and ("main-content" in cls.translate(_CM)
                                        or "page-content" in cls.translate(_CP)))

    def select(node: Any) -> list[Any]:
        return at_most_first(
            el for el in descendants(node, _BODY_TAGS) if content(el))
    return select


@_translates("OVERALL_DISCARD_XPATH[0]", "2921e1fcb7dfef9f")
def _page_furniture(tests: list[Test]) -> Select:
    """div/item/list/p/section/span that are page furniture: a replacement-content
    attribute, a navigation role, a most-popular component, or the patterns (cookie in id
    or class, the id and the class token lists)."""
    cookie, id_tokens, class_tokens = tests

    def furniture(el: Any) -> bool:
        role = el.get("role")
        return (el.get("data-lp-replacement-content") is not None
                or role is not None and "nav" in role.replace("N", "n")
                or contains(el, "data-component", "MostPopularStories")
                or cookie(el) or id_tokens(el) or class_tokens(el))

    def select(node: Any) -> list[Any]:
        return [el for el in descendants(
                    node, ("div", "item", "list", "p", "section", "span")) if furniture(el)]
    return select


@_translates("OVERALL_DISCARD_XPATH[1]", "d398d31e6f259f94")
def _hidden_parts(tests: list[Test]) -> Select:
    """Any element hidden or about replies: class comments-title, id-or-class starting
    with reply-, display:none, aria-hidden, or the patterns (hidden in id or style, the
    id and class lists)."""
    hidden, id_tokens, class_tokens = tests
    id_or_class = ("id", "class")
    bare = matches_bare(tests)  # what an element without attributes gives

    def gone(el: Any) -> bool:
        if not el.keys():
            return bare
        style = el.get("style")
        first = first_value(el, id_or_class)
        return (el.get("class") == "comments-title"
                or first is not None and first.startswith("reply-")
                or hidden(el)
                or style is not None and ("display:none" in style or "display: none" in style)
                or id_tokens(el) or class_tokens(el)
                or el.get("aria-hidden") == "true")

    def select(node: Any) -> list[Any]:
        return [el for el in descendants(node, ()) if gone(el)]
    return select


@_translates("AUTHOR_DISCARD_XPATHS[0]", "a42efa9ef4e5c183")
def _not_the_author(tests: list[Test]) -> Select:
    """a/div/section/span an author is not read from: comments, title, date, the
    patterns, or a figure component."""
    id_tokens, class_tokens = tests

    def elsewhere(el: Any) -> bool:
        ident, cls = el.get("id"), el.get("class")
        return (ident == "comments" or cls in ("comments", "title", "date")
                or id_tokens(el) or class_tokens(el)
                or contains(el, "data-component", "Figure"))

    def select(node: Any) -> list[Any]:
        return [el for el in descendants(node, ("a", "div", "section", "span"))
                if elsewhere(el)]
    return select


_CLEANED = frozenset(("aside", "fencedframe", "footer", "script", "style", "svg", "template"))


@_translates("BASIC_CLEAN_XPATH", "0644ed0926b40410")
def _basic_clean(tests: list[Test]) -> Select:
    """What the plain-text fallback deletes first: asides, footers, scripts, styles, SVG,
    templates, frames, a div whose class-or-id contains footer, and cookie banners (the
    patterns, on class or id)."""
    class_cookie, id_cookie = tests
    class_or_id = ("class", "id")

    def cleaned(el: Any) -> bool:
        tag = el.tag
        if tag in _CLEANED:
            return True
        if tag == "div":
            first = first_value(el, class_or_id)
            if first is not None and "footer" in first:
                return True
        return class_cookie(el) or id_cookie(el)

    def select(node: Any) -> list[Any]:
        return [el for el in descendants(node, ()) if cleaned(el)]
    return select


@_translates("AUTHOR_XPATHS[0]", "ba0755c5f7578ef6")
def _author_marked(tests: list[Test]) -> Select:
    """In the whole document: a/address/div/link/p/span/strong marked as the author (rel,
    id, class, itemprop, test ids, a child <rel> reading 'me', or the pattern), and every
    <author> element."""
    (class_name,) = tests
    tags = ("a", "address", "div", "link", "p", "span", "strong")
    test_ids = ("AuthorCard", "AuthorURL")

    def marked(el: Any) -> bool:
        return (el.get("rel") == "author" or el.get("id") == "author"
                or el.get("class") == "author" or el.get("itemprop") == "author name"
                or any(string_value(c) == "me" for c in el.iterchildren("rel"))
                or el.get("data-testid") in test_ids or class_name(el))

    def select(node: Any) -> list[Any]:
        return [el for el in in_document(node, ()) if el.tag == "author"
                or el.tag in tags and marked(el)]
    return select


@_translates("AUTHOR_XPATHS[1]", "ed46ec88a4d7d0ee")
def _bylines(tests: list[Test]) -> Select:
    """In the whole document: a/div/h3/h4/p/span with a byline-like class, an author
    itemprop, or the patterns."""
    id_tokens, class_tokens = tests
    classes = ("byline", "username", "byl", "BBL")

    def byline(el: Any) -> bool:
        return (el.get("class") in classes or contains(el, "itemprop", "author")
                or id_tokens(el) or class_tokens(el))

    def select(node: Any) -> list[Any]:
        return [el for el in in_document(node, ("a", "div", "h3", "h4", "p", "span"))
                if byline(el)]
    return select


@_translates("AUTHOR_XPATHS[2]", "8cf4cb8838f05eec")
def _any_author(tests: list[Test]) -> Select:
    """In the whole document: any element with a Byline component, an author itemprop or
    the patterns."""
    id_tokens, class_tokens = tests

    def author(el: Any) -> bool:
        return (contains(el, "data-component", "Byline") or contains(el, "itemprop", "author")
                or id_tokens(el) or class_tokens(el))

    def select(node: Any) -> list[Any]:
        return [el for el in in_document(node, ()) if author(el)]
    return select


# --------------------------------------------------------------------------------------
# Installing
# --------------------------------------------------------------------------------------

class Selector:
    """A translated expression in place of trafilatura's XPath: called like it."""

    __slots__ = ("name", "path", "original", "_select")

    def __init__(self, name: str, original: Any, select: Select) -> None:
        self.name, self.path, self.original, self._select = name, original.path, original, select

    def __call__(self, node: Any, **variables: Any) -> Any:
        if variables or not isinstance(node, etree._Element):
            return self.original(node, **variables)
        return self._select(node)

    def __repr__(self) -> str:
        return f"<Selector {self.name} for {self.original!r}>"


def translate(path: str) -> tuple[str, Select] | None:
    """(name, selector) for an XPath source with a translation, else None."""
    blanked, calls = structure(path)
    found = TRANSLATIONS.get(blanked_key(blanked))
    if found is None:
        return None
    name, factory = found
    return name, factory([tester(attrs, pattern, flags) for attrs, pattern, flags in calls])


def _modules() -> Iterator[Any]:
    """trafilatura's loaded modules (importing trafilatura loads all those that hold
    expressions)."""
    import sys

    import trafilatura  # noqa: F401 - loads its modules

    for name, module in list(sys.modules.items()):
        if name == "trafilatura" or name.startswith("trafilatura."):
            yield module


def _slots() -> Iterator[tuple[str, Any, Any, Any]]:
    """(name, container, key, expression) of every XPath expression trafilatura keeps in a
    module variable or in a list of them: ``container[key]`` is where it sits (a list
    and its index; a module's ``__dict__`` and the variable's name). A list imported by
    several modules is one list, seen once."""
    seen: set[int] = set()
    for module in _modules():
        variables = vars(module)
        for attr, value in list(variables.items()):
            if not attr.isupper():
                continue
            if isinstance(value, list) and id(value) not in seen:
                seen.add(id(value))
                for i, expression in enumerate(value):
                    if isinstance(expression, (etree.XPath, Selector)):
                        yield f"{attr}[{i}]", value, i, expression
            elif isinstance(value, (etree.XPath, Selector)):
                yield attr, variables, attr, value


def install() -> list[str]:
    """Put the translated selectors where trafilatura keeps its expressions (once; later
    calls change nothing); returns the names of the expressions now translated."""
    made: dict[int, Selector] = {}  # one selector for an expression held by two modules
    for name, container, key, expression in _slots():
        if isinstance(expression, Selector):
            continue
        selector = made.get(id(expression))
        if selector is None:
            found = translate(expression.path)
            if found is None:
                continue
            selector = made[id(expression)] = Selector(name, expression, found[1])
        container[key] = selector
    return installed()


def installed() -> list[str]:
    """The names of the expressions currently replaced (sorted, each once)."""
    return sorted({e.name for _, _, _, e in _slots() if isinstance(e, Selector)})


def uninstall() -> None:
    """Put trafilatura's own XPath back everywhere (tests, bench/crawl.py's baseline)."""
    for _, container, key, expression in _slots():
        if isinstance(expression, Selector):
            container[key] = expression.original
