"""Mention-level event coreference on ECB+: matching predicted mentions, and one real dev topic."""

from __future__ import annotations

import pytest

from parallax.eval.event_coref import evaluate_event_coref, match_mentions
from parallax.models.event_pairs import load_event_pairs
from tests.datasets.test_ecbplus import ECBPLUS


def test_predicted_mentions_match_gold_ones_one_to_one_by_largest_overlap() -> None:
    gold = {("d", "1"): frozenset({1, 2}), ("d", "2"): frozenset({5}), ("e", "1"): frozenset({1})}
    predicted = {
        ("d", "p1"): frozenset({2}),
        ("d", "p2"): frozenset({1, 2}),
        ("d", "p3"): frozenset({7}),
        ("e", "p1"): frozenset({1}),
    }
    matched = match_mentions(gold, predicted)
    assert matched == {("d", "p2"): ("d", "1"), ("e", "p1"): ("e", "1")}


@pytest.mark.skipif(not ECBPLUS.is_dir(), reason="shared data (ECB+) is not present")
def test_gold_mentions_of_a_dev_topic_cluster_into_its_events() -> None:
    # Topic 2 (a dev topic; the model never saw it): the sentence-level grouping scores a
    # CoNLL F1 of about 0.3 here, one cluster per mention would score 0.
    metrics = evaluate_event_coref(ECBPLUS, topics=[2], mentions="gold")
    assert metrics["threshold"] == load_event_pairs().threshold
    assert metrics["gold_mentions"] == metrics["mentions"]
    assert metrics["conll_f1"] > 0.6
    assert metrics["shared_f1"] > 0.6


@pytest.mark.skipif(not ECBPLUS.is_dir(), reason="shared data (ECB+) is not present")
def test_predicted_mentions_are_found_and_scored_against_the_gold_ones() -> None:
    metrics = evaluate_event_coref(ECBPLUS, topics=[2], mentions="predicted")
    # Parser-found mentions are clustered at the threshold chosen for them, not the gold one.
    assert metrics["threshold"] == load_event_pairs().predicted_threshold
    # Measured: recall 0.56 on topic 2 alone, 0.80 over the eight dev topics.
    assert metrics["mention_recall"] > 0.5 and metrics["mention_precision"] > 0.5
    assert metrics["mention_exact_f1"] <= metrics["mention_f1"]
    assert 0.0 < metrics["conll_f1"] < 1.0
