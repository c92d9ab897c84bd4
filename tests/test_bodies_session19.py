"""Unlisted bodies (issue #12, nineteenth session): a state's or city's comptroller named
by its title alone, two provinces' people's committees joined by "and", a body "of the
Government of <place>", a Chinese unit named after 轄下新設的, Korea's AI Safety Institute
by its bare name in a Korean story."""

from __future__ import annotations

from pipelines.tagging import Tagger
from tests.tag_support import agencies


def test_the_state_and_the_city_comptroller_in_either_case(tagger: Tagger) -> None:
    found = agencies(tagger, "The Texas Department of Information Resources said on Monday it "
                             "would pilot the tool. Figures published by the state comptroller "
                             "list the contract.")
    assert found["us-tx-office-of-the-comptroller"]["mentions"] == ["state comptroller"]
    found = agencies(tagger, "The Chicago Department of Transportation will use AI cameras. "
                             "The city comptroller's office said it would audit the program.")
    assert found["us-chicago-office-of-the-comptroller"]["mentions"] == ["city comptroller's office"]
    # New York City's is listed: its title and its office's full name meet there
    found = agencies(tagger, "The New York City Department of Sanitation will use AI cameras. "
                             "The city comptroller's office said so; New York City Comptroller "
                             "Brad Lander agreed.")
    assert found["us-nyc-comptroller"]["mentions"] == ["city comptroller's office",
                                                       "New York City Comptroller"]
    # "the state comptroller of Illinois" is the place's title (title_tail), not the office
    # of the state named last
    assert "us-tx-office-of-the-comptroller" not in agencies(
        tagger, "The Texas Department of Information Resources said so. The state comptroller "
                "of Illinois disagreed.")


def test_two_peoples_committees_joined_by_and(tagger: Tagger) -> None:
    found = agencies(tagger, "The Dong Nai Provincial People's Committee and the Tay Ninh "
                             "Provincial People's Committee said they had set aside land.")
    assert {"vn-dong-nai-government", "vn-tay-ninh-government"} <= set(found)


def test_a_body_of_the_government_of_a_place(tagger: Tagger) -> None:
    for text in ("The Department of Revenue of the Government of Maharashtra said.",
                 "The Department of Revenue, Government of Maharashtra said."):
        found = agencies(tagger, text)
        assert found["in-mh-government-department-of-revenue"]["parent"] == "in-mh-government"
    # a country's listed ministry keeps its id with "Government of India" after it
    assert "in-meity" in agencies(
        tagger, "The Ministry of Electronics and Information Technology, Government of India said.")
    # ... but no other country's ministry is taken for a body the list does not have
    found = agencies(tagger, "The Ministry of Health of the Government of Ghana said.")
    assert not any(a.startswith("br-") or a.startswith("kr-") for a in found), found


def test_a_new_unit_named_after_under_it(tagger: Tagger) -> None:
    found = agencies(tagger, "數字辦轄下新設的人工智能應用及管治組，將負責審批各部門的申請。")
    assert found["hk-dpo-rengongzhinengyingyongjiguanzhizu"]["parent"] == "hk-dpo"
    # without a link, a long name with a one-character suffix stays a phrase
    assert not any(a.startswith("hk-dpo-") for a in agencies(
        tagger, "數字辦推动人工智能應用及管治組織改革。"))


def test_the_ai_safety_institute_of_the_storys_country(tagger: Tagger) -> None:
    found = agencies(tagger, "South Korea's Ministry of Science and ICT said the AI Safety "
                             "Institute would test the models.")
    assert found["kr-aisi"]["parent"] == "kr-electronics-and-telecommunications-research-institute"
    assert "gb-aisi" in agencies(tagger, "The UK Department for Science, Innovation and "
                                         "Technology said the AI Safety Institute would test them.")


def test_the_governor_of_the_state_named_last(tagger: Tagger) -> None:
    found = agencies(tagger, "The Texas Department of Information Resources said so. The "
                             "Governor signed the bill; the governor's office said more would follow.")
    assert found["us-tx-office-of-the-governor"]["mentions"] == ["Governor", "governor's office"]
    # a governor outside the US heads the government (head_offices), and "the Governor's
    # Office of Information Technology" is a body of its own
    assert not any(a.endswith("office-of-the-governor") for a in agencies(
        tagger, "The Tokyo Metropolitan Government said so. The governor agreed."))
    assert not any(a.endswith("office-of-the-governor") for a in agencies(
        tagger, "The Colorado Department of Labor said. The Governor's Office of Information "
                "Technology agreed."))


