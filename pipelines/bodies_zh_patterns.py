"""The Chinese half of compiling bodies.toml (pipelines/bodies.py ``BodyMatcher``): the
office names, unit suffixes and link words made into the patterns pipelines/bodies_zh.py
reads, set on the matcher as its ``zh_*`` attributes, once per gazetteer."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from crawler.config.bodies import BodyRules
from crawler.shared.text import HAN, NO_NAME_BEFORE
from pipelines.body_ids import alt as _alt
from pipelines.matcher import zh_variants
from pipelines.offices import FALSE_ENDINGS

_CJK = HAN
# characters a Chinese unit's name never holds: function words and punctuation
_NOT_IN_UNIT = "的了在將将會会與与是已於于為为對对向由把被從从表說说稱称指"




def compile_chinese(m: Any, rules: BodyRules, locations: list[Any],
                    offices: Iterable[Any]) -> None:
    """Set the Chinese patterns of bodies.toml (and the mainland offices of offices.toml,
    the development zones of the locations) on the matcher ``m``."""
    # a development zone's Chinese names (苏州工业园区): its bodies are its committee's units
    m.zh_zones = {loc.id: tuple(v for n in loc.names_zh_hans for v in zh_variants(n))
                  for loc in locations if loc.kind == "zone" and loc.jurisdiction == "CN"}
    zh_offices: dict[str, tuple[str, str]] = {}  # office name -> (office id, English)
    zh_admin_only: set[str] = set()  # names only after 省/市 (政府: not 北京政府)
    m.zh_offices, m.zh_admin_only = zh_offices, zh_admin_only
    m.zh_zone_office = ""  # the office of a zone (its 管委会), and its names
    m.zh_zone_office_names = frozenset()
    for office in offices:
        if office.jurisdiction != "CN":
            continue
        if "zone" in office.places:
            m.zh_zone_office = office.id
            m.zh_zone_office_names = frozenset(
                v for n in office.names_zh for v in zh_variants(n))
        for name in office.names_zh:
            for variant in zh_variants(name):
                m.zh_offices.setdefault(variant, (office.id, office.name))
                if office.administrative_only:
                    m.zh_admin_only.add(variant)
    for name, office_id, english in rules.zh_district_offices:
        for variant in zh_variants(name):
            m.zh_offices.setdefault(variant, (office_id, english))
    suffixes = {v for s in rules.zh_suffixes for v in zh_variants(s)}
    center = zh_variants(rules.zh_center) if rules.zh_center else set()
    m.zh_center = center
    m.zh_center_words = {v for w in rules.zh_center_words for v in zh_variants(w)}
    district = {v for s in rules.zh_district_suffixes for v in zh_variants(s)}
    m.zh_reject = tuple(v for s in rules.zh_reject_starts for v in zh_variants(s))
    m.false_endings = {v for e in FALSE_ENDINGS for v in zh_variants(e)}
    m.zh_not_units = tuple(v for w in rules.zh_not_units for v in zh_variants(w))
    # a unit suffix that starts another word: 司法 (judicial), 处理 (to handle), 局面 …
    m.zh_unit_false_endings = {v for w in (
        "司法", "司长", "司机", "司令", "组长", "组织", "组成", "组合", "组建", "处理", "处分",
        "处罚", "处于", "处境", "处置", "处事", "局限", "局面", "局势", "局部", "署名",
        # a head's title, not a unit: 助理局長 (an assistant director)
        "局长", "署长", "处长", "队长", "科长", "厅长",
        # 科 and 厅 starting another word: 资讯科技, 科学, 科研, 厅舍, 教科文卫委员会
        "科技", "科学", "科研", "科普", "科创", "科目", "科室", "科文", "厅舍")
        for v in zh_variants(w)}
    m.zh_not_district = tuple(v for s in rules.zh_not_districts for v in zh_variants(s))
    # (社会, 会计 and 指挥 hold 会 and 指, which end a name elsewhere: 德清县社会治理中心)
    words = _alt(zh_variants('社会') | zh_variants('会计') | zh_variants('指挥'))
    generic = (rf"(?:{words}|[^{_NOT_IN_UNIT}某\W\d_A-Za-z])"
               rf"{{1,16}}?{_alt(suffixes | center)}" if suffixes else "(?!)")
    office_alt = _alt(m.zh_offices)
    m.zh_after_place = re.compile(
        rf"(?P<admin>省|市|自治区|自治區|縣|县)?(?:(?P<district>[{_CJK}]{{1,4}}?{_alt(district)})"
        rf"(?P<office1>{office_alt}|{generic})|(?P<office2>{office_alt}|{generic}))")
    # heads, not offices: the government's names that are titles (区长, 副市长, offices.toml
    # and bodies.toml [chinese.district_offices]), which stand for that government
    m.zh_heads = {n for n, (office_id, _e) in m.zh_offices.items()
                  if office_id == "gov" and n.endswith(("长", "長"))}
    m.zh_district = re.compile(
        rf"(?P<district>[{_CJK}]{{2}}{_alt(district)})(?P<office>{office_alt})") if district else None
    # an office of "the district" (区民政局, 县政府办公室) after a word that is no name,
    # and a subdistrict's office (莲花街道办事处): pipelines/bodies_zh.py
    m.zh_relative = re.compile(
        rf"(?:(?<![{_CJK}])|(?<=[{NO_NAME_BEFORE}]))(?P<name>(?P<kind>区|區|县|縣)"
        rf"(?P<office>{office_alt}|{generic}))"
        # (also after 联合 / 配合, "together with": 数据局联合武康街道办事处)
        rf"|(?:(?<![{_CJK}])|(?<=[{NO_NAME_BEFORE}区區县縣市合]))"
        rf"(?P<name2>(?P<sub>[^{_NOT_IN_UNIT}{NO_NAME_BEFORE}各全该該本每所\W\d_A-Za-z]{{2,4}}?)"
        rf"街道(?:办事处|辦事處|办|辦))"
        # a town's government (草海镇人民政府), also named by no place of its own
        rf"|(?:(?<![{_CJK}])|(?<=[{NO_NAME_BEFORE}区區县縣市]))"
        rf"(?P<name3>(?P<town>[^{_NOT_IN_UNIT}{NO_NAME_BEFORE}各全该該本每所个個些等乡鄉镇鎮\W\d_A-Za-z]{{2,4}}?)"
        rf"(?:镇|鎮|乡|鄉)(?:人民政府|政府))") if district else None
    zh_units = {v for s in rules.zh_units for v in zh_variants(s)}
    m.zh_unit_suffixes = frozenset(zh_units)
    zh_links = {v for s in rules.zh_unit_links for v in zh_variants(s)}
    # 會 ("will") ends a unit's name, except in words such as 社會 (社會局, social affairs)
    # a suffix never ends the name where it starts another word (資訊科技, 司法): the
    # name goes on to a later suffix (資訊科技及廣播事務委員會)
    nexts: dict[str, set[str]] = {}
    for ending in m.zh_unit_false_endings:
        nexts.setdefault(ending[0], set()).add(ending[1])
    suffix_alt = "(?:" + "|".join(
        re.escape(u) + (f"(?![{''.join(sorted(nexts[u[-1]]))}])" if u[-1] in nexts else "")
        for u in sorted(zh_units, key=len, reverse=True)) + ")"
    m.zh_unit = re.compile(
        # (a quote may open the name after a link: 轄下「智能交通組」)
        # (a name may open with "AI+": AI+政务服务工作专班, after the national campaign's)
        # (or be quoted before its kind: “人工智能+医疗”工作专班)
        rf"(?P<link>{_alt(zh_links)}{{1,2}}[「『“]?)?(?P<unit>(?:"
        rf"[「『“][^」』”\s，。、；：！？（）()]{{2,12}}?[」』”](?:{words}|[^{_NOT_IN_UNIT}\W\d_]){{0,8}}?"
        rf"|(?:(?:AI|人工智能)\+)?(?:{words}|[^{_NOT_IN_UNIT}\W\d_]){{1,12}}?){suffix_alt})")
