"""Chinese local offices (issue #12, eighteenth session): a people's government's general
office, subdistrict offices whose names start with a word that starts phrases elsewhere,
a Taiwanese district's office, a city government's civil affairs bureau, 警方 ("the
police") as Hong Kong's police only near Hong Kong, units after 該署 and 轄下, 市府 after a
verb, a district's city written before its name, Singapore's 网络安全局."""

from __future__ import annotations

from pipelines.tagging import Tagger
from tests.tag_support import agencies


def test_a_peoples_governments_general_office_is_its_unit(tagger: Tagger) -> None:
    found = agencies(tagger, "德清县人民政府办公室印发《数字政府建设方案》。")
    assert found["cn-deqing-gov-bangongshi"]["parent"] == "cn-deqing-gov"
    # 办公室 after a bureau is no general office of a government
    assert not any(a.endswith("-bangongshi") for a in agencies(
        tagger, "深圳市政务服务和数据管理局办公室表示。"))


def test_subdistrict_offices_named_like_phrases(tagger: Tagger) -> None:
    found = agencies(tagger, "深圳市宝安区政数局表示，新安街道办事处将率先试点。")
    assert "cn-shenzhen-baoan-xinanjiedaobanshichu" in found
    assert "cn-beijing-haidian-xueyuanlujiedaobanshichu" in agencies(
        tagger, "北京市海淀区学院路街道办事处将试点AI接诉即办。")


def test_a_taiwanese_districts_office_is_its_city_governments_unit(tagger: Tagger) -> None:
    found = agencies(tagger, "高雄市政府環境保護局表示，仁武區公所將試辦AI稽查。")
    assert found["tw-kh-gov-renwuqugongsuo"]["parent"] == "tw-kh-gov"
    # every district's office, or a word of the sentence before 區公所, is no one office
    some = agencies(tagger, "臺北市政府民政局計畫在12個區公所試辦，各區公所及並在區公所前設置。")
    assert not any("qugongsuo" in a for a in some), some
    assert some["tw-tpe-gov-minzhengju"]["parent"] == "tw-tpe-gov"


def test_the_police_is_hong_kongs_only_near_hong_kong(tagger: Tagger) -> None:
    assert "hk-police" in agencies(tagger, "香港特區政府運輸署表示，警方會加強執法。")
    assert "hk-police" not in agencies(tagger, "深圳市公安局表示，警方已拘捕三人。")
    assert "hk-police" not in agencies(tagger, "台北市政府表示，警方已拘捕三人。")


def test_this_department_before_a_unit_is_the_agency_named_last(tagger: Tagger) -> None:
    found = agencies(tagger, "運輸署昨日宣布，設於該署緊急事故交通協調中心的平台正式投入服務。")
    assert found["hk-td-jinjishigujiaotongxietiaozhongxin"]["parent"] == "hk-td"
    found = agencies(tagger, "深圳市福田区政务服务和数据管理局表示，该局数据资源科负责。")
    assert found["cn-shenzhen-futian-data-shujuziyuanke"]["parent"] == "cn-shenzhen-futian-data"
    # a verb after 该局 starts a phrase, not a unit's name
    assert not any("yituo" in a or "lianhe" in a for a in agencies(
        tagger, "深圳市龙岗区政务服务和数据管理局表示，该局依托区大数据中心搭建平台。"))


def test_the_city_government_after_a_verb(tagger: Tagger) -> None:
    found = agencies(tagger, "臺北市政府資訊局表示，議員要求市府訂出人工轉接機制。")
    assert found["tw-tpe-gov"]["mentions"] == ["市府"]


def test_a_district_is_the_citys_written_right_before_its_name(tagger: Tagger) -> None:
    found = agencies(tagger, "2027中国（汕头澄海）国际玩具博览会开幕，展品将运往广州。"
                             "博览会由澄海区人民政府指导。")
    assert "cn-shantou-chenghai-gov" in found and not any("guangzhou" in a for a in found)


def test_singapores_cyber_security_agency_in_chinese(tagger: Tagger) -> None:
    assert "sg-csa" in agencies(tagger, "新加坡政府科技局与网络安全局合作推出AI检测工具。")
    assert "sg-csa" not in agencies(tagger, "公安部网络安全局表示将加强执法。")


def test_a_unit_under_it_in_a_clause_of_its_own(tagger: Tagger) -> None:
    found = agencies(tagger, "金融管理局（金管局）隨即公布，轄下金融數據分析辦公室將推出第四期沙盒。")
    assert found["hk-hkma-jinrongshujufenxibangongshi"]["parent"] == "hk-hkma"
    # not the agency of another sentence
    assert "hk-hkma-jinrongshujufenxibangongshi" not in agencies(
        tagger, "金管局表示歡迎。會上，轄下金融數據分析辦公室將推出沙盒。")


def test_hospital_authority_clusters_and_hospitals(tagger: Tagger) -> None:
    found = agencies(tagger, "醫院管理局表示，九龍中聯網及伊利沙伯醫院將試用AI分流系統。")
    assert found["hk-kowloon-zhongyiyuanlianwang"]["parent"] == "hk-ha"
    assert found["hk-ha-yilishaboyiyuan"]["parent"] == "hk-ha"
    # an English hospital name is another city's hospital too
    assert "hk-ha-yilishaboyiyuan" not in agencies(
        tagger, "BIRMINGHAM - Queen Elizabeth Hospital said the NHS trust would use AI.")
