"""Coverage and precision of the Chinese-speaking jurisdictions' gazetteers (issue #3).

agencies/cn.toml, tw.toml, mo.toml, hk.toml and locations/cn.toml, tw.toml, mo.toml:
agencies named in full, by press short form and in either script are found with their
jurisdiction; names that are also ordinary words or other places' names are not.
Every sentence here is invented for the test.
"""

from __future__ import annotations

import pytest

from crawler.config import load_gazetteer
from pipelines.tagging import Tagger
from tests.regen_golden import CONFIG


def ids(items: list[dict[str, str]]) -> list[str]:
    return [item["id"] for item in items]


@pytest.mark.parametrize(
    ("title", "text", "expected", "jurisdiction"),
    [
        # Mainland, full names and press short forms, Simplified and Traditional
        ("国家统计局发布AI统计试点", "国家统计局表示，将在普查中试用大模型。", ["cn-nbs"], "CN"),
        ("", "國家統計局表示，將在普查中試用大模型。", ["cn-nbs"], "CN"),
        ("", "住建部与民政部联合印发通知，推动智慧社区建设。", ["cn-mohurd", "cn-mca"], "CN"),
        ("", "国家金融监督管理总局和中国证监会发布人工智能风险提示。",
         ["cn-nfra", "cn-csrc"], "CN"),
        ("", "國家藥監局與國家醫保局推出AI審評試點。", ["cn-nmpa", "cn-nhsa"], "CN"),
        ("", "The National Bureau of Statistics and CNIPA published the data.",
         ["cn-nbs", "cn-cnipa"], "CN"),
        ("", "中国科学院与中国工程院联合发布大模型评测报告。", ["cn-cas", "cn-cae"], "CN"),
        # Taiwan
        ("衛福部導入AI病歷摘要", "衛生福利部表示，疾管署與食藥署也將試用。",
         ["tw-mohw", "tw-cdc", "tw-fda"], "TW"),
        ("", "卫福部表示，将与健保署合作。", ["tw-mohw", "tw-nhia"], "TW"),
        ("", "中央氣象署以AI模型預報颱風路徑，資安署協助防護。", ["tw-cwa", "tw-acs"], "TW"),
        ("", "金管會、陸委會與工研院共同舉辦座談。", ["tw-fsc", "tw-mac", "tw-itri"], "TW"),
        ("北市資訊局推生成式AI", "臺北市政府資訊局表示，北市府同仁可使用新工具。",
         ["tw-tpe-doit", "tw-tpe-gov"], "TW"),
        ("", "The Ministry of Health and Welfare and ITRI signed the agreement.",
         ["tw-mohw", "tw-itri"], "TW"),
        # Macao
        ("博監局引入AI監察賭枱", "博彩監察協調局表示，統計暨普查局提供數據。",
         ["mo-dicj", "mo-dsec"], "MO"),
        ("", "博彩监察协调局与个人资料保护局召开会议。", ["mo-dicj", "mo-dspdp"], "MO"),
        ("", "DICJ and DSAT said the system would be tested in Taipa.", ["mo-dicj", "mo-dsat"], "MO"),
        # Hong Kong bodies added from the GovHK directory
        ("", "香港房屋協會與職業安全健康局合作推出AI安全巡查。", ["hk-hkhs", "hk-oshc"], "HK"),
        ("", "The Accounting and Financial Reporting Council issued AI guidance.", ["hk-afrc"], "HK"),
    ],
)
def test_new_agencies_by_full_and_short_name(tagger: Tagger, title: str, text: str,
                                             expected: list[str], jurisdiction: str) -> None:
    tags = tagger.tag(title, text)
    assert sorted(ids(tags.agencies)) == sorted(expected)
    assert tags.jurisdictions == [jurisdiction]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("江苏省和浙江省联合推进长三角数据互通。", ["cn-jiangsu", "cn-zhejiang", "cn-yrd"]),
        ("The pilot covers Nanjing, Suzhou, Hefei and Xi'an.",
         ["cn-nanjing", "cn-suzhou", "cn-hefei", "cn-xian"]),
        ("北京市、天津市和重庆市公布试点名单。", ["cn-beijing", "cn-tianjin", "cn-chongqing"]),
        ("內蒙古自治區與廣西壯族自治區簽約。", ["cn-inner-mongolia", "cn-guangxi"]),
        ("新北市與桃園市、高雄市合作建置AI平台。", ["tw-new-taipei", "tw-taoyuan", "tw-kaohsiung"]),
        ("澳門半島、氹仔及路環均設有服務點。", ["mo-peninsula", "mo-taipa", "mo-coloane"]),
    ],
)
def test_new_places(tagger: Tagger, text: str, expected: list[str]) -> None:
    assert sorted(ids(tagger.tag("", text).locations)) == sorted(expected)


