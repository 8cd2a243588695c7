"""The CRF technique tagger and span classifier fitted on a small PTC folder, and their
grouped cross-validation (``parallax eval propaganda --folds``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import parallax.cli.evaluate_compare  # noqa: F401  (adds eval propaganda)
from parallax.cli.evaluate import app as eval_app
from parallax.datasets.ptc import read_ptc
from parallax.models.techniques import TAGGER_FILE, detect_spans, load_propaganda_model
from parallax.training.techniques import fit_models
from parallax.training.techniques_cv import cross_validate_propaganda

CHARGED = "These corrupt traitors want to destroy our great nation."
PLAIN = "The committee met on Tuesday to discuss the budget."
SLOGAN = "Make America great again!"
DOUBT = "Can anyone still trust these officials?"


def write_ptc(folder: Path, articles: int) -> Path:
    """Write ``articles`` small articles: a charged sentence (Loaded_Language on "corrupt
    traitors"), a plain one, a slogan (Slogans) and a question (Doubt)."""
    (folder / "articles").mkdir(parents=True)
    labels = []
    for number in range(articles):
        text = f"Report {number}\n\n{CHARGED}\n\n{PLAIN}\n\n{SLOGAN}\n\n{DOUBT}\n"
        (folder / "articles" / f"article{number}.txt").write_text(text, encoding="utf-8")
        start = text.index("corrupt traitors")
        labels.append(f"{number}\tLoaded_Language\t{start}\t{start + len('corrupt traitors')}")
        start = text.index(SLOGAN)
        labels.append(f"{number}\tSlogans\t{start}\t{start + len(SLOGAN)}")
        start = text.index(DOUBT)
        labels.append(f"{number}\tDoubt\t{start}\t{start + len(DOUBT)}")
    (folder / "train-task2-TC.labels").write_text("\n".join(labels) + "\n", encoding="utf-8")
    return folder


def test_fitted_crf_marks_the_charged_words_only(tmp_path: Path) -> None:
    articles = read_ptc(write_ptc(tmp_path / "ptc", 6))
    fit_models(articles, tmp_path / "model", {"seed": 1}, seed=1)
    assert (tmp_path / "model" / TAGGER_FILE).stat().st_size > 0
    model = load_propaganda_model(tmp_path / "model")
    text = articles[0].text
    flagged = [text[s.start : s.end] for s in detect_spans(text, model=model)]
    assert any("traitors" in span for span in flagged)
    assert not any("committee" in span for span in flagged)


def test_cross_validation_scores_every_training_article_once(tmp_path: Path) -> None:
    folder = write_ptc(tmp_path / "ptc", 10)
    metrics = cross_validate_propaganda(folder, folds=2, seed=3)
    # 10 articles, 2 held out by the seed, 8 cross-validated: 3 spans each
    assert metrics["folds"] == 2 and metrics["articles"] == 8 and metrics["spans"] == 24
    assert metrics["tc_micro_f1"] == 1.0
    assert metrics["si_f1"] > 0.5
    with pytest.raises(ValueError, match="two folds"):
        cross_validate_propaganda(folder, folds=1)


def test_eval_propaganda_folds_option(tmp_path: Path) -> None:
    folder = write_ptc(tmp_path / "ptc", 10)
    result = CliRunner().invoke(
        eval_app, ["propaganda", "--data", str(folder), "--folds", "2", "--json"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["folds"] == 2
