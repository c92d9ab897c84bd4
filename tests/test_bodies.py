"""Bodies no list names (pipelines/bodies.py, gazetteers/bodies.toml and titles.toml): one
parametrised table per pattern kind, each with the texts it must leave alone."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from crawler.config import ConfigError
from crawler.config.bodies import load_body_rules, load_titles
from pipelines.bodies import pinyin_slug, slug
from pipelines.tagging import Tagger


def agencies(tagger: Tagger, text: str, source: str = "") -> dict[str, dict[str, Any]]:
    return {a["id"]: a for a in tagger.tag("", text, source).agencies}


def unlisted(tagger: Tagger, text: str, source: str = "") -> dict[str, dict[str, Any]]:
    return {k: v for k, v in agencies(tagger, text, source).items() if not v["listed"]}


@pytest.mark.parametrize(("text", "body_id", "jurisdiction", "mention"), [
    # a known sub-national place, then a body
    ("The Georgia Department of Transportation will test AI.", "us-ga-department-of-transportation", "US",
     "Georgia Department of Transportation"),
    # each order alone keeps its own id (see test_both_orders_in_one_article_are_one_body)
    ("The Ohio Transportation Department said.", "us-oh-transportation-department", "US",
     "Ohio Transportation Department"),
    ("The Texas Education Agency issued guidance.", "us-tx-education-agency", "US",
     "Texas Education Agency"),
    ("Ontario Ministry of Health officials said.", "ca-on-ministry-of-health", "CA",
     "Ontario Ministry of Health"),
    ("The Government of Karnataka launched a portal.", "in-ka-government", "IN",
     "Government of Karnataka"),
    ("The Kerala government launched a portal.", "in-kl-government", "IN", "Kerala government"),
    ("Georgia Department of Transportation Commissioner Russell McMurry said.",
     "us-ga-department-of-transportation", "US", "Georgia Department of Transportation"),
    # a country, then a body its list lacks
    ("India's Ministry of Power will use AI to forecast demand.", "in-ministry-of-power", "IN",
     "India's Ministry of Power"),
    ("Germany's Federal Office for Radiation Protection will supervise it.",
     "de-federal-office-for-radiation-protection", "DE",
     "Germany's Federal Office for Radiation Protection"),
    ("Texas Governor Greg Abbott signed the order.", "us-tx-office-of-the-governor", "US",
     "Texas Governor"),
    ("Busan Metropolitan City will follow.", "kr-busan-government", "KR", "Busan Metropolitan City"),
    ("MeitY said the Ministry of Agriculture and Farmers Welfare in India would.",
     "in-ministry-of-agriculture-and-farmers-welfare", "IN",
     "Ministry of Agriculture and Farmers Welfare"),  # a ministry: the article's country
    # councils, NHS bodies, police forces
    ("Kent County Council will use AI for care notes.", "gb-kent-county-council", "GB",
     "Kent County Council"),
    ("Birmingham City Council said.", "gb-birmingham-city-council", "GB", "Birmingham City Council"),
    ("Rushmoor Borough Council approved the pilot.", "gb-rushmoor-borough-council", "GB",
     "Rushmoor Borough Council"),
    ("NHS Lothian is testing AI triage.", "gb-nhs-lothian", "GB", "NHS Lothian"),
    ("NHS Greater Glasgow and Clyde said.", "gb-nhs-greater-glasgow-and-clyde", "GB",
     "NHS Greater Glasgow and Clyde"),
    ("Leeds Teaching Hospitals NHS Trust is testing AI.", "gb-leeds-teaching-hospitals-nhs-trust",
     "GB", "Leeds Teaching Hospitals NHS Trust"),
    ("In England, Thames Valley Police will trial AI.", "gb-thames-valley-police", "GB",
     "Thames Valley Police"),
    # India's city corporations and high courts, Kenya's county governments
    ("The Brihanmumbai Municipal Corporation will use AI.", "in-brihanmumbai-municipal-corporation",
     "IN", "Brihanmumbai Municipal Corporation"),
    ("In India, the Bombay High Court said.", "in-bombay-high-court", "IN", "Bombay High Court"),
    ("The Nyandarua County Government will pilot it.", "ke-nyandarua-government", "KE",
     "Nyandarua County Government"),
])
def test_english_bodies(tagger: Tagger, text: str, body_id: str, jurisdiction: str,
                        mention: str) -> None:
    found = unlisted(tagger, text)
    assert list(found) == [body_id]
    assert found[body_id]["jurisdiction"] == jurisdiction
    assert found[body_id]["mentions"] == [mention] and found[body_id]["parent"] is None


@pytest.mark.parametrize("text", [
    "Microsoft's Office of Responsible AI published a report.",        # a company's office
    "The Department of Computer Science, University of Leeds, said.",  # a university
    "The Council of Europe adopted a convention on AI.",              # an international body
    "Ohio State University Department of Computer Science said.",
    "The UN Security Council met on Monday.",
    "On Monday District Council members said.",                       # no place at all
    "The Washington Post reported the department's plans.",
    "The Japanese government said it would act.",                     # the country itself
    "Springfield City Council met on Monday.",                        # city council, no context
    "Springfield Police said.",                                       # police: no jurisdiction context
    "The NHS App and NHS trusts were mentioned.",
    "The Ministry of Finance said.",                                  # a ministry, no country
    "Hong Kong's Civil Service College will run it.",                 # no "Service" body
])
def test_english_negatives(tagger: Tagger, text: str) -> None:
    assert unlisted(tagger, text) == {}


def test_a_place_written_with_a_hyphen_is_the_place(tagger: Tagger) -> None:
    # the place matcher finds "New-Mexico" for "New Mexico" (a space matches a hyphen);
    # looking the text up as written raised KeyError and lost the article (bench/crawl.py)
    tags = tagger.tag("Cat found in New-Mexico", "A cat was found in New-Mexico's capital, "
                      "the New-Mexico Department of Health said.")
    assert tags.jurisdictions == tagger.tag("Cat found in New Mexico", "A cat was found in "
                                            "New Mexico's capital, the New Mexico Department "
                                            "of Health said.").jurisdictions


def test_a_listed_name_wins_over_the_pattern(tagger: Tagger) -> None:
    """A country's listed agency ("Japan's Digital Agency"), a listed name spanning the
    whole body, or a listed force at the end of a police form is tagged as listed."""
    assert list(agencies(tagger, "Japan's Digital Agency will use AI.")) == ["jp-digital-agency"]
    assert agencies(tagger, "Japan's Digital Agency will use AI.")["jp-digital-agency"]["listed"]
    assert list(agencies(tagger, "The US Department of Commerce said.")) == ["us-doc"]
    assert list(agencies(tagger, "The Australian Federal Police said.")) == ["au-afp"]


def test_two_councils_joined_by_and_stay_two(tagger: Tagger) -> None:
    found = unlisted(tagger, "Surrey County Council and Kent County Council began a trial.")
    assert sorted(found) == ["gb-kent-county-council", "gb-surrey-county-council"]


@pytest.mark.parametrize(("text", "body_id"), [
    # an area of two places
    ("Basingstoke and Deane Borough Council in England said.",
     "gb-basingstoke-and-deane-borough-council"),
    ("In England, Devon and Cornwall Police will trial AI.", "gb-devon-and-cornwall-police"),
])
def test_a_council_or_force_of_two_places_is_one_body(tagger: Tagger, text: str,
                                                      body_id: str) -> None:
    assert list(unlisted(tagger, text)) == [body_id]


@pytest.mark.parametrize(("text", "unit", "parent"), [
    # a committee named by a list of its remits is one unit of its chamber
    ("In South Korea, the National Assembly's Science, ICT, Broadcasting and Communications "
     "Committee held a hearing.",
     "kr-national-assembly-science-ict-broadcasting-and-communications-committee",
     "kr-national-assembly"),
    ("The Scottish Parliament's Health, Social Care and Sport Committee heard evidence.",
     "gb-scot-parl-health-social-care-and-sport-committee", "gb-scot-parl"),
    # the list after "Committee on"
    ("The European Parliament's Committee on Civil Liberties, Justice and Home Affairs voted.",
     "eu-parliament-committee-on-civil-liberties-justice-and-home-affairs", "eu-parliament"),
    ("The US Senate's Committee on Commerce, Science, and Transportation met in Washington.",
     "us-congress-committee-on-commerce-science-and-transportation", "us-congress"),
])
def test_a_committee_named_by_a_list_keeps_the_whole_list(tagger: Tagger, text: str, unit: str,
                                                          parent: str) -> None:
    found = agencies(tagger, text)
    assert found[unit]["parent"] == parent


def test_a_district_named_with_and_without_its_city_is_one_body(tagger: Tagger) -> None:
    found = unlisted(tagger, "海淀区政务服务和数据管理局试点。北京市海淀区政务服务和数据管理局表示。")
    assert list(found) == ["cn-beijing-haidian-data"]
    assert len(found["cn-beijing-haidian-data"]["mentions"]) == 2
    assert "cn-beijing-chaoyang-housing" in unlisted(tagger, "北京朝阳区住房和城乡建设委员会发布。")


def test_a_council_of_an_unknown_place_takes_the_articles_jurisdiction(tagger: Tagger) -> None:
    text = "Springfield City Council in Illinois met. The Illinois Department of Labor agreed."
    assert unlisted(tagger, text)["us-springfield-city-council"]["jurisdiction"] == "US"
    # without context, a "City Council" is dropped, a "Borough Council" is British
    assert unlisted(tagger, "Springfield City Council met.") == {}
    assert "gb-rushmoor-borough-council" in unlisted(tagger, "Rushmoor Borough Council met.")


@pytest.mark.parametrize(("text", "unit_id", "parent", "mention"), [
    ("The Digital Policy Office's AI Efficacy Enhancement Team will help.",
     "hk-dpo-ai-efficacy-enhancement-team", "hk-dpo", "AI Efficacy Enhancement Team"),
    ("The AI Task Force at the Inland Revenue Department said.", "hk-ird-ai-task-force", "hk-ird",
     "AI Task Force"),
    ("The Office of the Chief Technology Officer at the Department of Veterans Affairs said.",
     "us-va-office-of-the-chief-technology-officer", "us-va",
     "Office of the Chief Technology Officer"),
    ("The Department of Veterans Affairs' Office of the Chief AI Officer said.",
     "us-va-office-of-the-chief-ai-officer", "us-va", "Office of the Chief AI Officer"),
    ("數字政策辦公室轄下的智慧政府創新實驗室統籌。", "hk-dpo-zhihuizhengfuchuangxinshiyanshi", "hk-dpo",
     "智慧政府創新實驗室"),
    ("数字政策办公室辖下的人工智能专责小组会协助。", "hk-dpo-rengongzhinengzhuanzexiaozu", "hk-dpo",
     "人工智能专责小组"),
    ("消防處轄下的消防通訊中心將使用。", "hk-fsd-xiaofangtongxunzhongxin", "hk-fsd", "消防通訊中心"),
    ("立法會資訊科技及廣播事務委員會今日開會。", "hk-legco-zixunkejijiguangboshiwuweiyuanhui", "hk-legco",
     "資訊科技及廣播事務委員會"),
    ("中国人民银行科技司有关负责人表示。", "cn-pboc-kejisi", "cn-pboc", "科技司"),
    ("The DHS Office of the Chief Information Officer issued rules.",
     "us-dhs-office-of-the-chief-information-officer", "us-dhs", "Office of the Chief Information Officer"),
    ("Tokyo Metropolitan Government's Bureau of Port and Harbor is testing AI.",
     "jp-tokyo-bureau-of-port-and-harbor", "jp-tokyo", "Bureau of Port and Harbor"),
    # one-character suffixes right after the parent, as Taiwan's and the mainland's
    # ministries write their agencies and bureaux
    ("衛生福利部社會及家庭署表示，將推廣。", "tw-mohw-shehuijijiatingshu", "tw-mohw", "社會及家庭署"),
    ("新北市政府社會局今天宣布。", "tw-ntpc-gov-shehuiju", "tw-ntpc-gov", "社會局"),
    # teams, sections and divisions: 團隊, 科, 廳 (科 past 科技 to the suffix after it)
    ("運輸署智慧出行團隊正研究。", "hk-td-zhihuichuxingtuandui", "hk-td", "智慧出行團隊"),
    ("數字政策辦公室轄下的數據治理科今日表示。", "hk-dpo-shujuzhilike", "hk-dpo", "數據治理科"),
    ("澳門行政公職局資訊廳表示。", "mo-safp-zixunting", "mo-safp", "資訊廳"),
    ("中国人民银行金融科技司发布通知。", "cn-pboc-jinrongkejisi", "cn-pboc", "金融科技司"),
    # a legislature's numbered standing committee (第 and numerals start no other unit)
    ("澳門立法會第一常設委員會主席表示。", "mo-al-diyichangsheweiyuanhui", "mo-al", "第一常設委員會"),
    # 區 starts no unit's name, but 區域 ("area") does
    ("系統由運輸署轄下的區域交通控制組管理。", "hk-td-quyujiaotongkongzhizu", "hk-td", "區域交通控制組"),
])
def test_units_keep_their_parent(tagger: Tagger, text: str, unit_id: str, parent: str,
                                 mention: str) -> None:
    found = agencies(tagger, text)
    # the parent written only as the head of its unit's name has no tag of its own (see
    # test_a_parent_only_heading_its_unit_is_found_through_it)
    assert parent not in found or found[parent]["listed"]
    assert found[unit_id]["parent"] == parent and found[unit_id]["listed"] is False
    assert found[unit_id]["mentions"] == [mention]
    assert found[unit_id]["jurisdiction"] == parent.split("-")[0].upper()


@pytest.mark.parametrize(("text", "unit_id", "parent", "kept"), [
    # 立法會 only as the head of its panel's name: the panel, whose parent it is
    ("數字辦將向立法會資訊科技及廣播事務委員會匯報。", "hk-legco-zixunkejijiguangboshiwuweiyuanhui",
     "hk-legco", False),
    # an English head names its parent too ("Parliament's Transport Committee")
    ("The DHS Office of the Chief Information Officer issued rules.",
     "us-dhs-office-of-the-chief-information-officer", "us-dhs", True),
    # named on its own as well: its own tag too
    ("數字辦將向立法會資訊科技及廣播事務委員會匯報。立法會下周表決撥款。",
     "hk-legco-zixunkejijiguangboshiwuweiyuanhui", "hk-legco", True),
    # a parent named before its unit with words between is named on its own
    ("數字政策辦公室轄下的數據治理科今日表示。", "hk-dpo-shujuzhilike", "hk-dpo", True),
])
def test_a_parent_only_heading_its_unit_is_found_through_it(tagger: Tagger, text: str,
                                                           unit_id: str, parent: str,
                                                           kept: bool) -> None:
    found = agencies(tagger, text)
    assert found[unit_id]["parent"] == parent
    assert (parent in found) is kept


@pytest.mark.parametrize("text", [
    "The DPO's Smart Government Innovation Lab ran it.",   # a listed name of the DPO itself
    "The Digital Policy Office's officials said.",          # no unit noun
    "Microsoft's AI Red Team tested it.",                   # no listed parent
    "立法會資訊科技的討論。",                                # 資訊科技 is no 資訊科 unit
    "數字政策辦公室的同事處理個案。",
    "最高人民法院发布司法解释。",                          # 司法: judicial, no 司 unit
    "創新科技署資訊科技發展。",                            # 科技: no 科 unit
    "衞生署牙科診所。",                                    # 牙科: a clinic's speciality
    "入境事務處會議廳舉行。",                              # 會議廳: a hall
    "議員促創科局加快。",                                  # 創科: innovation and technology
    "中国人民银行下属公司表示。",                          # 公司: a company
    "入境處引入人工智能處理申請。",                        # 處理: to handle, no 處 unit
    "金融管理局助理局長表示。",                            # 局長: a head's title
    "国家医疗保障局推广大数据模型查处违规行为。",          # a phrase: too long for a 处
    "教育局會推出新措施。",                                # 會: "will"
])
def test_unit_negatives(tagger: Tagger, text: str) -> None:
    assert [a for a in tagger.tag("", text).agencies if a["parent"]] == []


@pytest.mark.parametrize(("text", "body_id", "name_en"), [
    ("深圳市福田区政务服务数据管理局宣布。", "cn-shenzhen-futian-data", "Futian District Data Bureau"),
    ("广州市天河区数据局发布。", "cn-guangzhou-tianhe-data", "Tianhe District Data Bureau"),
    ("浦东新区人民政府发布。", "cn-pudong-gov", "People's Government of Pudong New Area"),
    ("福田区数据局发布。", "cn-futian-data", "Futian District Data Bureau"),
    ("杭州市城市大脑运营中心表示。", "cn-hangzhou-chengshidanaoyunyingzhongxin", None),
])
def test_chinese_bodies(tagger: Tagger, text: str, body_id: str, name_en: str | None) -> None:
    found = unlisted(tagger, text)
    assert list(found) == [body_id]
    assert found[body_id]["jurisdiction"] == "CN"
    assert found[body_id].get("name_en") == name_en
    assert found[body_id]["mentions"] == [found[body_id]["name"]]


@pytest.mark.parametrize("text", [
    "澳门特区政府表示。",      # 特区: a SAR, not a district
    "港特區政府宣布。",
    "北京市中心的商场。",      # the city centre
    "上海市民中心开放。",      # 市民: citizens
    "深圳市今年推出的政策处理方法。",  # no office: a phrase that ends in 处
    "广州某小区物业管理处通知。",      # 小区: a housing estate
    "北京政府表示。",          # no 市: Hong Kong papers mean the central government
    "福田区数据局限于人手。",  # 局限: limits
    "北京市海淀区政务大厅开放。",  # 大厅: a service hall
    "深圳市政务系统全面部署大模型。",  # 部署: deployed, not a 署
    "贵州近年来大力发展数据中心。",    # a phrase, not an office
])
def test_chinese_negatives(tagger: Tagger, text: str) -> None:
    assert unlisted(tagger, text) == {}


@pytest.mark.parametrize(("text", "agency_id", "mention"), [
    ("Financial Secretary Paul Chan said.", "hk-fso", "Financial Secretary"),
    ("財政司司長陳茂波表示。", "hk-fso", "財政司司長"),
    ("政務司副司長卓永興表示。", "hk-cso", "政務司副司長"),
    ("The Commissioner for Digital Policy, Tony Wong, said.", "hk-dpo", "Commissioner for Digital Policy"),
    ("Hong Kong Chief Executive John Lee said.", "hk-ceo", "Hong Kong Chief Executive"),
    ("The Chief Executive said Hong Kong would act.", "hk-ceo", "Chief Executive"),
    ("The Secretary of State for Science, Innovation and Technology said.", "gb-dsit",
     "Secretary of State for Science, Innovation and Technology"),
    # titles read off the agencies' own names (no titles.toml entry), with their country
    ("France's Minister for Transport said the ministry would test AI.", "fr-transport",
     "Minister for Transport"),
    ("The Privacy Commissioner of Canada said Ottawa must act.", "ca-opc",
     "Privacy Commissioner of Canada"),
    # a Taiwanese special municipality's mayor or deputy mayor: its city government
    ("高雄市長陳其邁表示，捷運將延伸。", "tw-kh-gov", "高雄市長"),
    ("台中市副市長表示。", "tw-tc-gov", "台中市副市長"),
    ("The Health and Social Care Secretary said the NHS would act.", "gb-dhsc",
     "Health and Social Care Secretary"),
    ("In Nairobi, the Cabinet Secretary for Information, Communications and the Digital "
     "Economy said Kenya would act.", "ke-micde",
     "Cabinet Secretary for Information, Communications and the Digital Economy"),
])
def test_titles_tag_the_office(tagger: Tagger, text: str, agency_id: str, mention: str) -> None:
    found = agencies(tagger, text)
    assert found[agency_id]["mentions"] == [mention] and found[agency_id]["listed"]


@pytest.mark.parametrize("text", [
    "Microsoft's chief executive said.",              # lower case
    "The Chief Executive Officer of Acme said.",      # a company's
    "Chief Executive Satya Nadella said.",            # ambiguous title, no Hong Kong or Macao
    "The Minister for Transport said.",               # a derived title needs its country
    # a state's or a region's office-holder is not the national ministry's head
    "In the US, the Massachusetts Secretary of Transportation said.",
    "In Spain, Madrid's regional Minister of Health said.",
    "新北市議員表示。",                                # a councillor, no mayor
])
def test_title_negatives(tagger: Tagger, text: str) -> None:
    assert tagger.tag("", text).agencies == []


def test_derived_titles_come_from_ministry_and_department_names() -> None:
    from types import SimpleNamespace

    from crawler.config.bodies import derived_titles
    agencies = [SimpleNamespace(id="x-transport", name="Ministry of Transport", aliases=(),
                                jurisdiction="KE"),
                SimpleNamespace(id="x-labor", name="Department of Labor", aliases=()),
                SimpleNamespace(id="x-opc", name="Office of the Privacy Commissioner of Xland",
                                aliases=()),
                SimpleNamespace(id="x-lab", name="AI Lab", aliases=())]
    titles = derived_titles(agencies)
    assert "Minister for Transport" in titles["x-transport"]
    assert "Cabinet Secretary for Transport" in titles["x-transport"]  # Kenya's ministers
    elsewhere = derived_titles([SimpleNamespace(id="y-transport", name="Ministry of Transport",
                                                aliases=(), jurisdiction="FR")])
    assert "Cabinet Secretary for Transport" not in elsewhere["y-transport"]
    assert "Secretary of Labor" in titles["x-labor"]
    assert titles["x-opc"] == ("Privacy Commissioner of Xland",)
    assert "x-lab" not in titles


def test_slugs() -> None:
    assert slug("Department of Health & Human Services") == "department-of-health-and-human-services"
    assert slug("Sheriff's Office") == "sheriffs-office"
    assert pinyin_slug("福田") == "futian" and pinyin_slug("福田") == pinyin_slug("福田")


def test_bad_data_names_file_entry_and_key(tmp_path: Path) -> None:
    (tmp_path / "titles.toml").write_text(
        '[[title]]\nagency = "hk-nope"\nen = ["Chief"]\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"titles\.toml.*agency.*unknown agency id 'hk-nope'"):
        load_titles(tmp_path, ["hk-dpo"])
    (tmp_path / "bodies.toml").write_text(
        '[sources]\nx = "y"\n[[place]]\nid = "us-zz"\nname = "Z"\njurisdiction = "XX"\n'
        'kind = "state"\nsource = "x"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"bodies\.toml.*place 'us-zz'.*id"):
        load_body_rules(tmp_path, {"US"})
    assert load_body_rules(tmp_path / "missing", {"US"}).kinds == ()


def test_head_is_government_and_legislatures_are_data(tmp_path: Path, gazetteer: Any) -> None:
    """Which heads name their government, which words name a legislature and which kinds
    head a national body are bodies.toml data: a bad code fails at load naming the key, and
    a gazetteer without the keys recognises none of those forms."""
    import dataclasses

    from pipelines.tagger import Tagger as Rules

    (tmp_path / "bodies.toml").write_text(
        '[english]\nkinds = ["Department"]\nhead_is_government = ["ZZ"]\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"bodies\.toml.*\[english\].*head_is_government.*'ZZ'"):
        load_body_rules(tmp_path, {"US"})
    shipped = gazetteer.bodies
    assert "JP" in shipped.head_is_government and "Assembly" in shipped.legislatures
    text = "The Osaka Governor said the London Assembly and the Federal Office for " \
           "Information Security would review the tool."
    found = unlisted(Rules(gazetteer), text)
    bare = dataclasses.replace(shipped, head_is_government=(), legislatures=(),
                               national_kinds=())
    without = unlisted(Rules(dataclasses.replace(gazetteer, bodies=bare)), text)
    assert {"jp-osaka-government", "gb-london-assembly"} <= set(found)
    assert "jp-osaka-government" not in without and "gb-london-assembly" not in without
    assert len(without) < len(found)


# --- blind set 11's kinds (issue #12): each case failed before the fix it names ----------

@pytest.mark.parametrize(("text", "body_id", "jurisdiction"), [
    # a Japanese, Korean or Indian head's title names the government itself
    ("Osaka Governor Hirofumi Yoshimura said.", "jp-osaka-government", "JP"),
    ("The Maharashtra Chief Minister said.", "in-mh-government", "IN"),
    ("Texas Governor Greg Abbott signed the order.", "us-tx-office-of-the-governor", "US"),
    # a known city's own council
    ("Cardiff Council will use AI to sort housing repairs.", "gb-cardiff-council", "GB"),
    # a level written in the name stays in it ("Lagos State …", "California State Assembly")
    ("The Lagos State Traffic Management Authority said.",
     "ng-lagos-state-traffic-management-authority", "NG"),
    ("The Wisconsin State Assembly voted.", "us-wi-state-assembly", "US"),
    # a county named after its city is the county's body, not the city's
    ("The Los Angeles County Board of Supervisors voted.",
     "us-los-angeles-county-board-of-supervisors", "US"),
    ("In California, the Los Angeles County Sheriff's Department said.",
     "us-los-angeles-county-sheriffs-department", "US"),
    # a state's other elected officers head offices of their own
    ("Texas Attorney General Ken Paxton sued.", "us-tx-office-of-the-attorney-general", "US"),
    ("New York State Comptroller Thomas DiNapoli audited it.", "us-ny-office-of-the-comptroller",
     "US"),
    ("California Secretary of State Shirley Weber certified it.",
     "us-ca-office-of-the-secretary-of-state", "US"),
    ("The Kanagawa Prefectural Government will use AI.", "jp-kanagawa-government", "JP"),
    # a sub-national place and a legislature's name alone
    ("The London Assembly met on Monday.", "gb-london-assembly", "GB"),
    ("The Texas House of Representatives passed it.", "us-tx-house-of-representatives", "US"),
    ("The New York City Council voted.", "us-nyc-council", "US"),  # not New York State's
    # "Police Agency" is no police form: the body pattern keeps it
    ("The Korean National Police Agency said.", "kr-national-police-agency", "KR"),
    # a ministry with the words before it, its preposition as written
    # (Bavaria's is listed since the twenty-third session: Hesse's is not)
    ("In Germany, the Hessian State Ministry for Digital Affairs said.",
     "de-hessian-state-ministry-for-digital-affairs", "DE"),
    # federal and national bodies named without their country
    # (bodies the national gazetteers do not list)
    ("In Germany, the Federal Agency for Cartography and Geodesy must certify it.",
     "de-federal-agency-for-cartography-and-geodesy", "DE"),
    ("Brazil's Regional Labour Court ordered a review.", "br-regional-labour-court", "BR"),
    # "City of X" is the city's government
    ("The City of Toronto said its chatbot works.", "ca-toronto-government", "CA"),
    ("In Canada, the City of Calgary said.", "ca-calgary-government", "CA"),
    ("北京互联网法院发布白皮书。", "cn-beijing-hulianwangfayuan", "CN"),
    # a plural possessive inside a name; a place whose name holds a small word; regions
    # and capitals of bodies.toml's last groups (an emirate keeps its name in the id)
    ("British Columbia's Ministry of Citizens' Services will use AI.",
     "ca-bc-ministry-of-citizens-services", "CA"),
    ("The Rio de Janeiro Department of Education said.",
     "br-rio-de-janeiro-department-of-education", "BR"),
    ("Ohio's Department of Natural Resources said.",
     "us-oh-department-of-natural-resources", "US"),
    ("The North Rhine-Westphalia Ministry of Justice said.",
     "de-north-rhine-westphalia-ministry-of-justice", "DE"),
    ("Cork City Council said.", "ie-cork-city-council", "IE"),
    ("The Chungcheongnam-do Provincial Government in Korea said.",
     "kr-chungcheongnam-government", "KR"),
    # a council of a place no list has is not Hong Kong's District Councils
    ("Horowhenua District Council in New Zealand said it would use AI.",
     "nz-horowhenua-district-council", "NZ"),
])
def test_blind11_bodies(tagger: Tagger, text: str, body_id: str, jurisdiction: str) -> None:
    found = unlisted(tagger, text)
    assert list(found) == [body_id]
    assert found[body_id]["jurisdiction"] == jurisdiction


@pytest.mark.parametrize("text", [
    "The National Bureau of Economic Research in the United States said.",  # a private body
    "The National Rifle Association in the United States said.",
    "Melco's City of Dreams in Macao opened a hall.",                       # a casino
])
def test_blind11_negatives(tagger: Tagger, text: str) -> None:
    assert [a for a in tagger.tag("", text).agencies if not a["listed"]] == []


def test_city_of_a_place_whose_name_holds_a_small_word(tagger: Tagger) -> None:
    # the pattern's own finding (the gazetteer may list the city's government by name)
    found = [b.id for b in tagger.bodies.english("The City of Rio de Janeiro said.")]
    assert "br-rio-de-janeiro-government" in found


def test_the_states_body_takes_the_state_named_before(tagger: Tagger) -> None:
    found = agencies(tagger, "The Pennsylvania Governor announced it. The rollout is run "
                             "by the state's Office of Administration.")
    # named and mentioned as written, without "the state's" (the id holds its place)
    assert found["us-pa-office-of-administration"]["mentions"] == ["Office of Administration"]
    assert found["us-pa-office-of-administration"]["name"] == "Office of Administration"
    assert found["us-pa-office-of-administration"]["listed"] is False
    # a listed name once the place is written out: the listed agency
    found = agencies(tagger, "New South Wales will act. The state's Department of Education "
                             "said.")
    assert list(found) == ["au-nsw-doe"]
    # ... and after the place's possessive
    found = agencies(tagger, "Queensland's Department of Transport and Main Roads will add "
                             "cameras.")
    assert list(found) == ["au-qld-tmr"]
    found = agencies(tagger, "Abu Dhabi's Department of Government Enablement said.")
    assert list(found) == ["ae-dge"]
    # no state named before: nothing
    assert agencies(tagger, "The state's Department of Health said.") == {}


def test_a_unit_of_an_office_and_its_second_mention(tagger: Tagger) -> None:
    # an office of offices.toml is a parent too
    found = agencies(tagger, "成都市公安局交通管理局表示，将推广。")
    assert found["cn-chengdu-psb-jiaotongguanliju"]["parent"] == "cn-chengdu-psb"
    # named again without its parent (the headline), it is still the unit, and a place
    # inside its name (北區, a Hong Kong district) makes no body of its own
    tags = tagger.tag("北區國稅局AI比對電商金流", "臺灣財政部北區國稅局今天表示，已導入AI模型。")
    ids = {a["id"]: a for a in tags.agencies}
    # (財政部 heads the unit's name only: found through the unit, no tag of its own)
    assert set(ids) == {"tw-mof-beiquguoshuiju"}
    assert ids["tw-mof-beiquguoshuiju"]["parent"] == "tw-mof"
    assert ids["tw-mof-beiquguoshuiju"]["mentions"] == ["北區國稅局"]


def test_no_chinese_unit_of_an_unlisted_body(tagger: Tagger) -> None:
    # 推出…中心: a phrase after a body no list names, not a unit of it
    assert [a for a in tagger.tag("", "深圳市前海管理局推出人工智能服务中心。").agencies
            if a["parent"]] == []


def test_a_head_of_a_listed_government_tags_it(tagger: Tagger) -> None:
    found = agencies(tagger, "Tokyo Governor Yuriko Koike said.")
    assert list(found) == ["jp-tokyo"] and found["jp-tokyo"]["listed"]
    assert found["jp-tokyo"]["mentions"] == ["Tokyo Governor"]


@pytest.mark.parametrize(("text", "unit_id", "parent"), [
    ("The New York City Council's Committee on Technology met.",
     "us-nyc-council-committee-on-technology", "us-nyc-council"),   # an unlisted parent
    ("The Legislative Council's Panel on Information Technology and Broadcasting met on Monday.",
     "hk-legco-panel-on-information-technology-and-broadcasting", "hk-legco"),
    ("The Texas House of Representatives' House Select Committee on Artificial Intelligence "
     "and Emerging Technologies will meet.",
     "us-tx-house-of-representatives-house-select-committee-on-artificial-intelligence-and-"
     "emerging-technologies", "us-tx-house-of-representatives"),
])
def test_units_with_a_remit_and_unlisted_parents(tagger: Tagger, text: str, unit_id: str,
                                                 parent: str) -> None:
    found = agencies(tagger, text)
    assert found[unit_id]["parent"] == parent and parent in found


def test_a_unit_wins_over_another_jurisdictions_name_inside_it(tagger: Tagger) -> None:
    found = agencies(tagger, "Japan's MLIT's Kinki Regional Development Bureau will do it.")
    assert found["jp-mlit-kinki-regional-development-bureau"]["parent"] == "jp-mlit"
    assert "hk-devb" not in found  # Hong Kong's "Development Bureau"


def test_a_longer_portfolio_is_not_the_title(tagger: Tagger) -> None:
    assert "hk-hhb" not in agencies(tagger, "The Cabinet Secretary for Health and Social Care said.")
    assert "hk-hhb" in agencies(tagger, "The Secretary for Health and Chief Secretary said.")


def test_a_shared_abbreviation_follows_the_article(tagger: Tagger) -> None:
    found = agencies(tagger, "New Zealand's Inland Revenue will use AI. An IRD spokesperson said.")
    assert "nz-ird" in found and "hk-ird" not in found


def test_a_national_body_takes_the_country_named_before_it(tagger: Tagger) -> None:
    text = ("The European Commission and the EU AI Office met EU ministers. "
            "In Germany, the Federal Office for Radiation Protection will supervise it.")
    assert "de-federal-office-for-radiation-protection" in unlisted(tagger, text)


def test_a_district_is_no_city_of_another_district(tagger: Tagger) -> None:
    found = unlisted(tagger, "深圳市福田区政务服务数据管理局宣布。福田区政数局表示。")
    assert list(found) == ["cn-shenzhen-futian-data"]


# --- legislatures named without their place (issue #12, blind set 14) -------------------

@pytest.mark.parametrize(("text", "body_id", "unit_id"), [
    # "the Landtag", "the state Senate": the state or province named last
    ("Baden-Württemberg's Ministry of Justice extends the tool. The Landtag's Committee on "
     "Justice and Migration asked for an evaluation.", "de-baden-wurttemberg-landtag",
     "de-baden-wurttemberg-landtag-committee-on-justice-and-migration"),
    ("Pennsylvania's Office of Administration will give staff AI tools. The state Senate's "
     "Communications and Technology Committee plans a hearing.", "us-pa-senate",
     "us-pa-senate-communications-and-technology-committee"),
    # a place's House with an apostrophe-s; a State House of Assembly
    ("The Texas Department of Information Resources signed it. Members of the Texas House's "
     "Select Committee on Artificial Intelligence asked for reports.",
     "us-tx-house-of-representatives",
     "us-tx-house-of-representatives-select-committee-on-artificial-intelligence"),
    ("The Lagos State House of Assembly's Committee on Health will visit the hospitals.",
     "ng-lagos-state-house-of-assembly",
     "ng-lagos-state-house-of-assembly-committee-on-health"),
    # Hong Kong lists a "Legislative Council"; after NSW it is the NSW chamber
    ("Service NSW will trial an AI tool after a report by the Legislative Council's Committee "
     "on Customer Service.", "au-nsw-legislative-council",
     "au-nsw-legislative-council-committee-on-customer-service"),
])
def test_a_legislature_named_without_its_place(tagger: Tagger, text: str, body_id: str,
                                               unit_id: str) -> None:
    found = agencies(tagger, text)
    assert found[body_id]["listed"] is False
    assert found[unit_id]["parent"] == body_id
    assert not any(k.startswith("hk-") for k in found)


@pytest.mark.parametrize(("text", "absent"), [
    # a place inside a longer name is no state named; a city has no Landtag
    ("The Marine Department will watch Victoria Harbour. An officer told the Legislative "
     "Council's Panel on Economic Development.", "au-vic-legislative-council"),
    ("A court in Cologne tests AI. The Landtag's Legal Affairs Committee asked.",
     "de-cologne-landtag"),
    # "the Senate" alone may be a national chamber: with a federal body named, it is
    ("Pennsylvania's Office of Administration will act. The Federal Trade Commission and the "
     "Senate's Commerce Committee asked.", "us-pa-senate"),
])
def test_a_bare_legislature_needs_its_state(tagger: Tagger, text: str, absent: str) -> None:
    assert absent not in agencies(tagger, text)


def test_a_governor_named_with_the_state_before(tagger: Tagger) -> None:
    text = "The Texas Workforce Commission will test it. A spokesperson for Governor Greg " \
           "Abbott said the pilot would be reviewed."
    assert agencies(tagger, text)["us-tx-office-of-the-governor"]["mentions"] == ["Governor"]
    # "Texas Governor Greg Abbott" is the place's title, found once
    found = agencies(tagger, "Texas Governor Greg Abbott said so.")
    assert found["us-tx-office-of-the-governor"]["mentions"] == ["Texas Governor"]
    assert "us-tx-office-of-the-governor" not in agencies(tagger, "Governor Greg Abbott said.")


def test_an_unlisted_body_keeps_the_abbreviation_the_text_gives_it(tagger: Tagger) -> None:
    text = ("The Texas Department of Information Resources (DIR) signed the contract. Every "
            "template will be reviewed by DIR's Artificial Intelligence Center of Excellence.")
    found = agencies(tagger, text)
    body = "us-tx-department-of-information-resources"
    assert found[body]["mentions"] == ["Texas Department of Information Resources", "DIR"]
    assert found[f"{body}-artificial-intelligence-center-of-excellence"]["parent"] == body
    # a word in capitals with no abbreviation given is nobody's
    assert "DIR" not in str(agencies(tagger, "The Texas Department of Information "
                                             "Resources said. DIR is a word here."))


def test_a_wing_is_a_unit(tagger: Tagger) -> None:
    text = "The Telangana Information Technology, Electronics and Communications " \
           "Department's Emerging Technologies Wing built it."
    found = agencies(tagger, text)
    dept = "in-tg-government-information-technology-electronics-and-communications-department"
    units = [a for a in found.values() if a["parent"] == dept]
    assert [u["mentions"] for u in units] == [["Emerging Technologies Wing"]]
    # the department itself is a unit of the state's government (government_departments)
    assert found[dept]["parent"] == "in-tg-government"


# --- a legislature's committee named on its own (issue #12, fourth session) ---------------

@pytest.mark.parametrize(("text", "unit", "parent"), [
    ("MPs in the House of Commons questioned the Home Office. The Commons Home Affairs "
     "Committee said police forces needed national rules.",
     "gb-parliament-home-affairs-committee", "gb-parliament"),
    ("Members of the Oireachtas Joint Committee on Health met on Tuesday.",
     "ie-oireachtas-joint-committee-on-health", "ie-oireachtas"),
    ("Canada's House of Commons Standing Committee on Access to Information, Privacy and "
     "Ethics heard from officials.",
     "ca-parliament-standing-committee-on-access-to-information-privacy-and-ethics",
     "ca-parliament"),
    # the name ends before a day
    ("The US Congress is split. The Senate Finance Committee on Thursday voted.",
     "us-congress-finance-committee", "us-congress"),
    # the chamber named after it, in its sentence
    ("Members of the Health, Social Care and Sport Committee have asked to hear from "
     "clinicians before the Scottish Parliament breaks for summer recess.",
     "gb-scot-parl-health-social-care-and-sport-committee", "gb-scot-parl"),
    # its members are no part of its name
    ("The Canada Revenue Agency will use AI. Members of the Standing Committee on Public "
     "Accounts in the House of Commons said they would call officials.",
     "ca-parliament-standing-committee-on-public-accounts", "ca-parliament"),
])
def test_a_committee_named_on_its_own_is_its_legislatures(tagger: Tagger, text: str,
                                                          unit: str, parent: str) -> None:
    found = agencies(tagger, text)
    assert found[unit]["parent"] == parent
    assert all(mention in text for mention in found[unit]["mentions"])


@pytest.mark.parametrize("text", [
    # a central bank's committee, the legislature named far away and the name no chamber's
    "The Bank of England said its Monetary Policy Committee would meet in May. " + "Filler. " * 45
    + "Parliament will debate the bank's forecasts next month.",
    # no legislature in the article
    "Microsoft's AI Ethics Committee met on Monday.",
])
def test_a_committee_with_no_legislature_near_is_no_unit_of_one(tagger: Tagger, text: str) -> None:
    # (the bank's own committee is its unit, "its Monetary Policy Committee"; no chamber's)
    assert not [i for i, a in agencies(tagger, text).items()
                if "committee" in i and not i.startswith("gb-boe-")]
    assert not [a for a in agencies(tagger, text).values()
                if "committee" in a["id"] and a["parent"] in ("gb-parliament", "")]


@pytest.mark.parametrize("text", [
    "West Yorkshire Integrated Care Board said it would act.",
    "NHS West Yorkshire Integrated Care Board said it would act.",
])
def test_an_integrated_care_board_has_one_id_however_written(tagger: Tagger, text: str) -> None:
    """bodies.toml ``nhs_named``: the board's official name starts with "NHS", written or not."""
    board = agencies(tagger, text)["gb-nhs-west-yorkshire-integrated-care-board"]
    assert board["name"] == "NHS West Yorkshire Integrated Care Board"
    assert board["mentions"] == [text.removesuffix(" said it would act.")]


