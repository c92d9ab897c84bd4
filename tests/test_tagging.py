"""Tagging: golden files, resolution of ambiguous and shared names, ordering, bad input,
the adapter."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from scrapy.utils.test import get_crawler

from crawler.config import Gazetteer
from crawler.shared.items import Article
from pipelines.tagging import Tagger, TaggingPipeline, tag
from tests.regen_golden import CONFIG, FIXTURES, expected_for, read_fixture

FIXTURE_FILES = sorted(FIXTURES.glob("*.txt"))



def ids(entries: list[dict[str, str]]) -> list[str]:
    return [e["id"] for e in entries]


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=[p.stem for p in FIXTURE_FILES])
def test_golden(path: Path) -> None:
    """Relevance, tags, summary and key signals of each fixture match its .json
    (regenerate with `python -m tests.regen_golden` after a deliberate change)."""
    expected = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    assert expected_for(read_fixture(path)) == expected


@pytest.mark.parametrize("name", ["dpo-forum-en", "dpo-forum-zh-hant", "dpo-forum-zh-hans"])
def test_reference_case_from_the_issue(tagger: Tagger, name: str) -> None:
    """The article govwatch was founded on: relevant, HK, DPO + HKSTP + HKPC, Science Park,
    a key signal about the forum and its 1,000+ participants — in all three scripts."""
    fixture = read_fixture(FIXTURES / f"{name}.txt")
    result = expected_for(fixture)
    assert result["relevance"]["relevant"] is True
    tags = result["tags"]
    assert tags["jurisdictions"][0] == "HK"
    listed = [a for a in tags["agencies"] if a["listed"]]
    assert ids(listed)[:3] == ["hk-dpo", "hk-hkstp", "hk-hkpc"]
    # the DPO's Smart Government Innovation Lab: a listed alias in English, a unit in Chinese
    units = [a for a in tags["agencies"] if not a["listed"]]
    assert all(a["parent"] == "hk-dpo" for a in units)
    assert tags["agencies"][0]["name"] == "Digital Policy Office"  # English even for Chinese
    assert "hk-science-park" in ids(tags["locations"])
    assert any("1,000" in s for s in result["key_signals"])


def test_ambiguous_acronym_needs_context(tagger: Tagger) -> None:
    gdpr = tagger.tag("", "Every company must appoint a DPO to handle privacy.")
    assert gdpr.agencies == []
    near = tagger.tag("", "In Hong Kong, the DPO said departments will pilot AI tools.")
    assert ids(near.agencies) == ["hk-dpo"]
    full = tagger.tag("", "The Digital Policy Office met.\n\n" + "Filler. " * 100 + "The DPO agreed.")
    assert ids(full.agencies) == ["hk-dpo"]
    title = tagger.tag("HA to pilot AI triage", "Hong Kong's public hospitals will test it.")
    assert ids(title.agencies) == ["hk-ha"]  # context at the start of the text counts
    lower = tagger.tag("", "In Hong Kong the dpo said so.")  # acronyms are case-sensitive
    assert lower.agencies == []


def test_shared_name_resolved_by_jurisdiction_context(tagger: Tagger) -> None:
    hk = tagger.tag("", "The Department of Justice in Hong Kong issued guidance.")
    us = tagger.tag("", "The Department of Justice in the United States issued guidance.")
    assert ids(hk.agencies) == ["hk-doj"] and ids(us.agencies) == ["us-doj"]
    # no context: the source's jurisdiction decides; with neither, nothing is claimed
    assert ids(tagger.tag("", "立法會今日審議條例。", "HK").agencies) == ["hk-legco"]
    assert ids(tagger.tag("", "立法會今日審議條例。", "MO").agencies) == ["mo-al"]
    assert tagger.tag("", "The Department of Justice issued guidance.").agencies == []


def test_word_boundaries_and_case(tagger: Tagger) -> None:
    tags = tagger.tag("", "Thousands of musicians HAVE played; the ha ha crowd.")
    assert tags.agencies == [] and tags.jurisdictions == []
    # capitalised words of a name must stay capitalised (or the whole name in capitals)
    assert ids(tagger.tag("", "HONG KONG SCIENCE PARK hosts start-ups").locations) == ["hk-science-park"]
    assert tagger.tag("", "hong kong science park hosts start-ups").locations == []
    assert tagger.tag("", "Macao's civil service bureau said so.").agencies == []
    assert ids(tagger.tag("", "Hong Kong Science And Technology Parks Corporation").agencies) == ["hk-hkstp"]


def test_jurisdictions_from_agencies_and_places_not_only_source(tagger: Tagger) -> None:
    tags = tagger.tag("Shenzhen rolls out AI", "The Cyberspace Administration of China and "
                      "Singapore's GovTech signed a pact in Shenzhen.", source_jurisdiction="HK")
    assert tags.jurisdictions[0] == "CN" and "SG" in tags.jurisdictions
    assert "HK" not in tags.jurisdictions and tags.source_jurisdiction == "HK"
    assert tagger.tag("", "Nothing placed here.", "HK").jurisdictions == ["HK"]


def test_title_mentions_come_first(tagger: Tagger) -> None:
    text = ("The Water Supplies Department, the Hospital Authority and the Hospital Authority "
            "again in Hong Kong.")
    tags = tagger.tag("Hong Kong Police Force tests AI", text)
    assert ids(tags.agencies)[0] == "hk-police"
    assert ids(tags.agencies)[1:] == ["hk-ha", "hk-wsd"]


def test_public_body_is_agency_and_vendor(tagger: Tagger) -> None:
    tags = tagger.tag("", "HKSTP and Huawei will supply the system to the Hong Kong government.")
    assert "hk-hkstp" in ids(tags.agencies)
    assert ids(tags.vendors) == ["hkstp", "huawei"]


def test_simplified_and_traditional_names(tagger: Tagger) -> None:
    hant = tagger.tag("", "創新科技及工業局與香港海關及水務署合作。")
    hans = tagger.tag("", "创新科技及工业局与香港海关及水务署合作。")
    assert ids(hant.agencies) == ids(hans.agencies) == ["hk-itib", "hk-customs", "hk-wsd"]


@pytest.mark.parametrize(
    "text",
    ["", "   ", "Die Bundesregierung führt KI in Behörden ein.",
     "デジタル庁は行政サービスにAIを導入する。", "x" * 1_000_000,
     "Hong Kong DPO HA 立法會 " * 50_000],
)
def test_odd_input_does_not_raise(tagger: Tagger, text: str) -> None:
    tags = tagger.tag("", text)
    assert isinstance(tags.jurisdictions, list)


def test_tag_function_caches_the_compiled_gazetteer(gazetteer: Gazetteer) -> None:
    first = tag("", "Hong Kong", gazetteer)
    assert tag("", "Hong Kong", gazetteer) == first
    assert first.jurisdictions == ["HK"]


def test_adapter_fills_item_fields() -> None:
    crawler = get_crawler(settings_dict={"GOVWATCH_CONFIG_DIR": str(CONFIG)})
    pipeline = TaggingPipeline.from_crawler(crawler)
    item = Article(url="https://x/1", source_id="s", fetched_at="2026-01-01T00:00:00Z",
                   source_jurisdiction="HK", title="Customs pilots AI",
                   text="The Customs and Excise Department will pilot AI at Kai Tak.")
    out = pipeline.process_item(item)
    assert out is item
    assert item.agencies == [{"id": "hk-customs", "name": "Customs and Excise Department",
                              "jurisdiction": "HK", "listed": True, "parent": None,
                              "mentions": ["Customs and Excise Department"]}]
    assert item.jurisdictions == ["HK"] and ids(item.locations) == ["hk-kai-tak"]


# Rules added after the blind held-out set 2 (bench/README.md, "Blind held-out set 2").


def test_false_friend_hides_the_name_inside_it(tagger: Tagger) -> None:
    """廣東話 is Cantonese, not Guangdong; "New South Wales" is not Wales."""
    hant = tagger.tag("", "運輸署的聊天機械人可處理英文、廣東話及普通話查詢。")
    assert hant.jurisdictions == ["HK"] and hant.locations == []
    hans = tagger.tag("", "客服可以用广东话回答。")
    assert hans.jurisdictions == [] and hans.locations == []
    assert tagger.tag("", "广东省政府发布方案。").jurisdictions == ["CN"]  # the name alone still counts
    # (not "New South Wales government": that names the NSW Government, so AU)
    assert tagger.tag("", "Storms hit New South Wales and New England.").jurisdictions == []
    assert "GB" not in tagger.tag("", "The New South Wales government said so.").jurisdictions
    assert tagger.tag("", "The South China Morning Post reported it.").jurisdictions == []


def test_currency_prefix_is_not_a_jurisdiction(tagger: Tagger) -> None:
    assert tagger.tag("", "The insurer bought back US$1.6 billion of shares.").jurisdictions == []
    assert tagger.tag("", "The US said so.").jurisdictions == ["US"]


def test_secretary_title_names_the_bureau(tagger: Tagger) -> None:
    tags = tagger.tag("", "The Secretary for Labour and Welfare said the new rate was fair.")
    assert ids(tags.agencies) == ["hk-lwb"] and tags.jurisdictions == ["HK"]
    civil = tagger.tag("", "The Secretary for the Civil Service told lawmakers.")
    assert ids(civil.agencies) == ["hk-csb"]


def test_hong_kong_named_without_xianggang(tagger: Tagger) -> None:
    assert tagger.tag("", "全港共有800支燈柱投入服務。").jurisdictions == ["HK"]
    assert tagger.tag("", "港府今日宣布新措施。").jurisdictions == ["HK"]


def test_chinese_renderings_of_omb_are_not_the_white_house(tagger: Tagger) -> None:
    tags = tagger.tag("美國白宮預算管理局發布備忘錄", "美国白宫预算管理局周一发布两份备忘录。")
    assert ids(tags.agencies) == ["us-omb"]


def test_the_commission_needs_eu_context(tagger: Tagger) -> None:
    eu = tagger.tag("", "The European AI Office published the code. The Commission said it would help.")
    assert ids(eu.agencies) == ["eu-ai-office", "eu-commission"]
    assert tagger.tag("", "The Commission said it would review the fares.").agencies == []


def test_tax_bureau_shared_by_hong_kong_and_the_mainland(tagger: Tagger) -> None:
    sat = tagger.tag("国家税务总局上线智能客服", "纳税人可通过电子税务局随时咨询。")
    assert ids(sat.agencies) == ["cn-sat"] and sat.jurisdictions == ["CN"]
    hk = tagger.tag("", "稅務局表示，已應用機器學習揀選個案。", "HK")
    assert ids(hk.agencies) == ["hk-ird"]
    # no context, no source: 稅務局 is the official name of Hong Kong's IRD
    assert ids(tagger.tag("", "稅務局表示，已應用機器學習揀選個案。").agencies) == ["hk-ird"]


# Agencies added for blind set 3 (bench/README.md, "Blind set 3"): named in blind set 2's
# misses (MOM, DWP, NAO, CBP, NRTA); sentences invented.


@pytest.mark.parametrize(
    ("title", "text", "expected", "jurisdiction"),
    [
        ("", "The Ministry of Manpower will use machine learning to rank worksites.", "sg-mom", "SG"),
        ("", "新加坡人力部表示，将使用预测模型。", "sg-mom", "SG"),
        ("", "The Department for Work and Pensions said its model flags claims.", "gb-dwp", "GB"),
        ("", "The National Audit Office said departments lack AI skills.", "gb-nao", "GB"),
        ("", "U.S. Customs and Border Protection scans trucks with computer vision.", "us-cbp", "US"),
        ("广电总局部署AI视频专项治理", "国家广播电视总局发布通知。", "cn-nrta", "CN"),
    ],
)
def test_agencies_added_for_blind_set_3(tagger: Tagger, title: str, text: str,
                                        expected: str, jurisdiction: str) -> None:
    tags = tagger.tag(title, text)
    assert ids(tags.agencies) == [expected] and tags.jurisdictions == [jurisdiction]


def test_mom_in_capitals_needs_singapore_context(tagger: Tagger) -> None:
    assert tagger.tag("", "MOM SAYS: EAT YOUR GREENS").agencies == []
    assert ids(tagger.tag("", "MOM said Singapore employers must comply.").agencies) == ["sg-mom"]


def test_chinas_audit_office_is_not_the_uk_nao(tagger: Tagger) -> None:
    tags = tagger.tag("", "The National Audit Office of China published its annual report.")
    assert ids(tags.agencies) == ["cn-nao"]  # agencies/cn.toml; never gb-nao


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Singapore's parliament debated the grants.", "sg-parliament"),
        ("The Singapore Parliament passed the bill.", "sg-parliament"),
        ("Australia's parliament passed the bill.", "au-parliament"),
        ("Canada's parliament rose for the summer.", "ca-parliament"),
        ("Britain's parliament voted on Tuesday.", "gb-parliament"),
    ],
)
def test_parliament_named_with_its_country(tagger: Tagger, text: str, expected: str) -> None:
    """The press writes "Singapore's parliament" far more often than the official name."""
    assert ids(tagger.tag("", text).agencies) == [expected]


# Gaps blind set 3 showed (see bench/README.md "Blind set 4"); sentences invented.
@pytest.mark.parametrize(
    ("title", "text", "expected", "jurisdiction"),
    [
        ("", "The Canada Revenue Agency said its chatbot answers tax questions.", ["ca-cra"], "CA"),
        ("", "The Auditor General of Canada tabled a report on Tuesday.", ["ca-oag"], "CA"),
        ("", "The NSW Department of Education built a chatbot for schools.", ["au-nsw-doe"], "AU"),
        ("", "The EuroHPC Joint Undertaking will host AI factories.", ["eu-eurohpc"], "EU"),
        ("", "TIGTA reviewed how the agency governs its models.", ["us-tigta"], "US"),
        ("", "The Federal Aviation Administration will test AI for air traffic.", ["us-faa"], "US"),
        ("健保署用AI審核申報", "衛生福利部中央健康保險署表示，已導入模型。", ["tw-nhia"], "TW"),
        ("", "杭州市数据资源管理局介绍，城市大脑已完成升级。", ["cn-hz-data"], "CN"),
    ],
)
def test_agencies_added_after_blind_set_3(tagger: Tagger, title: str, text: str,
                                          expected: list[str], jurisdiction: str) -> None:
    tags = tagger.tag(title, text)
    assert ids(tags.agencies) == expected and tags.jurisdictions == [jurisdiction]


def test_auditor_general_needs_canadian_context(tagger: Tagger) -> None:
    """"Auditor General" is a title in many jurisdictions: Canada's only with context."""
    assert tagger.tag("", "The Auditor General said the project ran late.").agencies == []
    text = "The Canada Revenue Agency chatbot erred, Auditor General Karen Hogan said."
    assert ids(tagger.tag("", text).agencies) == ["ca-cra", "ca-oag"]


