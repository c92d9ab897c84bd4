"""English forms added in the twelfth session: a unit after its parent's abbreviation or
after "the <kind of government>'s", and a national body whose name differs from the
listed one only by its small words."""

from __future__ import annotations

import pytest

from pipelines.body_ids import loose
from pipelines.tagging import Tagger
from tests.tag_support import agencies


@pytest.mark.parametrize(("text", "unit_id", "parent"), [
    ("The Ohio Department of Administrative Services (DAS) said. The checklist was issued "
     "by the DAS Office of Information Technology.",
     "us-oh-department-of-administrative-services-office-of-information-technology",
     "us-oh-department-of-administrative-services"),
    ("The General Services Administration (GSA) chose Ohio. The GSA Public Buildings "
     "Service said.", "us-gsa-public-buildings-service", "us-gsa"),
    ("The Tokyo Metropolitan Government said. The system, built by the metropolitan "
     "government's Bureau of Port and Harbor, works.", "jp-tokyo-bureau-of-port-and-harbor",
     "jp-tokyo"),
])
def test_units_after_an_abbreviation_or_a_kind_of_government(tagger: Tagger, text: str,
                                                             unit_id: str, parent: str) -> None:
    found = agencies(tagger, text)
    assert found[unit_id]["parent"] == parent
    assert found[unit_id]["listed"] is False


@pytest.mark.parametrize("text", [
    # an abbreviation before a word that ends no unit's name
    "The General Services Administration (GSA) said. The GSA Schedule is open to states.",
    # "the government's" with no government named before it
    "Critics said the government's Digital Service Bureau plan was vague.",
])
def test_no_unit_without_a_parent_and_a_unit_noun(tagger: Tagger, text: str) -> None:
    assert [a for a in tagger.tag("", text).agencies if a["parent"]] == []


@pytest.mark.parametrize("text", [
    "Spain's Ministry for Digital Transformation and Civil Service said.",
    "The Ministry of Digital Transformation & the Civil Service in Madrid said. Spain will.",
])
def test_a_national_body_written_with_other_small_words_is_the_listed_one(
        tagger: Tagger, text: str) -> None:
    found = agencies(tagger, text)
    assert "es-digital" in found and found["es-digital"]["listed"] is True
    assert not [i for i in found if i.startswith("es-ministry")]


def test_a_state_body_is_not_the_national_one_of_the_same_remit(tagger: Tagger) -> None:
    found = agencies(tagger, "The Lagos State Ministry of Innovation, Science and Technology said.")
    assert [a["listed"] for a in found.values()] == [False]


def test_loose_names() -> None:
    assert loose("Ministry for Digital Transformation and the Civil Service") == \
        loose("Ministry of Digital Transformation & Civil Service")
    assert loose("Department of Health") != loose("Department of Health and Social Care")


@pytest.mark.parametrize("text", [
    "Japan's Ministry of Sound said the club night sold out.",
    "Tokyo's Ministry of Sound opened a second floor.",
])
def test_a_rejected_name_after_its_owner_is_still_rejected(tagger: Tagger, text: str) -> None:
    assert agencies(tagger, text) == {}


def test_a_city_owned_operator_is_listed(tagger: Tagger) -> None:
    found = agencies(tagger, "Seoul Metro will mount cameras on its trains.")
    assert found["kr-seoul-metro"]["listed"] is True


def test_a_body_without_its_place_takes_the_country_of_the_provinces_named(tagger: Tagger) -> None:
    # named before any place: the country the provinces named belong to
    text = ("The Ministry of Citizens' Services released a policy on Monday. British Columbia "
            "will require every provincial ministry to register its AI tools. British Columbia "
            "is the first province to do so. Researchers said similar registers in the "
            "Netherlands had helped.")
    tags = tagger.tag("", text)
    found = {a["id"]: a for a in tags.agencies}
    assert "ca-ministry-of-citizens-services" in found
    assert found["ca-ministry-of-citizens-services"]["jurisdiction"] == "CA"
    assert not [i for i in found if i.startswith("nl-")]
    # after the province: the province's (a Canadian ministry is a province's)
    text = ("British Columbia will require every provincial ministry to register its AI tools "
            "under a policy released by the Ministry of Citizens' Services.")
    assert "ca-bc-ministry-of-citizens-services" in {a["id"] for a in tagger.tag("", text).agencies}


def test_a_listed_unit_keeps_its_derived_id_and_its_parent(tagger: Tagger) -> None:
    """GSA's Federal Acquisition Service is listed with the id it was derived with as a
    unit, so it is found away from its parent's name too, and its abbreviation after it."""
    found = agencies(tagger, "The platform is run by the Federal Acquisition Service, GSA's "
                             "procurement arm. FAS said 23 vendors passed.")
    fas = found["us-gsa-federal-acquisition-service"]
    assert fas["listed"] is True and fas["parent"] == "us-gsa"
    assert fas["mentions"] == ["Federal Acquisition Service", "FAS"]
    # the abbreviation alone, with no GSA name near, is not enough
    assert agencies(tagger, "The FAS said the results were final.") == {}
