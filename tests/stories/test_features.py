"""Tokens, online document frequencies and sparse vectors."""

from __future__ import annotations

import math

import pytest

from parallax.stories.features import (
    StoryInput,
    TermStats,
    article_terms,
    headline,
    stem,
    tokenize,
    top_terms,
    truncate,
)


def test_tokenize_drops_stop_words_short_numbers_and_possessives() -> None:
    words = tokenize("Trump's officials said the U.S. paused 25 weapons shipments in 2025.")
    assert words == ["trump", "official", "paused", "weapon", "shipment", "2025"]


@pytest.mark.parametrize(
    ("word", "expected"),
    [("weapons", "weapon"), ("deliveries", "delivery"), ("bus", "bus"), ("glass", "glass")],
)
def test_stem_strips_plurals_only(word: str, expected: str) -> None:
    assert stem(word) == expected


def test_headline_words_count_extra() -> None:
    item = StoryInput("a", None, "Iquique earthquake", "An earthquake hit.", None, frozenset())
    counts = article_terms(item, title_weight=2)
    assert counts["earthquake"] == 3
    assert counts["iquique"] == 2
    assert counts["hit"] == 1


def test_idf_is_learned_online_and_smoothed() -> None:
    stats = TermStats()
    stats.observe(["quake", "chile"])
    stats.observe(["quake", "bank"])
    # ln((1 + n) / (1 + df)) + 1
    assert stats.idf("quake") == pytest.approx(math.log(3 / 3) + 1)
    assert stats.idf("chile") == pytest.approx(math.log(3 / 2) + 1)
    assert stats.idf("unseen") == pytest.approx(math.log(3 / 1) + 1)
    prior = TermStats(2, stats.frequencies, prior_documents=10)
    assert prior.idf("quake") == pytest.approx(math.log(13 / 3) + 1)


def test_weigh_returns_a_unit_vector() -> None:
    stats = TermStats()
    stats.observe(["a1", "b1"])
    vector = stats.weigh({"a1": 3, "b1": 1})
    assert math.sqrt(sum(w * w for w in vector.values())) == pytest.approx(1.0)
    assert vector["a1"] > vector["b1"]
    assert stats.weigh({}) == {}


def test_top_terms_and_truncate_are_deterministic_on_ties() -> None:
    vector = {"b": 1.0, "a": 1.0, "c": 2.0}
    assert top_terms(vector, 2) == ["c", "a"]
    assert truncate(vector, 2) == {"c": 2.0, "a": 1.0}


def test_headline_falls_back_to_the_first_sentence() -> None:
    item = StoryInput("a", None, None, "First sentence here. Second one.", None, frozenset())
    assert headline(item) == "First sentence here."


def test_tokenize_remembers_words_in_a_bounded_table_and_answers_the_same(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from parallax.stories import features

    monkeypatch.setattr(features, "_TERMS", {})
    monkeypatch.setattr(features, "_TERMS_KEPT", 5)
    text = "The weapons' inspectors’s reports: Ukraine's 2 ministries and 450 drones in Kyiv."
    first = features.tokenize(text)
    assert first == ["weapon", "inspector", "ukraine", "ministry", "450", "drone", "kyiv"]
    assert len(features._TERMS) == 5  # the table stops growing at its bound
    assert features.tokenize(text) == first  # remembered or not, a word gives the same term
