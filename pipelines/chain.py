"""The per-page stages that need no database, run together where the page is extracted.

extract → relevance → tagging → signals → summary are pure functions of the page and the
config (each module has its own tests and adapter). :class:`ChainPipeline` runs the five
in one go, in an extraction worker process when the crawl has a pool (crawler.shared.workers),
else in the crawl process: the crawl process is left with Scrapy and the store stage, and
both cores do the CPU work (issue #14; bench/README.md). Results and stats are those of the
five adapters run one after another.

A worker rebuilds the stages from a :class:`ChainSpec` (plain strings) through the matcher
cache (crawler.shared.matchcache), once per process; the workers' forkserver loads them before it
forks (crawler.runtime.warmup), so every worker shares one copy. Nothing here is imported until a
page needs it: a crawl that finds nothing new never loads trafilatura or the matchers.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self

from crawler.config import crawl_config_dir, signal_config_path
from crawler.config.context import context_path
from crawler.shared import matchcache, workers
from crawler.shared.items import Article

if TYPE_CHECKING:
    from crawler.config import SignalConfig, Topic
    from pipelines.matcher import TermMatcher
    from pipelines.noise import Noise
    from pipelines.signal_rules import Rules
    from pipelines.tagging import Tagger

# the signals stage's own logger, so a dropped amount is logged as before
signals_logger = logging.getLogger("pipelines.signals")


@dataclass(frozen=True)
class ChainSpec:
    """What a worker needs to rebuild the stages: the config folder, topic and limits."""

    config_dir: str
    topic_id: str = "public-sector-ai"
    min_chars: int = 40
    cache_dir: str = ""  # "" = no disk cache

    @classmethod
    def from_settings(cls, settings: Any) -> ChainSpec:
        return cls.for_config(crawl_config_dir(settings),
                              settings.get("GOVWATCH_TOPIC") or "public-sector-ai",
                              settings.getint("GOVWATCH_MIN_TEXT_CHARS", 40),
                              settings.get("GOVWATCH_CACHE_DIR") or None)

    @classmethod
    def for_config(cls, config_dir: str | Path, topic_id: str, min_chars: int = 40,
                   cache_setting: str | None = None) -> ChainSpec:
        """The spec of a config folder, with the matcher cache ``cache_setting`` names
        (else $GOVWATCH_CACHE_DIR or the default; never inside the config folder)."""
        config = Path(config_dir).resolve()
        folder = matchcache.usable_dir(matchcache.cache_dir(cache_setting), config)
        return cls(str(config), topic_id, min_chars, str(folder or ""))

    def key(self) -> str:
        """The matcher cache's key: every file of the config folder, and the signals files
        used from elsewhere (the shipped ones, for a folder without its own)."""
        signals = signal_config_path(self.config_dir)
        return matchcache.config_key(self.config_dir, signals, context_path(signals),
                                     kind=f"stages\0{self.topic_id}")

    def cache_path(self, key: str) -> Path | None:
        return Path(self.cache_dir) / f"stages-{key[:32]}.pickle" if self.cache_dir else None


@dataclass
class Stages:
    """The compiled config of the four stages after extraction."""

    topic: Topic
    topic_matcher: TermMatcher
    tagger: Tagger
    signals: SignalConfig
    noise: Noise
    signal_rules: Rules  # the signals stage's rules, compiled (~0.16 s to compile)


def build_stages(spec: ChainSpec) -> Stages:
    """Load and compile the config (raises ConfigError on a bad file)."""
    from crawler.config import load_signal_config, load_topic
    from pipelines.noise import noise_of
    from pipelines.relevance import topic_matcher
    from pipelines.signal_rules import compiled
    from pipelines.tagging import tagger_for

    topic = load_topic(spec.config_dir, spec.topic_id)
    signals = load_signal_config(signal_config_path(spec.config_dir))
    return Stages(topic, topic_matcher(topic), tagger_for(Path(spec.config_dir) / "gazetteers"),
                  signals, noise_of(signals), compiled(signals))


@lru_cache(maxsize=4)
def stages_for(spec: ChainSpec) -> Stages:
    """The stages of ``spec``, from the matcher cache when it has them; once per process."""
    from pipelines.signal_rules import adopt

    folder = Path(spec.cache_dir) if spec.cache_dir else None
    stages = matchcache.load_or_build("stages", spec.key(), folder, lambda: build_stages(spec))
    adopt(stages.signals, stages.signal_rules)
    return stages


def cached_stages(config_dir: str | Path, topic_id: str) -> Stages:
    """The compiled stages of a config folder outside a crawl (``govwatch rescore``), through
    the matcher cache ($GOVWATCH_CACHE_DIR, else the default folder; ``off``: built)."""
    return stages_for(ChainSpec.for_config(config_dir, topic_id))


def check_config(spec: ChainSpec) -> None:
    """Raise ConfigError now (at crawl start) if the config is bad. A cache entry under
    the config's key means it was built from these very files: nothing to check; without
    one, the stages are built and cached now (once: every later crawl finds them)."""
    key = spec.key()
    path = spec.cache_path(key)
    if path is not None:
        if not path.exists():
            matchcache.load_or_build("stages", key, path.parent, lambda: build_stages(spec))
        return
    from crawler.config import load_gazetteer, load_signal_config, load_topic

    load_topic(spec.config_dir, spec.topic_id)
    load_gazetteer(Path(spec.config_dir) / "gazetteers")
    load_signal_config(signal_config_path(spec.config_dir))


@dataclass
class Outcome:
    """A worker's answer: the analysed article (body left out), or why it is none."""

    item: Article | None
    reason: str = ""  # not an article: the reason (ignored_pages)
    dropped: tuple[str, ...] = ()  # amounts the signals stage left out, for the log


