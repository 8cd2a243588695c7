"""Training the event-pair model: which topics it reads, the trigger lexicon, the grid score."""

from __future__ import annotations

from pathlib import Path

from parallax.datasets.ecbplus import read_topics
from parallax.training.event_pairs import DEV_TOPICS, conll, train_topics, trigger_lexicon
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
