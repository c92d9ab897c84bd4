"""One spider per source kind: feed, sitemap, html (listing pages)."""
