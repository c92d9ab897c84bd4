"""Who acts, and the word lists of config/signal_context.toml as patterns.

A company's own roll-out, pilot, investment or house rules is no public-sector event
("ASB Bank has rolled out …", 星展银行宣布推出…): :func:`actor` tells from the text before
a cue term whether it names a private actor, a public one or neither, with the word lists
of signal_context.toml ``[actor]`` compiled by :func:`words_pattern` (also used for the
``[future]`` words) and :func:`office_pattern` (the endings of Chinese offices' names).
pipelines/signals.py applies it.
"""

from __future__ import annotations

import re

from crawler.config.context import ContextRules
from crawler.shared.text import HAN
from pipelines.matcher import zh_variants


def words_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    """Words matched case-insensitively, English as whole words, Chinese as a
    substring in every script (written once, like the cue terms)."""
    if not words:
        return re.compile(r"(?!)")
    forms = {form for w in words for form in ((w,) if w.isascii() else zh_variants(w))}
    english = sorted((w for w in forms if w.isascii()), key=len, reverse=True)
    chinese = sorted((w for w in forms if not w.isascii()), key=len, reverse=True)
    parts = []
    if english:
        # a hyphen joins words: "back-office" names no office, "state-of-the-art" no state;
        # the lookahead on the first letters keeps the engine from trying every word at
        # every position
        firsts = re.escape("".join(sorted({c for w in english for c in (w[0].lower(), w[0].upper())})))
        parts.append(rf"(?=[{firsts}])(?<![\w-])(?:{'|'.join(map(re.escape, english))})(?![\w-])")
    if chinese:
        firsts = re.escape("".join(sorted({w[0] for w in chinese})))
        parts.append(rf"(?=[{firsts}])(?:{'|'.join(map(re.escape, chinese))})")
    return re.compile("|".join(parts), re.IGNORECASE)


def office_pattern(context: ContextRules) -> re.Pattern[str]:
    """A Chinese office's name ending (運輸署, 民政局) after a Han character, unless it is
    part of a word that is no office (部署, 布局, 處理)."""
    if not context.public_suffixes:
        return re.compile(r"(?!)")
    no = {form for w in context.not_public for form in zh_variants(w)}
    words = "|".join(re.escape(w) for w in sorted(no, key=len, reverse=True))
    suffixes = "|".join(re.escape(w) for w in
                        {form for w in context.public_suffixes for form in zh_variants(w)})
    # a word that is no office is matched first and skipped (group "no")
    return re.compile(rf"(?P<no>{words})|(?<=[{HAN}])(?:{suffixes})" if words
                      else rf"(?<=[{HAN}])(?:{suffixes})")


def actor(text: str, private: re.Pattern[str], public: re.Pattern[str],
          office: re.Pattern[str]) -> bool | None:
    """Whether ``text`` names a private actor: True for a word of a company and none of a
    public body, False for a public body, None for neither (the actor is then whoever
    the article's first sentence names)."""
    if public.search(text) or any(not m.groupdict().get("no")
                                        for m in office.finditer(text)):
        return False
    return True if private.search(text) else None
