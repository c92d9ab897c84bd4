"""The signals stage's reading of who acts and when: the term's own clause names its actor,
conditions and descriptions are no events, a closed call is past, and the lines of site
furniture that must never be key signals. Pure functions, no Scrapy (the adapter is in
tests/test_signals.py)."""

from __future__ import annotations

import pytest

from crawler.config import SignalConfig
from pipelines.noise import noise_of
from tests import signal_cases

PUBLISHED = signal_cases.PUBLISHED
config = signal_cases.config  # the shipped taxonomy (a fixture)
types = signal_cases.types


def test_the_terms_own_clause_names_its_actor(config: SignalConfig) -> None:
    # a regulator named earlier in the sentence does not make a bank's trial public
    lead = ("Singapore lender Merlion Bank is piloting AI agents that screen loans. "
            "The Monetary Authority of Singapore issued guidelines on AI risk in 2026, "
            "which the bank said the trial follows.")
    assert "pilot" not in types(config, "Merlion Bank trials AI agents", lead, "SG")
    # a ministry in the term's clause is public, even after a company earlier on
    text = ("Acme Ltd, which makes the software, said the ministry is piloting it in three "
            "offices. The trial runs from 1 March.")
    assert "pilot" in types(config, "Ministry pilots AI", text, "SG")


@pytest.mark.parametrize(("title", "text", "absent"), [
    # a condition on a roll-out is a rule's content, not a roll-out
    ("Korea to require impact assessments before public-sector AI goes live",
     "The ministry announced guidelines requiring agencies to carry out an impact "
     "assessment before deploying high-impact AI systems.", "deployment"),
    # a description of a body already known: its standing budget
    ("Jakarta opens tender for AI flood warnings", "The provincial government has opened a "
     "tender for an AI system. The Water Resources Agency, whose 2028 budget stands at "
     "Rp 2.1 trillion, said crews would deploy pumps earlier.", "funding_budget"),
    # where an agreement was signed is no event of its own
    ("Abu Dhabi signs MoU on Arabic AI assistants", "The department has signed a memorandum "
     "of understanding with a local firm. The agreement was signed on the sidelines of the "
     "World Government Summit.", "event"),
    # a call that has closed: the award is the news
    ("Phoenix awards $3.8 million contract for AI traffic signals", "The city council "
     "approved a contract with Sonoran Signal Labs. The agreement was the lowest of four "
     "bids received after the city's request for proposals closed in January, worth "
     "about $1.1 million.", "procurement"),
    # rules for buying are rules, not a purchase
    ("MPs grill minister as government publishes draft AI procurement code",
     "The government published a draft code of practice.", "procurement"),
    # a tender notice's value field, told in the sentence after the tender
    ("Taipei seeks bidders for AI hotline", "The department has launched a tender for an AI "
     "system. The notice lists a budget amount of NT$180 million for the contract.",
     "funding_budget"),
    # a company's own launch: a fintech is a private actor
    ("Mexican fintech Contalia launches AI invoicing assistant", "Fintech Contalia on "
     "Tuesday launched an AI assistant that prepares tax invoices.", "deployment"),
    # a commentator's column argues; what follows a pilot is not the pilot
    ("政务大模型不能沦为“盆景”", "光明网评论员\n有的地方三四个部门各自建模型，重复投入近千万元。",
     "funding_budget"),
    ("運輸署招標AI交通燈 觀塘試行後擬推至九龍東", "運輸署昨日就智能交通燈控制系統公開招標。",
     "pilot"),
    # money from an existing allocation; a system's total cost
    ("房署試行AI巡邏", "房屋署4月1日起試行AI智能巡邏。試行計劃涉及約600萬元，由房署現有撥款支付。",
     "funding_budget"),
    ("AI號誌系統正式啟用", "交通局建置的AI自適應號誌系統3月15日正式啟用，系統總經費新台幣8,600萬元。",
     "funding_budget"),
    # a speech's venue is no event of its own
    ("新加坡推出智能体AI治理框架", "早报记者 陈俊杰\n部长5月20日在亚洲科技展开幕式上致辞时宣布，资讯通信媒体发展局将推出"
     "《智能体人工智能模范治理框架》草案。", "event"),
    # 當年: back then
    ("台北十年科技治理的得與失", "十年過去，當初的許多計畫如今在哪裡？部分計畫成效顯著。\n"
     "前市府官員坦言，當年最大的問題是先有預算、後找問題，各局處為了爭取經費而提案。",
     "funding_budget"),
])
def test_conditions_descriptions_and_past_calls_do_not_count(
        config: SignalConfig, title: str, text: str, absent: str) -> None:
    assert absent not in types(config, title, text)


