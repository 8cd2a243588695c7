"""The CheckThat! 2019 ranking scorer: hand-computed metrics, a tiny folder, the CLI, real data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from parallax.cli import app
from parallax.datasets.checkthat import read_debates
from parallax.errors import InputError
from parallax.eval.claims import (
    average_precision,
    evaluate_claims,
    evaluate_claims_lodo,
    precision_at,
    rank_metrics,
)
from parallax.nlp.claims import load_model
from parallax.training.claims import HELD_OUT, best_threshold
from tests.conftest import SHARED_DATA

DEBATE = "\n".join(
    [
        "1\tHOLT\tGood evening and welcome.\t0",
        "2\tTRUMP\tOur trade deficit rose to $800 billion last year.\t1",
        "3\tCLINTON\tThank you.\t0",
        "4\tCLINTON\tUnemployment fell from 10 percent to 5 percent since 2009.\t1",
        "5\tHOLT\tWhat do you think?\t0",
    ]
)


def test_metrics_by_hand() -> None:
    ranked = [0, 1, 0, 1, 0]
    assert average_precision(ranked) == pytest.approx((1 / 2 + 2 / 4) / 2)
    assert precision_at(ranked, 3) == pytest.approx(1 / 3)
    assert precision_at(ranked, 10) == pytest.approx(2 / 10)  # missing places count as wrong
    metrics = rank_metrics(ranked)
    assert metrics["mrr"] == pytest.approx(1 / 2)
    assert metrics["r_precision"] == pytest.approx(1 / 2)  # two positives: precision at 2
    assert average_precision([0, 0]) == 0.0


def test_best_threshold_maximises_f1() -> None:
    scores = [0.95, 0.9, 0.7, 0.6, 0.55]
    labels = [1, 1, 0, 0, 0]
    assert best_threshold(scores, labels) == pytest.approx(0.75)


def test_read_debates_and_a_bad_line(tmp_path: Path) -> None:
    (tmp_path / "a.tsv").write_text(DEBATE + "\n", encoding="utf-8")
    [debate] = read_debates(tmp_path)
    assert (debate.name, debate.numbers[-1], sum(debate.labels)) == ("a", 5, 2)
    (tmp_path / "b.tsv").write_text("1\tHOLT\tno label\n", encoding="utf-8")
    with pytest.raises(InputError, match="P115"):
        read_debates(tmp_path)
    with pytest.raises(InputError, match="P114"):
        read_debates(tmp_path / "missing")


def test_evaluate_claims_ranks_checkable_sentences_first(tmp_path: Path) -> None:
    (tmp_path / "a.tsv").write_text(DEBATE, encoding="utf-8")
    scores = evaluate_claims(tmp_path)
    assert scores["debates"] == 1.0
    assert scores["map"] == pytest.approx(1.0)


def test_packaged_weights_say_what_they_were_fitted_on() -> None:
    table = json.loads(
        (Path(__file__).parents[2] / "src/parallax/data/claims.json").read_text(encoding="utf-8")
    )
    assert set(table["trained_on"]["held_out"]) == set(HELD_OUT)
    assert not set(table["trained_on"]["debates"]) & set(HELD_OUT)
    assert 0.5 <= load_model().threshold < 1.0


def test_cli_prints_metrics(tmp_path: Path) -> None:
    (tmp_path / "a.tsv").write_text(DEBATE, encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", "claims", "--data", str(tmp_path), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["map"] == pytest.approx(1.0)


CLEF_TRAIN = SHARED_DATA / "clef2019-checkthat-task1" / "train"


@pytest.mark.shared_data
@pytest.mark.skipif(not CLEF_TRAIN.is_dir(), reason="shared data (CheckThat! 2019) is not present")
def test_a_held_out_debate(tmp_path: Path) -> None:
    name = "20181112_trump_pelosi"
    (tmp_path / f"{name}.tsv").symlink_to(CLEF_TRAIN / f"{name}.tsv")
    scores = evaluate_claims(tmp_path)
    assert scores["positives"] > 0
    assert scores["map"] > 0.1


OTHER = "\n".join(
    [
        "1\tMODERATOR\tWelcome back to the debate.\t0",
        "2\tSMITH\tThe state cut 40,000 teaching jobs in 2011.\t1",
        "3\tJONES\tI think we can do better.\t0",
        "4\tSMITH\tCrime rose by 12 percent after the law passed.\t1",
        "5\tMODERATOR\tWhy should voters trust you?\t0",
        "6\tJONES\tThank you very much.\t0",
    ]
)


def test_leave_one_debate_out_fits_on_the_other_debates(tmp_path: Path) -> None:
    (tmp_path / "a.tsv").write_text(DEBATE, encoding="utf-8")
    (tmp_path / "b.tsv").write_text(OTHER, encoding="utf-8")
    scores = evaluate_claims_lodo(tmp_path)
    assert (scores["debates"], scores["positives"]) == (2.0, 4.0)
    # Weights fitted on one debate's figures rank the other's figures first.
    assert scores["map"] == pytest.approx(1.0)
    (tmp_path / "b.tsv").unlink()
    with pytest.raises(InputError, match="two debates"):
        evaluate_claims_lodo(tmp_path)


def test_cli_leaves_one_debate_out(tmp_path: Path) -> None:
    (tmp_path / "a.tsv").write_text(DEBATE, encoding="utf-8")
    (tmp_path / "b.tsv").write_text(OTHER, encoding="utf-8")
    result = CliRunner().invoke(
        app, ["eval", "claims", "--data", str(tmp_path), "--lodo", "--json"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["debates"] == 2
