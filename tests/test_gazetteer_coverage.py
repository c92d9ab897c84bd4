"""Coverage of the agency gazetteer for the US, UK, Canada, Australia, the EU, Singapore
and New Zealand (config/gazetteers/agencies/*.toml): made-up sentences naming agencies by
full name, by abbreviation with context, and in Chinese; ambiguous abbreviations without
context must not tag; every unambiguous name must tag its own entry."""

from __future__ import annotations

import pytest

from crawler.config import Gazetteer
from pipelines.matcher import zh_variants
from pipelines.tagging import Tagger


def _ids(tagger: Tagger, text: str, title: str = "") -> set[str]:
    return {a["id"] for a in tagger.tag(title, text).agencies}


@pytest.mark.parametrize(("text", "expected"), [
    ("The Government Accountability Office reviewed how the Internal Revenue Service and "
     "the Centers for Medicare & Medicaid Services use machine learning.",
     {"us-gao", "us-irs", "us-cms"}),
    ("The Federal Reserve and the Securities and Exchange Commission set up an AI task force.",
     {"us-fed", "us-sec"}),
    ("HM Revenue and Customs and the Driver and Vehicle Licensing Agency will pilot chatbots, "
     "the Department for Science, Innovation and Technology said.",
     {"gb-hmrc", "gb-dvla", "gb-dsit"}),
    ("Immigration, Refugees and Citizenship Canada and the Canada Border Services Agency "
     "use analytics to triage applications.", {"ca-ircc", "ca-cbsa"}),
    ("The Bureau of Meteorology and the Australian Bureau of Statistics trialled AI models.",
     {"au-bom", "au-abs"}),
    ("The Land Transport Authority and the Housing and Development Board will use video "
     "analytics.", {"sg-lta", "sg-hdb"}),
    ("The European Central Bank and Europol published guidance on generative AI.",
     {"eu-ecb", "eu-europol"}),
    ("Stats NZ and the Department of Internal Affairs tested an AI assistant.",
     {"nz-stats", "nz-dia"}),
    ("A memo from the White House told agencies to name chief AI officers.",
     {"us-white-house"}),
    ("The New South Wales government and the Scottish government use AI chatbots.",
     {"au-nsw-gov", "gb-scot-gov"}),
    ("The Treasury Board of Canada Secretariat updated its directive.", {"ca-tbs"}),
    ("The Treasury Inspector General for Tax Administration audited the IRS chatbot.",
     {"us-tigta", "us-irs"}),
])
def test_full_names(tagger: Tagger, text: str, expected: set[str]) -> None:
    assert expected <= _ids(tagger, text)


@pytest.mark.parametrize(("text", "expected"), [
    ("Singapore's LTA will trial AI to spot potholes.", "sg-lta"),
    ("In Britain, the ONS said it would use large language models to code survey answers.",
     "gb-ons"),
    ("ASIC, Australia's corporate regulator, warned boards about AI governance.", "au-asic"),
    ("ICE, the US immigration agency, signed a contract for facial recognition.", "us-ice"),
    ("The CMS said US hospitals may use AI for prior authorisation.", "us-cms"),
    ("In Canada, the NRC launched an AI research programme.", "ca-nrc"),
    ("The US NRC is reviewing AI in reactor inspections.", "us-nrc"),
    ("Singapore's Ministry of Defence is testing AI for logistics.", "sg-mindef"),
    ("Canada's House of Commons debated the AI bill.", "ca-parliament"),
    ("The UK government said the Treasury would fund AI pilots.", "gb-hmt"),
])
def test_abbreviations_and_shared_names_with_context(tagger: Tagger, text: str,
                                                     expected: str) -> None:
    assert expected in _ids(tagger, text)


@pytest.mark.parametrize(("text", "unexpected"), [
    ("The new ASIC chip runs inference twice as fast.", "au-asic"),
    ("ICE futures rose as traders priced in AI demand for power.", "us-ice"),
    ("The firm sells CMS plugins with AI writing tools.", "us-cms"),
    ("The LTA ranking lists the best tennis clubs.", "sg-lta"),
    ("The PUB quiz had an AI round.", "sg-pub"),
    ("Medical charity MSF used AI to map clinics.", "sg-msf"),
    ("The Supreme Court ruled on the case.", "us-scotus"),
    ("The Department of Education published AI guidance for schools.", "us-ed"),
])
def test_ambiguous_name_without_context_is_not_tagged(tagger: Tagger, text: str,
                                                      unexpected: str) -> None:
    assert unexpected not in _ids(tagger, text)


@pytest.mark.parametrize(("text", "expected"), [
    ("新加坡陸路交通管理局將使用人工智能", "sg-lta"),
    ("资讯通信媒体发展局推出人工智能治理框架", "sg-imda"),
    ("美聯儲官員談及人工智能對就業的影響", "us-fed"),
    ("英國稅務海關總署使用人工智能", "gb-hmrc"),
    ("歐洲央行研究生成式人工智能", "eu-ecb"),
    ("澳洲氣象局以人工智能預測天氣", "au-bom"),
])
def test_chinese_names(tagger: Tagger, text: str, expected: str) -> None:
    assert expected in _ids(tagger, text)


def test_every_unambiguous_name_tags_its_own_agency(gazetteer: Gazetteer, tagger: Tagger) -> None:
    """A name of one entry, not marked ambiguous, written in running text, is tagged as that
    entry: catches a name of another entry that swallows its start ("The Treasury" once ate
    "The Treasury Board…") or a case rule that makes it unmatchable."""
    owners: dict[str, set[str]] = {}  # names shared by two entries are resolved by context
    for agency in gazetteer.agencies:
        for name in agency.names:
            for variant in zh_variants(name):
                owners.setdefault(variant.lower(), set()).add(agency.id)
    failures = []
    for agency in gazetteer.agencies:
        for name in agency.names:
            if name in agency.ambiguous or any(len(owners[v.lower()]) > 1 for v in zh_variants(name)):
                continue
            for text in (f"On Monday {name} said it would act.", f"Officials at the {name} agreed."):
                if agency.id not in _ids(tagger, text):
                    failures.append((agency.id, name, text))
    assert failures == []