def test_place_kinds_follow_the_brief() -> None:
    """Provinces and autonomous regions are provinces; the four municipalities are cities."""
    g = load_gazetteer(CONFIG / "gazetteers")
    kind = {loc.id: loc.kind for loc in g.locations}
    assert {kind[i] for i in ("cn-beijing", "cn-shanghai", "cn-tianjin", "cn-chongqing")} == {"city"}
    assert {kind[i] for i in ("cn-guangdong", "cn-jiangsu", "cn-xinjiang", "cn-guangxi")} == {"province"}
    provinces = [loc for loc in g.locations if loc.jurisdiction == "CN" and loc.kind == "province"]
    assert len(provinces) == 27  # 22 provinces (Taiwan is a jurisdiction) + 5 autonomous regions


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("長沙灣政府合署明年啟用。", "cn-changsha"),          # Cheung Sha Wan, Hong Kong
        ("中山大學研究團隊在中山路發表成果。", "cn-zhongshan"),  # a university, a road
        ("孫中山先生紀念館舉辦展覽。", "cn-zhongshan"),
        ("浙江西部山区暴雨。", "cn-jiangxi"),
        ("珠江西岸城市加快发展。", "cn-jiangxi"),
        ("新店開在中山東路。", "cn-shandong"),
        ("公司把东西安排好了再出发。", "cn-xian"),
        ("平台中的所有用户都要实名。", "tw-taichung"),
        ("市民隆重庆祝国庆。", "cn-chongqing"),
        ("旅客在重慶大廈附近排隊。", "cn-chongqing"),      # Chungking Mansions, Tsim Sha Tsui
        ("北京时间今晚八点发布。", "cn-beijing"),
        ("The company opened a Sichuan restaurant in London.", "cn-sichuan"),
        ("美國馬里蘭州立法規管人工智能。", "cn-lanzhou"),    # Maryland
    ],
)
def test_place_false_friends(tagger: Tagger, text: str, absent: str) -> None:
    assert absent not in ids(tagger.tag("", text).locations)


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("各级民政部门要做好养老服务。", "cn-mca"),          # civil affairs departments
        ("地方公安部门和教育部门加强合作。", "cn-mps"),
        ("政府的經濟部門表現理想。", "tw-moea"),             # the economic sector
        ("法國文化部宣布資助計劃。", "tw-moc"),              # France's ministry
        ("美國農業部公布報告。", "tw-moa"),
        ("公司法務部門審核合約。", "tw-moj"),
        ("中國科學院院士出席論壇。", "cn-cas"),              # a person's title
        ("最高法院駁回上訴。", "cn-spc"),                    # not the mainland's court
        ("金門建築有限公司取得合約。", "tw-kinmen"),          # Gammon Construction, Hong Kong
    ],
)
def test_agency_false_friends(tagger: Tagger, text: str, absent: str) -> None:
    tags = tagger.tag("", text)
    assert absent not in ids(tags.agencies) + ids(tags.locations)


def test_financial_regulators_of_hong_kong_and_taiwan_are_not_confused(tagger: Tagger) -> None:
    assert ids(tagger.tag("", "金管局推出AI沙盒。", "HK").agencies) == ["hk-hkma"]
    assert ids(tagger.tag("", "金管會發布AI指引。").agencies) == ["tw-fsc"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("香港海關表示，海關已引入AI驗貨系統。", "hk-customs"),
        ("澳門海關表示，海關已引入AI驗貨系統。", "mo-customs"),
        ("香港立法會議員質詢終審法院的AI政策。", "hk-cfa"),
        ("澳門特區政府表示，終審法院將試行電子存檔。", "mo-tui"),
    ],
)
def test_names_shared_by_hong_kong_and_macao_follow_context(tagger: Tagger, text: str,
                                                            expected: str) -> None:
    assert expected in ids(tagger.tag("", text).agencies)


@pytest.mark.parametrize(
    "text",
    ["海關連破兩宗走私案。",          # bare 海關 with no place: Hong Kong's or Macao's?
     "衛生局發布新指引。",            # Macao's, or any Taiwanese city's health department
     "文化部宣布新的補助計畫。",        # which country's ministry of culture?
     "財政局公布預算執行情況。"],
)
def test_generic_names_need_context(tagger: Tagger, text: str) -> None:
    assert tagger.tag("", text).agencies == []


def test_generic_macao_names_count_with_macao_context(tagger: Tagger) -> None:
    tags = tagger.tag("", "澳門特區政府衛生局表示，文化局及財政局亦會參與。")
    assert ids(tags.agencies) == ["mo-ssm", "mo-ic", "mo-dsf"] and tags.jurisdictions == ["MO"]


def test_ministries_shared_by_the_mainland_and_taiwan_follow_context(tagger: Tagger) -> None:
    assert ids(tagger.tag("", "中国外交部发言人表示反对。").agencies) == ["cn-mfa"]
    assert ids(tagger.tag("", "台灣外交部今天表示歡迎。").agencies) == ["tw-mofa"]
    assert tagger.tag("", "外交部今天表示歡迎。").agencies == []
