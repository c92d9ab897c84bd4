"""How the signals stage reads the steps of a purchase and the words around them: the ways
a call for bids is worded, an award named by its winner, money approved, a word that holds
a hedge and is none, and an organisation's "About" footer. Pure functions, no Scrapy."""

from __future__ import annotations

import dataclasses

import pytest

from crawler.config import SignalConfig
from pipelines.signals import detect
from tests import signal_cases

PUBLISHED = signal_cases.PUBLISHED
config = signal_cases.config  # the shipped taxonomy (a fixture)
types = signal_cases.types


@pytest.mark.parametrize(("title", "text", "jurisdiction"), [
    ("Senators scrutinise AI push as agency opens bidding for government chatbot",
     "The department had just posted an invitation to bid for an AI-powered helpdesk.", "PH"),
    ("AI traffic lights on trial as roads authority seeks firms for wider rollout",
     "The authority said submissions would be reviewed by an independent panel.", "KE"),
    ("警方同步向業界徵詢全港推行方案",
     "警務處今日在政府電子採購系統發出「資料徵詢書」，邀請有興趣的供應商提交建議書。", "HK"),
    ("運輸署搵供應商", "運輸署亦正向業界發出意向書邀請，截止遞交時間為10月20日。", "HK"),
])
def test_a_call_for_bids_in_its_many_wordings(config: SignalConfig, title: str, text: str,
                                              jurisdiction: str) -> None:
    assert "procurement" in types(config, title, text, jurisdiction)


@pytest.mark.parametrize(("title", "text", "jurisdiction"), [
    ("Tshwane names meter-fraud supplier",
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


@pytest.mark.parametrize(("title", "text", "jurisdiction"), [
    ("Telangana rolls out AI farm adviser",
     "On Monday the state cabinet cleared ₹120 crore for the service over three years.", "IN"),
    ("Joburg turns to AI to hunt for leaks",
     "On Thursday councillors approved R38 million for a smart water programme.", "ZA"),
    # in the headline too
    ("Cabinet clears Rs 120 crore for AI farm adviser",
     "The service answers farmers' questions in Telugu.", "IN"),
])
def test_money_approved_is_funding(config: SignalConfig, title: str, text: str,
                                   jurisdiction: str) -> None:
    assert "funding_budget" in types(config, title, text, jurisdiction)


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


@pytest.mark.parametrize(("title", "text", "jurisdiction", "absent"), [
    # a need, not money set aside; the money not confirmed
    ("Kenya signs AI pact", "The minister said the government would need about Sh2.1 billion "
     "to digitise records on 8 June, but stopped short of confirming the money in the current "
     "budget.", "KE", "funding_budget"),
    # grants people receive are no funding line
    ("Residents can now ask an AI assistant", "Residents can now ask about CPF, housing grants "
     "and school registration.", "SG", "funding_budget"),
    # a fund launched is money, and a service already in service is old news
    ("State opens tender for AI translation as €12m adoption fund launched",
     "The Office of Government Procurement has gone to market for a translation service.",
     "IE", "deployment"),
    ("Ottawa gives AI systems already in service a year to comply", "The directive was "
     "published on Tuesday.", "CA", "deployment"),
    # a company's money, what it did not ask for, and hearsay
    ("广州家电龙头发布自研工业大模型", "集团副总裁表示，此次大模型研发完全使用自有资金，并未申请政府资助，"
     "此前外界传出集团获得近3000万元专项补助的说法不属实。", "CN", "funding_budget"),
    # not new money; a university's own
    ("政府科技局与南洋理工大学签备忘录", "南洋理工大学将投入3000万新元的研究经费。"
     "部长强调这并非新增拨款，只是累积的投入。", "SG", "funding_budget"),
    # last year's budget; a tender's original budget
    ("議員關注政府AI指引", "副局長回應，該筆1.8億元款項屬上年度預算，大部分已分配。", "HK",
     "funding_budget"),
    ("杭州城市大脑交通模块采购结果公布", "项目最初预算为5000万元，共有7家供应商参与竞争。", "CN",
     "funding_budget"),
    # an insurer's own money
    ("Insurer to spend on AI claims", "Shannonside Insurance is to invest €40 million over "
     "four years in artificial intelligence systems.", "IE", "funding_budget"),
    # a scheme launched is no roll-out
    ("政府推出新一轮企业人工智能转型计划", "资讯通信媒体发展局宣布计划详情。", "SG", "deployment"),
])
def test_what_is_no_event_of_its_type(config: SignalConfig, title: str, text: str,
                                      jurisdiction: str, absent: str) -> None:
    assert absent not in types(config, title, text, jurisdiction)


@pytest.mark.parametrize(("title", "text", "jurisdiction", "present"), [
    ("政府拨1.2亿新元助企业用AI", "政府将拨出1.2亿新元，协助本地中小企业采用人工智能工具。", "SG",
     "funding_budget"),
    ("Residents can now ask an AI assistant in four languages",
     "The Government Technology Agency switched the service on for all users on Nov 7.", "SG",
     "deployment"),
])
def test_what_is_an_event_of_its_type(config: SignalConfig, title: str, text: str,
                                      jurisdiction: str, present: str) -> None:
    assert present in types(config, title, text, jurisdiction)


def test_a_year_before_a_names_currency_word_is_no_amount(config: SignalConfig) -> None:
    text = "The bank will pay R45m for the system.\nCopyright © 2028 Rand Business Wire"
    found = detect("Bank buys AI", text, config, "ZA", PUBLISHED).amounts
    assert [(a["value"], a["currency"]) for a in found] == [(45e6, "ZAR")]
    # a year-like number of lowercase rand is money all the same
    found = detect("Fee", "Officials said 2028 rand was the fee.", config, "ZA", PUBLISHED).amounts
    assert [(a["value"], a["currency"]) for a in found] == [(2028.0, "ZAR")]
