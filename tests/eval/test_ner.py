"""``parallax eval ner --format factru``: the reader's gold spans and strict-match scores.

The small document below is written for this test in factRuEval-2016's layout; the shared-data
test reads three documents of the real devset.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from parallax.cli import app
from parallax.datasets.factru import GoldEntity, read_factru
from parallax.eval.ner import evaluate_ner, score_spans
from tests.conftest import SHARED_DATA

TEXT = "Мэр Москвы Сергей Собянин посетил ОАО «Газпром»."
# "мэр Москвы" is an organisation mention whose only name is a location's: no span of its own.
SPANS = """\
1 org_descr 0 3 10 1  # 10 Мэр
2 loc_name 4 6 11 1  # 11 Москвы
3 name 11 6 12 1  # 12 Сергей
4 surname 18 7 13 1  # 13 Собянин
5 org_descr 34 3 15 1  # 15 ОАО
6 org_name 39 7 17 1  # 17 Газпром
"""
OBJECTS = """\
20 Org 1 2 # Мэр Москвы
21 LocOrg 2 # Москвы
22 Person 3 4 # Сергей Собянин
23 Org 5 6 # ОАО Газпром
"""


def _write(folder: Path) -> None:
    (folder / "book_1.txt").write_text(TEXT, encoding="utf-8")
    (folder / "book_1.spans").write_text(SPANS, encoding="utf-8")
    (folder / "book_1.objects").write_text(OBJECTS, encoding="utf-8")


def test_gold_spans_are_each_objects_own_names(tmp_path: Path) -> None:
    _write(tmp_path)
    [document] = read_factru(tmp_path)
    assert [(TEXT[e.start : e.end], e.type) for e in document.entities] == [
        ("Москвы", "LOC"), ("Сергей Собянин", "PER"), ("Газпром", "ORG"),
    ]  # fmt: skip
    assert document.entities[0] == GoldEntity(4, 10, "LOC")


def test_scores_count_only_exact_spans_of_the_same_type() -> None:
    gold = {(0, 5, "PER"), (10, 15, "LOC"), (20, 25, "ORG")}
    predicted = {(0, 5, "PER"), (10, 14, "LOC"), (20, 25, "LOC")}
    scores = score_spans([(gold, predicted)])
    assert (scores["per_p"], scores["per_r"], scores["per_f1"]) == (1.0, 1.0, 1.0)
    assert (scores["loc_p"], scores["loc_r"]) == (0.0, 0.0)
    assert scores["org_r"] == 0.0
    assert scores["micro_p"] == pytest.approx(1 / 3)
    assert scores["micro_gold"] == 3


def test_the_russian_stage_is_scored_on_every_document(tmp_path: Path) -> None:
    _write(tmp_path)
    scores = evaluate_ner(tmp_path)
    assert scores["documents"] == 1
    assert scores["per_f1"] == 1.0  # "Сергей Собянин"
    assert scores["org_f1"] == 1.0  # "Газпром", the legal form left out as the gold does
    assert scores["loc_f1"] == 1.0


def test_the_command_prints_the_scores_and_refuses_an_unknown_format(tmp_path: Path) -> None:
    _write(tmp_path)
    runner = CliRunner()
    shown = runner.invoke(app, ["eval", "ner", "--format", "factru", "--data", str(tmp_path)])
    assert shown.exit_code == 0, shown.output
    assert "per_f1: 1.0000" in shown.output
    refused = runner.invoke(app, ["eval", "ner", "--format", "conll", "--data", str(tmp_path)])
    assert refused.exit_code != 0
    empty = runner.invoke(app, ["eval", "ner", "--data", str(tmp_path / "none")])
    assert empty.exit_code != 0


FACTRU = SHARED_DATA / "multilingual" / "factRuEval-2016" / "devset"


@pytest.mark.shared_data
@pytest.mark.skipif(not FACTRU.is_dir(), reason="shared data (factRuEval-2016) is not present")
def test_factru_devset_sample(tmp_path: Path) -> None:
    for name in ("book_100", "book_105", "book_115"):
        for suffix in (".txt", ".spans", ".objects"):
            (tmp_path / f"{name}{suffix}").symlink_to(FACTRU / f"{name}{suffix}")
    documents = read_factru(tmp_path)
    first = documents[0]
    assert ("Юрия Лужкова", "PER") in {
        (first.text[e.start : e.end], e.type) for e in first.entities
    }
    scores = evaluate_ner(tmp_path)
    assert scores["documents"] == 3
    assert scores["per_f1"] > 0.8