@pytest.mark.parametrize(("title", "text", "present"), [
    ("醫管局批出AI影像合約", "醫院管理局昨日公布，以1.68億港元批出「放射影像系統」合約予本地公司。"
     "是次招標共收到九份標書，當中兩份報價超過2億元。", "contract_award"),
    ("AI號誌系統今天啟用", "交通局建置的AI自適應號誌系統今日正式啟用。", "deployment"),
    ("AI產品責任誰來扛？立院經濟委員會公聽會", "立法院經濟委員會今天召開公聽會，邀請學者表達意見。",
     "legislative_debate"),
])
def test_awards_go_lives_and_hearings_are_found(config: SignalConfig, title: str, text: str,
                                                present: str) -> None:
    assert present in types(config, title, text, "TW" if "立法院" in text else "HK")


@pytest.mark.parametrize("line", [
    "This article is available to subscribers of Canadian Gov Tech Insider. Log in or start "
    "a free trial.",
    "Newsletter: Sign up to Brazil Tech Weekly",
    "Contalia is a Mexico City-based fintech founded in 2021 that builds accounting tools.",
    "Press contact: prensa@contalia.example.mx",
    "图说：2028世界人工智能大会开幕式现场。记者 张伟 摄",
    "联合早报",
    "许家豪 报道",
])
def test_site_furniture_is_noise(config: SignalConfig, line: str) -> None:
    assert noise_of(config).clean(line) is None


def test_a_masthead_line_does_not_take_the_lead(config: SignalConfig) -> None:
    # the first real sentence names the company: its trial is no public pilot
    text = ("联合早报\n财经\n许家豪 报道\n本地物流企业狮城物流宣布，将在自有仓库试行人工智能机械臂分拣系统。\n"
            "公司总裁说，试行期为一年。")
    assert "pilot" not in types(config, "狮城物流在自家仓库试行AI机械臂分拣", text, "SG")


@pytest.mark.parametrize(("title", "text", "absent"), [
    # a tender's briefing for bidders is part of the tender
    ("Texas seeks AI vendor", "The department issued a request for proposals on Monday. A "
     "virtual pre-proposal conference will be held March 22.", "event"),
    # the money a contract is charged against is no budget line
    ("BOC opens bidding for AI X-ray system", "The Bureau of Customs has opened bidding for an "
     "AI system. The bureau set the approved budget for the contract at ₱1.2 billion, "
     "chargeable against its 2028 appropriations.", "funding_budget"),
    # a look back: the trial ended a year ago
    ("One year on: what Queensland learned from its AI emergency triage trial",
     "A year after Queensland Health ended its 12-month trial of AI triage, staff are still "
     "divided. The trial, which ran from September 2026 to September 2027, cost $4.2 million.",
     "pilot"),
    # the effect of money, a start-up's round, a cost paid from a budget
    ("AI基本法修法 立委質疑政府投入成效", "立法院交通委員會今天審查人工智慧基本法修正草案，立委輪番質詢部長。",
     "funding_budget"),
    ("本地法律AI初創港識完成2,000萬美元B輪融資", "本地法律科技初創港識AI今日宣布完成2,000萬美元B輪融資，"
     "由一家新加坡創投基金領投，資金將用於拓展市場。", "funding_budget"),
    ("健保AI審查系統全面上線", "健保署宣布系統自7月1日起全面上線。本系統建置經費約新臺幣1.3億元，由既有資訊預算支應。",
     "funding_budget"),
    # a hedge: may set aside, depending on finances
    ("北都智慧城市平台邀意向書 政府下年度或預留撥款", "北部都會區辦事處今日發出邀請意向書。"
     "辦事處表示，會參考收到的意向書，再決定正式招標的模式。\n"
     "政府或會在下年度財政預算中為項目預留撥款，但要視乎財政狀況。", "funding_budget"),
    # a time after the roll-out; a year-in-review
    ("北市AI智慧路燈標案決標", "工務局今天表示，智慧路燈建置案已完成決標，由中華電信得標。"
     "公燈處估算，新路燈全面啟用後，每年可節省電費約台幣4,000萬元。", "deployment"),
    ("年终盘点｜2027年数字政府建设这一年", "刚刚过去的2027年，是数字政府建设提速的一年。"
     "某省级政务大模型平台项目以1.2亿元中标。", "contract_award"),
    # a look back at a year named in the title (twelfth session)
    ("回看2028｜政务大模型采购热潮下的冷思考", "2028年，政务大模型项目成为各地政府采购的热门品类，"
     "全年中标总金额约18.6亿元。其中，单笔金额最大的是2028年4月某地级市政务服务数据管理局"
     "批出的城市级大模型平台项目，中标金额达1.35亿元。", "contract_award"),
])
def test_set_21s_lessons_do_not_count(config: SignalConfig, title: str, text: str,
                                      absent: str) -> None:
    assert absent not in types(config, title, text, "TW" if "立法院" in text else "HK")


