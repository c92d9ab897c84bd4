"""What is never a key signal: site boilerplate, bylines, captions, datelines.

The patterns are data ([noise] in config/signals.toml). ``strip`` patterns cut a byline or
dateline off the front of a sentence it was run into ("By Priya Nair, 14 May 2027 The
office …" keeps "The office …"); ``drop`` patterns remove the sentence; a ``footer``
heading ("About Acme" alone on its line) ends what the article reports. :class:`Noise` is
built once per crawl (or rescore) and used by pipelines/summary.py and pipelines/signals.py.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from crawler.config import SignalConfig
from crawler.shared import regex_scripts


@dataclass(frozen=True)
class Noise:
    strip: tuple[re.Pattern[str], ...] = ()
    drop: tuple[re.Pattern[str], ...] = ()
    any_strip: re.Pattern[str] | None = None  # the strip patterns joined: does one apply?
    footer: re.Pattern[str] | None = None  # a line that opens the footer ("About Acme")
    # For each set of scripts a sentence may hold (crawler.shared.regex_scripts.present),
    # the drop patterns that can match it: those anchored at the start joined into one
    # (tried once, with ``match``), the rest each searched on its own (faster than one
    # alternation). Without the patterns whose every match holds a character of a script
    # the sentence lacks (an English sentence is not tried against the Chinese caption
    # patterns, nor a Chinese one against the English bylines): a fifth less time
    # cleaning a sentence, the same answer (issue #14). Empty when the patterns cannot be
    # joined: each of ``drop`` is then searched.
    by_script: Mapping[frozenset[str], tuple[re.Pattern[str], tuple[re.Pattern[str], ...]]] = \
        field(default_factory=dict, compare=False)

    @property
    def drop_anywhere(self) -> tuple[re.Pattern[str], ...]:
        """The drop patterns not anchored at the start."""
        return tuple(p for p in self.drop if not (_scoped(p.pattern) or ("", False))[1])

    def footer_start(self, text: str) -> int:
        """Where the article's footer starts in ``text`` (the start of the first line
        that is all a footer heading), or ``len(text)`` when it has none."""
        if self.footer is not None:
            for m in self.footer.finditer(text):
                return m.start()
        return len(text)

    def clean(self, sentence: str) -> str | None:
        """``sentence`` without a leading byline/dateline (a suffix of it, so still a
        verbatim quote), or None when it is noise or nothing is left."""
        if self.any_strip is None or self.any_strip.match(sentence):
            for pattern in self.strip:
                m = pattern.match(sentence)
                if m:
                    sentence = sentence[m.end():].lstrip(" -–—|:：")
        if not sentence.strip():
            return None
        if self.by_script:
            start, anywhere = self.by_script[regex_scripts.present(sentence)]
            if start.match(sentence) or any(pattern.search(sentence) for pattern in anywhere):
                return None
        elif any(pattern.search(sentence) for pattern in self.drop):
            return None
        return sentence


_LEADING_FLAGS = re.compile(r"^\(\?([aiLmsux]+)\)")


def _scoped(pattern: str) -> tuple[str, bool] | None:
    """``pattern`` as a group with its own flags ("(?i)^x" becomes "(?i:x)") and whether
    it was anchored at the start; None when its flags cannot be scoped."""
    m = _LEADING_FLAGS.match(pattern)
    flags = m.group(1) if m else ""
    if set(flags) - {"i", "m", "s", "x"}:
        return None
    body = pattern[m.end():] if m else pattern
    anchored = body.startswith("^")
    if anchored:
        body = body[1:]
    return (f"(?{flags}:{body})" if flags else f"(?:{body})"), anchored


def _all_anchored(patterns: tuple[str, ...]) -> re.Pattern[str] | None:
    """One pattern that matches at the start where any of ``patterns`` (all anchored at
    the start) does; None when they cannot be joined. A sentence none of them matches
    needs no further look."""
    scoped = [_scoped(p) for p in patterns]
    if not scoped or any(s is None or not s[1] for s in scoped):
        return None
    try:
        return re.compile("|".join(body for body, _anchored in filter(None, scoped)))
    except re.error:
        return None


def _joined(patterns: tuple[str, ...]
            ) -> tuple[re.Pattern[str] | None, tuple[re.Pattern[str], ...] | None]:
    """The drop patterns anchored at the start as one alternation, and the others each
    compiled alone; (None, None) when their flags cannot be scoped."""
    scoped = [_scoped(p) for p in patterns]
    if any(s is None for s in scoped):
        return None, None
    starts = [body for body, anchored in filter(None, scoped) if anchored]
    anywhere = tuple(re.compile(p) for p, s in zip(patterns, scoped, strict=True)
                     if s is not None and not s[1])
    try:
        return (re.compile("|".join(starts)) if starts else re.compile(r"(?!)")), anywhere
    except re.error:
        return None, None


@lru_cache(maxsize=8)
def noise_of(config: SignalConfig) -> Noise:
    drop = tuple(re.compile(p) for p in config.noise_drop)
    return Noise(tuple(re.compile(p) for p in config.noise_strip), drop,
                 _all_anchored(config.noise_strip), _footer(config.noise_footer),
                 _by_script(config.noise_drop, drop))


_SCRIPT_SETS = tuple(regex_scripts.present(text) for text in ("", "中", "a", "中a"))


def _by_script(sources: tuple[str, ...], compiled: tuple[re.Pattern[str], ...]
               ) -> dict[frozenset[str], tuple[re.Pattern[str], tuple[re.Pattern[str], ...]]]:
    """:attr:`Noise.by_script`: for each set of scripts a sentence may hold, the drop
    patterns that can match it, joined as :func:`_joined` joins them; empty when they
    cannot be joined."""
    out = {}
    for scripts in _SCRIPT_SETS:
        kept = tuple(source for source, pattern in zip(sources, compiled, strict=True)
                     if regex_scripts.required(pattern) <= scripts)
        start, anywhere = _joined(kept)
        if start is None or anywhere is None:
            return {}
        out[scripts] = (start, anywhere)
    return out


def _footer(patterns: tuple[str, ...]) -> re.Pattern[str] | None:
    """The footer headings as one pattern matching a whole line (leading and trailing
    blanks allowed), or None when there are none."""
    if not patterns:
        return None
    lines = "|".join(f"(?:{p.removeprefix('^').removesuffix('$')})" for p in patterns)
    return re.compile(rf"^[ \t]*(?:{lines})[ \t]*$", re.MULTILINE)
