"""What a reader of a story page sees, on BASIL articles (public data no one here wrote):
one person is one entity and one speaker, a question put to someone is not their statement,
and a date that describes a participant does not date the development.

Each article is read as ``parallax eval comparison --format basil`` ingests it (its paragraphs
joined by blank lines). BASIL 2010-2014 is dev data (2015-2019 is held out).
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from functools import cache

import pytest
from spacy.language import Language

from parallax.model import ArticleAnalysis, Claim
from parallax.nlp.aliases import merge_entities
from parallax.nlp.pipeline import analyze_text
from parallax.stories.developments import Dating, date_claim
from parallax.stories.features import tokenize
from parallax.stories.timeline import TimelineArticle, build_timeline
from tests.nlp.conftest import SHARED_DATA, read_seed

ARTICLES = SHARED_DATA / "basil" / "articles"
BASIL = ARTICLES / "2010"
ETHERIDGE = "6b541575-99b1-40d2-8730-9bb868ee38ed"  # 1 Fox News, 2 NYT, 3 HuffPost
SESTAK = "38f7cbb7-5d6a-4c89-bcbd-8e164144172a"  # 1 NYT, 2 Fox News, 3 HuffPost
STEELE = "2b95d2cf-e979-4f9c-ae27-9a5370934f23"  # 1 NYT, 2 Fox News, 3 HuffPost

pytestmark = pytest.mark.skipif(not BASIL.is_dir(), reason=f"BASIL is not at {BASIL}")


def _article(name: str, year: str = "2010") -> tuple[str, date]:
    record = json.loads((ARTICLES / year / f"{name}.json").read_text(encoding="utf-8"))
    paragraphs = [" ".join(p) if isinstance(p, list) else str(p) for p in record["body-paragraphs"]]
    return "\n\n".join(paragraphs), date.fromisoformat(record["date"])


@cache
def _analysed_any(nlp: Language, year: str, name: str) -> ArticleAnalysis:
    text, published = _article(name, year)
    return analyze_text(name, text, published, nlp=nlp)


def _analysed(nlp: Language, name: str) -> ArticleAnalysis:
    return _analysed_any(nlp, "2010", name)


def test_a_lone_surname_is_the_person_the_article_named_in_full(nlp: Language) -> None:
    """spaCy's small model types "Etheridge", "Sestak", "Steele" as places or organisations;
    after the article has named "Bob Etheridge", each of them is him."""
    cases = {
        f"{ETHERIDGE}_1": ("Etheridge", "Bob Etheridge"),
        f"{ETHERIDGE}_3": ("Woodhouse", "Brad Woodhouse"),
        f"{SESTAK}_2": ("Sestak", "Joe Sestak"),
        f"{STEELE}_2": ("DeMint", "Jim DeMint"),
    }
    for name, (surname, person) in cases.items():
        analysis = _analysed(nlp, name)
        alone = [m for m in analysis.mentions if m.text == surname]
        assert alone, f"{surname} not found in {name}"
        assert {(m.label, m.entity) for m in alone} == {("PERSON", person)}, name


def test_one_speaker_per_person_in_an_article(nlp: Language) -> None:
    """HuffPost quotes Etheridge's apology; the speaker is "Bob Etheridge", as in the other
    two outlets, so the comparison's "also quoted by" links the three."""
    analysis = _analysed(nlp, f"{ETHERIDGE}_3")
    apology = [q for q in analysis.quotes if "I deeply and profoundly regret" in q.text]
    assert apology
    assert {q.speaker for q in apology} == {"Bob Etheridge"}
    speakers = {q.speaker for q in analysis.quotes if q.speaker}
    assert "Etheridge" not in speakers and "Woodhouse" not in speakers


def test_a_place_the_article_names_stays_a_place(nlp: Language) -> None:
    """The rule reads only words that end a full name the article gave before them."""
    analysis = _analysed(nlp, f"{ETHERIDGE}_1")
    places = {m.entity for m in analysis.mentions if m.label == "GPE"}
    assert "North Carolina" in places
    assert "Washington" in places


def test_a_question_put_to_someone_is_not_their_statement(nlp: Language) -> None:
    """ "the man approached the congressman and asked if he supported the 'Obama agenda'"
    (Fox News), "asked him whether he supports President Obama's agenda" (NYT): Etheridge
    said nothing about the agenda; the questions stay the askers'."""
    for part, asked in ((1, "Obama agenda"), (2, "President Obama’s agenda")):
        analysis = _analysed(nlp, f"{ETHERIDGE}_{part}")
        said = [
            q
            for q in analysis.quotes
            if q.speaker == "Bob Etheridge" and q.kind == "reported" and asked in q.text
        ]
        assert said == [], [q.text for q in said]
    fox = _analysed(nlp, f"{ETHERIDGE}_1")
    assert any(q.cue == "asked" and "Obama agenda" in q.text for q in fox.quotes)


def test_who_is_asked_is_not_who_asks(nlp: Language) -> None:
    """HuffPost: "A sitting Congressman-a presumed living extension of James Madison and other
    founding fathers-was asked on a public street whether he supported the President's agenda."
    Neither James Madison nor the congressman said it; the asker is not named. The sentence is
    in a blog post HuffPost quotes (“Expect more of this. … Act accordingly.”): the words are
    the post's, whose author is not named either."""
    text, _ = _article(f"{ETHERIDGE}_3")
    analysis = _analysed(nlp, f"{ETHERIDGE}_3")
    assert not [q for q in analysis.quotes if q.speaker == "James Madison"]
    at = text.index("whether he supported")
    holding = [q for q in analysis.quotes if q.start <= at < q.end]
    assert holding
    assert {(q.speaker, q.kind) for q in holding} == {(None, "direct")}


