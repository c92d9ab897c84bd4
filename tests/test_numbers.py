"""pipelines/numbers.py: quantities, percentages and dates read alike in English and Chinese."""

from __future__ import annotations

from datetime import date

import pytest

from pipelines.numbers import dates, numbers, percentages, zh_value


@pytest.mark.parametrize(("text", "expected"), [
    ("1,000", {"1000"}),
    ("1 000", {"1000"}),
    ("一千", {"1000"}),
    ("1千", {"1000"}),
    ("HK$10 million", {"10000000"}),
    ("1,000萬港元", {"10000000"}),
    ("一千萬港元", {"10000000"}),
    ("一千万港元", {"10000000"}),
    ("US$1.2bn", {"1200000000"}),
    ("1.2億", {"120000000"}),
    ("二十億", {"2000000000"}),
    ("十億", {"1000000000"}),
    ("合共超支3億1,200萬元", {"312000000"}),
    ("三億一千二百萬", {"312000000"}),
    ("3万亿元", {"3000000000000"}),
    ("逾58萬人", {"580000"}),
    ("3萬5千", {"35000"}),
    ("兩萬三千", {"23000"}),
    ("thirty-five departments", {"35"}),
    ("三十五個部門", {"35"}),
    ("two hundred officers", {"200"}),
    ("three million", {"3000000"}),
    ("１２０", {"120"}),  # full-width digits
])
def test_numbers_agree_across_scripts_and_units(text, expected):
    assert numbers(text) == expected


@pytest.mark.parametrize("text", [
    "In 2026 the office said",        # a year is a date's, not a quantity
    "two bureaux and one department",  # under MIN_VALUE
    "at 10:30am",                      # a time of day
    "上午十時三十分",
    "The Government today (March 14) said",  # a date
    "今日（三月十四日）",
    "十分重要",                         # 十分 "very" has no digit
    "成立",
])
def test_not_quantities(text):
    assert numbers(text) == set()


def test_a_long_digit_run_is_not_a_quantity():
    assert numbers("ref 1234567890123456789") == set()


@pytest.mark.parametrize(("text", "expected"), [
    ("12.5%", {"12.5"}),
    ("12.5 per cent", {"12.5"}),
    ("12.5 percent", {"12.5"}),
    ("百分之十二點五", {"12.5"}),
    ("百分之三十", {"30"}),
    ("１５％", {"15"}),
    ("兩成", {"20"}),
])
def test_percentages(text, expected):
    assert percentages(text) == expected


def test_a_percentage_is_not_also_a_quantity():
    assert numbers("rose 12 per cent to 3,400") == {"3400"}
    assert numbers("百分之四十五") == set()


@pytest.mark.parametrize(("text", "expected"), [
    ("The Government today (March 14) said", {"03-14"}),
    ("on 14 March 2026", {"03-14", "2026-03-14"}),
    ("on March 14, 2026", {"03-14", "2026-03-14"}),
    ("on Sept 3", {"09-03"}),
    ("2026-03-14", {"03-14", "2026-03-14"}),
    ("今日（三月十四日）", {"03-14"}),
    ("2026年3月14日", {"03-14", "2026-03-14"}),
    ("二〇二六年三月十四日", {"03-14", "2026-03-14"}),
    ("3月14號", {"03-14"}),
    ("May I ask", set()),
    ("13月40日", set()),
])
def test_dates(text, expected):
    assert dates(text) == expected


@pytest.mark.parametrize(("text", "reference", "expected"), [
    ("警方今日（25日）推出", date(2027, 8, 25), {"08-25"}),
    ("入境處由今日（4日）起", date(2027, 10, 4), {"10-04"}),
    ("香港警方25日宣布", date(2027, 8, 26), {"08-25"}),
    ("28日公布", date(2027, 3, 2), {"02-28"}),  # the month before
    ("30日公布", date(2027, 3, 2), set()),      # ...which has no 30th
    ("31日公布", date(2027, 1, 2), {"12-31"}),
    ("7日內完成", date(2027, 8, 25), set()),       # a count of days
    ("新华社香港8月25日电", date(2027, 8, 26), {"08-25"}),
])
def test_a_chinese_day_without_its_month_takes_the_publication_month(text, reference,
                                                                     expected):
    assert dates(text, reference) == expected
    assert dates(text) <= expected


@pytest.mark.parametrize(("chars", "value"), [
    ("十", 10), ("十二", 12), ("二十", 20), ("一百零五", 105), ("一千萬", 10_000_000),
    ("1000萬", 10_000_000), ("十二點五", 12.5), ("二〇二六", 2026), ("百", None),
])
def test_zh_value(chars, value):
    result = zh_value(chars)
    assert (None if result is None else float(result)) == value


def test_a_run_of_consecutive_numbers_is_page_furniture():
    menu = "2019 2020 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26"
    assert numbers(menu + " 美國制裁11名官員") == set()
    assert numbers("10, 11 and 12 districts; 25 departments") == {"10", "11", "12", "25"}
    scattered = "10 bureaux, 12 halls, 11 ships, 13 vans, 14 labs, 15 depots and 16 posts"
    assert numbers(scattered) == {str(n) for n in range(10, 17)}


@pytest.mark.parametrize("text", [
    "On March 14, 2027 at 9:30 am the office said 12.5 per cent of 25 departments would get "
    "HK$10 million; three hundred staff, 1,200 users and 4.2bn yuan by 2028-03-01.",
    "The ○ symbol marks 1,000 rows; 14 March 2027: 30% of 2 million cases.",
    "今日（14日）宣布，二十五個部門將獲一千萬港元，百分之十二點五的公務員兩成已試用。3月14日起。",
    "Mixed: 2027年3月14日 the bureau said 1.2億 yuan and 45 per cent, at 10:00 am.",
    "Deadline 3月14日 for 25 items and 8時30分 for 40 more.",  # digits and date words only
])
def test_a_text_without_chinese_characters_skips_the_chinese_patterns_with_the_same_result(
        text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """numbers(), percentages() and dates() skip the Chinese patterns for a text with none
    of their characters (issue #14); forcing every pattern on gives the same sets."""
    import re

    from pipelines import numbers as module

    reference = date(2027, 3, 20)
    fast = (numbers(text), percentages(text), dates(text, reference))
    monkeypatch.setattr(module, "_ZH_ANY", re.compile(r"(?s)."))  # every text "has" one
    monkeypatch.setattr(module, "_LATIN_MASKS", module._MASKS)
    assert (numbers(text), percentages(text), dates(text, reference)) == fast
    assert fast[0]  # each text states quantities: the comparison is not of empty sets
