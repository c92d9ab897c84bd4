"""Only http(s) is fetched: other schemes are refused before download and after redirects."""

from __future__ import annotations

from scrapy import Request
from scrapy.http import Response

from crawler.runtime.middlewares.meta import NotFetched
from crawler.shared.urls import NotAWebUrl, web_url


class WebOnlyMiddleware:
    """The last gate before download: a request whatever its origin (a spider, a redirect,
    a meta refresh) is only sent when its URL is http(s) (``crawler.shared.urls.web_url``)."""

    def process_request(self, request: Request) -> None:
        try:
            web_url(request.url)
        except NotAWebUrl as exc:
            raise NotFetched(f"refused: {exc}") from None


class RefuseOtherSchemeRedirectMiddleware:
    """A redirect to a URL that is not http(s) fails the request with a clear reason.

    Scrapy's RedirectMiddleware (600) does not follow such a redirect and hands the 3xx on,
    which would surface as a bare "HTTP 302"; here it becomes "redirect to … refused".
    """

    def process_response(self, request: Request, response: Response) -> Response:
        location = response.headers.get(b"Location")
        if 300 <= response.status < 400 and location:
            target = location.decode("latin-1", "replace")
            try:
                web_url(target, request.url)
            except NotAWebUrl as exc:
                raise NotFetched(f"redirect refused: {exc}") from None
        return response