def _dated(nlp: Language, name: str, sentence: str) -> Dating | None:
    """The date the story timeline gives the development ``sentence`` of article ``name``."""
    text, published = _article(name)
    start = text.index(sentence)
    claim = Claim(name, start, start + len(sentence), sentence, 1.0, "test")
    return date_claim(claim, _analysed(nlp, name).dates, published, set(tokenize(sentence)))


def test_a_date_that_describes_a_participant_does_not_date_the_development(
    nlp: Language,
) -> None:
    """NYT, 2010-07-13: Palin "weighed in … on Monday"; "2008" only says which nominee she was.
    NYT, 2010-08-14: she "had been voicing opposition" (no date of its own: reported by the
    article's day), not in 2008."""
    palin = (
        "Sarah Palin, the 2008 Republican vice presidential nominee, weighed in to defend the Tea "
        "Party movement on Monday when the resolution was proposed."
    )
    dating = _dated(nlp, "97b1305c-13ca-4b74-a56a-f459bd79dfaf_1", palin)
    assert dating is not None
    assert (dating.value, dating.basis) == ("2010-07-12", "stated")
    opposition = (
        "Before Mr. Obama spoke out, leading Republican figures like Newt Gingrich, a former "
        "speaker of the House, and Sarah Palin, the party’s 2008 vice-presidential nominee, had "
        "been voicing opposition to the Islamic center."
    )
    dating = _dated(nlp, "45bd61bc-c356-4450-9e3a-cbfc862b09fd_1", opposition)
    assert dating is not None
    assert (dating.value, dating.basis) == ("2010-08-14", "published")


def test_a_date_inside_a_noun_phrase_still_dates_a_sentence_with_no_other(nlp: Language) -> None:
    """NYT: "Mr. Sestak endorsed Hillary Rodham Clinton against Mr. Obama in the 2008
    presidential primaries": the primaries are when it happened."""
    sentence = "Mr. Sestak endorsed Hillary Rodham Clinton against Mr. Obama in the 2008"
    dating = _dated(nlp, f"{SESTAK}_1", sentence + " presidential primaries")
    assert dating is not None
    assert dating.value == "2008"


def test_the_owner_in_a_subject_is_not_the_speaker(nlp: Language) -> None:
    """ "Sestak's opponent in the general election for the Senate seat, Republican Pat Toomey,
    questioned why it took so long for this explanation": Toomey questions, not Sestak."""
    analysis = _analysed(nlp, f"{SESTAK}_2")
    questioned = [q for q in analysis.quotes if q.cue == "questioned"]
    assert questioned
    assert {q.speaker for q in questioned} == {"Pat Toomey"}


def test_a_date_in_a_modifier_clause_stays_passed_over(nlp: Language) -> None:
    """Fox News, 2010-08-16: "… Republicans should show their sincerity about sensitivity to
    Sept. 11 survivors by backing a high-profile bill …": "Sept. 11" names the survivors, and
    its clause is a modifier; the sentence is no development scheduled for 2010-09-11."""
    name = "45bd61bc-c356-4450-9e3a-cbfc862b09fd_2"
    text, _ = _article(name)
    start = text.index("Spokesman Jim Manley said in a written statement")
    sentence = text[start : text.index("\n", start)]
    assert _dated(nlp, name, sentence) is None


def test_he_is_not_the_owner_of_a_noun(nlp: Language) -> None:
    """Fox News, 2014-01-23: "Mark Sheridan, the attorney representing Christie's campaign,
    confirmed …", then "We can confirm …," he said: "he" is Sheridan, not Christie, now that
    the lone "Christie" is a person."""
    analysis = _analysed_any(nlp, "2014", "d1344998-0e7c-409e-aaad-df5be687fc94_2")
    confirm = [q for q in analysis.quotes if q.text.lstrip('“"').startswith("We can confirm")]
    assert confirm
    assert {q.speaker for q in confirm} == {"Mark Sheridan"}


def test_a_present_tense_in_a_time_clause_is_the_main_clause_future(nlp: Language) -> None:
    """HuffPost and Fox News, July 2010: "The final wording won't be released until the NAACP's
    national board of directors approves the resolution during its meeting in October": the
    coming October, a scheduled development, not October 2009."""
    sentence = (
        "The final wording won't be released until the NAACP's national board of directors "
        "approves the resolution during its meeting in October."
    )
    for part in (2, 3):
        dating = _dated(nlp, f"97b1305c-13ca-4b74-a56a-f459bd79dfaf_{part}", sentence)
        assert dating is not None
        assert (dating.value, dating.scheduled) == ("2010-10", True)


MOSQUE = "45bd61bc-c356-4450-9e3a-cbfc862b09fd"  # 1 NYT


def _speakers_of(analysis: ArticleAnalysis, text: str, words: str) -> set[str | None]:
    at = text.index(words)
    return {
        q.speaker
        for q in analysis.quotes
        if q.speaker_start is not None and q.speaker_start <= at < (q.speaker_end or 0)
    }


def test_a_party_description_is_the_person_it_describes(nlp: Language) -> None:
    """Fox: "Sen. John McCain, R-Ariz., said … The Arizona Republican said Steele needs to
    assess …" is McCain; NYT: "the Senate's top Democrat said he objected to the mosque", then
    "Senator Harry Reid of Nevada, the Senate majority leader and a Democrat": Reid. Never
    "Republican" or "Democrat" as a person."""
    text, _ = _article(f"{STEELE}_2")
    steele = _analysed(nlp, f"{STEELE}_2")
    assert _speakers_of(steele, text, "The Arizona Republican said") == {"John McCain"}
    text, _ = _article(f"{MOSQUE}_1")
    mosque = _analysed(nlp, f"{MOSQUE}_1")
    assert _speakers_of(mosque, text, "the Senate’s top Democrat said") == {"Harry Reid"}
    for analysis in (steele, mosque):
        assert not {q.speaker for q in analysis.quotes} & {"Republican", "Democrat"}


BECK = "6f95dcb9-e960-45ac-8c0e-91b85724c909"  # 1 Fox News, 2 NYT, 3 HuffPost


