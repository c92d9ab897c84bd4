"""The signals stage: types with evidence, money, dates, noise, the taxonomy's validation
and the golden files (tests/fixtures/signals/, regenerated with tests/regen_signals.py)."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from scrapy.utils.test import get_crawler

from crawler.config import ConfigError, SignalConfig, load_signal_config
from crawler.shared.items import Article
from pipelines.money import find_amounts
from pipelines.noise import noise_of
from pipelines.signals import SignalsPipeline, check_config, detect
from tests.regen_signals import CONFIG, FIXTURES, expected_for, read_fixture

SIGNALS = CONFIG / "signals.toml"


@pytest.fixture(scope="module")
def config() -> SignalConfig:
    return load_signal_config(SIGNALS)


# ---------------------------------------------------------------------------------- money

@pytest.mark.parametrize(("text", "jurisdiction", "value", "currency", "approx"), [
    ("The office has HK$10 million for it.", "HK", 10_000_000, "HKD", False),
    ("a $600 million contract", "US", 600_000_000, "USD", False),
    ("a $600 million contract", "HK", 600_000_000, "HKD", False),  # "$" in a HK source
    ("a $600 million contract", "", 600_000_000, "USD", False),  # no jurisdiction: USD
    ("a $45 million budget", "AU", 45_000_000, "AUD", False),
    ("當局撥款139萬港元。", "HK", 1_390_000, "HKD", False),
    ("項目投資1.2億元。", "CN", 120_000_000, "CNY", False),
    ("項目投資1.2億元。", "HK", 120_000_000, "HKD", False),  # 元 in a HK source
    ("以人民幣5000萬元中標", "CN", 50_000_000, "CNY", False),
    ("以人民币5000万元中标", "HK", 50_000_000, "CNY", False),  # the name wins over 元
    ("a US$2.5bn programme", "SG", 2_500_000_000, "USD", False),
    ("up to £900m", "GB", 900_000_000, "GBP", True),
    ("€20 million from the EU", "EU", 20_000_000, "EUR", False),
    ("S$50m for training", "SG", 50_000_000, "SGD", False),
    ("今年度編列NT$3億", "TW", 300_000_000, "TWD", False),
    ("新臺幣3億元", "TW", 300_000_000, "TWD", False),
    ("約500萬澳門元", "MO", 5_000_000, "MOP", True),
    ("5000万新元", "SG", 50_000_000, "SGD", False),
    ("about HK$10 million", "HK", 10_000_000, "HKD", True),
    ("more than $3 billion", "US", 3_000_000_000, "USD", True),
    ("HK$2-3 million each", "HK", 2_000_000, "HKD", True),  # a range: its lower bound
    ("between $5 million and", "US", 5_000_000, "USD", False),
    ("200萬至300萬港元資助", "HK", 2_000_000, "HKD", True),
    ("涉款約2,300萬港元", "HK", 23_000_000, "HKD", True),
    ("逾3億元", "CN", 300_000_000, "CNY", True),
    ("3億多元", "CN", 300_000_000, "CNY", True),
    ("三億元", "CN", 300_000_000, "CNY", False),
    ("up to 100,000 yuan", "CN", 100_000, "CNY", True),
    ("10 million Hong Kong dollars", "HK", 10_000_000, "HKD", False),
    ("¥2.1 billion", "JP", 2_100_000_000, "JPY", False),
    ("$250,000 in prizes", "US", 250_000, "USD", False),
    # South Asian units; 億 then 萬 in one figure; a range with 元 on both bounds
    ("₹10,372 crore for the mission", "IN", 103_720_000_000, "INR", False),
    ("a ₹48 crore contract", "IN", 480_000_000, "INR", False),
    ("共批出1億3,500萬元", "HK", 135_000_000, "HKD", False),
    ("Rs 250 crore for the scheme", "IN", 2_500_000_000, "INR", False),
    ("會員費為1萬2000元", "SG", 12_000, "SGD", False),
    ("以新臺幣2億3,800萬元得標", "TW", 238_000_000, "TWD", False),
    ("介乎300萬元至900萬元", "HK", 3_000_000, "HKD", True),
    ("新臺幣2億3,800萬元至2億5,000萬元", "TW", 238_000_000, "TWD", True),
    # a fine's range written with 以上 … 以下
    ("可处1万元以上10万元以下罚款", "CN", 10_000, "CNY", True),
    # a range whose first figure is whole; other countries' currencies
    ("grants of $250,000 to $1.5 million each", "US", 250_000, "USD", True),
    ("AED 1.5 billion for the plan", "AE", 1_500_000_000, "AED", False),
    ("recovered KSh 4.2 billion in duty", "KE", 4_200_000_000, "KES", False),
    # a range written "between … and …"; 多/余 before the unit (800余万元)
    ("each gets between €2 million and €4 million", "EU", 2_000_000, "EUR", True),
    ("between $2 and $3 million a year", "US", 2_000_000, "USD", True),
    ("曾花费800余万元采购", "CN", 8_000_000, "CNY", True),
    # Kenya's "Sh", "b" for billion, the financial numerals of tender notices, full-width
    # digits; "R" and "RM" only in their own country's news
    ("a Sh2.1 billion programme", "KE", 2_100_000_000, "KES", False),
    ("about $1.2b a year", "NZ", 1_200_000_000, "NZD", True),
    ("预算金额为人民币叁佰捌拾玖万元整", "CN", 3_890_000, "CNY", False),
    ("人民币壹仟伍佰叁拾陆万捌仟元整", "CN", 15_368_000, "CNY", False),
    ("涉款約８，０００萬元", "HK", 80_000_000, "HKD", True),
    ("a R180 million contract", "ZA", 180_000_000, "ZAR", False),
    ("RM500 million for the plan", "MY", 500_000_000, "MYR", False),
    ("at least N500 million", "NG", 500_000_000, "NGN", True),
    ("a P15 million upgrade", "PH", 15_000_000, "PHP", False),
    # the UAE's Dh, Kenya's Kshs., currencies written after, Malaysia's bil, 億 then 千萬
    ("investments of Dh335 billion", "AE", 335_000_000_000, "AED", False),
    ("a fee of Kshs. 500,000", "KE", 500_000, "KES", False),
    ("a 2.3 billion reais programme", "BR", 2_300_000_000, "BRL", False),
    ("investments of RM2.5bil", "MY", 2_500_000_000, "MYR", False),
    ("預算為新台幣３億６千萬元", "TW", 360_000_000, "TWD", False),
    # a hyphenated word ("$6.3-million"), amounts in words, a currency after both bounds
    ("a $6.3-million contract", "CA", 6_300_000, "CAD", False),
    ("a ₱250-million project", "PH", 250_000_000, "PHP", False),
    ("twenty-five thousand dollars in prize money", "AU", 25_000, "AUD", False),
    ("about two million euros", "FR", 2_000_000, "EUR", True),
    ("three hundred and fifty thousand yuan", "CN", 350_000, "CNY", False),
    ("cost 200 yen to 1,000 yen per item", "JP", 200, "JPY", True),
    ("處新臺幣600元以上、1,200元以下罰鍰", "TW", 600, "TWD", True),
    # pesos by the article's country; other currencies' signs before 萬/億 in Chinese
    ("fines of up to 5 million pesos", "MX", 5_000_000, "MXN", True),
    ("加拿大推出C$1.25億的戰略", "TW", 125_000_000, "CAD", False),
    ("印度預算約₹1,037億", "TW", 103_700_000_000, "INR", True),
    ("英國投入£2,100萬", "HK", 21_000_000, "GBP", False),
    ("大马拨款RM1200万", "SG", 12_000_000, "MYR", False),
    ("約300亿肯尼亚先令", "CN", 30_000_000_000, "KES", True),
    ("投入上亿元", "CN", 100_000_000, "CNY", True),
    # 兆 in Taiwan's money; Saudi "SR"
    ("約US$1.3兆", "TW", 1_300_000_000_000, "USD", True),
    ("about SR420 million", "SA", 420_000_000, "SAR", True),
])
def test_amount_forms(config: SignalConfig, text: str, jurisdiction: str, value: float,
                      currency: str, approx: bool) -> None:
    amounts, dropped = find_amounts(text, config.amounts, jurisdiction)
    assert [(a.value, a.currency, a.approx) for a in amounts][:1] == [(value, currency, approx)]
    assert amounts[0].text in text and not dropped  # quoted as written


@pytest.mark.parametrize("text", [
    "In 2027 the department answered 2.6 million calls.",  # a year, a count
    "Call the 1823 hotline or 2345 6789.",  # a hotline, a phone number
    "Accuracy rose 18% and 5G sensors cover 30 junctions.",  # percentages, 5G
    "About 3,000 students in 12 schools, aged 19 to 42.",  # counts, ages
    "a model with 70 billion parameters",  # billion, but no currency
    "今年上半年熱線接聽量約為560萬次，按年增加8%。",  # 萬 without 元
    "元宇宙平台有2元宇宙概念股",  # 元宇宙 is not money
    "於2027年7月31日截止，熱線12345。",  # dates and a hotline
    "The 5G network serves 1,200 crore users.",  # crore, but no currency
    "The portal moved to PHP 8.2 and RM2 storage.",  # a language version, not pesos
    "",
])
def test_numbers_that_are_not_money(config: SignalConfig, text: str) -> None:
    assert find_amounts(text, config.amounts, "HK") == ([], [])


def test_letters_are_money_only_in_their_own_countrys_news(config: SignalConfig) -> None:
    for text in ("a R180 million contract", "RM500 storage", "an RM5 slot"):
        assert find_amounts(text, config.amounts, "US")[0] == []
    # two letters before a scale word are the ringgit anywhere: a Singapore story's
    # "up to RM1.5 million in Malaysia"
    amounts, _ = find_amounts("loans of up to RM1.5 million in Malaysia", config.amounts, "SG")
    assert [(a.value, a.currency) for a in amounts] == [(1_500_000, "MYR")]


def test_two_amounts_joined_by_and_are_two(config: SignalConfig) -> None:
    amounts, _ = find_amounts("it paid $5 million and $2 million", config.amounts, "US")
    assert [(a.value, a.approx) for a in amounts] == [(5_000_000, False), (2_000_000, False)]


def test_absurd_values_are_dropped_with_a_reason(config: SignalConfig) -> None:
    amounts, dropped = find_amounts("a $99,999,999 trillion budget and HK$5 million", config.amounts,
                                    "HK")
    assert [a.value for a in amounts] == [5_000_000]
    assert len(dropped) == 1 and "over the limit" in dropped[0] and "trillion" in dropped[0]


def test_each_value_and_currency_is_listed_once(config: SignalConfig) -> None:
    amounts, _ = find_amounts("HK$10 million now; the HK$10 million later; US$10 million",
                              config.amounts, "HK")
    assert [(a.value, a.currency) for a in amounts] == [(10_000_000, "HKD"), (10_000_000, "USD")]


# ---------------------------------------------------------------------------------- types

@pytest.mark.parametrize(("title", "text", "expected"), [
    ("Office invites tenders for AI chatbot",
     "The office invited tenders on Monday. Bids close next month.", ["procurement"]),
    ("VA awards AI contract", "The VA has awarded a $60 million contract to Acme.",
     ["contract_award"]),
    # the budget of a tender is its value, not a budget line (signal_context.toml part_of)
    ("數字辦公室招標", "數字政策辦公室今日公開招標，項目預算約300萬元。", ["procurement"]),
    ("數字辦公室招標", "數字政策辦公室今日公開招標。政府已為項目預留300萬元撥款。",
     ["procurement", "funding_budget"]),
    ("杭州大模型項目中標結果公布", "一家公司以人民幣5000萬元中標。", ["contract_award"]),
    ("Council launches a pilot of AI translation",
     "The council launched a pilot of AI translation in three libraries.", ["pilot"]),
    ("GovTech signs MoU with cloud provider", "GovTech signed a memorandum of understanding.",
     ["partnership"]),
    ("立法會質詢：人工智能", "議員提出質詢。", ["legislative_debate"]),
    ("Weather fine", "Sunny skies over the city all week.", []),
])
def test_types(config: SignalConfig, title: str, text: str, expected: list[str]) -> None:
    assert detect(title, text, config).signal_types == expected


def test_a_passing_generic_word_is_not_a_signal(config: SignalConfig) -> None:
    text = ("The hospital opened a new wing on Monday. Nurses welcomed the change. "
            "Staff said the old forum for complaints was useful.")
    assert detect("Hospital opens new wing", text, config).signal_types == []
    # ... but in the headline it is
    assert "event" in detect("AI forum opens", text, config).signal_types


def test_evidence_quotes_sentences_and_terms(config: SignalConfig) -> None:
    text = ("Filler sentence one here. The department invited tenders for the system. "
            "The tender closes on 26 June.")
    found = detect("", text, config, "HK", "2026-05-01")
    evidence = [e for e in found.signal_evidence if e["type"] == "procurement"]
    assert evidence[0] == {"type": "procurement",
                           "sentence": "The department invited tenders for the system.",
                           "terms": ["invited tenders"]}
    assert len(evidence) <= config.evidence_sentences


def test_a_false_friend_hides_only_its_own_type(config: SignalConfig) -> None:
    found = detect("", "The ministry launched a pilot of AI marking in ten schools.", config)
    assert "pilot" in found.signal_types and "deployment" not in found.signal_types


# ------------------------------------------------ is the cue the reported event? ([context])

@pytest.mark.parametrize(("title", "text", "absent"), [
    # a call for, a wish, a negation, an expectation, an existing rule: not the event
    ("Survey of civil servants", "Filler one. Filler two. The think tank called for clearer "
     "guidance and more training.", "policy_regulation"),
    ("Courts to use AI transcripts", "Filler one. Filler two. The Bar Council wanted clear "
     "rules on accuracy and new guidelines.", "policy_regulation"),
    ("Trial results due", "Filler one. Filler two. No decision will be made on a statewide "
     "rollout until the evaluation is published.", "deployment"),
    ("Quotes invited for AI tool", "Filler one. Filler two. The contract is expected to be "
     "awarded by the end of the year.", "contract_award"),
    ("勞工處提醒僱主", "天文台發出酷熱天氣警告。勞工處亦提醒僱主，應參考工作暫停指引保障僱員。",
     "policy_regulation"),
    ("代表建议制定人工智能应用规范", "多名代表提交建议，呼吁加快制定统一规范。", "policy_regulation"),
    # a caption is not what the article reports
    ("Lands Department maps", "Filler one. Filler two. Photo: An aerial photograph used in "
     "the department's trials and pilots. (Lands Department)", "pilot"),
    # a weak verb just before another type's term is that event's verb
    ("Hainan launches AI customs inspection pilot", "Filler.", "deployment"),
    ("国务院印发政务大模型部署应用管理规定", "内容。", "deployment"),
    # a bill sent to the legislature is not debated yet
    ("行政院會通過AI特別預算 將送立法院審議", "預算案將函送立法院審議。", "legislative_debate"),
])
def test_a_cue_that_is_not_the_reported_event_does_not_count(
        config: SignalConfig, title: str, text: str, absent: str) -> None:
    assert absent not in detect(title, text, config, "HK").signal_types


def test_a_hedge_governs_only_what_follows_it(config: SignalConfig) -> None:
    text = "The office published guidelines that say staff should check every answer."
    assert "policy_regulation" in detect("Office update", text, config).signal_types
    hedged = "Staff should check every answer under the guidelines."
    assert "policy_regulation" not in detect("Office update", hedged, config).signal_types


def test_a_hedge_does_not_discount_a_legislature(config: SignalConfig) -> None:
    # a question or a call is what a legislature does (legislative_debate: hedged = false)
    text = "Filler one. Filler two. The member urged the minister to table a motion on AI."
    assert "legislative_debate" in detect("Lawmaker urges minister to table AI motion", text,
                                          config).signal_types


@pytest.mark.parametrize(("title", "text", "present"), [
    # a weak verb with an amount just after it
    # (in the lead: one costed mention deeper down is not enough for funding, min_hits)
    ("GovTech and cloud provider sign pact", "Filler one. The two sides will "
     "jointly invest S$50m in training.", "funding_budget"),
    ("國科會與業者簽MOU", "內容一。三方未來五年將共同投入新臺幣10億元。", "funding_budget"),
    # a weak verb with a day and month before it in its clause
    ("衛生局AI預約助手", "衛生局宣布，自6月15日起在一戶通推出人工智能預約助手。", "deployment"),
    # a guide published as a document; a budget line in a sentence of its own
    ("新加坡发布指南", "数码发展及新闻部今天发布《公共机构使用人工智能代理指南》。",
     "policy_regulation"),
    ("海淀AI项目中标结果公布", "区城管委公布中标结果。区财政另安排预算800万元用于培训。",
     "funding_budget"),
    ("Dubai's AI assistant", "Filler. The assistant is now live on the platform.",
     "deployment"),
    ("重庆公开征集政务人工智能应用场景解决方案", "内容。", "procurement"),
    ("上海市大数据中心签约多家企业", "内容。", "partnership"),
])
def test_a_weak_word_that_is_the_reported_act_counts(config: SignalConfig, title: str,
                                                     text: str, present: str) -> None:
    assert present in detect(title, text, config, "TW").signal_types


def test_a_date_before_another_types_term_is_not_the_weak_words(config: SignalConfig) -> None:
    text = "朝阳区政务服务中心自9月1日起试点推出“AI导办”服务。"
    found = detect("政务服务中心试点AI导办", text, config, "CN")
    assert "pilot" in found.signal_types and "deployment" not in found.signal_types


# ---------------------------------------------------------------------------------- dates

@pytest.mark.parametrize(("text", "date", "kind"), [
    ("The tender closes on 30 July, the office said.", "2027-07-30", "deadline"),
    ("The pilot runs from September until the end of the year.", "2027-09", "start"),
    ("Work is due to begin on 1 October.", "2027-10-01", "start"),
    ("投標於7月31日截止。", "2027-07-31", "deadline"),
    ("新服務明年1月起全面推行。", "2028-01", "start"),
    ("The rules take effect on 24 June 2028.", "2028-06-24", "start"),
    ("Proposals are due by 15 September.", "2027-09-15", "deadline"),
    # Chinese numerals, as Hong Kong press releases write the day; a rule's first day; a term
    ("康文署今日（三月二日）起試行人工智能查詢服務。", "2027-03-02", "start"),
    ("招標將於十二月三十一日截止。", "2027-12-31", "deadline"),
    ("指南自2028年7月1日起適用於所有政府部門。", "2028-07-01", "start"),
    ("The contract runs for four years from 1 February 2028.", "2028-02-01", "start"),
    ("Applications open from 1 July 2027.", "2027-07-01", "start"),
    ("Systems in use must be registered by March 31, 2028.", "2028-03-31", "deadline"),
    # a weak word right after the date is strong; the next clause's cue is not the date's
    ("計劃將於七月三日起接受申請，截止日期另行公布。", "2027-07-03", "start"),
    ("申請受理至2027年7月31日止。", "2027-07-31", "deadline"),
    # full-width digits; applications that open; a period's end is not a start
    ("報名截止日期為２０２７年６月３０日。", "2027-06-30", "deadline"),
    ("首批资助申请将于2027年4月1日开放。", "2027-04-01", "start"),
    ("服務期限：2027年1月1日至2027年12月31日。", "2027-01-01", "start"),
    # a weekday before the date; an agreement that runs from a date
    ("The office put its AI assistant into service, for use from Monday, 14 February 2027.",
     "2027-02-14", "start"),
    ("The agreement with the hospitals runs from 1 May 2027.", "2027-05-01", "start"),
])
def test_dates_near_signal_terms(config: SignalConfig, text: str, date: str, kind: str) -> None:
    found = detect("", text, config, "HK", "2027-05-01T00:00:00Z").deadlines
    assert [(d["date"], d["kind"]) for d in found] == [(date, kind)]
    assert found[0]["text"] in text


def test_dates_without_cues_are_not_kept(config: SignalConfig) -> None:
    text = "Police arrested six people on 3 May in Kwun Tong. It rained in March 2026."
    assert detect("", text, config, "HK", "2027-05-01").deadlines == []


def test_dates_two_years_before_publication_are_history(config: SignalConfig) -> None:
    text = ("The directive, which took effect in 2019, was extended. The strategy launched in "
            "March 2025 is being revised. The EU rules apply from August 2026. The new rule "
            "applies from 1 March 2027, and the tender closes on 30 June 2028.")
    found = detect("", text, config, "IE", "2028-05-01").deadlines
    assert [(d["date"], d["kind"]) for d in found] == [("2027-03-01", "start"),
                                                       ("2028-06-30", "deadline")]
    # with no publication date nothing is history
    assert "2026-08" in [d["date"] for d in detect("", text, config, "IE").deadlines]


def test_a_date_without_a_publication_year_has_no_year(config: SignalConfig) -> None:
    found = detect("", "The tender closes on 30 July.", config)
    assert found.deadlines[0]["date"] == "--07-30"


# ---------------------------------------------------------------------------------- noise

@pytest.mark.parametrize(("sentence", "kept"), [
    ("By Priya Nair, 14 May 2027", None),
    ("With files from The Canadian Press", None),
    ("This report by The Canadian Press was first published March 3, 2028.", None),
    ("The Canadian Press", None),
    ("The views expressed are the author's own.", None),
    ("Have your say in the comments below.", None),
    ("Pictured: Teams at the opening of the GovHack weekend.", None),
    ("By Priya Nair, 14 May 2027 Services Australia will roll out the tool.",
     "Services Australia will roll out the tool."),
    ("HONG KONG, May 14 (Reuters) - The office said it would buy the tool.",
     "The office said it would buy the tool."),
    ("By September the tool will be in use.", "By September the tool will be in use."),
    # bylines with a role or a place, editors' notes, press-release ends, date-only lines
    ("By Tom Harding, Public Sector Correspondent, 19 November 2027", None),
    ("By Marie Tremblay, Ottawa", None),
    ("By March, the agency will roll out the tool.", "By March, the agency will roll out the tool."),
    ("[This story has been updated to include comments from the department.]", None),
    ("Editor's note: an earlier version misnamed the agency.", None),
    ("Ends/Wednesday, May 12, 2027", None),
    ("Issued at HKT 15:30", None),
    ("Wednesday, May 12, 2027", None),
    ("完", None),
    ("2027年11月24日（星期三）", None),
    ("香港時間12時30分", None),
    ("（編輯：張雅婷）", None),
    ("(Xinhua)", None),
    ("本文章屬「智慧城市」系列報道。", None),
    ("本文属于“AI与生活”系列报道。", None),
    ("The office said (in a statement) that it would buy the tool.",
     "The office said (in a statement) that it would buy the tool."),
    ("Photo: Officers display phones seized in the raids. (Police)", None),
    ("This story is part of our series on digital government.", None),
    ("Copyright 2026 Example News. All rights reserved.", None),
    ("責任編輯：劉洋", None),
    ("記者陳怡君／台北報導", None),
    ("本文為「數字政府」系列報道之一。", None),
    ("【本報訊】", None),
    ("-Ends-", None),
    ("OPINION", None),
    ("Dr Aroha Tane lectures in public law at the University of Otago.", None),
    ("Participants at Station F on Saturday (AFP)", None),
    ("- ENDS - About Digital Dubai: Digital Dubai was established in 2021.", None),
    ("Budget 2028: Read all our coverage here", None),
    ("Also Read: Telangana launches AI skilling portal for students", None),
    ("Dana Whitlock is a former contracting officer who writes about government technology.",
     None),
    ("欢迎订阅《联合早报》电子报，获取更多本地新闻", None),
    ("The department awarded the contract in May.", "The department awarded the contract in May."),
    # disclaimers, a bracketed wire credit, a source line, a columnist's line
    ("This article does not constitute investment advice.", None),
    ("此文章只供參考，不構成任何投資建議。", None),
    ("(Reporting by Claire Martin; Editing by Tom Hale)", None),
    ("本文来源：审计署网站", None),
    ("作者為資訊科技界人士。", None),
    ("本文只代表作者個人意見。", None),
    ("Comments will be moderated. Remarks containing abuse will be removed.", None),
    ("Follow our full coverage of Gitex Global 2028 here", None),
    ("(END)", None),
    ("Photo courtesy of DICT", None),
    ("READ: DICT eyes AI-ready barangays by 2030", None),
    ("扫描下方二维码，关注“政采观察”公众号，获取更多政府采购动态。", None),
    ("By Chen Yu-ting / Staff reporter", None),
    ("不用抽 不用搶 現在用APP看新聞 保證天天中獎　點我下載APP", None),
    ("Got a tip? Reach our reporter securely on Signal.", None),
    ("Tech & Law · 5 min read", None),
    ("Local Democracy Reporting is Public Interest Journalism funded through NZ On Air.", None),
    ("傳媒查詢：請致電金管局傳訊組 2878 8222。", None),
    ("附件：政务大模型平台采购需求（征求意见稿）.pdf", None),
    ("Published - August 08, 2028 10:41 pm IST", None),
])
def test_noise_screen(config: SignalConfig, sentence: str, kept: str | None) -> None:
    assert noise_of(config).clean(sentence) == kept


# ---------------------------------------------------------------------------------- config

def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "signals.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(("toml", "message"), [
    ('[[type]]\nid = "x"\nterms_en = ["a"]\nmin_hits = "two"\n',
     "signals.toml: type 'x': key 'min_hits': expected an integer or a number, got 'two'"),
    ('[[type]]\nid = "Bad Id"\nterms_en = ["a"]\n',
     "type 'Bad Id': key 'id': not a lowercase identifier"),
    ('[[type]]\nid = "x"\n', "type 'x': key 'terms_en': no terms"),
    ('[[type]]\nid = "x"\nterms_en = ["a"]\ncolour = "red"\n',
     "type 'x': key 'colour': unknown key"),
    ('[[type]]\nid = "x"\nterms_en = ["a"]\nsection = "top"\n',
     "type 'x': key 'section': unknown value 'top'"),
    ('[[type]]\nid = "x"\nterms_en = ["a"]\nweak_en = ["a"]\n',
     "type 'x': key 'weak_en': 'a' is also in terms_en"),
    ('[[type]]\nid = "x"\nterms_en = ["a"]\n[[type]]\nid = "x"\nterms_en = ["b"]\n',
     "type 'x': key 'id': duplicate id 'x'"),
    ('[[type]]\nid = "x"\nterms_en = ["a"]\n[amounts.dollar]\nHK = "hk dollars"\n',
     "[amounts]: key 'dollar.HK': expected an ISO 4217 code"),
    ('[[type]]\nid = "x"\nterms_en = ["a"]\n[noise]\ndrop = ["(unclosed"]\n',
     "[noise]: key 'drop': invalid regular expression"),
    ('[[type]]\nid = "x"\nterms_en = ["a"]\n[noise]\nfooter = ["About (x"]\n',
     "[noise]: key 'footer': invalid regular expression"),
    ('[[type]]\nid = "x"\nterms_en = ["a"]\n[noise]\nfooter = ["(?i)^about us$"]\n',
     "[noise]: key 'footer': '(?i)^about us$': a global flag"),
    ('[[type]]\nid = "x"\nterms_en = ["a"]\n[context]\nnot_hedges_zh = [2]\n',
     "[context]: key 'not_hedges_zh': expected"),
    ('[[type]]\nid = "x"\nterms_en = ["a"]\nyields = "yes"\n',
     "type 'x': key 'yields': expected"),
    ('[[type]]\nid = "x"\nterms_en = ["a"]\n[context]\nhedge_weight = -1\n',
     "[context]: key 'hedge_weight': must be at least 0"),
    ('[[type]]\nid = "x"\nterms_en = ["a"]\n[context]\nhedges = ["not"]\n',
     "[context]: key 'hedges': unknown key"),
    ('[[type]]\nid = "x"\nterms_en = ["a"]\nspanning_en = ["signed contract with"]\n',
     "type 'x': key 'spanning_en': 'signed contract with': expected"),
    ('[[type]]\nid = "x"\nterms_en = ["a"]\nspanning_en = ["signed … contract … with"]\n',
     "type 'x': key 'spanning_en'"),
    ('[[type]]\nid = "x"\nterms_en = ["a"]\nmoney_only_en = ["commits"]\n',
     "type 'x': key 'money_only_en': needs money = true"),
    ('[[type]]\nid = "x"\nterms_en = ["a"]\nmoney = true\nmoney_only_en = ["a"]\n',
     "type 'x': key 'money_only_en': 'a' is also in terms_en"),
    ('[[type]]\nid = "x"\nterms_en = ["a"]\n[context]\nhedges_always_en = [1]\n',
     "[context]: key 'hedges_always_en': expected"),
    ('[[type]]\nid = "x"\nterms_en = ["a"]\nspanning_zh = ["批出合約"]\n',
     "type 'x': key 'spanning_zh': '批出合約': expected"),
    ('type = "x"\n', "key 'type': expected a list"),
    ('[[type]\n', "invalid TOML"),
])
def test_malformed_taxonomy_fails_naming_file_entry_and_key(tmp_path: Path, toml: str,
                                                             message: str) -> None:
    path = _write(tmp_path, toml)
    with pytest.raises(ConfigError) as err:
        load_signal_config(path)
    assert str(path) in str(err.value) and message in str(err.value)
    assert "\n" not in str(err.value)


def test_the_shipped_taxonomy_has_the_issue_types(config: SignalConfig) -> None:
    ids = [t.id for t in config.types]
    assert ids == ["procurement", "contract_award", "pilot", "deployment", "policy_regulation",
                   "funding_budget", "legislative_debate", "partnership", "event"]
    assert {t.id for t in config.types if t.section == "tenders"} == {"procurement",
                                                                     "contract_award"}
    assert all(t.label and t.label_zh and t.description for t in config.types)


# ---------------------------------------------------------------------------------- golden

GOLDEN = sorted(FIXTURES.glob("*.txt"))


@pytest.mark.parametrize("path", GOLDEN, ids=[p.stem for p in GOLDEN])
def test_golden(path: Path) -> None:
    expected = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    assert expected_for(read_fixture(path)) == expected, (
        f"{path.name} changed; if deliberate: .venv/bin/python -m tests.regen_signals")


def test_golden_files_cover_the_promises() -> None:
    data = {p.stem: json.loads(p.with_suffix(".json").read_text(encoding="utf-8"))
            for p in GOLDEN}
    assert len(data) >= 4
    for name, result in data.items():
        text = read_fixture(FIXTURES / f"{name}.txt")["text"]
        for signal in result["key_signals"]:
            assert signal in text and signal not in result["summary"]
        for amount in result["amounts"]:
            assert amount["text"] in text  # nothing invented
    tender = data["tender-en"]
    assert tender["signal_types"][0] == "procurement"
    assert not any("Photo" in s or "Sign up" in s or "By Alex" in s
                   for s in [tender["summary"], *tender["key_signals"]])


# ---------------------------------------------------------------------------------- adapter

def test_adapter_fills_fields_counts_and_logs(caplog: pytest.LogCaptureFixture) -> None:
    crawler = get_crawler(settings_dict={"GOVWATCH_CONFIG_DIR": str(CONFIG)})
    pipeline = SignalsPipeline.from_crawler(crawler)
    item = Article(url="https://x/1", source_id="s", fetched_at="2027-05-01T00:00:00Z",
                   title="Office invites tenders", source_jurisdiction="HK",
                   text="The office invited tenders for a $5 million system. "
                        "A misprint said $99,999,999 trillion.")
    with caplog.at_level(logging.INFO, logger="pipelines.signals"):
        assert pipeline.process_item(item) is item
    assert item.signal_types[0] == "procurement"
    assert item.amounts == [{"text": "$5 million", "value": 5_000_000, "currency": "HKD",
                             "approx": False}]
    assert "https://x/1" in caplog.text and "over the limit" in caplog.text


# ------------------------------------------------------------ signal_context.toml validation

def _context(tmp_path: Path, text: str) -> SignalConfig:
    (tmp_path / "signals.toml").write_text(SIGNALS.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "signal_context.toml").write_text(text, encoding="utf-8")
    return load_signal_config(tmp_path / "signals.toml")


@pytest.mark.parametrize(("toml", "message"), [
    ("colour = 1\n", "key 'colour': unknown key"),
    ("body_hits = -1\n", "key 'body_hits': must be at least 0"),
    ("[frames]\nweight = 2\n", "[frames]: key 'weight': must be between 0 and 1"),
    ("[past]\nyears = \"yes\"\n", "[past]: key 'years': expected true or false"),
    ("[frames]\nen = [\"\"]\n", "[frames]: key 'en': expected a list of non-empty strings"),
    ('[[type]]\nid = "grants"\n', "type 'grants': key 'id': unknown signal type 'grants'"),
    ('[[type]]\nid = "event"\npart_of = ["tenders"]\n',
     "type 'event': key 'part_of': not another signal type of signals.toml: 'tenders'"),
    ('[[type]]\nid = "event"\nnamed = 1\n', "type 'event': key 'named': expected true or false"),
    ('[[type]]\nid = "procurement"\nfollowed_by = ["awards"]\n',
     "type 'procurement': key 'followed_by': not another signal type of signals.toml: 'awards'"),
    ("[past]\nended_fr = [\"fini\"]\n", "[past]: key 'ended_fr': unknown key"),
    ("[opinion]\nweight = 1.5\n", "[opinion]: key 'weight': must be between 0 and 1"),
    ("[opinion]\nfr = [\"Avis\"]\n", "[opinion]: key 'fr': unknown key"),
    ('[actor]\ntypes = ["grants"]\n', "[actor]: key 'types': not a signal type of signals.toml: 'grants'"),
    ("[actor]\nweight = -0.5\n", "[actor]: key 'weight': must be between 0 and 1"),
    ('[[type]]\nid = "deployment"\nfuture_after = ["awards"]\n',
     "type 'deployment': key 'future_after': not another signal type of signals.toml: 'awards'"),
    ("[future]\nfr = [\"sera\"]\n", "[future]: key 'fr': unknown key"),
    ('[[type]]\nid = "event"\n[[type]]\nid = "event"\n', "key 'id': duplicate id 'event'"),
    ("[past\n", "invalid TOML"),
])
def test_malformed_context_fails_naming_file_entry_and_key(tmp_path: Path, toml: str,
                                                           message: str) -> None:
    config = _context(tmp_path, toml)
    with pytest.raises(ConfigError) as err:
        check_config(config)
    with pytest.raises(ConfigError):
        detect("Title", "Text.", config)
    assert str(tmp_path / "signal_context.toml") in str(err.value)
    assert message in str(err.value) and "\n" not in str(err.value)
    # a crawl stops at the start, not on the first article
    crawler = get_crawler(settings_dict={"GOVWATCH_CONFIG_DIR": str(tmp_path)})
    with pytest.raises(ConfigError):
        SignalsPipeline.from_crawler(crawler)


def test_a_folder_without_the_context_file_uses_the_shipped_one(tmp_path: Path) -> None:
    # a taxonomy of its own: the shipped file's entries for other types are left out
    (tmp_path / "signals.toml").write_text(
        'lead_sentences = 2\nlead_hits = 1.5\n[[type]]\nid = "event"\nweak_en = ["forum"]\n'
        'terms_en = ["summit"]\n',
        encoding="utf-8")
    config = load_signal_config(tmp_path / "signals.toml")
    assert detect("AI summit opens", "Text.", config).signal_types == ["event"]
    # the shipped event rule (named) applies
    found = detect("Update", "Officials met at the Public Sector AI Forum.", config)
    assert found.signal_types == ["event"]
