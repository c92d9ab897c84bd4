"""pipelines.slug: slug words of a URL and how closely a headline spells them."""

from __future__ import annotations

import pytest

from pipelines.slug import slug_agreement, slug_words


@pytest.mark.parametrize(("url", "words"), [
    ("https://example.de/politik/article409956720/ampeln-tot-wie-sicher-ist-das-netz.html",
     ["ampeln", "tot", "wie", "sicher", "ist", "das", "netz"]),
    ("https://example.com/2024/05/16/strava-taps-ai-to-weed-out-cheats/",
     ["strava", "taps", "ai", "to", "weed", "out", "cheats"]),
    ("https://example.org/story_of_the_day_x1f4445t?ref=rss",
     ["story", "of", "the", "day"]),
    ("https://example.org/r%C3%A4umt-vers%C3%A4umnisse-ein-a-60a0111a", ["raumt", "versaumnisse",
                                                                          "ein", "a"]),
])
def test_slug_words(url, words):
    assert slug_words(url) == words


@pytest.mark.parametrize("url", ["", "https://example.org/", "https://example.org/news/12345678",
                                 "https://example.org/world/asia", "http://[bad", "/a-b"])
def test_no_slug(url):
    assert slug_words(url) == []


def test_agreement_is_loose_on_spelling_and_strict_on_order():
    slug = slug_words("https://example.de/trump-postet-naechstes-ki-foto-mit-jesus")
    assert slug_agreement(slug, "Trump postet nächstes KI-Foto mit Jesus") == 1.0
    reordered = slug_agreement(slug, "KI-Foto mit Jesus: Trump postet nächstes")
    assert 0.4 < reordered < 0.9
    assert slug_agreement(slug, "Papst kritisiert US-Präsidenten") == 0.0
    assert slug_agreement([], "anything") == slug_agreement(slug, "") == 0.0
