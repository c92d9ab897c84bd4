"""What spiders and downloader middlewares agree on: the Request.meta keys our spiders set,
and the exceptions a middleware raises to say a request was not fetched."""

from __future__ import annotations

from scrapy.exceptions import IgnoreRequest

# Request.meta keys set by our spiders.
META_SOURCE = "govwatch_source"  # source id


META_LISTING = "govwatch_listing"  # True for feed, sitemap and listing-page requests


META_ARTICLE = "govwatch_article"  # True for article-page requests


META_CONTENT = "govwatch_content"  # a full-text feed's HTML for the entry: no download


META_CHILDREN = "govwatch_children"  # on a 304: the listing's known child listings


class NotFetched(IgnoreRequest):
    """A request refused because its URL, or the URL it redirects to, is not http(s)."""


class RobotsUnreachable(IgnoreRequest):
    """A request to a host whose robots.txt could not be read (5xx, 429, no answer)."""


META_ROBOTS = "govwatch_robots"