def test_a_city_and_the_police_of_its_prefecture(tagger: Tagger) -> None:
    found = agencies(tagger, "Yokosuka City and the Kanagawa Prefectural Police will trial an "
                             "AI system, officials said.")
    assert {"jp-yokosuka-government", "jp-kanagawa-prefectural-police"} <= set(found)


def test_an_indonesian_regional_legislature(tagger: Tagger) -> None:
    found = agencies(tagger, "The Jakarta Provincial Government said the Jakarta Regional House "
                             "of Representatives approved the budget.")
    assert "id-jakarta-regional-house-of-representatives" in found
    assert "id-dpr" not in found  # not the national House of Representatives


def test_the_state_auditor_one_office_however_written(tagger: Tagger) -> None:
    # (Texas's is listed since the twentieth session: test_bodies_session20)
    found = agencies(tagger, "The Washington State Department of Health said so. A review by "
                             "the State Auditor's Office found gaps.")
    assert found["us-wa-office-of-the-state-auditor"]["mentions"] == ["State Auditor's Office"]
    found = agencies(tagger, "The Colorado Department of Labor said so. The Office of the State "
                             "Auditor found gaps; the State Auditor said more would follow.")
    assert [a for a in found if "auditor" in a] == ["us-co-office-of-the-state-auditor"]


def test_chinese_offices_of_a_place_and_a_subdistrict_after_together_with(tagger: Tagger) -> None:
    found = agencies(tagger, "据广州市气象台预测，今年5月下旬将有强降雨。")
    assert "cn-guangzhou-qixiangtai" in found
    found = agencies(tagger, "德清县人民政府表示，德清县数据局联合武康街道办事处开发的助手上线。")
    assert "cn-deqing-wukangjiedaobanshichu" in found
    assert agencies(tagger, "政府科技局宣布，由旗下开放政府产品团队开发的工具上线。")[
        "sg-ogp"]["parent"] == "sg-govtech"


def test_the_departments_after_the_mayor_of_new_york_are_the_citys(tagger: Tagger) -> None:
    found = agencies(tagger, "New York City will begin using AI, the Mayor of New York said. The "
                             "Department of Sanitation will use it first.")
    assert "us-nyc-department-of-sanitation" in found
    assert "us-ny-department-of-sanitation" not in found


def test_chinese_words_that_look_like_names(tagger: Tagger) -> None:
    found = agencies(tagger, "網罪科總警司伍家豪表示，會把冒認他人行騙列為加刑因素。")
    assert not any(a.endswith("zongjingsi") for a in found)  # a rank, not a unit
    assert "cn-pboc" not in found
    assert "cn-pboc" in agencies(tagger, "人行发布通知，要求银行加强风控。")
    found = agencies(tagger, "深圳市龙岗区政务服务和数据管理局表示，并邀请区网信办开展安全评估。")
    assert "cn-shenzhen-longgang-cac" in found
    assert not any("yaoqing" in a for a in found)


def test_a_malaysian_city_council(tagger: Tagger) -> None:
    assert "my-penang-island-city-council" in agencies(
        tagger, "The Penang Island City Council (MBPP) said it would use AI, Malaysia's "
                "Ministry of Digital said.")


def test_an_executive_office_of_a_state(tagger: Tagger) -> None:
    found = agencies(tagger, "The Massachusetts Executive Office of Health and Human Services said.")
    assert "us-ma-executive-office-of-health-and-human-services" in found
    assert "us-ma-executive-office" not in found  # not cut after "Office"


def test_a_metropolitan_police_department(tagger: Tagger) -> None:
    found = agencies(tagger, "The City of Johannesburg said the Johannesburg Metropolitan Police "
                             "Department (JMPD) would use AI.")
    assert found["za-johannesburg-metropolitan-police-department"]["mentions"] == [
        "Johannesburg Metropolitan Police Department", "JMPD"]


def test_chinese_office_names_with_social_and_phrases_that_are_none(tagger: Tagger) -> None:
    # (the county's office named relative to it: 县社会治理中心)
    assert "cn-deqing-shehuizhilizhongxin" in agencies(
        tagger, "德清县人民政府表示，县社会治理中心负责人介绍了工单分拣的情况。")
    # "set up an office in Qianhai" names no office
    assert not any("sheli" in a for a in agencies(
        tagger, "公司計劃明年在深圳前海設立辦公室。深圳市前海管理局表示歡迎。"))
    # Taichung's urban development bureau is no Hong Kong Development Bureau
    assert "hk-devb" not in agencies(tagger, "臺中市政府表示，都市發展局回應，沿線規劃12處場站。")
    assert "hk-devb" in agencies(tagger, "發展局表示，會研究以人工智能審批圖則。")


