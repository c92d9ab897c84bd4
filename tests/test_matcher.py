"""The combined term matcher shared by relevance and tagging."""

from __future__ import annotations

from pipelines.matcher import TermMatcher, is_case_sensitive_term, zh_variants


def found(matcher: TermMatcher, text: str) -> list[tuple[str, list[object]]]:
    return [(f, p) for _s, _e, f, p in matcher.finditer(text)]


def test_longest_name_wins_and_offsets_point_into_the_text() -> None:
    m = TermMatcher([("Hong Kong", False, "hk"), ("Hong Kong Science Park", False, "park")])
    text = "At Hong Kong Science Park, Hong Kong Science Parks Corp."
    hits = list(m.finditer(text))
    assert [(f, p) for _s, _e, f, p in hits] == [("Hong Kong Science Park", ["park"]),
                                                 ("Hong Kong", ["hk"])]
    assert all(text[s:e] == f for s, e, f, _p in hits)


def test_case_rules() -> None:
    m = TermMatcher([("HA", True, "ha"), ("Civil Service Bureau", False, "csb"),
                     ("government", False, "gov")])
    assert found(m, "HA ha Ha") == [("HA", ["ha"])]
    assert [f for f, _ in found(m, "Civil Service Bureau CIVIL SERVICE BUREAU civil service bureau")] \
        == ["Civil Service Bureau", "CIVIL SERVICE BUREAU"]
    assert [f for f, _ in found(m, "Government GOVERNMENT government")] == \
        ["Government", "GOVERNMENT", "government"]


def test_wildcard_and_boundaries() -> None:
    m = TermMatcher([("launch*", False, "act"), ("AI", True, "ai")])
    assert found(m, "relaunched launches AI-driven 用AI做 xAI AI2") == [
        ("launches", ["act"]), ("AI", ["ai"]), ("AI", ["ai"])]


def test_chinese_terms_match_both_scripts() -> None:
    assert {"数字政策办公室", "數字政策辦公室"} <= zh_variants("數字政策辦公室")
    assert "衞生署" in zh_variants("卫生署")  # Hong Kong form
    m = TermMatcher([("人工智能", False, "ai"), ("數碼港", False, "cp")])
    assert [p for _f, p in found(m, "数码港人工智能")] == [["cp"], ["ai"]]


def test_empty_matcher_and_empty_text() -> None:
    assert found(TermMatcher([]), "anything") == []
    assert found(TermMatcher([("AI", True, 1)]), "") == []


def test_topic_case_rule() -> None:
    assert is_case_sensitive_term("AI") and is_case_sensitive_term("GenAI")
    assert not is_case_sensitive_term("Legislative Council")
    assert not is_case_sensitive_term("chatbot")


def test_a_match_that_fails_the_case_rule_does_not_hide_a_name_inside_it() -> None:
    """"the White House": the folded regex first matches the alias "The White House",
    whose capital T the text lacks; "White House" two words on must still be found."""
    m = TermMatcher([("The White House", False, "wh-the"), ("White House", False, "wh")])
    assert found(m, "a memo from the White House") == [("White House", ["wh"])]
    assert found(m, "The White House said") == [("The White House", ["wh-the"])]
    assert found(m, "the white house") == []


def test_a_shorter_term_at_the_same_start_wins_when_the_longest_fails_the_case_rule() -> None:
    """"New South Wales government": the term "New South Wales Government" needs a capital
    G; the false friend "New South Wales" at the same start must win, not "Wales" inside."""
    m = TermMatcher([("New South Wales Government", False, "nsw-gov"),
                     ("New South Wales", False, "nsw"), ("Wales", True, "wales")])
    assert found(m, "The New South Wales government said") == [("New South Wales", ["nsw"])]
    assert found(m, "The New South Wales Government said") == [
        ("New South Wales Government", ["nsw-gov"])]


def test_accented_letters_are_word_characters_but_cjk_is_not() -> None:
    m = TermMatcher([("moda", True, "tw-moda"), ("AI", True, "ai"), ("KI", True, "ki")])
    assert [f for _s, _e, f, _p in m.finditer("esté cómoda y modal")] == []
    assert [f for _s, _e, f, _p in m.finditer("the moda said; Überwachung durch KI")] == ["moda", "KI"]
    assert [f for _s, _e, f, _p in m.finditer("使用AI技術，ЯAI, AIé")] == ["AI"]


def test_a_space_in_a_term_also_matches_a_hyphen() -> None:
    m = TermMatcher([("facial recognition", False, "ai"), ("AI-powered", False, "ai2")])
    found = [(f, p) for _s, _e, f, p in m.finditer("Its facial-recognition gates and AI-powered desks")]
    assert found == [("facial-recognition", ["ai"]), ("AI-powered", ["ai2"])]


def test_a_wildcard_term_stands_for_its_word_endings_only() -> None:
    # "civil serv*" is "civil servants", "civil service": not the start of a longer name
    m = TermMatcher([("civil serv*", False, "cs"), ("Civil Service College", False, "csc")])
    assert found(m, "The Civil Service College and civil servants.") == [
        ("Civil Service College", ["csc"]), ("civil servants", ["cs"])]
