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
    assert "legislative_debate" in detect("Group writes to council", text, config).signal_types


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


# -------------------------- is the cue the reported event? (config/signal_context.toml)

PUBLISHED = "2027-06-01"


@pytest.mark.parametrize(("title", "text", "absent"), [
    # a frame: the framework an event follows, not the event
    ("Ontario issues RFP for AI assistant", "The ministry issued a request for proposals. "
     "The assistant must meet the province's Responsible Use of Artificial Intelligence "
     "Directive.", "policy_regulation"),
    ("Commission opens tender", "The Commission opened a call for tenders. The services must "
     "comply with the AI Act.", "policy_regulation"),
    ("數字辦公室招標", "數字政策辦公室公開招標。系統須符合《生成式人工智能技術及應用指引》的要求。",
     "policy_regulation"),
    # the past: a year before the article's, a word of the past, a short time phrase
    ("Senators question agency", "The consultancy was competitively tendered in 2025.",
     "procurement"),
    ("Hospital update", "Last year, the authority rolled out an AI triage tool.", "deployment"),
    ("教育局回覆", "教育局已於2025年向學校發出使用生成式人工智能的參考指引。", "policy_regulation"),
    ("議員質詢", "過去三個學年，優質教育基金資助學校推行人工智能項目。", "funding_budget"),
    # a question, a negation, a wish, "in due course"
    ("LCQ7: AI in hospitals", "Will the Government say whether it has set a timetable for a "
     "territory-wide rollout of AI radiology?", "deployment"),
    ("Hospital update", "The authority has no timetable for a rollout of the tool.",
     "deployment"),
    ("Survey finds public servants use AI without guidance", "Filler.", "policy_regulation"),
    ("議員書面質詢政府會否規管公共部門使用人工智能", "內容。", "policy_regulation"),
    ("民调：六成国人担心人工智能", "受访者希望政府在下一份财政预算案中加强培训支持。",
     "funding_budget"),
    # a cost is not money set aside
    ("Senators question consultant spending", "Filler.", "funding_budget"),
    # the winning supplier of an open tender is not an award
    ("杭州就政务大模型平台采购需求公开征求意见", "中标供应商须在合同签订后180日内完成平台部署。",
     "contract_award"),
])
def test_background_mentions_do_not_count(config: SignalConfig, title: str, text: str,
                                          absent: str) -> None:
    assert absent not in detect(title, text, config, "HK", PUBLISHED).signal_types


def test_a_year_is_past_only_before_the_articles_year(config: SignalConfig) -> None:
    text = "The consultancy was competitively tendered in 2025."
    assert "procurement" in detect("Update", text, config, "AU", "2025-03-01").signal_types
    assert "procurement" not in detect("Update", text, config, "AU", PUBLISHED).signal_types
    # money and counts are not years
    assert "funding_budget" in detect("Update", "市財政安排專項資金2000萬元支持試點。", config,
                                      "CN", PUBLISHED).signal_types


def test_one_body_mention_needs_a_date_or_an_amount(config: SignalConfig) -> None:
    lead = "The council met on Monday. Officials discussed staffing."
    vague = lead + " Officials cited uncertainty over guidelines."
    assert "policy_regulation" not in detect("Council meets", vague, config).signal_types
    assert "procurement" not in detect(
        "Council meets", lead + " Officials cited uncertainty over tenders.", config).signal_types
    dated = lead + " The tender for the system closes on 1 July."
    assert "procurement" in detect("Council meets", dated, config, "HK", PUBLISHED).signal_types
    # a contract award is rarely background: contract_award keeps body_hits 1
    award = lead + " The contract was awarded to a local firm."
    assert "contract_award" in detect("Council meets", award, config).signal_types


def test_a_byline_line_does_not_push_the_lead_down(config: SignalConfig) -> None:
    text = ("By Tom Harding, Public Sector Correspondent, 19 November 2027\n"
            "Filler sentence.\nThe office rolled out the chatbot to all staff.")
    assert "deployment" in detect("Office news", text, config).signal_types


@pytest.mark.parametrize("text", [
    "Filler. The guidelines were presented at the Public Sector AI Forum in Sejong.",
    "Filler. Officials will explain the rules at a free seminar at the library on 25 June.",
])
def test_a_named_or_dated_event_counts(config: SignalConfig, text: str) -> None:
    assert "event" in detect("Ministry finalises rules", text, config, "KR",
                             PUBLISHED).signal_types
    # in passing, an unnamed and undated one does not
    assert "event" not in detect("Ministry finalises rules", "Filler. Officials told a forum "
                                 "of the rules.", config).signal_types