def test_the_headline_repeated_as_the_first_line_is_no_development(nlp: Language) -> None:
    """HuffPost's text opens with its headline, "Glenn Beck CPAC 2010 Speech VIDEO: Republicans
    Don't Need A Big Tent": no development (it was "2010 — Glenn Beck CPAC 2010 Speech …" in the
    timeline); the speech, "closed … on Saturday", is dated 2010-02-20."""
    text, published = _article(f"{BECK}_3")
    analysis = _analysed(nlp, f"{BECK}_3")
    first, second = sorted(analysis.claims, key=lambda c: c.start)[:2]
    assert first.start == 0 and text.startswith(first.text)
    assert date_claim(first, analysis.dates, published, set(tokenize(first.text))) is None
    dating = date_claim(second, analysis.dates, published, set(tokenize(second.text)))
    assert dating is not None and dating.value == "2010-02-20"


def test_a_season_dates_a_development_at_its_grain(nlp: Language) -> None:
    """NYT, 2010-05-27: "Mr. Emanuel was eager last summer to clear the way to this year's
    Democratic Senate nomination": summer 2009 (``2009-SU``), not 2010 from "this year's"."""
    sentence = "Emanuel was eager last summer to clear the way to this year’s Democratic Senate"
    dating = _dated(nlp, f"{SESTAK}_1", sentence)
    assert dating is not None
    assert (dating.value, dating.precision, dating.basis) == ("2009-SU", "season", "stated")
    text, published = _article(f"{SESTAK}_1")
    start = text.index(sentence)
    claim = Claim(f"{SESTAK}_1", start, start + len(sentence), sentence, 1.0, "test")
    analysis = _analysed(nlp, f"{SESTAK}_1")
    entries = build_timeline(
        [TimelineArticle(claim.article_id, "NYT", published, (claim,), analysis.dates)]
    )
    assert [(e.date, e.precision) for e in entries] == [("2009-SU", "season")]


def test_a_month_on_a_noun_of_plan_in_a_sentence_not_in_the_past_is_ahead(
    nlp: Language,
) -> None:
    """NYT, 2010-08-14: Republicans "have strayed from a focus on economic issues in their push
    for substantial gains in the House and Senate in November": this November (2010-11, a
    scheduled event), not the November before the article (2009-11)."""
    sentence = (
        "Republicans have strayed from a focus on economic issues in their push for substantial "
        "gains in the House and Senate in November."
    )
    dating = _dated(nlp, f"{MOSQUE}_1", sentence)
    assert dating is not None
    assert (dating.value, dating.scheduled) == ("2010-11", True)
    # NYT, 2013-02-20: "In November" under "after" is the November before (2012-11), and since
    # timeline events v9 it dates the re-election, a lower bound of the resignation, not the
    # resignation: the sentence is reported by its article's day (issue #15, seventh round).
    sentence = "After winning re-election in November, he resigned"
    text, published = _article("f506aafc-8b43-427a-936e-bbd1ef33e076_2", "2013")
    start = text.index(sentence)
    claim = Claim("f", start, start + len(sentence), sentence, 1.0, "test")
    analysis = _analysed_any(nlp, "2013", "f506aafc-8b43-427a-936e-bbd1ef33e076_2")
    assert [d.value for d in analysis.dates if d.text == "November" and start <= d.start] == [
        "2012-11"
    ]
    dating = date_claim(claim, analysis.dates, published, set(tokenize(sentence)))
    assert dating is not None
    assert (dating.value, dating.basis, dating.scheduled) == ("2013-02-20", "published", False)


def test_a_sentence_inside_a_quoted_blog_post_is_no_development(nlp: Language) -> None:
    """HuffPost, 2010-06-14, quotes a Big Government post over three paragraphs, marked only at
    its two ends (“Expect more of this. … Act accordingly.”). It is one direct quote, and its
    sentences ("A hard, progressive left captured the Democrat majority …") are no development
    (the timeline read "reported by 2010-06-14 — A hard, progressive left captured …")."""
    name = f"{ETHERIDGE}_3"
    text, published = _article(name)
    analysis = _analysed(nlp, name)
    opening, closing = text.index("“Expect more of this."), text.index("Act accordingly.”")
    blog = [q for q in analysis.quotes if q.start == opening]
    assert [(q.kind, q.end) for q in blog] == [("direct", closing + len("Act accordingly.”"))]
    left = [c for c in analysis.claims if c.text.startswith("A hard, progressive left captured")]
    assert left
    quoted = tuple((q.start, q.end) for q in analysis.quotes if q.kind in {"direct", "partial"})
    article = TimelineArticle(name, "HuffPost", published, analysis.claims, analysis.dates)
    told = {s.text for e in build_timeline([article]) for s in e.sources}
    assert left[0].text in told  # read as the outlet's own words, it was a development
    quoting = replace(article, quoted=quoted)
    told = {s.text for e in build_timeline([quoting]) for s in e.sources}
    assert not {t for t in told if opening <= text.index(t) < closing}  # the outlet's stays:
    assert "DNC spokesman Brad Woodhouse addressed the video in a statement Monday:" in told


def test_a_bare_ordinal_is_no_quarter(nlp: Language) -> None:
    """HuffPost, 2011-04-07: a poll "shows Trump tied for 2nd with Mike Huckabee": the small
    model types "2nd" DATE, and the quarter rule read it as the second quarter (``2011-Q2``); a
    bare ordinal names no quarter, day or month ("released yesterday" is a modifier clause, passed
    over: the poll's sentence is reported by the publication date)."""
    name = "005a2961-0c2e-4575-8eec-770ba52a08e0_3"
    text, published = _article(name, "2011")
    sentence = "A national NBC/WSJ poll released yesterday shows Trump tied for 2nd"
    start = text.index(sentence)
    analysis = _analysed_any(nlp, "2011", name)
    inside = [d for d in analysis.dates if start <= d.start < start + len(sentence)]
    assert all(d.value is None or "Q" not in d.value for d in inside)
    claim = Claim(name, start, start + len(sentence), sentence, 1.0, "test")
    dating = date_claim(claim, analysis.dates, published, set(tokenize(sentence)))
    assert dating is not None
    assert (dating.value, dating.basis) == ("2011-04-07", "published")


