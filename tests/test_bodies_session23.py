"""Unlisted bodies (issue #12, twenty-third session): committees named "on the …" or by
their number, a Chinese unit after its parent's short name in brackets, the one Taiwanese
city's bare 市長, relative county offices after 要求, and the bodies listed this session."""

from __future__ import annotations

from pipelines.tagging import Tagger
from tests.tag_support import agencies


def test_a_committee_named_on_the_topic_keeps_its_whole_name(tagger: Tagger) -> None:
    found = agencies(tagger, "Estonia's auditors. The Riigikogu's Select Committee on the Control "
                             "of the State Budget will discuss the report next month.")
    unit = found["ee-riigikogu-select-committee-on-the-control-of-the-state-budget"]
    assert unit["parent"] == "ee-riigikogu"
    assert unit["mentions"] == ["Select Committee on the Control of the State Budget"]
    # ... but "on the" joins nothing before a committee's noun: lawmakers are no committee
    found = agencies(tagger, "Seoul, South Korea. Lawmakers on the Public Administration and "
                             "Security Committee of the National Assembly questioned the ministry.")
    assert not [i for i in found if "lawmakers" in i]


def test_a_committee_known_by_its_number(tagger: Tagger) -> None:
    text = ("Sydney, New South Wales. The NSW Legislative Council's Portfolio Committee No. 3 – "
            "Education will hold hearings. ")
    found = agencies(tagger, text)
    unit = found["au-nsw-legislative-council-portfolio-committee-no-3-education"]
    assert unit["parent"] == "au-nsw-legislative-council"
    assert "au-nsw-legislative-council-portfolio-committee" not in found
    found = agencies(tagger, "Sydney, New South Wales. The NSW Legislative Council's Portfolio "
                             "Committee No. 1 held an inquiry.")
    assert "au-nsw-legislative-council-portfolio-committee-no-1" in found


def test_a_unit_after_its_parents_short_name_in_brackets(tagger: Tagger) -> None:
    found = agencies(tagger, "香港房屋委員會（房委會）轄下的建築小組委員會早前已批出首批工程合約。")
    assert found["hk-housing-authority-jianzhuxiaozuweiyuanhui"]["parent"] == \
        "hk-housing-authority"
    # brackets with no link after them name no unit
    assert set(agencies(tagger, "香港房屋委員會（房委會）表示，新升降機將加裝緊急通話裝置。")) == \
        {"hk-housing-authority"}


def test_the_public_accounts_committee_of_the_legislative_council(tagger: Tagger) -> None:
    found = agencies(tagger, "立法會政府帳目委員會今日就審計署報告舉行公開聆訊。")
    assert found["hk-legco-zhengfuzhangmuweiyuanhui"]["parent"] == "hk-legco"


def test_the_one_taiwanese_citys_bare_mayor_is_its_government(tagger: Tagger) -> None:
    found = agencies(tagger, "高雄市政府水利局今日舉行防汛演練。市長在演練現場致詞時表示，"
                             "防汛沒有僥倖。副市長也到場。")
    assert found["tw-kh-gov"]["mentions"] == ["高雄市政府", "市長", "副市長"]
    # another city's mayor, or a county head in a story on a city, is not the city's
    found = agencies(tagger, "高雄市政府水利局今日舉行防汛演練。台北市長也到場。縣長表示支持。")
    assert "tw-kh-gov" not in found


def test_a_county_office_after_a_verb_of_asking(tagger: Tagger) -> None:
    found = agencies(tagger, "县长沈立新在全县教育大会上表示。德清县财政局相关负责人说，"
                             "浙江省教育厅要求县教育局每学期报送数据。")
    assert found["cn-deqing-edu"]["mentions"] == ["县教育局"]
    assert "hk-edb" not in found  # 教育局 in a mainland county's story is not Hong Kong's


