"""URL canonicalisation: one article reached by two URLs is one row.

Rules: scheme and host lower-cased, default ports and fragments dropped, tracking
parameters (utm_*, fbclid, gclid, …) removed, remaining query parameters sorted, percent
escapes normalised (via w3lib), and an empty path becomes "/".
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

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


# --------------------------------------------------------------------------------------
# The one rule about what may be fetched or stored: http and https, nothing else.
# --------------------------------------------------------------------------------------

WEB_SCHEMES = frozenset({"http", "https"})
# How much of a rejected URL is kept when it is recorded (a data: URL can be megabytes).
RECORDED_URL_CHARS = 300


class NotAWebUrl(ValueError):
    """A link govwatch will not fetch or store; ``str(err)`` says why, in a few words."""


def web_url(link: str, base: str = "") -> str:
    """``link`` resolved against ``base`` as an absolute http(s) URL, or NotAWebUrl.

    The only gate for URLs that come from the web (feed entries, sitemap locs, listing
    links, next pages, rel=canonical, redirects): ``file:``, ``data:``, ``ftp:``,
    ``javascript:`` and every other scheme are refused, and so are links that do not parse
    (a bad port, an unbalanced IPv6 bracket, control characters) or name no host.
    """
    text = str(link).strip()
    if not text:
        raise NotAWebUrl("empty link")
    if any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in text):
        raise NotAWebUrl("control character in link")
    try:
        url = urljoin(base, text) if base else text
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme not in WEB_SCHEMES:
            shown = scheme or "none"
            raise NotAWebUrl(f"not an http(s) URL (scheme {shown})")
        if not parts.hostname:
            raise NotAWebUrl("link has no host")
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number 0-65535
        canonicalize(url)  # must not fail later, in a request or the store
    except NotAWebUrl:
        raise
    except (ValueError, TypeError, UnicodeError) as exc:
        raise NotAWebUrl(f"unparseable link ({' '.join(str(exc).split())[:80]})") from None
    return url


def is_web_url(link: str) -> bool:
    try:
        web_url(link)
    except NotAWebUrl:
        return False
    return True


def shown_url(link: str) -> str:
    """``link`` as recorded for an ignored entry: one line, at most RECORDED_URL_CHARS."""
    text = " ".join(str(link).split())
    return text if len(text) <= RECORDED_URL_CHARS else text[: RECORDED_URL_CHARS - 1] + "…"
