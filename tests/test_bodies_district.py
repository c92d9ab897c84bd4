"""Mainland offices named relative to the one district or county an article is about
(pipelines/bodies_zh.py: ChineseBodies._in_the_district), and district heads."""

from __future__ import annotations

from typing import Any

import pytest

from pipelines.tagging import Tagger


def unlisted(tagger: Tagger, text: str) -> dict[str, dict[str, Any]]:
    return {a["id"]: a for a in tagger.tag("", text).agencies if not a["listed"]}


def test_the_districts_offices_without_its_name(tagger: Tagger) -> None:
    text = ("成都市武侯区人民政府今日发布报告。区住房和城乡建设局负责人表示，区住建局将推进改造。"
            "养老服务方面，区民政局计划新增床位。玉林街道办事处已率先启动试点。")
    found = unlisted(tagger, text)
    assert set(found) == {"cn-chengdu-wuhou-gov", "cn-chengdu-wuhou-housing",
                          "cn-chengdu-wuhou-civil", "cn-chengdu-wuhou-yulinjiedaobanshichu"}
    housing = found["cn-chengdu-wuhou-housing"]
    assert housing["name"] == "武侯区住房和城乡建设局"  # named in full
    assert housing["mentions"] == ["区住房和城乡建设局", "区住建局"]  # as the text gives them
    assert found["cn-chengdu-wuhou-yulinjiedaobanshichu"]["jurisdiction"] == "CN"


def test_a_subdistrict_of_three_characters_and_its_short_form(tagger: Tagger) -> None:
    text = "深圳市福田区政务服务数据管理局宣布，在香蜜湖街道办试点。"
    assert "cn-shenzhen-futian-xiangmihujiedaobanshichu" in unlisted(tagger, text)


@pytest.mark.parametrize("text", [
    # no district office named: 区 and 街道 refer to nothing the text identifies
    "区民政局计划新增床位。莲花街道办事处启动试点。",
    # two districts: which one 区民政局 belongs to is not known
    "福田区政务服务数据管理局和南山区政务服务数据管理局联合发布。区民政局表示支持。",
    # 县 in an article about a 区: another body
    "福田区政务服务数据管理局宣布。县政府表示关注。",
    # words ending in 区 are no reference to the district: 社区, 各区, 全区
    "福田区政务服务数据管理局宣布，社区卫生服务中心、各区民政局和全区政务服务中心参与。",
])
def test_no_relative_office_without_one_district(tagger: Tagger, text: str) -> None:
    found = unlisted(tagger, text)
    assert not [i for i in found if i.endswith(("-civil", "jiedaobanshichu"))
                or (i.endswith("-gov") and "futian" not in i)]
    assert not [i for i in found if i.endswith("-service-centre")]


@pytest.mark.parametrize(("text", "body_id"), [
    ("福田区区长周文在启动仪式上表示。", "cn-futian-gov"),
    ("深圳市福田区区长周文表示。", "cn-shenzhen-futian-gov"),
    ("安吉县县长陈永华表示。", "cn-anji-gov"),
    ("深圳市龙岗区副区长王志刚在推进会上要求。", "cn-shenzhen-longgang-gov"),  # a deputy too
])
def test_a_district_head_stands_for_its_government(tagger: Tagger, text: str,
                                                   body_id: str) -> None:
    found = unlisted(tagger, text)
    assert list(found) == [body_id]
    assert found[body_id]["name"].endswith("人民政府")


def test_a_county_under_its_province_keeps_its_own_id(tagger: Tagger) -> None:
    # a city named elsewhere (the dateline) is not the county's city
    text = "人民网杭州9月14日电 浙江省安吉县人民政府表示。安吉县县长陈永华说，县政府办公室牵头。递铺街道办事处参与。"
    found = unlisted(tagger, text)
    assert {"cn-anji-gov", "cn-anji-dipujiedaobanshichu"} <= set(found)
    assert not [i for i in found if i.startswith(("cn-zhejiang-anji", "cn-hangzhou-anji"))]


def test_a_districts_peoples_congress(tagger: Tagger) -> None:
    text = "成都市武侯区人大会议开幕。参加会议的区人大代表建议。"
    found = unlisted(tagger, text)
    assert found["cn-chengdu-wuhou-renda"]["mentions"] == ["成都市武侯区人大", "区人大"]


@pytest.mark.parametrize(("text", "body_id", "name"), [
    ("深水埗民政事務處表示。", "hk-sham-shui-po-do", "Sham Shui Po District Office"),
    ("中西區民政事務處表示。", "hk-central-western-do", "Central and Western District Office"),
    ("中西區區議會表示。", "hk-central-western-district-council",
     "Central and Western District Council"),  # no "District District"
])
def test_hong_kong_district_offices(tagger: Tagger, text: str, body_id: str, name: str) -> None:
    found = {a["id"]: a for a in tagger.tag("", text).agencies}
    assert list(found) == [body_id]
    assert found[body_id]["name"] == name


