"""The train and eval commands of the comparison models, invoked through their Typer apps."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

import parallax.cli.evaluate_compare  # noqa: F401  (adds eval stance, bias, propaganda)
from parallax.cli.evaluate import app as eval_app
from parallax.cli.train import app as train_app

runner = CliRunner()


def test_train_commands_are_listed() -> None:
    result = runner.invoke(train_app, ["--help"])
    assert result.exit_code == 0
    for name in ("stance", "bias", "propaganda"):
        assert name in result.output


def test_eval_stance_scores_unseen_bodies(tmp_path: Path) -> None:
    bodies = tmp_path / "bodies.csv"
    stances = tmp_path / "stances.csv"
    bodies.write_text(
        "Body ID,articleBody\n"
        '1,"A storm hit the coast on Monday, officials confirmed. Thousands lost power."\n',
        encoding="utf-8",
    )
    stances.write_text(
        "Headline,Body ID,Stance\nStorm hits the coast,1,agree\nNew phone goes on sale,1,unrelated\n",
        encoding="utf-8",
    )
    result = runner.invoke(
        eval_app, ["stance", "--bodies", str(bodies), "--stances", str(stances), "--json"]
    )
    assert result.exit_code == 0, result.output
    metrics = json.loads(result.output)
    assert metrics["pairs"] == 2 and metrics["pairs_skipped"] == 0
    assert 0.0 <= metrics["fnc_score"] <= 100.0


def test_eval_propaganda_reports_a_missing_folder(tmp_path: Path) -> None:
    result = runner.invoke(eval_app, ["propaganda", "--data", str(tmp_path)])
    assert result.exit_code != 0


def test_eval_events_clusters_event_mentions_by_default(tmp_path: Path) -> None:
    import parallax.cli.evaluate_events  # noqa: F401  (adds eval events)
    from tests.datasets.test_ecbplus import write_topic

    folder = write_topic(tmp_path)
    result = runner.invoke(eval_app, ["events", "--data", str(folder), "--json"])
    assert result.exit_code == 0, result.output
    metrics = json.loads(result.output)
    # "arrested" in both documents, "fled" and "hid" in the second: every gold mention is
    # clustered (the claims grouping reads sentences instead and has no "mentions" figure).
    assert metrics["gold_mentions"] == metrics["mentions"] == 4
    assert 0.0 <= metrics["conll_f1"] <= 1.0
    wrong = runner.invoke(eval_app, ["events", "--data", str(folder), "--grouping", "words"])
    assert wrong.exit_code != 0


def test_stance_recipes_are_checked_before_any_work(tmp_path: Path) -> None:
    """An unknown recipe, or topic folds without the FNC-1 folder, is refused with a message
    (the data folder here is empty: nothing is read before the check)."""
    for arguments in (
        ["stance", "--topic-folds"],
        ["stance", "--data", str(tmp_path), "--topic-folds", "--recipe", "words"],
        ["stance", "--data", str(tmp_path), "--topic-folds", "--folds", "1"],
    ):
        result = runner.invoke(eval_app, arguments)
        assert result.exit_code == 2, (arguments, result.output)
    result = runner.invoke(train_app, ["stance", "--data", str(tmp_path), "--recipe", "words"])
    assert result.exit_code == 2 and "unknown recipe words" in result.output
    result = runner.invoke(train_app, ["stance", "--data", str(tmp_path), "--split", "claims"])
    assert result.exit_code == 2 and "unknown split claims" in result.output
    result = runner.invoke(
        eval_app, ["stance", "--data", str(tmp_path), "--topic-folds", "--sample-topics", "2"]
    )
    assert result.exit_code == 2
