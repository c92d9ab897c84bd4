"""bench/headline_features.py: candidate wordings, their features and the conditional
logit, on small made-up candidate sets (the experiment of bench/train_headlines.py)."""

from __future__ import annotations

import numpy as np
import pytest

from bench.headline_features import FEATURES, fit, generate, matrix

HEADLINE = "Ministry launches AI register"
CANDS = {"og": HEADLINE, "h1": HEADLINE, "title": f"{HEADLINE} | The Daily Example",
         "twitter": "Ministry launches AI register…", "site_name": "The Daily Example"}


def by_text(cands):
    return {c.text: c for c in generate(cands)}


def test_candidates_include_raw_stripped_and_segment_wordings():
    got = by_text(CANDS)
    assert HEADLINE in got and f"{HEADLINE} | The Daily Example" in got
    assert "The Daily Example" in got  # a segment: a candidate, with the features to lose
    head = got[HEADLINE].features
    assert head["raw_og"] == head["raw_h1"] == 1.0 and head["raw_title"] == 0.0
    # <title> states the same words once its site affix is dropped
    assert head["any_title"] == head["key_title"] == 1.0
    assert head["key_top"] == 1.0 and head["first_spelling"] == 1.0 and head["rule"] == 1.0
    site = got["The Daily Example"].features
    assert site["only_segment"] == 1.0 and site["names_site"] == 1.0 and site["key_top"] == 0.0


def test_shape_features():
    got = by_text(CANDS)
    cut = got["Ministry launches AI register..."].features  # NFKC spells "…" as "..."
    assert cut["truncated"] == 1.0 and cut["raw_twitter"] == 1.0
    assert got[f"{HEADLINE} | The Daily Example"].features["has_separator"] == 1.0
    assert got[HEADLINE].features["prefix_of_other"] == 1.0
    quoted = by_text({"og": "Minister: “We will act”", "h1": "MINISTER WARNS COUNCILS"})
    assert quoted["Minister: “We will act”"].features["curly_quote"] == 1.0
    assert quoted["MINISTER WARNS COUNCILS"].features["all_caps"] == 1.0


def test_slug_features_point_at_the_headline_the_url_spells():
    got = by_text({"og": "Storm chaos: trams at risk, experts say",
                   "jsonld": "City prepares its trams for the next heatwave",
                   "url": "https://example.org/city-prepares-its-trams-for-the-next-heatwave"})
    assert got["City prepares its trams for the next heatwave"].features["slug_best"] == 1.0
    assert got["Storm chaos: trams at risk, experts say"].features["slug_best"] == 0.0


@pytest.mark.parametrize("cands", [{}, {"url": "https://x.org", "site_name": "X"},
                                   {"og": "  ", "h1": "|"}])
def test_nothing_to_choose(cands):
    assert generate(cands) == []
    assert matrix([]).shape == (0, len(FEATURES))


def test_every_candidate_has_every_feature():
    for cand in generate(CANDS):
        assert set(cand.features) == set(FEATURES)


def test_conditional_logit_learns_which_field_to_trust():
    # Made-up pages where h1 and og disagree: the right answer is always the h1's.
    rivals = [("Budget passes", "Budget passes after late-night vote"),
              ("Floods close schools", "Schools shut as floods hit the north"),
              ("New rail line opens", "First trains run on the new rail line"),
              ("Ministers back AI law", "AI law backed by ministers after debate")]
    pages = []
    for og, h1 in rivals:
        gen = generate({"og": og, "h1": h1})
        pages.append((matrix(gen), [c.text for c in gen].index(h1)))
    model = fit(pages[:3], lam=1.0)
    x, right = pages[3]
    assert int(model.probs(x).argmax()) == right
    assert model.probs(x).sum() == pytest.approx(1.0)
    assert model.w[FEATURES.index("raw_h1")] > 0 > model.w[FEATURES.index("raw_og")]


def test_fit_needs_a_page_with_a_choice():
    one = matrix(generate({"og": HEADLINE}))
    with pytest.raises(ValueError):
        fit([(one, 0), (np.zeros((2, len(FEATURES))), -1)], lam=1.0)
