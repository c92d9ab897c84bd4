"""Cue terms that name background, not the news: an old chapter of the story, a demand put
to the government, a refusal, a column's disclaimer; and awards worded around their value.
Pure functions, no Scrapy (the shipped taxonomy; see tests/signal_cases.py)."""

from __future__ import annotations

import pytest

from crawler.config import SignalConfig
from tests import signal_cases

config = signal_cases.config  # the shipped taxonomy (a fixture)
types = signal_cases.types


@pytest.mark.parametrize(("title", "text", "jurisdiction"), [
    # the value between the verb and the contract, set off by commas
    ("Revenue body to score cargo risk with machine learning",
     "The revenue authority has signed a KSh880 million contract, about US$6.8 million, with "
     "a consortium led by a Nairobi software house to score cargo risk with machine learning.",
     "KE"),
    # Chinese: a contract given to a supplier (頒給, 已批予), in either script
    ("陆交局合约 建AI隧道监测系统",
     "陆路交通管理局昨天宣布，已把一项价值3800万新元的合约颁给本地工程公司，为隧道建设人工智能监测系统。",
     "SG"),
    ("水務署啟用AI漏水偵測",
     "政府本周在憲報公布，有關系統的供應及維護合約已批予本地科技公司，合約金額為8,200萬港元，為期四年。",
     "HK"),
])
def test_an_award_worded_around_its_value_is_found(config: SignalConfig, title: str, text: str,
                                                   jurisdiction: str) -> None:
    assert "contract_award" in types(config, title, text, jurisdiction)


def test_a_chapter_of_the_past_is_no_award(config: SignalConfig) -> None:
    text = ("The flood desk has worked with river sensors since 2024. A year later, the city "
            "signed a P15 million contract for a forecasting system. Residents now get text "
            "alerts.")
    assert "contract_award" not in types(config, "How one city learned to read its rivers",
                                         text, "PH")


def test_a_national_standard_issued_is_a_rule(config: SignalConfig) -> None:
    text = ("国家市场监督管理总局今天正式发布《政务服务智能问答系统技术要求》国家标准，"
            "该标准将于2028年12月1日起实施。")
    assert "policy_regulation" in types(config, "政务智能问答国家标准发布", text, "CN")


def test_a_columns_disclaimer_marks_an_opinion(config: SignalConfig) -> None:
    text = ("The province has had a directive on automated decisions since 2019, and it is a "
            "sensible document. Departments hire consultants at $95,000 a contract simply to "
            "complete the impact assessments the directive requires.\n"
            "Opinions expressed are the author's own.")
    assert types(config, "Before the province buys AI, it should learn to buy software",
                 text, "CA") == []
    # the same text with no disclaimer reads as news of the directive
    assert "policy_regulation" in types(
        config, "Before the province buys AI, it should learn to buy software",
        text.rsplit("\n", 1)[0], "CA")


@pytest.mark.parametrize(("title", "text", "jurisdiction", "absent"), [
    # a demand put to the government and a refusal make no rule
    ("議員關注醫療AI", "立法會昨日討論公營醫療使用人工智能。另有議員要求政府訂立醫療AI專屬規管框架，"
     "但局長表示，現階段無意另行立法。", "HK", "policy_regulation"),
    # a question asked before is past
    ("综合诊疗所启用AI病历助手", "卫生部今天宣布，人工智能病历助手已在全部综合诊疗所启用。"
     "有议员曾在上月的国会会议上就病人隐私提出质询。", "SG", "legislative_debate"),
    # a step still needed, a legislature's too
    ("數位部預告AI作業要點", "數位部今天預告作業要點草案。部長表示，明年度擬編列新臺幣1.5億元擴充檢測能量，"
     "但仍須經立法院審議。", "TW", "legislative_debate"),
    # none to disclose; no need to tender
    ("大模型企业发布新模型", "杭州一家人工智能企业今天发布新模型。公司副总裁表示，目前并无新的政府合作协议可以披露。",
     "CN", "partnership"),
    ("稅局推AI助理", "稅務局今日啟用人工智能助理。新系統沿用政府共用平台，開發費用約$800萬，毋須另行招標採購。",
     "HK", "procurement"),
    # what the winner will do, in a tender notice, is no award
    ("深圳拟采购政务大模型服务平台", "市政务服务和数据管理局项目日前公开招标，预算金额2860万元。"
     "项目不接受联合体投标，但允许中标后将非核心的数据标注工作分包。", "CN", "contract_award"),
    # a legislature named once, in the background
    ("Agency opens bidding for AI cameras", "The agency has invited contractors to bid for "
     "AI cameras, with bids due on 18 April. Crews will install them in May. Residents "
     "raised privacy concerns. Lawmakers have filed two bills on AI in the current "
     "Congress, but neither has been approved at committee level.", "PH",
     "legislative_debate"),
])
def test_background_and_things_that_are_not(config: SignalConfig, title: str, text: str,
                                            jurisdiction: str, absent: str) -> None:
    assert absent not in types(config, title, text, jurisdiction)


