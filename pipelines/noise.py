"""What is never a key signal: site boilerplate, bylines, captions, datelines.

The patterns are data ([noise] in config/signals.toml). ``strip`` patterns cut a byline or
dateline off the front of a sentence it was run into ("By Priya Nair, 14 May 2027 The
office …" keeps "The office …"); ``drop`` patterns remove the sentence. :class:`Noise`
is built once per crawl (or rescore) and used by pipelines/summary.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from crawler.config import SignalConfig


@dataclass(frozen=True)
class Noise:
    strip: tuple[re.Pattern[str], ...] = ()
    drop: tuple[re.Pattern[str], ...] = ()

    def clean(self, sentence: str) -> str | None:
        """``sentence`` without a leading byline/dateline (a suffix of it, so still a
        verbatim quote), or None when it is noise or nothing is left."""
        for pattern in self.strip:
            m = pattern.match(sentence)
            if m:
                sentence = sentence[m.end():].lstrip(" -–—|:：")
        if not sentence.strip():
            return None
        if any(pattern.search(sentence) for pattern in self.drop):
            return None
        return sentence


@lru_cache(maxsize=8)
def noise_of(config: SignalConfig) -> Noise:
    return Noise(tuple(re.compile(p) for p in config.noise_strip),
                 tuple(re.compile(p) for p in config.noise_drop))