def test_integrated_care_boards_in_general_are_no_body(tagger: Tagger) -> None:
    # the NHS itself, no "NHS Integrated Care" body
    assert set(agencies(tagger, "NHS Integrated Care Board chiefs met on Monday.")) == {"gb-nhs"}


@pytest.mark.parametrize(("text", "body_id"), [
    ("In England, the Avon and Somerset Police and Crime Commissioner approved the project.",
     "gb-avon-and-somerset-police-and-crime-commissioner"),
    ("In England, the Essex Police, Fire and Crime Commissioner asked for a reply.",
     "gb-essex-police-fire-and-crime-commissioner"),
])
def test_a_police_and_crime_commissioner_is_a_body_of_its_own(tagger: Tagger, text: str,
                                                              body_id: str) -> None:
    found = agencies(tagger, text)
    assert found[body_id]["listed"] is False and found[body_id]["jurisdiction"] == "GB"


def test_a_prefectural_assembly_and_its_committee(tagger: Tagger) -> None:
    found = agencies(tagger, "Members of the Kanagawa Prefectural Assembly questioned the "
                             "plan, and the assembly's General Affairs and Policy Committee "
                             "will hold a hearing.")
    assert found["jp-kanagawa-prefectural-assembly"]["listed"] is False
    committee = "jp-kanagawa-prefectural-assembly-general-affairs-and-policy-committee"
    assert found[committee]["parent"] == "jp-kanagawa-prefectural-assembly"