@pytest.mark.parametrize(("title", "text", "present"), [
    ("Science ministry signs AI pacts", "The ministry signed memorandums of understanding "
     "with three firms on Wednesday.", "partnership"),
    ("政府科技局与南大签谅解备忘录", "政府科技局星期三与南洋理工大学签署谅解备忘录。", "partnership"),
    ("Welfare officials grilled by TDs over fraud-flagging algorithm", "Officials faced "
     "questions from the Joint Oireachtas Committee on Social Protection on Wednesday.",
     "legislative_debate"),
    ("醫管局批AI分流合約", "醫院管理局今日公布，急症室分流系統合約由本地公司以HK$8,650萬投得。",
     "contract_award"),
    ("北都智慧城市平台邀意向書", "北部都會區辦事處今日發出邀請意向書，截止日期為2028年8月31日。",
     "procurement"),
])
def test_set_21s_forms_are_found(config: SignalConfig, title: str, text: str,
                                 present: str) -> None:
    assert present in types(config, title, text, "IE" if "TD" in title else "HK")


@pytest.mark.parametrize("line", [
    "Further reading: EU AI Act — what changes in 2028",
    "《 人民日报 》（ 2028年06月22日 04 版）",
    "声明：证券时报力求信息真实、准确，文章提及内容仅供参考，不构成实质性投资建议",
    "台北市智慧路燈示意圖。（台北市公燈處提供）中央社記者黃麗芸傳真 117年8月9日",
    "本文来自【南方日报】，仅代表作者观点。",
])
def test_more_site_furniture_is_noise(config: SignalConfig, line: str) -> None:
    assert noise_of(config).clean(line) is None


def test_a_chinese_caption_line_is_no_key_signal(config: SignalConfig) -> None:
    from pipelines.summary import summary_and_signals
    text = ("數碼港今日與杜拜未來基金會簽署合作備忘錄，推動兩地人工智能初創互相落戶。\n"
            "數碼港與杜拜未來基金會代表簽署合作備忘錄。何詠欣攝\n"
            "數碼港行政總裁表示，雙方將在明年合辦人工智能峰會，並設立聯合加速計劃。\n"
            "杜拜方面表示，首批十間初創企業將於明年一月抵港，參與為期三個月的培訓。")
    _summary, signals = summary_and_signals("數碼港與杜拜簽備忘錄", text, "zh", None,
                                            noise_of(config))
    assert not any("何詠欣" in s or s.startswith("數碼港與杜拜未來基金會代表") for s in signals)


def test_wan_then_a_grouped_figure_is_one_amount(config: SignalConfig) -> None:
    from pipelines.money import find_amounts
    amounts, _ = find_amounts("每人補助5萬5,000元", config.amounts, "TW")
    assert [(a.value, a.currency) for a in amounts] == [(55_000, "TWD")]


def test_one_costed_budget_mention_deep_in_the_body_is_no_funding(config: SignalConfig) -> None:
    lead = ("The city began a trial of AI replies to residents on Monday. "
            "Staff check every draft before it is sent. ")
    deep = "The city's fiscal 2028 budget includes 1.2 billion yen for digital projects."
    assert "funding_budget" not in types(config, "City trials AI replies", lead + deep, "JP")
    # in the lead, or said twice, it is the news
    assert "funding_budget" in types(config, "City trials AI replies", deep + " " + lead, "JP")


def test_one_pilot_mention_deep_in_the_body_is_no_pilot(config: SignalConfig) -> None:
    lead = ("The council approved its budget for the coming year on Monday. "
            "Councillors also agreed new parking charges. ")
    deep = "Officers said a pilot of AI-assisted bin collection routes started on 3 March."
    assert "pilot" not in types(config, "Council sets budget", lead + deep, "GB")
    assert "pilot" in types(config, "Council sets budget", deep + " " + lead, "GB")


@pytest.mark.parametrize(("text", "jurisdiction", "value", "currency"), [
    ("逾80億元人民幣的項目", "HK", 8_000_000_000, "CNY"),  # the currency after 元 wins
    ("1.2億元港幣", "CN", 120_000_000, "HKD"),
    ("CLP 3,000 million for the platform", "CL", 3_000_000_000, "CLP"),
    ("PLN 180 million", "PL", 180_000_000, "PLN"),
    ("a 140 zł fee", "PL", 140, "PLN"),
    ("1.4 billion kronor", "SE", 1_400_000_000, "SEK"),
    # kroner by the article's country; a currency word hyphenated to the number; pence
    ("charge 350 kroner for a passport", "DK", 350, "DKK"),
    ("a 2 billion kroner fund", "NO", 2_000_000_000, "NOK"),
    ("has signed a 96-million-reais contract with", "BR", 96_000_000, "BRL"),
    ("a 9.8-billion-won deal", "KR", 9_800_000_000, "KRW"),
    ("items reduced to 45p each", "GB", 0.45, "GBP"),
    ("a 7.5p cut in fuel duty", "GB", 0.075, "GBP"),
])
def test_more_currencies(config: SignalConfig, text: str, jurisdiction: str, value: float,
                         currency: str) -> None:
    from pipelines.money import find_amounts
    amounts, _ = find_amounts(text, config.amounts, jurisdiction)
    assert [(a.value, a.currency) for a in amounts] == [(value, currency)]