def test_hong_kong_police_in_lower_case(tagger: Tagger) -> None:
    tags = tagger.tag("", "Hong Kong's police force will install more cameras.")
    assert ids(tags.agencies) == ["hk-police"] and tags.jurisdictions == ["HK"]


def test_the_home_office_in_running_text_is_the_uk_department(tagger: Tagger) -> None:
    tags = tagger.tag("Home Office algorithm criticised", "The Home Office has rolled out a tool.")
    assert ids(tags.agencies) == ["gb-home-office"] and tags.jurisdictions == ["GB"]
    assert tagger.tag("Best Home Office chairs", "A chair for your home office.").agencies == []


@pytest.mark.parametrize(
    "text",
    ["Customs will use it at the Hong Kong-Zhuhai-Macao Bridge, Hong Kong Customs said.",
     "香港海關表示，系統將於港珠澳大橋口岸使用。"],
)
def test_bridge_name_does_not_add_zhuhai_or_macao(tagger: Tagger, text: str) -> None:
    tags = tagger.tag("", text)
    assert tags.jurisdictions == ["HK"] and ids(tags.locations) == ["hzmb"]


def test_tagger_is_compiled_once_per_folder_until_a_file_changes(tmp_path):
    import os
    import shutil

    from crawler.config import DEFAULT_CONFIG_DIR
    from pipelines.tagging import tagger_for

    folder = tmp_path / "gazetteers"
    shutil.copytree(DEFAULT_CONFIG_DIR / "gazetteers", folder)
    first = tagger_for(folder)
    assert tagger_for(folder) is first  # a second crawler of the same run reuses it
    vendors = folder / "vendors.toml"
    stat = vendors.stat()
    os.utime(vendors, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    second = tagger_for(folder)
    assert second is not first  # an edited gazetteer is compiled again
    (folder / "agencies").mkdir(exist_ok=True)
    (folder / "agencies" / "extra.toml").write_text(
        '[sources]\nt = "test"\n[[group]]\njurisdiction = "SG"\nkind = "statutory body"\n'
        'source = "t"\nagency = [{ id = "sg-zz", name = "Zeta Board of Testing" }]\n',
        encoding="utf-8")
    third = tagger_for(folder)
    assert third is not second  # so is a new file in a split list
    tags = third.tag("Zeta Board of Testing pilots AI", "The Zeta Board of Testing said so.")
    assert [a["id"] for a in tags.agencies] == ["sg-zz"]


def test_and_and_ampersand_spell_the_same_name(tagger: Tagger) -> None:
    tags = tagger.tag("", "The Housing & Development Board said flats would get AI-run lifts.")
    assert [a["id"] for a in tags.agencies] == ["sg-hdb"]


def test_a_name_plain_for_one_agency_and_ambiguous_for_another(tagger: Tagger) -> None:
    """金管局 is Hong Kong's HKMA unless Singapore's MAS is in context."""
    assert [a["id"] for a in tagger.tag("", "金管局今日公布新指引。").agencies] == ["hk-hkma"]
    tags = tagger.tag("", "新加坡金融管理局（金管局）昨天发布咨询文件，金管局表示将分级适用。")
    assert [a["id"] for a in tags.agencies] == ["sg-mas"]
    # 統計處 is any statistics division: Taiwan's economy ministry has one
    tags = tagger.tag("", "經濟部統計處長表示，外銷訂單持續成長。")
    assert "hk-censtatd" not in [a["id"] for a in tags.agencies]


def test_paris_stock_index_is_not_chinas_cyberspace_regulator(tagger: Tagger) -> None:
    assert tagger.tag("", "Le CAC 40 gagne 0,55 % à l'ouverture.").agencies == []
    assert [a["id"] for a in tagger.tag("", "The CAC said new AI rules apply.").agencies] == ["cn-cac"]


def test_a_shared_name_in_an_article_of_one_jurisdiction(tagger: Tagger) -> None:
    """A name several jurisdictions share ("House of Representatives") far from any other
    name goes to the only jurisdiction the article names; with two named, it needs
    context."""
    filler = " The pilot covers clinics in several regions and staff will review every note." * 4
    end = " The House of Representatives takes up the budget in February."
    us = "The Department of Veterans Affairs said it will extend its AI pilot." + filler + end
    assert "us-congress" in [a["id"] for a in tagger.tag("", us).agencies]
    two = ("Japan's Digital Agency and the Department of Veterans Affairs are testing AI."
           + filler + end)
    ids = [a["id"] for a in tagger.tag("", two).agencies]
    assert "us-va" in ids and "us-congress" not in ids and "jp-diet" not in ids


def test_a_shared_name_goes_to_the_country_the_article_is_about(tagger: Tagger) -> None:
    """Far from any context, "the National Assembly" of a story about Korea that names
    China and Singapore once each is Korea's; with the other countries named as often,
    it needs context."""
    filler = " The port lost cargo to rivals and the plan needs new berths by 2031." * 4
    end = " The budget must still be passed by the National Assembly in December."
    korea = ("The Busan Port Authority and the Korea Customs Service will use AI scheduling, "
             "the Ministry of Science and ICT said. Rivals in China and Singapore grew."
             + filler + end)
    assert "kr-national-assembly" in [a["id"] for a in tagger.tag("", korea).agencies]
    mixed = ("The Busan Port Authority will use AI scheduling. Rivals in China, Singapore, "
             "France and Vietnam grew." + filler + end)
    ids = [a["id"] for a in tagger.tag("", mixed).agencies]
    assert not [i for i in ids if i.endswith("national-assembly")]


def test_the_ombudsman_is_the_articles_own(tagger: Tagger) -> None:
    eu = {a["id"] for a in tagger.tag("", "BRUSSELS — The European Commission's agency uses AI. "
                                          "The Ombudsman asked for a reply within three months."
                                      ).agencies}
    assert "hk-ombudsman" not in eu
    hk = {a["id"] for a in tagger.tag("", "The Hong Kong Government said on Monday that The "
                                          "Ombudsman would review the AI chatbot.").agencies}
    assert "hk-ombudsman" in hk
