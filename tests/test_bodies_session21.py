"""Unlisted bodies (issue #12, twenty-first session): a country's national institutes, a
legislature's committee named with no chamber in a story on one country, a bare "Senate"
in a story on one US state, and the mayors of England's combined authorities."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from crawler.config import ConfigError, load_gazetteer
from pipelines.tagging import Tagger
from tests.tag_support import agencies

GAZETTEERS = Path(__file__).resolve().parent.parent / "config" / "gazetteers"


def test_a_national_institute_is_its_countrys_body(tagger: Tagger) -> None:
    found = agencies(tagger, "TOKYO, Japan — The National Institute of Information and "
                             "Communications Technology supplied a test set.")
    assert "jp-national-institute-of-information-and-communications-technology" in found
    found = agencies(tagger, "SANTIAGO, Chile — Inflation slowed, according to the National "
                             "Statistics Institute (INE).")
    assert "cl-national-statistics-institute" in found
    # a name of its own is needed, and a university is none
    assert not agencies(tagger, "NEW DELHI, India — The National Institute said. Students of "
                                "the National Institute of Technology Tiruchirappalli built it.")


def test_a_committee_named_alone_is_its_countrys_legislatures(tagger: Tagger) -> None:
    text = ("NEW DELHI — The Ministry of Electronics and Information Technology said demand grew. "
            "The Parliamentary Standing Committee on Communications and Information Technology "
            "asked why capacity sat idle.")
    found = agencies(tagger, text)
    unit = found["in-parliament-standing-committee-on-communications-and-information-technology"]
    assert unit["parent"] == "in-parliament"
    found = agencies(tagger, "CANBERRA — The Digital Transformation Agency reviewed it. Senators "
                             "will raise it before the Finance and Public Administration "
                             "Legislation Committee.")
    assert found["au-parliament-finance-and-public-administration-legislation-committee"][
        "parent"] == "au-parliament"
    # bodies.toml's committee_chambers: Kenya's departmental committees are the National
    # Assembly's, not its Parliament's (the first legislature listed)
    found = agencies(tagger, "NAIROBI — The Kenya Revenue Authority deployed it. The Departmental "
                             "Committee on Finance and National Planning will ask questions.")
    assert "ke-national-assembly-departmental-committee-on-finance-and-national-planning" in found


@pytest.mark.parametrize("text", [
    # a state's or province's story: the committee may be its legislature's
    "SYDNEY, New South Wales — The Department of Customer Service said. The Public Accounts "
    "Committee will hold a hearing.",
    "VICTORIA, British Columbia — The Ministry of Citizens' Services said. The Select Standing "
    "Committee on Finance and Government Services will hear it.",
    # no kind word saying it is a legislature's
    "NEW DELHI — The Ministry of Electronics and Information Technology said. The AI Committee "
    "will meet.",
])
def test_no_national_committee_where_it_may_be_anothers(tagger: Tagger, text: str) -> None:
    assert not any((a.get("parent") or "").endswith("parliament") for a in
                   agencies(tagger, text).values())


def test_the_senate_in_a_story_on_one_us_state_is_the_states(tagger: Tagger) -> None:
    text = ("ALBANY, N.Y. — New York's state Chief Information Officer ordered a review. In "
            "Albany, members of the Senate's Internet and Technology Committee said they would "
            "hold a hearing.")
    found = agencies(tagger, text)
    assert "us-congress" not in found
    assert found["us-ny-senate-internet-and-technology-committee"]["parent"] == "us-ny-senate"
    # Congress named: the Senate is the federal one
    found = agencies(tagger, text + " Congress is watching.")
    assert "us-congress" in found and "us-ny-senate" not in found


def test_a_combined_authoritys_mayor_names_it(tagger: Tagger) -> None:
    found = agencies(tagger, "MANCHESTER — The Mayor of Greater Manchester, who holds police and "
                             "crime commissioner powers, approved the spending.")
    assert found["gb-manchester-combined-authority"]["mentions"] == ["Mayor of Greater Manchester"]


def test_a_bavarian_unit_named_with_its_state_tags_no_state_government(tagger: Tagger) -> None:
    found = agencies(tagger, "MUNICH, Germany — The IT Service Centre of the Free State of "
                             "Bavaria (IT-DLZ) will host the model.")
    assert set(found) == {"de-bavaria-it-service-centre"}


def _gazetteer_with(tmp_path: Path, line: str, instead: str) -> Path:
    """A copy of the shipped gazetteers whose bodies.toml has ``instead`` for ``line``."""
    copy = tmp_path / "gazetteers"
    shutil.copytree(GAZETTEERS, copy)
    bodies = copy / "bodies.toml"
    text = bodies.read_text(encoding="utf-8")
    assert line in text
    bodies.write_text(text.replace(line, instead), encoding="utf-8")
    return copy


def test_committee_chambers_must_name_a_listed_legislature(tmp_path: Path) -> None:
    copy = _gazetteer_with(tmp_path, '"KE" = "ke-national-assembly"', '"KE" = "ke-kra"')
    with pytest.raises(ConfigError, match=r"bodies\.toml.*committee_chambers.*'ke-kra'"):
        load_gazetteer(copy)


def test_a_unit_set_up_by_an_office_no_list_names(tagger: Tagger) -> None:
    found = agencies(tagger, "深圳市福田区政务服务数据管理局已成立人工智能应用推进专班。")
    unit = found["cn-shenzhen-futian-data-rengongzhinengyingyongtuijinzhuanban"]
    assert unit["parent"] == "cn-shenzhen-futian-data"
    assert unit["mentions"] == ["人工智能应用推进专班"]


@pytest.mark.parametrize("text", [
    "深圳市福田区政务服务数据管理局组建专班统筹。",       # "set up a task force": no name
    "行政公職局曾邀請澳門科技大學一個實驗室參與測試。",    # "had invited a university lab"
])
def test_a_verb_is_no_units_name(tagger: Tagger, text: str) -> None:
    assert not any(a.get("parent") for a in agencies(tagger, text).values())


def test_macaos_civil_service_bureau_by_its_short_name(tagger: Tagger) -> None:
    found = agencies(tagger, "公職局局長表示，助手由公職局轄下的電子政務廳負責開發。")
    assert found["mo-safp"]["mentions"][0] == "公職局"
    assert found["mo-safp-dianzizhengwuting"]["parent"] == "mo-safp"


def test_a_comptroller_general_two_countries_have_is_the_one_named_near(tagger: Tagger) -> None:
    text = ("SANTIAGO, Chile — The Comptroller General of the Republic found irregularities in 37 "
            "reconstruction contracts.")
    assert "cl-comptroller-general-of-the-republic" in agencies(tagger, text)
    found = agencies(tagger, text.replace("SANTIAGO, Chile", "BOGOTÁ, Colombia"))
    assert "co-office-of-the-comptroller-general-of-the-republic" in found
    assert "cl-comptroller-general-of-the-republic" not in found


def test_a_department_name_states_share_is_no_federal_evidence(tagger: Tagger) -> None:
    text = ("ALBANY, N.Y. — New York will expand the assistant after a pilot with the state "
            "Labor Department. The Senate Standing Committee on Internet and Technology has "
            "scheduled a hearing.")
    found = agencies(tagger, text)
    assert "us-ny-senate-standing-committee-on-internet-and-technology" in found
    assert "us-congress" not in found
    # a body only the federal government has: the Senate is the federal one
    assert "us-congress" in agencies(tagger, text + " The Federal Trade Commission agreed.")


@pytest.mark.parametrize(("text", "unit"), [
    # a rank of its structure right after the office: a unit
    ("德清县公安局交通警察大队启用AI信号灯。", "cn-deqing-psb-jiaotongjingchadadui"),
    # a task force right after it: a verb's object ("takes on the task force's daily work")
    ("深圳市福田区政务服务数据管理局承担专班日常工作。", ""),
    ("德清县人民政府督导智慧植保专班推进工作。", ""),
])
def test_units_right_after_an_office_no_list_names(tagger: Tagger, text: str, unit: str) -> None:
    units = {i for i, a in agencies(tagger, text).items() if a.get("parent")}
    assert units == ({unit} if unit else set())


def test_a_verb_then_an_agencys_short_name_is_no_unit(tagger: Tagger) -> None:
    found = agencies(tagger, "觀塘區議會促房署加快更換屋邨升降機。")
    assert not any(a.get("parent") for a in found.values())


def test_an_office_with_an_indefinite_article_is_one_of_a_kind(tagger: Tagger) -> None:
    text = ("NEW YORK — New York's city comptroller audited the chatbot run by the Office of "
            "Technology and Innovation. The vendor, "
            "which runs an Office of Responsible AI inside its cloud division, declined to "
            "comment.")
    found = agencies(tagger, text)
    assert "us-nyc-office-of-technology-and-innovation" in found
    assert not any("responsible" in i for i in found)
    # a body's name used before a noun keeps its article: "a Ministry of Transportation model"
    found = agencies(tagger, "TORONTO, Ontario — The audit cited a Ministry of Transportation "
                             "model used to prioritise repairs.")
    assert "ca-on-ministry-of-transportation" in found


def test_a_command_centre_of_a_district(tagger: Tagger) -> None:
    found = agencies(tagger, "北京市海淀区城市服务管理指挥中心日前宣布上线AI派单系统。")
    assert "cn-beijing-haidian-chengshifuwuguanlizhihuizhongxin" in found
    # 指 alone still ends a name: "the bureau pointed out"
    found = agencies(tagger, "北京市海淀区城市服务管理局指出，系统已上线。")
    assert set(found) == {"cn-beijing-haidian-chengshifuwuguanliju"}


@pytest.mark.parametrize(("text", "unit"), [
    ("運輸署轄下「智能交通組」已完成測試。", "hk-td-zhinengjiaotongzu"),
    ("數字政策辦公室轄下新成立的「人工智能應用及管治組」將負責審批。",
     "hk-dpo-rengongzhinengyingyongjiguanzhizu"),
])
def test_a_quoted_unit_after_a_link(tagger: Tagger, text: str, unit: str) -> None:
    found = agencies(tagger, text)
    assert found[unit]["mentions"] == [found[unit]["name"]]  # without its quotes


def test_a_unit_set_up_this_year_after_its_link(tagger: Tagger) -> None:
    found = agencies(tagger, "文件顯示，數字政策辦公室轄下今年初成立的「人工智能應用及管治組」將負責審批。")
    assert found["hk-dpo-rengongzhinengyingyongjiguanzhizu"]["parent"] == "hk-dpo"


def test_a_place_name_two_countries_share_is_the_storys_countrys(tagger: Tagger) -> None:
    text = ("VICTORIA — British Columbia will require every provincial ministry to assess its "
            "AI tools, the minister told reporters in Victoria. The Ministry of Health said "
            "the pilot would be first.")
    tags = tagger.tag("", text)
    assert "ca-bc-ministry-of-health" in {a["id"] for a in tags.agencies}
    assert "AU" not in tags.jurisdictions
    # a story on Australia's state keeps it, and "London" in a story on Osaka is London
    assert "gb-london-assembly" in agencies(tagger, "The Osaka Governor said the London "
                                                    "Assembly would review the tool.")
    tags = tagger.tag("", "MELBOURNE — The Victorian Government said the Department of "
                          "Health in Victoria will run the trial.")
    assert "AU" in tags.jurisdictions


def test_shared_place_names_must_be_places(tmp_path: Path) -> None:
    copy = _gazetteer_with(tmp_path, '"Victoria" = "CA"', '"Atlantis" = "CA"')
    with pytest.raises(ConfigError, match=r"bodies\.toml.*shared_place_names.*'Atlantis'"):
        load_gazetteer(copy)
