"""Pair similarity against SemEval-2022 Task 8 ratings."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from parallax.datasets.semeval_similarity import read_pairs
from parallax.errors import InputError
from parallax.eval.similarity import evaluate_similarity, pearson

COLUMNS = ["pair_id", "lang1", "lang2", "text1", "text2", "Overall"]


def test_pearson_on_hand_computed_series() -> None:
    assert pearson([1, 2, 3], [2, 4, 6]) == pytest.approx(1.0)
    assert pearson([1, 2, 3], [3, 2, 1]) == pytest.approx(-1.0)
    # x = 1,2,3,4 and y = 1,3,2,4: cov 1.0, var x 1.25, var y 1.25 -> r = 0.8
    assert pearson([1, 2, 3, 4], [1, 3, 2, 4]) == pytest.approx(0.8)
    assert pearson([1, 1, 1], [1, 2, 3]) == 0.0


def _write_pairs(path: Path) -> None:
    quake = "Earthquake strikes northern Chile near Iquique, tsunami warning issued"
    rows = [
        ("p1", "en", "en", quake, "Iquique earthquake in Chile brings a tsunami warning", 1.0),
        ("p2", "en", "en", quake, "Chile earthquake aftershocks near Iquique", 2.0),
        ("p3", "en", "en", quake, "Central bank raises interest rates", 4.0),
        ("p4", "en", "en", "Bank raises rates again", "Football club wins the cup final", 4.0),
        ("p5", "de", "de", "Erdbeben in Chile", "Erdbeben in Chile", 1.0),
    ]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        writer.writerows(rows)


def test_read_pairs_keeps_one_language_pair(tmp_path: Path) -> None:
    path = tmp_path / "pairs.csv"
    _write_pairs(path)
    assert [pair_id for pair_id, *_ in read_pairs(path)] == ["p1", "p2", "p3", "p4"]
    assert [pair_id for pair_id, *_ in read_pairs(path, languages=("de", "de"))] == ["p5"]
    with pytest.raises(InputError):
        read_pairs(tmp_path / "absent.csv")


def test_similar_pairs_score_higher_on_tfidf_alone(tmp_path: Path) -> None:
    path = tmp_path / "pairs.csv"
    _write_pairs(path)
    scores = evaluate_similarity(path, embedder="tfidf")
    assert scores["pairs"] == 4.0
    (tmp_path / "training_set.csv").write_bytes(path.read_bytes())
    assert evaluate_similarity(tmp_path, embedder="tfidf") == scores
    assert scores["pearson"] > 0.8
    assert scores["pearson"] == scores["pearson_text"]
    assert scores["pearson_overall"] == pytest.approx(-scores["pearson"])
    assert "pearson_embedding" not in scores


def test_the_default_scores_with_the_products_embedder(tmp_path: Path) -> None:
    path = tmp_path / "pairs.csv"
    _write_pairs(path)
    scores = evaluate_similarity(path)
    assert {"pearson_embedding", "pearson_grouping"} <= set(scores)
    assert scores["pearson"] > 0.8 and scores["pearson_embedding"] > 0.8
    assert scores["pearson"] != scores["pearson_text"]
