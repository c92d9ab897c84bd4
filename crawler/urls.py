"""URL canonicalisation: one article reached by two URLs is one row.

Rules: scheme and host lower-cased, default ports and fragments dropped, tracking
parameters (utm_*, fbclid, gclid, …) removed, remaining query parameters sorted, percent
escapes normalised (via w3lib), and an empty path becomes "/".
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from w3lib.url import canonicalize_url

TRACKING_PARAMS = frozenset(
    {
        "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid",
        "igshid", "mc_cid", "mc_eid", "_ga", "_gl", "_hsenc", "_hsmi", "mkt_tok",
        "spm", "cmpid", "ocid", "s_cid", "oly_anon_id", "oly_enc_id", "vero_id",
        "wt.mc_id",
    }
)
TRACKING_PREFIXES = ("utm_", "at_", "pk_", "mtm_", "ga_")


def is_tracking_param(name: str) -> bool:
    lowered = name.lower()
    return lowered in TRACKING_PARAMS or lowered.startswith(TRACKING_PREFIXES)


def canonicalize(url: str) -> str:
    """Return the canonical form of ``url`` (see module docstring)."""
    url = url.strip()
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if not is_tracking_param(k)]
    host = (parts.hostname or "").lower().rstrip(".")
    port = parts.port
    scheme = parts.scheme.lower()
    netloc = host
    if port and not ((scheme == "http" and port == 80) or (scheme == "https" and port == 443)):
        netloc = f"{host}:{port}"
    if parts.username:
        netloc = f"{parts.username}@{netloc}"
    rebuilt = urlunsplit((scheme, netloc, parts.path or "/", urlencode(query), ""))
    return canonicalize_url(rebuilt, keep_fragments=False)


def same_site(url: str, other: str) -> bool:
    """True when both URLs are on the same host, ignoring a leading "www."."""
    a = (urlsplit(url).hostname or "").lower().removeprefix("www.")
    b = (urlsplit(other).hostname or "").lower().removeprefix("www.")
    return bool(a) and a == b
