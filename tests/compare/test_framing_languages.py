"""Framing by language: the English framing models (loaded-word lists and VADER, PTC's technique
tagger, BABE's bias model, VADER's tone) read English text only. A text in another language
without a framing model gets no findings and a note saying so, and costs no model time; an
English text, or one whose language is unknown (the seeds, a text too short to tell), reads as
before."""

from __future__ import annotations

import pytest

from parallax.compare import framing
from parallax.compare.framing import FramingBuilder, text_findings
from parallax.comparison import NOT_ENGLISH_NOTE, not_english_note
from parallax.model import Article, Mention
from parallax.report.wording import FRAMING_NOT_ENGLISH, FRAMING_NOT_LOOKED_FOR, framing_headlines
from parallax.stages import framing as stage

KOREAN = (
    "정부는 오늘 새로운 경제 대책을 발표했다. 야당은 이 대책이 서민을 외면한 졸속 정책이라고 "
    "강하게 비판했다. 대통령은 다음 주에 국회에서 연설할 예정이다."
)
GERMAN = (
    "Die Regierung hat heute ein neues Sparpaket vorgestellt. Die Opposition nannte es einen "
    "skandalösen Angriff auf die Armen. Der Kanzler will nächste Woche im Bundestag sprechen."
)
ENGLISH = (
    "The government unveiled a disgraceful new austerity package today. The opposition called "
    "it a shameful attack on the poor. The chancellor will speak to parliament next week."
)


def _english_model(*_: object) -> list[object]:
    raise AssertionError("an English framing model read a text in another language")


@pytest.mark.parametrize(
    ("text", "language"), [(KOREAN, "ko"), (GERMAN, "de"), (ENGLISH, "fr")], ids=["ko", "de", "fr"]
)
def test_another_language_gets_no_english_findings_and_a_note(text: str, language: str) -> None:
    text_findings.cache_clear()
    with pytest.MonkeyPatch.context() as patch:
        for name in ("loaded_terms", "find_techniques", "score_biases", "vader_valence"):
            patch.setattr(framing, name, _english_model)
        found = text_findings(text, language)
        article = Article("a1", "u", "t", text, text, (), (), "h", outlet="Ex", language=language)
        builder = FramingBuilder("Ex", ("Ex Person",))
        # A key entity in the first sentence: English text would get a tone toward it.
        mention = Mention("a1", 0, 3, text[:3], "PERSON", "Ex Person", "test")
        builder.add(article, (mention,), found)
    assert (found.terms, found.techniques, found.biased) == ((), (), ())
    assert found.notes == (not_english_note(language),)
    assert found.notes[0].startswith(NOT_ENGLISH_NOTE) and repr(language) in found.notes[0]
    built = builder.build()
    assert built.notes == found.notes and built.tone == ()
    assert framing_headlines(built.notes) == [FRAMING_NOT_ENGLISH]
    text_findings.cache_clear()


def test_english_and_unknown_language_read_the_same() -> None:
    text_findings.cache_clear()
    english = text_findings(ENGLISH, "en")
    assert english == text_findings(ENGLISH, None)
    assert english.notes == ()
    terms = {ENGLISH[start:end].lower() for start, end, _, _ in english.terms}
    assert {"disgraceful", "shameful"} <= terms
    article = Article("a1", "u", "t", ENGLISH, ENGLISH, (), (), "h", outlet="Ex", language="en")
    builder = FramingBuilder("Ex", ("government",))
    builder.add(
        article, (Mention("a1", 4, 14, "government", "ORG", "government", "test"),), english
    )
    assert [tone.entity for tone in builder.build().tone] == ["government"]
    # The same text said to be German gets nothing of the English models.
    assert text_findings(ENGLISH, "de").terms == ()
    text_findings.cache_clear()


def test_headlines_name_each_kind_of_note() -> None:
    ru_uk = "manipulation techniques in ru/uk: not available (...)"
    assert framing_headlines(()) == []
    assert framing_headlines((ru_uk,)) == [FRAMING_NOT_LOOKED_FOR]
    both = framing_headlines((not_english_note("ko"), ru_uk))
    assert both == [FRAMING_NOT_ENGLISH, FRAMING_NOT_LOOKED_FOR]


def test_the_analyze_workers_embed_english_text_only(monkeypatch: pytest.MonkeyPatch) -> None:
    embedded: list[list[str]] = []
    monkeypatch.setattr(stage, "_embed_sentences", lambda texts: embedded.append(list(texts)))
    rows = stage.frame_texts([(KOREAN, "ko"), (ENGLISH, "en"), (GERMAN, "de"), (ENGLISH, None)])
    assert embedded == [[ENGLISH, ENGLISH]]
    korean = stage.findings_from_json(rows[0][1]) if rows[0] else None
    assert korean is not None and korean.notes == (not_english_note("ko"),)
    assert korean == stage.findings_from_json(stage.findings_json(korean))


def test_a_new_framing_version_makes_every_stored_comparison_stale(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A comparison stored before the framing models changed (e.g. before they stopped reading
    Korean) must not be served: the framing version is part of the comparison's key."""
    from parallax.compare import story
    from parallax.compare.story import StoryArticle, comparison_key

    article = Article("a1", "u", "t", ENGLISH, ENGLISH, (), (), "h", outlet="Ex", language="en")
    item = StoryArticle(article)
    before = comparison_key("s1", [item])
    monkeypatch.setattr(story, "FRAMING_NAME", "parallax.compare.framing.next")
    assert comparison_key("s1", [item]) != before
