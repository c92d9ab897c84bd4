"""Bodies written with no place (bodies.toml ``own_kinds`` and ``own_councils``): a body of
the city, county, state or province the article named last, and what must stay untagged."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest

from crawler.config import ConfigError
from crawler.config.bodies import load_body_rules
from pipelines.tagging import Tagger


def unlisted(tagger: Tagger, text: str) -> dict[str, dict[str, Any]]:
    return {a["id"]: a for a in tagger.tag("", text).agencies if not a["listed"]}


NYC = ("New York City's Office of Technology and Innovation relaunched its chatbot. It answers "
       "from guidance published by the Department of Consumer and Worker Protection and the "
       "Department of Small Business Services. The City Council's Committee on Technology will "
       "hold a hearing.")


def test_departments_and_the_council_of_the_city_named_last(tagger: Tagger) -> None:
    found = unlisted(tagger, NYC)
    assert {"us-nyc-department-of-consumer-and-worker-protection",
            "us-nyc-department-of-small-business-services", "us-nyc-council"} <= set(found)
    council = found["us-nyc-council"]
    assert council["name"] == "New York City Council" and council["mentions"] == ["City Council"]
    assert found["us-nyc-council-committee-on-technology"]["parent"] == "us-nyc-council"
    assert found["us-nyc-department-of-small-business-services"]["jurisdiction"] == "US"


@pytest.mark.parametrize(("text", "body_id"), [
    # a comma list goes on only to its "and"
    ("The tool was built in New York City. Requests pass to the Department of Sanitation, "
     "OTI said.", "us-nyc-department-of-sanitation"),
    ("Victoria will fund it through the Department of Energy, Environment and Climate Action.",
     "au-vic-department-of-energy-environment-and-climate-action"),
    # a title word is part of the name unless a person's name follows it
    ("British Columbia's ministry consulted the Office of the Information and Privacy "
     "Commissioner about the tool.",
     "ca-bc-office-of-the-information-and-privacy-commissioner"),
    ("Ohio officials met the Department of Natural Resources Director Mary Mertz on Monday.",
     "us-oh-department-of-natural-resources"),
    # "the county council" after the county
    ("Surrey County Council will host it. The county council's cabinet agreed.",
     "gb-surrey-county-council"),
])
def test_own_names(tagger: Tagger, text: str, body_id: str) -> None:
    assert body_id in unlisted(tagger, text)


@pytest.mark.parametrize("text", [
    # an institution's department
    "Researchers in Bengaluru at the Department of Computational and Data Sciences at the "
    "Indian Institute of Science built the model.",
    "In Chicago, the Department of Economics at the University of Chicago ran the study.",
    # no place named before it
    "The Department of Consumer and Worker Protection published guidance.",
    # a country whose departments are national: Cork names no department of its own
    "Cork hospitals will buy it through the Office of Government Procurement.",
    # no topic left: the governor's office is the title rule's business
    "In New Jersey, the Office of the Governor said the pilot would expand.",
])
def test_own_negatives(tagger: Tagger, text: str) -> None:
    found = unlisted(tagger, text)
    assert not [i for i in found if "department-of-c" in i or "economics" in i
                or "office-of-government" in i or i.endswith("-office-of")], found


def test_own_kinds_are_data(tmp_path: Path, gazetteer: Any) -> None:
    """Which kinds and where is bodies.toml data: a bad code fails at load naming the file,
    section and key; without the keys no such body is found."""
    (tmp_path / "bodies.toml").write_text(
        '[english]\nkinds = ["Department"]\nown_kinds_jurisdictions = ["ZZ"]\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"bodies\.toml.*\[english\].*own_kinds_jurisdictions.*'ZZ'"):
        load_body_rules(tmp_path, {"US"})
    bare = dataclasses.replace(gazetteer, bodies=dataclasses.replace(
        gazetteer.bodies, own_kinds=(), own_councils=()))
    found = unlisted(Tagger(bare), NYC)
    assert "us-nyc-department-of-small-business-services" not in found
    assert "us-nyc-council" not in found


def test_a_listed_department_keeps_its_unit(tagger: Tagger) -> None:
    # the body ends at its possessive: the listed department, then its unit
    found = {a["id"]: a for a in tagger.tag("", "Georgia's pilot is run with the Department of "
                                                "Veterans Affairs' Office of the Chief AI Officer.").agencies}
    assert "us-va" in found and found["us-va"]["listed"]
    assert not [i for i in found if i.startswith("us-ga-department")], found


@pytest.mark.parametrize(("text", "body_id"), [
    ("The Cook County Assessor's Office mailed notices; appeals go to the Cook County Board "
     "of Review.", "us-cook-county-assessors-office"),
    ("The Cook County Assessor's Office mailed notices; appeals go to the Cook County Board "
     "of Review.", "us-cook-county-board-of-review"),
    ("The Cook County Board of Commissioners approved the contract.",
     "us-cook-county-board-of-commissioners"),
])
def test_a_us_countys_boards_and_offices(tagger: Tagger, text: str, body_id: str) -> None:
    found = unlisted(tagger, text)
    assert body_id in found and found[body_id]["jurisdiction"] == "US"


def test_a_regional_municipality_is_no_body_of_a_place_called_regional(tagger: Tagger) -> None:
    found = unlisted(tagger, "Ontario's ministry and the Regional Municipality of Peel will "
                             "test the tool.")
    assert not [i for i in found if "regional-municipality" in i], found


def test_the_countys_office_is_the_places_last_named(tagger: Tagger) -> None:
    found = unlisted(tagger, "The Los Angeles County Board of Supervisors ordered a review. The "
                             "county's Office of Inspector General will carry it out.")
    assert [i for i in found if i.endswith("office-of-inspector-general")], found


def test_its_unit_after_an_agency_in_its_sentence(tagger: Tagger) -> None:
    text = ("The Tokyo Metropolitan Government will give staff an AI assistant from April, its "
            "Bureau of Port and Harbor said on Friday.")
    found = {a["id"]: a for a in tagger.tag("", text).agencies}
    assert found["jp-tokyo-bureau-of-port-and-harbor"]["parent"] == "jp-tokyo"
    # the next agency named takes "its" over; a new sentence ends the reach
    text = ("The Tokyo Metropolitan Government said the Digital Agency and its AI Team would "
            "help. Its Bureau of Port and Harbor declined to comment.")
    found = {a["id"]: a for a in tagger.tag("", text).agencies}
    assert "jp-tokyo-ai-team" not in found
    assert found["jp-digital-agency-ai-team"]["parent"] == "jp-digital-agency"
    assert not [i for i in found if i.endswith("bureau-of-port-and-harbor")], found


@pytest.mark.parametrize(("text", "body_id"), [
    ("Texas's Commission on State Emergency Communications said it would watch the rollout.",
     "us-tx-commission-on-state-emergency-communications"),
    ("Harris County Commissioners Court voted 4-1 on Tuesday.", "us-harris-county-commissioners-court"),
    ("Consoles of the Harris County Sheriff's Office will get it.", "us-harris-county-sheriffs-office"),
])
def test_commissions_on_and_texas_county_forms(tagger: Tagger, text: str, body_id: str) -> None:
    found = unlisted(tagger, text)
    assert body_id in found and found[body_id]["jurisdiction"] == "US"


def test_a_day_after_on_is_no_remit(tagger: Tagger) -> None:
    found = unlisted(tagger, "The report was tabled in NSW Parliament on Tuesday.")
    assert not [i for i in found if "tuesday" in i], found


def test_an_irish_ogcio_is_not_hong_kongs(tagger: Tagger) -> None:
    text = ("Ireland's Department of Public Expenditure said its Office of the Government Chief "
            "Information Officer would publish AI guidance for the HSE.")
    assert "hk-dpo" not in [a["id"] for a in tagger.tag("", text).agencies]
    hk = "Hong Kong's Office of the Government Chief Information Officer launched the portal."
    assert "hk-dpo" in [a["id"] for a in tagger.tag("", hk).agencies]


def test_a_places_ombudsman(tagger: Tagger) -> None:
    found = unlisted(tagger, "The NSW Ombudsman said the tool was unlawful.")
    assert list(found) == ["au-nsw-ombudsman"] and found["au-nsw-ombudsman"]["jurisdiction"] == "AU"
    assert unlisted(tagger, "The NSW Department said the tool was unlawful.") == {}


def test_committees_of_a_state_legislature_no_list_names(tagger: Tagger) -> None:
    """A state's chamber found by its form has committees like a listed one: a "Joint"
    committee named before or after it is its unit."""
    text = ("A request for $8.6 million won approval from the Joint Technology Committee, the "
            "Colorado General Assembly's panel on state IT spending. The recommendation now "
            "goes to the Joint Budget Committee.")
    found = unlisted(tagger, text)
    for unit in ("joint-technology-committee", "joint-budget-committee"):
        assert found[f"us-co-general-assembly-{unit}"]["parent"] == "us-co-general-assembly"
    # with no chamber named, a committee stays untagged
    assert not unlisted(tagger, "The recommendation goes to the Joint Budget Committee.")


def test_the_states_body_is_named_as_written_and_keeps_its_unit(tagger: Tagger) -> None:
    text = ("An AI assistant went live in Telangana on Monday. It was built by the Data "
            "Analytics Unit of the state's Panchayat Raj and Rural Development Department.")
    found = unlisted(tagger, text)
    # named in its written order: an Indian state's department has no "Department of"
    # form (swap_jurisdictions)
    dept = "in-tg-government-panchayat-raj-and-rural-development-department"
    assert found[dept]["name"] == "Panchayat Raj and Rural Development Department"
    assert found[dept]["mentions"] == [found[dept]["name"]]
    assert found[f"{dept}-data-analytics-unit"]["parent"] == dept


def test_a_place_starting_another_name_owns_no_body(tagger: Tagger) -> None:
    """"Florida" in "the Florida Building Code" is no place of the Department named after
    it: the county named before is."""
    text = ("The Miami-Dade Board of County Commissioners approved software that checks plans "
            "against the Florida Building Code. It will be used by the Department of "
            "Regulatory and Economic Resources.")
    found = unlisted(tagger, text)
    assert "us-miami-dade-department-of-regulatory-and-economic-resources" in found
    assert "us-fl-department-of-regulatory-and-economic-resources" not in found
    # a level word ("Union") after the place makes it a body's only right after it
    found = unlisted(tagger, "New York City's Office of Technology and Innovation left tools "
                             "out. The New York Civil Liberties Union called on the "
                             "Department of Investigation to examine it.")
    assert "us-nyc-department-of-investigation" in found
    assert "us-ny-department-of-investigation" not in found


def test_the_topic_department_of_the_state_named_before(tagger: Tagger) -> None:
    """"the Revenue Department" is a body of the place named last; in India (bodies.toml
    ``state_departments``) the state's, though a city came after it. Named as written
    everywhere (``swap_jurisdictions`` is empty)."""
    text = ("A land-records assistant went live in Telangana on Monday. HYDERABAD officials "
            "said the Revenue Department will use it first.")
    found = unlisted(tagger, text)
    assert found["in-tg-government-revenue-department"]["mentions"] == ["Revenue Department"]
    assert not any(i.startswith("in-hyderabad") for i in found)
    found = unlisted(tagger, "A chatbot went live in Ohio on Monday. Officials said the "
                             "Taxation Department will use it first.")
    assert "us-oh-taxation-department" in found


@pytest.mark.parametrize("text", [
    "Governor Greg Abbott of Texas spoke. The State Department said it would respond.",
    "Police in Texas were called. The Police Department said it had no comment.",
    "Texas will act. The IT Department at Acme Corp built the tool.",
])
def test_the_topic_department_negatives(tagger: Tagger, text: str) -> None:
    assert not any("department" in i for i in unlisted(tagger, text))


def test_the_governors_office_of_the_state_named_before(tagger: Tagger) -> None:
    # (Colorado's is listed: us-co-governors-office-of-information-technology)
    found = unlisted(tagger, "Ohio lawmakers met. The money would let the Governor's "
                             "Office of Information Technology (OIT) build a system.")
    office = found["us-oh-governors-office-of-information-technology"]
    assert office["name"] == "Governor's Office of Information Technology"
    # with no state named before, it is no body of any place
    assert not unlisted(tagger, "The money would let the Governor's Office of Information "
                                "Technology build a system.")


def test_a_police_forces_board_is_a_body_of_its_own(tagger: Tagger) -> None:
    found = unlisted(tagger, "The Toronto Police Service Board approved a pilot that the "
                             "Toronto Police Service will run.")
    assert {"ca-toronto-police-service-board", "ca-toronto-police-service"} <= set(found)


def test_the_kinds_unit_is_a_unit_of_the_body_of_that_kind_named_last(tagger: Tagger) -> None:
    """"the council's Audit Committee", "the force's Traffic Wing": a unit of the council
    (the police force) named last before it, not of another body named in between."""
    text = ("Birmingham City Council will spend £18 million more, the Ministry of Housing, "
            "Communities and Local Government was told, and members of the council's Audit "
            "Committee heard the plan on Tuesday.")
    found = unlisted(tagger, text)
    unit = found["gb-birmingham-city-council-audit-committee"]
    assert unit["parent"] == "gb-birmingham-city-council" and unit["name"] == "Audit Committee"
    found = unlisted(tagger, "In India, the Hyderabad City Police are testing cameras, according to "
                             "the force's Traffic Wing.")
    assert found["in-hyderabad-city-police-traffic-wing"]["parent"] == "in-hyderabad-city-police"
    # no body of that kind named before: no unit
    assert not unlisted(tagger, "Members of the council's Audit Committee met on Tuesday.")


@pytest.mark.parametrize(("text", "unit_id", "parent"), [
    ("Seoul Metropolitan Government began testing the system. It is run by the city's Smart "
     "City Policy Bureau.", "kr-seoul-smart-city-policy-bureau", "kr-seoul"),
    ("The Kanagawa Prefectural Government said the rollout is managed by the prefecture's "
     "Digital Transformation Promotion Division.",
     "jp-kanagawa-government-digital-transformation-promotion-division", "jp-kanagawa-government"),
    # an agency's own agency
    ("The agents were developed by the RTA's Licensing Agency with Digital Dubai.",
     "ae-rta-licensing-agency", "ae-rta"),
])
def test_units_of_the_city_the_prefecture_and_an_agency(tagger: Tagger, text: str, unit_id: str,
                                                        parent: str) -> None:
    found = {a["id"]: a for a in tagger.tag("", text).agencies}
    assert found[unit_id]["parent"] == parent


def test_the_citys_unit_is_not_its_polices(tagger: Tagger) -> None:
    text = ("The Busan Metropolitan Police Agency will receive alerts. The project is run by "
            "the city's Smart City Bureau.")
    assert not any(a["id"].startswith("kr-busan-metropolitan-police-agency-")
                   for a in tagger.tag("", text).agencies)


def test_a_provinces_ministry_is_the_provinces(tagger: Tagger) -> None:
    text = ("Ontario's Solicitor General said the province could fund such tools through the "
            "Ministry of the Solicitor General's grants.")
    assert "ca-on-ministry-of-the-solicitor-general" in unlisted(tagger, text)
    # an Indian state's story: a "Ministry of …" is the Union's (own_ministries: CA and DE)
    found = {a["id"] for a in tagger.tag("", "In Telangana, officials met the Ministry of "
                                             "Rural Development on Monday.").agencies}
    assert not any(i.startswith("in-tg-ministry") for i in found), found


def test_a_lands_unplaced_ministry_is_the_lands(tagger: Tagger) -> None:
    text = ("Baden-Württemberg's Landtag debated the pilot. The Ministry of Justice and "
            "Migration said courts would test the assistant.")
    assert "de-baden-wurttemberg-ministry-of-justice-and-migration" in unlisted(tagger, text)
    # a federal ministry says so in English, and is no Land's
    text = ("Bavaria's Landtag debated the pilot. The Federal Ministry of Justice said the law "
            "would follow.")
    assert not any(a["id"].startswith("de-bavaria-") and "justice" in a["id"]
                   for a in tagger.tag("", text).agencies)


@pytest.mark.parametrize("text", [
    "Colorado lawmakers met on Monday. Gov. Jared Polis said the state would act.",
    "Colorado Gov. Jared Polis said the state would act.",
])
def test_the_governors_abbreviation_names_the_states_office(tagger: Tagger, text: str) -> None:
    found = unlisted(tagger, text)
    assert found["us-co-office-of-the-governor"]["name"] == "Office of the Governor of Colorado"


def test_a_possessive_ends_a_body_only_before_its_unit(tagger: Tagger) -> None:
    # "Citizens' Services" is one name; "General Services' Procurement Division" a unit
    found = unlisted(tagger, "British Columbia will publish a register, the Ministry of "
                             "Citizens' Services said.")
    assert found["ca-bc-ministry-of-citizens-services"]["mentions"] == [
        "Ministry of Citizens' Services"]
    found = unlisted(tagger, "The California Department of Technology let the contract "
                             "through the Department of General Services' Procurement Division.")
    assert found["us-ca-department-of-general-services-procurement-division"]["parent"] == \
        "us-ca-department-of-general-services"


def test_the_legislature_alone_is_the_states(tagger: Tagger) -> None:
    text = "Texas agencies asked the state Comptroller to audit it before the Legislature meets."
    assert unlisted(tagger, text)["us-tx-legislature"]["mentions"] == ["Legislature"]


def test_a_name_several_countries_list_takes_the_articles_country(tagger: Tagger) -> None:
    def ids(text: str) -> set[str]:
        return {a["id"] for a in tagger.tag("", text).agencies}

    said = " said the Ministry of Digital Affairs would issue standards."
    assert "pl-ministry-of-digital-affairs" in ids("WARSAW - Poland's audit office" + said)
    # where the article's country lists one, the listed body
    assert "tw-moda" in ids("TAIPEI - Taiwan's cabinet" + said)
    assert "dk-digital" in ids("COPENHAGEN - The Danish government" + said)
    # no country: nothing
    assert not ids("The audit office" + said)


@pytest.mark.parametrize(("text", "body_id"), [
    ("FUKUOKA - Fukuoka City will allocate nursery places with AI, the Mayor of Fukuoka said.",
     "jp-fukuoka-city-government"),
    ("Osaka Mayor Hideyuki Yokoyama said the city would use AI.", "jp-osaka-city-government"),
    ("The Governor of Fukuoka said the prefecture would use AI.", "jp-fukuoka-government"),
])
def test_a_mayor_heads_the_city_of_a_prefectures_name(tagger: Tagger, text: str,
                                                       body_id: str) -> None:
    assert body_id in {a["id"] for a in tagger.tag("", text).agencies}


@pytest.mark.parametrize(("text", "body_id"), [
    ("HYDERABAD - The Telangana government said the pilot is run by the Agriculture and "
     "Cooperation Department.", "in-tg-government-agriculture-and-cooperation-department"),
    ("MUMBAI - The Home Department of Maharashtra said.", "in-mh-government-home-department"),
    ("The Telangana Agriculture Department said.", "in-tg-government-agriculture-department"),
])
def test_an_indian_states_department_is_its_governments_in_every_form(
        tagger: Tagger, text: str, body_id: str) -> None:
    found = unlisted(tagger, text)
    assert found[body_id]["parent"] == body_id.split("-government-")[0] + "-government"


def test_a_police_commissioner_heads_the_force(tagger: Tagger) -> None:
    found = unlisted(tagger, "MUMBAI - The Mumbai Police Commissioner said the cameras helped.")
    assert found["in-mumbai-police"]["name"] == "Mumbai Police"
    assert "in-mumbai-police-commissioner" not in found


def test_a_universitys_department_after_a_comma_is_none(tagger: Tagger) -> None:
    text = ("MUMBAI - The Home Department of Maharashtra said. A researcher at the Department "
            "of Civil Engineering, IIT Bombay, said the problems were typical.")
    assert not [i for i in unlisted(tagger, text) if "civil-engineering" in i]


def test_an_office_within_a_department_is_its_unit(tagger: Tagger) -> None:
    text = ("COLUMBUS, Ohio - The procurement was run by the Office of Information Technology "
            "within the Ohio Department of Administrative Services (DAS).")
    found = unlisted(tagger, text)
    unit = "us-oh-department-of-administrative-services-office-of-information-technology"
    assert found[unit]["parent"] == "us-oh-department-of-administrative-services"
    assert "us-oh-office-of-information-technology" not in found
    # a building after "at the" is no parent: the body stays the state's
    assert "us-oh-department-of-health" in unlisted(
        tagger, "COLUMBUS, Ohio - Officials from the Department of Health at the State House said.")


def test_a_sentences_first_adjective_is_no_place(tagger: Tagger) -> None:
    found = unlisted(tagger, "Kent County Council said. Neighbouring Maidstone Borough Council "
                             "said it would decide in the summer.")
    assert found["gb-maidstone-borough-council"]["mentions"] == ["Maidstone Borough Council"]
    assert not [i for i in found if "neighbouring" in i]


def test_indias_union_ministry_is_the_ministry(tagger: Tagger) -> None:
    found = {a["id"] for a in tagger.tag("", "NEW DELHI - The Union Ministry of Agriculture "
                                             "and Farmers Welfare said.").agencies}
    assert "in-ministry-of-agriculture-and-farmers-welfare" in found
    assert not [i for i in found if "union" in i]


def test_of_the_state_before_the_place_is_the_places(tagger: Tagger) -> None:
    found = {a["id"] for a in tagger.tag("", "SAO PAULO - The Court of Accounts of the State "
                                             "of São Paulo said.").agencies}
    assert "br-sao-paulo-court-of-accounts" in found