def test_the_askers_quoted_words_are_not_the_answerers(nlp: Language) -> None:
    """Fox: "the man approached the congressman and asked if he supported the “Obama agenda.”"
    (the parser hangs "asked" on "Etheridge … is seen"); HuffPost: "after he asked the
    congressman if he “fully supported the Obama agenda.”" ("he": the student). The quoted words
    are the question's, put to Etheridge; the page showed "Bob Etheridge — 'Obama agenda.'". The
    question stays a quote with its cue, and no speaker the article names."""
    for part, words in ((1, '"Obama agenda."'), (3, "“fully supported the Obama agenda.”")):
        text, _ = _article(f"{ETHERIDGE}_{part}")
        analysis = _analysed(nlp, f"{ETHERIDGE}_{part}")
        start = text.index(words)
        asked = [q for q in analysis.quotes if q.start == start and q.kind == "partial"]
        assert [(q.cue, q.speaker) for q in asked] == [("asked", None)], part
    # The congressman's own words, partial quotes in the same article, stay his.
    fox = _analysed(nlp, f"{ETHERIDGE}_1")
    assert {q.speaker for q in fox.quotes if q.text == '"long day."'} == {"Bob Etheridge"}
    # Fox, 2013-05-21: "Rep. Joseph Crowley, D-N.Y., asked her if she could “comment briefly on
    # …”": he asks, in his words ("her" is not Crowley).
    name = "84678e18-0b79-4570-9c9f-cb1cf88d968e_1"
    analysis = _analysed_any(nlp, "2013", name)
    crowley = [q for q in analysis.quotes if q.text.startswith('"comment briefly')]
    assert [(q.cue, q.speaker) for q in crowley] == [("asked", "Joseph Crowley")]


def test_a_quote_about_the_last_speaker_is_not_theirs(nlp: Language) -> None:
    """Fox quotes the NRCC's spokesman, Jon Thompson (whom the NYT names), with no attribution
    in its text: "“His conduct is unbecoming of a member of Congress. It's bad enough that he's
    joined Obama's assault …”", right after Etheridge's own words ("“I've been spat at …,” he
    added"). A quote that names no speaker and speaks of the last one in the third person is
    not his: unattributed, not Etheridge's. His own standalone quotes keep him."""
    analysis = _analysed(nlp, f"{ETHERIDGE}_1")
    conduct = [q for q in analysis.quotes if q.text.startswith('"His conduct is unbecoming')]
    assert [(q.kind, q.speaker) for q in conduct] == [("direct", None)]
    own = [q for q in analysis.quotes if q.text.startswith('"Tell me who you are')]
    assert [q.speaker for q in own] == ["Bob Etheridge"]
    # NYT: "“Bob Etheridge has lost it,” said Jon Thompson, a Republican spokesman. “His
    # conduct …”": another person is named just before; the quote stays Thompson's.
    nyt = _analysed(nlp, f"{ETHERIDGE}_2")
    thompson = [q for q in nyt.quotes if q.text.startswith("“His conduct is unbecoming")]
    assert [q.speaker for q in thompson] == ["Jon Thompson"]
    # HuffPost: Woodhouse's second quote gives its "his" an antecedent of its own ("this guy …
    # his face"): still Woodhouse's.
    huffpost = _analysed(nlp, f"{ETHERIDGE}_3")
    tracking = [q for q in huffpost.quotes if q.text.startswith("“This was a Republican party")]
    assert [q.speaker for q in tracking] == ["Brad Woodhouse"]


def _span_dating(
    nlp: Language, name: str, year: str, first: str, last: str
) -> tuple[set[str], Dating | None]:
    """The time values written in the sentence of article ``name`` (BASIL ``year``) that runs
    from ``first`` to the end of ``last``, and the date the timeline gives it."""
    text, published = _article(name, year)
    start = text.index(first)
    end = text.index(last, start) + len(last)
    claim = Claim(name, start, end, text[start:end], 1.0, "test")
    analysis = _analysed_any(nlp, year, name)
    written = {d.value for d in analysis.dates if start <= d.start < end}
    return written, date_claim(claim, analysis.dates, published, set(tokenize(claim.text)))


def test_a_time_after_since_bounds_a_state_and_dates_no_development(nlp: Language) -> None:
    """NYT, 2012-12-09: "They were the first one-on-one deficit talks between Mr. Obama and Mr.
    Boehner since the summer of 2011, when the search for a “grand bargain” … failed": the talks
    are not of summer 2011 (the timeline dated them ``2011-SU``); reported by the article's
    day. HuffPost, 2013-08-29: "Prior to this spring, the Internal Revenue Service did not
    recognize …" is a state before spring 2013, not a development of it. Fox, 2011-03-29:
    "going back to late 1998" is where the class starts."""
    written, dating = _span_dating(
        nlp,
        "cad4bba5-cf97-45cb-8059-ebeb47dcec7a_2",
        "2012",
        "They were the first one-on-one deficit talks",
        "ultimately failed.",
    )
    assert "2011-SU" in written
    assert dating is not None
    assert (dating.value, dating.basis) == ("2012-12-09", "published")
    written, dating = _span_dating(
        nlp,
        "70c744ad-e950-445c-8a7a-0782b0a7d20b_3",
        "2013",
        "Prior to this spring, the Internal Revenue Service did not recognize",
        "section 3 of DOMA.",
    )
    assert "2013-SP" in written
    assert dating is None
    # Fox, 2011-03-29: the class covers women "who worked for the company going back to late
    # 1998"; the claims were not folded into it in 1998 (the timeline's background said so).
    written, dating = _span_dating(
        nlp,
        "2058ec60-5372-4f5f-83a3-da780be3a350_2",
        "2011",
        "Her discrimination claims were folded",
        "late 1998.",
    )
    assert "1998" in written
    assert dating is None or dating.value != "1998"


