"""The body's cue words crossed with the claim's polarity (the ``short-cross`` recipe's words)."""

from __future__ import annotations

import math

import pytest

from parallax.models.stance_cross import body_cues, claim_polarity, cross_bag
from parallax.models.stance_features import Idf, pair_rows
from parallax.training.stance import cross_vocabulary

HOAX_BODY = (
    "Police said the video is a hoax. Experts cast doubt on it and the company denied it. "
    "The clip was reportedly shared a million times before it was debunked as a hoax."
)


@pytest.mark.parametrize(
    ("claim", "polarity"),
    [
        ("Shark swims through flooded Houston street", "P"),
        ("Viral photo of shark on Houston highway is a hoax", "R"),
        ("Did a shark swim down a Houston street?", "N"),
        ("No, a spider didn't crawl through a man's body", "N"),
    ],
)
def test_claim_polarity(claim: str, polarity: str) -> None:
    assert claim_polarity(claim) == polarity


def test_body_cues_count_words_and_doubt_phrases() -> None:
    cues = body_cues(HOAX_BODY)
    assert cues["hoax"] == 2
    assert cues["denied"] == 1 and cues["~denied"] == 1
    assert cues["~cast doubt"] == 1 and cues["reportedly"] == 1
    assert "police" not in cues and "video" not in cues


def test_the_same_body_cue_is_another_feature_under_another_claim() -> None:
    stated = cross_bag(claim_polarity("Shark swims through Houston street"), body_cues(HOAX_BODY))
    refuted = cross_bag(claim_polarity("Houston shark photo is fake"), body_cues(HOAX_BODY))
    assert stated["x:P|hoax"] == pytest.approx(math.log(3))
    assert refuted["x:R|hoax"] == pytest.approx(math.log(3))
    assert not set(stated) & set(refuted)


def test_pair_rows_carry_the_crossed_cues_and_training_finds_them() -> None:
    pairs = [
        ("Shark swims through Houston street", HOAX_BODY),
        ("Houston shark photo is fake", HOAX_BODY),
        ("Shark swims through Houston street", "The storm flooded the city."),
    ]
    _, plain = pair_rows(pairs, Idf({}, 1.0), {}, evidence=False)
    assert not any(name.startswith("x:") for bag in plain for name in bag)  # built only if asked
    _, bags = pair_rows(pairs, Idf({}, 1.0), {}, evidence=False, cross=True)
    assert bags[0]["x:P|hoax"] == pytest.approx(math.log(3))
    assert bags[1]["x:R|hoax"] == pytest.approx(math.log(3))
    assert not any(name.startswith("x:") for name in bags[2])
    vocabulary = cross_vocabulary(bags)
    assert "x:P|~cast doubt" in vocabulary and "x:R|debunked" in vocabulary
    assert vocabulary == sorted(vocabulary) and all(v.startswith("x:") for v in vocabulary)


def test_cross_columns_follow_the_scope_columns() -> None:
    from parallax.models.stance_cross import CROSS_FEATURES
    from parallax.models.stance_features import CROSS_ROW_FEATURES, SCOPE_ROW_FEATURES
    from parallax.training.stance import RECIPES

    pairs = [
        ("Shark swims through Houston street", HOAX_BODY),
        ("Houston shark photo is fake", HOAX_BODY),
        ("Did a shark swim through Houston?", "The storm flooded the city. Nothing else."),
    ]
    scope, _ = pair_rows(pairs, Idf({}, 1.0), {}, evidence=True, embed=None, scope=True)
    cross, _ = pair_rows(pairs, Idf({}, 1.0), {}, evidence=True, embed=None, scope=True, cross=True)
    assert cross.shape == (3, len(CROSS_ROW_FEATURES))
    assert (cross[:, : len(SCOPE_ROW_FEATURES)] == scope).all()
    columns = [dict(zip(CROSS_FEATURES, row[-3:], strict=True)) for row in cross]
    # "cast doubt" and "denied": two doubt phrases, both in the lead (its three sentences).
    assert columns[0] == {
        "cross_doubt_phrases": 2.0,
        "cross_doubt_lead": 2.0,
        "cross_claim_polarity": 0.0,
    }
    assert columns[1]["cross_claim_polarity"] == 1.0
    assert columns[2] == {
        "cross_doubt_phrases": 0.0,
        "cross_doubt_lead": 0.0,
        "cross_claim_polarity": 2.0,
    }
    assert RECIPES["short-cross"].features == CROSS_ROW_FEATURES
    assert RECIPES["short-balanced"].features == SCOPE_ROW_FEATURES
