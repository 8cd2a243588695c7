"""Quotes: the required seed quotes, quote-mark pairing, and each attribution shape."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from parallax.model import Quote
from parallax.nlp.pipeline import ArticleAnalysis, analyze_text
from parallax.nlp.quotes import find_quote_spans


def _quote(analysis: ArticleAnalysis, start_of_text: str) -> Quote:
    found = [q for q in analysis.quotes if q.text.lstrip('“"').startswith(start_of_text)]
    assert found, f"no quote starts with {start_of_text!r}"
    return found[0]


def _quotes(nlp: Language, text: str) -> tuple[Quote, ...]:
    return analyze_text("t", text, date(2025, 7, 4), nlp=nlp).quotes


def test_seed_000_direct_quotes(analyses: dict[str, ArticleAnalysis]) -> None:
    analysis = analyses["000"]
    sikorski = _quote(analysis, "Mr Trump, Putin is mocking your peace efforts,")
    assert (sikorski.kind, sikorski.speaker) == ("direct", "Radek Sikorski")
    assert sikorski.speaker_text == "the Oxford-educated Sikorski"
    assert sikorski.cue == "said"
    brekelmans = _quote(analysis, "This intensification is concerning")
    assert (brekelmans.kind, brekelmans.speaker) == ("direct", "Ruben Brekelmans")
    trump = _quote(analysis, "No, I didn't make any progress")
    assert (trump.kind, trump.speaker) == ("direct", "Donald Trump")
    assert trump.text.endswith("I'm not happy about that”")  # across two spaCy sentences
    assert trump.cue == "was clear"
    officer = _quote(analysis, "It won’t be long before")
    assert officer.kind == "direct"
    assert officer.speaker is None
    assert officer.speaker_text == "a senior officer in Ukraine’s drone warfare operations"


def test_seed_001_quotes(analyses: dict[str, ArticleAnalysis]) -> None:
    analysis = analyses["001"]
    trump = _quote(analysis, "We must help Ukraine; they must be able to defend themselves,")
    assert (trump.kind, trump.speaker, trump.cue) == ("direct", "Donald Trump", "stated")
    medvedev = _quote(analysis, "riding his favorite political swings.")
    assert (medvedev.kind, medvedev.speaker) == ("partial", "Dmitry Medvedev")
    assert medvedev.speaker_text is not None
    assert medvedev.speaker_text.startswith("Russian officials, including")
    reported = [
        q for q in analysis.quotes if q.kind == "reported" and q.speaker == "Dmitry Medvedev"
    ]
    assert any(q.text.startswith("that Russia remains focused") for q in reported)


def test_seed_scare_quotes_are_skipped_unless_attributed(
    analyses: dict[str, ArticleAnalysis],
) -> None:
    texts = {q.text for q in analyses["000"].quotes}
    assert "“given”" not in texts  # "accepted this position as a “given”": nobody said it
    assert "“meat grinder”" not in texts
    pause = next(q for q in analyses["000"].quotes if q.text == "“pause”")
    assert (pause.kind, pause.speaker_text) == ("partial", "Pentagon officials")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('He said "yes" and left.', ['"yes"']),
        ("“Curly,” she said. “Again.”", ["“Curly,”", "“Again.”"]),
        ('Mixed "open curly close”.', ['"open curly close”']),
        ('Open “curly close straight" here.', ['“curly close straight"']),
        ("“Part one.\n\n“Part two,” he said.", ["“Part one.", "“Part two,”"]),
        ("A stray “ mark\n\nwith no partner", []),
        ('5" screen and "quoted"', ['"quoted"']),
    ],
)
def test_find_quote_spans(text: str, expected: list[str]) -> None:
    assert [text[start:end] for start, end in find_quote_spans(text)] == expected


@pytest.mark.parametrize(
    ("text", "quote", "kind", "speaker", "speaker_text"),
    [
        (
            'Jane Roe said: "We will rebuild the bridge."',
            '"We will',
            "direct",
            "Jane Roe",
            "Jane Roe",
        ),
        (
            'John Smith arrived late.\n\n"It is over," he said.',
            '"It is',
            "direct",
            "John Smith",
            "he",
        ),
        (
            "The minister, Jane Roe, spoke to reporters.\n\n“We will not give up. The work goes on.”",
            "“We will not",
            "direct",
            "Jane Roe",
            "The minister, Jane Roe",
        ),
        (
            "“First part of a long quote.\n\n“Second part,” said Jane Roe, the mayor.",
            "“First part",
            "direct",
            "Jane Roe",
            "Jane Roe, the mayor",
        ),
        (
            "According to the ministry, 20 people died in the attack.",
            "20 people",
            "reported",
            None,
            "the ministry",
        ),
        (
            "Officials said that the plant was closed.",
            "that the plant",
            "reported",
            None,
            "Officials",
        ),
        (
            "Jane Roe, who leads the party, said the vote was rigged.",
            "the vote",
            "reported",
            "Jane Roe",
            "Jane Roe",
        ),
    ],
)
def test_attribution_shapes(
    nlp: Language, text: str, quote: str, kind: str, speaker: str | None, speaker_text: str
) -> None:
    found = [q for q in _quotes(nlp, text) if q.text.startswith(quote)]
    assert found, [q.text for q in _quotes(nlp, text)]
    assert (found[0].kind, found[0].speaker, found[0].speaker_text) == (kind, speaker, speaker_text)


def test_titles_in_quote_marks_are_not_quotes(nlp: Language) -> None:
    text = "Jane Roe said on “Meet the Press” that the vote was fair."
    assert all(q.kind != "partial" for q in _quotes(nlp, text))


def test_unattributed_scare_quote_is_skipped(nlp: Language) -> None:
    assert _quotes(nlp, "The deal was a “disaster” for the region.") == ()
