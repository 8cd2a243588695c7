"""The omission decision on Cherry: the scorer, the decision through compare_story, the CLI."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from parallax.cli import app
from parallax.eval.omission import binary_scores, evaluate_omission, event_day, would_omit
from parallax.model import Claim
from tests.conftest import SHARED_DATA
from tests.datasets.test_cherry import write_split

CLAIM = "The ministry said on Monday that 40 people were killed in the attack in Kherson."
TALK = "Really?"


def test_binary_scores_on_a_known_confusion() -> None:
    scores = binary_scores([True, True, False, False], [True, False, True, False])
    assert scores["precision"] == scores["recall"] == scores["f1"] == 0.5
    assert scores["accuracy"] == 0.5
    assert binary_scores([True], [False])["f1"] == 0.0


def test_event_day() -> None:
    assert event_day("2020_10_22_1") == date(2020, 10, 22)
    assert event_day("020_08_20_16") == date(20, 8, 20)
    assert event_day("unknown") is None


def test_a_statement_with_a_claim_is_omitted_and_one_without_is_not() -> None:
    day = date(2020, 10, 22)
    claim = Claim("reporter", 0, len(CLAIM), CLAIM, 0.9, "test")
    assert would_omit(CLAIM, [claim], day)
    assert not would_omit(CLAIM, [], day)


def test_the_command_scores_each_split(tmp_path: Path) -> None:
    write_split(tmp_path / "val.csv", [(CLAIM, "ctx", "1"), (TALK, "ctx", "0")])
    scores = evaluate_omission(tmp_path)
    assert scores["val_items"] == 2
    assert scores["val_f1"] == pytest.approx(1.0)
    assert scores["val_accuracy"] == pytest.approx(1.0)
    assert scores["val_all_positive_f1"] == pytest.approx(2 / 3)
    result = CliRunner().invoke(app, ["eval", "omission", "--data", str(tmp_path), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["val_f1"] == pytest.approx(1.0)


CHERRY_VAL = SHARED_DATA / "comparison" / "cherry-omission" / "val.csv"


@pytest.mark.shared_data
@pytest.mark.skipif(not CHERRY_VAL.is_file(), reason="shared data (Cherry) is not present")
def test_the_first_rows_of_cherry_val(tmp_path: Path) -> None:
    lines = CHERRY_VAL.read_text(encoding="utf-8").splitlines(keepends=True)
    (tmp_path / "val.csv").write_text("".join(lines[:21]), encoding="utf-8")
    scores = evaluate_omission(tmp_path)
    assert scores["val_items"] == 20
    assert scores["val_positives"] > 0
