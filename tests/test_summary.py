"""Summary and key signals: extractive, language-aware, bounded, robust."""

from __future__ import annotations

import pytest
from scrapy.utils.test import get_crawler

from crawler.config import DEFAULT_CONFIG_DIR, load_signal_config
from crawler.shared.items import Article
from pipelines.noise import noise_of
from pipelines.sentences import passage_spans, split_sentences
from pipelines.summary import SummaryPipeline, key_signals, summarize

EN = (
    "The Transport Department launched a pilot of AI traffic cameras on Monday. "
    "Mr. Chan, the U.S.-trained engineer leading the project, said 20 junctions would be "
    "covered. The department will spend HK$35 million on the system over three years. "
    "Officials expect fewer accidents. The weather was fine. Residents welcomed it."
)
ZH = ("運輸署今日宣布，在二十個路口試行人工智能交通攝影機。署方表示，系統三年內涉資3,500萬元。"
      "天氣晴朗。市民普遍歡迎！會否擴展至全港？")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mr. Smith met Dr. Lee in the U.S. on Friday. They talked.",
         ["Mr. Smith met Dr. Lee in the U.S. on Friday.", "They talked."]),
        ("It costs 3.5 million. J. Smith agreed! Really? yes.",
         ["It costs 3.5 million.", "J. Smith agreed!", "Really?", "yes."]),
        ("政府今日宣布。市民歡迎！是否足夠？「好」。",
         ["政府今日宣布。", "市民歡迎！", "是否足夠？", "「好」。"]),
        ("Line one\nLine two", ["Line one", "Line two"]),
        ("", []),
    ],
)
def test_sentence_splitting(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


def test_long_paragraph_is_cut_into_passages() -> None:
    text = "Short sentence here. " * 100
    spans = passage_spans(text, 200)
    assert len(spans) > 5 and all(b - a <= 200 for a, b in spans)


def test_summary_is_lead_sentences_within_budget() -> None:
    summary = summarize("AI cameras", EN, "en")
    assert summary.startswith("The Transport Department launched")
    assert 20 <= len(summary.split()) <= 75
    for sentence in split_sentences(summary):
        assert sentence in EN  # nothing invented


def test_chinese_summary_budget_and_no_spaces() -> None:
    summary = summarize("", ZH, "zh-HK")
    assert summary.startswith("運輸署今日宣布")
    assert len(summary) <= 150 and " " not in summary
    assert all(s in ZH for s in split_sentences(summary))


def test_summary_skips_repeated_headline_and_datelines() -> None:
    text = "Council approves the new budget\n2020-08-07 17:24\nLocal | 7 Aug 2020\nThe council approved it."
    assert summarize("Council approves the new budget - Daily News", text, "en") == "The council approved it."
    assert summarize("", "今日 09:18 時事脈搏\n政府刊憲，行政長官委任新主席，下月起生效。", "zh") == \
        "政府刊憲，行政長官委任新主席，下月起生效。"
    table = "| 2020年 08月 07日 星期五 | 氣 溫 ： 30 度 | 搜尋新聞 簡体中文 |\n| 美國國務卿宣布擴大清潔網絡行動。 |"
    assert summarize("", table, "zh") == "美國國務卿宣布擴大清潔網絡行動。"


def test_key_signals_pick_who_what_money_dates() -> None:
    signals = key_signals("", EN, "en")
    assert 2 <= len(signals) <= 4
    assert any("launched a pilot" in s for s in signals)
    assert any("HK$35 million" in s for s in signals)
    assert not any("weather" in s for s in signals)
    assert all(s in EN for s in signals)
    assert signals == sorted(signals, key=EN.index)  # in text order


def test_chinese_key_signals() -> None:
    signals = key_signals("", ZH, "zh-HK")
    assert signals[0].startswith("運輸署今日宣布")
    assert any("3,500萬元" in s for s in signals)
    assert not any("天氣" in s for s in signals)


def test_tags_favour_sentences_naming_them() -> None:
    text = ("Officials met for two hours today. The Water Supplies Department spoke at length. "
            "Another quiet day passed in the city.")
    plain = key_signals("", text, "en")
    tagged = key_signals("", text, "en", {"agencies": [{"name": "Water Supplies Department"}]})
    assert any("Water Supplies" in s for s in tagged)
    assert len(plain) >= 2


@pytest.mark.parametrize(
    "text",
    ["", "   ", "Die Regierung führt KI ein. Das Ministerium zahlt 5 Mio. Euro.",
     "デジタル庁はAIを導入する。費用は10億円。", "x" * 1_000_000,
     "Government launched AI. " * 40_000],
)
def test_odd_input(text: str) -> None:
    summary = summarize("t", text, "")
    signals = key_signals("t", text, "")
    assert len(summary) < 2000 and len(signals) <= 4
    if not text.strip():
        assert summary == "" and signals == []


MORE = (
    "\nBy Jane Wong, 3 June 2026\n"
    "The department awarded the HK$35 million contract to Sky Vision Ltd in May. "
    "Photo: A camera at a junction in Mong Kok (Transport Department). "
    "A second phase covering 40 more junctions is due to start in January 2027. "
    "This story is part of our series on smart cities. "
    "Lawmakers asked the department on Wednesday how long footage would be kept."
)


def test_adapter_fills_item_fields() -> None:
    pipeline = SummaryPipeline.from_crawler(get_crawler())
    item = Article(url="https://x/1", source_id="s", fetched_at="2026-01-01T00:00:00Z",
                   title="AI cameras", text=EN + MORE, language="en")
    assert pipeline.process_item(item) is item
    assert item.summary.startswith("The Transport Department")
    assert 2 <= len(item.key_signals) <= 4
    for signal in item.key_signals:
        assert signal in item.text and signal not in item.summary  # never the summary again
        assert not signal.startswith(("By Jane", "Photo:", "This story"))  # never noise
    assert "By Jane" not in item.summary and "Photo" not in item.summary
    assert any("Lawmakers asked" in s for s in item.key_signals)


def test_a_short_article_says_it_all_in_the_summary() -> None:
    pipeline = SummaryPipeline.from_crawler(get_crawler())
    item = Article(url="https://x/1", source_id="s", fetched_at="2026-01-01T00:00:00Z",
                   title="AI cameras", text=EN, language="en")
    pipeline.process_item(item)
    assert item.summary == EN.rsplit(" Residents", 1)[0] or item.summary.startswith("The")
    assert all(s not in item.summary for s in item.key_signals)


def test_a_repeated_sentence_is_used_once():
    lead = ("The Water Supplies Department said on Monday it would pilot an artificial "
            "intelligence system to detect leaks in the water mains.")
    text = f"{lead}\n{lead} The trial costs HK$12 million and runs for six months.\n{lead}"
    summary = summarize("Leak pilot", text, "en")
    assert summary.count(lead) == 1
    signals = key_signals("Leak pilot", text, "en")
    assert len(signals) == len(set(signals)) and signals.count(lead) == 1


@pytest.mark.parametrize("chinese", [False, True])
def test_batch_scores_agree_with_one_sentence_scoring(chinese: bool) -> None:
    # Sentences whose matches sit at the edges (a word boundary, "m" at the very end, a
    # year alone) and sentences with several matches: the single pass over all of them
    # must give each the score a search of that sentence alone gives.
    from pipelines.summary import _score, _scores, _sentences

    sentences = _sentences("", ZH if chinese else EN) + [
        "2020", "launched", "5 m", "Mr", "and so on with nothing", "said it 3 times in 2019",
        "政府", "三名", "3,500萬元", "ban", "abandon", "HK$3", "today", "Launching now.",
    ]
    names = ["Transport Department", "運輸署"]
    assert _scores(sentences, names, chinese) == [
        _score(s, i, names, chinese) for i, s in enumerate(sentences)]


def test_guarded_patterns_match_where_the_written_ones_do() -> None:
    # The lookahead of first characters must never hide a match: every sample, in every
    # case (and with Unicode case variants such as the long s and the Kelvin sign).
    from pipelines.summary import _UNGUARDED, _sentences

    samples = _sentences("", EN) + _sentences("", ZH) + [
        "LAUNCHED", "Rolled out", "set up", "HK$ 3", "us$5", "rmb 3", "€2", "5 BN", "3 m",
        "30 per cent", "兩名", "SEPT. 3", "3 dec", "NEXT WEEK", "yesterday", "1999", "5月3日",
        "2026年", "今日", "spokesman", "CEO", "Dr", "said", "行政總裁", "ſaid", "ſign", "\u212a",
        "nothing at all", "", "x" * 50,
    ]
    assert len(_UNGUARDED) == 5
    for guarded, plain in _UNGUARDED.items():
        for text in samples + [s.upper() for s in samples] + [s.lower() for s in samples]:
            assert bool(guarded.search(text)) == bool(plain.search(text)), (plain.pattern, text)


def test_a_caption_with_its_agencys_credit_is_no_key_signal() -> None:
    noise = noise_of(load_signal_config(DEFAULT_CONFIG_DIR / "signals.toml"))
    text = ("The ministry opened a tender for an AI chatbot on Monday.\n"
            "Officials at the Digital Policy Office on Saturday. (AFP)\n"
            "Bids close on 30 June.")
    # three sentences, at least two are key signals: the caption's is left out
    signals = key_signals("Ministry tenders chatbot", text, "en", noise=noise)
    assert signals and not any("Saturday" in s for s in signals)


def test_a_short_line_with_no_closing_stop_is_no_key_signal() -> None:
    """Mastheads, taglines and related stories' headlines are whole lines that end with no
    stop; prose ends its paragraph with one, even when a bare line is long."""
    text = ("The Ministry of Health has opened a tender for an AI triage tool in 40 clinics.\n"
            "Bids close on 30 June, and the contract is worth about $4 million.\n"
            "The ministry said the tool would be tested in two regions first.\n"
            "Officials will report back to the health committee in September.\n"
            "Health Desk Weekly: public-sector health news since 2015\n"
            "Councils warned on climate data gaps as budgets tighten again\n"
            "A second phase would cover hospitals across the country and would need new "
            "money from the next budget round, which ministers have not yet agreed on\n")
    signals = key_signals("Ministry tenders AI triage", text, "en")
    assert signals and not any(s.startswith(("Health Desk", "Councils warned"))
                               for s in signals)
    long_bare = text.split("\n")[-2]  # 28 words with no stop: prose all the same
    assert long_bare in key_signals("Ministry tenders AI triage", long_bare + "\n", "en")
    assert not key_signals("Ministry tenders AI triage", text.split("\n")[4] + "\n", "en")
    zh = ("數位發展部今天預告人工智慧系統驗證辦法草案，預告期60天，至7月17日止。\n"
          "草案規定，驗證機構出具不實報告者，處新台幣10萬元以上100萬元以下罰鍰。\n"
          "數產署指出，評測中心已累計投入約1.8億元建置測試環境。\n"
          "延伸閱讀\n"
          "數位部盤點公部門AI應用 逾半機關仍停留在試用階段\n"
          "下一篇：公院急症室輪候逾8小時 醫管局稱流感高峰未過\n")
    signals = key_signals("AI驗證辦法草案預告", zh, "zh")
    assert signals and not any("逾半機關" in s or "急症室" in s for s in signals)
    # a sentence that shares its line with another is not a bare line, stop or none
    assert any("評測中心" in s for s in key_signals("x", zh.replace("。\n延伸", "。延伸"), "zh"))


@pytest.mark.parametrize("line", [
    # a caption with a credit no noise pattern names, in brackets after its stop
    "Delegates at the opening session of the summit in Riyadh on Tuesday. (Gulf Pictures)",
    "ICT Cabinet Secretary addresses the validation workshop on Thursday. [Jane Doe, Standard]",
    "數字政策專員與科大副校長交換合作備忘錄。（星島圖片）",
    # a line all in brackets: a wire's or an editor's note
    "(Reporting by Claire Martin; Editing by Tom Hale)",
    "（編輯：陳怡君）",
])
def test_a_bracketed_credit_or_note_is_no_key_signal(line: str) -> None:
    text = ("The ministry signed a memorandum of understanding on Tuesday.\n"
            f"{line}\n"
            "The agreement covers AI pilots in 2028 worth $4 million.")
    for noise in (None, noise_of(load_signal_config(DEFAULT_CONFIG_DIR / "signals.toml"))):
        signals = key_signals("Ministry signs AI MoU", text, "en", noise=noise)
        assert signals and line not in signals and not any(s in line for s in signals)
        assert line not in summarize("Ministry signs AI MoU", text, "en", noise=noise)


def test_a_bracket_inside_prose_keeps_its_sentence() -> None:
    text = ("The minister (centre) signed a memorandum of understanding on Tuesday.\n"
            "The tender closes on 30 June (Hong Kong time).\n")
    signals = key_signals("Ministry signs AI MoU", text, "en")
    assert any("minister (centre)" in s for s in signals)


def test_nothing_after_an_about_heading_is_a_key_signal() -> None:
    noise = noise_of(load_signal_config(DEFAULT_CONFIG_DIR / "signals.toml"))
    text = ("The ministry opened a tender for an AI chatbot on Monday.\n"
            "Bids close on 30 June, and the contract is worth about $4 million.\n"
            "About Acme Bank\n"
            "Acme Bank is a registered bank serving 3.2 million clients, founded in 1990 and "
            "awarded contracts worth $500 million by the state. Visit www.acme.example.")
    signals = key_signals("Ministry tenders chatbot", text, "en", noise=noise)
    assert signals and not any("Acme" in s for s in signals)
    # without the heading, the same sentence is a candidate like any other
    assert any("Acme" in s for s in key_signals("Ministry tenders chatbot",
                                                 text.replace("About Acme Bank\n", ""),
                                                 "en", noise=noise))


@pytest.mark.parametrize("line", [
    "About the CSIR: The Council for Scientific and Industrial Research is a leading "
    "research organisation, established by an Act of Parliament in 1945.",
    "阅读更多：政府科技局推出公务员AI写作助手",
    "Correction (1 March 2028): An earlier version of this article misstated the number of "
    "job centres in the trial.",
])
def test_an_about_line_and_a_read_more_line_are_noise(line: str) -> None:
    noise = noise_of(load_signal_config(DEFAULT_CONFIG_DIR / "signals.toml"))
    assert noise.clean(line) is None


@pytest.mark.parametrize(("text", "caption"), [
    ("創新科技及工業局局長今日（十月十二日）在「公共服務人工智能論壇」開幕禮上致辭時宣布，政府將撥款"
     "10億元推出資助計劃。\n論壇由數字政策辦公室合辦，吸引約1,200人參加。\n"
     "創新科技及工業局局長今日在「公共服務人工智能論壇」開幕禮上致辭。\n資助計劃將於明年1月起接受申請。",
     "創新科技及工業局局長今日在「公共服務人工智能論壇」開幕禮上致辭。"),
    ("The Secretary for Innovation (pictured) spoke at the opening of the Public Service AI "
     "Forum on Thursday and announced a $1 billion fund.\nApplications open in January.\n"
     "The Secretary for Innovation spoke at the opening of the Public Service AI Forum.\n"
     "About 1,200 delegates attended.",
     "The Secretary for Innovation spoke at the opening of the Public Service AI Forum."),
])
def test_a_caption_restating_the_lead_is_no_key_signal(text: str, caption: str) -> None:
    signals = key_signals("Government announces AI fund", text, "")
    assert signals and caption not in signals


def test_a_sentence_that_adds_to_the_lead_is_kept() -> None:
    text = ("The council approved the AI plan on Monday, and the tender closes on 30 June.\n"
            "The tender closes on 30 June with $4 million set aside for the first year.\n")
    assert any("$4 million" in s for s in key_signals("Council approves AI plan", text, "en"))


@pytest.mark.parametrize("credit", ["Express Photo", "Photo: Reuters", "PTI Photo",
                                    "圖片來源：政府新聞處"])
def test_a_caption_with_its_credit_on_the_next_line_is_no_key_signal(credit: str) -> None:
    caption = "Farmers try out the Raitu Mitra app at a launch event in Hyderabad on Thursday."
    text = ("The Telangana government on Thursday launched Raitu Mitra, an AI assistant for "
            "farmers.\n"
            f"{caption}\n{credit}\n"
            "The service is now live in 12 districts and will reach all 33 from June 1.\n"
            "The state sanctioned ₹185 crore for agricultural technology in 2028-29.")
    signals = key_signals("Telangana rolls out AI farm app", text, "en")
    assert signals and caption not in signals
    # the same line with no credit after it is prose
    assert caption in key_signals("Telangana rolls out AI farm app",
                                  text.replace(f"\n{credit}", ""), "en")
