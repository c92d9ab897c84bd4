"""Start the extraction workers' forkserver before Scrapy loads, when a crawl is known to
have pages.

The workers' forkserver takes about a second to load the extraction code and the page
stages (crawler.runtime.warmup). Started at the first page, that second is one the crawl
process spends waiting, with one core idle (bench/README.md, issue #14). When the crawl
is known to have pages, :func:`prestart_workers` starts it at once instead, so that it
loads on the other core while the crawl process imports Scrapy, reads its listings and
downloads the first pages.

Known to have pages: a selected source has entries due in the frontier (left over by an
earlier run's cap, or failed pages whose backoff is over), or has never been fetched (its
first crawl reads a whole listing). Any other crawl starts the forkserver at its first
page, as before: a scheduled crawl that finds nothing new never starts it. Only the
forkserver starts early; the workers are forked from it at the first page, so a crawl that
ends without one leaves no worker behind, and the forkserver ends with the crawl process.

Nothing here imports Scrapy: the settings the workers need are read from ``-s`` overrides
and crawler.runtime.settings, as Scrapy's own settings would give them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from crawler.db import frontier
from crawler.db.connection import utcnow
from crawler.shared import workers


class PlainSettings:
    """The project settings module under ``-s`` overrides, without Scrapy: ``get`` and
    ``getint`` as Scrapy's Settings answer them for these plain values."""

    def __init__(self, overrides: Mapping[str, str], config_dir: Path) -> None:
        from crawler.runtime import settings as module

        self._values: dict[str, Any] = {k: v for k, v in vars(module).items() if k.isupper()}
        self._values["GOVWATCH_CONFIG_DIR"] = str(config_dir)
        self._values.update(overrides)

    def get(self, name: str, default: Any = None) -> Any:
        return self._values.get(name, default)

    def getint(self, name: str, default: int = 0) -> int:
        return int(self._values.get(name, default))


def pages_expected(db: Any, source_ids: Iterable[str], now: str | None = None) -> bool:
    """Whether a crawl of ``source_ids`` is known to have pages to extract (see above)."""
    ids = list(source_ids)
    if not ids:
        return False
    marks = ",".join("?" * len(ids))
    fetched = {row[0] for row in db.execute(
        f"SELECT id FROM sources WHERE id IN ({marks}) AND last_fetched_at IS NOT NULL", ids)}
    if set(ids) - fetched:
        return True
    now = now or utcnow()
    return any(frontier.count_due(db, sid, now) for sid in ids)


def prestart_workers(db: Any, source_ids: Iterable[str], settings: PlainSettings) -> bool:
    """Start the forkserver of the workers :func:`workers.configure` allowed now, when pages
    are expected (and the workers are not meant to wait for some pages first); True when
    started."""
    from pipelines.chain import ChainSpec

    if not workers.prestart_allowed() or not pages_expected(db, source_ids):
        return False
    return workers.prestart(ChainSpec.from_settings(settings))
