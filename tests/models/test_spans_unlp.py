"""The ru/uk manipulative-span tagger: words per line, and a small tagger trained here."""

from __future__ import annotations

from pathlib import Path

from parallax.datasets.unlp import UnlpPost
from parallax.models.spans_unlp import line_words, tag_spans
from parallax.training.spans_unlp import fit_tagger, score_spans


def test_words_keep_their_offsets_line_by_line() -> None:
    text = "Русня тікає!\n\nЦе — «перемога»"
    lines = line_words(text)
    assert [[text[s:e] for s, e in line] for line in lines] == [
        ["Русня", "тікає", "!"],
        ["Це", "—", "«", "перемога", "»"],
    ]


def posts() -> list[UnlpPost]:
    made = []
    for number in range(12):
        loaded = "русня тікає як щури"
        text = f"Новини дня {number}. Сьогодні {loaded} з міста."
        start = text.index(loaded)
        made.append(
            UnlpPost(
                f"p{number}", text, "uk", ("loaded_language",), ((start, start + len(loaded)),)
            )
        )
    return made


def test_a_small_tagger_marks_the_loaded_words(tmp_path: Path) -> None:
    fit_tagger(posts(), tmp_path / "tagger.crfsuite")
    text = "Сьогодні русня тікає як щури з міста."
    spans = tag_spans(text, tmp_path / "tagger.crfsuite", 0.5)
    assert [text[s:e] for s, e, _ in spans] == ["русня тікає як щури"]
    # the product's lower threshold marks at least those words
    wider = tag_spans(text, tmp_path / "tagger.crfsuite")
    assert any(s <= text.index("русня") and text.index("щури") < e for s, e, _ in wider)
    scores = score_spans(tmp_path / "tagger.crfsuite", posts(), 0.5)
    assert scores["span_f1"] == 1.0
    assert 0 < scores["span_all_inside_f1"] < 1
