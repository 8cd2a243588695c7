"""The omission decision on Cherry: the scorer, the decision through compare_story, the CLI."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from parallax.cli import app
from parallax.eval.omission import binary_scores, evaluate_omission, event_day, event_omissions
from parallax.model import Claim
from tests.conftest import SHARED_DATA
from tests.datasets.test_cherry import write_split

CLAIM = "The ministry said on Monday that 40 people were killed in the attack in Kherson."
ECHOES = (
    "Forty people were killed in Monday's attack in Kherson, the ministry said.",
    "Officials said 40 people died when the attack hit Kherson on Monday.",
)
ASIDE = "The mayor, who was elected in 2019, once worked as a teacher in a village school."
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


def _claims(text: str, number: int) -> list[Claim]:
    return [Claim(f"s{number}", 0, len(text), text, 0.9, "test")]


def test_what_many_outlets_repeat_is_omitted_and_an_aside_is_not() -> None:
    day = date(2020, 10, 22)
    statements = [CLAIM, *ECHOES, ASIDE]
    claims = [_claims(text, i) for i, text in enumerate(statements)]
    assert event_omissions(statements, claims, day) == [True, True, True, False]
    # A statement that is no claim is in no claim group: nothing to omit.
    claims[0] = []
    assert event_omissions(statements, claims, day)[0] is False


def test_the_command_scores_each_split(tmp_path: Path) -> None:
    rows = [(text, "ctx", "1") for text in (CLAIM, *ECHOES)] + [(TALK, "ctx", "0")]
    write_split(tmp_path / "val.csv", rows)
    scores = evaluate_omission(tmp_path)
    assert scores["val_items"] == 4
    assert scores["val_f1"] == pytest.approx(1.0)
    assert scores["val_accuracy"] == pytest.approx(1.0)
    assert scores["val_all_positive_f1"] == pytest.approx(6 / 7)
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
