"""Mention-level event coreference on ECB+: matching predicted mentions, and one real dev topic."""

from __future__ import annotations

import pytest

from parallax.compare.event_groups import CONSTRAINTS
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


@pytest.mark.skipif(not ECBPLUS.is_dir(), reason="shared data (ECB+) is not present")
def test_the_lemma_baseline_joins_exactly_the_mentions_of_one_head_lemma() -> None:
    from parallax.compare.event_clusters import document_groups, document_similarities
    from parallax.eval.event_coref import cluster_example, lemma_scores
    from parallax.eval.events import read_events
    from parallax.training.event_mentions import EmbeddingCache
    from parallax.training.event_pairs import topic_examples

    (example,) = topic_examples(read_events(ECBPLUS, [2], "ecbplus"), EmbeddingCache())
    model = load_event_pairs()
    labels = cluster_example(
        example, lemma_scores(example), 0.5, model.document_threshold, CONSTRAINTS
    )
    mentions = example.mentions
    groups = document_groups(
        document_similarities(mentions.document_vectors),
        len(mentions.documents),
        model.document_threshold,
    )
    for i, side in enumerate(mentions.sides):
        for j in range(i + 1, len(mentions.sides)):
            same = side.lemma == mentions.sides[j].lemma
            same_group = groups[mentions.document_of[i]] == groups[mentions.document_of[j]]
            assert (labels[i] == labels[j]) == (same and same_group)
    # The baseline is scored like the model, and on this dev topic the model is the better.
    baseline = evaluate_event_coref(ECBPLUS, topics=[2], mentions="gold", baseline="lemma")
    assert baseline["threshold"] == 0.5
    assert 0.0 < baseline["conll_f1"] < evaluate_event_coref(ECBPLUS, topics=[2])["conll_f1"]
