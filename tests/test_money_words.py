"""Amounts written in words ("twenty-five thousand dollars"): the windowed search that
reads only the text before each currency word finds what the plain pattern finds.

The plain ``_EN_WORDS.finditer`` scan tries the pattern at every word of an article (a
sixth of the signals stage on a 100 KB English article, bench/signals.py); the windowed
one must give the same matches, in the same order, on any text whose runs of number
words are shorter than the window.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from crawler.config import DEFAULT_CONFIG_DIR, load_signal_config
from pipelines import money

VOCAB = ["one", "two", "Twenty", "twenty-five", "hundred", "thousand", "million", "and", "a",
         "dollars", "Dollars", "euros", "euro", "won", "rand", "brand", "pounds sterling",
         "pounds", "the", "won't", "US dollars", "Hong Kong dollars", "ten", "zł", "yen",
         "-", "\n", "x", "İ", "sterling", "kroner", "$5"]


def _plain(text: str) -> list[tuple[tuple[int, int], tuple[str | None, ...]]]:
    return [(m.span(), m.groups()) for m in money._EN_WORDS.finditer(text)]


def _windowed(text: str) -> list[tuple[tuple[int, int], tuple[str | None, ...]]]:
    return [(m.span(), m.groups()) for m in money._en_word_matches(text)]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(VOCAB), max_size=60),
       st.lists(st.sampled_from([" ", "-", "  ", "\u00a0"]), min_size=1, max_size=60))
def test_windowed_search_finds_what_the_pattern_finds(words: list[str], gaps: list[str]) -> None:
    text = "".join(w + gaps[i % len(gaps)] for i, w in enumerate(words))
    assert _windowed(text) == _plain(text)


def test_a_long_article_with_amounts_far_apart() -> None:
    filler = "The council met on Tuesday and the brand new plan was not won easily. " * 40
    text = (filler + "It costs twenty-five thousand dollars. " + filler
            + "A grant of two million euros and three hundred pounds sterling. " + filler)
    assert len(text) > 5 * money.WORDS_WINDOW
    found = _windowed(text)
    assert found == _plain(text)
    assert [g[1][0].strip() for g in found] == ["twenty-five thousand", "two million",
                                                 "and three hundred"]


def test_amounts_in_words_are_read_with_their_currency() -> None:
    config = load_signal_config(DEFAULT_CONFIG_DIR / "signals.toml")
    text = ("The ministry said the scheme would cost Forty Thousand Euros a year. "
            + "Unrelated words fill the page here. " * 30
            + "Each school gets twenty-five thousand dollars.")
    amounts, _ = money.find_amounts(text, config.amounts, "US")
    assert [(a.value, a.currency) for a in amounts] == [(40000.0, "EUR"), (25000.0, "USD")]