def test_a_subcommittee_is_not_cut_at_its_panel(tagger: Tagger) -> None:
    text = "香港房屋委員會轄下的資助房屋小組委員會上月通過計劃。"
    units = [a for a in tagger.tag("", text).agencies if a["parent"]]
    assert [(u["id"], u["mentions"]) for u in units] == [
        ("hk-housing-authority-zizhufangwuxiaozuweiyuanhui", ["資助房屋小組委員會"])]


def test_a_long_legislative_panel_is_one_unit(tagger: Tagger) -> None:
    text = "局長早前在立法會食物安全及環境衞生事務委員會表示。"
    units = [a for a in tagger.tag("", text).agencies if a["parent"] == "hk-legco"]
    assert [u["mentions"] for u in units] == [["食物安全及環境衞生事務委員會"]]


@pytest.mark.parametrize("text", [
    "政務司司長辦公室轄下設立跨部門AI督導小組。",  # "set up under it": a phrase
    "警務處成立專責小組跟進。",
])
def test_a_phrase_of_setting_up_is_no_unit(tagger: Tagger, text: str) -> None:
    assert [a for a in tagger.tag("", text).agencies if a["parent"]] == []


def test_the_city_and_province_offices_named_without_them(tagger: Tagger) -> None:
    text = ("成都市发展和改革委员会（以下简称“市发改委”）发布公告。市发改委价格调控处负责人介绍。"
            "方案已报四川省发展和改革委员会备案。省发改委相关人士表示。")
    found = {a["id"]: a for a in tagger.tag("", text).agencies}
    assert found["cn-chengdu-drc"]["mentions"] == ["成都市发展和改革委员会", "市发改委"]
    assert found["cn-sichuan-drc"]["mentions"] == ["四川省发展和改革委员会", "省发改委"]
    assert found["cn-chengdu-drc-jiagetiaokongchu"]["parent"] == "cn-chengdu-drc"
    assert "cn-ndrc" not in found  # 市发改委 is no national commission


@pytest.mark.parametrize("text", [
    "北京市和上海市发布规划。市发改委表示支持。",  # two cities: which one is not known
    "市发改委表示支持。",                          # no city at all
])
def test_a_city_office_of_no_known_city_is_no_national_one(tagger: Tagger, text: str) -> None:
    assert [a["id"] for a in tagger.tag("", text).agencies] == []


def test_the_relevant_division_is_no_unit(tagger: Tagger) -> None:
    text = "贵州省财政厅相关处室负责人表示。工信部有关司局表示。"
    assert [a for a in tagger.tag("", text).agencies if a["parent"]] == []


@pytest.mark.parametrize(("text", "body_id"), [
    # 下属 ("under it") and 接入 ("connected to") are words of the sentence, not a place
    ("深圳市龙岗区政务服务和数据管理局宣布，其下属区大数据中心训练的模型上线。",
     "cn-shenzhen-longgang-dashujuzhongxin"),
    ("德清县人民政府表示，数据将接入县农业农村局的平台。", "cn-deqing-agri"),
])
def test_a_verb_before_the_district_is_no_place(tagger: Tagger, text: str, body_id: str) -> None:
    found = unlisted(tagger, text)
    assert body_id in found
    assert not [i for i in found if "xiashu" in i or "jieru" in i]


def test_a_headline_district_without_its_city_is_the_same_office(tagger: Tagger) -> None:
    """福田区 in the headline, 深圳市福田区 in the text: 区政数局 in both is one office."""
    tags = tagger.tag("福田区AI数智员工扩容 区政数局：时限压缩",
                      "深圳市福田区政务服务和数据管理局表示，区政数局相关负责人介绍。")
    ids = [a["id"] for a in tags.agencies]
    assert ids == ["cn-shenzhen-futian-data"]


@pytest.mark.parametrize(("text", "body_id"), [
    ("威宁县农业农村局表示，草海镇人民政府将配合。", "cn-weining-caohai-gov"),
    ("德清县人民政府表示，莫干山镇人民政府试点。", "cn-deqing-moganshan-gov"),
    ("徐汇区人民政府表示，徐汇区行政服务中心将试点。", "cn-xuhui-xingzhengfuwuzhongxin"),
])
def test_a_town_government_in_the_county_the_article_names(tagger: Tagger, text: str,
                                                            body_id: str) -> None:
    assert body_id in unlisted(tagger, text)


def test_townships_in_general_are_no_town(tagger: Tagger) -> None:
    found = unlisted(tagger, "德清县人民政府表示，全县18个乡镇政府试点，各乡镇人民政府参与。")
    assert [i for i in found if i != "cn-deqing-gov"] == []
