"""The packaged persuasion-technique models on hand-made text."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from parallax.errors import ConfigError
from parallax.models.techniques import (
    TAGGER_FILE,
    classify_spans,
    detect_spans,
    find_techniques,
    load_propaganda_model,
)
from parallax.models.techniques_features import sentence_rows

TEXT = (
    "Traitors in Washington betray America\n\n"
    "These corrupt globalist traitors want to destroy our great nation.\n\n"
    "Make America great again!\n\n"
    "The committee met on Tuesday to discuss the budget.\n"
)


def test_packaged_model_has_fourteen_techniques() -> None:
    model = load_propaganda_model()
    assert len(model.classifier.classes) == 14
    assert "Loaded_Language" in model.classifier.classes
    assert 0.0 < model.threshold < 1.0


def test_find_techniques_returns_spans_inside_the_text() -> None:
    found = find_techniques(TEXT)
    assert found
    model = load_propaganda_model()
    for span in found:
        assert 0 <= span.start < span.end <= len(TEXT)
        assert TEXT[span.start : span.end].strip() == TEXT[span.start : span.end]
        assert span.label in model.classifier.classes
        assert 0.0 <= span.score <= 1.0
    flagged = "".join(TEXT[s.start : s.end] for s in found)
    assert "traitors" in flagged.lower()
    assert not any("committee" in TEXT[s.start : s.end] for s in detect_spans(TEXT))


def test_a_span_listed_twice_gets_two_techniques() -> None:
    start = TEXT.index("corrupt globalist traitors")
    span = (start, start + len("corrupt globalist traitors"))
    first, second = classify_spans(TEXT, [span, span])
    assert first != second
    assert classify_spans(TEXT, []) == []


def test_sentence_rows_group_words_by_sentence_with_article_cues() -> None:
    sentences = sentence_rows(TEXT)
    assert [len(rows) for rows in sentences] == [5, 10, 4, 9]
    start, end, row = sentences[1][1]
    assert TEXT[start:end] == "corrupt"
    assert row["x:loaded"] == 1.0 and row["tb:corrupt|globalist"] == 1.0
    # the same article density on every word; the charged sentence counts its loaded words
    assert len({r["x:art_loaded"] for rows in sentences for _, _, r in rows}) == 1
    assert sentences[3][0][2]["sl:0"] == 1.0 and "sl:0" not in sentences[1][0][2]


def test_detected_spans_stay_inside_one_sentence() -> None:
    text = TEXT.replace("\n\n", " ")
    bounds = [(rows[0][0], rows[-1][1]) for rows in sentence_rows(text)]
    for span in detect_spans(text):
        assert any(s <= span.start and span.end <= e for s, e in bounds)


def test_packaged_tagger_is_a_crf() -> None:
    model = load_propaganda_model()
    assert model.tagger.name == TAGGER_FILE and model.tagger.is_file()
    assert not (model.tagger.parent / "tagger.npz").exists()


def test_a_model_folder_without_its_tagger_is_a_config_error(tmp_path: Path) -> None:
    packaged = load_propaganda_model().tagger.parent
    for name in ("classifier.json", "classifier.npz", "tagger.json"):
        shutil.copy(packaged / name, tmp_path / name)
    with pytest.raises(ConfigError, match="run `parallax train propaganda`"):
        load_propaganda_model(tmp_path)
