"""Retries on 429, 5xx and timeouts with exponential backoff."""

from __future__ import annotations

from typing import Any

from scrapy import Request
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.http import Response
from scrapy.utils.asyncio import sleep


class BackoffRetryMiddleware(RetryMiddleware):
    """Scrapy's retries (429, 5xx, timeouts), waiting longer before each new attempt.

    The wait is ``GOVWATCH_RETRY_BACKOFF_BASE * 2**n`` seconds for the n-th retry, or the
    server's ``Retry-After`` (in seconds) when it sends one, capped at
    ``GOVWATCH_RETRY_BACKOFF_MAX``.
    """

    def __init__(self, settings: Any) -> None:
        super().__init__(settings)
        self.base = settings.getfloat("GOVWATCH_RETRY_BACKOFF_BASE", 2.0)
        self.cap = settings.getfloat("GOVWATCH_RETRY_BACKOFF_MAX", 60.0)

    def _delay(self, request: Request, response: Response | None) -> float:
        attempt = request.meta.get("retry_times", 0)
        delay = self.base * (2 ** attempt)
        if response is not None:
            retry_after = response.headers.get(b"Retry-After")
            if retry_after and retry_after.strip().isdigit():
                delay = float(retry_after.strip())
        return max(0.0, min(delay, self.cap))

    async def process_response(self, request: Request, response: Response):  # type: ignore[override]
        retry_after = response.headers.get(b"Retry-After")
        if (response.status in (429, 503) and retry_after and retry_after.strip().isdigit()
                and float(retry_after.strip()) > self.cap):
            # The server asks for a longer pause than a run waits: the frontier retries
            # the page once that time has passed (crawler.runtime.frontier).
            return response
        result = super().process_response(request, response)
        if isinstance(result, Request):
            await sleep(self._delay(request, response))
        return result

    async def process_exception(self, request: Request, exception: Exception):  # type: ignore[override]
        result = super().process_exception(request, exception)
        if isinstance(result, Request):
            await sleep(self._delay(request, None))
        return result
