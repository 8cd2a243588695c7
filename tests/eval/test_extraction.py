"""The ScrapingHub Article Extraction Benchmark scorer and the extraction evaluation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from parallax.errors import Code, ConfigError, InputError
from parallax.eval.extraction import (
    evaluate_extraction,
    evaluate_predictions,
    match_counts,
    score_texts,
    shingles,
)

ROOT = Path(__file__).resolve().parents[2]
FIXTURE_AEB = ROOT / "tests" / "fixtures" / "html" / "aeb"
# conftest.SHARED_DATA, spelled out so the module imports the same way with or without packages.
SHARED_AEB = ROOT.parent / "shared" / "data" / "article-extraction" / "scrapinghub-aeb"


def test_shingles_are_a_multiset_of_four_token_windows() -> None:
    tokens = ["the", "cat", "sat", "on", "the", "cat", "sat", "on"]
    counts = shingles(tokens)
    assert counts[("the", "cat", "sat", "on")] == 2
    assert sum(counts.values()) == len(tokens) - 3


def test_short_text_is_one_shingle() -> None:
    assert shingles(["hello", "world"]) == {("hello", "world"): 1}
    assert shingles([]) == {}


def test_match_counts_are_normalised_per_document() -> None:
    # truth shingles: abcd, bcde; prediction: abcd, bcdx -> tp 1, fp 1, fn 1.
    assert match_counts("a b c d e", "a b c d x") == pytest.approx((1 / 3, 1 / 3, 1 / 3))
    assert match_counts("a b c d e", "") == (0.0, 0.0, 1.0)


def test_score_of_identical_texts_is_perfect() -> None:
    truth = {"1": "One two three four five.", "2": "Short text"}
    scores = score_texts(truth, {"1": "One two\n three four five", "2": "Short, text!"})
    assert scores == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "accuracy": 1.0, "documents": 2.0}


def test_score_of_a_partial_prediction() -> None:
    scores = score_texts({"1": "a b c d e"}, {"1": "a b c d x"})
    assert scores["precision"] == pytest.approx(0.5)
    assert scores["recall"] == pytest.approx(0.5)
    assert scores["f1"] == pytest.approx(0.5)
    assert scores["accuracy"] == 0.0


def test_empty_prediction_costs_recall_but_has_no_precision() -> None:
    truth = {"1": "a b c d e f", "2": "g h i j k l"}
    scores = score_texts(truth, {"1": "a b c d e f"})  # "2" is missing: an empty prediction
    assert scores["precision"] == 1.0
    assert scores["recall"] == pytest.approx(0.5)
    assert scores["f1"] == pytest.approx(2 * 0.5 / 1.5)
    assert scores["accuracy"] == pytest.approx(0.5)


def test_evaluate_predictions_reads_plain_and_wrapped_files(tmp_path: Path) -> None:
    truth = json.loads((FIXTURE_AEB / "ground-truth.json").read_text(encoding="utf-8"))
    first, *rest = truth
    bodies = {doc_id: {"articleBody": truth[doc_id]["articleBody"]} for doc_id in rest}
    bodies[first] = {"articleBody": None}
    plain = tmp_path / "plain.json"
    plain.write_text(json.dumps(bodies), encoding="utf-8")
    wrapped = tmp_path / "wrapped.json"
    wrapped.write_text(json.dumps({"version": "1", "output": bodies}), encoding="utf-8")
    for path in (plain, wrapped):
        scores = evaluate_predictions(FIXTURE_AEB, path)
        assert scores["precision"] == 1.0
        assert scores["recall"] == pytest.approx(2 / 3)
        assert scores["documents"] == 3.0


@pytest.mark.parametrize("extractor", ["html", "parallax", "trafilatura"])
def test_evaluate_extraction_on_the_fixture_pages(extractor: str) -> None:
    scores = evaluate_extraction(FIXTURE_AEB, extractor=extractor)
    assert scores["documents"] == 3.0
    # Two of the three pages come out exactly; the third has a table layout.
    assert scores["accuracy"] >= 2 / 3 - 1e-9
    assert scores["f1"] > 0.98


def test_unknown_extractor_is_a_config_error() -> None:
    with pytest.raises(ConfigError) as caught:
        evaluate_extraction(FIXTURE_AEB, extractor="readability")
    assert caught.value.code == Code.CONFIG
    assert "known: html, parallax, trafilatura" in caught.value.reason


def test_missing_ground_truth_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        evaluate_extraction(tmp_path, extractor="html")
    assert caught.value.code == Code.NOT_FOUND


def test_missing_page_is_an_input_error(tmp_path: Path) -> None:
    (tmp_path / "ground-truth.json").write_text(
        json.dumps({"abc": {"articleBody": "text", "url": "https://example.org/"}}),
        encoding="utf-8",
    )
    with pytest.raises(InputError) as caught:
        evaluate_extraction(tmp_path, extractor="html")
    assert caught.value.code == Code.NOT_FOUND


# Published figures: trafilatura 2.0 on the benchmark's current leaderboard; readability and
# html-text from its README (2019); goose3 from the leaderboard. goose3 returns nothing on six
# pages, so it checks that precision is averaged only where a prediction exists.
PUBLISHED = [
    ("trafilatura.json", 0.958, 0.938, 0.978),
    ("readability.json", 0.922, 0.913, 0.931),
    ("html-text.json", 0.665, 0.500, 0.994),
    ("goose3.json", 0.896, 0.940, 0.856),
]


@pytest.mark.shared_data
@pytest.mark.parametrize(("name", "f1", "precision", "recall"), PUBLISHED)
def test_scorer_reproduces_published_figures(
    name: str, f1: float, precision: float, recall: float
) -> None:
    if not (SHARED_AEB / "ground-truth.json").is_file():
        pytest.skip(f"the benchmark data is not at {SHARED_AEB}")
    scores = evaluate_predictions(SHARED_AEB, SHARED_AEB / "reference-outputs" / name)
    assert scores["documents"] == 181.0
    assert scores["f1"] == pytest.approx(f1, abs=0.005)
    assert scores["precision"] == pytest.approx(precision, abs=0.005)
    assert scores["recall"] == pytest.approx(recall, abs=0.005)
