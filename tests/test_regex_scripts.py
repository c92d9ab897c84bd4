"""crawler.shared.regex_scripts: what a pattern's every match must hold, and the noise
patterns skipped by it (pipelines/noise.py, issue #14)."""

from __future__ import annotations

import dataclasses
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crawler.config import config_dir, load_signal_config, signal_config_path
from crawler.shared import regex_scripts
from crawler.shared.regex_scripts import LATIN, WIDE, present, required
from pipelines.noise import noise_of


@pytest.mark.parametrize(("pattern", "expected"), [
    (r"版權所有", {WIDE}),
    (r"all rights reserved", {LATIN}),
    (r"(?i)all rights reserved", {LATIN}),
    (r"(?:記者|reporter)", set()),  # one branch Chinese, one English: neither is required
    (r"(?:記者|记者)\s*[\u3400-\u9fff]{2,4}", {WIDE}),
    (r"[（(]攝[）)]$", {WIDE}),
    (r"\d+ min read", {LATIN}),
    (r"\d+", set()),
    (r"(?:版權)?所有|x", set()),
    (r"(?:版權)?所有", {WIDE}),
    (r"a?", set()),
    (r"a{0,3}中", {WIDE}),
    (r"a{1,3}中", {WIDE, LATIN}),
    (r"(?=中)\w", set()),  # a look-ahead consumes nothing; \w is any script
    (r"[^a-z]", set()),  # a negated class
    (r"[a-z0-9]", set()),  # a digit is no Latin letter
    (r"[a-zA-Z]", {LATIN}),
    (r"(?i)Ａ", set()),  # a full-width letter has a case: not known to stay wide
    (r"Ａ", {WIDE}),
    (r"(?i:中)x", {WIDE, LATIN}),
    (r"(\w)\1", set()),
    (r"(?>中+)", {WIDE}),
])
def test_required(pattern: str, expected: set[str]) -> None:
    assert required(re.compile(pattern)) == expected


def test_present() -> None:
    assert present("") == set()
    assert present("2026 / 12") == set()
    assert present("AI 政策") == {WIDE, LATIN}
    assert present("人工智能。") == {WIDE}
    assert present("\u212a") == {LATIN}  # the Kelvin sign matches k under IGNORECASE


def test_every_character_that_folds_to_an_ascii_letter_counts_as_latin() -> None:
    # re.IGNORECASE matches these non-ASCII characters to ASCII letters; present() must
    # count each as Latin or a (?i) pattern could be skipped on a text it matches
    folding = re.compile(r"(?i)[a-z]")
    found = {chr(c) for c in range(0x80, 0x110000) if folding.fullmatch(chr(c))}
    assert found
    assert all(present(ch) == {LATIN} for ch in found)
    assert set(regex_scripts._FOLDS_TO_ASCII) == found


# Patterns from pieces that exercise every kind of node the analysis reads.
_ATOMS = st.sampled_from(["a", "K", "k", "s", "中", "Ａ", "。", " ", "1", "[a-z]", "[中文]",
                          "[^a]", r"\w", r"\d", ".", "[a中]", "[\u3400-\u9fff]", "ſ"])


def _patterns() -> st.SearchStrategy[str]:
    return st.recursive(
        _ATOMS,
        lambda inner: st.one_of(
            st.tuples(inner, inner).map("".join),
            st.tuples(inner, inner).map(lambda p: f"(?:{p[0]}|{p[1]})"),
            st.tuples(inner, st.sampled_from(["?", "*", "+", "{2}", "{0,2}"])).map(
                lambda p: f"(?:{p[0]}){p[1]}"),
            inner.map(lambda p: f"(?i:{p})"),
            inner.map(lambda p: f"(?=(?:{p}))"),
            inner.map(lambda p: f"(?>{p})"),
        ),
        max_leaves=6)


_TEXT = st.text(alphabet=st.sampled_from("aAkKsS中文Ａａ。 1\u212a\u017fxX_"), max_size=12)


@settings(max_examples=400, deadline=None)
@given(_patterns(), st.booleans(), _TEXT)
def test_every_match_holds_what_is_required(source: str, fold: bool, text: str) -> None:
    pattern = re.compile(source, re.IGNORECASE if fold else 0)
    needs = required(pattern)
    for m in pattern.finditer(text):
        if m.group():
            assert needs <= present(m.group()), (source, text, m.group())
        else:
            assert not needs, (source, text)


def _cleaners() -> tuple[object, object]:
    noise = noise_of(load_signal_config(signal_config_path(config_dir())))
    return noise, dataclasses.replace(noise, by_script={})


def test_the_shipped_noise_patterns_are_sorted_by_script() -> None:
    noise, _ = _cleaners()
    assert set(noise.by_script) == {frozenset(), frozenset({WIDE}), frozenset({LATIN}),
                                    frozenset({WIDE, LATIN})}
    english = noise.by_script[frozenset({LATIN})][1]
    chinese = noise.by_script[frozenset({WIDE})][1]
    # each language is spared the other's patterns, and a mixed sentence gets them all
    assert len(english) < len(noise.drop_anywhere) and len(chinese) < len(noise.drop_anywhere)
    assert len(noise.by_script[frozenset({WIDE, LATIN})][1]) == len(noise.drop_anywhere)


@pytest.mark.parametrize("sentence", [
    "All rights reserved.", "Photo courtesy of the Ministry of Digital Affairs",
    "版權所有，不得轉載", "（記者陳大文攝）", "資料圖片", "The office said it would publish the rules.",
    "運輸署表示，新系統下月推出。", "By Priya Nair, 14 May 2027 The office announced …",
    "Read our full coverage", "掃描下方二維碼", "AI 政策 copyright 2026", "", "   ",
    "责任编辑：王小明", "(Reuters)", "PHOTO: AFP",
])
def test_cleaning_by_script_equals_trying_every_pattern(sentence: str) -> None:
    noise, every = _cleaners()
    assert noise.clean(sentence) == every.clean(sentence)  # type: ignore[attr-defined]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ACDPRabcdehilmnoprstuvy .,:()（）。記者攝圖資料版權所有二維碼0123")),
               max_size=60))
def test_cleaning_by_script_equals_trying_every_pattern_on_random_sentences(text: str) -> None:
    noise, every = _cleaners()
    assert noise.clean(text) == every.clean(text)  # type: ignore[attr-defined]
