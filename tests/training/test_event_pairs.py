"""Training the event-pair model: which topics it reads, the trigger lexicon, the grid score."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from parallax.datasets.ecbplus import read_topics
from parallax.models.event_pairs import FEATURES, REFINE_FEATURES
from parallax.training.event_mentions import EmbeddingCache, in_context_vectors
from parallax.training.event_pairs import (
    DEV_TOPICS,
    conll,
    refine_examples,
    topic_examples,
    train_topics,
    trigger_lexicon,
)
from tests.datasets.test_ecbplus import write_topic


def test_train_topics_leave_out_dev_and_test_topics(tmp_path: Path) -> None:
    for topic in (1, 2, 33, 35, 36, 41):
        (tmp_path / "ECB+" / str(topic)).mkdir(parents=True)
    assert train_topics(tmp_path) == [1, 33]
    assert {2, 35} <= set(DEV_TOPICS)


def test_the_lexicon_holds_words_that_are_mostly_triggers(tmp_path: Path) -> None:
    # In the hand-built topic "arrested" is a gold trigger in both documents' validated
    # sentences; "Police" and "him" are never triggers; "fled" and "hid" are triggers once only
    # (their sentence is validated in one document).
    lexicon = trigger_lexicon(read_topics(write_topic(tmp_path)))
    assert "arrested" in lexicon
    assert not {"police", "him", "fled", "hid"} & lexicon


def test_conll_is_perfect_on_the_gold_clusters_and_lower_when_merged() -> None:
    key = [{"a", "b"}, {"c", "d"}, {"e"}]
    assert conll(key, key)["conll"] == 1.0
    assert conll(key, [{"a", "b", "c", "d", "e"}])["conll"] < 0.7


def test_a_trigger_read_in_its_sentence_tells_two_senses_apart() -> None:
    # Embedded alone, "fired" is one word; read inside its sentence, firing a coach is close to
    # firing an employee and far from firing a gun.
    sentences = [
        tuple(["The", "club", "fired", "its", "coach", "on", "Monday"]),
        tuple(["The", "company", "fired", "an", "employee"]),
        tuple(["The", "soldier", "fired", "a", "gun", "at", "the", "crowd"]),
    ]
    vectors = in_context_vectors(sentences, [(2,), (2,), (2,)])
    cosines = vectors @ vectors.T
    assert np.allclose(np.diag(cosines), 1.0, atol=1e-5)
    assert cosines[0, 1] > cosines[0, 2] + 0.1
    assert cosines[0, 1] > cosines[1, 2] + 0.1


def test_a_multi_word_trigger_is_the_mean_of_its_words() -> None:
    sentence = tuple(["Police", "took", "him", "into", "custody", "yesterday"])
    both, first, second = in_context_vectors([sentence] * 3, [(1, 4), (1,), (4,)])
    mean = first + second
    assert float(both @ (mean / np.linalg.norm(mean))) > 0.9
    assert float(both @ first) < 0.999


def test_the_second_pass_rows_are_built_on_the_first_pass_probabilities(tmp_path: Path) -> None:
    # The hand-built topic: "arrested" in two documents (one chain) and two mentions of a
    # second event in one sentence of the second document.
    examples = topic_examples(read_topics(write_topic(tmp_path)), EmbeddingCache())
    scores = [np.linspace(0.2, 0.8, len(e.pairs)) for e in examples]
    refined = refine_examples(examples, scores)
    [before], [after] = examples, refined
    assert len(before.pairs) == 6 and after.pairs == before.pairs
    assert after.rows.shape == (6, len(REFINE_FEATURES))
    assert np.array_equal(after.rows[:, 0], scores[0])
    assert np.array_equal(after.labels, before.labels) and before.rows.shape[1] == len(FEATURES)
    # Every pair here joins two documents or is inside one: the density is 1 inside one.
    same_document = before.rows[:, FEATURES.index("same_document")] == 1.0
    assert np.all(after.rows[same_document, REFINE_FEATURES.index("document_density")] == 1.0)
    assert np.all(after.rows[~same_document, REFINE_FEATURES.index("document_density")] < 1.0)
