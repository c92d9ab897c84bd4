"""What a page says its title is: the headline candidates of ``pipelines.headline``.

A page states its headline several times: ``og:title``, ``twitter:title``, a JSON-LD
``headline``, ``itemprop="headline"``, the first ``<h1>``, ``<title>``. This module only
collects them (plus hints about the site: its name and the page's canonical URL);
choosing among them is ``pipelines.headline``'s job. Never raises on bad HTML or
broken JSON.
"""

from __future__ import annotations

import html as htmlmod
import json
import re
import unicodedata
from collections.abc import Iterator
from typing import Any

import lxml.html
from lxml import etree

ARTICLE_TYPES = re.compile(r"(Article|BlogPosting|Report|NewsArticle|WebPage)$", re.I)
MIN_H1_CHARS = 4
# What lxml.html's text_content() computes, for plain elements.
_text_content = etree.XPath("string()", smart_strings=False)
_with_itemprop = etree.XPath(".//*[@itemprop]")


def normalize(text: str) -> str:
    """NFKC, unescaped, whitespace collapsed: the form titles are compared and returned in."""
    text = unicodedata.normalize("NFKC", htmlmod.unescape(text or ""))
    return " ".join(text.split())


def title_candidates(html: str | bytes) -> dict[str, str]:
    """Headline candidates of a page: og, twitter, jsonld, itemprop, h1, title.

    Also returns hints when present: ``site_name`` (og:site_name, application-name or
    JSON-LD publisher name) and ``url`` (og:url or the canonical link). Empty values
    are left out; a page that cannot be parsed gives ``{}``.
    """
    try:
        if isinstance(html, str):
            html = html.encode("utf-8", "replace")
        if not html.strip():
            return {}
        # lxml.html's own parser builds the same tree but wraps every element visited in
        # a Python class chosen per element (a quarter of this function's time on the
        # crawl bench); the plain parser's elements are all this needs. fromstring() still
        # decides, as before, whether the page is a document or a fragment.
        tree = lxml.html.fromstring(html, parser=etree.HTMLParser(encoding="utf-8"))
    except (etree.ParserError, ValueError, TypeError):
        return {}
    return tree_candidates(tree)


def declared_canonical(tree: Any) -> str:
    """The href of the page's ``<link rel="canonical">`` in its ``<head>``, as written
    ("" when none): the one place the canonical link is found (pipelines/extract.py
    resolves and checks it). A link in the body is not the publisher's declaration."""
    if tree is None:
        return ""
    head = tree if tree.tag == "head" else tree.find(".//head")
    if head is None:
        return ""
    for link in head.iter("link"):
        rels = (link.get("rel") or "").lower().split()
        if "canonical" in rels:
            return (link.get("href") or "").strip()
    return ""


def tree_candidates(tree: Any) -> dict[str, str]:
    """:func:`title_candidates` of a page already parsed by lxml (plain or lxml.html
    elements), e.g. the tree trafilatura extracts from, so the page is parsed once."""
    out: dict[str, str] = {}

    def put(key: str, value: Any) -> None:
        if isinstance(value, str) and key not in out:
            value = normalize(value)
            if value:
                out[key] = value

    for meta in tree.iter("meta"):
        name = (meta.get("property") or meta.get("name") or "").strip().lower()
        content = meta.get("content") or ""
        if name == "og:title":
            put("og", content)
        elif name == "twitter:title":
            put("twitter", content)
        elif name in ("og:site_name", "application-name"):
            put("site_name", content)
        elif name == "og:url":
            put("url", content)
    put("url", declared_canonical(tree))

    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() == "application/ld+json":
            for node in _jsonld_nodes(script.text or ""):
                kind = _type_of(node)
                if not ARTICLE_TYPES.search(kind):
                    continue
                # A WebPage headline counts only when no Article node has one.
                put("jsonld_page" if kind.lower().endswith("webpage") else "jsonld",
                    node.get("headline"))
                if not kind.lower().endswith("webpage"):
                    publisher = node.get("publisher")
                    if isinstance(publisher, list) and publisher:
                        publisher = publisher[0]
                    if isinstance(publisher, dict):
                        put("site_name", publisher.get("name"))
    if "jsonld" not in out and "jsonld_page" in out:
        out["jsonld"] = out["jsonld_page"]
    out.pop("jsonld_page", None)

    for el in _with_itemprop(tree):  # XPath in C, where iterfind walked every element
        if "headline" in (el.get("itemprop") or "").split():
            put("itemprop", el.get("content") or _text_content(el))
            break
    for h1 in tree.iter("h1"):
        text = normalize(_text_content(h1))
        if len(text) >= MIN_H1_CHARS:
            put("h1", text)
            break
    title_el = tree.find(".//title")
    if title_el is not None:
        put("title", _text_content(title_el))
    return out


def _type_of(node: dict[str, Any]) -> str:
    kind = node.get("@type", "")
    if isinstance(kind, list):
        kind = next((k for k in kind if isinstance(k, str) and ARTICLE_TYPES.search(k)),
                    kind[0] if kind else "")
    return kind if isinstance(kind, str) else ""


def _jsonld_nodes(raw: str) -> Iterator[dict[str, Any]]:
    """Every object in a JSON-LD block (lists and @graph walked); broken JSON is repaired
    where cheap (trailing commas, raw control characters) and otherwise skipped."""
    raw = raw.strip().removeprefix("<!--").removesuffix("-->").strip()
    data: Any = None
    for attempt in (raw, re.sub(r",\s*([}\]])", r"\1", raw)):
        try:
            data = json.loads(attempt, strict=False)
            break
        except ValueError:
            continue
    if data is None:
        match = re.search(r'"headline"\s*:\s*"((?:[^"\\]|\\.)*)"', raw)
        if match:
            yield {"@type": "NewsArticle", "headline": match.group(1).replace('\\"', '"')}
        return
    stack = [data]
    while stack:
        item = stack.pop(0)
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            yield item
            graph = item.get("@graph")
            if isinstance(graph, list | dict):
                stack.append(graph)
            main = item.get("mainEntity")
            if isinstance(main, list | dict):
                stack.append(main)