@pytest.mark.parametrize(("title", "text", "kept", "dropped"), [
    # an award story recalls its tender: the award is the news
    ("Board picks firm for AI call analytics contract",
     "The board has awarded a S$14.2 million contract to a local firm. The tender, called "
     "in March, drew nine bids.", "contract_award", "procurement"),
    # a tender notice names its future winner in passing: the tender is the news
    ("北市資訊局公告招標 熱線導入AI語音客服",
     "臺北市政府資訊局今日公告招標。得標廠商須於簽約後一年內完成建置。",
     "procurement", "contract_award"),
])
def test_a_tender_and_its_award_are_one_process(config: SignalConfig, title: str, text: str,
                                                kept: str, dropped: str) -> None:
    found = detect(title, text, config, "SG", PUBLISHED).signal_types
    assert kept in found and dropped not in found
    # each on its own is still found
    alone = {"procurement": "The ministry has invited tenders for an AI tool.",
             "contract_award": "The ministry has awarded a contract for an AI tool."}
    assert dropped in detect("Update", alone[dropped], config).signal_types


def test_an_opinion_piece_reports_no_event(config: SignalConfig) -> None:
    text = "Few governments have run as many AI pilots as Singapore. Evidence is missing."
    assert "pilot" in detect("Singapore should aim higher", text, config).signal_types
    assert "pilot" not in detect("Commentary: Singapore should aim higher", text,
                                 config).signal_types
    assert "pilot" not in detect("Singapore should aim higher",
                                 text + "\nThe views expressed are the writer's own.",
                                 config).signal_types
    zh = "各部門紛紛推出先導計劃。然而證據仍然不足。"
    assert "pilot" in detect("公營機構用AI", zh, config).signal_types
    assert "pilot" not in detect("公營機構用AI", zh + "\n（文章僅代表作者個人意見）",
                                 config).signal_types
    # a strong, repeated cue still makes a type
    strong = "The agency launched a pilot. The pilot runs in six offices. The pilot ends in May."
    assert "pilot" in detect("Commentary: the agency's AI pilot", strong, config).signal_types