CONSTITUTION = "a28a0329-0887-42dc-bd3d-3bb4f8926757"  # 1 NYT, 2 HuffPost, 3 Fox News


def test_a_hyphen_in_a_party_tag_does_not_end_the_attribution(nlp: Language) -> None:
    """Fox, 2011-01-06: "“This is very emotional for me,” Rep. Jesse Jackson Jr., D-Ill., said on
    the floor": the hyphen of "D-Ill." ended the words read for "said X", and the quote went to
    the sentence before ("Democratic lawmakers who complained …": an unnamed "who")."""
    analysis = _analysed_any(nlp, "2011", f"{CONSTITUTION}_3")
    emotional = [q for q in analysis.quotes if q.text.startswith('"This is very emotional')]
    assert [q.speaker for q in emotional] == ["Jesse Jackson Jr."]


def test_a_closed_quote_is_not_continued_by_the_next_speaker(nlp: Language) -> None:
    """HuffPost, 2011-01-06: "According to Peter Keating at Vanity Fair, $1.1 million is …
    “The amount I get is nearly $1.1 million. … coffee machines on.”" then "“We always hear
    …,” explained newly-minted Speaker John Boehner": the first quote is closed, so it is not
    the first paragraph of Boehner's (it was his); a paragraph left open still is."""
    analysis = _analysed_any(nlp, "2011", f"{CONSTITUTION}_2")
    keating = [q for q in analysis.quotes if q.text.startswith("“The amount I get")]
    assert len(keating) == 1 and keating[0].speaker != "John Boehner"
    boehner = [q for q in analysis.quotes if q.text.startswith("“We always hear")]
    assert [q.speaker for q in boehner] == ["John Boehner"]


def test_a_hyphenated_surname_is_the_person_named_in_full(nlp: Language) -> None:
    """HuffPost, 2014-08-20: "Yvette Townsend-Saunders called the meeting …", then "“He said
    …,” Townsend-Saunders said": the lone surname (typed ORG) is her, one speaker."""
    analysis = _analysed_any(nlp, "2014", "ed8c136f-8d44-4c83-ad05-0dcfc3a0c54a_1")
    alone = [m for m in analysis.mentions if m.text == "Townsend-Saunders"]
    assert alone and {m.label for m in alone} == {"PERSON"}
    full = {m.entity for m in analysis.mentions if m.text == "Yvette Townsend-Saunders"}
    assert {m.entity for m in alone} == full
    speakers = {q.speaker for q in analysis.quotes if "Saunders" in (q.speaker or "")}
    assert speakers == full


def test_a_time_of_day_dates_its_development_at_the_day(nlp: Language) -> None:
    """Fox, 2014-08-21: "On Wednesday night, a diminished number of protesters marched …":
    ``2014-08-20TNI`` dated nothing, and the march was "reported by 2014-08-21"; it is of
    2014-08-20. "more than a week of unrest since the August 9 death of 18-year-old Michael
    Brown" is a state since then, not a development of August 9."""
    name = "ed8c136f-8d44-4c83-ad05-0dcfc3a0c54a_2"
    text, published = _article(name, "2014")
    analysis = _analysed_any(nlp, "2014", name)

    def dated(sentence: str) -> Dating | None:
        start = text.index(sentence)
        claim = Claim(name, start, start + len(sentence), sentence, 1.0, "test")
        return date_claim(claim, analysis.dates, published, set(tokenize(sentence)))

    night = dated("On Wednesday night, a diminished number of protesters marched")
    assert night is not None
    assert (night.value, night.precision, night.basis) == ("2014-08-20", "day", "stated")
    since = dated("Ferguson has endured more than a week of unrest since the August 9 death")
    assert since is None or since.value != "2014-08-09"
    # NYT, 2013-05-15, on e-mails of September 2012: "At 9:52 p.m., a C.I.A. spokesman e-mailed
    # …" names no day; the clock time is not of the publication day.
    name = "1bb79cc1-5d69-4136-a23d-6dbd300cbf25_1"
    text, published = _article(name, "2013")
    analysis = _analysed_any(nlp, "2013", name)
    sentence = "At 9:52 p.m., a C.I.A. spokesman e-mailed"
    start = text.index(sentence)
    assert any(d.value and "T" in d.value for d in analysis.dates if d.start == start + 3)
    clock = dated(sentence)
    assert clock is None or clock.value != published.isoformat()


def test_the_last_sentence_of_a_quote_with_its_attribution_is_no_development(
    nlp: Language,
) -> None:
    """HuffPost, 2014-08-20: "“… He agreed somewhat to what everyone said,” McCoy added." was a
    development ("reported by 2014-08-20"); it is the end of McCoy's quote. The outlet's own
    "After the college events, Holder headed over to Drake's Place …" stays one."""
    name = "ed8c136f-8d44-4c83-ad05-0dcfc3a0c54a_1"
    _, published = _article(name, "2014")
    analysis = _analysed_any(nlp, "2014", name)
    quoted = tuple((q.start, q.end) for q in analysis.quotes if q.kind in {"direct", "partial"})
    article = TimelineArticle(name, "HuffPost", published, analysis.claims, analysis.dates)
    told = {s.text for e in build_timeline([replace(article, quoted=quoted)]) for s in e.sources}
    assert not [t for t in told if "He agreed somewhat" in t]
    assert [t for t in told if t.startswith("After the college events, Holder headed over")]
    unquoted = {s.text for e in build_timeline([article]) for s in e.sources}
    assert [t for t in unquoted if "He agreed somewhat" in t]  # a development without the spans


