"""English forms added in the thirteenth session: Japan's prefectures and cities and Tokyo's
wards as places ("Hyogo Prefectural Government", "Kobe City Assembly"), a Japanese or
Korean city alone naming its government ("Kobe City said"), a Seoul district's office
("Gangnam District Office"), and a country's body named by its remit alone ("the Fire and
Disaster Management Agency"), which a federal country's story leaves alone."""

from __future__ import annotations

import pytest

from pipelines.tagging import Tagger
from tests.tag_support import agencies


@pytest.mark.parametrize(("text", "expected"), [
    ("The Hyogo Prefectural Government is watching, Japan's Digital Agency said.",
     {"jp-hyogo-government"}),
    ("Kobe City said the Kobe City Assembly approved the plan, Japan's Digital Agency said.",
     {"jp-kobe-government", "jp-kobe-city-assembly"}),
    ("Setagaya City, one of Tokyo's wards, ran the trial at Setagaya City Hall in Japan.",
     {"jp-setagaya-government"}),
    ("In Seoul, the Gangnam District Office and the Nowon-gu Office joined the pilot.",
     {"kr-gangnam-government", "kr-nowon-government"}),
    ("In Seoul, the Gangnam-gu Office and Mapo-gu Office joined the pilot.",
     {"kr-gangnam-government", "kr-mapo-government"}),
    ("In Japan, the Consumer Affairs Agency will draw up guidance, and the "
     "Pharmaceuticals and Medical Devices Agency will review it.",
     {"jp-consumer-affairs-agency", "jp-pharmaceuticals-and-medical-devices-agency"}),
    ("Italy's Parliament met. The Parliamentary Budget Office said growth was plausible.",
     {"it-parliamentary-budget-office"}),
])
def test_places_and_forms_found(tagger: Tagger, text: str, expected: set[str]) -> None:
    found = agencies(tagger, text)
    assert expected <= set(found)
    assert all(found[i]["listed"] is False for i in expected)


@pytest.mark.parametrize(("text", "absent"), [
    # a city that is a place's name, not a government
    ("Mexico City said it would join the scheme, Mexico's Digital Agency said.", "government"),
    # a remit's name in a federal country's story with no state named may be a state's
    # or the country's: left alone (after a state it is the state's: test_bodies_session20)
    ("In the US, the Government Operations Agency said it would buy AI.",
     "government-operations-agency"),
    # international organisations and companies named by a remit
    ("Japan joined. The International Energy Agency and the Digital Marketing Agency agreed.",
     "agency"),
    ("Japan's ministry said the Project Management Office would report monthly.",
     "project-management-office"),
])
def test_names_that_are_no_such_body(tagger: Tagger, text: str, absent: str) -> None:
    found = agencies(tagger, text)
    assert not any(absent in i and not found[i]["listed"] for i in found), found