def test_bodies_listed_this_session(tagger: Tagger) -> None:
    found = agencies(tagger, "WARSAW — The National Bank of Poland said the Monetary Policy "
                             "Council would meet. Statistics Poland (GUS) published the figures.")
    assert found["pl-national-bank-monetary-policy-council"]["parent"] == "pl-national-bank"
    assert {"pl-national-bank", "pl-statistics"} <= set(found)
    # the bare Fair Trade Commission is the one of the country named near it
    assert "kr-kftc" in agencies(tagger, "SEOUL, South Korea — The Fair Trade Commission chair "
                                         "said the platform rules would change.")
    assert "jp-jftc" in agencies(tagger, "TOKYO, Japan — The Fair Trade Commission said it "
                                         "would study generative AI markets.")
    assert "jp-cabinet-secretariat" in agencies(tagger, "Japan's Chief Cabinet Secretary said.")
    found = agencies(tagger, "Santiago, Chile. The bill was approved by the Chamber of Deputies' "
                             "Future Challenges, Science, Technology and Innovation Committee.")
    assert "cl-chamber-of-deputies" in found
    assert found["cl-chamber-of-deputies-future-challenges-science-technology-and-innovation-"
                 "committee"]["parent"] == "cl-chamber-of-deputies"
    # a Nigerian state's government, named by a state the places list holds
    assert "ng-kaduna-government" in agencies(
        tagger, "KADUNA, Nigeria — The Kaduna State Government will extend the programme.")
    # the Scottish Government's Chief Scientist Office, and the government itself
    found = agencies(tagger, "GLASGOW — The study is funded by the Scottish Government's Chief "
                             "Scientist Office.")
    assert found["gb-scot-gov-chief-scientist-office"]["parent"] == "gb-scot-gov"
    assert "gb-scot-gov" in found


def test_a_numbered_branch_of_a_unit_and_the_unit_too(tagger: Tagger) -> None:
    found = agencies(tagger, "經濟部水利署第六河川分署也派員參與，協助檢視防洪設施。")
    assert found["tw-moea-shuilishu-diliuhechuanfenshu"]["parent"] == "tw-moea-shuilishu"
    # the unit heading its own unit is named, and keeps its tag
    assert found["tw-moea-shuilishu"]["parent"] == "tw-moea"
    # a city's police bureau's precinct follows the bureau into the city government
    found = agencies(tagger, "台中市政府交通局將加派人員。台中市警察局第一分局也會派員維持秩序。")
    assert found["tw-tc-gov-jingchaju-diyifenju"]["parent"] == "tw-tc-gov-jingchaju"
    assert found["tw-tc-gov-jingchaju"]["parent"] == "tw-tc-gov"
    assert not [i for i in found if i.startswith("tw-taichung-")]
    # an ordinal starting a phrase is no unit: 第二 here counts, not names
    assert set(agencies(tagger, "經濟部水利署第二次會議決定擴大試辦。")) == {"tw-moea-shuilishu"}


def test_a_task_force_named_ai_plus_and_one_set_up_last_year(tagger: Tagger) -> None:
    found = agencies(tagger, "为此，德清县人民政府已成立AI+政务服务工作专班，由德清县大数据发展管理局牵头。")
    assert found["cn-deqing-gov-aizhengwufuwugongzuozhuanban"]["mentions"] == \
        ["AI+政务服务工作专班"]
    found = agencies(tagger, "德清县教育局去年成立AI教育工作组，负责选定平台。")
    assert found["cn-deqing-edu-aijiaoyugongzuozu"]["parent"] == "cn-deqing-edu"


def test_a_ministry_written_topic_first_is_its_countrys(tagger: Tagger) -> None:
    assert "id-finance" in agencies(tagger, "JAKARTA, Indonesia — The Finance Ministry said the "
                                            "rules apply from June.")
    assert "id-health" in agencies(tagger, "JAKARTA, Indonesia — The Health Ministry said.")
    # only with its country near: no country, no ministry
    assert not agencies(tagger, "The Finance Ministry said the rules apply from June.")


def test_indonesias_house_commissions_by_their_numerals(tagger: Tagger) -> None:
    found = agencies(tagger, "JAKARTA, Indonesia — Lawmakers on Commission I of the House of "
                             "Representatives (DPR) said the rules should become law.")
    assert found["id-dpr-commission-i"]["parent"] == "id-dpr"
    assert "id-dpr" in found
    assert "id-dpr-commission-xi" not in found


