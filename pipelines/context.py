"""How an article's own jurisdictions decide a name several entries share (for
pipelines/tagger.py): the distance from a mention to the nearest mention of a jurisdiction,
the one jurisdiction an article is about above all, and a jurisdiction's name that is a
currency's prefix ("US$"), which names no jurisdiction."""

from __future__ import annotations

from bisect import bisect_left

# an ambiguous agency name with no context goes to the jurisdiction named this many times as
# often as all the others together (main_jurisdiction)
MAIN_SHARE = 1.5


def main_jurisdiction(counts: dict[str, int]) -> str:
    """The jurisdiction an article names at least MAIN_SHARE times as often as all the
    others together (and twice at least), else ""."""
    if not counts:
        return ""
    main = max(counts, key=lambda c: counts[c])
    rest = sum(counts.values()) - counts[main]
    return main if counts[main] >= 2 and counts[main] >= MAIN_SHARE * rest else ""


def nearest(positions: list[int], start: int, fld: int) -> float:
    """Distance from a mention to the closest anchor (-1 marks an anchor in the title).
    A mention in the title is near an anchor in the title, or one at the text's start."""
    if fld == 0:
        if not positions:
            return float("inf")
        return 0.0 if positions[0] < 0 else float(positions[0])
    i = bisect_left(positions, start)
    near = [abs(positions[j] - start) for j in (i - 1, i) if 0 <= j < len(positions)]
    return float(min(near)) if near else float("inf")


def not_currency(payloads: list[tuple[str, str, bool]], text: str, end: int
                 ) -> list[tuple[str, str, bool]]:
    """Drop jurisdiction payloads of a name used as a currency prefix ("US$", "S$")."""
    if text[end:end + 1] != "$":
        return payloads
    return [p for p in payloads if p[0] != "jurisdiction"]
