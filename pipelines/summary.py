"""Summary stage: a one-paragraph summary and the 2-4 sentences that carry the news.

Both are *extractive*: every sentence is copied verbatim from the text (nothing is
invented or rephrased). :func:`summarize` takes the lead sentences up to about
SUMMARY_WORDS English words or SUMMARY_CHARS Chinese characters. :func:`key_signals`
ranks sentences by what makes news -- an action (launched, bought, piloted, 推出, 採購),
money, numbers, dates, people with titles and the tagged agencies/vendors -- and returns
the best 2-4 in text order. Sentence splitting is language-aware (pipelines/sentences.py).

:class:`SummaryPipeline` is the Scrapy adapter.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from typing import Any

from crawler.shared.text import HAN_CHAR
from pipelines.noise import Noise
from pipelines.sentences import is_chinese, sentence_spans

SUMMARY_WORDS = 60
SUMMARY_CHARS = 120
MAX_SIGNALS = 4
MIN_SIGNALS = 2
MAX_SENTENCE_CHARS = 600  # longer "sentences" are usually navigation or run-on lists

_ACTION = re.compile(
    r"\b(?:launch|unveil|introduc|roll(?:ed|s)? out|rollout|pilot|trial|procur|tender|award|"
    r"sign|contract|fund|invest|allocat|grant|approv|deploy|adopt|partner|establish|set up|"
    r"open|organi[sz]|host|announc|regulat|legislat|ban|restrict|select|buy|bought|purchas|"
    r"attract|complet|expand)\w*", re.IGNORECASE)
_ACTION_ZH = re.compile(
    r"推出|推行|啟動|启动|開展|开展|試點|试点|試行|试行|採購|采购|招標|招标|批出|撥款|拨款|投資|投资|"
    r"資助|资助|簽署|签署|合作|部署|宣布|舉辦|举办|成立|設立|设立|開幕|开幕|上線|上线|引入|採用|采用|"
    r"應用|应用|規管|规管|立法|吸引|落地|發布|发布|發佈|擴展|扩展")
_MONEY = re.compile(
    r"(?:HK\$|US\$|RMB|S\$|A\$|C\$|\$|€|£|¥)\s?\d|\d[\d,.]*\s?(?:million|billion|bn|m\b)|"
    r"\d[\d,.]*\s?(?:億|亿|萬|万)?\s?(?:元|港元|美元|人民幣|人民币)|(?:億|亿)元|萬元|万元",
    re.IGNORECASE)
_NUMBER = re.compile(r"\d[\d,.]*\s?(?:%|per cent|percent)?|[一二三四五六七八九十百千萬万億亿兩两]+(?:個|个|名|人|間|间|項|项)")
_DATE = re.compile(
    r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}\b|"
    r"\b\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*|"
    r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday|"
    r"next (?:week|month|year)|this (?:week|month|year))\b|\b(?:19|20)\d{2}\b|"
    r"\d{1,4}\s?年|\d{1,2}\s?月\s?\d{1,2}\s?日|今日|今天|昨日|昨天|明年|今年|下月|本月",
    re.IGNORECASE)
_PERSON = re.compile(
    r"\b(?:Secretary|Minister|Commissioner|Director|Chief Executive|Chairman|Chairperson|"
    r"President|Mayor|Governor|Senator|spokesperson|spokesman|CEO|Mr|Mrs|Ms|Dr|Prof)\b|"
    r"\bsaid\b|局長|局长|署長|署长|處長|处长|專員|专员|部長|部长|主席|行政總裁|总裁|總裁|市長|市长|表示|指出")
_ORG_ZH = re.compile(r"政府|局|署|處|办公室|辦公室|委員會|委员会|公司|議會|议会|部")

# Each pattern as written above, for tests/test_summary.py to compare with the guarded ones.
_UNGUARDED: dict[re.Pattern[str], re.Pattern[str]] = {}


def _guarded(pattern: re.Pattern[str], first: str) -> re.Pattern[str]:
    """``pattern`` behind a lookahead for the characters a match of it can start with:
    the same matches, 1.5-3.5x sooner. Python's regex engine otherwise enters every
    alternative at every position (it skips ahead on a first character only for
    case-sensitive literals). ``first`` is compiled with the pattern's flags, so under
    IGNORECASE it covers the same case variants as the pattern's own letters."""
    guarded = re.compile(f"(?=[{first}])(?:{pattern.pattern})", pattern.flags)
    _UNGUARDED[guarded] = pattern
    return guarded


_ACTION = _guarded(_ACTION, "luirptascfgdeohb")
_MONEY = _guarded(_MONEY, r"HURSAC$€£¥\d億亿萬万")
_NUMBER = _guarded(_NUMBER, r"\d一二三四五六七八九十百千萬万億亿兩两")
_DATE = _guarded(_DATE, r"\dJFMASONDTWY今昨明下本")
_PERSON = _guarded(_PERSON, "SMCDPGs局署處处專专部主行总總市表指")