def test_chinese_words_of_joining_and_clinics_are_no_units(tagger: Tagger) -> None:
    assert set(agencies(tagger, "屋宇署聯同民政處巡查劏房。")) == {"hk-bd"}
    assert set(agencies(tagger, "伊利沙伯醫院放射科開始試用人工智能讀片。")) == {"hk-ha-yilishaboyiyuan"}


def test_the_bureau_itself_setting_up_a_unit(tagger: Tagger) -> None:
    found = agencies(tagger, "澳門行政公職局局長表示，局方已成立人工智能應用工作小組。")
    assert found["mo-safp-rengongzhinengyingyonggongzuoxiaozu"]["parent"] == "mo-safp"
    assert found["mo-safp"]["mentions"] == ["行政公職局", "局方"]
    # 局方 before anything else is no mention (局方系統: "the bureau's system")
    found = agencies(tagger, "澳門行政公職局表示，局方系統已完成測試。")
    assert found["mo-safp"]["mentions"] == ["行政公職局"]


def test_commissions_listed_with_their_units(tagger: Tagger) -> None:
    found = agencies(tagger, "水利部长江水利委员会近日宣布模型建成。长江委水文局负责人介绍。")
    assert found["cn-mwr-changjiangshuiliweiyuanhui"]["parent"] == "cn-mwr"
    assert found["cn-mwr-changjiangshuiliweiyuanhui-shuiwenju"]["parent"] == \
        "cn-mwr-changjiangshuiliweiyuanhui"
    found = agencies(tagger, "香港法律改革委員會（法改會）轄下的人工智能小組委員會發表諮詢文件。")
    assert found["hk-law-reform-commission-rengongzhinengxiaozuweiyuanhui"]["parent"] == \
        "hk-law-reform-commission"


def test_an_acronym_of_a_states_department_from_its_kind_word(tagger: Tagger) -> None:
    found = agencies(tagger, "OLYMPIA, Wash. — The Washington State Department of Licensing will "
                             "keep its assistant, according to figures the DOL released.")
    assert found["us-wa-department-of-licensing"]["mentions"] == \
        ["Washington State Department of Licensing", "DOL"]
    assert "us-dol" not in found  # not the federal Department of Labor


def test_a_listed_districts_office_carries_its_city(tagger: Tagger) -> None:
    found = agencies(tagger, "上海推出人工智能方案。浦东新区科技和经济委员会负责人介绍。")
    assert "cn-shanghai-pudong-kejihejingjiweiyuanhui" in found


def test_covering_a_districts_bureaux_names_no_district(tagger: Tagger) -> None:
    found = agencies(tagger, "深圳市福田区数据局表示，系统已覆盖区教育局、区卫生健康局等部门。")
    assert {"cn-shenzhen-futian-edu", "cn-shenzhen-futian-health"} <= set(found)
    assert not [i for i in found if "fugai" in i]


def test_within_the_ministry_and_the_departments_own_unit(tagger: Tagger) -> None:
    found = agencies(tagger, "數位發展部今天宣布，由部內數位政府司規劃的平台開放申請。")
    assert found["tw-moda-shuweizhengfusi"]["parent"] == "tw-moda"
    found = agencies(tagger, "運輸署表示，署方交通控制組已用兩年時間收集數據。")
    assert found["hk-td-jiaotongkongzhizu"]["parent"] == "hk-td"
    # the bureau's data centre is a place, not a unit
    found = agencies(tagger, "醫管局回應指，所有影像均在局方數據中心內處理。")
    assert set(found) == {"hk-ha"}


def test_more_bodies_listed_this_session(tagger: Tagger) -> None:
    found = agencies(tagger, "NAIROBI, Kenya — The ICT Cabinet Secretary said clients took "
                             "disputes to the Tax Appeals Tribunal.")
    assert {"ke-micde", "ke-tax-appeals-tribunal"} <= set(found)
    assert "kr-bank" in agencies(tagger, "SEOUL — The Bank of Korea (BOK) kept its rate.")