@pytest.mark.parametrize(("title", "text", "absent"), [
    ("Commission updates model clauses", "The Commission said it was not itself launching a "
     "tender.", "procurement"),
    ("MSD shelves AI case-notes trial", "Filler.", "pilot"),
    ("Agency update", "Filler. The trial has been completed and the tool was not extended.",
     "pilot"),
    ("Appropriators back AI hub", "The committee approved a spending bill.",
     "policy_regulation"),
    ("Lawmakers grill agency", "Members of the National Assembly's committee questioned "
     "officials.", "event"),
    ("數字辦發布指引", "發言人表示，指引本身不涉及任何新的採購項目。", "procurement"),
    # a thousands separator is no clause break: the past clause is short
    ("社署試行AI", "獎券基金去年已批出1,860萬元，資助院舍購置樂齡科技產品。", "funding_budget"),
    # a tender notice's value field is the tender's, not a budget line
    ("公开招标公告", "预算金额：1860.00万元（人民币）", "funding_budget"),
    # a consultation is launched, no system; a rule "on trial" is a rule; a household's
    # budget; money spent so far; a pilot that passed acceptance is over
    ("MAS launches consultation on use of AI by advisers", "Filler.", "deployment"),
    ("浙江印发政务大模型应用管理规范（试行）", "内容。", "pilot"),
    ("AI记账App走红", "App可帮助家庭制定每月预算。用户管理家庭预算。", "funding_budget"),
    ("上海AI客服上线", "内容。据介绍，平台建设以来累计投入约4亿元。", "funding_budget"),
    ("苏州政务AI审批试点项目通过验收", "内容。", "pilot"),
    # a legislature named Assembly; a request for money; a permission in a policy; a
    # signing to build together; oversight that names a pilot; a detail of an award
    ("Lawmakers grill agencies", "The California Assembly's Privacy Committee held a "
     "hearing on Wednesday.", "event"),
    ("State ties up with institute", "Filler. Officials said the cost, about Rs 18 crore, "
     "is money the IT department would seek in next year's budget.", "funding_budget"),
    ("广东印发指导意见", "意见提出，各地市可结合实际开展试点。", "pilot"),
    ("峰会开幕 福建签约共建政务大模型平台", "内容。", "contract_award"),
    ("南京启动医保基金人工智能监管试点", "内容。", "policy_regulation"),
    ("海淀AI项目中标结果公布", "区城管委公布中标结果，一家公司以3,260万元中标。"
     "该项目预算为3,500万元。", "funding_budget"),
    # a condition on a future act; members named in passing; a pilot as a stage; a call
    # for opinions; a signing of a cooperation deal; a contract's budget; a review to come
    ("Commission proposes rules", "Filler. Agencies must run impact assessments before "
     "they are switched on.", "deployment"),
    ("IRS asks industry for ideas", "Filler. Long waits have been a complaint from "
     "taxpayers and lawmakers.", "legislative_debate"),
    ("研报：政务大模型市场升温", "研报认为，政务大模型正从试点走向规模化应用。", "pilot"),
    ("市政府公开征集意见", "内容。", "procurement"),
    ("上海市大数据中心签约多家企业", "内容。", "contract_award"),
    ("數字辦招標", "內容。發言人表示，是次合約預算約2,800萬元。", "funding_budget"),
    ("政院通過條例草案", "行政院會今日通過草案，將函請立法院審議。", "legislative_debate"),
    # a company raising money is no budget line
    ("Start-up raises €15.5 million", "The company has raised €15.5 million in a Series A "
     "funding round.", "funding_budget"),
    # a system put into operation; a fund's application guide; a tender notice's fields; a
    # website's name; a comment column; a possibility; a condition; money recovered
    ("機管局批出合約 明年首季起分段投入運作", "內容。", "funding_budget"),
    ("上海设立专项资金", "市经信委印发《2028年度人工智能专项资金申报指南》。", "policy_regulation"),
    ("臺北市資訊局招標公告", "決標方式：最有利標。履約期限：決標次日起360日。", "contract_award"),
    ("EU opens grant call", "The call was published on the EU Funding & Tenders Portal.",
     "procurement"),
    ("人民网评：政务大模型莫成面子工程", "不少地方争相宣布上线政务大模型。", "deployment"),
    ("State hackathon kicks off", "Filler. The best solutions may be taken up for pilots.",
     "pilot"),
    ("Budget funds AI", "Filler. An assurance team checks projects before they go live.",
     "deployment"),
    ("审计发现问题", "内容。有关地方已完成整改，并追回资金1200余万元。", "funding_budget"),
    # a bid for shares; bids put into a tender box; a time after a launch; a chance; a
    # sentence opened by a past time phrase (the commas after it are a name's)
    ("Austin firm launches tender offer", "Lonestar has launched a $1.1 billion tender offer "
     "for a rival.", "procurement"),
    ("數字辦招標", "投標者須於2028年4月7日前把標書投入投標箱。", "funding_budget"),
    ("北市資訊局招標", "內容。舊系統將在新系統上線後停用。", "deployment"),
    ("臺中黑客松登場", "內容。首獎隊伍有機會與市府合作進行概念驗證。", "pilot"),
    ("回看成都医保AI审核试点", "内容。两年追回违规资金1.06亿元。", "funding_budget"),
    ("How the first AI experiments went", "Filler. In 2018, Immigration, Refugees and "
     "Citizenship Canada began using analytics.", "deployment"),
    # a wish; a rule's scope; a foundation as organiser; a contract's ceiling; conditions
    ("Ohio BMV eyes AI chatbot", "Filler. The agency hopes to issue a request for "
     "information next year.", "procurement"),
    ("OMB issues new rules", "Filler. The requirements apply to solicitations issued after "
     "1 January.", "procurement"),
    ("澳門科技周開幕", "由科學技術發展基金會主辦的科技周今日開幕。", "funding_budget"),
    ("DICT awards AI contract", "Filler. The project carries an approved budget for the "
     "contract of ₱1.2 billion.", "funding_budget"),
    ("數字辦發布指引", "內容。系統須經部門首長批准方可上線，並須在上線前完成測試。", "deployment"),
    # where a cost's money comes from; a comparison; an intention; a scheme for a term
    ("Paris hospitals trial AI", "Filler. The experiment costs €900,000, financed from its "
     "digital innovation budget.", "funding_budget"),
    ("Boston hires startup", "Filler. The contract is a small fraction of the city's $4.6 "
     "billion operating budget.", "funding_budget"),
    ("Queensland eyes AI", "Filler. The state intends to trial AI in emergency departments "
     "within two years.", "pilot"),
    ("资媒局拨款推动AI", "资媒局今天宣布拨款1亿元，推出为期三年的加速计划。", "deployment"),
    # a room; a time of the past (當時); a pilot as a stage
    ("DICT opens bidding", "Filler. Bids will be opened in public at the DICT Conference "
     "Room.", "event"),
    ("回顧地方政府的AI之路", "內容。桃園市當時曾引發議會對預算效益的質疑。", "funding_budget"),
    ("【專題】從試辦到普及", "內容。", "pilot"),
    # none yet; a comparison with a budget; an awards dinner; a fund as an organisation
    ("Boston eyes AI", "Filler. No request for proposals has been issued.", "procurement"),
    ("Boston eyes AI", "Filler. The city spent $29 million on snow removal, well above its "
     "budget.", "funding_budget"),
    ("Teams honored at AI awards dinner", "Filler.", "contract_award"),
    # a named prize; money set aside before the reported act; last financial year's awards;
    # one legislator commenting is no debate
    ("Telangana's AI service wins gold at GovTech Excellence Awards", "Filler.",
     "contract_award"),
    ("Tokyo awards AI contract", "Filler. The bureau had set aside ¥1.8 billion for the "
     "project in its budget.", "funding_budget"),
    ("GovTech and NUS sign pact", "Filler. The Government awarded more than S$3.8 billion in "
     "ICT contracts in the last financial year.", "contract_award"),
    ("消息指稅務局研究引入AI", "內容。有立法會議員表示，會要求當局交代。", "legislative_debate"),
    ("粵澳論壇舉行", "內容。澳門科學技術發展基金與橫琴經濟發展局簽署框架協議。基金負責人"
     "表示，雙方將合作。", "funding_budget"),
    # a tender's ceiling, how a tender will be decided, a pilot's cost: not funding, no award
    ("數字政策辦公室招標開發人工智能系統", "數字政策辦公室今日發出招標公告。根據招標文件，"
     "合約為期三年，預算上限約4,800萬元。", "funding_budget"),
    ("北市招標AI公車到站預測系統", "交通局公告以公開招標方式徵求廠商。截止投標時間為"
     "2028年4月18日下午5時，本案採最有利標決標。", "contract_award"),
    ("台中試辦AI路口偵測", "交通局自2028年5月15日起試辦偵測系統。試辦經費約新台幣480萬元，"
     "由中央補助款支應。", "funding_budget"),
    # supervision done with AI is no rule; a condition before a service goes live
    ("广东五市试点医保基金人工智能智能监管", "广东省医疗保障局近日印发通知，决定开展试点。",
     "policy_regulation"),
    ("网信办就管理规定征求意见", "征求意见稿要求政务部门在上线生成式人工智能服务前开展安全评估。",
     "deployment"),
    # bidding for a fund, a court's costs, a tender that was launched, a tender's
    # indicative budget, a fund manager, a committee's name, a plan, a draft still studied
    ("£30 million fund for councils", "Filler. Councils in England will be able to bid for a "
     "share of the fund from 1 July.", "procurement"),
    ("Court orders lender to pay damages", "Filler. The court also awarded N10 million in "
     "costs against the company on 3 May.", "contract_award"),
    ("Agency awards job-matching contract", "The agency has awarded a contract. It was awarded "
     "after an EU-wide tender launched last year.", "deployment"),
    ("NSW goes to market for AI", "The department has gone to market. It has set an "
     "indicative budget of $7 million for the eventual contract.", "funding_budget"),
    ("Senators question welfare agency", "Filler. At a hearing of the Community Affairs "
     "Legislation Committee on 3 May, officials answered.", "policy_regulation"),
    ("Brazil releases funds", "Filler. The minister said the ministry plans to launch a tender "
     "next year, estimated at R$ 300 million.", "procurement"),
    ("立委質詢數發部", "內容。部長說，研議中的AI指引將於12月1日公布。", "policy_regulation"),
    ("大会开幕", "内容。香港一家基金管理公司宣布在南沙设立规模10亿港元的人工智能产业基金。",
     "funding_budget"),
    ("數發部招標", "數發部今天公告公開招標。得標廠商須在決標後6個月內完成建置。",
     "contract_award"),
    # a person named Bill; a jury's damages; talk of a tender; R&D spending; welfare
    # grants; money "funded under" an existing allocation
    ("Agency signs contract", "Filler. Department spokesperson Bill Tanaka said the contract "
     "runs to 3 May.", "policy_regulation"),
    ("Jury finds against software maker", "Filler. The jury awarded the plaintiffs $7.8 "
     "million in damages on 3 May.", "contract_award"),
    ("Health service reforms", "Filler. Now there is talk of a new AI tender for hospital "
     "scheduling, possibly worth €50m.", "procurement"),
    ("星衍智能发布年报", "内容。财报显示，公司全年研发投入超过2亿元。", "funding_budget"),
    ("Agency checks grant applications", "Filler. The SRD grant pays R370 a month to 3 "
     "million people.", "funding_budget"),
    ("DICT launches app", "DICT launched an app on 3 May. The project was funded under the "
     "department's P2.1-billion eGovernment allocation.", "funding_budget"),
    # a prize, not a contract
    ("Start-up wins prize", "Filler. The awards are run by a not-for-profit group and "
     "sponsored by agribusinesses on 3 May.", "contract_award"),
])
def test_negations_stops_and_lookalikes_do_not_count(config: SignalConfig, title: str,
                                                     text: str, absent: str) -> None:
    assert absent not in detect(title, text, config, "HK", PUBLISHED).signal_types


