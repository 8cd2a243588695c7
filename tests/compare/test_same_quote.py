"""Two claims that quote the same words are one statement (compare/quoted.py, same_quote), on
BASIL text read by hand (docs/evaluation.md, session 34: the second judged set in ../tools/exp-compare2,
outside the repository).

BASIL 2010-2014 is dev data (2015-2019 is held out).
"""

from __future__ import annotations

from functools import cache

import pytest

from parallax.compare.quoted import join_same_quotes, same_quote
from parallax.compare.story import compare_story
from parallax.comparison import StoryComparison
from parallax.embeddings import embeddings_available
from tests.compare.test_basil_comparison import ARTICLES, _item

STEELE = ("2010", "74708dbf-5dfc-4c66-8419-d7dbc00e4a06")  # Steele to announce on a second term
NYT, FOX = "The New York Times", "Fox News"

# Sentences of that story and of Holder's visit to Ferguson (2014), as BASIL has them.
NOTE_FOX = (
    'In the note, he asked members to join him "for a private conference call" Monday evening.'
)
NOTE_NYT = (
    "“Dear Members, Please join me for a private conference call,” Mr. Steele wrote in a message"
    " to Republicans, which was provided to the New York Times by a committee member."
)
HOLDER_HUFFPOST = (
    '“I am the attorney general of the United States, but I am also a black man," Holder said.'
)
HOLDER_FOX = '"I am the attorney general of the United States.'
PRANK_FOX = '"I know for a fact that my account was hacked," Weiner told Fox News.'
PRANK_NYT = (
    "“This was essentially a hacked account that had a gag photo sent out on it,” Mr. Weiner,"
    " a Democrat, said during an interview in his office here."
)


def test_the_same_quoted_words_are_one_statement() -> None:
    """The same five words or more in both quotes, whatever the marks, the case or where the
    sentence breaks; a shared word or two ("account", "hacked") is not the same quote, nor is
    a claim that quotes nothing."""
    assert same_quote(NOTE_FOX, NOTE_NYT)
    assert same_quote(HOLDER_HUFFPOST, HOLDER_FOX)
    assert not same_quote(PRANK_FOX, PRANK_NYT)
    assert not same_quote("Steele asked members to join a private conference call.", NOTE_NYT)
    assert not same_quote('He called it "the national interest" and left.', NOTE_NYT)


SPOKESMAN_NYT = (
    "A spokesman for the R.N.C. did not respond to inquiries about the conference call, which Mr."
    " Steele announced personally in a weekend e-mail message to fellow Republicans."
)


def test_a_claim_left_alone_joins_the_group_quoting_the_same_words() -> None:
    """Grouping put the NYT's note with its own spokesman sentence and left Fox's alone: Fox's
    joins them. Two claims already in groups of their own, or of one article, stay put."""
    texts = [NOTE_FOX, NOTE_NYT, SPOKESMAN_NYT]
    pairs = [(0, 1), (1, 2)]
    assert join_same_quotes(texts, ["fox", "nyt", "nyt"], pairs, [0, 1, 1]) == [0, 0, 0]
    assert join_same_quotes(texts, ["fox", "nyt", "nyt"], pairs, [0, 1, 1], {(0, 1)}) == [0, 1, 1]
    assert join_same_quotes(texts, ["nyt", "nyt", "nyt"], pairs, [0, 1, 1]) == [0, 1, 1]
    four = [NOTE_FOX, PRANK_FOX, NOTE_NYT, SPOKESMAN_NYT]
    assert join_same_quotes(four, ["f", "f", "n", "n"], [(0, 2)], [0, 0, 1, 1]) == [0, 0, 1, 1]


@cache
def _steele() -> StoryComparison:
    return compare_story(STEELE[1], [_item(STEELE[0], f"{STEELE[1]}_{n}") for n in (1, 2, 3)])


@pytest.mark.skipif(not ARTICLES.is_dir(), reason=f"BASIL is not at {ARTICLES}")
@pytest.mark.skipif(not embeddings_available(), reason="needs the embeddings extra")
def test_a_quote_two_outlets_report_is_not_only_here() -> None:
    """Fox's "asked members to join him 'for a private conference call'" was marked "only here",
    and the NYT, which quotes the same note, was said to omit it; they are one claim group."""
    comparison = _steele()
    quoting = [
        g for g in comparison.groups if any("private conference call" in c.text for c in g.claims)
    ]
    assert len(quoting) == 1
    assert {FOX, NYT} <= set(quoting[0].outlets)
