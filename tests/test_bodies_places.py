"""Bodies and their places: a body named before its place with its remit first, a
district's office under its city, words of a sentence that are no county, and names that
several countries' bodies share, resolved by the article's place."""

from __future__ import annotations

import pytest

from pipelines.tagging import Tagger


def ids(tagger: Tagger, text: str) -> set[str]:
    return {a["id"] for a in tagger.tag("", text).agencies}


@pytest.mark.parametrize(("text", "body_id"), [
    ("The Financial Accountability Office of Ontario will publish its review next month.",
     "ca-on-financial-accountability-office"),
    ("The Central Bank of Chile said it would test the model.", "cl-central-bank"),
    # a place's one office of a kind, with its level
    ("The Western Cape Provincial Treasury said the plan was funded.",
     "za-western-cape-provincial-treasury"),
])
def test_a_body_named_before_its_place(tagger: Tagger, text: str, body_id: str) -> None:
    assert body_id in ids(tagger, text)


def test_a_department_of_the_city_is_the_citys(tagger: Tagger) -> None:
    found = ids(tagger, "The Information Technology Department of the City of Seattle said.")
    assert not any("of-the-city" in i for i in found), found


def test_a_districts_office_takes_its_city(tagger: Tagger) -> None:
    # the city named once, its district's offices after it without it
    found = ids(tagger, "深圳市今日发布通告。福田区人民政府表示，福田区政务服务和数据管理局负责建设。")
    assert {"cn-shenzhen-futian-gov", "cn-shenzhen-futian-data"} <= found, found


@pytest.mark.parametrize("text", [
    "据介绍，系统由县政府所属的大数据中心建设运维。",  # 统由县: "uniformly by" the county
    "区长在区政府常务会议上表示，将推广这一做法。",  # 长在区: "the head at the district"
    "全区各区政府均已部署该系统。",
])
def test_words_of_a_sentence_are_no_county(tagger: Tagger, text: str) -> None:
    assert not any(i.endswith("-gov") for i in ids(tagger, text)), ids(tagger, text)


@pytest.mark.parametrize(("text", "body_id"), [
    ("新加坡政府科技局与教育部合作，教育部长表示学校将试用AI。", "sg-moe"),
    ("台灣教育部今日宣布，臺北市各校將試用AI。", "tw-moe"),
    ("新加坡警察部队将推出AI系统，内政部长表示支持。", "sg-mha"),
    ("Kenya's roads authority is owed money by the Treasury, the Nairobi committee heard.",
     "ke-treasury"),
])
def test_a_shared_name_is_the_articles_countrys(tagger: Tagger, text: str, body_id: str) -> None:
    assert body_id in ids(tagger, text)


@pytest.mark.parametrize(("text", "body_id"), [
    ("觀塘區議會今日開會討論AI交通燈。", "hk-kwun-tong-district-council"),
    ("灣仔區議會今日開會。", "hk-wan-chai-district-council"),
    ("The Central and Western District Council met on Monday.",
     "hk-central-western-district-council"),
])
def test_hong_kongs_district_councils_each_by_name(tagger: Tagger, text: str,
                                                   body_id: str) -> None:
    found = ids(tagger, text)
    assert body_id in found and "hk-dc" not in found
    assert "hk-dc" in ids(tagger, "區議會今日選出主席。")  # the councils together


@pytest.mark.parametrize(("text", "body_id"), [
    # an office-holder's title before its place: the office it heads
    ("Ontario government ministries use AI, the Auditor General of Ontario said.",
     "ca-on-office-of-the-auditor-general"),
    ("Ontario Auditor General Shelley Spence said.", "ca-on-office-of-the-auditor-general"),
    ("The Attorney General of Texas opened an inquiry.", "us-tx-office-of-the-attorney-general"),
    ("The Governor of Ohio signed the order.", "us-oh-office-of-the-governor"),
    # where the head heads the government (head_is_government)
    ("The Governor of Kanagawa told reporters.", "jp-kanagawa-government"),
    # "whose" names a unit of the body just named, as "its" does
    ("The pilot runs with the Ohio Department of Administrative Services, whose Office of "
     "Information Technology manages the contracts.",
     "us-oh-department-of-administrative-services-office-of-information-technology"),
    # an unplaced ministry after "a", in a province's story, is the province's
    ("Ontario ministries use AI. Among the examples was a Ministry of Transportation model.",
     "ca-on-ministry-of-transportation"),
])
def test_titles_units_and_ministries_named_around_their_place(tagger: Tagger, text: str,
                                                              body_id: str) -> None:
    assert body_id in ids(tagger, text)


@pytest.mark.parametrize("text", [
    # elsewhere a head's title stands for the place's government, which its listing tags
    "The Mayor of Cape Town said the city would test it.",
    "The Governor of Nairobi said the county would test it.",
    # a place inside another name
    "The Auditor General of Victoria Harbour Authority said.",
])
def test_titles_that_name_no_office_of_their_own(tagger: Tagger, text: str) -> None:
    assert not any("office-of" in i for i in ids(tagger, text)), ids(tagger, text)


@pytest.mark.parametrize(("text", "body_id"), [
    # a state's lower chamber gets one id however it is written
    ("Lawmakers in the Ohio House are considering a bill.", "us-oh-house-of-representatives"),
    ("The Texas House's Select Committee met.", "us-tx-house-of-representatives"),
    ("The Texas House of Representatives voted.", "us-tx-house-of-representatives"),
    ("Washington State lawmakers met. The state House will vote on Friday.",
     "us-wa-house-of-representatives"),
    ("Virginia lawmakers said the state House would vote.", "us-va-house-of-delegates"),
])
def test_a_chamber_has_one_id(tagger: Tagger, text: str, body_id: str) -> None:
    assert body_id in ids(tagger, text)
    assert not any(i.endswith("-house") for i in ids(tagger, text))


@pytest.mark.parametrize("text", [
    "Ohio House Bill 96 passed the chamber.",   # a bill's name
    "The meeting was held at London House.",    # a building, outside the US
])
def test_a_bare_house_that_names_no_chamber(tagger: Tagger, text: str) -> None:
    assert not any("house" in i for i in ids(tagger, text)), ids(tagger, text)


def test_a_state_department_named_by_a_list_of_its_remits(tagger: Tagger) -> None:
    # "and" in a remit list is no police form's word ("Police and Crime Commissioner")
    text = ("The Telangana government said the pilot was designed by the Information "
            "Technology, Electronics and Communications Department.")
    assert "in-tg-government-information-technology-electronics-and-communications-department" in ids(
        tagger, text)
