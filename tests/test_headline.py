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
