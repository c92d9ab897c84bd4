"""English bodies (issue #12, eighteenth session): a Korean or Indian place's "…
Corporation" is a public body and a company's is not; a Japanese or German city's or
prefecture's bureau is a unit of its government; two councils joined by "and the" are
two bodies, and a place named before a known one is another place; "the mayor" and "the
State Comptroller" with no place are the offices of the city or state named before them;
a state patrol, remits with hyphens and "Services", "the City of <place>" in a German
story and "the state Legislative Assembly"."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawler.config import ConfigError
from crawler.config.bodies import load_body_rules
from pipelines.tagging import Tagger
from tests.tag_support import agencies


def test_a_korean_or_indian_places_corporation_is_a_public_body(tagger: Tagger) -> None:
    found = agencies(tagger, "SEOUL - The Seoul Housing and Communities Corporation and the "
                             "Busan Transportation Corporation will test AI. The Korea Tourism "
                             "Organization said visitors would get translation kiosks.")
    assert {"kr-seoul-housing-and-communities-corporation", "kr-busan-transportation-corporation",
            "kr-tourism-organization"} <= set(found)
    india = agencies(tagger, "MUMBAI - The Maharashtra State Road Development Corporation "
                             "(MSRDC) will use AI cameras on the expressway.")
    assert "MSRDC" in india["in-mh-state-road-development-corporation"]["mentions"]


def test_a_companys_corporation_is_no_body(tagger: Tagger) -> None:
    found = agencies(tagger, "California Resources Corporation and the Texas Pacific Land "
                             "Corporation said AI would help. Tokyo Electron Corporation agreed.")
    assert not any(a.endswith("-corporation") for a in found), found
    # Japan's organisations are public, its corporations mostly companies
    assert "jp-external-trade-organization" in agencies(
        tagger, "TOKYO - The Japan External Trade Organization said AI start-ups may apply.")


def test_enterprise_kinds_are_validated(tmp_path: Path) -> None:
    (tmp_path / "bodies.toml").write_text(
        "[sources]\n[english.enterprises]\n\"Corporation\" = \"KR, XX\"\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"bodies\.toml.*enterprises.*Corporation.*XX"):
        load_body_rules(tmp_path, {"KR"})
    (tmp_path / "bodies.toml").write_text(
        "[sources]\n[english]\nkinds = [\"Agency\"]\n[english.enterprises]\n\"Agency\" = \"KR\"\n",
        encoding="utf-8")
    with pytest.raises(ConfigError, match=r"enterprises.*Agency.*kinds"):
        load_body_rules(tmp_path, {"KR"})


def test_a_japanese_citys_bureau_is_a_unit_of_its_government(tagger: Tagger) -> None:
    found = agencies(tagger, "OSAKA - The Osaka City Welfare Bureau will use AI to sort "
                             "applications, and the Hiroshima City Fire Bureau will triage calls. "
                             "Kobe's Fire Bureau and the Kanagawa Prefectural Government Digital "
                             "Strategy Office said they would follow.")
    # Osaka and Hiroshima are prefectures too: "City" names the city's government
    assert found["jp-osaka-city-government-welfare-bureau"]["parent"] == "jp-osaka-city-government"
    assert found["jp-hiroshima-city-government-fire-bureau"]["parent"] \
        == "jp-hiroshima-city-government"
    assert found["jp-kobe-government-fire-bureau"]["parent"] == "jp-kobe-government"
    assert found["jp-kanagawa-government-digital-strategy-office"]["parent"] \
        == "jp-kanagawa-government"
    munich = agencies(tagger, "MUNICH - Munich's IT Department will host the software.")
    assert munich["de-munich-government-it-department"]["parent"] == "de-munich-government"


def test_a_national_agencys_office_named_by_a_place_is_no_city_unit(tagger: Tagger) -> None:
    found = agencies(tagger, "HIROSHIMA - The Hiroshima Local Meteorological Office and the "
                             "Osaka Prefectural Police Community Safety Department said.")
    assert "jp-hiroshima-local-meteorological-office" in found
    assert "jp-osaka-prefectural-police-community-safety-department" in found
    assert not any("-government-" in a for a in found), found


def test_two_councils_joined_by_and_the_are_two(tagger: Tagger) -> None:
    found = agencies(tagger, "THANE - The Thane Municipal Corporation and the Navi Mumbai "
                             "Municipal Corporation will share an AI flood model.")
    assert {"in-thane-municipal-corporation", "in-navi-mumbai-municipal-corporation"} \
        <= set(found), found
    assert "in-mumbai-municipal-corporation" not in found


def test_the_mayor_is_the_office_of_the_city_named_before(tagger: Tagger) -> None:
    found = agencies(tagger, "CHICAGO - The Chicago Department of Transportation will test AI "
                             "cameras, the Mayor said. The mayor's office said costs fall.")
    assert found["us-chicago-office-of-the-mayor"]["mentions"] == ["Mayor", "mayor's office"]
    # a unit the mayor's office names is no office of the mayor; nor another city's mayor
    unit = agencies(tagger, "NEW YORK - New York City's budget rose, the Mayor's Office of "
                            "Management and Budget said. The Mayor of Columbus agreed.")
    assert "us-nyc-office-of-the-mayor" not in unit
    # where the mayor heads the city's government, these patterns leave it
    assert not any("mayor" in a for a in agencies(
        tagger, "SEOUL - Seoul will use AI chatbots, the mayor said."))


def test_the_state_comptroller_is_the_office_of_the_state_named_before(tagger: Tagger) -> None:
    found = agencies(tagger, "ALBANY - New York's Department of Labor will use AI. The State "
                             "Comptroller announced an audit of the project.")
    assert found["us-ny-office-of-the-comptroller"]["mentions"] == ["State Comptroller"]


def test_a_states_patrol_and_remits_that_look_like_other_words(tagger: Tagger) -> None:
    assert "us-co-state-patrol" in agencies(
        tagger, "DENVER - The Colorado State Patrol supported the request.")
    found = agencies(tagger, "CHENNAI - The Tamil Nadu government said the tool was built for "
                             "the Co-operation, Food and Consumer Protection Department. The "
                             "Information Technology and Digital Services Department agreed.")
    assert {"in-tn-government-co-operation-food-and-consumer-protection-department",
            "in-tn-government-information-technology-and-digital-services-department"} \
        <= set(found), found
    # "Co" alone is still a company's word
    assert not any("acme" in a for a in agencies(tagger, "Ohio said. The Acme Co Department "
                                                         "of Sales agreed."))


def test_the_city_of_an_unlisted_place_in_a_german_story(tagger: Tagger) -> None:
    found = agencies(tagger, "MUNICH - The Bavarian State Ministry for Digital Affairs will "
                             "help. In the City of Nuremberg, the building office used it.")
    assert "de-nuremberg-government" in found
    assert not any("dreams" in a for a in agencies(
        tagger, "MACAO - Melco's City of Dreams opened a hall for the Macao Government."))


def test_the_state_legislative_assembly_is_the_one_states(tagger: Tagger) -> None:
    found = agencies(tagger, "HYDERABAD - Telangana's Finance Minister presented the budget in "
                             "the state Legislative Assembly on Thursday.")
    assert "in-tg-legislative-assembly" in found


def test_the_senate_of_a_story_on_one_state_is_the_states(tagger: Tagger) -> None:
    found = agencies(tagger, "ALBANY - The New York State Department of Labor will use AI. The "
                             "Senate Standing Committee on Internet and Technology will hold a "
                             "hearing.")
    assert "us-congress" not in found
    assert found["us-ny-senate-standing-committee-on-internet-and-technology"]["parent"] \
        == "us-ny-senate"
    # Congress named otherwise, or no state's body: the federal chamber
    assert "us-congress" in agencies(tagger, "AUSTIN - The Texas Department of Information "
                                             "Resources said. The U.S. Senate agreed.")
    assert "us-congress" in agencies(tagger, "WASHINGTON - The Department of Commerce said. The "
                                             "Senate Commerce Committee will hold a hearing.")
    # a federal department's unit is no state's body ("us-va" is Veterans Affairs)
    assert "us-congress" in agencies(tagger, "WASHINGTON - The Department of Veterans Affairs' "
                                             "Office of Information and Technology briefed the "
                                             "Senate Veterans Affairs Committee.")


def test_a_states_department_named_bare_after_its_place_is_the_states(tagger: Tagger) -> None:
    found = agencies(tagger, "ALBANY - The New York State Department of Labor will use AI. The "
                             "Labor Department said claimants would be told.")
    assert set(found) == {"us-ny-department-of-labor"}, found
    # "Met and West Midlands Police" names no place before "West Midlands Police"
    assert "gb-west-midlands-police" in agencies(
        tagger, "LONDON - The Met and West Midlands Police will test it. West Midlands Police "
                "said the trial starts in May. The Home Office agreed.")


def test_two_levels_before_an_office_of(tagger: Tagger) -> None:
    found = agencies(tagger, "BUSAN - The Busan Metropolitan City Office of Education and Busan "
                             "Metropolitan City will test AI tutors.")
    assert {"kr-busan-metropolitan-city-office-of-education", "kr-busan-government"} \
        <= set(found), found
    # a level before a legislature and a day is no office's
    assert "ke-nairobi-city-county-assembly" in agencies(
        tagger, "NAIROBI - The Nairobi City County Assembly on Tuesday approved a programme.")


def test_its_unit_opening_the_next_sentence(tagger: Tagger) -> None:
    found = agencies(tagger, "WASHINGTON - The first agency to sign on is the Department of "
                             "Veterans Affairs. Its Office of Information and Technology will "
                             "test the tools.")
    assert found["us-va-office-of-information-and-technology"]["parent"] == "us-va"
    # with two agencies in the sentence before, "Its" could be either's: no unit
    found = agencies(tagger, "WASHINGTON - The Department of Veterans Affairs and the Federal "
                             "Trade Commission agreed. Its Office of Technology will help.")
    assert not any(i.endswith("office-of-technology") for i in found), found