def test_pence_and_kroner_are_not_read_where_they_are_not_money(config: SignalConfig) -> None:
    from pipelines.money import find_amounts
    # a video resolution, a tax form; kroner in a country that has none (Danish or
    # Norwegian is not told)
    for text, jurisdiction in (("streams in 1080p and 720p", "GB"), ("a P45 form", "GB"),
                               ("the p45 form", "GB"), ("350 kroner", "US")):
        assert find_amounts(text, config.amounts, jurisdiction)[0] == [], text


def test_a_summit_code_is_no_money(config: SignalConfig) -> None:
    from pipelines.money import find_amounts
    assert find_amounts("Ministers met at COP 28 and PEN 5 was read.", config.amounts, "AE")[0] == []


@pytest.mark.parametrize("line", [
    "Most Read: Gov't to expand K-ETA exemption through 2029",
    "DICT Secretary and NIA President exchange signed copies at the forum. Photo courtesy of DICT",
    "Mexico Business Daily",
    "图为9月13日拍摄的论坛开幕式现场。",
    "相關字詞﹕醫管局 人工智能 招標 放射科 新聞",
    "私隱專員公署發布指引，要求僱主使用AI篩選求職者時須保障個人資料。資料圖片",
    "台南市府將在東區10處路口試辦AI智慧號誌。（記者洪瑞琴攝）",
    "立法院交通委員會今審查數位發展部明年度預算。記者林伯東／攝影",
    "中時新聞網 版權所有 © 2028",
])
def test_set_22s_site_furniture_is_noise(config: SignalConfig, line: str) -> None:
    assert noise_of(config).clean(line) is None


@pytest.mark.parametrize("line", [
    # captions ending with their credit after the full stop, in four house styles
    "Minister and university president at the signing on Aug 16. PHOTO: GOVTECH",
    "The Cabinet Secretary addresses stakeholders at the workshop on Thursday. [Jane Doe, Standard]",
    "Delegates at the opening session of the summit in Riyadh on Tuesday. (SPA)",
    "The minister tours the exhibition hall on Tuesday. (Health Tech Review/Stock)",
    "The minister touring the exhibition hall on Tuesday. — Bernama photo",
    # a Chinese caption's credit after the full stop; a person's place in a photo
    "卫生部长（中）昨天参观综合诊疗所，了解AI记录系统的运作。（海峡时报）",
    "Gobind (centre) touring the exhibition hall at the summit on Tuesday.",
    "數位發展部長今天在「2028公部門AI治理論壇」致詞。（中央社記者王子豪攝 117/6/14）",
    "〔編者按〕本文第三段廠商名稱已於6月5日更正。",
    "5月26日，2028中国国际大数据产业博览会在贵阳开幕。人民网 杨帆摄",
    # a section label of two names joined by "&"
    "Tech & Regulation",
])
def test_set_23s_captions_are_noise(config: SignalConfig, line: str) -> None:
    assert noise_of(config).clean(line) is None


@pytest.mark.parametrize("line", [
    "The ministry signed the contract on Tuesday (see below).",
    "The Digital Policy Office (DPO) issued a tender on April 3.",
    "The rules take effect on 1 July. Photos of the launch were posted online.",
    "政府今日公布《人工智能指引》（第二版）。",
    "The Digital Policy Office (DPO) said the centre will open in July.",
])
def test_sentences_with_brackets_are_kept(config: SignalConfig, line: str) -> None:
    assert noise_of(config).clean(line) == line


def test_had_not_is_a_hedge(config: SignalConfig) -> None:
    text = ("Staff Reporter\nMembers of Parliament's Portfolio Committee on Police questioned the "
            "police service on Wednesday. In a heated debate, MPs pressed officials, who said "
            "the service had not issued any tender.")
    assert "procurement" not in types(config, "MPs grill SAPS over facial recognition", text, "ZA")


