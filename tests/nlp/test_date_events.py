"""The event each time expression dates: its governing predicate, tense and clause role."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from parallax.model import ArticleAnalysis
from parallax.nlp.pipeline import analyze_text


def events(analysis: ArticleAnalysis, text: str) -> dict[str, tuple[str, str | None, str | None]]:
    found = {}
    for d in analysis.dates:
        assert d.event_start is not None and d.event_end is not None
        found[d.text] = (text[d.event_start : d.event_end], d.event_tense, d.event_role)
    return found


def test_seed_expressions_name_the_event_they_date(
    analyses: dict[str, ArticleAnalysis], seeds: dict[str, tuple[str, date]]
) -> None:
    found = events(analyses["000"], seeds["000"][0])
    assert found["Thursday"] == ("spoke", "past", "main")  # "The pair spoke … on Thursday"
    assert found["March"] == ("said", "past", "main")  # "In March, Trump said …"
    assert found["overnight"] == ("endured", "past", "complement")  # "Ukraine said it had endured"
    assert found["weeks"][1:] == ("perfect", "main")  # "has been warning for weeks"


@pytest.mark.parametrize(
    ("sentence", "published", "expression", "expected"),
    [
        # BASIL, The New York Times, 2013-01-23 (a Wednesday): a hearing set for the next day.
        (
            "The Senate Foreign Relations Committee’s chairman, Senator John Kerry, Democrat of "
            "Massachusetts, has been nominated to succeed Mrs. Clinton and is scheduled to appear "
            "before his committee on Thursday for a confirmation hearing.",
            date(2013, 1, 23),
            "Thursday",
            ("appear", "prospective", "complement"),
        ),
        # BASIL, The New York Times, 2013-04-02: the relative clause's date is the ban's past.
        (
            "A plan to revive and revamp a ban on assault weapons, which expired in 2004, is "
            "almost certain to be defeated.",
            date(2013, 4, 2),
            "2004",
            ("expired", "past", "modifier"),
        ),
    ],
)
def test_attachment_and_role(
    nlp: Language,
    sentence: str,
    published: date,
    expression: str,
    expected: tuple[str, str, str],
) -> None:
    analysis = analyze_text("x", sentence, published, nlp=nlp)
    assert events(analysis, sentence)[expression] == expected
