"""The Ukrainian hybrid NER's span re-typer: its features, its labels, fitting, saving and
re-typing.

The sentence is written for these tests; the e5 "states" are made-up rows (one per word-sized
piece) so that the tests need no encoder: what is tested is the re-typer's own logic, not e5.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from parallax.nlp.e5_states import Pieces
from parallax.nlp.ner_retype import (
    DROP,
    RetypeRecipe,
    candidates,
    fit_retyper,
    is_retyper,
    load_retyper,
    morphology_features,
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


def test_lemma_features_read_places_and_people_s_names() -> None:
    pytest.importorskip("pymorphy3_dicts_uk")
    text = "Сергій Паращенко поїхав до Луганської області ."
    starts = np.array([m.start() for m in re.finditer(r"\S+", text)])
    ends = np.array([m.end() for m in re.finditer(r"\S+", text)])
    rows = np.zeros((len(starts), WIDTH), dtype=np.float32)
    place = (text.index("Луганської"), len(text) - 2, "PERS")
    _, sparse = span_features(text, place, [], [], starts, ends, rows, lexicon=True)
    assert sparse["gz=region"] == 1.0 and not any(k.startswith("nm=") for k in sparse)
    _, sparse = span_features(text, (0, 16, "LOC"), [], [], starts, ends, rows, lexicon=True)
    assert sparse["nm=Name"] == 1.0 and sparse["nm=all"] == 1.0 and "gz=country" not in sparse
    _, plain = span_features(text, place, [], [], starts, ends, rows)
    assert not any(k.startswith(("gz", "nm=")) for k in plain)


def test_candidates_add_each_model_s_own_boundaries_once() -> None:
    hybrid = [_span("Зоря", "ORG")]
    cnn = [_span("ТОВ «Зоря»", "ORG"), _span("Сергія", "PERS")]
    crf = [_span("Зоря", "ORG"), _span("Сергія", "PERS")]
    found = candidates(TEXT, hybrid, cnn, crf, alternatives=True)
    assert found[0] == (_span("Зоря", "ORG"), False)
    assert (_span("ТОВ «Зоря»", "ORG"), True) in found
    assert [s for s, alt in found if alt].count(_span("Сергія", "PERS")) == 1
    assert candidates(TEXT, hybrid, cnn, crf, alternatives=False) == [(hybrid[0], False)]


def test_retype_chooses_the_likelier_of_overlapping_boundaries() -> None:
    """An alternative span the models found is kept over the hybrid's overlapping one when its
    label is the more probable; the plain recipe never looks at alternatives."""
    rng = np.random.default_rng(3)
    examples = []
    for i in range(240):
        alternative = i % 2 == 0
        sparse = {"hy=ORG": 1.0, **({"alt": 1.0, "alt=ORG": 1.0} if alternative else {})}
        label = "ORG" if alternative else DROP
        examples.append((rng.normal(size=5 * WIDTH).astype(np.float32), sparse, label))
    examples += [e for e in _examples(80) if e[2] in ("PERS", "LOC")]  # a multinomial model
    text = "Учора ТОВ «Зоря» мовчало ."
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]
    pieces = Pieces([0] * len(words), [a for a, _ in words], [b for _, b in words])
    rows = np.zeros((len(words), WIDTH), dtype=np.float32)
    short, full = (11, 15, "ORG"), (6, 16, "ORG")
    retyper = fit_retyper(examples, RetypeRecipe(c=1.0, dense_weight=0.1))
    assert retyper.retype(text, [short], [full], [short], (pieces, rows)) == [full]
    plain = fit_retyper(examples, RetypeRecipe(c=1.0, dense_weight=0.1, alternatives=False))
    assert plain.retype(text, [short], [full], [short], (pieces, rows)) == []


def test_a_retyper_saved_before_the_lemma_features_loads_as_it_was_fitted(
    tmp_path: Path,
) -> None:
    retyper = fit_retyper(_examples(80), RetypeRecipe(c=1.0, dense_weight=0.1))
    save_retyper(retyper, tmp_path)
    kept = json.loads((tmp_path / "retype.json").read_text(encoding="utf-8"))
    kept["recipe"] = {"c": 1.0, "dense_weight": 0.1, "context": 6, "iterations": 500}  # 1.3.0's
    (tmp_path / "retype.json").write_text(json.dumps(kept), encoding="utf-8")
    old = load_retyper(tmp_path).recipe
    assert (old.lexicon, old.alternatives, old.drop_bias) == (False, False, 0.0)
    assert (old.morphology, old.document) == (False, False)
    kept["recipe"] |= {"lexicon": True, "alternatives": True, "drop_bias": -0.25}  # 1.4.0's
    (tmp_path / "retype.json").write_text(json.dumps(kept), encoding="utf-8")
    old = load_retyper(tmp_path).recipe
    assert (old.lexicon, old.alternatives) == (True, True)
    assert (old.morphology, old.document, old.propagate) == (False, False, False)
    kept["recipe"] |= {"morphology": True, "document": True, "propagate": True}  # 1.5.0's
    (tmp_path / "retype.json").write_text(json.dumps(kept), encoding="utf-8")
    assert not load_retyper(tmp_path).recipe.pieces
    assert RetypeRecipe().alternatives and RetypeRecipe().lexicon
    assert RetypeRecipe().morphology and RetypeRecipe().document and RetypeRecipe().propagate
    assert RetypeRecipe().pieces


def test_morphology_features_read_the_last_word() -> None:
    pytest.importorskip("pymorphy3_dicts_uk")
    place = morphology_features("у Збаражі")
    assert place["ml=loct"] == 1.0 and place["ml=inan"] == 1.0 and place["mlknown"] == 1.0
    assert "ml=anim" not in place
    assert morphology_features("Сергія Паращенка")["ml=anim"] == 1.0
    assert morphology_features("2024") == {}


def test_a_retyper_with_pieces_decides_on_the_places_inside_a_place_s_span() -> None:
    """With the recipe's ``pieces``, the places inside a place's span that runs two together
    are candidates too, marked ``piece``, and the span itself carries ``coord=``: a re-typer
    that learnt to drop such spans and keep their pieces returns the two places; without
    ``pieces`` the whole stays, and an organisation's span is never cut."""
    rng = np.random.default_rng(5)
    examples = []
    for i in range(240):
        piece = i % 2 == 0
        sparse = {"hy=LOC": 1.0, **({"piece": 1.0} if piece else {"coord=2": 1.0})}
        label = "LOC" if piece else DROP
        examples.append((rng.normal(size=5 * WIDTH).astype(np.float32), sparse, label))
    examples += [e for e in _examples(80) if e[2] in ("PERS", "ORG")]
    text = "Він жив у Рашків Чернівецької області до війни ."
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]
    pieces = Pieces([0] * len(words), [a for a, _ in words], [b for _, b in words])
    rows = np.zeros((len(words), WIDTH), dtype=np.float32)
    whole = (text.index("Рашків"), text.index(" до"), "LOC")
    recipe = RetypeRecipe(c=1.0, dense_weight=0.1, document=False, propagate=False)
    assert recipe.pieces
    found = fit_retyper(examples, recipe).retype(text, [whole], [], [], (pieces, rows))
    assert [text[a:b] for a, b, _ in found] == ["Рашків", "Чернівецької області"]
    plain = replace(recipe, pieces=False)
    assert fit_retyper(examples, plain).retype(text, [whole], [], [], (pieces, rows)) == [whole]
    organisation = (whole[0], whole[1], "ORG")
    retyper = fit_retyper(examples, recipe)
    assert all(
        (a, b) == whole[:2]
        for a, b, _ in retyper.retype(text, [organisation], [], [], (pieces, rows))
    )
