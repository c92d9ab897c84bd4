"""pipelines.headline: candidate collection and the agreement rules, on small made-up pages."""

from __future__ import annotations

import pytest

from pipelines.headline import choose_headline, normalize, split_segments, title_candidates

PAGE = """<html><head>
<title>Ministry launches AI register | The Daily Example</title>
<meta property="og:title" content="Ministry launches AI register">
<meta name="twitter:title" content="Ministry launches AI register">
<meta property="og:site_name" content="The Daily Example">
<link rel="canonical" href="https://www.dailyexample.org/news/1">
<script type="application/ld+json">
{"@context": "https://schema.org", "@graph": [
  {"@type": "WebSite", "name": "The Daily Example"},
  {"@type": "NewsArticle", "headline": "Ministry launches AI register",
   "publisher": {"@type": "Organization", "name": "The Daily Example"}},
]}
</script>
</head><body><h1>  </h1><h1>Ministry launches
 AI register</h1></body></html>"""


def test_candidates_collects_every_source_and_hints():
    c = title_candidates(PAGE)
    assert c["title"] == "Ministry launches AI register | The Daily Example"
    assert c["og"] == c["twitter"] == c["h1"] == "Ministry launches AI register"
    # trailing comma inside @graph is repaired; WebSite nodes are not headlines
    assert c["jsonld"] == "Ministry launches AI register"
    assert c["site_name"] == "The Daily Example"
    assert c["url"] == "https://www.dailyexample.org/news/1"


@pytest.mark.parametrize("raw", ["", "   ", "<html", b"\xff\xfe\x00", "not html at all"])
def test_candidates_never_raise_on_junk(raw):
    assert isinstance(title_candidates(raw), dict)


def test_jsonld_list_and_type_list_and_broken_json():
    page = ('<script type="application/ld+json">[{"@type": ["NewsArticle"], "headline": "A"}]'
            '</script>')
    assert title_candidates(page)["jsonld"] == "A"
    broken = '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "B" </script>'
    assert title_candidates(broken)["jsonld"] == "B"


def test_itemprop_headline():
    page = '<div><span itemprop="name headline">Budget approved</span></div>'
    assert title_candidates(page)["itemprop"] == "Budget approved"


def test_site_suffix_dropped_by_agreement():
    assert choose_headline(title_candidates(PAGE)) == "Ministry launches AI register"


@pytest.mark.parametrize("title", [
    "Council votes on data law - Example Times",
    "Council votes on data law | Example Times",
    "Example Times: Council votes on data law",
    "Council votes on data law ｜ Example Times",
    "Council votes on data law_Example Times",
])
def test_site_affix_dropped_by_site_name_alone(title):
    # no other candidate to agree with: the site name is the only evidence
    assert choose_headline({"title": title}, site_name="Example Times") == "Council votes on data law"


def test_site_affix_recognised_from_host_name():
    cands = {"title": "Council votes on data law - Exampletimes", "url": "https://exampletimes.com/a"}
    assert choose_headline(cands) == "Council votes on data law"


def test_chinese_site_suffix():
    cands = {"title": "政府推出人工智能指引 - 東方日報", "h1": "政府推出人工智能指引"}
    assert choose_headline(cands) == "政府推出人工智能指引"


def test_headline_with_separator_kept_when_all_agree():
    same = "Minister: the AI register is only a start - and more will follow"
    cands = {"og": same, "h1": same, "title": same + " | Example Times"}
    assert choose_headline(cands) == same


def test_kicker_shared_by_most_candidates_is_kept():
    full = "Data protection: Regulator fines city council"
    cands = {"og": full, "twitter": full, "jsonld": full, "h1": "Regulator fines city council"}
    assert choose_headline(cands) == full


def test_section_and_date_tail_dropped_even_when_repeated():
    tail = "政府推出人工智能指引 - 20240101 - 港聞"
    cands = {"og": tail, "twitter": tail, "h1": "政府推出人工智能指引", "title": tail + " - 某報"}
    assert choose_headline(cands) == "政府推出人工智能指引"


def test_feed_title_is_a_candidate():
    cands = {"title": "Cabinet approves AI strategy - Gov News", "h1": "Latest news"}
    assert choose_headline(cands, feed_title="Cabinet approves AI strategy") == (
        "Cabinet approves AI strategy")


def test_truncated_candidate_is_not_chosen():
    cands = {"og": "Cabinet approves the national AI stra…", "h1": "Cabinet approves the national AI strategy"}
    assert choose_headline(cands) == "Cabinet approves the national AI strategy"


def test_candidate_that_is_only_the_site_name_is_ignored():
    cands = {"h1": "Example Times", "og": "Cabinet approves AI strategy"}
    assert choose_headline(cands, site_name="Example Times") == "Cabinet approves AI strategy"


def test_nothing_to_choose():
    assert choose_headline({}) == ""
    assert choose_headline({"url": "https://x.org", "site_name": "X"}) == ""


def test_separators_never_split_numbers_or_hyphenated_words():
    assert split_segments("COVID-19 cases at 10:30 rise") == ["COVID-19 cases at 10:30 rise"]
    assert split_segments("A – B") == ["A", "B"]


def test_normalize():
    assert normalize(" Ａ&amp;B\u3000 c ") == "A&B c"