def analyse(item: Article, spec: ChainSpec) -> Outcome:
    """extract → relevance → tagging → signals → summary on ``item``, as their adapters do."""
    from pipelines import extract, relevance, signals, summary, tagging

    found = extract.extract_or_reason(item.body, item.final_url or item.url, item.content_type,
                                      item.http_encoding, spec.min_chars)
    if isinstance(found, str):
        return Outcome(None, found)
    stages = stages_for(spec)
    extract.apply(item, found)
    relevance.apply(item, stages.topic, stages.topic_matcher)
    tagging.apply(item, stages.tagger)
    result = signals.detect(item.title, item.text, stages.signals,
                            signals.article_jurisdiction(item), item.published_at or item.fetched_at)
    item.signal_types = result.signal_types
    item.signal_evidence = result.signal_evidence
    item.amounts = result.amounts
    item.deadlines = result.deadlines
    summary.apply(item, stages.noise)
    return Outcome(item, dropped=tuple(result.dropped))


def analyse_remote(item: Article, spec: ChainSpec) -> Outcome:
    """:func:`analyse` in a worker: the page is not sent back."""
    outcome = analyse(item, spec)
    if outcome.item is not None:
        outcome.item.body = b""
    return outcome


class ChainPipeline:
    """Scrapy adapter for :func:`analyse`: in place of the ExtractPipeline, RelevancePipeline,
    TaggingPipeline, SignalsPipeline and SummaryPipeline, with their stats."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.spec = ChainSpec.from_settings(crawler.settings)
        check_config(self.spec)

    @classmethod
    def from_crawler(cls, crawler: Any) -> Self:
        return cls(crawler)

    async def process_item(self, item: Article) -> Article:
        from pipelines.extract import dropped

        outcome = await self._analyse(item)
        stats = self.crawler.stats
        assert stats is not None
        if outcome.item is None:
            stats.inc_value("govwatch/extract/ignored")
            stats.inc_value(f"govwatch/extract/ignored/{outcome.reason.split(' (')[0]}")
            raise dropped(outcome.reason)
        result = outcome.item
        if result is not item:
            result.body = item.body
        stats.inc_value("govwatch/extract/ok")
        stats.inc_value(f"govwatch/relevance/{'relevant' if result.relevant else 'irrelevant'}")
        for tid in result.signal_types:
            stats.inc_value(f"govwatch/signals/{tid}")
        if result.amounts:
            stats.inc_value("govwatch/signals/amounts", len(result.amounts))
        for reason in outcome.dropped:
            signals_logger.info("%s: %s", result.url, reason)
        if outcome.dropped:
            stats.inc_value("govwatch/signals/amount_dropped", len(outcome.dropped))
        return result

    async def _analyse(self, item: Article) -> Outcome:
        """In a worker when the crawl has a pool; here when not, or when it broke."""
        pool = await workers.ready_pool(self.spec)
        if pool is None:
            return analyse(item, self.spec)
        from concurrent.futures.process import BrokenProcessPool

        try:
            return await asyncio.wrap_future(pool.submit(analyse_remote, item, self.spec))
        except BrokenProcessPool as exc:
            workers.broken(str(exc) or type(exc).__name__)
            return analyse(item, self.spec)