@pytest.mark.parametrize(("title", "text", "absent"), [
    ("A year after Alberta's AI summit, what actually changed?", "When Alberta hosted its "
     "first Digital Government Summit in Calgary last November, the mood was buoyant. "
     "Ministers promised faster licensing.", "event"),
    ("Swedish Tax Agency eyes AI for tax return checks", "The agency is weighing whether to "
     "use AI. Opposition politicians said they would want the Riksdag to debate the matter, "
     "but no motion has been tabled.", "legislative_debate"),
])
def test_a_year_after_and_no_motion(config: SignalConfig, title: str, text: str,
                                    absent: str) -> None:
    assert absent not in types(config, title, text, "CA")


@pytest.mark.parametrize(("text", "award"), [
    # the contract's value and term between the verb and the supplier: one full term
    ("The Ohio Department of Job and Family Services has signed a $14.2 million, three-year "
     "contract with Lakeshore Analytics to build an AI tool.", True),
    ("The Seoul Metropolitan Government said it has signed a 9.6 billion won contract with "
     "Naver Cloud to expand its AI counselling service.", True),
    # the gap stays inside one sentence and one clause
    ("The department signed. Its contract with the vendor ends in May.", False),
    ("The mayor signed the order; a contract with the vendor is still under negotiation.",
     False),
])
def test_a_contract_signed_with_its_value_between(config: SignalConfig, text: str,
                                                  award: bool) -> None:
    assert ("contract_award" in types(config, "State modernises claims", text, "US")) is award


@pytest.mark.parametrize(("title", "text", "funding"), [
    ("Tamil Nadu sanctions ₹120 crore for State AI Mission",
     "The Tamil Nadu government on Friday sanctioned ₹120 crore for a State AI Mission to "
     "help departments adopt artificial intelligence.", True),
    ("Ontario backs AI scribes", "Ontario is committing $14 million over two years to a "
     "pilot of AI scribes for family doctors, the Ministry of Health said.", True),
    # the verb with no amount after it is no money set aside
    ("Ontario backs AI scribes", "Ontario is committing to a pilot of AI scribes for family "
     "doctors, the Ministry of Health said.", False),
])
def test_money_sanctioned_or_committed(config: SignalConfig, title: str, text: str,
                                       funding: bool) -> None:
    assert ("funding_budget" in types(config, title, text, "IN")) is funding


@pytest.mark.parametrize("line", [
    "香港政府新聞網", "澳門特別行政區政府入口網站", "長江日報-長江網",
    "首頁 > 科技 > 數字政府", "NEWS › Diagnostics", "Home » Local » Transport",
    "2028-10-18 HKT 17:05", "2028.07.28", "2028-03-02 08:15 来源：深圳特区报 记者 陈晓岚",
    "NEWS / Technology", "經濟日報 / 產業 / 科技產業", "出版：2028-11-06 14:15",
    "更新時間：2028年11月6日 18:02",
    "Published on: May 18, 2028 18:02 (EAT)", "Published 7 July 2028 at 12:40, updated at 16:05",
    "Updated 6:42 p.m. EDT, May 3, 2028", "Last updated: 12 March 2028",
    # a date with its time, or with its place (signals set 32)
    "2028年2月8日 10:32", "2月8日 下午3時15分", "Apr 3, 2028, 05:50 PM",
    "Brussels, 27 November 2028", "New York, Monday, April 3, 2028",
    # a photo caption without a credit (signals set 33)
    "Union Minister addressing the inaugural session of the Global IndiaAI Summit 2028 in New Delhi",
    "Minister Ong Ye Kung speaking at the launch on Tuesday",
])
def test_mastheads_breadcrumbs_and_date_lines_are_noise(config: SignalConfig, line: str) -> None:
    assert noise_of(config).clean(line) is None


@pytest.mark.parametrize("line", [
    "Accuracy rose to > 90% in the trial.",  # a comparison, not a breadcrumb
    "政府今日推出新網站。",  # a sentence that ends in 網站, with its full stop
    "Updated guidance on AI use was published in March 2028.",  # a sentence, not a stamp
    "The agency published its AI rules in 2028 and/or 2029.",
    "The tender closes on April 3, 2028.",  # a date in a sentence
    "Officials inspecting the system said it works.",  # a participle in a sentence
])
def test_lines_like_furniture_are_kept(config: SignalConfig, line: str) -> None:
    assert noise_of(config).clean(line) == line


def test_furniture_before_the_lead_does_not_push_it_down(config: SignalConfig) -> None:
    # a site name and a breadcrumb trail are no lead sentences: the roll-out in the first
    # real sentence keeps its lead weight
    text = ("香港政府新聞網\n首頁 > 科技 > 數字政府\n數字政策辦公室今日宣布，對話助理「政府通」即日起"
            "正式啟用，市民可查詢政府服務。\n數字政策專員表示，系統採用本地模型。")
    assert "deployment" in types(config, "對話助理啟用 指引同步更新", text)