# --- rules added for issue #4's second round (general; the pages are made up) ----------

def test_hangul_bar_and_packed_section_go_with_the_site_name():
    # Korean sites write "headline-section ㅣ site" with the Hangul letter ㅣ as a bar,
    # often with no spaces at all; NFKC turns ㅣ into U+1175.
    cands = {"og": "정부, 인공지능 지침 발표-정치ㅣ예시일보",
             "title": "정부, 인공지능 지침 발표-정치ㅣ예시일보", "site_name": "예시일보"}
    assert choose_headline(cands) == "정부, 인공지능 지침 발표"


def test_packed_section_rule_spares_latin_compounds_and_spaced_affixes():
    assert choose_headline({"title": "Ministers back Covid-Pass|Example Times"},
                           site_name="Example Times") == "Ministers back Covid-Pass"
    # a spaced site affix never takes a hyphenated tail with it
    assert choose_headline({"title": "한-미 정상회담-결과 | 예시일보"},
                           site_name="예시일보") == "한-미 정상회담-결과"


def test_new_separators():
    assert split_segments("見出し ・ 新聞") == ["見出し", "新聞"]
    assert split_segments("ナカ・タロウ氏が会見") == ["ナカ・タロウ氏が会見"]
    assert split_segments("Headline › Politics") == ["Headline", "Politics"]
    assert split_segments("Headline‖Site") == ["Headline", "Site"]
    # a leading consonant jamo before U+1175 makes it a letter, not a bar
    assert split_segments("\u1100\u1175") == ["\u1100\u1175"]


SEO = "Storm chaos: old trams and brittle concrete are the big risks, experts say"
ORIGINAL = "City prepares its trams for the next heatwave"


def test_url_slug_settles_rival_headlines():
    cands = {"og": SEO, "twitter": SEO, "h1": SEO, "title": SEO, "jsonld": ORIGINAL,
             "url": "https://example.org/city/article123456/city-prepares-its-trams-for-"
                    "the-next-heatwave.html"}
    assert choose_headline(cands) == ORIGINAL
    # the page URL argument is used when the page names no canonical URL
    del cands["url"]
    assert choose_headline(cands) == SEO
    assert choose_headline(cands, url="https://example.org/city-prepares-its-trams-for-the-"
                                      "next-heatwave") == ORIGINAL


def test_url_slug_needs_a_clear_word_for_word_match():
    base = {"og": SEO, "h1": SEO, "title": SEO, "jsonld": ORIGINAL}
    # an id, a section, or a slug that spells neither rival leaves the majority alone
    for url in ("https://example.org/news/1234567", "https://example.org/city/",
                "https://example.org/heatwave-trams-risk-explained"):
        assert choose_headline({**base, "url": url}) == SEO


def test_url_slug_never_overrides_agreeing_headline_fields():
    # og, JSON-LD and h1 agree; only the share-card title matches the slug
    cands = {"og": ORIGINAL, "jsonld": ORIGINAL, "h1": ORIGINAL, "twitter": SEO,
             "url": "https://example.org/storm-chaos-old-trams-and-brittle-concrete-are-the-"
                    "big-risks-experts-say"}
    assert choose_headline(cands) == ORIGINAL


def test_truncated_candidates_support_the_title_they_begin():
    full = "Cabinet approves the national AI strategy after a year of consultation"
    cut = "Cabinet approves the national AI strategy aft…"
    cands = {"og": cut, "twitter": cut, "h1": full, "jsonld": "AI strategy approved",
             "title": "AI strategy approved"}
    assert choose_headline(cands) == full


def test_feed_title_counts_twice():
    seo = "Everything you need to know about the cabinet's new AI strategy, explained"
    cands = {"og": seo, "twitter": seo, "h1": "Cabinet approves AI strategy"}
    assert choose_headline(cands) == seo
    assert choose_headline(cands, feed_title="Cabinet approves AI strategy") == (
        "Cabinet approves AI strategy")


def test_emoji_decorated_share_title_loses_the_wording():
    cands = {"og": "🔴 Cabinet approves AI strategy ⚡", "h1": "Cabinet approves AI strategy",
             "title": "Cabinet approves AI strategy – Example Times"}
    assert choose_headline(cands) == "Cabinet approves AI strategy"
    # when only the decorated spelling exists, it is still the headline
    assert choose_headline({"og": "Cabinet approves AI strategy ✅"}) == (
        "Cabinet approves AI strategy ✅")
    # ° and © are not emoji: the og wording still wins between equals
    assert choose_headline({"og": "Heat hits 40°C", "h1": "Heat hits 40 C"}) == "Heat hits 40°C"


@pytest.mark.parametrize("name", ["en_utf8.html", "zh_big5.html", "zh_gbk_declared_gb2312.html"])
def test_candidates_from_trafilaturas_tree_are_the_same(name):
    # The tree trafilatura parses for extraction gives the candidates a second parse gives,
    # so extraction can share one parse (bench/titles_check.py --shared-tree).
    from pathlib import Path

    from trafilatura.utils import load_html

    from pipelines.extract import decode_html
    from pipelines.titles import tree_candidates

    page = decode_html((Path(__file__).parent / "fixtures" / "extract" / name).read_bytes())[0]
    expected = title_candidates(page)
    assert expected.get("title")
    assert tree_candidates(load_html(page)) == expected
