"""Downloader middlewares, one per module as Scrapy's own are (settings.py lists them in
order): ``schemes`` (only http(s), before and after redirects), ``content`` (full-text
feed entries served without download), ``stored`` (skip stored URLs, conditional GET),
``retry`` (backoff on 429/5xx/timeouts) and ``robots`` (robots.txt once per host per run).
``meta`` holds the Request.meta keys and exceptions the spiders share with them."""
