"""One body, one id (issue #12, seventeenth session): a state's body named once with its
owner and then bare is not the federal body of that name; a bracketed acronym after an
unlisted body is that body's, not a listed body's of the same letters; "the City of Los
Angeles Information Technology Agency" is one body; Viet Nam's People's Committees are
their places' governments; Hong Kong's District Officers head their District Offices; a
Taiwanese city's bureau has one id with or without 政府."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawler.config import ConfigError
from crawler.config.bodies import load_body_rules
from pipelines.tagging import Tagger
from tests.tag_support import agencies


def test_a_states_body_named_bare_later_is_still_the_states(tagger: Tagger) -> None:
    found = agencies(tagger, "ALBANY - New York's Department of Labor will use AI to sort "
                             "appeals. The DOL said a pilot cut handling time. The Department "
                             "of Labor said claimants would be told.")
    assert set(found) == {"us-ny-department-of-labor"}
    assert {"DOL", "Department of Labor"} <= set(found["us-ny-department-of-labor"]["mentions"])
    # the federal department written in full stays federal, and keeps its acronym
    both = agencies(tagger, "Texas's Department of Labor will use AI. The U.S. Department of "
                            "Labor (DOL) said it would watch. The DOL added a note.")
    assert set(both) == {"us-tx-department-of-labor", "us-dol"}
    assert "DOL" in both["us-dol"]["mentions"]


def test_a_bracketed_acronym_names_the_body_before_it(tagger: Tagger) -> None:
    found = agencies(tagger, "The City of Los Angeles Information Technology Agency (ITA) will "
                             "process the footage. ITA's general manager said faces are blurred.")
    assert set(found) == {"us-los-angeles-government-information-technology-agency"}
    body = found["us-los-angeles-government-information-technology-agency"]
    assert body["name"] == "City of Los Angeles Information Technology Agency"
    assert "ITA" in body["mentions"]
    # the listed body's own name keeps its acronym
    assert "us-ita" in agencies(tagger, "The International Trade Administration (ITA) said. "
                                        "ITA will publish a report.")
    # a listed body written another way keeps it too ("Agency" for "Authority")
    brazil = agencies(tagger, "BRASILIA - The National Data Protection Agency (ANPD) opened "
                              "an inquiry. ANPD said.")
    assert "br-anpd" in brazil


def test_city_of_then_a_body_is_one_body(tagger: Tagger) -> None:
    found = agencies(tagger, "The City of Boston Department of Innovation and Technology said.")
    assert set(found) == {"us-boston-government-department-of-innovation-and-technology"}
    assert found["us-boston-government-department-of-innovation-and-technology"]["parent"] \
        == "us-boston-government"
    # a city the places do not list: the unit keeps the city's name in its id, and "the
    # city's Department of Technology" later is the same unit
    columbus = agencies(tagger, "COLUMBUS, Ohio - Ohio's CIO said. Across town, the City of "
                                "Columbus Department of Technology has begun a pilot. The city's "
                                "Department of Technology said replies are reviewed.")
    assert "us-columbus-government-department-of-technology" in columbus
    assert "us-oh-department-of-technology" not in columbus
    assert "au-city-of-parramatta-council" in agencies(
        tagger, "SYDNEY - The NSW Government and the City of Parramatta Council will run it.")
    # "the City of São Paulo's Finance Secretariat": the city and its secretariat
    two = agencies(tagger, "The City of São Paulo's Municipal Finance Secretariat agreed.")
    assert "br-sao-paulo-city" in two and len(two) == 2


def test_a_vietnamese_peoples_committee_is_its_places_government(tagger: Tagger) -> None:
    found = agencies(tagger, "The Dong Thap Provincial People's Committee approved the plan; "
                             "the Da Nang City People's Committee will follow, and the Hanoi "
                             "People's Committee said it would watch.")
    assert set(found) == {"vn-dong-thap-government", "vn-da-nang-government", "vn-hanoi"}
    assert found["vn-dong-thap-government"]["name"] == "Dong Thap Provincial People's Committee"
    # the form alone gives the country
    assert tagger.tag("", "The Dong Thap Provincial People's Committee said.").jurisdictions \
        == ["VN"]


def test_governments_forms_are_validated(tmp_path: Path) -> None:
    (tmp_path / "bodies.toml").write_text(
        "[sources]\n[english.governments]\n\"People's Committee\" = \"XX\"\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"bodies\.toml.*governments.*People's Committee.*XX"):
        load_body_rules(tmp_path, {"VN"})


def test_a_district_officer_heads_the_district_office(tagger: Tagger) -> None:
    assert "hk-sha-tin-do" in agencies(tagger, "沙田民政事務專員表示，會與運輸署跟進。")
    assert "hk-sha-tin-do" in agencies(tagger, "The Sha Tin District Officer said he would help.")


def test_a_taiwanese_citys_bureau_is_its_governments_unit(tagger: Tagger) -> None:
    found = agencies(tagger, "新北市政府勞工局表示將加強稽查。新北市勞工局長指出，新北勞工局已派員。")
    assert "tw-ntpc-gov-laogongju" in found and "tw-new-taipei-laogongju" not in found
    assert found["tw-ntpc-gov-laogongju"]["parent"] == "tw-ntpc-gov"
    # a court in the city is not the city government's
    court = agencies(tagger, "高雄地方法院表示。")
    assert not any(a.startswith("tw-kh-gov-") for a in court)


def test_a_university_department_named_as_a_list_is_no_body(tagger: Tagger) -> None:
    found = agencies(tagger, "CHICAGO - The Chicago Department of Water Management said. A "
                             "professor at the Department of Civil, Materials, and Environmental "
                             "Engineering at the University of Illinois Chicago said.")
    assert set(found) == {"us-chicago-department-of-water-management"}


def test_a_kenyan_state_department_is_no_us_state_department(tagger: Tagger) -> None:
    found = agencies(tagger, "NAIROBI - The State Department for ICT and Digital Economy will "
                             "keep the register, the ICT Authority of Kenya said.")
    assert "us-dos" not in found
    assert "us-dos" in agencies(tagger, "WASHINGTON - The State Department said on Monday.")


def test_a_county_meteorological_bureau_is_the_countys(tagger: Tagger) -> None:
    found = agencies(tagger, "雷山县人民政府表示，平台整合了雷山县气象局的逐小时预报。")
    assert {"cn-leishan-gov", "cn-leishan-qixiangju"} <= set(found)
    assert "cn-anji-zonghexingzhengzhifaju" in agencies(tagger, "安吉县综合行政执法局是主要责任单位。")


def test_short_forms_of_listed_bodies(tagger: Tagger) -> None:
    assert "hk-housing-authority" in agencies(tagger, "房屋委員會今日公布公屋輪候時間。")
    assert "jp-tokyo-digital-service-bureau" in agencies(
        tagger, "The Tokyo Metropolitan Government's Digital Services Bureau said.")
    assert "cn-beijing-haidian-kexuejishuhexinxihuaju" in agencies(tagger, "北京市海淀区科信局表示。")


def test_englands_unitary_councils_and_joint_areas(tagger: Tagger) -> None:
    found = agencies(tagger, "Neighbouring Medway Council, a separate unitary authority, said "
                             "the Kent and Medway Fire and Rescue Authority would help.")
    assert set(found) == {"gb-medway-council", "gb-kent-and-medway-fire-and-rescue-authority"}
    # two US states before a department are two bodies, not one of both
    assert "us-texas-and-louisiana-department-of-transportation" not in agencies(
        tagger, "The Texas and Louisiana Department of Transportation said.")


def test_an_integrated_care_board_by_its_area_alone(tagger: Tagger) -> None:
    found = agencies(tagger, "NHS Kent and Medway, the integrated care board, said. NHS "
                             "Lothian, a Scottish health board, agreed.")
    assert set(found) == {"gb-nhs-kent-and-medway-integrated-care-board", "gb-nhs-lothian"}
    board = found["gb-nhs-kent-and-medway-integrated-care-board"]
    assert board["name"] == "NHS Kent and Medway Integrated Care Board"
    assert board["mentions"] == ["NHS Kent and Medway"]


def test_the_states_body_before_the_state_is_named(tagger: Tagger) -> None:
    found = agencies(tagger, "The system was built by the state's Information Technology, "
                             "Electronics and Communications Department. Telangana's IT Minister "
                             "said it would spread.")
    body = "in-tg-government-information-technology-electronics-and-communications-department"
    assert found[body]["parent"] == "in-tg-government"
    # two states named later: the state's is neither
    two = agencies(tagger, "The state's Revenue Department said. Telangana and Karnataka agreed.")
    assert not any("revenue" in a for a in two)


def test_a_kenyan_state_department_is_its_ministrys_unit(tagger: Tagger) -> None:
    found = agencies(tagger, "NAIROBI - Kenya's Ministry of Agriculture and Livestock "
                             "Development said Kenya's State Department for Livestock "
                             "Development would run it with the Kenya Animal Genetic Resources "
                             "Centre (KAGRC).")
    unit = found["ke-agriculture-state-department-for-livestock-development"]
    assert unit["parent"] == "ke-agriculture"
    assert "ke-animal-genetic-resources-centre" in found
    assert not any(a.startswith("ke-state-department") for a in found)
    # with no ministry of Kenya named, no unit
    assert not any("state-department" in a for a in agencies(
        tagger, "NAIROBI - The State Department for Livestock Development said."))


def test_a_listed_acronym_that_is_a_named_bodys_initials_is_that_body(tagger: Tagger) -> None:
    found = agencies(tagger, "KAMPALA - The Uganda Revenue Authority said. A URA spokesperson "
                             "agreed.")
    assert set(found) == {"ug-revenue-authority"}
    assert "URA" in found["ug-revenue-authority"]["mentions"]
    assert "hk-ura" in agencies(tagger, "HONG KONG - The URA said it would redevelop the site.")


def test_a_listed_name_with_its_country_is_the_same_body_without_it(tagger: Tagger) -> None:
    found = agencies(tagger, "BRASILIA - The court asked the National Data Protection Agency to "
                             "examine it. The ANPD said it would.")
    assert set(found) == {"br-anpd"}


def test_the_other_order_of_an_owned_department(tagger: Tagger) -> None:
    found = agencies(tagger, "NEW YORK - New York City's Department of Buildings began using "
                             "AI. The Buildings Department said reviews stay free.")
    assert set(found) == {"us-nyc-department-of-buildings"}


def test_sentence_words_start_no_name(tagger: Tagger) -> None:
    assert set(agencies(tagger, "At Leeds Teaching Hospitals NHS Trust, radiologists said.")) \
        == {"gb-leeds-teaching-hospitals-nhs-trust"}
    # 根据 ("according to") before 县 is no county
    assert not any("genju" in a for a in agencies(tagger, "根据县发改局公布的方案，水价将调整。"))
    # 至 ("to") before 县 is no county: 分派至县综合行政执法局
    assert not any("zhi-" in a or "paizhi" in a for a in agencies(
        tagger, "德清县人民政府表示。工单再由系统分派至县综合行政执法局处理。"))