def test_a_relative_time_in_a_quote_is_the_speakers(nlp: Language) -> None:
    """The Independent, 2025-07-04: "The pair spoke again at length on Thursday …" then "Trump
    was clear: "No, I didn't make any progress with him today at all …"": his "today" is the
    day of the call, 2025-07-03, not the article's day. Fox, 2011-01-06: "“Today the Congress
    regulates our lives …,” he said." is Roger Pilon's opinion: its "today" dates nothing and
    the sentence is no development; an event the speaker tells in the past keeps the article's
    reading."""
    text, published = read_seed("000")
    analysis = analyze_text("000", text, published, nlp=nlp)
    quoted = [(q.start, q.end) for q in analysis.quotes if q.kind in {"direct", "partial"}]
    start = text.index("When asked if he had any success with Putin")
    end = text.index("at all...", start) + len("at all...")
    claim = Claim("000", start, end, text[start:end], 1.0, "test")
    terms = set(tokenize(claim.text))
    unquoted = date_claim(claim, analysis.dates, published, terms)
    assert unquoted is not None and unquoted.value == "2025-07-04"  # without the quotes' spans
    dating = date_claim(claim, analysis.dates, published, terms, quoted=quoted)
    assert dating is not None
    assert (dating.value, dating.precision, dating.basis) == ("2025-07-03", "day", "stated")
    name = f"{CONSTITUTION}_3"
    text, published = _article(name, "2011")
    analysis = _analysed_any(nlp, "2011", name)
    quoted = [(q.start, q.end) for q in analysis.quotes if q.kind in {"direct", "partial"}]
    start = text.index('"Today the Congress regulates')
    end = text.index("he said.", start) + len("he said.")
    claim = Claim(name, start, end, text[start:end], 1.0, "test")
    terms = set(tokenize(claim.text))
    assert date_claim(claim, analysis.dates, published, terms) is not None
    assert date_claim(claim, analysis.dates, published, terms, quoted=quoted) is None
    # NYT, 2012-08-21: "“Today, his fellow Missourians urged him to step aside …,” Mr. Romney
    # said in a statement": an event told in the past, said with no day of its own: by the
    # article's day, as before.
    name = "08bb9bee-c167-4c17-9c6d-4a1259231eb7_1"
    text, published = _article(name, "2012")
    analysis = _analysed_any(nlp, "2012", name)
    quoted = [(q.start, q.end) for q in analysis.quotes if q.kind in {"direct", "partial"}]
    start = text.index("“Today, his fellow Missourians urged him")
    end = text.index("said in a statement", start)
    claim = Claim(name, start, end, text[start:end], 1.0, "test")
    dating = date_claim(claim, analysis.dates, published, set(tokenize(claim.text)), quoted=quoted)
    assert dating is not None and dating.value == "2012-08-21"


def test_a_thing_is_no_speaker(nlp: Language) -> None:
    """SouthFront, 2025-07-08: "Zelensky has effectively rejected Moscow’s core demands,
    viewing concessions as politically untenable": the parser hangs "viewing" on "demands",
    which was read as its doer (speaker "Moscow’s core demands"). Fox, 2011-03-29: "But those
    two remedies require different standards for class certification and Justice Ruth Bader
    Ginsburg said it was "a very serious problem" …": Ginsburg's, not "those two remedies"."""
    text, published = read_seed("001")
    analysis = analyze_text("001", text, published, nlp=nlp)
    at = text.index("viewing concessions")
    holding = [q for q in analysis.quotes if q.start <= at + 8 < q.end]
    assert holding
    assert not [q for q in holding if "demands" in (q.speaker_text or "")]
    assert {q.speaker for q in holding} == {"Volodymyr Zelensky"}
    analysis = _analysed_any(nlp, "2011", "2058ec60-5372-4f5f-83a3-da780be3a350_2")
    serious = [q for q in analysis.quotes if q.text.startswith('it was "a very serious problem"')]
    assert [(q.speaker, q.speaker_text) for q in serious] == [
        ("Ruth Bader Ginsburg", "Ruth Bader Ginsburg")
    ]


def test_a_place_after_a_title_and_first_name_is_a_surname(nlp: Language) -> None:
    """Fox, 2011-01-06: ""… to read the Constitution," said Rep. Steve Israel, D-N.Y.": the
    model types "Israel" a place and leaves "Steve" out; the speaker was "Israel". It is the
    person Steve Israel, for both of his quotes; no mention of Israel the country is left."""
    analysis = _analysed_any(nlp, "2011", f"{CONSTITUTION}_3")
    text, _ = _article(f"{CONSTITUTION}_3", "2011")
    at = text.index("Steve Israel")
    named = [m for m in analysis.mentions if m.start <= at + 6 < m.end]
    assert [(m.text, m.label, m.entity, m.role) for m in named] == [
        ("Steve Israel", "PERSON", "Steve Israel", "Rep.")
    ]
    assert not [m for m in analysis.mentions if m.entity == "Israel"]
    his = [
        q for q in analysis.quotes if q.text.startswith(("\"I don't think the Const", '"But I do'))
    ]
    assert [q.speaker for q in his] == ["Steve Israel", "Steve Israel"]


def test_the_same_day_is_not_a_day_in_a_modifier(nlp: Language) -> None:
    """NYT, 2011-01-06: the reading began "on Thursday morning", Boehner yielded "to the woman
    who handed him the gavel on Wednesday"; "the document reading happened on the same day that
    House Republicans began …" is Thursday, 2011-01-06, not the Wednesday of the modifier."""
    name = f"{CONSTITUTION}_1"
    text, _ = _article(name, "2011")
    analysis = _analysed_any(nlp, "2011", name)
    at = text.index("the same day that House Republicans")
    same = [d for d in analysis.dates if d.start == at]
    assert [d.value for d in same] == ["2011-01-06"]
    gavel = text.index("on Wednesday", text.index("handed him the gavel"))
    assert [d.value for d in analysis.dates if d.start == gavel + 3] == ["2011-01-05"]


