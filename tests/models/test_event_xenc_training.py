"""Which ECB+ pairs the event cross-encoder is fitted on (no torch needed for the choice)."""

from __future__ import annotations

import numpy as np

from parallax.models.event_pairs import event_side
from parallax.training.event_mentions import TopicMentions
from parallax.training.event_pairs import TopicExamples
from parallax.training.event_xenc import FOLDS, HOLD_FOLD, training_pairs


def _topic(topic: int, lemmas: list[str], labels: dict[tuple[int, int], int]) -> TopicExamples:
    mentions = TopicMentions(topic)
    mentions.sides = [event_side("d", k, [lemma], lemma, "VERB", lemma) for k, lemma in
                      enumerate(lemmas)]  # fmt: skip
    pairs = [(i, j) for i in range(len(lemmas)) for j in range(i + 1, len(lemmas))]
    found = np.asarray([labels.get(p, 0) for p in pairs], dtype=np.int64)
    return TopicExamples(mentions, pairs, np.zeros((len(pairs), 1)), found)


def test_positives_and_hard_negatives_are_kept_and_the_held_out_fold_is_not_read() -> None:
    # 40 mentions: 0-1 one event ("quake"/"earthquake"), 2-3 one lemma but two events ("kill"),
    # the others all different lemmas and events.
    lemmas = ["quake", "earthquake", "kill", "kill", *[f"w{k}" for k in range(36)]]
    examples = [_topic(t, lemmas, {(0, 1): 1}) for t in range(FOLDS)]
    scores = []
    for example in examples:
        score = np.zeros(len(example.pairs))
        score[example.pairs.index((1, 4))] = 0.6  # a negative the trees found likely
        scores.append(score)
    chosen = training_pairs(examples, scores)
    assert all(k % FOLDS != HOLD_FOLD for k, _, _ in chosen)
    for k in range(FOLDS):
        if k == HOLD_FOLD:
            continue
        mine = {examples[k].pairs[q]: label for t, q, label in chosen if t == k}
        assert mine[(0, 1)] == 1
        assert mine[(2, 3)] == 0 and mine[(1, 4)] == 0  # same lemma; the trees' hard negative
        easy = len(examples[k].pairs) - 3
        assert 0 < len(mine) - 3 < 0.1 * easy  # a small random share of the easy negatives
    # The same seed picks the same pairs.
    assert training_pairs(examples, scores) == chosen