def _units(sentence: str, chinese: bool) -> int:
    if chinese:
        return len(re.sub(r"\s", "", sentence))
    return len(sentence.split())


_WORD = re.compile(r"[^\W\d_]{2,}")
MIN_CJK_CHARS = 8  # shorter "sentences" are datelines, bylines, captions, menu items
MIN_WORDS = 4
_NON_WORD = re.compile(r"\W")


def _is_prose(sentence: str) -> bool:
    """Enough words to be a sentence: drops "2020-08-07 17:24", "Local | 7 Aug 2020"."""
    cjk = len(HAN_CHAR.findall(sentence))
    if cjk >= MIN_CJK_CHARS:
        return True  # words need not be counted
    words = len(_WORD.findall(HAN_CHAR.sub(" ", sentence) if cjk else sentence))
    return words >= MIN_WORDS or (cjk >= 4 and words >= 2)


CAPTION_CHARS = 200  # a photo caption is a short line
HEADLINE_WORDS = 15  # a line of fewer words with no closing stop is a label or headline
HEADLINE_CJK = 40  # the same, in Han characters
_CLOSING = re.compile(r"[.!?;\u2026\"\u201d\u2019')\]\u3002\uff01\uff1f\uff1b\u300d\u300f\uff09]\W*$")


def _bare_line(text: str, start: int, end: int, sentence: str) -> bool:
    """True when the sentence is a whole line of the text with no closing stop and is
    short: a masthead or tagline ("Mexico Business Daily: Mexico's news in English since
    2015"), a section label, or a related story's headline under "Read more" or 延伸閱讀
    (數位部盤點公部門AI應用 逾半機關仍停留在試用階段). Prose ends its paragraph with a stop."""
    if start > 0 and text[start - 1] != "\n":
        line_start = text.rfind("\n", 0, start) + 1
        if text[line_start:start].strip():
            return False
    line_end = text.find("\n", end)
    if text[end:line_end if line_end >= 0 else len(text)].strip():
        return False
    if _CLOSING.search(sentence):
        return False
    cjk = len(HAN_CHAR.findall(sentence))
    if cjk >= MIN_CJK_CHARS:
        return cjk < HEADLINE_CJK
    return len(sentence.split()) < HEADLINE_WORDS


# A short line closed by a stop and then a bracketed credit with no stop in it: a photo
# caption ("Delegates at the opening session in Riyadh on Tuesday. (SPA)", 醫管局總部。
# （資料圖片）, "… in Naivasha on Thursday. [Wanjiru Kamau, Standard]").
_OPEN, _CLOSE = "([（【〔", ")]）】〕"
_CREDIT_TAIL = re.compile(
    rf"[.!?。！？]\s*[{re.escape(_OPEN)}][^{re.escape(_OPEN + _CLOSE)}.!?。！？]{{1,40}}"
    rf"[{re.escape(_CLOSE)}]\s*$")
# A line that is all in brackets: an editor's or a wire's note ("(Reporting by …; Editing
# by …)", （編輯：陳怡君）, 【纠错】, "(This story has been updated …)").
_BRACKETED = re.compile(
    rf"^\s*[{re.escape(_OPEN)}][^{re.escape(_OPEN + _CLOSE)}]{{2,}}[{re.escape(_CLOSE)}]\s*$")


# A later sentence found whole inside one of the first LEAD_SENTENCES sentences once
# bracketed asides are out of both (a caption "The Secretary speaks at the forum's opening."
# after the lead "The Secretary (on 12 October) speaks at the forum's opening and
# announces …") restates the lead: at least RESTATED_CHARS word characters.
LEAD_SENTENCES = 5
RESTATED_CHARS = 20
_ASIDE = re.compile(r"[（(][^（）()]{0,30}[）)]")


# A line that is only a photo credit: "Express Photo", "Photo: Reuters", "PTI Photo",
# "Photograph: Jane Doe", 圖片來源：政府新聞處
_CREDIT_LINE = re.compile(
    r"^(?:(?:[A-Z][\w.&'’-]*\s){0,3}(?:Photo|Photos|Photograph|Picture|Image|File Photo)"
    r"|(?:Photo|Photos|Photograph|Picture|Image)s?\s*(?:by\b|[:：]).{1,40}"
    r"|(?:圖片來源|图片来源|圖片|图片|相片)\s*[：:].{1,20})$")


