"""Chinese units of a body (issue #12): the name written right after its parent, with or
without a link word (數字政策辦公室轄下的智慧政府創新實驗室, 南京市公安局经济犯罪侦查支队,
水利署第六河川分署), and a second unit joined to the first by "and". A mixin of
pipelines/bodies.py ``BodyMatcher``, which compiles the patterns (pipelines/bodies_zh_patterns.py)."""

from __future__ import annotations

import re
from typing import Any

from pipelines.bodies_zh import NOT_IN_NAME, TASK_FORCE_END
from pipelines.body_ids import Body, pinyin_slug

# a unit whose suffix is one character (局, 署, 处, 司, 组) has at most this many characters
SHORT_SUFFIX_UNIT = 8
# a panel (小组) that a committee's word may follow: 資助房屋小組委員會
_PANEL = ("小组", "小組")
_COMMITTEE = ("委员会", "委員會")
# the suffixes of a body's standing ranks: its sections, divisions, branches and brigades
_RANK_UNITS = ("科", "處", "处", "分局", "大队", "大隊", "支队", "支隊", "中队", "中隊", "办公室", "辦公室")
# 区 starts no unit's name, but 区域 ("area") does: 區域交通控制組
_REGION = ("区域", "區域")
# a people's government's general office (德清县人民政府办公室, 广东省人民政府办公厅): a unit
# of the government, named by the suffix alone
_GENERAL_OFFICES = ("办公室", "辦公室", "办公厅", "辦公廳")
_GOVERNMENT_ENDS = ("人民政府", "政府")
# words of reject_starts (民: 市民, "citizens") that start a unit's name after its parent:
# 臺北市政府民政局 (civil affairs), 民航處 (civil aviation), 民族事務 (ethnic affairs), 民防 (civil defence)
_UNIT_STARTS = ("民政", "民航", "民族", "民防",
                # the Legislative Council's Public Accounts Committee (政府 starts phrases)
                "政府帳目", "政府账目",
                # 长 starts phrases (长期), but the Yangtze's commission too: 长江水利委员会
                "长江", "長江")
# an agency's short name in brackets after its name: （房委會）, (數字辦)
_BRACKETED = re.compile(r"[（(][\u4e00-\u9fffA-Za-z]{1,8}[）)]")
# a level's one character before a unit's name: 市 (the city's), 省, 区, 县
_LEVEL_CHARS = frozenset("市省区區县縣")
# "and" between two units of one parent
_JOINS = ("與", "与", "和", "及", "、")
# a kind of unit, not a unit's name: 立法會事務委員會 ("the Legislative Council's panel")
_GENERIC_UNITS = frozenset(("事务委员会", "事務委員會", "小组委员会", "小組委員會", "专责小组", "專責小組",
                            "工作小组", "工作小組"))
# a numbered unit: a legislature's standing committee (立法會第一常設委員會) or a body's
# numbered branch (第六河川分署, 第二分局, 第三支队)
_NUMBERED_UNIT = re.compile("第[一二三四五六七八九十]{1,3}常[设設]委[员員][会會]"
                            "|第[一二三四五六七八九十]{1,3}[\u4e00-\u9fff]{0,4}?"
                            "(?:分署|分局|分處|分处|支隊|支队|大隊|大队)")
# the link 成立 alone ("sets up"; also 牵头成立, "leads in setting up"), maybe with a quote
_BARE_SET_UP = tuple(f"{verb}{quote}" for verb in ("成立", "牵头成立", "牽頭成立")
                     for quote in ("", "「", "『", "“"))
_QUOTES = str.maketrans("", "", "「」『』“”")


