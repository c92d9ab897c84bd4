"""Imported only into the extraction workers' forkserver (``crawler.shared.workers`` preloads it):
loads the page stages the crawl asked for (``$GOVWATCH_WORKER_STAGES``, a
pipelines.chain.ChainSpec as JSON) from the matcher cache, and compiles them, before the
forkserver forks: every worker then starts with them, in memory shared with its siblings.

Never raises: a worker that finds nothing loaded loads the stages itself.
"""

import gc
import json
import os

# Loading allocates a few hundred thousand objects, none of them garbage: the cyclic
# collector is off meanwhile (~0.14 s of the forkserver's CPU, while the first pages wait).
gc.disable()
try:
    from pipelines import chain, signals

    _spec = os.environ.get("GOVWATCH_WORKER_STAGES")
    if _spec:
        _stages = chain.stages_for(chain.ChainSpec(**json.loads(_spec)))
        # the signals stage compiles its rules on first use: do it here, once
        signals.detect("", "", _stages.signals)
    # What each worker would otherwise load for itself at its first need, ~75 MB in each
    # (issue #14): pypinyin's dictionaries (ids of unlisted Chinese bodies) and jusText's
    # stop words of every language (trafilatura's fallback extraction), with the
    # lower-cased set jusText makes of them and caches. A worker only looks words up in
    # them, so they stay shared (building the set in a worker would walk, and so copy,
    # all 154,000 words).
    from justext.core import define_stoplist
    from pypinyin import lazy_pinyin
    from trafilatura import external

    from pipelines import extract

    extract.trafilatura_with_selectors()  # trafilatura's selectors in Python, for every worker

    lazy_pinyin("福田")
    define_stoplist(external.JT_STOPLIST or external.jt_stoplist_init())
except Exception:  # noqa: BLE001, S110 - a warm-up only; the worker does it again if needed
    pass

# Everything loaded so far lives as long as the workers: out of the garbage collector's
# sight, so a collection in a worker does not write to (and copy) the pages it shares
# with its siblings.
gc.freeze()
gc.enable()
