"""Two claims that quote different words are two statements (compare/quoted.py), on BASIL text
read by hand (docs/evaluation.md, session 33: the judged set in ../tools/exp-compare1,
outside the repository).

BASIL 2010-2014 is dev data (2015-2019 is held out).
"""

from __future__ import annotations

from functools import cache

import pytest

from parallax.compare.quoted import different_quotes, quoted_text
from parallax.compare.story import compare_story
from parallax.comparison import StoryComparison
from parallax.embeddings import embeddings_available
from tests.compare.test_basil_comparison import ARTICLES, _item

COVER = ("2011", "550b80db-bdd5-442b-8f70-c8e9f3203a13")  # Newsweek's Bachmann cover
NYT, FOX = "The New York Times", "Fox News"

# Sentences of that story, as BASIL has them.
NUT_JOB = (
    "Basically what Newsweek magazine -- and this is important, what Newsweek magazine, not a"
    " blog, Newsweek magazine -- what they are saying of a woman who is a serious contender for"
    ' president of the United States of America… They are basically casting her as a nut job,"'
    " O'Neill said to The Daily Caller and NOW confirmed to FoxNews.com on Tuesday."
)
SEXIST_NYT = (
    "“It’s sexist,” said Terry O’Neill, the president of the National Organization for Women,"
    " to the news Web site the Daily Caller, which is run by the conservative commentator"
    " Tucker Carlson."
)
SEXIST_FOX = (
    "The National Organization for Women President Terry O'Neill said that the cover of the"
    " magazine's latest edition is \"sexist\" and referred to a simple test by the group's founder"
    " Gloria Steinem to explain how they determined that conclusion -- would the magazine do the"
    " same to a man."
)


def test_the_quoted_words_of_a_claim() -> None:
    """Curly and straight marks; a claim that closes a quote begun in the sentence before it."""
    assert quoted_text(SEXIST_NYT) == "It’s sexist,"
    assert quoted_text(SEXIST_FOX) == "sexist"
    assert quoted_text(NUT_JOB).startswith("Basically what Newsweek magazine")
    assert quoted_text(NUT_JOB).endswith("casting her as a nut job,")
    assert quoted_text("The meeting was held on Sunday.") == ""
    # A title is a name, not words said: Newsweek's cover line, a blog post's headline.
    assert quoted_text('its cover story called "The Queen of Rage," accompanied by') == ""
    assert (
        quoted_text("under the headline “Newsweek Puts Picture of Michele Bachmann on Cover”") == ""
    )


def test_quotes_of_different_words_are_different_statements() -> None:
    """O'Neill calling the cover sexist and casting Bachmann as a nut job: two statements; her
    "sexist" in both outlets: one; a claim that quotes nothing is never kept apart by quotes."""
    assert different_quotes(NUT_JOB, SEXIST_NYT)
    assert not different_quotes(SEXIST_FOX, SEXIST_NYT)
    assert not different_quotes("O'Neill criticised the cover on Tuesday.", SEXIST_NYT)


@cache
def _cover() -> StoryComparison:
    return compare_story(COVER[1], [_item(COVER[0], f"{COVER[1]}_{n}") for n in (1, 2, 3)])


@pytest.mark.skipif(not ARTICLES.is_dir(), reason=f"BASIL is not at {ARTICLES}")
@pytest.mark.skipif(not embeddings_available(), reason="needs the embeddings extra")
def test_two_quotes_of_one_speaker_are_not_one_claim_group() -> None:
    """Fox's "casting her as a nut job" was grouped with the NYT's "It's sexist" (both
    O'Neill's, same subject), so a reader was told both outlets report it; the NYT never
    quotes it. Fox's own "sexist" sentence stays in one group with the NYT's, and so does
    Fox's lead on the cover it calls "The Queen of Rage" (a title, not a quote)."""
    comparison = _cover()
    [nut_job] = [g for g in comparison.groups if any("nut job" in c.text for c in g.claims)]
    assert NYT not in nut_job.outlets
    [sexist] = [g for g in comparison.groups if any('is "sexist"' in c.text for c in g.claims)]
    assert set(sexist.outlets) == {FOX, NYT}
    [cover] = [
        g for g in comparison.groups if any("declined to get into the" in c.text for c in g.claims)
    ]
    assert set(cover.outlets) == {FOX, NYT}
