"""Bodies read from the rest of the article (issue #12, fourteenth session): a listed body
naming every body of a kind stands for the one named ([generic] in bodies.toml), an
acronym the article writes without brackets, two bodies joined by "and", a city or
district party committee's cyberspace office, Macao's 特區政府, and listed units with
their parent (agencies.toml's ``parent``)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from crawler.config import DEFAULT_CONFIG_DIR, ConfigError, load_gazetteer
from crawler.config.bodies import load_body_rules
from pipelines.acronyms import initials
from pipelines.tagging import Tagger
from tests.tag_support import agencies


def test_a_bare_district_council_is_the_one_the_article_names(tagger: Tagger) -> None:
    found = agencies(tagger, "深水埗區議會昨日開會。區議會交通委員會促擴至全區，區議會主席表示支持。")
    assert "hk-dc" not in found
    assert set(found["hk-sham-shui-po-district-council"]["mentions"]) == {"深水埗區議會", "區議會"}
    unit = found["hk-sham-shui-po-district-council-jiaotongweiyuanhui"]
    assert unit["parent"] == "hk-sham-shui-po-district-council"
    # two councils named: 區議會 alone decides nothing and stays the District Councils
    two = agencies(tagger, "區議會選舉明年舉行，觀塘區議會和深水埗區議會均表示支持。")
    assert {"hk-dc", "hk-kwun-tong-district-council", "hk-sham-shui-po-district-council"} <= set(two)


def test_generic_bodies_are_data(tmp_path: Path) -> None:
    (tmp_path / "bodies.toml").write_text('[sources]\n[generic]\n"hk-dc" = "District Council"\n',
                                          encoding="utf-8")
    with pytest.raises(ConfigError, match=r"bodies\.toml.*key 'generic'.*office id"):
        load_body_rules(tmp_path, {"HK"})
    (tmp_path / "bodies.toml").write_text('[sources]\n[generic]\n"hk-dc" = "district-council"\n',
                                          encoding="utf-8")
    assert load_body_rules(tmp_path, {"HK"}).generic == (("hk-dc", "district-council"),)


@pytest.mark.parametrize(("text", "body_id", "acronym"), [
    ("The Tokyo Metropolitan Government will use AI. The system, built by the TMG's "
     "Digital Service Bureau, drafts letters.", "jp-tokyo", "TMG"),
    ("NHS Greater Glasgow and Clyde will use the tool. NHS GGC said it would start soon.",
     "gb-nhs-greater-glasgow-and-clyde", "NHS GGC"),
    ("Greater Manchester Police will recruit 300 officers, GMP said.", "gb-manchester-police",
     "GMP"),
])
def test_an_acronym_of_a_named_body_is_that_body(tagger: Tagger, text: str, body_id: str,
                                                acronym: str) -> None:
    found = agencies(tagger, text)
    assert acronym in found[body_id]["mentions"]
    assert not any(a != body_id and acronym in v["mentions"] for a, v in found.items())


def test_an_acronym_two_named_bodies_share_is_neither(tagger: Tagger) -> None:
    text = ("The Greater Manchester Police and the Gwent Main Police will share a system. "
            "GMP officers said.")
    found = agencies(tagger, text)
    assert not any("GMP" in v["mentions"] for v in found.values())
    assert initials("Department of Health and Social Care") == "DHSC"
    assert initials("Home Office") == ""  # two words make no acronym worth reading


@pytest.mark.parametrize(("text", "bodies"), [
    ("Leeds Teaching Hospitals NHS Trust and Leeds City Council will roll out AI tools.",
     {"gb-leeds-teaching-hospitals-nhs-trust", "gb-leeds-city-council"}),
    ("Guy's and St Thomas' NHS Foundation Trust will use an AI system.",
     {"gb-guys-and-st-thomas-nhs-foundation-trust"}),
    ("Surrey County Council and Kent County Council agreed.",
     {"gb-surrey-county-council", "gb-kent-county-council"}),
    # "and" inside one name, and a police word inside an agency's name, stay one body
    ("Basingstoke and Deane Borough Council will test AI.",
     {"gb-basingstoke-and-deane-borough-council"}),
    ("The Seoul Metropolitan Police Agency will test AI cameras, Korea said.",
     {"kr-seoul-metropolitan-police-agency"}),
])
def test_two_bodies_joined_by_and_are_two(tagger: Tagger, text: str, bodies: set[str]) -> None:
    assert set(agencies(tagger, text)) & {b for b in bodies} == bodies
    assert not any(" and " in a["name"] and a["id"] not in bodies
                   for a in tagger.tag("", text).agencies)


def test_a_party_committee_cyberspace_office_is_the_city_or_district_one(tagger: Tagger) -> None:
    city = agencies(tagger, "杭州市委网信办同步开设窗口。市委网信办表示，杭州市发展和改革委员会将配合。")
    assert set(city["cn-hangzhou-cac"]["mentions"]) == {"杭州市委网信办", "市委网信办"}
    assert "cn-cac" not in city
    district = agencies(tagger, "杭州市西湖区委网信办表示将加强备案辅导。")
    assert "cn-hangzhou-xihu-cac" in district and "cn-cac" not in district
    assert "cn-cac" in agencies(tagger, "国家网信办发布生成式人工智能备案信息。")


def test_the_sar_government_in_a_macao_story_is_macaos(tagger: Tagger) -> None:
    macao = agencies(tagger, "行政公職局表示，特區政府將於明年推出一戶通AI助理。澳門立法會將審議。")
    assert macao["mo-gov"]["mentions"] == ["特區政府"]
    assert "mo-gov" not in agencies(tagger, "特區政府今日宣布，數字政策辦公室將推出新平台。")


def test_listed_units_keep_their_parent(tagger: Tagger) -> None:
    found = agencies(tagger, "香港警務處網絡安全及科技罪案調查科表示，反詐騙協調中心將配合。"
                             "公務員學院推出課程。")
    assert found["hk-police-wangluoanquanjikejizuiandiaochake"]["parent"] == "hk-police"
    assert found["hk-police-fanzhapianxietiaozhongxin"]["parent"] == "hk-police"
    assert found["hk-csb-gongwuyuanxueyuan"]["parent"] == "hk-csb"
    assert found["hk-police-wangluoanquanjikejizuiandiaochake"]["listed"] is True
    english = agencies(tagger, "The Cyber Security and Technology Crime Bureau (CSTCB) said.")
    assert english["hk-police-wangluoanquanjikejizuiandiaochake"]["parent"] == "hk-police"


def test_a_unit_parent_must_be_listed(tmp_path: Path) -> None:
    config = tmp_path / "gazetteers"
    shutil.copytree(DEFAULT_CONFIG_DIR / "gazetteers", config)
    agencies_file = config / "agencies.toml"
    text = agencies_file.read_text(encoding="utf-8")
    agencies_file.write_text(text.replace('parent = "hk-csb"', 'parent = "hk-nope"'),
                             encoding="utf-8")
    with pytest.raises(ConfigError,
                       match=r"agencies\.toml.*hk-csb-gongwuyuanxueyuan.*parent.*hk-nope"):
        load_gazetteer(config)


def test_an_indian_state_department_is_a_unit_of_its_government(tagger: Tagger) -> None:
    found = agencies(tagger, "HYDERABAD - The Telangana government said the state's Information "
                             "Technology, Electronics and Communications Department would run "
                             "it. The Telangana Department of Agriculture agreed.")
    it = found["in-tg-government-information-technology-electronics-and-communications-department"]
    assert it["parent"] == "in-tg-government"
    assert found["in-tg-government-department-of-agriculture"]["parent"] == "in-tg-government"
    # elsewhere a state's department stays the state's own body
    us = agencies(tagger, "The Georgia Department of Transportation will test AI.")
    assert us["us-ga-department-of-transportation"]["parent"] is None


@pytest.mark.parametrize(("text", "body_id"), [
    ("TOKYO - Shibuya City Office will be the first municipality to connect.",
     "jp-shibuya-government"),
    ("KOBE - Kobe City Hall said it would publish the results.", "jp-kobe-government"),
    ("The Hiroshima Prefectural Police will use the forecasts.",
     "jp-hiroshima-prefectural-police"),
])
def test_japanese_city_offices_and_prefectural_police(tagger: Tagger, text: str,
                                                      body_id: str) -> None:
    assert body_id in agencies(tagger, text)


def test_a_department_named_with_its_own_place_is_not_the_states_swapped(tagger: Tagger) -> None:
    text = ("COLUMBUS, Ohio - Ohio lawmakers met. Cities are also under pressure: the Columbus "
            "Department of Public Service said it had run out.")
    assert not any("columbus" in a for a in agencies(tagger, text))
    assert "us-oh-revenue-department" in agencies(tagger, "Ohio said. The Revenue "
                                                             "Department will test AI.")


def test_district_offices_and_dates_before_a_district(tagger: Tagger) -> None:
    found = agencies(tagger, "深圳市龙岗区政务服务和数据管理局宣布，区大数据中心负责搭建。明年区政数局"
                             "将联合区发展和改革局推广。")
    assert {"cn-shenzhen-longgang-data", "cn-shenzhen-longgang-dashujuzhongxin"} <= set(found)
    assert "cn-longgang-fazhanhegaigeju" in agencies(tagger, "龙岗区区长表示，区发展和改革局将配合。")
    # 明年 ("next year") and 联合 ("jointly") are no districts
    assert not any("mingnian" in a or "lianhe" in a for a in found)
    assert "hk-sham-shui-po-do" in agencies(tagger, "深水埗民政處表示會加強清潔。")


def test_hospital_authority_division_and_coordination_centre_units(tagger: Tagger) -> None:
    found = agencies(tagger, "醫管局資訊科技及醫療信息部表示。運輸署緊急事故交通協調中心亦會參與。")
    assert found["hk-ha-zixunkejijiyiliaoxinxibu"]["parent"] == "hk-ha"
    assert found["hk-td-jinjishigujiaotongxietiaozhongxin"]["parent"] == "hk-td"


def test_pinyin_ids_read_the_simplified_form(tagger: Tagger) -> None:
    # 調 reads tiao in 協調 (pypinyin's phrases are simplified): one id in either script
    traditional = agencies(tagger, "運輸署緊急事故交通協調中心亦會參與。")
    simplified = agencies(tagger, "运输署紧急事故交通协调中心亦会参与。")
    assert "hk-td-jinjishigujiaotongxietiaozhongxin" in traditional
    assert "hk-td-jinjishigujiaotongxietiaozhongxin" in simplified


def test_a_district_takes_the_one_city_named_after_it(tagger: Tagger) -> None:
    found = agencies(tagger, "徐汇区民政局相关负责人表示，将增加助餐点。上海市民政局此前提出全覆盖。")
    assert "cn-shanghai-xuhui-civil" in found
    # two cities named: the district's is unknown, so it stays bare
    assert "cn-xuhui-civil" in agencies(tagger, "徐汇区民政局表示。上海和深圳都有类似做法，深圳市民政局表示。")
    # a county is its own: 德清县 keeps no city prefix
    assert "cn-deqing-data" in agencies(tagger, "德清县数据局表示。湖州市数据局已将该系统列入名单。")


def test_a_verb_before_a_county_office_is_no_county(tagger: Tagger) -> None:
    found = agencies(tagger, "德清县数据局表示。舞阳街道办事处随即联合县住房和城乡建设局上门排查，"
                             "所有工单数据均在县政务云内处理。")
    assert not any("lianhe" in a or "zhengwuyun" in a for a in found)


@pytest.mark.parametrize(("text", "body_id", "mention"), [
    # "the City Council" is the id "<place> City Council" has; New York City's is its Council
    ("CHICAGO - The Chicago City Council passed it. The City Council voted 30-20.",
     "us-chicago-city-council", "City Council"),
    ("NEW YORK - New York City will test it. The City Council demanded an audit.",
     "us-nyc-council", "City Council"),
    # one Integrated Care Board of two places, not "NHS Kent" and a Medway board
    ("The NHS Kent and Medway Integrated Care Board agreed.",
     "gb-nhs-kent-and-medway-integrated-care-board", "NHS Kent and Medway Integrated Care Board"),
    # a Canadian ministry is its province's, not the city's named last
    ("TORONTO - Ontario will fund it. The Ministry of Education agreed.",
     "ca-on-ministry-of-education", "Ministry of Education"),
    # a listed unit named by its head's title
    ("The Federal Chief Information Officer said agencies must comply.",
     "us-omb-office-of-the-federal-chief-information-officer",
     "Federal Chief Information Officer"),
    # a core city of Japan
    ("YOKOSUKA, Japan - Yokosuka City has started using AI, the Mayor of Yokosuka said.",
     "jp-yokosuka-government", "Yokosuka City"),
    # a state's fire service, plural as Tamil Nadu writes it
    ("CHENNAI - Complaints will be passed to the Tamil Nadu Fire and Rescue Services.",
     "in-tn-fire-and-rescue-services", "Tamil Nadu Fire and Rescue Services"),
])
def test_bodies_named_as_the_place_has_them(tagger: Tagger, text: str, body_id: str,
                                            mention: str) -> None:
    found = agencies(tagger, text)
    assert mention in found[body_id]["mentions"]
    assert not any(a.startswith(("us-chicago-council", "gb-nhs-kent", "ca-toronto"))
                   and a != body_id for a in found)


def test_a_unit_of_a_body_named_by_its_acronym_or_part_of_it(tagger: Tagger) -> None:
    found = agencies(tagger, "The Tokyo Metropolitan Government will use AI. The system, built "
                             "by the TMG's Digital Service Bureau, drafts letters.")
    assert found["jp-tokyo-digital-service-bureau"]["parent"] == "jp-tokyo"
    for text in ("Imagery is supplied by the National Remote Sensing Centre (NRSC), part of the "
                 "Indian Space Research Organisation.",
                 "Imagery comes from the National Remote Sensing Centre, part of the Indian "
                 "Space Research Organisation."):
        assert agencies(tagger, text)["in-isro-national-remote-sensing-centre"]["parent"] \
            == "in-isro"
    # part of a company: no body
    assert agencies(tagger, "The Innovation Office, part of Microsoft, said it would help.") == {}


def test_another_countrys_body_of_a_listed_name_keeps_its_country(tagger: Tagger) -> None:
    """Taiwan lists a Ministry of Digital Affairs; Poland has one too. In a Polish story
    the ministry, named once after "Poland's", is Poland's every time, and so is its head."""
    tags = tagger.tag("", "WARSAW - Poland's Ministry of Digital Affairs will add a chatbot. "
                          "Later the Ministry of Digital Affairs said costs would be 40 million "
                          "zloty, the Minister of Digital Affairs told reporters.")
    assert [a["id"] for a in tags.agencies] == ["pl-ministry-of-digital-affairs"]
    assert tags.jurisdictions == ["PL"]
    taiwan = agencies(tagger, "TAIPEI - Taiwan's Ministry of Digital Affairs said. The Ministry "
                              "of Digital Affairs added that the Minister of Digital Affairs "
                              "would attend.")
    assert set(taiwan) == {"tw-moda"}
    assert "Minister of Digital Affairs" in taiwan["tw-moda"]["mentions"]


