"""The ru/uk manipulation-technique model: its features, a small model trained on posts written
here, and where the product finds the model (an environment variable, the extra, or nowhere)."""

from __future__ import annotations

from pathlib import Path

import pytest

from parallax.datasets.unlp import UnlpPost
from parallax.models import techniques_unlp
from parallax.models.techniques_unlp import (
    ENV_VARIABLE,
    char_grams,
    load_unlp_model,
    read_unlp_model,
    tfidf_row,
    unlp_model_path,
    unlp_model_version,
)

LOADED = [
    "Рашисти знову обстріляли місто, русня тікає як щури.",
    "Орки та рашисти гатять по Херсону, русня не вгамовується.",
    "Русня знову бреше, рашисти вбивають цивільних.",
    "Эти орки снова врут, русня позорится на весь мир.",
    "Рашисти та орки отримали по зубах, русня плаче.",
    "Русня опять обстреляла город, рашисты звери.",
]
PLAIN = [
    "У Києві сьогодні сонячно, температура до плюс двадцяти.",
    "Засідання уряду перенесли на четвер через відрядження.",
    "В Москве открылась выставка современной живописи.",
    "Міністерство оприлюднило звіт про бюджет за квартал.",
    "Поезд прибыл на станцию по расписанию в девять утра.",
    "Мешканців просять економити електроенергію ввечері.",
]


def tiny_posts() -> list[UnlpPost]:
    """Twelve posts from four channels: six with loaded language, six without."""
    posts = []
    for number, text in enumerate(LOADED + PLAIN):
        techniques = ("loaded_language",) if text in LOADED else ()
        signed = f"{text}\n@channel{number % 4}"
        posts.append(UnlpPost(f"p{number:02d}", signed, "uk", techniques, ()))
    return posts


def train_tiny(folder: Path) -> Path:
    """Fit and write a model on :func:`tiny_posts` into ``folder``; return it."""
    from parallax.training.techniques_unlp import fit_model, write_model

    write_model(fit_model(tiny_posts(), seed=13), folder, {"train_posts": []})
    return folder


def test_char_grams_match_scikit_learn_char_wb() -> None:
    from sklearn.feature_extraction.text import CountVectorizer

    text = "Русня ТІКАЄ, я б так! Ok"
    vectoriser = CountVectorizer(analyzer="char_wb", ngram_range=(2, 5), lowercase=True)
    expected: dict[str, int] = {}
    for gram in vectoriser.build_analyzer()(text):
        expected[gram] = expected.get(gram, 0) + 1
    assert dict(char_grams(text)) == expected


def test_tfidf_rows_are_unit_length_and_skip_unknown_grams() -> None:
    row = tfidf_row("русня тікає", {" р": 1.5, "ня ": 2.0, "xyz": 1.0})
    assert set(row) == {" р", "ня "}
    assert sum(value * value for value in row.values()) == pytest.approx(1.0)
    assert tfidf_row("", {" р": 1.0}) == {}


def test_a_small_model_finds_loaded_language(tmp_path: Path) -> None:
    model = read_unlp_model(train_tiny(tmp_path))
    assert len(model.classifier.classes) == 10
    found = model.predict(["Русня та рашисти знову тікають.", "Засідання уряду в четвер."])
    assert [label for label, _ in found[0]] == ["loaded_language"]
    assert found[1] == []


def test_a_folder_without_the_vectoriser_is_refused(tmp_path: Path) -> None:
    from parallax.errors import ConfigError

    with pytest.raises(ConfigError, match="train techniques-unlp"):
        read_unlp_model(tmp_path)


def test_the_environment_variable_names_the_model(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = train_tiny(tmp_path / "model")
    monkeypatch.setenv(ENV_VARIABLE, str(folder))
    assert unlp_model_path() == folder
    loaded = load_unlp_model()
    assert loaded is not None and loaded.classifier.classes[7] == "loaded_language"
    assert unlp_model_version().startswith("parallax.techniques.unlp-tfidf.v1:")


def test_without_the_extra_there_is_no_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_VARIABLE, raising=False)
    monkeypatch.setattr(techniques_unlp, "EXTRA_PACKAGE", "parallax_no_such_extra")
    assert unlp_model_path() is None
    assert load_unlp_model() is None
    assert unlp_model_version() == "unlp:none"