def test_a_kenyan_or_nigerian_governor_heads_the_government(tagger: Tagger) -> None:
    found = agencies(tagger, "Nairobi Governor Johnson Sakaja said the Nairobi City County "
                             "Government would use AI.")
    assert "ke-nairobi" in found
    assert not any(a.endswith("office-of-the-governor") for a in found)
    found = agencies(tagger, "The Lagos State Government said so. Lagos State Governor Babajide "
                             "Sanwo-Olu agreed.")
    assert found["ng-lagos"]["mentions"] == ["Lagos State Government", "Governor"]


def test_the_metropolitan_police_is_londons_only_near_the_uk(tagger: Tagger) -> None:
    found = agencies(tagger, "The Bangkok Metropolitan Administration said the Metropolitan "
                             "Police Bureau would use AI cameras.")
    assert "gb-met-police" not in found
    assert found["th-police-metropolitan-police-bureau"]["parent"] == "th-police"
    assert "gb-met-police" in agencies(
        tagger, "The Home Office said the Metropolitan Police would use AI.")
    assert "gb-parliament" in agencies(
        tagger, "The Home Office told the Commons that Thames Valley Police would use AI.")


def test_the_state_department_of_labor_and_its_bare_name_again(tagger: Tagger) -> None:
    found = agencies(tagger, "The New York State Office of Information Technology Services "
                             "built the model with the state Department of Labor. The Department "
                             "of Labor could not explain it. The Senate Internet and Technology "
                             "Committee has scheduled a hearing.")
    assert "us-ny-department-of-labor" in found
    assert "us-dol" not in found  # the bare name again is the state's
    # with no federal body left, the Senate is the state's (state_chambers)
    assert "us-ny-senate-internet-and-technology-committee" in found
    # "the State Department" is the federal one
    assert "us-dos" in agencies(tagger, "The State Department said it would use AI.")


def test_federal_names_in_a_story_about_one_citys_agencies(tagger: Tagger) -> None:
    found = agencies(tagger, "New York City's mayor said the Department of Sanitation and the "
                             "Department of Education would use AI. The Office of Management "
                             "and Budget said so. The New York City Council agreed.")
    assert {"us-nyc-department-of-education", "us-nyc-office-of-management-and-budget"} <= set(found)
    assert not {"us-ed", "us-omb"} & set(found)
    # no local body named bare: the Department of Education is the federal one
    assert "us-ed" in agencies(tagger, "The Department of Education said the Texas Education "
                                       "Agency would help.")


def test_a_ministry_before_a_comma_and_its_acronym(tagger: Tagger) -> None:
    found = agencies(tagger, "The agency sits under the Ministry of Internal Affairs and "
                             "Communications, and MIC officials have asked for data.")
    assert "jp-mic" in found and not any(a.endswith("-and-mic") for a in found)
    assert "kr-msit" in agencies(tagger, "The Ministry of Science and ICT said so.")


def test_valencias_government_is_not_catalonias(tagger: Tagger) -> None:
    found = agencies(tagger, "The Generalitat Valenciana will contribute 150 million euros, "
                             "Valencia City Council said.")
    assert {"es-generalitat-valenciana", "es-valencia-city-council"} <= set(found)
    assert "es-catalonia" not in found


def test_listed_state_and_city_units_with_their_parents(tagger: Tagger) -> None:
    found = agencies(tagger, "The Telangana government said its Information Technology, "
                             "Electronics and Communications (ITE&C) Department and the Emerging "
                             "Technologies Wing would pilot AI.")
    ite = "in-tg-government-information-technology-electronics-and-communications-department"
    assert found[f"{ite}-emerging-technologies-wing"]["parent"] == ite
    found = agencies(tagger, "The Mexico City Water System (SACMEX) and the Secretariat of "
                             "Mobility said they would use AI, Mexico City said.")
    assert found["mx-mexico-city-water-system"]["parent"] == "mx-cdmx"
    assert "mx-mexico-city-secretariat-of-mobility" in found


def test_a_provinces_listed_office_after_a_city_of_another_countrys_name(tagger: Tagger) -> None:
    # Victoria is British Columbia's capital and Australia's state: the office's own name
    # ends in its province
    found = agencies(tagger, "VICTORIA, British Columbia - At a news conference in Victoria, "
                             "the Office of the Information and Privacy Commissioner for British "
                             "Columbia welcomed the rules.")
    assert "ca-bc-information-and-privacy-commissioner" in found
    assert not any(a.startswith("au-") for a in found)
    # a name only one country lists, with no place of it, stays the story's place's
    found = agencies(tagger, "New York City's mayor said the Department of Social Services and "
                             "the Department of Sanitation would use AI.")
    assert "au-dss" not in found