@pytest.mark.parametrize(("text", "bodies"), [
    ("OSAKA - Osaka Prefecture will spend 180 billion yen; the Osaka City Government agreed.",
     {"jp-osaka-government", "jp-osaka-city-government"}),
    ("KOBE - Hyogo Prefecture will join the working group.", {"jp-hyogo-government"}),
    ("CAPE TOWN - Cape Town's Ebony Talent Agency signed a model.", set()),
])
def test_japanese_prefectures_alone_and_trade_agencies(tagger: Tagger, text: str,
                                                       bodies: set[str]) -> None:
    assert set(agencies(tagger, text)) == bodies


def test_a_countys_id_is_its_own_with_or_without_its_city(tagger: Tagger) -> None:
    assert "cn-deqing-data" in agencies(tagger, "湖州市德清县数据局表示。")
    found = agencies(tagger, "湖州市数据局表示。德清县人民政府和县数据局表示。")
    assert {"cn-huzhou-data", "cn-deqing-gov", "cn-deqing-data"} <= set(found)
    # a city's district keeps its city
    assert "cn-shenzhen-baoan-data" in agencies(tagger, "深圳市宝安区数据局表示。")


def test_a_district_office_right_after_a_department_is_its_unit(tagger: Tagger) -> None:
    found = agencies(tagger, "食環署油尖旺區環境衞生辦事處代表回應指，署方今年已加強滅鼠。")
    assert found["hk-fehd-youjianwangquhuanjingweishengbanshichu"]["parent"] == "hk-fehd"
    # named alone, it is the district's
    assert "hk-yau-tsim-mong-huanjingweishengbanshichu" in agencies(
        tagger, "油尖旺區環境衞生辦事處代表回應指。")


