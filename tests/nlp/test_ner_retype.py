"""The Ukrainian hybrid NER's span re-typer: its features, its labels, fitting, saving and
re-typing.

The sentence is written for these tests; the e5 "states" are made-up rows (one per word-sized
piece) so that the tests need no encoder: what is tested is the re-typer's own logic, not e5.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from parallax.nlp.e5_states import Pieces
from parallax.nlp.ner_retype import (
    DROP,
    RetypeRecipe,
    fit_retyper,
    is_retyper,
    load_retyper,
    save_retyper,
    span_features,
    span_labels,
)

TEXT = "Учора Андалусія прийняла Сергія Паращенка , а ТОВ «Зоря» мовчало ."
WIDTH = 8


def _span(name: str, label: str) -> tuple[int, int, str]:
    start = TEXT.index(name)
    return start, start + len(name), label


def _states(seed: int = 1) -> tuple[Pieces, np.ndarray]:
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", TEXT)]
    rows = np.random.default_rng(seed).normal(size=(len(words), WIDTH)).astype(np.float32)
    return Pieces([0] * len(words), [a for a, _ in words], [b for _, b in words]), rows


def test_features_read_the_span_its_neighbours_and_both_models() -> None:
    pieces, rows = _states()
    span = _span("Сергія Паращенка", "PERS")
    cnn = [_span("Сергія", "LOC")]
    crf = [span]
    dense, sparse = span_features(
        TEXT, span, cnn, crf, np.asarray(pieces.starts), np.asarray(pieces.ends), rows, context=2
    )
    assert dense.shape == (5 * WIDTH,)
    assert np.allclose(dense[:WIDTH], rows[3])  # first piece: "Сергія"
    assert np.allclose(dense[WIDTH : 2 * WIDTH], rows[4])  # last piece: "Паращенка"
    assert np.allclose(dense[3 * WIDTH : 4 * WIDTH], rows[1:3].mean(axis=0))  # two before
    assert sparse["hy=PERS"] == 1.0 and sparse["nw=2"] == 1.0
    assert sparse["crfx=PERS"] == 1.0 and sparse["v2x=none"] == 1.0 and sparse["v2o=LOC"] == 1.0
    assert sparse["prev=прийняла"] == 1.0 and sparse["suf3=нка"] == 1.0
    _, sparse = span_features(
        TEXT, _span("Андалусія", "PERS"), [], [], np.asarray(pieces.starts),
        np.asarray(pieces.ends), rows,
    )  # fmt: skip
    assert sparse["place"] == 0.0 and sparse["prev=учора"] == 1.0  # not a CLDR name
    text = "Вони прилетіли до Праги ."
    starts, ends = np.array([0, 5, 15, 18, 24]), np.array([4, 14, 17, 23, 25])
    _, sparse = span_features(text, (18, 23, "PERS"), [], [], starts, ends, rows[:5])
    assert sparse["place"] == 1.0 and sparse["placeword"] == 1.0  # Prague, in the genitive


def test_labels_are_the_gold_type_of_the_same_boundaries_else_drop() -> None:
    gold = [_span("Андалусія", "LOC"), _span("ТОВ «Зоря»", "ORG")]
    spans = [_span("Андалусія", "PERS"), _span("Зоря", "ORG"), _span("ТОВ «Зоря»", "LOC")]
    assert span_labels(spans, gold) == ["LOC", DROP, "ORG"]


def _examples(n: int) -> list[tuple[np.ndarray, dict[str, float], str]]:
    """Spans whose true label follows the word before them, whatever the hybrid said."""
    rng = np.random.default_rng(7)
    cues = {"місто": "LOC", "пан": "PERS", "компанія": "ORG", "ніби": DROP}
    found = []
    for i in range(n):
        cue, label = list(cues.items())[i % 4]
        sparse = {f"prev={cue}": 1.0, "hy=" + ("PERS", "LOC", "ORG")[i % 3]: 1.0}
        found.append((rng.normal(size=5 * WIDTH).astype(np.float32), sparse, label))
    return found


def test_a_fitted_retyper_relabels_and_drops_and_survives_saving(tmp_path: Path) -> None:
    retyper = fit_retyper(_examples(200), RetypeRecipe(c=1.0, dense_weight=0.1))
    assert set(retyper.classes) == {"PERS", "LOC", "ORG", DROP}
    noise = np.zeros(5 * WIDTH, dtype=np.float32)
    assert retyper.label(noise, {"prev=місто": 1.0, "hy=PERS": 1.0}) == "LOC"
    assert retyper.label(noise, {"prev=ніби": 1.0, "hy=ORG": 1.0}) == DROP
    assert retyper.label(noise, {"prev=unseen": 1.0, "prev=пан": 1.0}) == "PERS"
    save_retyper(retyper, tmp_path / "retype")
    assert is_retyper(tmp_path / "retype") and not is_retyper(tmp_path)
    again = load_retyper(tmp_path / "retype")
    assert again.recipe == retyper.recipe and again.classes == retyper.classes
    for dense, sparse, _ in _examples(20):
        assert again.label(dense, sparse) == retyper.label(dense, sparse)


def test_retype_keeps_the_spans_and_leaves_out_the_dropped() -> None:
    retyper = fit_retyper(_examples(200), RetypeRecipe(c=1.0, dense_weight=0.1))
    text = "Учора місто Андалусія і ніби Зоря ."
    spans = [(12, 21, "PERS"), (29, 33, "ORG")]
    words = [(0, 5), (6, 11), (12, 21), (22, 23), (24, 28), (29, 33), (34, 35)]
    pieces = Pieces([0] * 7, [a for a, _ in words], [b for _, b in words])
    rows = np.zeros((7, WIDTH), dtype=np.float32)
    assert retyper.retype(text, spans, [], [], (pieces, rows)) == [(12, 21, "LOC")]


def test_a_recipe_without_states_is_refused() -> None:
    with pytest.raises(ValueError, match="dense_weight"):
        fit_retyper(_examples(8), RetypeRecipe(dense_weight=0.0))
