"""The fourth, "other name" type of the Ukrainian NER's training data (``other=True``): read from
NER-UK 2.0 (ART, DOC, MISC) and SlavicNER (EVT, PRO), trained on, never output, never scored.

The readers are checked on real documents of the shared data; the models on small files in
NER-UK's layout (a fit on real corpora takes minutes).
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from parallax.cli import app
from parallax.datasets.ner_uk import OTHER, TYPES, named_entities, read_ner_uk, read_slavicner_uk
from parallax.eval.ner_uk import cross_validate_ner_uk
from parallax.nlp.ner_spacy import NerShape, predict_entities
from parallax.training.ner_uk import fit_documents
from tests.conftest import SHARED_DATA

SLAVICNER = SHARED_DATA / "multilingual" / "slavicner"
NER_UK = SHARED_DATA / "multilingual" / "ner-uk"
needs_data = pytest.mark.skipif(
    not (SLAVICNER.is_dir() and NER_UK.is_dir()), reason="shared data (SlavicNER, NER-UK) absent"
)

TEXT = "Журнал « Наші гроші » написав про Brexit .\nМей прибула до Брюсселя ."
# NER-UK's layout: an ART (the magazine's name), a MISC ("Brexit"), a person and a place; the
# DOC overlaps the person and is not kept.
ANN = (
    "T1\tART\t9\t19\tНаші гроші\n"
    "T2\tMISC\t34\t40\tBrexit\n"
    "T3\tPERS\t43\t46\tМей\n"
    "T4\tLOC\t58\t66\tБрюсселя\n"
    "T5\tDOC\t43\t54\tМей прибула\n"
)


def _write(folder: Path, name: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.txt").write_text(TEXT, encoding="utf-8")
    (folder / f"{name}.ann").write_text(ANN, encoding="utf-8")


def _link_slavicner(to: Path, topic: str, stems: list[str]) -> None:
    for kind, suffix in (("raw", ".txt"), ("ner", ".tsv")):
        folder = to / kind / topic / "uk"
        folder.mkdir(parents=True)
        for stem in stems:
            (folder / f"{stem}{suffix}").symlink_to(
                SLAVICNER / kind / topic / "uk" / f"{stem}{suffix}"
            )


def test_ner_uk_keeps_other_names_as_a_fourth_type(tmp_path: Path) -> None:
    _write(tmp_path / "ng", "a1")
    [plain] = read_ner_uk(tmp_path)
    [other] = read_ner_uk(tmp_path, other=True)
    assert [(TEXT[s:e], kind) for s, e, kind in plain.entities] == [
        ("Мей", "PERS"),
        ("Брюсселя", "LOC"),
    ]
    assert [(TEXT[s:e], kind) for s, e, kind in other.entities] == [
        ("Наші гроші", OTHER), ("Brexit", OTHER), ("Мей", "PERS"), ("Брюсселя", "LOC"),
    ]  # fmt: skip
    assert named_entities(other) == plain.entities


@pytest.mark.shared_data
@needs_data
def test_slavicner_s_events_and_products_are_the_fourth_type(tmp_path: Path) -> None:
    # brexit_ua.txt_file_1000: "Brexit" is an event (EVT) and "Twitter" a product (PRO) there
    _link_slavicner(tmp_path, "brexit", ["brexit_ua.txt_file_1000"])
    [plain] = read_slavicner_uk(tmp_path)
    [other] = read_slavicner_uk(tmp_path, other=True)
    names = Counter(other.text[s:e] for s, e, kind in other.entities if kind == OTHER)
    assert names["Brexit"] >= 4 and names["Twitter"] == 1
    assert not any(other.text[s:e] == "Brexit" for s, e, _ in plain.entities)
    assert named_entities(other) == plain.entities


@pytest.mark.shared_data
@needs_data
def test_the_fourth_type_never_overlaps_a_person_place_or_organisation() -> None:
    for documents in (
        read_ner_uk(NER_UK, other=True),
        read_slavicner_uk(
            SLAVICNER, exclude_topics=("us_election_2020", "nord_stream"), other=True
        ),
    ):
        kinds = Counter(kind for d in documents for _, _, kind in d.entities)
        assert kinds[OTHER] > 700  # NER-UK DEV: 830 of ART, DOC, MISC; SlavicNER uk: 1,045 EVT, PRO
        for d in documents:
            named = named_entities(d)
            assert all(kind in TYPES for _, _, kind in named)
            for s, e, kind in d.entities:
                if kind == OTHER:
                    assert not any(a < e and s < b for a, b, _ in named), (d.name, d.text[s:e])


def test_a_model_trained_on_the_fourth_type_never_outputs_it(tmp_path: Path) -> None:
    _write(tmp_path / "ng", "a1")
    documents = read_ner_uk(tmp_path, other=True) * 8
    model: object = fit_documents(documents, shape=NerShape(width=32, embed_size=500, epochs=20))
    raw = {e.label_ for line in TEXT.splitlines() for e in model(line).ents}  # type: ignore[operator]
    assert OTHER in raw  # it learnt the fourth type
    found = predict_entities(model, TEXT)
    assert found and all(label in TYPES for _, _, label in found)


def test_cross_validation_with_other_scores_the_three_types_only(tmp_path: Path) -> None:
    for i in range(4):
        _write(tmp_path / "ng", f"d{i}")
    plain = cross_validate_ner_uk(tmp_path, folds=2)
    other = cross_validate_ner_uk(tmp_path, folds=2, other=True)
    assert other["micro_gold"] == plain["micro_gold"] == 8  # a person and a place a document
    shown = CliRunner().invoke(
        app,
        [
            "eval",
            "ner",
            "--format",
            "ner-uk",
            "--data",
            str(tmp_path),
            "--folds",
            "2",
            "--other",
            "--json",
        ],
    )
    assert shown.exit_code == 0, shown.output
    assert json.loads(shown.output)["micro_gold"] == 8