def test_a_zone_committee_setting_up_a_task_force(tagger: Tagger) -> None:
    found = agencies(tagger, "广州开发区管委会近日印发方案。根据方案，开发区管委会成立AI质检工作专班，"
                             "负责项目遴选。")
    assert found["cn-guangzhou-kaifaqu-guanweihui-aizhijiangongzuozhuanban"]["parent"] == \
        "cn-guangzhou-kaifaqu-guanweihui"
    # 成立 alone before anything but a task force or a group is no link
    assert set(agencies(tagger, "深圳市数据局成立数据资源处。")) == {"cn-sz-data"}
    found = agencies(tagger, "杭州高新技术产业开发区（滨江）管委会是获得额度最多的地区。")
    assert "cn-hangzhou-gaoxin-guanweihui" in found


def test_a_dateline_in_capitals_names_its_place() -> None:
    from crawler.shared.text import cased_dateline
    places = {"Seattle", "New York", "Bogotá", "Washington", "Kaduna", "Hong Kong"}
    assert cased_dateline("SEATTLE — The city said.", places) == "Seattle — The city said."
    assert cased_dateline("NEW YORK, Oct. 19 (AP) — x", places) == "New York, Oct. 19 (AP) — x"
    assert cased_dateline("BOGOTÁ, March 22 — x", places) == "Bogotá, March 22 — x"
    # the federal capital is no state; an acronym or a sentence is no place
    for text in ("NASA, the agency said", "AI — a primer", "The NHS said.", "TOKYO — x"):
        assert cased_dateline(text, places) == text
    assert cased_dateline("WASHINGTON — x", places, skip={"WASHINGTON"}) == "WASHINGTON — x"
    for text in ("KADUNA, Nigeria — x", "HONG KONG, March 3 -- x"):
        cased = cased_dateline(text, places)
        assert cased != text and len(cased) == len(text)  # every offset stays


def test_a_city_dateline_gives_the_citys_departments(tagger: Tagger) -> None:
    found = agencies(tagger, "SEATTLE — The Department of Social Services said it disagreed.")
    assert "us-seattle-department-of-social-services" in found
    found = agencies(tagger, "NEW YORK, Oct. 19 — The city comptroller said. The Department of "
                             "Social Services said it disagreed.")
    assert {"us-nyc-comptroller", "us-nyc-department-of-social-services"} <= set(found)
    # WASHINGTON heads federal news: no state body of Washington's
    found = agencies(tagger, "WASHINGTON — The Department of Social Services said it disagreed.")
    assert not [i for i in found if i.startswith("us-wa-")]


def test_bodies_the_labelled_sets_name_again_and_again(tagger: Tagger) -> None:
    found = agencies(tagger, "SEOUL — The plan needs a vote in the Seoul Metropolitan Council, "
                             "where members of the Health and Welfare Committee asked questions. "
                             "The Seoul Metropolitan Fire and Disaster Headquarters said.")
    assert found["kr-seoul-metropolitan-council-health-and-welfare-committee"]["parent"] == \
        "kr-seoul-metropolitan-council"
    assert found["kr-seoul-metropolitan-fire-and-disaster-headquarters"]["parent"] == "kr-seoul"
    assert "kr-coast-guard" in agencies(tagger, "BUSAN — The Korea Coast Guard ordered boats in.")
    found = agencies(tagger, "OLYMPIA, Wash. — Washington Technology Solutions, the state's IT "
                             "agency, said. WaTech said 14 agencies had registered.")
    assert found["us-wa-technology-solutions"]["mentions"] == \
        ["Washington Technology Solutions", "WaTech"]
    assert "gb-social-work-england" in agencies(tagger, "LONDON — Social Work England said.")
    found = agencies(tagger, "WASHINGTON — The Department of Veterans Affairs' Office of "
                             "Information and Technology said.")
    assert found["us-va-office-of-information-and-technology"]["parent"] == "us-va"
    # Colorado's OIT is not the VA's
    found = agencies(tagger, "DENVER — The Colorado Governor's Office of Information "
                             "Technology (OIT) said. OIT will publish the rules.")
    assert "us-va-office-of-information-and-technology" not in found
    assert "cn-beijing-shiminrexianfuwuzhongxin" in agencies(tagger, "北京市民热线服务中心表示，"
                                                                     "已引入大模型。")