class ChineseUnits:
    """A listed agency's or an office's Chinese units."""

    # set by BodyMatcher.__init__ (pipelines/bodies.py) from the gazetteer
    zh_center: Any
    zh_center_words: Any
    zh_not_units: Any
    zh_reject: Any
    zh_unit: Any
    zh_unit_false_endings: Any
    zh_unit_suffixes: Any

    def chinese_units(self, text: str, agency_end: int, parent: str,
                      link_only: bool = False) -> Body | None:
        if text.startswith(("（", "("), agency_end):
            # its short name in brackets, then a link: 香港房屋委員會（房委會）轄下的…
            close = _BRACKETED.match(text, agency_end)
            if close is None:
                return None
            agency_end, link_only = close.end(), True
        office = next((o for o in _GENERAL_OFFICES if text.startswith(o, agency_end)), None)
        if office is not None and parent.endswith("-gov") \
                and text.endswith(_GOVERNMENT_ENDS, 0, agency_end):
            end = agency_end + len(office)
            return Body(agency_end, end, office, f"{parent}-{pinyin_slug(office)}", office, "",
                        parent=parent)
        m = self.zh_unit.match(text, agency_end)
        # a numbered branch of any body (水利署第六河川分署): named so, no link needed
        numbered = m is not None and _NUMBERED_UNIT.fullmatch(m.group("unit")) is not None
        if m is None or link_only and not m.group("link") \
                and not m.group("unit").endswith(_RANK_UNITS) and not numbered:
            # (a body only a pattern found: a unit right after it only when its suffix is
            # a rank of the body's own structure, 县公安局交通警察大队, 区数据局数据资源科;
            # a task force or a centre needs a link, 已成立: 承担专班 is "take on the task force")
            return None
        unit, end = m.group("unit"), m.end()
        if m.group("link") in _BARE_SET_UP and not TASK_FORCE_END.search(unit):
            return None  # 成立 alone, then no task force: 成立以来, 成立于…
        if unit.endswith(_PANEL) and text.startswith(_COMMITTEE, end):
            # 資助房屋小組委員會: a subcommittee, not a 小組 (panel) followed by a word
            more = next(c for c in _COMMITTEE if text.startswith(c, end))
            unit, end = unit + more, end + len(more)
        suffix = max((u for u in self.zh_unit_suffixes if unit.endswith(u)), key=len)
        if len(unit) - len(suffix) < 2:
            return None  # a name of two characters at least before the suffix
        if not m.group("link") and any(unit.endswith(c) for c in self.zh_center) and not any(
                w in unit for w in self.zh_center_words):
            return None  # 轄下的消防通訊中心 is a unit; a bare 中心 after a name needs more
        under = m.group("link") and m.group("link") not in _BARE_SET_UP
        if (unit.startswith(self.zh_reject) and not unit.startswith(_REGION)
                and not unit.startswith(_UNIT_STARTS)
                # a unit said to be under its parent may be named "the government's …"
                # (數字辦轄下的政府電腦保安事故協調中心)
                and not (under and unit.startswith("政府"))
                and _NUMBERED_UNIT.fullmatch(unit) is None) or unit.endswith(self.zh_not_units):
            # 第 and the numerals start phrases, not names, but 第一常設委員會 is one; 区
            # starts none, but 区域 ("area") does: 區域交通控制組
            return None
        if unit in _GENERIC_UNITS:
            return None  # 事務委員會 alone: "the panel" named before, not a panel of its own
        if any(verb in unit for verb in NOT_IN_NAME):
            return None  # 轄下設立跨部門督導小組: "set up under it", a phrase, not a name
        if text[end - 1:end + 1] in self.zh_unit_false_endings:
            return None  # 发布司法解释: 司法 (judicial), not a 司 (department)
        if len(unit) > SHORT_SUFFIX_UNIT and len(suffix) == 1 and not m.group("link") \
                and not numbered:
            # a one-character suffix ends many phrases (推广大数据模型查处): a longer name
            # needs a longer suffix (林業及自然保育署 is 8; 經濟犯罪偵查支隊 ends in 支隊), or
            # a link that says a unit follows (轄下新設的人工智能應用及管治組)
            return None
        # 市大数据资源管理中心 after 深圳市政务服务和数据管理局: "the city's", not part of the name
        core = unit[1:] if unit[0] in _LEVEL_CHARS and len(unit) > 4 \
            and not unit.startswith(_REGION) else unit
        slug = pinyin_slug(core.replace("+", "").translate(_QUOTES))
        return Body(m.start("unit"), end, unit, f"{parent}-{slug}", unit, "", parent=parent)

    def joined_unit(self, text: str, first: Body) -> Body | None:
        """A second unit of the same parent joined to ``first`` by "and" (立法會資訊科技及廣播
        事務委員會與交通事務委員會): a unit whose name ends as the first one's does."""
        if text[first.end:first.end + 1] not in _JOINS:
            return None
        second = self.chinese_units(text, first.end + 1, first.parent)
        if second is None or second.text.startswith(_JOINS):
            return None
        ending = max((u for u in self.zh_unit_suffixes if first.text.endswith(u)), key=len)
        return second if second.text.endswith(ending) else None