def test_a_said_after_a_long_apposition_on_its_speaker_is_found(nlp: Language) -> None:
    """Fox, 2011-01-06: ""They are reading it like a sacred text," Rep. Jerrold Nadler, D-N.Y.,
    the former chairman of the House Judiciary subcommittee on the Constitution, Civil Rights
    and Civil Liberties, told The Washington Post.": "told" is 26 tokens after the quote, past
    the 12 searched, and the quote went to the sentence before ("Other lawmakers")."""
    analysis = _analysed_any(nlp, "2011", f"{CONSTITUTION}_3")
    sacred = [q for q in analysis.quotes if q.text.startswith('"They are reading it like')]
    assert [(q.speaker, q.cue) for q in sacred] == [("Jerrold Nadler", "told")]


def test_a_quote_after_according_to_is_the_sources(nlp: Language) -> None:
    """HuffPost, 2011-01-06: "According to Peter Keating at Vanity Fair, $1.1 million is the
    estimated cost …" then a paragraph of its own: "“The amount I get is nearly $1.1 million.
    …”": Keating's words (it had no speaker)."""
    analysis = _analysed_any(nlp, "2011", f"{CONSTITUTION}_2")
    keating = [q for q in analysis.quotes if q.text.startswith("“The amount I get")]
    assert [(q.speaker, q.cue) for q in keating] == [("Peter Keating", "According to")]


WALMART = "2058ec60-5372-4f5f-83a3-da780be3a350"  # 1 NYT, 2 Fox News, 3 HuffPost
JACKSON = "f506aafc-8b43-427a-936e-bbd1ef33e076"  # 1 Fox News, 2 NYT, 3 HuffPost


def test_a_suffix_is_no_surname(nlp: Language) -> None:
    """Wal-Mart, 2011-03-29: the NYT writes "Theodore J. Boutrous Jr." and "Mr. Boutrous", "Chief
    Justice John G. Roberts Jr." and "Chief Justice Roberts"; Fox "Theodore Boutrous" and "John
    Roberts": one person each, in the article and across the story (each was two: "Jr." was
    read as the surname). Jesse Jackson Jr. (2013) stays apart from his father, whom the same
    articles name "Rev. Jesse Jackson" and "the Rev. Jesse L. Jackson"."""
    nyt = _analysed_any(nlp, "2011", f"{WALMART}_1")
    by_text = {m.text: m.entity for m in nyt.mentions if m.label == "PERSON"}
    assert by_text["Mr. Boutrous"] == "Theodore J. Boutrous Jr."
    assert by_text["Roberts"] == "John G. Roberts Jr."
    names = [f"{WALMART}_{i}" for i in (1, 2, 3)]
    jackson = [f"{JACKSON}_{i}" for i in (1, 2, 3)]
    mentions = [m for name in names for m in _analysed_any(nlp, "2011", name).mentions]
    mentions += [m for name in jackson for m in _analysed_any(nlp, "2013", name).mentions]
    people = {e.name: set(e.aliases) for e in merge_entities(mentions) if e.label == "PERSON"}
    assert {"Theodore Boutrous", "Boutrous"} <= people["Theodore J. Boutrous Jr."]
    assert "John Roberts" in people["John G. Roberts Jr."]
    son = next(aliases for name, aliases in people.items() if name.endswith("Jackson Jr."))
    assert not {"Jesse Jackson", "Jesse L. Jackson"} & son


def test_a_lone_surname_is_not_a_relative_named_beside(nlp: Language) -> None:
    """Fox, 2013-02-20: "His wife, Sandra Jackson, …" then "Jackson, dressed in a blue tie, …
    looked back in the direction of his father and wife" and "Jackson said he was clearheaded":
    Jesse Jackson Jr., not his wife (his quotes were hers); the NYT's "Mr. Jackson" after "the
    Rev. Jesse L. Jackson" is the son too (it was the father)."""
    fox = _analysed_any(nlp, "2013", f"{JACKSON}_1")
    alone = {m.entity for m in fox.mentions if m.text == "Jackson"}
    assert alone == {"Jesse Jackson Jr."}
    clear = [q for q in fox.quotes if q.text.startswith("he was clearheaded")]
    assert [q.speaker for q in clear] == ["Jesse Jackson Jr."]
    nyt = _analysed_any(nlp, "2013", f"{JACKSON}_2")
    assert {m.entity for m in nyt.mentions if m.text == "Mr. Jackson"} == {"Jesse L. Jackson Jr."}


PATRICK = "d3a1ce0a-fc48-4827-a278-8f0ce8c7a519"  # 1 Fox News, 2 HuffPost, 3 NYT


def test_he_is_who_the_sentence_before_is_about(nlp: Language) -> None:
    """NYT, 2013-01-30: "From 1997 to 2009, he practiced civil litigation as an associate and
    later a partner in the Boston office of Mintz, Levin, Cohn, …. He also served as a special
    assistant district attorney …. He left the Patrick administration last year …, but said
    this brief detour to Washington was a sacrifice worth making": Mr. Cowan's words, the
    subject the sentences before are about, not "Mintz Levin", the last name written."""
    analysis = _analysed_any(nlp, "2013", f"{PATRICK}_3")
    detour = [q for q in analysis.quotes if q.text.startswith("this brief detour")]
    assert [q.speaker for q in detour] == ["William Cowan"]


def test_he_after_a_quote_is_who_the_sentence_before_it_is_about(nlp: Language) -> None:
    """Fox, 2013-01-16: "Sen. Marco Rubio, R-Fla., accused Obama of trying to …" then ""Nothing
    the president is proposing would have stopped the massacre at Sandy Hook. President Obama
    is targeting the 2nd Amendment rights …," he said.": Rubio's words (they were given to
    Barack Obama, the last name before "he", inside the quote)."""
    analysis = _analysed_any(nlp, "2013", "526cabb7-02a3-4adb-8e90-ec781c40c498_2")
    nothing = [q for q in analysis.quotes if q.text.startswith('"Nothing the president')]
    assert [q.speaker for q in nothing] == ["Marco Rubio"]


