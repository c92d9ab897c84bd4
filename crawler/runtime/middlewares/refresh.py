"""Meta refresh redirects, looked for in the head of a page only (issue #14).

Scrapy's MetaRefreshMiddleware follows a ``<meta http-equiv="refresh">`` found in the first
4096 characters of a page, but decodes the whole page to get them: ~265 KB a page on the
crawl bench, in the crawl process, for pages the extraction workers decode again; and the
text stays with the response while its item is processed. :class:`HeadMetaRefreshMiddleware`
gives it the response cut to its first :data:`HEAD_BYTES` bytes instead, when that decodes
to the very same first 4096 characters: the page declares its encoding (HTTP header, byte
order mark, or ``<meta charset>`` in its first 4 KB: what Scrapy reads, found the same in
the cut copy) and the cut copy holds more than 4096 characters. Any other page (an
encoding Scrapy would guess from the whole body, a short page) is handled as before.
"""

from __future__ import annotations

from scrapy import Request
from scrapy.downloadermiddlewares.redirect import MetaRefreshMiddleware
from scrapy.http import HtmlResponse, Response
from w3lib.encoding import html_body_declared_encoding, http_content_type_encoding, read_bom

HEAD_BYTES = 8 * 4096  # holds the 4096 characters Scrapy reads, at up to 8 bytes each
READ_CHARS = 4096  # what scrapy.utils.response.get_meta_refresh reads


def declares_encoding(response: Response) -> bool:
    """Whether Scrapy decodes ``response`` with an encoding it declares, found in its
    headers or its first 4 KB, rather than one guessed from the whole body."""
    content_type = (response.headers.get(b"Content-Type") or b"").decode("latin-1")
    return bool(http_content_type_encoding(content_type) or read_bom(response.body)[0]
                or html_body_declared_encoding(response.body))


class HeadMetaRefreshMiddleware(MetaRefreshMiddleware):
    """MetaRefreshMiddleware on the page's first HEAD_BYTES bytes; the response it hands
    on is the whole one."""

    # No spider argument (Scrapy >= 2.14, STYLE.md); the base keeps an optional, deprecated one.
    def process_response(  # type: ignore[override]
            self, request: Request, response: Response) -> Request | Response:
        if not isinstance(response, HtmlResponse) or len(response.body) <= HEAD_BYTES \
                or not declares_encoding(response):
            return super().process_response(request, response)
        head = response.replace(body=response.body[:HEAD_BYTES])
        if len(head.text) <= READ_CHARS:  # a cut inside the characters read: read them all
            return super().process_response(request, response)
        result = super().process_response(request, head)
        return response if result is head else result
