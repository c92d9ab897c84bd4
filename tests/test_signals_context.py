"""Is the cue the reported event? Background, past, hedged, framed, planned and private
mentions of a type's terms against config/signal_context.toml. Pure functions, no Scrapy
(the adapter is tested in tests/test_signals.py)."""

from __future__ import annotations

import pytest

from crawler.config import SignalConfig, load_signal_config
from pipelines.signals import detect
from tests.regen_signals import CONFIG


@pytest.fixture(scope="module")
def config() -> SignalConfig:
    return load_signal_config(CONFIG / "signals.toml")


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


def test_a_system_in_formal_operation_is_deployed(config: SignalConfig) -> None:
    text = "交通事務局宣布，人工智能違泊監察系統今日起在全澳正式運作。"
    assert "deployment" in detect("交通局AI系統全澳運作", text, config, "MO",
                                  PUBLISHED).signal_types