def test_a_weekday_under_a_modal_is_the_closest(nlp: Language) -> None:
    """NYT, Monday 2013-01-14: "the president could use a public event as soon as Wednesday to
    signal his intention …": Wednesday 2013-01-16, two days ahead (it was 2013-01-09, five days
    back, and the timeline dated the plan a week before the article)."""
    name = "526cabb7-02a3-4adb-8e90-ec781c40c498_1"
    text, _ = _article(name, "2013")
    analysis = _analysed_any(nlp, "2013", name)
    at = text.index("Wednesday", text.index("as soon as"))
    assert [d.value for d in analysis.dates if d.start == at] == ["2013-01-16"]


def test_a_view_keeps_what_it_views_the_object_as(nlp: Language) -> None:
    """SouthFront, 2025-07-08: "Zelensky has effectively rejected Moscow’s core demands, viewing
    concessions as politically untenable": his view is "concessions as politically untenable"
    (it was the one word "concessions")."""
    text, published = read_seed("001")
    analysis = analyze_text("001", text, published, nlp=nlp)
    viewing = [q for q in analysis.quotes if q.cue == "viewing"]
    assert [(q.speaker, q.text) for q in viewing] == [
        ("Volodymyr Zelensky", "concessions as politically untenable")
    ]


def test_a_headline_line_yields_no_names_from_its_verbs(nlp: Language) -> None:
    """NYT, 2013-01-30: BASIL's text keeps the page headline "Governor Appoints Ex-Aide to Fill
    Kerry’s Seat" as a line of its own; "Appoints Ex-Aide" and "Fill Kerry’s Seat" are no
    people, and "“I’m not that cool,” the governor replied." is Deval Patrick's ("Gov. Deval
    Patrick" in the first sentence), not the headline's "Appoints Ex - Aide". HuffPost's headline
    "… Deval Patrick Names Former Chief Of Staff …" names Deval Patrick, not "Deval Patrick
    Names"."""
    nyt = _analysed_any(nlp, "2013", f"{PATRICK}_3")
    cool = [q for q in nyt.quotes if "not that cool" in q.text]
    assert [q.speaker for q in cool] == ["Deval Patrick"]
    people = {m.entity for m in nyt.mentions if m.label == "PERSON"}
    assert not {p for p in people if "Appoints" in p or "Seat" in p}
    huffpost = _analysed_any(nlp, "2013", f"{PATRICK}_2")
    text, _ = _article(f"{PATRICK}_2", "2013")
    line = text.index("Deval Patrick Names")
    assert [m.entity for m in huffpost.mentions if m.start == line] == ["Deval Patrick"]


def test_a_name_with_a_quoted_nickname_is_one_person(nlp: Language) -> None:
    """HuffPost, 2013-01-30: 'Gov. Deval Patrick (D) on Wednesday appointed William "Mo" Cowan
    …'; the NER reads "William" and, apart, "Cowan" (an organisation), so "Cowan said Patrick
    offered him the job …. He said there would be "no daylight" between him and Kerry …" and
    "I am not running for office; …" went to Deval Patrick and John Kerry. They are Cowan's, and
    so is every lone "Cowan"."""
    analysis = _analysed_any(nlp, "2013", f"{PATRICK}_2")
    cowan = {m.entity for m in analysis.mentions if "Cowan" in m.text and "Senate" not in m.text}
    assert cowan == {"William Cowan"}
    said = [q for q in analysis.quotes if "no daylight" in q.text or "not running" in q.text]
    assert said
    assert {q.speaker for q in said} == {"William Cowan"}


def test_a_lone_surname_with_no_entity_is_the_person_named_in_full(nlp: Language) -> None:
    """HuffPost, 2013-01-30: "Rep. Stephen Lynch (D-Mass.) is expected to announce his bid …
    Lynch holds more conservative positions than Markey; he opposes abortion rights and voted
    against President Barack Obama's health care law.": the NER gives the lone "Lynch" no
    entity; it is Stephen Lynch, and "he", after the semicolon, is who the clause before it is
    about, Lynch (it was Ed Markey, the name written last)."""
    text, _ = _article(f"{PATRICK}_2", "2013")
    analysis = _analysed_any(nlp, "2013", f"{PATRICK}_2")
    at = text.index("Lynch holds")
    assert [m.entity for m in analysis.mentions if m.start == at] == ["Stephen Lynch"]
    positions = [q for q in analysis.quotes if q.text.startswith(("abortion", "President Barack"))]
    assert positions
    assert {q.speaker for q in positions} == {"Stephen Lynch"}
    # Fox, 2013-05-13: "Gen. Martin Dempsey responded: …" then "Dempsey said: "I would call
    # myself surprised that she didn't."": no entity for "Dempsey", so the quote had no speaker.
    fox = _analysed_any(nlp, "2013", "1bb79cc1-5d69-4136-a23d-6dbd300cbf25_3")
    surprised = [q for q in fox.quotes if "call myself surprised" in q.text]
    assert [q.speaker for q in surprised] == ["Martin Dempsey"]


def test_a_headline_topic_before_a_colon_is_no_source(nlp: Language) -> None:
    """HuffPost, 2013-01-30, headline line "Mo Cowan Senate: Deval Patrick Names Former Chief Of
    Staff To Replace John Kerry": "Mo Cowan Senate" (an organisation to the NER, written nowhere
    else in the article) is the topic, not someone who said the rest of the line."""
    text, _ = _article(f"{PATRICK}_2", "2013")
    analysis = _analysed_any(nlp, "2013", f"{PATRICK}_2")
    line_end = text.index("\n")
    assert text[:line_end].startswith("Mo Cowan Senate:")
    assert [q for q in analysis.quotes if q.start < line_end] == []
