"""Extraction stage: raw page bytes → clean text and metadata, or a recorded reason why not.

``extract()`` is pure: bytes in, :class:`Extracted` out, or :class:`NotAnArticle` raised
with a short reason (PDF, image, binary, empty page, no extractable text). Decoding copes
with Big5/Big5-HKSCS, GB2312/GBK/GB18030 and pages whose declared charset is wrong (a page
that declares iso-8859-1 but is UTF-8), before trafilatura sees the text.
"""

from __future__ import annotations

import asyncio
import codecs
import contextlib
import hashlib
import logging
import re
import unicodedata
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, fields
from functools import cache, cached_property
from typing import TYPE_CHECKING, Any, Self
from urllib.parse import urlsplit

from crawler.shared import workers
from crawler.shared.dates import to_utc_iso
from crawler.shared.items import Article
from crawler.shared.text import HAN_CHAR, HANGUL_CHAR, KANA_CHAR
from crawler.shared.urls import NotAWebUrl, canonicalize, same_site, web_url
from pipelines.headline import choose_headline
from pipelines.pagemeta import read_metadata
from pipelines.titles import declared_canonical, tree_candidates

if TYPE_CHECKING:
    from scrapy.crawler import Crawler


class NotAnArticle(Exception):  # noqa: N818 - the stage's name for it
    """The page was fetched but holds no article; ``reason`` is stored in ignored_pages.
    What a Scrapy adapter raises is :func:`dropped`, a NotAnArticle that is also Scrapy's
    DropItem: this module is imported by the extraction workers, which never need Scrapy
    (importing it cost their forkserver ~0.17 s and ~20 MB; issue #14)."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"not an article: {reason}")
        self.reason = reason


def dropped(reason: str) -> NotAnArticle:
    """NotAnArticle(reason) as Scrapy's DropItem, logged at INFO."""
    return _dropped_class()(reason)


@cache
def _dropped_class() -> type[NotAnArticle]:
    from scrapy.exceptions import DropItem

    class DroppedPage(NotAnArticle, DropItem):
        def __init__(self, reason: str) -> None:
            DropItem.__init__(self, f"not an article: {reason}", log_level="INFO")
            self.reason = reason

    return DroppedPage


@dataclass(frozen=True)
class Extracted:
    text: str
    published_at: str
    author: str
    language: str
    description: str
    site_name: str
    encoding: str
    canonical_url: str = ""  # the page's <link rel="canonical">, absolute, or ""
    # Headline candidates on the page (pipelines.headline), re-weighed with the feed title.
    title_candidates: dict[str, str] = field(default_factory=dict)
    meta_title: str = ""  # the metadata's title, for a page whose candidates give none
    url: str = ""  # the URL the page was fetched from (the headline's site hints)

    @cached_property
    def title(self) -> str:
        """The page's headline without a feed title; worked out when asked for: apply()
        needs it only when the candidates and the feed title give none."""
        return (choose_headline(self.title_candidates, site_name=self.site_name, url=self.url)
                or self.meta_title)

    def record(self) -> dict[str, Any]:
        """What the page gives, as the golden files keep it: the headline, not the inputs
        it is worked out from (``meta_title``, ``url``)."""
        out = {f.name: getattr(self, f.name) for f in fields(self)
               if f.name not in ("meta_title", "url")}
        return {"title": self.title, **out}


_BINARY_MAGIC = (
    (b"%PDF-", "PDF document"),
    (b"\x89PNG", "image (PNG)"),
    (b"\xff\xd8\xff", "image (JPEG)"),
    (b"GIF8", "image (GIF)"),
    (b"RIFF", "binary (RIFF/WebP)"),
    (b"PK\x03\x04", "binary (ZIP/Office document)"),
    (b"\x1f\x8b", "binary (gzip)"),
)
_NON_HTML_TYPES = ("application/pdf", "image/", "video/", "audio/", "application/zip",
                   "application/octet-stream", "application/msword",
                   "application/vnd.openxmlformats")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
# Labels that browsers treat as windows-1252 (WHATWG Encoding), and CJK labels mapped to
# the superset codec Python knows.
_ALIASES = {
    "iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252", "us-ascii": "cp1252",
    "ascii": "cp1252", "iso8859-1": "cp1252", "windows-1252": "cp1252",
    "big5": "big5hkscs", "big5-hkscs": "big5hkscs", "x-x-big5": "big5hkscs", "cp950": "big5hkscs",
    "gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030",
    "euc-cn": "gb18030", "cp936": "gb18030",
}
_SINGLE_BYTE = {"cp1252", "iso8859-15", "cp1250", "cp1251", "koi8-r"}