@pytest.mark.parametrize(("title", "text", "expected"), [
    # put into operation is a roll-out
    ("渠務署AI監察系統", "渠務署今日宣布，人工智能影像監察系統已正式投入運作。", "deployment"),
    # a named seminar said to be held, in quotes
    ("私隱公署發指引", "私隱專員在同日舉行的「公營機構人工智能與私隱保障研討會」上介紹指引，逾300人出席。",
     "event"),
    # a legislature's vote that passes a bill
    ("上海修订人工智能条例", "上海市人大常委会会议表决通过《上海市人工智能条例（修订）》。",
     "legislative_debate"),
])
def test_set_23s_chinese_cues(config: SignalConfig, title: str, text: str, expected: str) -> None:
    assert expected in types(config, title, text, "CN")


@pytest.mark.parametrize(("title", "text", "absent"), [
    # the way a tender will be decided is no award
    ("數位部招標政府生成式AI共用平台", "數位發展部今天公告公開招標案，採最有利標方式決標。",
     "contract_award"),
    # a speech at a named forum is not the forum's news
    ("版權條例諮詢", "局長今早在「數碼港AI創科論壇」致辭時表示，建議容許文本探勘。", "event"),
    # the market regulator is a body, not a rule
    ("区市场监管局引入AI辅助审批", "浦东新区市场监督管理局试点正式启动，区市场监管所同步开展。",
     "policy_regulation"),
    # a lab still being considered is no partnership
    ("深圳启动政务大模型平台招标", "市数据局表示，后续还考虑与高校共建联合实验室，但尚未进入签约阶段。",
     "partnership"),
    # a roll-out next year in a contract story is the contract's detail
    ("機管局批出行李系統合約 明年首季起投入運作", "機管局宣布已將系統合約批予合營企業，合約金額為4.6億港元。",
     "deployment"),
])
def test_set_23s_chinese_background(config: SignalConfig, title: str, text: str,
                                    absent: str) -> None:
    assert absent not in types(config, title, text, "HK")


def test_a_metro_is_a_public_actor(config: SignalConfig) -> None:
    text = ("SEOUL, March 3 (Korea Wire) -- Seoul Metro has begun operating an AI system at 20 "
            "stations, the operator said Friday.")
    assert "deployment" in types(config, "Seoul subway puts AI monitoring into service", text,
                                 "KR")


@pytest.mark.parametrize(("text", "funded"), [
    ("The state cabinet on Tuesday sanctioned ₹120 crore for the AI mission. Officials said "
     "work starts soon.", True),
    ("The ministry commits $14 million to the AI programme. Officials said work starts soon.",
     True),
    ("The DBM announced the release of ₱1.5 billion to DICT for the chatbot. Officials said "
     "work starts soon.", True),
    # the same verbs with no money after them: a penalty, an agreement's terms
    ("The decree does not create new sanctions for agencies. It sanctions nobody.", False),
    ("A memorandum signed on Wednesday commits the two sides to share data. GovTech pledged "
     "support.", False),
])
def test_money_verbs_count_only_before_an_amount(config: SignalConfig, text: str,
                                                 funded: bool) -> None:
    assert ("funding_budget" in types(config, "Agency news", text, "IN")) is funded


@pytest.mark.parametrize(("title", "text", "absent"), [
    # a debate that could be scheduled is a possibility, even for a legislature
    ("France requires AI transparency", "Officials said the decree is final. It applies to "
     "ministries and hospitals. Senators said they would push for a law, and a Senate debate "
     "on the issue could be scheduled for the autumn.", "legislative_debate"),
    # a condition right after the term
    ("Hamilton trucks spot potholes", "Staff will report in December. A full rollout, if "
     "recommended, could cost C$2 million. A wider rollout, if approved, would follow.",
     "deployment"),
])
def test_a_modal_or_condition_after_a_term_is_a_possibility(config: SignalConfig, title: str,
                                                            text: str, absent: str) -> None:
    assert absent not in types(config, title, text, "FR")


def test_a_supplier_selected_after_a_competition_is_an_award(config: SignalConfig) -> None:
    text = ("A group of NHS trusts has signed a five-year agreement with Clarion Imaging for AI "
            "software. The collaborative confirmed that Clarion had been selected after a "
            "competitive process that drew eight bidders. The tender notice, published in "
            "October, had set a ceiling of about £15m.")
    assert types(config, "Trusts sign £12.4m deal for AI X-ray triage", text, "GB") \
        == ["contract_award"]


def test_a_companys_investment_is_no_funding_line(config: SignalConfig) -> None:
    text = ("電子代工大廠宏碩科技今天召開法說會，公布第1季營收。董事長表示，今年將在高雄新建AI伺服器組裝廠，"
            "投資金額約NT$300億，預計2030年量產。")
    assert "funding_budget" not in types(config, "宏碩首季營收年增32% 高雄建AI伺服器新廠", text, "TW")


