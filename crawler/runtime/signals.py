"""Signals our spiders send so that extensions can write them down.

Spiders talk HTTP, not SQL: they report what happened through these signals;
crawler.runtime.extensions.RunRecorder counts and records runs, crawler.runtime.frontier.FrontierExtension
keeps the frontier.
"""

# listing_fetched(source_id, url, status, etag, last_modified, entries, children, root):
# ``entries`` are dicts (``url`` canonical, listing hints, optionally ``state`` and
# ``last_error`` for an entry final at once); ``children`` are child listing URLs.
listing_fetched = object()
# fetch_failed(source_id, url, error, http_status, listing, root, retry_after)
fetch_failed = object()
# entry_settled(url, state, reason): an article request ended without a page (robots.txt)
entry_settled = object()
# entry_ignored(source_id, url, reason): a listing entry skipped (not an http(s) link,
# an unparseable link, a broken entry); recorded in ignored_pages, the rest goes on
entry_ignored = object()
