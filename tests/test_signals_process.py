"""How the signals stage reads the steps of a purchase and the words around them: the ways
a call for bids is worded, an award named by its winner, money approved, a word that holds
a hedge and is none, and an organisation's "About" footer. Pure functions, no Scrapy."""

from __future__ import annotations

import dataclasses

import pytest

from crawler.config import SignalConfig, load_signal_config
from pipelines.signals import detect
from tests.regen_signals import CONFIG

PUBLISHED = "2028-06-01"


@pytest.fixture(scope="module")
def config() -> SignalConfig:
    return load_signal_config(CONFIG / "signals.toml")


def types(config: SignalConfig, title: str, text: str, jurisdiction: str = "HK") -> list[str]:
    return detect(title, text, config, jurisdiction, PUBLISHED).signal_types


@pytest.mark.parametrize(("title", "text", "jurisdiction"), [
    ("Senators scrutinise AI push as agency opens bidding for government chatbot",
     "The department had just posted an invitation to bid for an AI-powered helpdesk.", "PH"),
    ("AI traffic lights on trial as roads authority seeks firms for wider rollout",
     "The authority has invited expressions of interest from firms.", "KE"),
    ("警方同步向業界徵詢全港推行方案",
     "警務處今日在政府電子採購系統發出「資料徵詢書」，邀請有興趣的供應商提交建議書。", "HK"),
    ("運輸署搵供應商", "運輸署亦正向業界發出意向書邀請，截止遞交時間為10月20日。", "HK"),
])
def test_a_call_for_bids_in_its_many_wordings(config: SignalConfig, title: str, text: str,
                                              jurisdiction: str) -> None:
    assert "procurement" in types(config, title, text, jurisdiction)


@pytest.mark.parametrize(("title", "text", "jurisdiction"), [
    ("Tshwane picks meter-fraud supplier",
     "The City of Tshwane has appointed Kopano Analytics to supply a system that detects "
     "tampered meters, in a three-year deal worth R86.4 million.", "ZA"),
    ("杭州城管AI巡查项目定标",
     "该局采购项目日前确定成交供应商，由杭州某数智科技有限公司以人民币1356.8万元中选。", "CN"),
])
def test_an_award_named_by_its_winner(config: SignalConfig, title: str, text: str,
                                      jurisdiction: str) -> None:
    found = types(config, title, text, jurisdiction)
    assert "contract_award" in found
    assert "procurement" not in found  # the call it closes is the award's past


def test_the_winner_to_be_of_an_open_tender_is_no_award(config: SignalConfig) -> None:
    found = types(config, "深圳12345热线项目公开招标",
                  "市政务服务和数据管理局发布公告，就热线智能辅助系统项目进行公开招标。"
                  "根据招标文件，中标方需搭建一套智能辅助平台。", "CN")
    assert found == ["procurement"]


def test_a_council_approving_a_contract_is_an_award_not_funding(config: SignalConfig) -> None:
    found = types(config, "Phoenix council backs AI traffic signals",
                  "The Phoenix City Council on Wednesday approved a $3.8 million contract "
                  "with Sonoran Signal Labs to install AI-driven traffic signals.", "US")
    assert "contract_award" in found
    assert "funding_budget" not in found


@pytest.mark.parametrize(("title", "text"), [
    ("Telangana rolls out AI farm adviser, cabinet clears Rs 120 crore for three years",
     "The state government sanctioned ₹120 crore for the service over three years."),
    ("Joburg turns to AI to hunt for leaks",
     "On Thursday councillors approved R38 million in the adjustments budget for a smart "
     "water programme."),
])
def test_money_approved_is_funding(config: SignalConfig, title: str, text: str) -> None:
    assert "funding_budget" in types(config, title, text, "IN")


def test_a_rule_approved_is_no_funding(config: SignalConfig) -> None:
    # "approved" counts for funding only with an amount right after it
    found = types(config, "Cabinet approves AI guidelines",
                  "The cabinet approved the guidelines for the use of AI by ministries.", "IN")
    assert "funding_budget" not in found


def test_money_approved_a_month_before_is_background(config: SignalConfig) -> None:
    found = types(config, "City signs AI partnership with university",
                  "The city signed a memorandum of understanding with the university. The "
                  "partnership comes a month after the City Council approved $1.2 million "
                  "for an upgrade of the 311 system.", "US")
    assert "partnership" in found
    assert "funding_budget" not in found


def test_any_future_step_is_hypothetical(config: SignalConfig) -> None:
    text = ("The department has begun testing AI cameras on regional highways. The "
            "department said any permanent rollout would need fresh approval and would "
            "go to open tender in 2029.")
    found = types(config, "Victoria starts trial of AI phone-detection cameras", text, "AU")
    assert found == ["pilot"]


def test_a_word_that_holds_a_hedge_and_is_none(config: SignalConfig) -> None:
    title = "上海推动政务领域人工智能应用"
    # after the lead, where one full term in a dated sentence decides
    text = ("记者从市政府获悉。本市将加快政务领域人工智能应用。"
            "市政府办公厅昨天印发《若干措施》，自2028年8月1日起施行。")
    assert "policy_regulation" in types(config, title, text, "CN")
    # without the not-hedge, 若 ("if") inside 若干 ("several") hedges the rule's mention
    bare = dataclasses.replace(config, not_hedges=())
    assert "policy_regulation" not in types(bare, title, text, "CN")


def test_an_about_footer_gives_no_type(config: SignalConfig) -> None:
    text = ("Karoo Mutual Bank has reported headline earnings of R2.4bn for the year.\n"
            "About Karoo Mutual Bank\n"
            "Karoo Mutual Bank has rolled out an AI fraud screen and signed a memorandum of "
            "understanding with the regulator.")
    found = detect("Bank reports earnings", text, config, "ZA", PUBLISHED)
    assert found.signal_types == []
    # the footer's amounts are still read (every amount in the text is one)
    assert [a["value"] for a in found.amounts] == [2.4e9]
    # the same sentence above the heading is news
    moved = text.replace("About Karoo Mutual Bank\n", "")
    assert "partnership" in types(config, "Bank reports earnings", moved, "ZA")