def test_a_procurement_that_may_be_needed_is_none(config: SignalConfig) -> None:
    text = ("Updated 25 January 2028 at 16:20\nSweden's Tax Agency is weighing whether to use "
            "AI to select tax returns, according to a planning document. The document says the "
            "agency \"may need to procure\" external AI capacity from 2029. A spokesperson said "
            "no procurement had been launched.")
    assert "procurement" not in types(config, "Tax agency eyes AI, but no decision yet", text,
                                      "SE")


def test_money_added_in_the_headline_is_funding(config: SignalConfig) -> None:
    text = ("Service NSW has switched on its AI assistant for all customers. The minister also "
            "announced an additional $8.2 million over four years. The app added features.")
    assert "funding_budget" in types(config, "Service NSW switches on AI assistant, adds $8.2m "
                                     "to expand it", text, "AU")
    # added with no money: nothing
    assert "funding_budget" not in types(config, "Service NSW switches on AI assistant",
                                         "Service NSW has switched on its AI assistant. It added "
                                         "languages and released a guide.", "AU")


@pytest.mark.parametrize(("title", "text"), [
    ("DEWA signs AI MoU on opening day of Dubai AI Week", "The Dubai Electricity and Water "
     "Authority signed a memorandum on Monday at Dubai AI Week."),
    ("French state signs AI deal with start-up at VivaTech", "DINUM signed a partnership "
     "agreement on Thursday at the VivaTech trade show in Paris. The trade show runs until "
     "Saturday."),
])
def test_trade_shows_and_tech_weeks_are_events(config: SignalConfig, title: str,
                                               text: str) -> None:
    assert "event" in types(config, title, text, "AE")


def test_an_award_value_named_as_a_figure_is_no_award(config: SignalConfig) -> None:
    text = ("报告显示，2027年中国政务大模型市场规模约58亿元。从项目规模看，单个项目中标金额多在500万元至2000万元"
            "之间，金额较大的项目仍属少数。")
    assert "contract_award" not in types(config, "报告：2027年政务大模型市场规模约58亿元", text, "CN")
    # an award reported with its value still is one
    assert "contract_award" in types(config, "广州AI政务助手项目中标结果公布",
                                     "某科技公司中标广州市政务大模型项目，中标金额2,980万元。", "CN")


@pytest.mark.parametrize("text", [
    "Lawmakers have floated a bill on audits, but it has not yet had a committee hearing.",
    "Coun. Ray Doucet said he intends to bring a motion to council next month.",
])
def test_a_legislatures_negation_or_intention_is_no_debate(config: SignalConfig,
                                                           text: str) -> None:
    lead = "The agency posted a request for proposals on Monday. Bids are due in April. "
    assert "legislative_debate" not in types(config, "Agency seeks vendors for AI assistant",
                                             lead + text, "US")


def test_a_legislatures_call_still_counts(config: SignalConfig) -> None:
    # "called for" is a hedge of the other types, not of a legislature's act
    text = "Opposition MPs called for a parliamentary debate on the use of AI in welfare."
    assert "legislative_debate" in types(config, "MPs call for debate on welfare AI", text,
                                         "GB")


@pytest.mark.parametrize(("title", "text", "expected", "absent"), [
    # a contract signed with its name or term between the verb and 合同/合約
    ("醫管局AI睇X光三院率先啟用", "醫院管理局昨日公布，已向本地公司批出一份為期五年的合約，提供人工智能影像分析系統。",
     "contract_award", None),
    ("江城智脑项目在论坛上签约", "武汉市数据局与一家信息技术公司正式签订“江城智脑”政务大模型项目合同。",
     "contract_award", None),
    # an employment contract is none
    ("某局招聘数据分析师", "市数据局与新入职人员签订为期三年的劳动合同，负责大模型运维。", None,
     "contract_award"),
    # the winner-to-be of an open tender is no award; the tender is the news
    ("龙岗公开招标建设政务智能体平台", "该局已发布政务智能体平台建设项目公开招标公告。根据招标文件，中标单位需为全区"
     "提供智能导办能力。", "procurement", "contract_award"),
])
def test_chinese_contracts_with_a_gap(config: SignalConfig, title: str, text: str,
                                      expected: str | None, absent: str | None) -> None:
    found = types(config, title, text, "CN")
    if expected:
        assert expected in found
    if absent:
        assert absent not in found


