"""How the story timeline dates a development, on BASIL articles (public data no one here
wrote): a date that describes a participant, bounds a state or names a programme dates no
development; the letter someone speaks through dates the speaking (the fact-checker's fifth
round, issue #15).

Each article is read as ``parallax eval comparison --format basil`` ingests it (its paragraphs
joined by blank lines). BASIL 2010-2014 is dev data (2015-2019 is held out).
"""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from parallax.model import Claim
from parallax.nlp.timex import normalize
from parallax.stories.developments import Dating, date_claim
from parallax.stories.features import tokenize
from tests.nlp.test_basil_reading import ARTICLES, _analysed_any, _article

pytestmark = pytest.mark.skipif(not ARTICLES.is_dir(), reason=f"BASIL is not at {ARTICLES}")

PATRICK = "d3a1ce0a-fc48-4827-a278-8f0ce8c7a519"  # 1 Fox News, 2 HuffPost, 3 NYT
NRA = "68748e7f-cf6e-4ac7-8504-454c0876880d"  # 1 HuffPost
NSA = "a4f1d515-d7d9-4319-b2e0-4d56e9d45554"  # 1 NYT
MEDICARE = "2ec04201-2016-4227-baf7-ba8289058203"  # 3 Fox News
SANTORUM = "65cb14cb-2d27-41e5-a2be-6fd6314f4363"  # 1 NYT, 2 Fox News


def _dating(
    nlp: Language, year: str, name: str, first: str, last: str
) -> tuple[dict[str, str | None], Dating | None]:
    """The time expressions (text: role) written in the sentence of article ``name`` that runs
    from ``first`` to the end of ``last``, and the date the timeline gives its development (its
    quotes' spans passed as the timeline passes them)."""
    text, published = _article(name, year)
    start = text.index(first)
    end = text.index(last, start) + len(last)
    claim = Claim(name, start, end, text[start:end], 1.0, "test")
    analysis = _analysed_any(nlp, year, name)
    written = {d.text: d.event_role for d in analysis.dates if start <= d.start < end}
    quoted = tuple((q.start, q.end) for q in analysis.quotes if q.kind in {"direct", "partial"})
    terms = set(tokenize(claim.text))
    return written, date_claim(claim, analysis.dates, published, terms, quoted=quoted)


def test_a_date_in_the_appositive_of_a_coordinated_noun_describes_a_participant(
    nlp: Language,
) -> None:
    """Fox, 2013-01-30: "Michael Dukakis, the former governor and 1988 Democratic presidential
    nominee, … had also been mentioned as possible candidates …": 1988 says which nominee he
    was; the timeline showed a "background 1988" development."""
    written, dating = _dating(
        nlp, "2013", f"{PATRICK}_1", "Michael Dukakis, the former governor", "interim post."
    )
    assert written == {"1988": "modifier"}
    assert dating is None or dating.value != "1988"


def test_a_time_in_a_since_clause_bounds_a_state(nlp: Language) -> None:
    """NYT, 2013-01-30: "Mr. Cowan … will become Massachusetts’ first black senator since Edward
    Brooke, a Republican, held the seat from 1966 to 1978." (the parser reads "held" as a second
    main verb): the years bound the state "first since", no development of 1966."""
    written, dating = _dating(
        nlp, "2013", f"{PATRICK}_3", "Mr. Cowan, 43, who is known as Mo", "from 1966 to 1978."
    )
    assert set(written.values()) == {"bound"} and "1966" in written
    assert dating is None or dating.value != "1966"


def test_a_clause_opened_by_whose_describes_a_participant(nlp: Language) -> None:
    """HuffPost, 2013-04-02: "Hutchinson called up Mark Mattioli, whose 6-year-old son, James
    Mattioli, was killed in December …" (the parser reads "was killed" as what was called up):
    December is the son's death, not the call; the timeline dated the call 2012-12."""
    written, dating = _dating(
        nlp, "2013", f"{NRA}_1", "When he had finished introducing the report", "Elementary School."
    )
    assert written["December"] == "modifier"
    assert dating is not None
    assert (dating.value, dating.basis) == ("2013-04-02", "published")


def test_the_letter_someone_speaks_through_dates_the_speaking(nlp: Language) -> None:
    """NYT, 2013-06-08: "In separate but identical letters sent on Oct. 19, 2011, Assistant
    Attorney General Ronald Weich told … that in December 2009 and February 2011 the Justice
    Department … provided a classified document …": the telling is of 2011-10-19 (the timeline
    showed the reported December 2009 as a background development)."""
    written, dating = _dating(
        nlp, "2013", f"{NSA}_1", "In separate but identical letters", "efforts in detail."
    )
    assert written["Oct. 19, 2011"] == "main"
    assert dating is not None
    assert (dating.value, dating.basis) == ("2011-10-19", "stated")


def test_a_year_written_with_an_apostrophe_is_a_year(nlp: Language) -> None:
    """Fox, 2012-08-15: Ryan "claimed the “hope and change campaign of '08 has become the blame
    and attack campaign of 2012.”": "'08" is 2008, not August 2012 (the timeline dated his
    interview 2012-08), and a year inside the noun phrases of his quoted words does not date
    his claim: reported by the article's day."""
    assert normalize("'08", date(2012, 8, 15)) == ("DATE", "2008")
    assert normalize("’95", date(2012, 8, 15)) == ("DATE", "1995")
    written, dating = _dating(
        nlp, "2012", f"{MEDICARE}_3", "Amplifying the Romney campaign message", "of 2012.”"
    )
    assert written == {"'08": "nominal", "2012": "nominal"}
    assert dating is not None
    assert (dating.value, dating.basis) == ("2012-08-15", "published")


def test_a_programme_title_in_quotes_is_no_time(nlp: Language) -> None:
    """NYT and Fox, 2012-02-19: Gibbs spoke 'on the ABC News program “This Week,”' and 'Gibbs
    was on ABC's "This Week."': a programme, not the week 2012-W07 (three timeline entries were
    dated by it)."""
    for name, first, last in (
        (f"{SANTORUM}_1", "It’s destructive,” Mr. Gibbs said", "nominating process."),
        (f"{SANTORUM}_2", "Gibbs was on ABC", "This Week."),
    ):
        written, dating = _dating(nlp, "2012", name, first, last)
        assert "This Week" not in written, name
        assert dating is None or dating.value != "2012-W07", name


def test_a_time_after_until_after_bounds_a_deferral(nlp: Language) -> None:
    """Fox, 2010-12-01: "Election-harried Democrats opted against producing a budget at all this
    year, preferring to punt questions on tax rates and spending until after Nov. 2.": the
    election day is where the deferral ends, not when they opted (the timeline dated the
    sentence 2010-11-02)."""
    written, dating = _dating(
        nlp, "2010", "ae243a95-b2c2-410c-9e2b-b083b4b8eb48_1", "Election-harried", "Nov. 2."
    )
    assert "Nov. 2" in written
    assert dating is None or dating.value != "2010-11-02"
