"""The language of an article: declared by its source, detected in its text, or the outlet's.

The sentences are written for these tests.
"""

from __future__ import annotations

import pytest

from parallax.ingest import language
from parallax.ingest.language import LanguageGuess, language_code, resolve_language

SENTENCES = {
    "ru": "Министр обороны заявил журналистам, что войска отошли от границы ещё вчера вечером.",
    "uk": "Міністр оборони заявив журналістам, що війська відійшли від кордону ще вчора ввечері.",
    "be": "Міністр абароны заявіў журналістам, што войскі адышлі ад мяжы яшчэ ўчора ўвечары.",
    "zh": "国防部长对记者表示，部队昨晚已经从边境撤离。",
    "ja": "国防大臣は記者団に対し、部隊は昨夜すでに国境から撤退したと述べた。",
    "de": "Der Verteidigungsminister sagte Journalisten, die Truppen hätten sich schon gestern "
    "Abend von der Grenze zurückgezogen.",
    "pl": "Minister obrony powiedział dziennikarzom, że wojska wycofały się z granicy już "
    "wczoraj wieczorem.",
    "en": "The defence minister told reporters that the troops had already pulled back from "
    "the border last night.",
}


@pytest.mark.parametrize("language", sorted(SENTENCES))
def test_a_sentence_is_detected_in_its_language(language: str) -> None:
    guess = resolve_language(SENTENCES[language])
    assert (guess.language, guess.source) == (language, "detected")
    assert guess.probability is not None and guess.probability > 0.5


def test_a_declared_language_wins_over_the_text() -> None:
    assert resolve_language(SENTENCES["ru"], declared="uk-UA") == LanguageGuess("uk", "declared")
    # A value that is no language tag is ignored, and the text decides.
    assert resolve_language(SENTENCES["ru"], declared="Russian!").language == "ru"


def test_the_outlets_language_decides_only_when_the_text_cannot() -> None:
    assert resolve_language("Путин: да.", hint="ru") == LanguageGuess("ru", "outlet")
    assert resolve_language("Путин: да.") == LanguageGuess(None, "unknown")
    # A clear text outweighs the outlet's declared language.
    assert resolve_language(SENTENCES["uk"], hint="ru").language == "uk"
    assert resolve_language(SENTENCES["en"], hint="ru; editions in en").language == "en"


def test_a_declared_undetermined_language_is_detected_from_the_text() -> None:
    assert resolve_language(SENTENCES["en"], declared="und").language == "en"
    assert resolve_language(SENTENCES["uk"], declared="und").source == "detected"


def test_the_title_is_read_with_the_text() -> None:
    title = "Війська відійшли від кордону, заявив міністр оборони України"
    assert resolve_language("Київ, 14 березня.", title=title).language == "uk"


@pytest.mark.parametrize(
    ("value", "code"),
    [("en-GB", "en"), ("ru_RU", "ru"), ("UK", "uk"), ("en; editions in ru, ar", "en"),
     ("multilingual (about 30 language editions)", None), ("", None), (None, None),
     ("und", None), ("MUL", None), ("zxx", None)],
)  # fmt: skip
def test_language_code(value: str | None, code: str | None) -> None:
    assert language_code(value) == code


@pytest.mark.parametrize(("label", "folded"), [("wuu", "zh"), ("pcm", "en"), ("zxx", None)])
def test_varieties_short_text_is_mistaken_for_are_folded(
    monkeypatch: pytest.MonkeyPatch, label: str, folded: str | None
) -> None:
    class Model:
        def classify(self, text: str) -> tuple[str, float]:
            return label, 0.6

    monkeypatch.setattr(language, "_identifier", Model)
    assert resolve_language(SENTENCES["zh"]).language == folded
