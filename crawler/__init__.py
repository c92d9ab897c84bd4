"""govwatch: a scheduled news-monitoring crawler for public-sector AI news."""

__version__ = "0.1.0"