@pytest.mark.parametrize("text", [
    "In England, Croydon Council said it would act.",
    "In England, the London Borough of Croydon said it would act.",
])
def test_a_london_boroughs_council_has_one_id_however_written(tagger: Tagger, text: str) -> None:
    """bodies.toml ``[english.council_names]``: "<borough> Council" is the London Borough."""
    found = agencies(tagger, text)
    assert set(found) == {"gb-london-borough-of-croydon"}
    assert found["gb-london-borough-of-croydon"]["name"] == "London Borough of Croydon"


@pytest.mark.parametrize(("text", "body_id"), [
    ("In Scotland, Fife Council said it would act.", "gb-fife-council"),
    ("Swansea Council in Wales said it would act.", "gb-swansea-council"),
])
def test_uk_council_areas_name_their_councils(tagger: Tagger, text: str, body_id: str) -> None:
    assert agencies(tagger, text)[body_id]["listed"] is False


def test_council_names_need_their_place(tmp_path: Path) -> None:
    (tmp_path / "bodies.toml").write_text(
        '[english.council_names]\nborough = "London Borough"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"bodies\.toml.*council_names.*'borough'"):
        load_body_rules(tmp_path, {"GB"})


@pytest.mark.parametrize(("text", "absent", "present"), [
    # a listed name with another place right after it is that place's body
    ("Environment Protection Authority Victoria (EPA Victoria) issued an improvement notice.",
     "us-epa", None),
    ("TORONTO — Ontario's ministries cannot say how many AI tools they use. The Office of the "
     "Auditor General of Ontario recommended an inventory.", "ca-oag",
     "ca-on-office-of-the-auditor-general"),
    # a place that starts a longer name does not end the listed one
    # (the FBI heads its unit's name: the field office, whose parent it is)
    ("The FBI Washington Field Office said it had opened an inquiry.", None,
     "us-fbi-washington-field-office"),
    ("The Office of the Auditor General of Canada said.", None, "ca-oag"),
])
def test_a_place_after_a_listed_name(tagger: Tagger, text: str, absent: str | None,
                                     present: str | None) -> None:
    found = agencies(tagger, text)
    if absent:
        assert absent not in found
    if present:
        assert present in found


@pytest.mark.parametrize(("text", "body_id"), [
    # an adjective before "Department" keeps its order
    ("The Kenya Meteorological Department issued a warning.", "ke-meteorological-department"),
    ("Abu Dhabi Judicial Department said it would use AI.", "ae-abu-dhabi-judicial-department"),
    # a noun keeps its order too ("Employment Development Department" is official)
    ("The California Employment Development Department said.",
     "us-ca-employment-development-department"),
    # "of the" is part of the name
    ("The Lagos State Ministry of the Environment and Water Resources said.",
     "ng-lagos-state-ministry-of-the-environment-and-water-resources"),
    # a German state's adjective heads its bodies' names, and their ids (Bavaria's tax
    # office is listed)
    ("The Bavarian State Office for Statistics will screen returns.",
     "de-bavarian-state-office-for-statistics"),
    ("The Saxon State Office for Taxes will screen returns.", "de-saxon-state-office-for-taxes"),
    ("Opposition members of the Hessian Landtag asked for details.", "de-hessian-landtag"),
    ("The Hessian Commissioner for Data Protection and Freedom of Information was consulted.",
     "de-hessian-commissioner-for-data-protection-and-freedom-of-information"),
])
def test_derived_ids_follow_the_written_name(tagger: Tagger, text: str, body_id: str) -> None:
    assert body_id in unlisted(tagger, text)


def test_an_own_kind_drops_its_place_from_the_id() -> None:
    from pipelines.body_ids import adjective, without_place

    assert without_place("Office of the Auditor General of Ontario", "Ontario") \
        == "Office of the Auditor General"
    assert without_place("Commissioner for the Ontario Region", "Ontario") \
        == "Commissioner for the Ontario Region"
    assert adjective("Meteorological") and adjective("Judicial") and not adjective("Transport")


@pytest.mark.parametrize(("text", "body_id"), [
    # (Peru: a country whose agencies no gazetteer lists; Chile's are listed since the
    # twenty-first session)
    ("LIMA (Reuters) - The Central Bank of Peru held its benchmark rate.",
     "pe-central-bank"),
    ("The Ministry of Finance of Peru said growth would slow.", "pe-ministry-of-finance"),
    ("The Office of the President of Chile said.", "cl-office-of-the-president"),
])
def test_a_body_named_before_its_place(tagger: Tagger, text: str, body_id: str) -> None:
    assert body_id in unlisted(tagger, text)


@pytest.mark.parametrize("text", [
    "The Investment Bank of Chile said.",  # a bank, not the central bank
    "The University of Chile said.",
    "The Council of Europe adopted a convention.",  # an international organisation
    # the tail of a longer name is no body of its own
    "The Information and Privacy Commissioner of Alberta said.",
    "The Unique Identification Authority of India said.",
])
def test_names_before_a_place_that_are_no_body(tagger: Tagger, text: str) -> None:
    found = unlisted(tagger, text)
    assert not any(i in found for i in ("cl-bank", "cl-university", "ca-ab-commissioner",
                                        "in-authority")) and not any(
        i.startswith("eu-council") for i in found), found


@pytest.mark.parametrize(("text", "body_id"), [
    ("In the UK, Hampshire and Isle of Wight Constabulary said it had deployed cameras.",
     "gb-hampshire-and-isle-of-wight-constabulary"),
    ("In the UK, the Vale of Glamorgan Council said.", "gb-vale-of-glamorgan-council"),
    ("In the UK, the Hampshire and the Isle of Wight Police and Crime Commissioner said.",
     "gb-hampshire-and-the-isle-of-wight-police-and-crime-commissioner"),
])
def test_areas_with_of_in_their_names(tagger: Tagger, text: str, body_id: str) -> None:
    assert body_id in unlisted(tagger, text)


def test_two_courts_joined_by_and_the_stay_two(tagger: Tagger) -> None:
    found = agencies(tagger, "In India, the Kerala High Court and the Madras High Court ruled.")
    assert not any("and-the" in i for i in found), found


def test_a_korean_districts_office_is_its_government(tagger: Tagger) -> None:
    found = unlisted(tagger, "The assistant was piloted at the Gangnam-gu Office and the "
                             "Yangpyeong-gun Office.")
    assert {"kr-gangnam-government", "kr-yangpyeong-government"} <= set(found)
    assert found["kr-gangnam-government"]["jurisdiction"] == "KR"
    assert not unlisted(tagger, "The Post Office and the Head Office said.")


def test_a_greater_areas_body_keeps_the_word(tagger: Tagger) -> None:
    found = unlisted(tagger, "In India, the Greater Hyderabad Municipal Corporation said it "
                             "would deploy AI.")
    assert "in-greater-hyderabad-municipal-corporation" in found
    assert "in-hyderabad-municipal-corporation" not in found


def test_a_nigerian_states_commissioner_heads_its_ministry(tagger: Tagger) -> None:
    found = unlisted(tagger, "The Lagos State Commissioner for Finance said the ministry "
                             "would pay.")
    assert "ng-lagos-state-ministry-of-finance" in found
    # elsewhere a commissioner is the office as written (commissioner_ministries is NG only)
    assert "us-ny-commissioner-of-health" in unlisted(
        tagger, "The New York State Commissioner of Health said.")


@pytest.mark.parametrize("key", ["swap_jurisdictions", "commissioner_ministries",
                                 "state_departments", "own_kinds_jurisdictions"])
def test_jurisdiction_lists_of_bodies_toml_name_known_codes(tmp_path: Path, key: str) -> None:
    (tmp_path / "bodies.toml").write_text(
        f'[english]\nkinds = ["Department"]\n{key} = ["ZZ"]\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=rf"bodies\.toml.*\[english\].*{key}.*'ZZ'"):
        load_body_rules(tmp_path, {"US"})


def test_a_unit_of_a_council_named_with_of_keeps_the_council(tagger: Tagger) -> None:
    found = {a["id"]: a for a in tagger.tag("", "In the UK, the Adult Social Care and Health "
                                                "Directorate of Kent County Council said.").agencies}
    assert "gb-kent-county-council" in found
    assert not any(i.startswith("gb-of-") for i in found), found


def test_british_columbia_is_no_mention_of_the_uk(tagger: Tagger) -> None:
    tags = tagger.tag("", "British Columbia will require every provincial ministry to register "
                          "its AI tools, the province said.")
    assert "GB" not in tags.jurisdictions


@pytest.mark.parametrize("text", [
    "澳門立法會第一季度會議紀錄顯示。",      # an ordinal before no standing committee
    "運輸署第二階段試驗小組會繼續。",
])
def test_an_ordinal_starts_no_unit_but_a_standing_committee(tagger: Tagger, text: str) -> None:
    assert [a["id"] for a in tagger.tag("", text).agencies if a["parent"]] == []


@pytest.mark.parametrize(("text", "agency_id", "listed"), [
    # the head of a province or city, or a deputy: its government, the listed one if listed
    ("广东省省长表示，将推进人工智能。", "cn-gd-gov", True),
    ("北京市副市长表示。", "cn-beijing", True),
    ("成都市副市长王某在会上表示。", "cn-chengdu-gov", False),
])
def test_a_provincial_or_city_head_stands_for_its_government(tagger: Tagger, text: str,
                                                           agency_id: str, listed: bool) -> None:
    found = agencies(tagger, text)
    assert list(found) == [agency_id] and found[agency_id]["listed"] is listed
    assert found[agency_id]["mentions"] == [text[:6] if "副" in text[:6] else text[:5]]


@pytest.mark.parametrize(("text", "expected", "not_expected"), [
    # a name several countries' audit offices share: the article's country's
    ("TALLINN — Estonia's Riigikogu heard that the National Audit Office found flaws.",
     "ee-riigikontroll", "gb-nao"),
    ("The UK's National Audit Office said the Department for Transport erred.", "gb-nao",
     "ee-riigikontroll"),
    # England's National Highways, not in "National Highways Authority of India"
    ("National Highways said the M25 will get AI cameras, the Department for Transport said.",
     "gb-national-highways", "in-national-highways-authority"),
    ("The National Highways Authority of India said.", "in-national-highways-authority",
     "gb-national-highways"),
])
def test_shared_and_contained_names(tagger: Tagger, text: str, expected: str,
                                    not_expected: str) -> None:
    found = agencies(tagger, text)
    assert expected in found and not_expected not in found


@pytest.mark.parametrize(("text", "unit_id", "parent"), [
    ("The Homeland Security and Governmental Affairs Committee held a hearing on AI.",
     "us-congress-committee-on-homeland-security-and-governmental-affairs", "us-congress"),
    ("The Bureau of Reclamation will use AI to forecast the Colorado River's flow.",
     "us-bureau-of-reclamation", "us-doi"),
    ("In Japan, the Tokyo Metropolitan Government said its Bureau of Digital Services "
     "would test AI.", "jp-tokyo-digital-service-bureau", "jp-tokyo"),
])
def test_listed_units_have_their_parent(tagger: Tagger, text: str, unit_id: str,
                                        parent: str) -> None:
    found = agencies(tagger, text)
    assert found[unit_id]["listed"] is True and found[unit_id]["parent"] == parent


def test_a_shared_unit_name_needs_its_jurisdiction(tagger: Tagger) -> None:
    # "Bureau of Digital Services" is Tokyo's only with Japan near
    assert "jp-tokyo-digital-service-bureau" not in agencies(
        tagger, "Ohio's Bureau of Digital Services said the chatbot works.")


@pytest.mark.parametrize(("text", "agency_id"), [
    ("The New South Wales Department of Customer Service said.", "au-nsw-dcs"),
    ("The NSW Department of Customer Service said.", "au-nsw-dcs"),
])
def test_a_place_before_its_own_listed_body(tagger: Tagger, text: str, agency_id: str) -> None:
    """The listed "Department of Customer Service" is New South Wales' (its id says so):
    written after its state it is that listing, not a derived body."""
    assert list(agencies(tagger, text)) == [agency_id]


def test_another_place_before_a_listed_name_is_its_own_body(tagger: Tagger) -> None:
    found = agencies(tagger, "In Australia, the Victoria Department of Customer Service said.")
    assert "au-nsw-dcs" not in found and found["au-vic-department-of-customer-service"]


def test_estonias_chancellor_of_justice(tagger: Tagger) -> None:
    found = agencies(tagger, "TALLINN — Estonia's Chancellor of Justice said the Riigikogu must act.")
    assert found["ee-office-of-the-chancellor-of-justice"]["mentions"] == ["Chancellor of Justice"]
    assert agencies(tagger, "The Chancellor of Justice said.") == {}


def test_a_name_only_one_country_has_after_that_country(tagger: Tagger) -> None:
    """After a state is named, "the Department of Internal Affairs" would be the state's;
    with New Zealand named just before, it is New Zealand's listed department."""
    text = ("The NSW Department of Customer Service said. Across the Tasman, New Zealand's "
            "Government Chief Digital Officer said the country was looking at joining. "
            "Officials at the Department of Internal Affairs have held two rounds of talks.")
    found = agencies(tagger, text)
    assert "nz-dia" in found and not [i for i in found if i.endswith("internal-affairs")
                                      and i != "nz-dia"]
    # a name several places' bodies share still goes to the state
    found = agencies(tagger, "NSW Premier said. The Legislative Council will vote.")
    assert "au-nsw-legislative-council" in found and "hk-legco" not in found


@pytest.mark.parametrize(("text", "agency_id"), [
    ("The Menteri Besar of Selangor said the state would test AI.", "my-selangor"),
    ("SARS said the Office of the Tax Ombud would review complaints.",
     "za-office-of-the-tax-ombud"),
    ("The House Committee on Oversight and Government Reform said.",
     "us-congress-committee-on-oversight-and-government-reform"),
    ("新加坡公共交通理事会表示，车资将调整。", "sg-public-transport-council"),
    ("South Korea's Board of Audit and Inspection (BAI) said.", "kr-board-of-audit-and-inspection"),
    ("The Local Government and Social Care Ombudsman said.",
     "gb-local-government-and-social-care-ombudsman"),
    # Poland's gazetteer
    ("Poland's Sejm will vote on the bill, NASK National Research Institute said.", "pl-sejm"),
    ("Poland's Sejm will vote on the bill, NASK National Research Institute said.",
     "pl-nask-national-research-institute"),
    ("WARSAW — Poland's Ministry of Digital Affairs said.", "pl-ministry-of-digital-affairs"),
    # "the City of Osaka" is the city's, not the prefecture's of the same name
    ("The City of Osaka said Japan will act.", "jp-osaka-city-government"),
    # a state has no mayor: New York's is New York City's
    ("The Mayor of New York said the budget is final.", "us-nyc-office-of-the-mayor"),
    ("New York Mayor Eric Adams said.", "us-nyc-office-of-the-mayor"),
    # a Korean special city names its government
    ("Suwon Special City and Gyeonggi Provincial Government said Korea.", "kr-suwon-government"),
    ("The Sejm's Committee on Digitalisation, Innovation and Modern Technologies met in Poland.",
     "pl-sejm-digitalisation-innovation-and-modern-technologies-committee"),
    # a district office written short has the full name's id; 都 of a place reads "du"
    ("广州市天河区人民政府表示，区科工信局将配合。", "cn-guangzhou-tianhe-kejigongyehexinxihuaju"),
    ("成都市郫都区人民政府表示。", "cn-chengdu-pidu-gov"),
])
def test_listed_this_session(tagger: Tagger, text: str, agency_id: str) -> None:
    assert agency_id in agencies(tagger, text)


@pytest.mark.parametrize("text", [
    "運輸署開源道增設過路處。",                   # 增設 ("to add"): a phrase, not a unit
    "安吉县人民政府表示，县域数字化服务中心上线。",  # 县域 ("county-wide"), no 县 office
])
def test_phrases_that_look_like_units(tagger: Tagger, text: str) -> None:
    found = agencies(tagger, text)
    assert not [i for i in found if i.startswith(("hk-td-", "cn-anji-yu"))]


def test_a_shared_ministry_name_is_the_articles_countrys(tagger: Tagger) -> None:
    assert "tw-moda" in agencies(tagger, "The Ministry of Digital Affairs in Taipei said.")
    assert "pl-ministry-of-digital-affairs" not in agencies(
        tagger, "The Ministry of Digital Affairs in Taipei said.")


def test_the_provinces_office_listed_under_its_own_id(tagger: Tagger) -> None:
    """省工信厅 in a Guangdong story is Guangdong's listed department (cn-gd-miit), which
    no office is composed for; the province is named by a listed agency's name only."""
    found = agencies(tagger, "广东省发展和改革委员会表示，省工信厅将配合。")
    assert found["cn-gd-miit"]["mentions"] == ["省工信厅"]


@pytest.mark.parametrize(("text", "absent"), [
    ("深圳市龙岗区政务服务和数据管理局表示，将进一步区政数局推进。", "yibu"),  # 进一步: "further"
    ("立法會事務委員會今日開會。", "shiwuweiyuanhui"),                     # "the panel": no name
])
def test_words_before_an_office_that_are_no_name(tagger: Tagger, text: str, absent: str) -> None:
    assert not [i for i in agencies(tagger, text) if absent in i]


def test_an_abbreviated_district_office_has_the_full_names_id(tagger: Tagger) -> None:
    found = agencies(tagger, "成都市武侯区人民政府表示，区发改局将配合。")
    assert "cn-chengdu-wuhou-fazhanhegaigeju" in found


def test_a_state_governor_is_still_the_states(tagger: Tagger) -> None:
    assert "us-ny-office-of-the-governor" in agencies(tagger, "The Governor of New York said.")


def test_a_regional_bureau_is_not_hong_kongs_development_bureau(tagger: Tagger) -> None:
    found = agencies(tagger, "In Japan, MLIT's Kinki Regional Development Bureau will test "
                             "AI flood forecasts with Osaka Prefecture.")
    assert "hk-devb" not in found
    assert "hk-devb" in agencies(tagger, "Hong Kong's Development Bureau said.")


def test_the_headline_districts_relative_office_is_the_texts(tagger: Tagger) -> None:
    tags = tagger.tag("龙岗区政数局上线平台 区大数据中心牵头建设",
                      "深圳市龙岗区政务服务和数据管理局宣布，平台上线。区大数据中心负责。")
    ids = sorted(a["id"] for a in tags.agencies)
    assert ids == ["cn-shenzhen-longgang-dashujuzhongxin", "cn-shenzhen-longgang-data"]


def test_a_plan_is_no_unit(tagger: Tagger) -> None:
    assert [a["id"] for a in tagger.tag("", "運輸署擬重組交通控制組。").agencies] == ["hk-td"]


def test_a_prefecture_named_near_is_context_for_a_shared_name(tagger: Tagger) -> None:
    """Osaka (a bodies.toml place, no location tag) near "the Personal Information
    Protection Commission" makes it Japan's, though Seoul is named nearer still."""
    text = ("Osaka Prefectural Police will trial the system. The governor said the trial had "
            "been shaped by the lessons of the disaster in Seoul. Osaka's data would feed "
            "into that work. The Personal Information Protection Commission said it had been "
            "consulted.")
    found = agencies(tagger, text)
    assert "jp-ppc" in found and "kr-pipc" not in found


def test_a_place_of_a_country_the_article_does_not_name_is_no_context(tagger: Tagger) -> None:
    # Victoria is an Australian state to the gazetteer, but here British Columbia's capital
    found = agencies(tagger, "VICTORIA, British Columbia — The Ministry of Social Development "
                             "and Poverty Reduction said the province would test AI.")
    assert not [i for i in found if i.startswith("au-")]


@pytest.mark.parametrize(("text", "agency_id"), [
    ("上海市徐汇区人民政府表示，区房管局和区规划资源局配合。", "cn-shanghai-xuhui-fangwuguanliju"),
    ("上海市徐汇区人民政府表示，区房管局和区规划资源局配合。", "cn-shanghai-xuhui-nr"),
    ("深圳市政务服务和数据管理局市大数据资源管理中心负责。", "cn-sz-data-dashujuziyuanguanlizhongxin"),
    ("KUALA LUMPUR — The Department of Irrigation and Drainage (DID) said Malaysia will act.",
     "my-department-of-irrigation-and-drainage"),
])
def test_found_after_blind_48(tagger: Tagger, text: str, agency_id: str) -> None:
    assert agency_id in agencies(tagger, text)


@pytest.mark.parametrize(("text", "agency_id"), [
    # "the City Council" after "New York" (a state to the gazetteer) is New York City's
    ("The Mayor of New York said the City Council would vote.", "us-nyc-council"),
    ("德清县人民政府表示，将指导县农业农村局推进。", "cn-deqing-agri"),   # 指导: "guide"
    ("新加坡国家公园局动物及兽医服务署表示。", "sg-national-parks-board-dongwujishouyifuwushu"),
    ("Singapore's National Parks Board (NParks) said.", "sg-national-parks-board"),
])
def test_found_after_blind_49(tagger: Tagger, text: str, agency_id: str) -> None:
    found = agencies(tagger, text)
    assert agency_id in found
    assert not [i for i in found if i.startswith(("us-ny-city", "cn-zhidao"))]


@pytest.mark.parametrize(("text", "agency_id"), [
    ("South Wales Police said the UK would act.", "gb-south-wales-police"),
    ("The NSW Auditor-General said the department had no AI policy.", "au-nsw-audit-office"),
])
def test_found_after_blind_50(tagger: Tagger, text: str, agency_id: str) -> None:
    found = agencies(tagger, text)
    assert agency_id in found
    assert "gb-wales-police" not in found and "au-nsw-office-of-the-auditor-general" not in found


@pytest.mark.parametrize("text", [
    "The Tech Council of Australia said AI adoption was slow.",   # an industry association
    "深圳市表示，将在深圳设立研发办公室。",                          # 设立: "set up"
    "新加坡国会辩论中也要求当局公布数据。",                          # 要求: "require"
])
def test_no_body_after_blind_50(tagger: Tagger, text: str) -> None:
    assert [a for a in tagger.tag("", text).agencies if not a["listed"]] == []


def test_the_city_government_and_council_of_the_one_taiwanese_city(tagger: Tagger) -> None:
    found = agencies(tagger, "高雄市政府交通局表示，市府將推動捷運延伸，市議會下週審議。")
    assert "市府" in found["tw-kh-gov"]["mentions"]
    assert found["tw-kh-council"]["mentions"] == ["市議會"]
    # two cities named: 市府 is neither's
    found = agencies(tagger, "臺北市政府資訊局與新北市政府合作，市府表示。")
    assert "市府" not in found.get("tw-ntpc-gov", {}).get("mentions", [])
    assert "tw-tpe-gov" not in found
    # no Taiwanese city: nothing
    assert agencies(tagger, "市府表示將推動。") == {}


def test_both_orders_in_one_article_are_one_body(tagger: Tagger) -> None:
    found = unlisted(tagger, "The Ohio Department of Transportation will test AI cameras. The "
                             "Ohio Transportation Department said drivers would be told.")
    assert list(found) == ["us-oh-department-of-transportation"]
