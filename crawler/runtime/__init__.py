"""The crawl runtime: Scrapy settings, spiders, middlewares, extensions, the frontier and
the crawl runner; and rescore, which re-runs the pipeline stages over stored articles."""
