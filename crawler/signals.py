"""Signals our spiders send so that crawler.extensions.RunRecorder can write them down.

Spiders talk HTTP, not SQL: they report what happened through these signals.
"""

# listing_fetched(source_id, url, status, etag, last_modified, entries)
listing_fetched = object()
# fetch_failed(source_id, url, error, http_status, listing)
fetch_failed = object()
# entry_ignored(source_id, url, reason): a listing entry skipped (not an http(s) link,
# an unparseable link, a broken entry); recorded in ignored_pages, the rest goes on
entry_ignored = object()
