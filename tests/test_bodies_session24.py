"""Unlisted bodies (issue #12, twenty-fourth session): a listed district whose name ends in a
word that names no district elsewhere (南山区, "mountain area"), and Chinese task forces named
in quotes or set up by a body taking the lead (牵头成立)."""

from __future__ import annotations

from pipelines.tagging import Tagger
from tests.tag_support import agencies


def test_a_listed_district_ending_in_shanqu_is_a_district(tagger: Tagger) -> None:
    found = agencies(tagger, "深圳市南山区区长在调研时要求，加快推进AI政务助手上线。")
    assert found["cn-shenzhen-nanshan-gov"]["mentions"] == ["深圳市南山区区长"]
    found = agencies(tagger, "南山区区长在调研时要求加快。深圳市南山区政务服务和数据管理局表示。")
    assert {"cn-shenzhen-nanshan-gov", "cn-shenzhen-nanshan-data"} <= set(found)
    # a mountain area ("山区") is still no district: no government of "山区"
    assert not agencies(tagger, "贵州山区县长表示，山区道路难行，将加快修路。")


def test_a_task_force_named_in_quotes(tagger: Tagger) -> None:
    found = agencies(tagger, "合肥市卫生健康委员会昨日通报。市卫健委牵头成立了“人工智能+医疗”"
                             "工作专班，每月抽查病历。")
    unit = found["cn-hefei-health-rengongzhinengyiliaogongzuozhuanban"]
    assert unit["parent"] == "cn-hefei-health"
    assert unit["mentions"] == ["“人工智能+医疗”工作专班"]
    found = agencies(tagger, "合肥市卫生健康委员会成立「AI+医疗」工作专班。")
    assert found["cn-hefei-health-aiyiliaogongzuozhuanban"]["parent"] == "cn-hefei-health"


def test_taking_the_lead_in_setting_up_links_only_a_task_force(tagger: Tagger) -> None:
    found = agencies(tagger, "合肥市卫生健康委员会牵头成立人工智能医疗工作专班。")
    assert found["cn-hefei-health-rengongzhinengyiliaogongzuozhuanban"]["parent"] == \
        "cn-hefei-health"
    # 牵头成立以来 ("since it led the setting up"): no unit follows; nor, as after 成立
    # alone, a centre (maybe set up with others); 牵头成立了 says it was set up
    assert set(agencies(tagger, "合肥市卫生健康委员会牵头成立以来，成效明显。")) == {"cn-hefei-health"}
    assert set(agencies(tagger, "合肥市卫生健康委员会牵头成立智慧医疗数据中心。")) == \
        {"cn-hefei-health"}


def test_a_minister_named_with_the_ministrys_adjective(tagger: Tagger) -> None:
    """"Bavarian State Ministry for Digital Affairs" is headed by the "Bavarian Minister
    for Digital Affairs"; "Brazilian Ministry of Finance" by the "Brazilian Minister of
    Finance" (titles read off the ministries' names, with their country near)."""
    found = agencies(tagger, "BERLIN — The Bavarian Minister for Digital Affairs said her ministry "
                             "would pay, Germany's federal government said.")
    assert found["de-bavarian-state-ministry-for-digital-affairs"]["mentions"] == \
        ["Bavarian Minister for Digital Affairs"]
    found = agencies(tagger, "Brazil's Minister of Finance said Brazil would cut taxes.")
    assert "br-finance" in found


def test_the_vas_chief_information_officer(tagger: Tagger) -> None:
    found = agencies(tagger, "The Department of Veterans Affairs will buy AI tools. The VA's chief "
                             "information officer said the department planned an order.")
    assert found["us-va-office-of-information-and-technology"]["parent"] == "us-va"


def test_bodies_listed_this_session(tagger: Tagger) -> None:
    found = agencies(tagger, "BRASÍLIA — Brazil's government reviewed AI. The National School of "
                             "Public Administration, Enap, will train 20,000 civil servants.")
    assert found["br-national-school-of-public-administration"]["parent"] == "br-mgi"
    found = agencies(tagger, "TOKYO — Japan's patent office uses AI. The Intellectual Property "
                             "High Court noted in a July ruling that an examiner erred.")
    assert "jp-intellectual-property-high-court" in found
    # Estonia's Auditor General heads the Riigikontroll (Canada's heads its own office)
    found = agencies(tagger, "TALLINN — Estonia's tax board uses AI. The Auditor General said "
                             "her office would review it.")
    assert "ee-riigikontroll" in found and "ca-oag" not in found


def test_a_unit_under_its_parent_may_start_with_government(tagger: Tagger) -> None:
    found = agencies(tagger, "數字政策辦公室表示。數字辦轄下的政府電腦保安事故協調中心將定期進行滲透測試。")
    assert found["hk-dpo-zhengfudiannaobaoanshiguxietiaozhongxin"]["parent"] == "hk-dpo"
    # without a link saying "under it", 政府 starts a phrase, not a unit's name
    assert set(agencies(tagger, "數字政策辦公室表示政府數據中心運作正常。")) == {"hk-dpo"}


def test_taiwans_data_protection_preparatory_office_is_not_singapores_commission(
        tagger: Tagger) -> None:
    found = agencies(tagger, "數位發展部表示。個人資料保護委員會籌備處則表示，會派員參與沙盒。")
    assert "tw-personal-data-protection-commission-preparatory-office" in found
    assert not [i for i in found if i.startswith("sg-")]


def test_the_generative_ai_centre_is_a_supplier_not_a_public_body(tagger: Tagger) -> None:
    tags = tagger.tag("", "數字政策辦公室表示，香港生成式人工智能研發中心開發的HKGAI V1已供各部門使用。")
    assert [a["id"] for a in tags.agencies] == ["hk-dpo"]
    assert [v["id"] for v in tags.vendors] == ["hkgai"]
    # so is Taiwan's Institute for Information Industry, a foundation
    tags = tagger.tag("", "數位發展部委託資策會開發系統。")
    assert [a["id"] for a in tags.agencies] == ["tw-moda"]
    assert [v["id"] for v in tags.vendors] == ["tw-iii"]
