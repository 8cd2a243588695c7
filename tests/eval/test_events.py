"""The events scorer: coreference metrics on the published worked example, shared/unique on
hand-built events, and the ingested text's exact token offsets."""

from __future__ import annotations

from pathlib import Path

import pytest

from parallax.datasets.ecbplus import EcbDocument, EventMention, read_topics
from parallax.eval.event_thresholds import Setting, choose
from parallax.eval.events import (
    TopicResult,
    conll_scores,
    document_text,
    score_topics,
    shared_unique,
)
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


def test_meantime_articles_are_read_by_format_and_ingested_as_one_story(tmp_path: Path) -> None:
    from parallax.eval.events import evaluate_events, read_events
    from tests.datasets.test_meantime_events import write_corpus

    root = write_corpus(tmp_path / "meantime")
    read = read_events(root, [1], "meantime")
    assert [doc.name for doc in read[1]] == ["100"]
    with pytest.raises(ValueError, match="format must be"):
        read_events(root, None, "conll")
    work = tmp_path / "work"
    work.mkdir()
    scores = evaluate_events(
        root, mentions="predicted", embed=False, data_format="meantime", workdir=work
    )
    assert (scores["topics"], scores["documents"], scores["gold_mentions"]) == (2, 2, 10)
    assert {p.name for p in work.glob("*.db")} == {"meantime-topic-1.db", "meantime-topic-2.db"}


def _result(groups: list[list[tuple[str, str]]]) -> TopicResult:
    """Each group a list of (document, mention id): one claim per mention, covering it."""
    result = TopicResult()
    for number, members in enumerate(groups):
        result.group_outlets.append(len({doc for doc, _ in members}))
        for doc, m_id in members:
            result.covering[(doc, m_id)] = len(result.claims)
            result.claims.append((doc, (0, 1), number))
    return result


def test_the_threshold_chosen_is_the_one_whose_groups_split_events_right() -> None:
    docs = [
        EcbDocument(name, 1, "meantime", (), frozenset(), mentions)
        for name, mentions in (
            ("d1", (_mention("d1", "1", "quake"), _mention("d1", "2", "visit"))),
            ("d2", (_mention("d2", "1", "quake"), _mention("d2", "2", "rally"))),
        )
    ]
    read = {1: docs}
    loose = _result([[("d1", "1"), ("d1", "2"), ("d2", "1"), ("d2", "2")]])
    right = _result([[("d1", "1"), ("d2", "1")], [("d1", "2")], [("d2", "2")]])
    results = {Setting("plain", 0.5): {1: loose}, Setting("plain", 0.9): {1: right}}
    assert choose(read, results, "plain", [1]) == 0.9
    figures = score_topics(read, {1: right}, "predicted")
    assert figures["shared_f1"] == figures["unique_f1"] == 1.0
    assert score_topics(read, {1: loose}, "predicted")["unique_f1"] == 0.0


def test_eval_events_reads_meantime_with_format_and_sweeps_the_constraints(
    tmp_path: Path,
) -> None:
    import json

    from typer.testing import CliRunner

    import parallax.cli.evaluate_events  # noqa: F401  (adds eval events)
    from parallax.cli.evaluate import app as eval_app
    from tests.datasets.test_meantime_events import write_corpus

    runner = CliRunner()
    folder = str(write_corpus(tmp_path))
    found = runner.invoke(
        eval_app, ["events", "--format", "meantime", "--data", folder, "--sweep", "--json"]
    )
    assert found.exit_code == 0, found.output
    metrics = json.loads(found.output)
    # two articles, each five gold mentions; the win told by both is one shared event
    assert metrics["gold_mentions"] == metrics["mentions"] == 10
    assert metrics["gold_shared_events"] == 1
    assert {"plain_at_0.50_conll_f1", "both_at_0.90_unique_f1"} <= set(metrics)
    wrong = runner.invoke(eval_app, ["events", "--format", "conll", "--data", folder])
    assert wrong.exit_code != 0