def test_an_earlier_phase_is_past_only_for_what_follows_it(config: SignalConfig) -> None:
    text = ("The trust has signed a contract with a supplier. The four-year deal was awarded "
            "after a competitive process.")
    assert "contract_award" in detect("Leeds hospitals sign AI deal", text, config, "GB",
                                      PUBLISHED).signal_types
    assert "pilot" not in detect("Update", "Filler. It was bought after a two-year trial.",
                                 config, "GB", PUBLISHED).signal_types


def test_a_go_live_still_to_come_is_the_contracts_detail(config: SignalConfig) -> None:
    award = ("Leeds Teaching Hospitals NHS Trust has awarded a £3.8m contract for AI software. "
             "The trust said the new system would go live on 3 July 2028.")
    found = detect("Leeds hospitals award AI contract", award, config, "GB", PUBLISHED)
    assert "contract_award" in found.signal_types and "deployment" not in found.signal_types
    # alone, or live now, a roll-out is news of its own
    alone = "The trust said the new AI system would go live on 3 July 2028."
    assert "deployment" in detect("Leeds hospitals to switch on AI", alone, config, "GB",
                                  PUBLISHED).signal_types
    now = award.replace("would go live on 3 July 2028", "went live on Monday")
    assert "deployment" in detect("Leeds hospitals award AI contract", now, config, "GB",
                                  PUBLISHED).signal_types


