"""The events scorer: coreference metrics on the published worked example, shared/unique on
hand-built events, and the ingested text's exact token offsets."""

from __future__ import annotations

from pathlib import Path

import pytest

from parallax.datasets.ecbplus import EventMention, read_topics
from parallax.eval.events import conll_scores, document_text, shared_unique
from tests.datasets.test_ecbplus import write_topic


def test_conll_scores_on_the_reference_scorer_example() -> None:
    # Pradhan et al. 2014 ("Scoring coreference partitions of predicted mentions"), the worked
    # example: key {a b c} {d e f g}, response {a b} {c d} {f g h i}.
    key = [{"a", "b", "c"}, {"d", "e", "f", "g"}]
    response = [{"a", "b"}, {"c", "d"}, {"f", "g", "h", "i"}]
    scores = conll_scores(key, response, singletons=True)
    assert scores["muc_recall"] == pytest.approx(0.4)
    assert scores["muc_precision"] == pytest.approx(0.4)
    assert scores["b3_recall"] == pytest.approx(35 / 84)
    assert scores["b3_precision"] == pytest.approx(0.5)
    assert scores["ceafe_recall"] == pytest.approx(0.65)
    assert scores["ceafe_precision"] == pytest.approx(1.3 / 3)
    f1 = [scores["muc_f1"], scores["b3_f1"], scores["ceafe_f1"]]
    assert scores["conll_f1"] == pytest.approx(sum(f1) / 3)


def test_singleton_clusters_are_left_out_of_key_and_response() -> None:
    key = [{"a", "b"}, {"c"}]
    response = [{"a", "b"}, {"c"}, {"d"}]
    assert conll_scores(key, response)["conll_f1"] == pytest.approx(1.0)
    assert conll_scores(key, response, singletons=True)["b3_precision"] < 1.0


def _mention(doc: str, m_id: str, chain: str) -> EventMention:
    return EventMention(doc, m_id, (1,), 1, chain, "ACTION_OCCURRENCE")


def test_shared_and_unique_over_gold_events() -> None:
    mentions = [
        _mention("d1", "1", "quake"), _mention("d2", "1", "quake"),  # shared, found shared
        _mention("d1", "2", "toll"), _mention("d2", "2", "toll"),  # shared, found unique
        _mention("d1", "3", "visit"),  # unique, found unique
        _mention("d2", "3", "rally"),  # unique, found shared
        _mention("d2", "4", "aid"),  # unique, not covered
    ]  # fmt: skip
    predicted = {
        ("d1", "1"): "shared", ("d2", "1"): "unique",
        ("d1", "2"): "unique", ("d2", "2"): "unique",
        ("d1", "3"): "unique", ("d2", "3"): "shared",
    }  # fmt: skip
    scores = shared_unique(mentions, predicted)
    assert (scores["gold_shared_events"], scores["gold_unique_events"]) == (2, 3)
    assert scores["shared_precision"] == pytest.approx(1 / 2)
    assert scores["shared_recall"] == pytest.approx(1 / 2)
    assert scores["unique_precision"] == pytest.approx(1 / 2)
    assert scores["unique_recall"] == pytest.approx(1 / 3)
    assert scores["events_not_covered"] == 1


def test_the_ingested_text_gives_each_token_its_exact_span(tmp_path: Path) -> None:
    [_, plus] = read_topics(write_topic(tmp_path))[7]
    found = document_text(plus)
    assert found.text == "Police arrested him\nHe fled and hid"
    for token in plus.tokens[1:]:
        start, end = found.tokens[token.t_id]
        assert found.text[start:end] == token.text
    assert found.text[slice(*found.sentences[2])] == "He fled and hid"


def test_a_topic_is_ingested_compared_and_scored(tmp_path: Path) -> None:
    from parallax.eval.events import evaluate_events

    scores = evaluate_events(write_topic(tmp_path), mentions="predicted", embed=False)
    assert (scores["topics"], scores["documents"], scores["gold_mentions"]) == (1, 2, 4)
    assert scores["gold_shared_events"] == 1  # the arrest, in both documents
    assert 0.0 <= scores["only_here_rate"] <= 1.0
    assert scores["gold_only_here_rate"] == pytest.approx(2 / 4)
