"""Pair similarity per language pair (``parallax eval similarity --languages``)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
import pytest

from parallax.cli import app
from parallax.crosslingual import load_calibration
from parallax.datasets.semeval_similarity import read_language_pairs
from parallax.errors import ConfigError
from parallax.eval.similarity_languages import (
    evaluate_similarity_languages,
    halves,
    selected_keys,
)
from parallax.training.similarity_calibration import fit_pairs, predict

COLUMNS = ["pair_id", "lang1", "lang2", "text1", "text2", "Overall"]
QUAKE_EN = "Earthquake strikes northern Chile near Iquique, tsunami warning issued for the coast"
QUAKE_DE = "Erdbeben erschüttert den Norden Chiles bei Iquique, Tsunamiwarnung für die Küste"
QUAKE_RU = "Землетрясение на севере Чили у Икике, для побережья объявлена угроза цунами"
RATES_EN = "Central bank raises interest rates for the third time this year"
RATES_DE = "Zentralbank erhöht die Leitzinsen zum dritten Mal in diesem Jahr"
CUP_RU = "Футбольный клуб выиграл финал кубка страны в серии пенальти"


def write_pairs(path: Path) -> Path:
    rows = [
        ("1_2", "en", "en", QUAKE_EN, "Iquique earthquake in Chile brings a tsunami warning", 1.0),
        ("1_3", "en", "en", QUAKE_EN, RATES_EN, 4.0),
        ("4_5", "de", "en", QUAKE_DE, QUAKE_EN, 1.0),
        ("4_6", "de", "en", QUAKE_DE, RATES_EN, 4.0),
        ("7_8", "de", "en", RATES_DE, RATES_EN, 1.2),
        ("9_10", "ru", "ru", QUAKE_RU, CUP_RU, 4.0),
        ("9_11", "ru", "en", QUAKE_RU, QUAKE_EN, 1.0),
        ("12_13", "ru", "en", CUP_RU, RATES_EN, 3.8),
    ]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        writer.writerows(rows)
    return path


def test_languages_name_pairs_in_either_order() -> None:
    assert selected_keys("all") is None
    assert selected_keys("en,zh-en,DE-en,ru") == ["en-en", "en-zh", "de-en", "ru-ru"]
    with pytest.raises(ConfigError):
        selected_keys("de-en-fr")


def test_pairs_sharing_an_article_fall_in_one_half(tmp_path: Path) -> None:
    pairs = read_language_pairs(write_pairs(tmp_path / "pairs.csv"))
    side = dict(zip([p.pair_id for p in pairs], halves(pairs), strict=True))
    assert side["1_2"] == side["1_3"]
    assert side["4_5"] == side["4_6"]
    assert side["9_10"] == side["9_11"]


def test_each_pair_gets_its_line_shrunk_towards_the_pool() -> None:
    rng = np.random.default_rng(3)
    x = rng.uniform(0.7, 0.95, size=(200, 1))
    keys = ["de-en"] * 100 + ["en-en"] * 100
    y = np.where(np.array(keys) == "de-en", 10 * x[:, 0] - 5, 10 * x[:, 0] - 6)
    fit = fit_pairs(x, y, keys, shrinkage=0.0)
    assert fit["pairs"]["de-en"] == pytest.approx([-5.0, 10.0])
    assert fit["pairs"]["en-en"] == pytest.approx([-6.0, 10.0])
    assert predict(fit, np.array([[0.9]]), ["en-zh"])[0] == pytest.approx(4.0)  # pooled cross
    shrunk = fit_pairs(x, y, keys, shrinkage=100.0)
    assert shrunk["pairs"]["de-en"][0] == pytest.approx(-5.0)  # its pool is itself alone
    assert shrunk["counts"] == {"de-en": 100, "en-en": 100}


def test_the_packaged_calibration_puts_cross_language_pairs_lower_on_the_e5_scale() -> None:
    calibration = load_calibration("e5")
    # the same e5 cosine means more across languages, whose cosines run lower
    assert calibration.similarity([0.85], "de", "en") > calibration.similarity([0.85], "en", "en")
    assert calibration.coefficients("uk", "en") == calibration.coefficients("ru", "en")
    assert calibration.coefficients("uk", "uk") == calibration.coefficients("ru", "ru")
    assert calibration.coefficients("uk", "ru") == calibration.cross  # two languages still
    assert calibration.target(4.0, "cosine") > calibration.target(1.0, "cosine")


def test_per_pair_and_overall_figures_with_e5(tmp_path: Path) -> None:
    path = write_pairs(tmp_path / "pairs.csv")
    scores = evaluate_similarity_languages(path, languages="all", embedder="e5", cache=tmp_path)
    assert scores["pairs"] == 8.0
    assert scores["pairs_de-en"] == 3.0 and scores["pairs_en-ru"] == 2.0
    assert scores["pearson_de-en"] > 0.8
    assert scores["pearson"] > 0.8 and scores["pearson_across"] > 0.8
    assert {"pearson_raw", "pearson_cv", "pearson_across_cv"} <= set(scores)
    assert list(tmp_path.glob("vectors-*.npy"))  # the vectors were cached
    only = evaluate_similarity_languages(path, languages="de-en", embedder="e5", cache=tmp_path)
    assert only["pairs"] == 3.0 and only["pearson"] == pytest.approx(scores["pearson_de-en"])


def test_the_command_prints_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from typer.testing import CliRunner

    path = write_pairs(tmp_path / "pairs.csv")
    args = ["eval", "similarity", "--data", str(path), "--languages", "en", "--embedder", "minilm"]
    result = CliRunner().invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)
    assert scores["pairs"] == 2.0 and scores["pearson_en-en"] == pytest.approx(1.0)
