"""Tagging stage: who (agencies), where (jurisdictions, locations), with whom (vendors).

:func:`tag` is pure: title + text + Gazetteer in, :class:`Tags` out (the rules are in
pipelines/tagger.py). :func:`apply` sets an Article's tag fields; :class:`TaggingPipeline`
is the Scrapy adapter. Compiled taggers are kept per gazetteer folder (:func:`tagger_for`).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from crawler.config import Gazetteer, crawl_config_dir, load_gazetteer
from pipelines.tagger import Tagger, Tags

_TAGGERS: dict[int, Tagger] = {}  # a memo, not state: keyed by identity, at most 4 kept


_MAX_TAGGERS = 4


def tag(title: str, text: str, gazetteer: Gazetteer | Tagger, source_jurisdiction: str = "") -> Tags:
    """Tag an article. Pipelines build one :class:`Tagger` and pass it; given a Gazetteer,
    the compiled matcher is memoised by object identity (compiling takes ~0.1 s)."""
    if isinstance(gazetteer, Tagger):
        tagger = gazetteer
    else:
        cached = _TAGGERS.get(id(gazetteer))
        if cached is None or cached.gazetteer is not gazetteer:
            if len(_TAGGERS) >= _MAX_TAGGERS:
                _TAGGERS.clear()
            cached = _TAGGERS[id(gazetteer)] = Tagger(gazetteer)
        tagger = cached
    return tagger.tag(title, text, source_jurisdiction)


def tagger_for(directory: Path) -> Tagger:
    """The compiled Tagger for a gazetteer folder, built once per process while its files
    are unchanged: a crawl runs one crawler per source, and compiling takes ~0.1 s."""
    folder = Path(directory).resolve()
    stamp = tuple(sorted((str(p.relative_to(folder)), p.stat().st_mtime_ns)
                         for p in folder.glob("**/*.toml")))
    return _compiled_tagger(str(folder), stamp)


@lru_cache(maxsize=4)
def _compiled_tagger(folder: str, stamp: tuple[tuple[str, int], ...]) -> Tagger:
    return Tagger(load_gazetteer(folder))


def apply(item: Any, tagger: Tagger) -> Any:
    """Set the tag fields of an Article (or any object with those attributes)."""
    tags = tagger.tag(item.title, item.text, item.source_jurisdiction)
    item.jurisdictions = tags.jurisdictions
    item.agencies = tags.agencies
    item.vendors = tags.vendors
    item.locations = tags.locations
    return item


class TaggingPipeline:
    """Scrapy adapter: fills jurisdictions, agencies, vendors, locations. Setting:
    GOVWATCH_CONFIG_DIR (gazetteers are read from its ``gazetteers/`` folder)."""

    def __init__(self, tagger: Tagger) -> None:
        self.tagger = tagger

    @classmethod
    def from_crawler(cls, crawler: Any) -> TaggingPipeline:
        return cls(tagger_for(crawl_config_dir(crawler.settings) / "gazetteers"))

    def process_item(self, item: Any) -> Any:
        return apply(item, self.tagger)


__all__ = ["TaggingPipeline", "Tagger", "Tags", "apply", "tag", "tagger_for"]