def test_new_rule_and_tender_terms(config: SignalConfig) -> None:
    code = "The Digital Ministry has launched a national code on AI governance for ministries."
    found = detect("Govt launches AI governance code", code, config, "MY", PUBLISHED)
    assert "policy_regulation" in found.signal_types and "deployment" not in found.signal_types
    eoi = "渠務署今日邀請有興趣的機構就人工智能系統提交意向書。"
    assert "procurement" in detect("渠務署邀請提交意向書", eoi, config, "HK",
                                   PUBLISHED).signal_types


def test_a_hotline_number_is_no_year(config: SignalConfig) -> None:
    # 1999 before a Chinese word is the Taipei hotline, not a year of the past
    text = "臺中市政府宣布，1999市民專線將自8月1日起試辦AI語音客服。"
    assert "pilot" in detect("中市1999熱線導入AI 8月起試辦", text, config, "TW",
                             "2028-01-01").signal_types


def test_a_finished_act_is_past_in_its_own_clause_only(config: SignalConfig) -> None:
    ended = "浙江省政務服務辦公室表示，試點已順利結束，將自7月1日起在全省推廣應用。"
    found = detect("浙江AI審批助手", ended, config, "CN", PUBLISHED).signal_types
    assert "deployment" in found and "pilot" not in found
    # a time phrase sets the next clause's time
    assert "contract_award" not in detect(
        "Update", "據了解，該助手於去年上線，由一家科技企業中標建設。", config, "CN",
        PUBLISHED).signal_types


def test_a_modal_right_after_a_term_makes_it_a_possibility(config: SignalConfig) -> None:
    text = ("Speaking in Auckland, the minister said a tender could be in the market by "
            "mid-2029. Inland Revenue handles 4 million calls a year.")
    assert "procurement" not in detect("Inland Revenue call centre", text, config, "NZ",
                                       PUBLISHED).signal_types
    # a modal further on, or in another clause, leaves the term alone
    text = ("The council issued a tender on Monday, and officials said the system could "
            "save six hours a week. Bids close on 30 June.")
    assert "procurement" in detect("Council call centre", text, config, "GB",
                                   PUBLISHED).signal_types


