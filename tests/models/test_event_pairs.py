"""The packaged event-pair model: features of real mentions, and what it says about them."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from parallax.models.event_pairs import (
    FEATURES,
    REFINE_FEATURES,
    event_side,
    load_event_pairs,
    neighbour_features,
    pair_features,
)

ARREST_1 = event_side(
    "a", 1, ["arrest"], "arrest", "VERB", "Police arrested Mike Elliott in Denver on Monday",
    agents=["police"], patients=["mike elliott"], places=["denver"], times=["monday"],
    names=["mike elliott", "denver"],
)  # fmt: skip
ARREST_2 = event_side(
    "b", 3, ["arrest"], "arrest", "NOUN", "The arrest of Michael Elliott in Denver on Monday",
    patients=["michael elliott"], places=["denver"], times=["monday"],
    names=["michael elliott", "denver"],
)  # fmt: skip
ARREST_3 = event_side(
    "c", 2, ["arrest"], "arrest", "VERB", "Police arrested Jane Doe in Boston in 2009",
    agents=["police"], patients=["jane doe"], places=["boston"], times=["2009"],
    names=["jane doe", "boston"],
)  # fmt: skip


def test_name_variants_meet_and_a_different_place_is_a_conflict() -> None:
    cosines = {
        "trigger_cosine": 1.0, "context_cosine": 0.8, "document_cosine": 0.5,
        "in_context_cosine": 0.9,
    }  # fmt: skip
    same = dict(zip(FEATURES, pair_features(ARREST_1, ARREST_2, **cosines), strict=True))
    other = dict(zip(FEATURES, pair_features(ARREST_1, ARREST_3, **cosines), strict=True))
    # "Mike Elliott" and "Michael Elliott" share "elliott": half the words, and no conflict.
    assert same["patients_share"] == 0.5 and same["patients_conflict"] == 0.0
    assert same["places_share"] == 1.0 and same["places_conflict"] == 0.0
    assert other["patients_conflict"] == 1.0 and other["places_conflict"] == 1.0


def test_the_packaged_model_joins_one_arrest_and_keeps_another_event_apart() -> None:
    model = load_event_pairs()
    rows = np.asarray(
        [
            pair_features(ARREST_1, ARREST_2, trigger_cosine=1.0, context_cosine=0.8,
                          document_cosine=0.5, in_context_cosine=0.9),
            pair_features(ARREST_1, ARREST_3, trigger_cosine=1.0, context_cosine=0.8,
                          document_cosine=0.5, in_context_cosine=0.9),
        ]
    )  # fmt: skip
    same, other = model.probabilities(rows)
    # Monotonic constraints: disagreeing on who, where and when never makes a pair likelier.
    assert same >= other
    assert same >= model.threshold
    assert 0.0 < model.threshold < 1.0
    assert 0.0 < model.predicted_threshold < 1.0
    assert {"arrest", "attack"} & model.lexicon


def test_two_different_events_in_one_story_stay_apart() -> None:
    election = event_side(
        "b", 2, ["elect"], "elect", "VERB", "Voters in Denver elected a new mayor on Monday",
        agents=["voters"], places=["denver"], times=["monday"], names=["denver"],
    )  # fmt: skip
    row = pair_features(
        ARREST_1, election, trigger_cosine=0.2, context_cosine=0.3, document_cosine=0.5,
        in_context_cosine=0.3,
    )  # fmt: skip
    model = load_event_pairs()
    assert model.probabilities(np.asarray([row]))[0] < model.threshold


def test_neighbour_features_read_the_sentences_and_articles_around_a_pair() -> None:
    # Two articles, each telling an arrest and a charge in one sentence, and a third sentence
    # about an election. The arrests' pair gains from the charges' pair (their sentence mates).
    charge_1 = event_side(
        "a", 1, ["charge"], "charge", "VERB", "Police arrested Mike Elliott and charged him",
        patients=["mike elliott"], names=["mike elliott"],
    )  # fmt: skip
    charge_2 = event_side(
        "b", 3, ["charge"], "charge", "NOUN", "The arrest of Michael Elliott and the charges",
        patients=["michael elliott"], names=["michael elliott"],
    )  # fmt: skip
    election = event_side("b", 4, ["elect"], "elect", "VERB", "Voters elected a mayor")
    sides = [ARREST_1, charge_1, ARREST_2, charge_2, election]
    pairs = [(i, j) for i in range(5) for j in range(i + 1, 5)]
    given = {(0, 2): 0.6, (1, 3): 0.9, (0, 1): 0.1, (2, 3): 0.1}
    probabilities = np.asarray([given.get(pair, 0.05) for pair in pairs])
    rows = neighbour_features(pairs, probabilities, sides)
    features = {
        pair: dict(zip(REFINE_FEATURES, row, strict=True))
        for pair, row in zip(pairs, rows, strict=True)
    }
    arrests = features[(0, 2)]
    assert arrests["probability"] == 0.6
    # The charges' pair (the probabilities are held in float32).
    assert arrests["sentence_max"] == arrests["sentence_mean"] == pytest.approx(0.9)
    assert features[(0, 1)]["sentence_max"] == 0.0  # one sentence: no sentence mates
    assert features[(0, 4)]["sentence_max"] == 0.0  # the election has no sentence mate
    # Articles a and b: each mention's best partner in the other article, averaged both ways.
    assert arrests["document_density"] == pytest.approx((0.75 + (0.6 + 0.9 + 0.05) / 3) / 2)
    assert features[(0, 1)]["document_density"] == 1.0
    # The arrest of article a prefers the arrest of b to any other mention of b.
    assert arrests["margin"] > 0 > features[(0, 3)]["margin"]


def test_the_second_pass_reorders_pairs_and_a_one_pass_model_keeps_its_scores() -> None:
    model = load_event_pairs()
    assert model.refine is not None and model.refine.features == REFINE_FEATURES
    sides = [ARREST_1, ARREST_2, ARREST_3]
    pairs = [(0, 1), (0, 2), (1, 2)]
    first = np.asarray([0.7, 0.3, 0.2])
    second = model.refined(pairs, first, sides)
    assert second.shape == first.shape and np.all((second >= 0) & (second <= 1))
    assert second[0] > second[1] and second[0] > second[2]
    one_pass = replace(model, refine=None)
    assert one_pass.refined(pairs, first, sides) is first
    # A mode whose cross-validation preferred one pass keeps the first pass's scores.
    gold_one_pass = replace(model, refine_gold=False, refine_predicted=True)
    assert gold_one_pass.refined(pairs, first, sides, predicted=False) is first
    assert gold_one_pass.refined(pairs, first, sides, predicted=True) is not first
