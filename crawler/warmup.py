"""Imported only into the extraction workers' forkserver (``crawler.workers`` preloads it):
loads the page stages the crawl asked for (``$GOVWATCH_WORKER_STAGES``, a
pipelines.chain.ChainSpec as JSON) from the matcher cache, and compiles them, before the
forkserver forks: every worker then starts with them, in memory shared with its siblings.

Never raises: a worker that finds nothing loaded loads the stages itself.
"""

import json
import os

try:
    from pipelines import chain, signals

    _spec = os.environ.get("GOVWATCH_WORKER_STAGES")
    if _spec:
        _stages = chain.stages_for(chain.ChainSpec(**json.loads(_spec)))
        # the signals stage compiles its rules on first use: do it here, once
        signals.detect("", "", _stages.signals)
except Exception:  # noqa: BLE001, S110 - a warm-up only; the worker does it again if needed
    pass