@pytest.mark.parametrize(("title", "text", "jurisdiction"), [
    ("Senators press DepEd on AI reading tutor", "Senators questioned DepEd officials on "
     "Thursday. Officials answered. The undersecretary said the trial was funded through an "
     "existing line for learning recovery, and its budget was met within existing resources.",
     "PH"),
    ("北市AI號誌標案決標", "台北市交通局今天表示，系統建置案已完成決標，由國內業者以新台幣4860萬元得標。"
     "此案原編列預算約5200萬元，共有3家廠商投標。", "TW"),
])
def test_money_already_there_is_no_funding_line(config: SignalConfig, title: str, text: str,
                                                 jurisdiction: str) -> None:
    assert "funding_budget" not in types(config, title, text, jurisdiction)


@pytest.mark.parametrize(("title", "text", "absent"), [
    # an opinion column marked in its headline
    ("【01觀點】政府用AI不能只講「試」", "各部門爭相推出聊天機器人。有部門開發的網上查詢助手上線不到一年便下架。",
     "deployment"),
    # before deploying: a rule's condition
    ("政府发布公共部门AI问责框架", "政府发布框架，规定所有政府机构在部署会影响公众权益的人工智能系统前，须完成风险评估。",
     "deployment"),
    # some day: a fund that may later buy by tender
    ("政府撥款8億元推動公營機構應用人工智能", "局長宣布成立基金。部門日後亦可藉此以招標方式採購市場上成熟的方案。",
     "procurement"),
])
def test_set_24s_chinese_background(config: SignalConfig, title: str, text: str,
                                    absent: str) -> None:
    assert absent not in types(config, title, text, "HK")


def test_php_is_pesos_before_a_scale_word(config: SignalConfig) -> None:
    from pipelines.money import find_amounts
    amounts, _ = find_amounts("a PHP 12.4 million contract", config.amounts, "PH")
    assert [(a.value, a.currency) for a in amounts] == [(12_400_000, "PHP")]
    assert find_amounts("The portal moved to PHP 8.2.", config.amounts, "US")[0] == []


def test_a_system_that_has_begun_operating_is_deployed(config: SignalConfig) -> None:
    text = ("The city said Tuesday the generative AI platform has begun operating across all 18 "
            "ward offices. About 20,000 staff can now use it.")
    assert "deployment" in types(config, "Yokohama puts generative AI on every clerk's desk",
                                 text, "JP")


@pytest.mark.parametrize(("title", "text"), [
    ("California launches $25 million grant program for AI wildfire detection",
     "The state will give counties money to test AI cameras. Applications open in May."),
    ("Federal ministry launches €200 million AI programme for municipalities",
     "The ministry said towns can apply for money. Applications open in May."),
    ("B.C. launches fund to help municipalities test AI tools",
     "The province said towns can apply for money. Applications open in May."),
])
def test_launching_money_is_no_roll_out(config: SignalConfig, title: str, text: str) -> None:
    assert "deployment" not in types(config, title, text, "US")


def test_launching_a_system_is_still_a_roll_out(config: SignalConfig) -> None:
    assert "deployment" in types(config, "City launches AI chatbot for residents",
                                 "The city launched the chatbot on its website on Monday. "
                                 "Residents can use it from today.", "US")


@pytest.mark.parametrize(("title", "text", "jurisdiction"), [
    ("Wisconsin DOT seeks vendors for AI incident detection",
     "The department issued a request for proposals on Monday. Officials said the contract, "
     "once awarded, could be worth up to $9 million.", "US"),
    ("杭州企业发布新一代多模态大模型", "公司负责人坦言，前几年曾参与过一些地方政府的项目投标，但均未中标。", "CN"),
])
def test_an_award_to_come_or_not_won_is_none(config: SignalConfig, title: str, text: str,
                                            jurisdiction: str) -> None:
    assert "contract_award" not in types(config, title, text, jurisdiction)


@pytest.mark.parametrize(("title", "text", "absent"), [
    # what a tender asks for (deployment experience, a model deployed on the government
    # cloud) is the tender's detail, not a roll-out of its own
    ("深圳公开招标建设政务大模型平台",
     "深圳市政务服务和数据管理局27日发布公告，就政务大模型服务平台建设项目进行公开招标，"
     "面向具备大模型研发及政务云部署经验的供应商征集投标。根据招标文件，平台要求模型部署于"
     "政务云内网。", "deployment"),
    # a column signed off with a disclaimer argues about rules, it reports none
    ("Ottawa keeps promising an AI plan for the public service",
     "There have been strategies, guides, directives and a directive to review the "
     "directive. Some will say that the Treasury Board's rules on automated decision-making "
     "already make this impossible.\nOpinions expressed are those of the author and do not "
     "necessarily reflect those of The Prairie Observer.", "policy_regulation"),
])
def test_set_29s_lessons_do_not_count(config: SignalConfig, title: str, text: str,
                                      absent: str) -> None:
    assert absent not in types(config, title, text, "CN" if "深圳" in title else "CA")
