"""The comparison of BASIL triplets as a reader checks it (public data no one here wrote): an
outlet that reports a fact in other words does not "omit" it.

Each article is read as ``parallax eval comparison --format basil`` ingests it (its paragraphs
joined by blank lines, BASIL's source code as the outlet). BASIL 2010-2014 is dev data
(2015-2019 is held out).
"""

from __future__ import annotations

import json
from datetime import date
from functools import cache

import pytest

from parallax.compare.restated import RESTATED, restated
from parallax.compare.story import StoryArticle, compare_story
from parallax.comparison import StoryComparison
from parallax.embeddings import embeddings_available
from parallax.eval.comparison import BASIL_OUTLETS
from parallax.model import Article
from parallax.nlp.pipeline import analyze_text, load_pipeline
from tests.nlp.conftest import SHARED_DATA

ARTICLES = SHARED_DATA / "basil" / "articles"
BIRTH = ("2011", "005a2961-0c2e-4575-8eec-770ba52a08e0")  # Trump and Obama's birth certificate
CHENEY = ("2013", "11c9f251-35c8-4452-b052-df9be61464c6")  # Mary and Liz Cheney
NYT, FOX, HPO = "The New York Times", "Fox News", "HuffPost"

pytestmark = [
    pytest.mark.skipif(not ARTICLES.is_dir(), reason=f"BASIL is not at {ARTICLES}"),
    pytest.mark.skipif(not embeddings_available(), reason="needs the embeddings extra"),
]


def _item(year: str, name: str) -> StoryArticle:
    record = json.loads((ARTICLES / year / f"{name}.json").read_text(encoding="utf-8"))
    paragraphs = [" ".join(p) if isinstance(p, list) else str(p) for p in record["body-paragraphs"]]
    text = "\n\n".join(paragraphs)
    published = date.fromisoformat(record["date"])
    outlet = BASIL_OUTLETS[record["source"].lower()]
    article = Article(
        id=name, source=name, format="jsonl", text=text, raw_text=text, segments=(),
        removals=(), content_hash=name, published=published, outlet=outlet,
    )  # fmt: skip
    found = analyze_text(name, text, published, nlp=load_pipeline())
    return StoryArticle(article, found.mentions, found.quotes, found.dates, found.claims)


@cache
def _triplet(year: str, uuid: str) -> StoryComparison:
    return compare_story(uuid, [_item(year, f"{uuid}_{number}") for number in (1, 2, 3)])


def _omitted(comparison: StoryComparison, outlet: str) -> list[str]:
    column = comparison.outlet(outlet)
    assert column is not None
    groups = [comparison.group(group_id) for group_id in column.omitted]
    return [claim.text for group in groups if group is not None for claim in group.claims]


def _only(comparison: StoryComparison, words: str, outlets: set[str]) -> None:
    """The claim holding ``words`` is in a group of exactly ``outlets``: the claim-pair model
    did not group it with the other outlet's wording."""
    [group] = [g for g in comparison.groups if any(words in c.text for c in g.claims)]
    assert set(group.outlets) == outlets


def test_a_certification_reported_in_other_words_is_not_omitted() -> None:
    """Fox and HuffPost: "Officials in Hawaii have certified that Obama was born in that state";
    the NYT: "state officials … have confirmed its authenticity" (of his certificate of live
    birth from Hawaii). Neither side omits what the other says."""
    comparison = _triplet(*BIRTH)
    _only(comparison, "Officials in Hawaii have certified that Obama", {FOX, HPO})
    _only(comparison, "have confirmed its authenticity", {NYT})
    assert not any("Officials in Hawaii have certified" in t for t in _omitted(comparison, NYT))
    assert not any("confirmed its authenticity" in t for t in _omitted(comparison, FOX))


def test_a_candidacy_reported_in_other_words_is_not_omitted() -> None:
    """Fox: "Elizabeth Cheney declared in July she plans to challenge incumbent Senator Mike
    Enzi"; HuffPost: "The elder Cheney daughter is challenging Sen. Mike Enzi (R-Wyo.) in next
    year's Republican primary"."""
    comparison = _triplet(*CHENEY)
    _only(comparison, "declared in July she plans to challenge", {FOX})
    assert not any("plans to challenge" in t for t in _omitted(comparison, HPO))


def test_what_an_outlet_does_not_say_is_still_omitted() -> None:
    """The check removes only what an outlet restates: each story still has omissions."""
    for triplet in (BIRTH, CHENEY):
        comparison = _triplet(*triplet)
        assert any(column.omitted for column in comparison.outlets)


def test_restated_reads_meaning_not_words() -> None:
    """Fox's claim against two of HuffPost's sentences: the one that says the same, and one
    about the same person that says something else."""
    claim = (
        "Elizabeth Cheney declared in July she plans to challenge incumbent Senator Mike Enzi,"
        " also a Republican, in the state’s Republican primary."
    )
    same = (
        "The elder Cheney daughter is challenging Sen. Mike Enzi (R-Wyo.) in next year's"
        " Republican primary."
    )
    other = "On Friday, Liz Cheney issued a statement voicing her opposition to same-sex marriage."
    assert restated([[claim]], [other, same]) == [True]
    assert restated([[claim]], [other]) == [False]
    assert restated([[claim], []], []) == [False, False]
    assert 0.5 < RESTATED < 0.9