def test_a_decree_and_a_starred_question_are_found(config: SignalConfig) -> None:
    decree = detect("France orders councils to publish algorithm registers",
                    "The government published a decree on Saturday requiring councils to "
                    "publish registers.", config, "FR", PUBLISHED)
    assert "policy_regulation" in decree.signal_types
    question = detect("AI crop insurance raised in parliament",
                      "Filler. Replying to a starred question, the minister told the House "
                      "that AI yield estimation was used in 14 states.", config, "IN", PUBLISHED)
    assert "legislative_debate" in question.signal_types
    pact = detect("Singapore, Japan sign pact on AI safety testing",
                  "Singapore and Japan signed a memorandum of cooperation on AI safety testing "
                  "on Tuesday.", config, "SG", PUBLISHED)
    assert "partnership" in pact.signal_types
    framework = detect("新加坡推出智能体AI治理框架", "内容。资讯通信媒体发展局将推出《智能体人工智能"
                       "模范治理框架》草案。", config, "SG", PUBLISHED)
    assert framework.signal_types == ["policy_regulation"]
    draft = detect("人工智能法草案首次提请全国人大常委会审议", "内容。", config, "CN", PUBLISHED)
    assert "policy_regulation" in draft.signal_types


def test_legco_question_is_a_legislature(config: SignalConfig) -> None:
    text = ("Following is a question by the Hon Leung Ka-wai and a written reply by the "
            "Secretary for Health today:")
    assert "legislative_debate" in detect("LCQ7: AI in public hospitals", text,
                                          config).signal_types


@pytest.mark.parametrize(("title", "text", "kind", "expected"), [
    # a company's own roll-out, named in the text and then alone in the headline
    ("ASB rolls out AI fraud detection", "ASB Bank has rolled out an AI system that scans "
     "payments. The bank said it had invested NZ$4 million in it.", "deployment", False),
    ("ASB rolls out AI fraud detection", "ASB Bank has rolled out an AI system that scans "
     "payments. The bank said it had invested NZ$4 million in it.", "funding_budget", False),
    ("星展推出生成式AI理财助理", "星展银行昨天宣布，在其手机银行应用程序推出理财助理。",
     "deployment", False),
    ("Mizuho rolls out AI assistant", "Mizuho Financial Group said it has rolled out an AI "
     "assistant to staff.", "deployment", False),
    ("國泰金控AI理財助理獲獎", "國泰金控表示，未來三年將投入新臺幣50億元擴大AI應用。",
     "funding_budget", False),
    # three weakened mentions stay weak; "back-office" names no public office
    ("Nedbank rolls out AI assistant", "Nedbank has rolled out an AI assistant to staff, the "
     "lender said, as banks automate back-office work. Unions asked about the roll-out.",
     "deployment", False),
    # a place acting as its government is public; firms named as users do not make it private
    ("上海浦东启动AI预审试点", "上海市浦东新区今天启动人工智能辅助审批试点，企业提交材料后由系统"
     "进行预审。", "pilot", True),
    # a public body acts, a company is named too: still public-sector news
    ("Council rolls out AI chatbot", "The city council and a local company have rolled out "
     "a chatbot for parking permits.", "deployment", True),
    ("運輸署推出AI交通系統", "運輸署與一家科技公司合作推出智能交通燈號系統。", "deployment", True),
    ("New tool for taxpayers", "The tax office has rolled out an AI assistant.", "deployment",
     True),
    # an award to a company is public-sector news whoever the subject is
    ("Accenture wins HMRC deal", "The company has been awarded a contract by HMRC to build "
     "an AI tool.", "contract_award", True),
])
def test_a_private_actor_reports_no_public_event(config: SignalConfig, title: str, text: str,
                                                  kind: str, expected: bool) -> None:
    assert (kind in detect(title, text, config, "HK", PUBLISHED).signal_types) is expected


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


def test_a_system_in_formal_operation_is_deployed(config: SignalConfig) -> None:
    text = "交通事務局宣布，人工智能違泊監察系統今日起在全澳正式運作。"
    assert "deployment" in detect("交通局AI系統全澳運作", text, config, "MO",
                                  PUBLISHED).signal_types
