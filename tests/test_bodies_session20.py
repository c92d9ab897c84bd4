"""Unlisted bodies and relevance (issues #12, twentieth session): an Indian city's police
forces in a story that names only their state, "the High Court for the State of …", a
legislature's committee written in lower case after its chamber's possessive, "the <Topic>
Commission" of the state named last, Viet Nam's cities as places, and "AI" in a story about
artificial insemination."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawler.config import ConfigError, Topic, load_topic, load_topics
from pipelines.relevance import score
from pipelines.tagging import Tagger
from tests.tag_support import agencies

CONFIG = Path(__file__).resolve().parent.parent / "config"


def test_police_of_a_city_no_list_has_in_a_story_naming_only_its_state(tagger: Tagger) -> None:
    text = ("HYDERABAD — The High Court for the State of Telangana asked the Hyderabad City "
            "Police to explain its AI traffic cameras. The Cyberabad Police Commissionerate and "
            "the Hyderabad Traffic Police plan similar systems.")
    tags = tagger.tag("", text)
    found = {a["id"]: a for a in tags.agencies}
    assert {"in-tg-high-court", "in-hyderabad-city-police", "in-hyderabad-traffic-police",
            "in-cyberabad-police-commissionerate"} <= set(found)
    assert found["in-tg-high-court"]["mentions"] == ["High Court for the State of Telangana"]
    # the state's name is the article's country, and no name spans two forces
    assert "IN" in tags.jurisdictions
    assert not any(" and the " in a["name"] for a in tags.agencies)
    # with no place of a list, no country: a police force alone decides nothing
    assert not agencies(tagger, "The Springfield City Police said it would buy cameras.")


def test_a_committee_in_lower_case_after_its_chamber(tagger: Tagger) -> None:
    found = agencies(tagger, "The Tokyo Metropolitan Assembly must approve the plan. A hearing "
                             "of the assembly's general affairs committee is set for March 18.")
    unit = found["jp-tokyo-metropolitan-assembly-general-affairs-committee"]
    assert unit["parent"] == "jp-tokyo-metropolitan-assembly"
    assert unit["name"] == "General Affairs Committee"
    assert unit["mentions"] == ["general affairs committee"]  # as the text writes it
    found = agencies(tagger, "Members of the Osaka Prefectural Assembly's police committee "
                             "questioned how long footage would be kept.")
    assert found["jp-osaka-prefectural-assembly-police-committee"]["parent"] == \
        "jp-osaka-prefectural-assembly"
    # a capitalised chamber word: "the Council's Committee on …"
    found = agencies(tagger, "The New York City Council met. At a hearing of the Council's "
                             "Committee on Sanitation and Solid Waste Management, officials spoke.")
    assert found["us-nyc-council-committee-on-sanitation-and-solid-waste-management"][
        "parent"] == "us-nyc-council"
    # no chamber named: nothing; a determiner is no remit
    assert not agencies(tagger, "The council's finance committee met on Monday.")
    found = agencies(tagger, "The Tokyo Metropolitan Assembly met. The assembly's new committee "
                             "will report.")
    assert set(found) == {"jp-tokyo-metropolitan-assembly"}


def test_the_topic_commission_of_the_state_named_last(tagger: Tagger) -> None:
    found = agencies(tagger, "AUSTIN, Texas — The report singled out the Health and Human "
                             "Services Commission, which uses models. HHSC said it agreed.")
    assert found["us-tx-health-and-human-services-commission"]["mentions"] == [
        "Health and Human Services Commission", "HHSC"]
    found = agencies(tagger, "In California, the Government Operations Agency said the state "
                             "would buy AI.")
    assert "us-ca-government-operations-agency" in found
    # a body above the state or across states is no state's
    found = agencies(tagger, "MUMBAI — The Maharashtra government said the Central Pollution "
                             "Control Board would review the AI monitors.")
    assert not any(i.startswith("in-mh-central") for i in found)
    found = agencies(tagger, "RICHMOND, Virginia — The Joint Legislative Audit and Review "
                             "Commission reviewed the state's AI use.")
    assert not any(i.startswith("us-va-joint") for i in found)


def test_viet_nam_cities_are_places(tagger: Tagger) -> None:
    found = agencies(tagger, "HANOI — The start-up is registered with the Hanoi Department of "
                             "Science and Technology.")
    assert found["vn-hanoi-department-of-science-and-technology"]["listed"] is False


def test_listed_regional_bodies(tagger: Tagger) -> None:
    found = agencies(tagger, "British Columbia's health ministry said Fraser Health and "
                             "Vancouver Coastal Health will pilot the tool; Interior Health "
                             "joins in May.")
    assert {"ca-fraser-health-authority", "ca-vancouver-coastal-health-authority",
            "ca-interior-health-authority"} <= set(found)
    # "Interior Health" alone, with no Canadian context, is no health authority
    assert "ca-interior-health-authority" not in agencies(
        tagger, "Interior Health is a magazine about home design.")


@pytest.fixture(scope="module")
def topic() -> Topic:
    return load_topic(CONFIG, "public-sector-ai")


def test_ai_spelled_out_as_artificial_insemination_is_no_evidence(topic: Topic) -> None:
    title = "Embrapa model farm lifts calf rates with timed AI protocol"
    text = ("Ranchers who adopted a fixed-time artificial insemination protocol promoted by "
            "Embrapa have raised calving rates, the Ministry of Agriculture said. Under the "
            "protocol, known as timed AI, one technician can inseminate 200 cows a day. The "
            "ministry said AI services would get cheaper credit from the government.")
    result = score(title, text, topic)
    assert not result.relevant
    assert not any(r.get("term") == "AI" for r in result.reasons)
    # another term of the concept in the text: "AI" is what it says again
    same = text + " The government will also use artificial intelligence to plan breeding."
    assert any(r.get("term") == "AI" for r in score(title, same, topic).reasons)


def test_acronym_meanings_must_be_phrases(tmp_path: Path) -> None:
    text = (CONFIG / "topics.toml").read_text(encoding="utf-8").replace(
        '"artificial insemination",', '"insemination",')
    assert '"insemination",' in text
    path = tmp_path / "topics.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match="acronym_meanings.*not a phrase"):
        load_topics(path)


def test_a_state_chamber_committee_in_a_story_on_one_state(tagger: Tagger) -> None:
    text = ("AUSTIN, Texas — The Texas Department of Information Resources will pilot the "
            "assistant. The House Committee on Delivery of Government Efficiency has "
            "scheduled a hearing.")
    found = agencies(tagger, text)
    unit = found["us-tx-house-of-representatives-committee-on-delivery-of-government-efficiency"]
    assert unit["parent"] == "us-tx-house-of-representatives"
    # Congress in the story, or two states: the House may be another one
    for other in (text + " Congress is watching.",
                  text.replace("AUSTIN, Texas", "AUSTIN, Texas, and in Ohio")):
        assert not any(i.startswith("us-tx-house") for i in agencies(tagger, other))


def test_a_state_office_by_its_title_takes_its_listing(tagger: Tagger) -> None:
    found = agencies(tagger, "AUSTIN, Texas — The State Auditor's Office said in a report. "
                             "The State Auditor wrote to lawmakers.")
    assert found["us-tx-state-auditors-office"]["mentions"] == ["State Auditor's Office",
                                                                "State Auditor"]
    # a state whose office no list has keeps the derived id
    found = agencies(tagger, "DENVER, Colorado — The state auditor said agencies must list "
                             "their AI tools.")
    assert found["us-co-office-of-the-state-auditor"]["listed"] is False


def test_bavarian_regions_and_the_landtag(tagger: Tagger) -> None:
    found = agencies(tagger, "MUNICH — The Government of Upper Bavaria will test the tool. "
                             "Opposition members in the Bavarian Landtag asked for its error "
                             "rate; the Landtag votes in May.")
    assert found["de-upper-bavaria-government"]["listed"] is False
    assert found["de-bavarian-state-parliament"]["mentions"] == ["Bavarian Landtag", "Landtag"]
    assert "de-bavarian-landtag" not in found


def test_a_commissioner_with_the_area_after_for(tagger: Tagger) -> None:
    found = agencies(tagger, "Britain. The Police, Fire and Crime Commissioner for Essex, who "
                             "holds the force to account, said. The Police and Crime "
                             "Commissioner for Thames Valley agreed.")
    assert {"gb-essex-police-fire-and-crime-commissioner",
            "gb-thames-valley-police-and-crime-commissioner"} <= set(found)
    assert "gb-essex-fire-and-crime-commissioner" not in found


def test_a_county_named_at_the_start_owns_the_county_offices(tagger: Tagger) -> None:
    found = agencies(tagger, "湖州日报讯 德清县日前成立工作专班，由县农业农村局牵头、县数据局等部门参与。"
                             "县长在会上表示，要加快进度。")
    assert {"cn-deqing-agri", "cn-deqing-data", "cn-deqing-gov"} <= set(found)
    assert found["cn-deqing-gov"]["mentions"] == ["县长"]
    # a county that is no article's subject ("全县" is "the whole county"): nothing
    assert not agencies(tagger, "全县农业农村局表示。县长要求。")


def test_province_offices_after_a_verb(tagger: Tagger) -> None:
    found = agencies(tagger, "浙江省人大常委会会议审议草案。受省政府委托，省经济和信息化厅厅长作说明。"
                             "委员建议省人力资源和社会保障厅研究。")
    assert {"cn-zhejiang-gov", "cn-zhejiang-hrss"} <= set(found)
    assert found["cn-zhejiang-gov"]["mentions"] == ["省政府"]


def test_taiwan_county_council_government_and_units(tagger: Tagger) -> None:
    found = agencies(tagger, "新竹縣政府今天宣布。縣府教育處表示將建置系統。在新竹縣議會定期會中，"
                             "議員質疑。")
    assert found["tw-hsinchu-council"]["mentions"] == ["新竹縣議會"]
    assert found["tw-hsinchu-gov"]["mentions"] == ["新竹縣政府", "縣府"]
    assert found["tw-hsinchu-gov-jiaoyuchu"]["parent"] == "tw-hsinchu-gov"
    # 縣府 in a story on a city is no county's; a listed unit after 市府 is that listing
    found = agencies(tagger, "高雄市政府表示。市府研究發展考核委員會負責評估，縣府不同意。")
    assert "tw-kh-rdec" in found
    assert found["tw-kh-gov"]["mentions"] == ["高雄市政府", "市府"]


def test_chinese_units_set_up_or_joined(tagger: Tagger) -> None:
    found = agencies(tagger, "南充市人民政府已成立工程建设协调领导小组，负责征地拆迁。")
    assert found["cn-nanchong-gov-gongchengjianshexietiaolingdaoxiaozu"]["parent"] == \
        "cn-nanchong-gov"
    found = agencies(tagger, "立法會資訊科技及廣播事務委員會與交通事務委員會將舉行聯席會議。")
    assert {"hk-legco-zixunkejijiguangboshiwuweiyuanhui",
            "hk-legco-jiaotongshiwuweiyuanhui"} <= set(found)
    # "funds local teams first" names no team of the fund
    found = agencies(tagger, "澳門。經濟財政司司長指出，將透過科學技術發展基金優先資助本地團隊研發。")
    assert "mo-fdct" in found
    assert not any(i.startswith("mo-fdct-") for i in found)


def test_new_york_is_the_city_in_a_story_on_the_city(tagger: Tagger) -> None:
    text = ("NEW YORK — New York's city comptroller published an audit of the chatbot run by the "
            "Office of Technology and Innovation on behalf of the Department of Small Business "
            "Services. "
            "Members of the City Council will hold a hearing.")
    found = agencies(tagger, text)
    assert {"us-nyc-comptroller", "us-nyc-office-of-technology-and-innovation",
            "us-nyc-department-of-small-business-services"} <= set(found)
    assert not any(i.startswith("us-ny-") for i in found)
    # the state's words: the state's bodies
    found = agencies(tagger, "ALBANY, New York — The state Senate met. The Department of "
                             "Taxation and Finance said the governor agreed.")
    assert "us-ny-department-of-taxation-and-finance" in found


def test_the_office_of_a_state_title(tagger: Tagger) -> None:
    found = agencies(tagger, "The Office of the New York State Comptroller published an audit.")
    assert set(found) == {"us-ny-office-of-the-comptroller"}


def test_a_university_department_and_a_model_agency_are_no_bodies(tagger: Tagger) -> None:
    found = agencies(tagger, "SACRAMENTO, California — Researchers in the Department of "
                             "Electrical Engineering and Computer Sciences at UC Berkeley advised "
                             "the state.")
    assert not found
    assert not agencies(tagger, "Milan's Nove Model Agency signed the model, Italy's press said.")


def test_colombia_and_californias_privacy_committee(tagger: Tagger) -> None:
    found = agencies(tagger, "BOGOTÁ — The Mayor of Bogotá said the Bogotá Metro Company would "
                             "use AI; the Bogotá City Council and the Comptroller General will "
                             "review the contract, Colombia's ICT Ministry said.")
    assert {"co-bogota-government", "co-bogota-metro-company", "co-bogota-city-council",
            "co-office-of-the-comptroller-general-of-the-republic",
            "co-ministry-of-information-and-communications-technologies"} <= set(found)
    found = agencies(tagger, "SACRAMENTO, California — The Assembly Committee on Privacy and "
                             "Consumer Protection held a hearing.")
    assert found["us-ca-state-assembly-assembly-committee-on-privacy-and-consumer-protection"][
        "parent"] == "us-ca-state-assembly"


def test_a_prefecture_is_public_and_indiaai_is_ai(topic: Topic) -> None:
    title = "Kanagawa Prefecture to screen nursery applications with AI"
    text = ("Kanagawa Prefecture will extend an AI system that ranks nursery applications to "
            "its cities next spring, the prefecture said. The system was tested for a year by "
            "a city's children's bureau, whose staff approve each ranking.")
    assert score(title, text, topic).relevant
    title = "Auditor flags idle GPU capacity under IndiaAI Mission"
    text = ("The Comptroller and Auditor General of India criticised the IndiaAI Mission for "
            "unused computing capacity, in an audit tabled in Parliament. The ministry said "
            "demand from government departments for the IndiaAI compute portal had grown.")
    assert any(r.get("term") == "IndiaAI" for r in score(title, text, topic).reasons)


def test_ai_said_to_be_a_name_is_no_evidence(topic: Topic) -> None:
    title = "新人歌手AI簽約經理人公司 首張專輯月底面世"
    text = ("本地唱作新人「AI」（藝名，原名林愛儀）昨日宣布與經理人公司簽約。政府康樂及文化事務署"
            "轄下場地將舉行音樂會，AI表示期待。政府發言人說，演唱會門票下月公開發售。")
    result = score(title, text, topic)
    assert not any(r.get("term") == "AI" for r in result.reasons)
    assert not result.relevant


def test_acronym_meanings_name_their_acronym(tmp_path: Path) -> None:
    text = (CONFIG / "topics.toml").read_text(encoding="utf-8").replace(
        '"藝名=AI"', '"藝名=ai"')
    assert '"藝名=ai"' in text
    path = tmp_path / "topics.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match="not 'words=ACRONYM'"):
        load_topics(path)


def test_a_committee_on_a_remit_after_a_national_chamber(tagger: Tagger) -> None:
    found = agencies(tagger, "Brazil. The ruling lands as the Chamber of Deputies' special "
                             "committee on artificial intelligence prepares its final report.")
    unit = found["br-chamber-special-committee-on-artificial-intelligence"]
    assert unit["parent"] == "br-chamber"
    assert unit["name"] == "Special Committee on Artificial Intelligence"
    assert unit["mentions"] == ["special committee on artificial intelligence"]


def test_a_university_in_any_latin_letters_and_a_comma_before_a_company(tagger: Tagger) -> None:
    assert not agencies(tagger, "Poland. Researchers at the Department of Artificial "
                                "Intelligence at Wrocław University of Science and Technology "
                                "helped.")
    found = agencies(tagger, "In New York City, the chatbot uses content from the Department "
                             "of Small Business Services, and runs on Microsoft's Azure cloud.")
    assert "us-nyc-department-of-small-business-services" in found


def test_a_states_acronym_in_brackets_and_its_titled_office(tagger: Tagger) -> None:
    found = agencies(tagger, "ALBANY, New York — The assistant will be used by the New York "
                             "State Department of Labor (DOL). DOL said it agreed. The Office of "
                             "the State Comptroller opened a review; the State Comptroller asked "
                             "for figures.")
    assert "us-dol" not in found
    assert found["us-ny-department-of-labor"]["mentions"] == [
        "New York State Department of Labor", "DOL"]
    assert found["us-ny-office-of-the-comptroller"]["mentions"] == [
        "Office of the State Comptroller", "State Comptroller"]
    # a state whose auditor is listed: the listing
    assert "us-tx-state-auditors-office" in agencies(
        tagger, "AUSTIN, Texas — The Office of the State Auditor said.")
