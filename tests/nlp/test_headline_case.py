"""Headline-case lines: the page headline BASIL keeps as an article's first line."""

from __future__ import annotations

from spacy.language import Language

from parallax.nlp.headline_case import headline_lines, name_in_body
from parallax.nlp.pipeline import analyze_text

TEXT = (
    "Site Mobile Navigation\n\n"
    "Governor Appoints Ex-Aide to Fill Kerry’s Seat\n\n"
    "BOSTON — Gov. Deval Patrick on Wednesday appointed William Cowan, a Boston lawyer.\n\n"
    "Mr. Cowan, 43, who is known as Mo, is a former partner."
)


def test_headline_lines_are_the_title_cased_lines_without_a_full_stop() -> None:
    lines = [TEXT[start:end] for start, end in headline_lines(TEXT)]
    assert lines == ["Site Mobile Navigation", "Governor Appoints Ex-Aide to Fill Kerry’s Seat"]


def test_a_name_counts_only_where_written_outside_those_lines() -> None:
    lines = headline_lines(TEXT)
    assert not name_in_body(TEXT, lines, "Appoints Ex-Aide")
    assert name_in_body(TEXT, lines, "Deval Patrick")
    assert not name_in_body(TEXT, lines, "Deval Patrick Names")
    assert not name_in_body(TEXT, lines, "Cow")  # whole words only


def test_a_bare_headline_has_no_body_to_set_its_names_apart_from() -> None:
    # iSTS-2016 headlines train, sentence 1: a text that is only a headline keeps its names.
    bare = "David Beckham Announces Retirement From Soccer"
    assert headline_lines(bare) == []
    assert name_in_body(bare, [(0, len(bare))], "David Beckham Announces")
    assert headline_lines(bare + "\n\nBeckham, 38, said on Thursday he would stop.") == [(0, 46)]


def test_a_bare_headline_keeps_its_person_through_the_pipeline(nlp: Language) -> None:
    found = analyze_text("h", "David Beckham Announces Retirement From Soccer", None, nlp=nlp)
    assert [m.entity for m in found.mentions if m.label == "PERSON"] == ["David Beckham"]