def _caption_lines(text: str, noise: Noise | None) -> list[tuple[int, int]]:
    """The spans of the short lines that are noise as a whole, though no sentence of them
    need be: a caption with its picture agency's credit after it ("Participants at
    Station F on Saturday. (AFP)", 代表簽署合作備忘錄。何詠欣攝), a line all in brackets
    (an editor's note)."""
    spans, at = [], 0
    previous: tuple[int, int] | None = None  # the last non-empty line's span
    for line in text.split("\n"):
        end = at + len(line)
        if previous is not None and _CREDIT_LINE.match(line.strip()) \
                and previous[1] - previous[0] <= CAPTION_CHARS:
            spans.append(previous)  # a caption whose credit is the next line ("Express Photo")
        if line.strip():
            previous = (at, end)
        if len(line) <= CAPTION_CHARS and (
                _CREDIT_TAIL.search(line) or _BRACKETED.match(line)
                or noise is not None
                and (". " in line or "。" in line.strip().rstrip("。"))
                and noise.clean(line.strip()) is None):
            spans.append((at, end))
        at = end + 1
    return spans


def _sentences(title: str, text: str, noise: Noise | None = None) -> list[str]:
    title_key = _NON_WORD.sub("", title or "").lower()
    out: list[str] = []
    seen: set[str] = set()
    lead = ""  # the first LEAD_SENTENCES sentences, asides out, as one string
    text = text or ""
    captions = _caption_lines(text, noise)
    if noise is not None:
        text = text[:noise.footer_start(text)]  # a press release's "About Acme" section
    for a, b in sentence_spans(text):
        s = text[a:b].strip("| \t\u00a0")  # table cells come out of extraction as "| … |"
        if captions and any(start <= a < end for start, end in captions):
            continue  # a sentence of a short line that is noise as a whole
        if noise is not None:
            cleaned = noise.clean(s)  # boilerplate, byline, caption (config/signals.toml)
            if cleaned is None:
                continue
            s = cleaned
        if len(s) > MAX_SENTENCE_CHARS or s.count("|") >= 2 or not _is_prose(s) \
                or _bare_line(text, a, b, s):
            continue
        key = _NON_WORD.sub("", s).lower()
        if title_key and (key == title_key or (len(key) >= 10 and key in title_key)):
            continue  # the headline repeated as the first line of the body
        if key in seen:
            continue  # a sentence repeated (lead echoed in the body, a pull quote)
        short = _NON_WORD.sub("", _ASIDE.sub("", s)).lower() if _ASIDE.search(s) else key
        if len(short) >= RESTATED_CHARS and short in lead:
            continue  # a caption restating the lead without its date or its news
        seen.add(key)
        if len(out) < LEAD_SENTENCES:
            lead += "\n" + short
        out.append(s)
    return out


def summarize(title: str, text: str, language: str = "", noise: Noise | None = None) -> str:
    """The lead of the article as one paragraph of whole sentences, as close as whole
    sentences get to 60 words or 120 Chinese characters. Empty text gives ""."""
    chinese = is_chinese(text or title or "", language)
    return _summary_of(_sentences(title, text, noise), chinese)


def _summary_of(sentences: list[str], chinese: bool) -> str:
    budget = SUMMARY_CHARS if chinese else SUMMARY_WORDS
    chosen: list[str] = []
    used = 0
    for s in sentences:
        size = _units(s, chinese)
        # Take the next sentence only while it brings the length closer to the budget.
        if chosen and abs(used + size - budget) >= abs(used - budget):
            break
        chosen.append(s)
        used += size
    return ("" if chinese else " ").join(chosen)


# A separator no pattern above can match (none has a negated class or matches NUL) and
# that is a non-word character like a string's edge, so searching the joined sentences
# finds exactly the sentences a search of each sentence on its own would.
_JOIN = "\x00"


def _matching(pattern: re.Pattern[str], joined: str, starts: list[int]) -> set[int]:
    """Indexes of the sentences (joined with _JOIN, starting at ``starts``) in which
    ``pattern`` matches: one search per matching sentence plus one, instead of one per
    sentence (scoring every sentence with five searches was ~5 % of a crawl)."""
    found: set[int] = set()
    pos = 0
    while (m := pattern.search(joined, pos)) is not None:
        i = bisect_right(starts, m.start()) - 1
        found.add(i)
        if i + 1 >= len(starts):
            break
        pos = starts[i + 1]  # the rest of this sentence cannot add anything
    return found


def _scores(sentences: list[str], names: Iterable[str], chinese: bool) -> list[float]:
    """The score of every sentence: what :func:`_score` gives each, computed with one
    pass of each pattern over all the sentences."""
    joined = _JOIN.join(sentences)
    starts, pos = [], 0
    for s in sentences:
        starts.append(pos)
        pos += len(s) + len(_JOIN)
    action = _matching(_ACTION, joined, starts) | _matching(_ACTION_ZH, joined, starts)
    money = _matching(_MONEY, joined, starts)
    number = _matching(_NUMBER, joined, starts)
    date = _matching(_DATE, joined, starts)
    person = _matching(_PERSON, joined, starts)
    names = [name for name in names if name]
    org = _matching(_ORG_ZH, joined, starts) if chinese else set()
    out = []
    for i, sentence in enumerate(sentences):
        score = (2.0 * (i in action) + 2.0 * (i in money) + 1.0 * (i in number)
                 + 1.0 * (i in date) + 1.0 * (i in person))
        if any(name in sentence for name in names):
            score += 1.5
        elif i in org:
            score += 1.0
        out.append(_finish(score, sentence, i, chinese))
    return out