def classify_binary(body: bytes, content_type: str) -> str:
    """A reason string when ``body`` is not an HTML page, else ""."""
    if not body.strip():
        return "empty page"
    ctype = content_type.split(";")[0].strip().lower()
    for prefix, reason in _BINARY_MAGIC:
        if body.startswith(prefix):
            return reason
    if ctype and any(ctype.startswith(t) for t in _NON_HTML_TYPES):
        return f"not HTML ({ctype})"
    if b"\x00" in body[:4096]:
        return "binary content"
    return ""


def _codec(label: str) -> str:
    label = label.strip().lower()
    label = _ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return ""


def decode_html(body: bytes, http_encoding: str = "") -> tuple[str, str]:
    """Decode a page; returns (text, codec name).

    Order: BOM; then UTF-8 when the bytes are valid UTF-8 with non-ASCII content and the
    declared charset is missing or single-byte (mislabelled pages); then the declared
    charset (HTTP header, else <meta>) when the bytes decode cleanly in it; then a charset
    detector; last, the declared charset with replacement characters.
    """
    for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                      (codecs.BOM_UTF16_BE, "utf-16")):
        if body.startswith(bom):
            return body.decode(name, errors="replace"), name
    declared = _codec(http_encoding) if http_encoding else ""
    if not declared:
        match = _META_CHARSET.search(body[:4096])
        declared = _codec(match.group(1).decode("ascii", "ignore")) if match else ""
    if not declared or declared in _SINGLE_BYTE or declared == "utf-8":
        try:
            return body.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            pass
    if declared and declared != "utf-8":
        try:
            return body.decode(declared), declared
        except UnicodeDecodeError:
            pass
    import charset_normalizer  # imported when first needed (issue #14)

    best = charset_normalizer.from_bytes(body[:200_000]).best()
    if best is not None and best.encoding:
        codec = _codec(best.encoding) or best.encoding
        return body.decode(codec, errors="replace"), codec
    fallback = declared or "utf-8"
    return body.decode(fallback, errors="replace"), fallback


