"""Framing of Russian and Ukrainian articles: the ru/uk technique model when it is installed, a
"not available" note when it is not, and never the English models."""

from __future__ import annotations

from pathlib import Path

import pytest

from parallax.codec.comparison import _outlet, _outlet_to_dict
from parallax.compare import framing
from parallax.compare.framing import FramingBuilder, framing_version, text_findings
from parallax.compare.framing_ru_uk import sentences_ru_uk
from parallax.comparison import OutletComparison, Sourcing
from parallax.model import Article
from parallax.models import techniques_unlp
from parallax.models.techniques_unlp import ENV_VARIABLE, NOT_AVAILABLE
from parallax.stages.framing import findings_from_json, findings_json
from tests.models.test_techniques_unlp import train_tiny

TEXT = (
    "У Києві сьогодні сонячно. Русня та рашисти знову обстріляли місто. "
    "Засідання уряду перенесли на четвер."
)


def article(language: str | None) -> Article:
    return Article("a1", "s", "text", TEXT, TEXT, (), (), "h", outlet="Ex", language=language)


@pytest.fixture
def no_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_VARIABLE, raising=False)
    monkeypatch.setattr(techniques_unlp, "EXTRA_PACKAGE", "parallax_no_such_extra")
    text_findings.cache_clear()


def test_without_the_model_the_framing_says_not_available(no_model: None) -> None:
    def english(_: str) -> list[object]:
        raise AssertionError("an English model read a Ukrainian text")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(framing, "find_techniques", english)
        patch.setattr(framing, "score_biases", english)
        found = text_findings(TEXT, "uk")
        builder = FramingBuilder("Ex", ())
        builder.add(article("uk"), ())
    assert found.notes == (NOT_AVAILABLE,)
    assert (found.terms, found.techniques, found.biased) == ((), (), ())
    built = builder.build()
    assert built.notes == (NOT_AVAILABLE,) and "not available" in built.notes[0]
    assert "unlp:none" in framing_version()


def _column(builder: FramingBuilder) -> OutletComparison:
    """An outlet's column holding nothing but the framing ``builder`` gathered."""
    return OutletComparison(
        "Ex", ("a1",), (None, None), (), (), (), (), (), Sourcing(0, 0, 0, 0, 0),
        builder.build(), None,
    )  # fmt: skip


def test_notes_survive_the_store_and_the_codec(no_model: None) -> None:
    found = text_findings(TEXT, "ru")
    assert findings_from_json(findings_json(found)) == found
    builder = FramingBuilder("Ex", ())
    builder.add(article("ru"), (), found)
    column = _column(builder)
    encoded = _outlet_to_dict(column)
    assert encoded["framing"]["notes"] == [NOT_AVAILABLE]
    assert _outlet(encoded).framing.notes == (NOT_AVAILABLE,)


def test_an_english_column_encodes_without_notes(no_model: None) -> None:
    builder = FramingBuilder("Ex", ())
    builder.add(article("uk"), (), text_findings("Plain words.", None))
    column = _column(builder)
    assert "notes" not in _outlet_to_dict(column)["framing"]


def test_with_the_model_techniques_point_at_their_sentence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV_VARIABLE, str(train_tiny(tmp_path / "model")))
    text_findings.cache_clear()
    found = text_findings(TEXT, "uk")
    assert found.notes == ()
    [(start, end, label, score, model)] = found.techniques
    assert TEXT[start:end] == "Русня та рашисти знову обстріляли місто."
    assert label == "loaded_language" and 0 < score <= 1
    assert model == "parallax.techniques.unlp-tfidf.v1"
    assert "parallax.techniques.unlp-tfidf.v1:" in framing_version()
    text_findings.cache_clear()


def test_ru_uk_sentences_split_before_cyrillic_capitals() -> None:
    text = "Це «правда». Він заявив: «Ні!» Потім пішов.\nНовини України | Підпишись"
    assert [text[s:e] for s, e in sentences_ru_uk(text)] == [
        "Це «правда».",
        "Він заявив: «Ні!»",
        "Потім пішов.",
        "Новини України | Підпишись",
    ]
