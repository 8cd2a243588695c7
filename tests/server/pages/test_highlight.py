"""Highlighting from stored offsets: text kept exactly, elements always well nested, the same
output whatever the order of the spans, and every span's text covered by its mark."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from parallax.report.views import KINDS, Mark, Piece, highlight, paragraph_spans, paragraphs

TEXT = "Alpha beta gamma.\n\nDelta “epsilon zeta” eta.\n  \n\nTheta iota."


def mark(kind: str, start: int, end: int, number: int = 1) -> Mark:
    return Mark(kind, number, start, end, kind, f"{kind} {number}")


def flatten(pieces: list[Piece]) -> list[tuple[str, object]]:
    events: list[tuple[str, object]] = []
    for piece in pieces:
        events += [("close", m) for m in piece.closes]
        events += [("open", m) for m, _ in piece.opens]
        if piece.text:
            events.append(("text", piece.text))
    return events


def check(text: str, marks: list[Mark]) -> list[list[Piece]]:
    """Assert the invariants of highlighting and return the result."""
    result = highlight(text, marks)
    assert ["".join(p.text for p in pieces) for pieces in result] == paragraphs(text)
    firsts: list[Mark] = []
    for (start, _end), pieces in zip(paragraph_spans(text), result, strict=True):
        stack: list[Mark] = []
        position = start
        for kind, value in flatten(pieces):
            if kind == "open":
                assert isinstance(value, Mark)
                stack.append(value)
            elif kind == "close":
                assert stack and stack.pop() is value  # closes the innermost open element
            else:
                assert isinstance(value, str)
                for open_mark in stack:  # text inside a mark lies inside its span
                    assert open_mark.start <= position and position + len(value) <= open_mark.end
                uncovered = [m for m in marks if m.start <= position < m.end and m not in stack]
                assert not uncovered, (value, uncovered)  # and every span covering it is open
                position += len(value)
        assert stack == []
        firsts += [m for piece in pieces for m, first in piece.opens if first]
    assert len(firsts) == len(set(firsts))  # one first piece per mark (its anchor)
    return result


def test_nested_and_crossing_spans_are_well_formed() -> None:
    quote = mark("quote", TEXT.index("“"), TEXT.index("”") + 1)
    claim = mark("claim", TEXT.index("Delta"), TEXT.index("eta.") + 4)
    entity = mark("entity", TEXT.index("epsilon"), TEXT.index("epsilon") + 7)
    crossing = mark("time", TEXT.index("zeta"), TEXT.index("eta."), 2)  # crosses the quote's end
    across = mark("entity", TEXT.index("gamma"), TEXT.index("Delta") + 5, 3)  # spans a break
    result = check(TEXT, [quote, claim, entity, crossing, across])
    second = result[1]
    assert [m.kind for m, _ in second[0].opens] == ["claim", "entity"]  # outer first
    assert [(m.kind, first) for p in second for m, first in p.opens].count(("time", False)) == 1


def test_output_does_not_depend_on_the_order_of_spans() -> None:
    spans = [
        mark("quote", 19, 45, 1), mark("claim", 0, 17, 1), mark("entity", 0, 5, 1),
        mark("entity", 0, 10, 2), mark("time", 25, 40, 1), mark("claim", 19, 44, 2),
    ]  # fmt: skip
    expected = check(TEXT, spans)
    for seed in range(5):
        shuffled = spans[:]
        random.Random(seed).shuffle(shuffled)
        assert highlight(TEXT, shuffled) == expected


def test_spans_outside_the_text_or_empty_are_left_out() -> None:
    result = highlight(TEXT, [mark("quote", 3, 3), mark("quote", -1, 4), mark("claim", 5, 999)])
    assert all(not p.opens and not p.closes for pieces in result for p in pieces)


@st.composite
def texts_and_marks(draw: st.DrawFn) -> tuple[str, list[Mark]]:
    text = draw(st.text(alphabet="ab \n", min_size=1, max_size=60))
    bounds = st.integers(min_value=0, max_value=len(text))
    marks = []
    for number in range(draw(st.integers(min_value=0, max_value=8))):
        start, end = sorted((draw(bounds), draw(bounds)))
        marks.append(mark(draw(st.sampled_from(KINDS)), start, end, number))
    return text, [m for m in marks if m.start < m.end]


@settings(max_examples=300, deadline=None)
@given(texts_and_marks())
def test_highlighting_keeps_text_and_nests_for_any_spans(case: tuple[str, list[Mark]]) -> None:
    check(*case)