def _score(sentence: str, index: int, names: Iterable[str], chinese: bool) -> float:
    """One sentence's score (the reference :func:`_scores` must agree with)."""
    score = 0.0
    if _ACTION.search(sentence) or _ACTION_ZH.search(sentence):
        score += 2.0
    if _MONEY.search(sentence):
        score += 2.0
    if _NUMBER.search(sentence):
        score += 1.0
    if _DATE.search(sentence):
        score += 1.0
    if _PERSON.search(sentence):
        score += 1.0
    if any(name and name in sentence for name in names):
        score += 1.5
    elif chinese and _ORG_ZH.search(sentence):
        score += 1.0
    return _finish(score, sentence, index, chinese)


def _finish(score: float, sentence: str, index: int, chinese: bool) -> float:
    size = _units(sentence, chinese)
    if size < (10 if chinese else 6):
        score -= 2.0
    if sentence.rstrip().endswith(("?", "？")):
        score -= 1.0
    return score - 0.1 * min(index, 20)  # the news is usually told early


def key_signals(title: str, text: str, language: str = "",
                tags: dict[str, Any] | None = None, noise: Noise | None = None,
                summary: str | None = None) -> list[str]:
    """2-4 sentences from ``text`` that carry the news, in text order. ``tags`` may hold
    ``agencies``/``vendors``/``locations`` lists (dicts with ``name``) to favour sentences
    naming them. With ``noise``, boilerplate, bylines, captions and datelines are never
    chosen; with ``summary``, no sentence the summary already holds is repeated."""
    chinese = is_chinese(text or title or "", language)
    return _signals_of(_sentences(title, text, noise), chinese, tags, summary)


def _signals_of(sentences: list[str], chinese: bool, tags: dict[str, Any] | None,
                summary: str | None = None) -> list[str]:
    if summary:
        sentences = [s for s in sentences if s not in summary]
    if not sentences:
        return []
    names: list[str] = []
    for key in ("agencies", "vendors", "locations"):
        for entry in (tags or {}).get(key) or []:
            name = entry.get("name") if isinstance(entry, dict) else str(entry)
            if name:
                names.append(name)
    scores = _scores(sentences, names, chinese)
    ranked = sorted(((score, i) for i, score in enumerate(scores)),
                    key=lambda pair: (-pair[0], pair[1]))
    picked = [i for score, i in ranked[:MAX_SIGNALS] if score > 1.0]
    if len(picked) < MIN_SIGNALS:
        picked = [i for _score_, i in ranked[:MIN_SIGNALS]]
    return [sentences[i] for i in sorted(picked)]


def summary_and_signals(title: str, text: str, language: str = "",
                        tags: dict[str, Any] | None = None,
                        noise: Noise | None = None) -> tuple[str, list[str]]:
    """The summary and the key signals, from one split of the text: the summary is the
    lead as :func:`summarize` makes it, without noise (bylines, captions, boilerplate);
    the key signals leave out noise and whatever the summary already says."""
    chinese = is_chinese(text or title or "", language)
    sentences = _sentences(title, text, noise)
    summary = _summary_of(sentences, chinese)
    return summary, _signals_of(sentences, chinese, tags, summary)


def apply(item: Any, noise: Noise | None = None) -> Any:
    """Set ``summary`` and ``key_signals`` of an Article (after tagging, for the names)."""
    language = item.language or getattr(item, "source_language", "") or ""
    tags = {"agencies": item.agencies, "vendors": item.vendors, "locations": item.locations}
    item.summary, item.key_signals = summary_and_signals(item.title, item.text, language, tags,
                                                         noise)
    return item


class SummaryPipeline:
    """Scrapy adapter: fills ``summary`` and ``key_signals``. Settings: GOVWATCH_CONFIG_DIR
    (the [noise] patterns of its signals.toml, else of the shipped one)."""

    def __init__(self, noise: Noise | None = None) -> None:
        self.noise = noise

    @classmethod
    def from_crawler(cls, crawler: Any) -> SummaryPipeline:
        from crawler.config import crawl_config_dir, load_signal_config, signal_config_path
        from pipelines.noise import noise_of

        path = signal_config_path(crawl_config_dir(crawler.settings))
        return cls(noise_of(load_signal_config(path)))

    def process_item(self, item: Any) -> Any:
        return apply(item, self.noise)