@pytest.mark.parametrize(("title", "text", "jurisdiction", "absent"), [
    # the AI Act's "deployers" are the bodies that use a system; the Act's roll-out is its
    # implementation, not a system going live
    ("MEPs debate AI Act roll-out as Commission publishes template",
     "The Commission published draft guidelines on Monday. Providers and deployers that "
     "breach obligations for high-risk systems face fines of up to €15 million.", "EU",
     "deployment"),
    # a city budget to be sent to its council is not debated yet
    ("北市公布明年度總預算", "北市府今天公布2029年度總預算案，其中編列新臺幣1.6億元用於AI應用，"
     "預算案將送市議會審議。資訊局長表示，系統會自動轉接真人客服。對於有市議員建議將AI客服"
     "擴大至長照服務，市府表示目前沒有具體規畫。", "TW", "legislative_debate"),
    # the projects a rule covers, and a fund still being studied, are no money set aside
    ("上海发布公共服务生成式人工智能应用指引", "市经信委今天发布应用指引。指引提出，使用财政资金在500万元以上的"
     "应用项目，须在上线前开展安全评估。有关负责人表示，正在研究设立专项资金，具体规模尚未确定。",
     "CN", "funding_budget"),
])
def test_set_32s_lessons_do_not_count(config: SignalConfig, title: str, text: str,
                                     jurisdiction: str, absent: str) -> None:
    assert absent not in types(config, title, text, jurisdiction)


def test_a_date_and_time_line_does_not_push_the_lead_down(config: SignalConfig) -> None:
    # the masthead, section and reporter lines were already noise; the stamp "2028年2月8日
    # 10:32" took the second lead sentence's place, so the roll-out in it counted as a
    # body mention only
    text = ("星島頭條\n港聞 > 社會\n記者：林嘉欣\n2028年2月8日 10:32\n"
            "運輸署今日宣布，已向一間本地科技公司批出一份價值1.2億元的合約，在九龍東約200個路口安裝"
            "人工智能交通燈控制系統。\n署方同時表示，首階段系統已於2月8日起在觀塘區32個路口正式投入服務。")
    assert "deployment" in types(config, "運輸署批出1.2億元合約 擴展AI交通燈至九龍東", text, "HK")


def test_an_innovation_week_is_an_event(config: SignalConfig) -> None:
    text = ("GovTech rolled out the assistant to all public officers on Monday. The roll-out was "
            "announced at the opening of Smart Nation Innovation Week, which runs until Friday.")
    assert "event" in types(config, "Public officers get new AI assistant", text, "SG")


def test_not_for_now_is_no_roll_out(config: SignalConfig) -> None:
    # 暫不 ("not for now") negates what follows it, like 尚未
    text = "醫管局現正於7間醫院試行人工智能輔助閱片，試驗自9月1日起展開。"
    assert "deployment" not in types(config, "公院AI閱片試驗中 暫不全面推行", text, "HK")
    assert "deployment" in types(config, "公院AI閱片 全面推行", text, "HK")