def test_a_heads_title_then_a_name_is_no_unit(tagger: Tagger) -> None:
    found = agencies(tagger, "運輸及物流局局長林國輝今日視察協調中心時表示。")
    assert set(found) == {"hk-tlb"}


def test_a_listed_districts_offices_keep_the_city_written_before_it(tagger: Tagger) -> None:
    found = agencies(tagger, "深圳市福田区政务服务和数据管理局（区政数局）昨日发布数据。"
                             "这批员工依托区大数据中心部署的模型运行。在华富街道办事处，系统已上线。")
    assert {"cn-shenzhen-futian-data", "cn-shenzhen-futian-huafujiedaobanshichu"} <= set(found)
    # 依托 ("relying on") before 区 is no district
    assert not any("yituo" in a for a in found)


def test_zhejiangs_natural_resources_and_planning_bureau_is_the_nr_office(tagger: Tagger) -> None:
    assert "cn-deqing-nr" in agencies(tagger, "德清县人民政府表示。县自然资源和规划局表示。")
    assert "cn-zhejiang-nr" in agencies(tagger, "浙江省自然资源和规划厅表示。")


def test_a_subdistrict_named_after_a_city_is_no_city(tagger: Tagger) -> None:
    found = agencies(tagger, "越秀区北京街道办事处表示。越秀区人民政府表示。广州市数据局表示。")
    assert {"cn-guangzhou-yuexiu-beijingjiedaobanshichu", "cn-guangzhou-yuexiu-gov"} <= set(found)
    assert not any(a.startswith("cn-beijing") for a in found)
