"""Scoring a clustering of ECB+ event mentions, and choosing the threshold for predicted ones."""

from __future__ import annotations

import pytest

from parallax.datasets.ecbplus import read_topics
from parallax.models.event_pairs import load_event_pairs
from parallax.training.event_mentions import read_topic_mentions
from parallax.training.event_pairs import choose_predicted
from parallax.training.event_sharing import score_clusters
from tests.datasets.test_ecbplus import ECBPLUS

needs_ecbplus = pytest.mark.skipif(not ECBPLUS.is_dir(), reason="shared data (ECB+) is not present")


@needs_ecbplus
def test_the_gold_chains_of_a_real_topic_score_perfectly_and_one_cluster_does_not() -> None:
    # Topic 2 (dev): clustering its gold mentions by their own chains is the key itself.
    documents = read_topics(ECBPLUS, [2])[2]
    mentions = read_topic_mentions(2, documents)
    gold = [m for doc in documents for m in doc.mentions]
    chain_number = {chain: k for k, chain in enumerate(sorted(set(mentions.chains)))}
    perfect = score_clusters(
        [mentions], [[chain_number[c] for c in mentions.chains]], gold, predicted=False
    )
    assert perfect["conll_f1"] == pytest.approx(1.0)
    assert perfect["shared_f1"] == 1.0 and perfect["unique_f1"] == 1.0
    assert perfect["only_here_rate"] == pytest.approx(perfect["gold_only_here_rate"])
    assert 0.0 < perfect["gold_only_here_rate"] < 1.0
    merged = score_clusters([mentions], [[0] * len(mentions.keys)], gold, predicted=False)
    # One cluster spanning every document: every event is called shared, none unique.
    assert merged["unique_f1"] == 0.0 and merged["only_here_rate"] == 0.0
    assert merged["conll_f1"] < 0.5


@needs_ecbplus
def test_predicted_mentions_stand_for_the_gold_mentions_they_overlap() -> None:
    documents = read_topics(ECBPLUS, [2])[2]
    found = read_topic_mentions(2, documents, predicted=True, lexicon=load_event_pairs().lexicon)
    gold = [m for doc in documents for m in doc.mentions]
    apart = score_clusters([found], [list(range(len(found.keys)))], gold, predicted=True)
    # Each mention alone: nothing is shared, and the parser finds most gold triggers.
    assert apart["shared_recall"] == 0.0 and apart["only_here_rate"] == 1.0
    assert apart["mention_recall"] > 0.5
    assert apart["mention_exact_f1"] <= apart["mention_f1"]


def test_the_predicted_threshold_keeps_the_only_here_rate_near_the_gold_rate() -> None:
    def figures(shared: float, unique: float, only_here: float) -> dict[str, float]:
        return {
            "shared_f1": shared,
            "unique_f1": unique,
            "only_here_rate": only_here,
            "gold_only_here_rate": 0.3,
        }

    grid = {0.5: figures(0.6, 0.6, 0.25), 0.7: figures(0.7, 0.7, 0.35), 0.9: figures(0.7, 0.9, 0.5)}
    # 0.9 scores best but calls far too much "only here"; 0.7 is the best one allowed.
    assert choose_predicted(grid, 0.55) == 0.7
    assert choose_predicted({0.9: figures(0.7, 0.9, 0.5)}, 0.55) == 0.55