def normalize_text(text: str) -> str:
    """Text as compared for identity: NFKC, case-folded, whitespace collapsed."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def content_hash(text: str) -> str:
    return hashlib.sha1(normalize_text(text).encode("utf-8")).hexdigest()


def extract(body: bytes, *, url: str = "", content_type: str = "", http_encoding: str = "",
            min_chars: int = 40) -> Extracted:
    """Extract the article in ``body``; raise NotAnArticle with the reason if there is none."""
    trafilatura = trafilatura_with_selectors()
    reason = classify_binary(body, content_type)
    if reason:
        raise NotAnArticle(reason)
    html, encoding = decode_html(body, http_encoding)
    try:
        # Parse once: trafilatura works on a copy of this tree, and the headline
        # candidates are read from it too (bench/titles_check.py: identical results).
        tree = parse_html(body, html, encoding)
        doc = _extraction(trafilatura, tree, url) if tree is not None else None
    except Exception as exc:  # noqa: BLE001 - trafilatura on hostile HTML: record, go on
        raise NotAnArticle(f"extraction failed: {type(exc).__name__}") from None
    if doc is None:
        raise NotAnArticle("no extractable text")
    text = (doc.text or "").strip()
    if len(text) < min_chars:
        raise NotAnArticle("no extractable text")
    try:  # the metadata only for a page with an article, and only the fields kept
        meta = read_metadata(tree, url)
    except Exception as exc:  # noqa: BLE001 - as for the text above
        raise NotAnArticle(f"extraction failed: {type(exc).__name__}") from None
    candidates = tree_candidates(tree)
    site_name = meta.site_name.strip()
    return Extracted(
        text=text,
        published_at=to_utc_iso(meta.date),
        author=meta.author.strip(),
        # trafilatura names a language only when asked to filter by one; the language
        # comes from the feed or the source and the script check in apply()
        language="",
        description=meta.description.strip(),
        site_name=site_name,
        encoding=encoding,
        canonical_url=canonical_link(tree, url),
        title_candidates=candidates,
        meta_title=meta.title.strip(),
        url=url or "",
    )


@cache
def trafilatura_with_selectors() -> Any:
    """trafilatura, imported at the first page, not with this module (a crawl that finds
    nothing new never loads it; issue #14), with its regex selectors evaluated in Python
    (pipelines/selectors.py: the same elements, a fifth of the extraction's CPU less)."""
    import trafilatura

    from pipelines import selectors

    try:
        selectors.install()
    except Exception as exc:  # noqa: BLE001 - a speed-up only: trafilatura's XPath still works
        with contextlib.suppress(Exception):
            selectors.uninstall()
        logging.getLogger(__name__).warning(
            "trafilatura's selectors left as XPath (pipelines/selectors.py failed: %s: %s)",
            type(exc).__name__, exc)
    return trafilatura


# Characters libxml2 rejects, which trafilatura's load_html deletes from the decoded text:
# the C0 controls but tab, LF and CR, and U+FFFE / U+FFFF (in UTF-8, EF BF BE / EF BF BF;
# no other character's UTF-8 contains a byte below 0x80 or those three bytes in a row).
_NOT_XML = bytes(range(0x09)) + b"\x0b\x0c" + bytes(range(0x0e, 0x20))
_NONCHARACTERS = (b"\xef\xbf\xbe", b"\xef\xbf\xbf")


def parse_html(body: bytes, html: str, encoding: str) -> Any:
    """The lxml tree trafilatura's ``load_html(html)`` gives, parsed from ``body`` itself
    when the page is UTF-8: libxml2 reads bytes about twice as fast as a Python string,
    and deleting the characters it rejects is a byte translation instead of a regular
    expression over the text (together ~1 ms a page; tests/test_extract.py and
    bench/README.md check the trees are equal). Any other page, one trafilatura would
    repair or reject, or bytes that do not parse go through ``load_html``."""
    from trafilatura.utils import load_html

    if encoding == "utf-8" and "html" in html[:50].lower() and not _self_closing_root(html):
        data = body.translate(None, _NOT_XML)
        for bad in _NONCHARACTERS:
            if bad in data:
                data = data.replace(bad, b"")
        from lxml.html import fromstring

        try:
            tree = fromstring(data, parser=html_parser())
        except Exception:  # noqa: BLE001 - left to trafilatura's loader and its fallbacks
            tree = None
        if tree is not None and len(tree):
            return tree
    return load_html(html)


@cache
def html_parser() -> Any:
    """trafilatura's HTML parser (its ``utils.HTML_PARSER`` options) whose elements are all
    ``HtmlElement``, chosen in C: lxml.html's own parser asks a Python method for the class
    of every element object it makes (1.3 million calls for the 439 pages of bench/crawl.py,
    ~5 % of extraction). Only the form, input and label classes are lost, which trafilatura
    never uses: the extractions of bench/crawl.py's 439 pages and of tests/ are identical
    (tests/test_extract.py compares them)."""
    from lxml import etree
    from lxml.html import HtmlComment, HtmlElement, HtmlEntity, HtmlProcessingInstruction

    parser = etree.HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8",
                              remove_comments=True, remove_pis=True)
    parser.set_element_class_lookup(etree.ElementDefaultClassLookup(
        element=HtmlElement, comment=HtmlComment, pi=HtmlProcessingInstruction,
        entity=HtmlEntity))
    return parser


def _self_closing_root(html: str) -> bool:
    """``<html …/>`` ending one of the first four lines (trafilatura's loader repairs it)."""
    return any("<html" in line and line.endswith("/>")
               for line in html[:4096].splitlines()[:4])


# trafilatura's own algorithm first (fast=True); its fallbacks (readability, jusText, which
# cost about a third of an extraction) only when that found no text or less than this
# share of the text of the page's <p> elements: a sign it missed the body. On the 181
# pages of the article-extraction-benchmark: body F1 0.960, as with the fallbacks always
# run; 28 % less extraction time (bench/README.md, issue #14).
FALLBACK_SHARE = 0.5


def _extraction(trafilatura: Any, tree: Any, url: str) -> Any:
    """trafilatura's document for ``tree``, text only (the metadata is read by
    pipelines.pagemeta); ``tree`` is not modified: trafilatura works on a copy."""
    options = {"url": url or None, "with_metadata": False, "include_comments": False}
    doc = trafilatura.bare_extraction(tree, fast=True, **options)
    text = (doc.text or "") if doc is not None else ""
    if len(text) < FALLBACK_SHARE * paragraph_chars(tree):
        return trafilatura.bare_extraction(tree, fast=False, **options)
    return doc


def paragraph_chars(tree: Any) -> int:
    """How many characters the page's <p> elements hold (stripped)."""
    return sum(len((p.text_content() or "").strip()) for p in tree.iter("p"))


def canonical_link(tree: Any, base_url: str) -> str:
    """The page's declared canonical URL (pipelines.titles.declared_canonical), absolute,
    or "" when absent or implausible. A canonical pointing at a site's home page (a
    common template mistake) is ignored."""
    href = declared_canonical(tree)
    if not href:
        return ""
    try:
        url = web_url(href, base_url)
    except NotAWebUrl:
        return ""  # javascript:, file:, a link that does not parse: not a canonical URL
    if urlsplit(url).path in ("", "/"):
        return ""
    return url




def script_language(text: str, fallback: str) -> str:
    """Correct a declared language that the text's script contradicts (an English source
    carrying a Chinese article, say); keep ``fallback`` when the script agrees or is Latin."""
    sample = text[:5000]
    letters = sum(map(str.isalpha, sample)) or 1
    han = len(HAN_CHAR.findall(sample))
    if len(KANA_CHAR.findall(sample)) > letters * 0.1:
        return fallback if fallback.startswith("ja") else "ja"
    if len(HANGUL_CHAR.findall(sample)) > letters * 0.3:
        return fallback if fallback.startswith("ko") else "ko"
    if han > letters * 0.3:
        return fallback if fallback.startswith("zh") else "zh"
    if han < letters * 0.05 and fallback.startswith(("zh", "ja", "ko")):
        return "en" if sum(ch.isascii() for ch in sample) > len(sample) * 0.9 else fallback
    return fallback


def merge_published(page_date: str, feed_date: str) -> str:
    """Prefer the feed's timestamp (it has a time); the page's date when there is no feed."""
    if feed_date and (not page_date or feed_date[:10] == page_date[:10] or len(page_date) == 10):
        return feed_date
    return page_date or feed_date


def apply(item: Article, found: Extracted) -> Article:
    """Fill the item from an extraction, with feed metadata filling what is missing."""
    item.title_candidates = found.title_candidates
    item.title = (choose_headline(found.title_candidates, item.feed_title, found.site_name,
                                 item.final_url or item.url)
                  or found.title or item.feed_title or item.link_text)
    item.text = found.text
    item.published_at = merge_published(found.published_at, item.feed_published_at)
    item.author = found.author
    item.language = script_language(
        found.text, found.language or item.feed_language or item.source_language)
    item.description = found.description or item.feed_summary
    item.site_name = found.site_name
    item.content_hash = content_hash(found.text)
    if found.canonical_url:
        declared = canonicalize(found.canonical_url)
        if declared != item.url and same_site(declared, item.url):
            # Store under the URL the publisher declares; the fetched URL stays known as
            # another URL of the same article (print editions, ?from=rss variants…).
            item.final_url = item.url
            item.url = declared
    return item


class ExtractPipeline:
    """Scrapy adapter for :func:`extract`."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.min_chars = crawler.settings.getint("GOVWATCH_MIN_TEXT_CHARS", 40)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    async def process_item(self, item: Article) -> Article:
        stats = self.crawler.stats
        assert stats is not None
        result = await extract_in_worker(item.body, item.final_url or item.url,
                                         item.content_type, item.http_encoding, self.min_chars)
        if isinstance(result, str):
            stats.inc_value("govwatch/extract/ignored")
            stats.inc_value(f"govwatch/extract/ignored/{result.split(' (')[0]}")
            raise dropped(result)
        stats.inc_value("govwatch/extract/ok")
        return apply(item, result)


async def extract_in_worker(body: bytes, url: str, content_type: str, http_encoding: str,
                            min_chars: int) -> Extracted | str:
    """:func:`extract_or_reason` in a worker process of crawler.shared.workers when there is a
    pool, else here; a pool whose worker died is given up and the page extracted here."""
    args = (body, url, content_type, http_encoding, min_chars)
    pool = workers.pool()
    if pool is None:
        return extract_or_reason(*args)
    try:
        return await asyncio.wrap_future(pool.submit(extract_or_reason, *args))
    except BrokenProcessPool as exc:
        workers.broken(str(exc) or type(exc).__name__)
        return extract_or_reason(*args)


def extract_or_reason(body: bytes, url: str, content_type: str, http_encoding: str,
                      min_chars: int) -> Extracted | str:
    """:func:`extract` for a worker process: the result, or the reason it is not an article
    (a plain string crosses the process boundary more simply than an exception)."""
    try:
        return extract(body, url=url, content_type=content_type, http_encoding=http_encoding,
                       min_chars=min_chars)
    except NotAnArticle as exc:
        return exc.reason
