"""The packaged persuasion-technique models on hand-made text."""

from __future__ import annotations

from parallax.models.techniques import (
    classify_spans,
    detect_spans,
    find_techniques,
    load_propaganda_model,
)

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
