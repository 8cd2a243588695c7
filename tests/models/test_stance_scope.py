"""The stance model's scope features and short training bodies, on the seed articles."""

from __future__ import annotations

import math

import pytest

from parallax.models.stance import load_stance_model
from parallax.models.stance_features import SCOPE_ROW_FEATURES, pair_rows
from parallax.models.text import sentences
from parallax.training.stance_short import short_pairs
from tests.models.conftest import sentence_with


def _scope(claim: str, body: str) -> dict[str, float]:
    model = load_stance_model()
    dense, _ = pair_rows([(claim, body)], model.idf, model.body_idf, scope=True)
    assert dense.shape == (1, len(SCOPE_ROW_FEATURES))
    return dict(zip(SCOPE_ROW_FEATURES, dense[0].tolist(), strict=True))


def test_a_negation_in_scope_of_a_claim_word_flips_the_polarity(independent: str) -> None:
    body = sentence_with(independent, "has not declared a pause")
    flipped = _scope("The US declared a pause in supply to other nations", body)
    assert flipped["scope_negated"] == 1.0 and flipped["scope_polarity_flip"] == 1.0
    # Both negated: no flip. A negation away from the claim's words is out of scope.
    both = _scope("The US has not declared a pause in supply to other nations", body)
    assert both["scope_polarity_flip"] == 0.0
    away = sentence_with(independent, "no definitive sanctions")
    assert _scope("The US president is frustrated by Putin", away)["scope_negated"] == 0.0


def test_figures_and_names_that_differ_are_mismatches(independent: str) -> None:
    body = sentence_with(independent, "30-day pause in fighting")
    assert _scope("Kyiv offered a 60-day pause in fighting", body)["scope_number_conflict"] == 1.0
    same = _scope("Kyiv offered a 30-day pause in fighting", body)
    assert same["scope_number_conflict"] == 0.0
    assert _scope("Kyiv rejected a pause in fighting", body)["scope_number_conflict"] == -1.0
    # "Zelensky" is nowhere in the sentence; Kyiv, Putin and Russia are names the claim lacks.
    other = _scope("Ukraine's president Zelensky offered a pause in fighting", body)
    assert other["scope_names_missing"] == 1.0 and other["scope_other_names"] >= 2


def test_short_bodies_are_the_window_around_the_closest_sentence(southfront: str) -> None:
    from parallax.models.stance_evidence import default_embed

    embed = default_embed()
    assert embed is not None
    claim = "The US resumed weapons deliveries to Ukraine"
    found = short_pairs(
        [(claim, southfront), ("Apple unveils a cheaper iPhone", southfront)],
        [True, False],
        embed,
        unrelated_share=0.0,
        seed=13,
    )
    assert [index for index, _ in found] == [0]
    window = found[0][1]
    assert 1 <= len(sentences(window)) <= 3 and window in southfront
    assert "resum" in window.lower()
    # One sentence against the whole article: each scope feature reads the sentences it has.
    row = _scope(claim, window)
    assert row["scope_sentences_log"] == pytest.approx(math.log1p(len(sentences(window))))
