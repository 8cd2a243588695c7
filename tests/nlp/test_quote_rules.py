"""Quotes: the required seed quotes, quote-mark pairing, and each attribution shape."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from parallax.model import ArticleAnalysis, Quote
from parallax.nlp.pipeline import analyze_text
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
        ("''Two apostrophes,'' said Mr. Roe.", ["''Two apostrophes,''"]),
        ("She said ‘we won’ and left.", ["‘we won’"]),
        ("The voters’ choice: ‘no deal’.", ["‘no deal’"]),  # an apostrophe never pairs
        ("“He said ‘no’ twice,” she said.", ["“He said ‘no’ twice,”"]),  # nested: outer only
        ("Rock ’n’ roll in the ’90s", []),
        # A quote over paragraphs marked only at its two ends (HuffPost quoting a blog post).
        ("“One.\n\nTwo.\n\nThree.”\n\nAfter.", ["“One.\n\nTwo.\n\nThree.”"]),
        ("“One.\n\nA “new” one.”", ["“new”"]),  # another mark between: no carried quote
        ("“One.\n\n2\n\n3\n\n4\n\n5\n\n6.”", []),  # too far
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


@pytest.mark.parametrize(
    ("text", "content", "speaker_text", "cue"),
    [
        (  # a participle series belongs to the sentence's subject, not the reported clause's
            "European leaders redoubled their efforts by warning that the president is being "
            "mocked by Putin, alleging that Moscow is using chemical weapons and demanding "
            "that the US restore supplies.",
            "that the US restore supplies",
            "European leaders",
            "demanding",
        ),
        (
            "European leaders redoubled their efforts by warning that the president is being "
            "mocked by Putin, alleging that Moscow is using chemical weapons.",
            "that Moscow is using chemical weapons",
            "European leaders",
            "alleging",
        ),
        (
            "Radek Sikorski called for the US to end its suspension of missiles.",
            "the US to end its suspension of missiles",
            "Radek Sikorski",
            "called for",
        ),
        (
            "The deal, she said, was never going to pass.",
            "The deal, she said, was never going to pass",
            "she",
            "said",
        ),
        (
            "In a CBS News poll released Monday, Clinton led Sanders by 20 points.",
            "Clinton led Sanders by 20 points",
            "a CBS News poll",
            "In a CBS News poll",
        ),
        (
            "Senator Jane Roe raised questions about the trade deal.",
            "the trade deal",
            "Senator Jane Roe",
            "raised questions about",
        ),
        (
            "About half of voters said they prefer an outsider.",
            "they prefer an outsider",
            "About half of voters",
            "said",
        ),
        (
            "It was the group that endorsed Jane Roe last week.",
            "Jane Roe",
            "that",
            "endorsed",
        ),
    ],
)
def test_reported_shapes(
    nlp: Language, text: str, content: str, speaker_text: str, cue: str
) -> None:
    found = [q for q in _quotes(nlp, text) if q.text == content]
    assert found, [(q.text, q.speaker_text, q.cue) for q in _quotes(nlp, text)]
    assert (found[0].speaker_text, found[0].cue) == (speaker_text, cue)


def test_things_that_are_not_sources(nlp: Language) -> None:
    text = "The crisis has seen significant developments. The move signals new attempts."
    assert _quotes(nlp, text) == ()


def test_trailing_speaker_survives_an_abbreviation(nlp: Language) -> None:
    text = "“Still, it will rise and fall on its quality,” said Mr. Nevins of Showtime."
    [quote] = _quotes(nlp, text)
    assert quote.speaker_text == "Mr. Nevins of Showtime"


def test_trailing_speaker_never_crosses_a_paragraph(nlp: Language) -> None:
    text = "“We wanted one coherent style.”\n\nJohn Smith said the transition was normal."
    direct = next(q for q in _quotes(nlp, text) if q.kind == "direct")
    assert direct.speaker_text is None


def test_pronouns_agree_in_gender(nlp: Language) -> None:
    text = (
        "Mrs. Jane Roe met John Smith, the party's chairman, on Monday.\n\n"
        "She said the talks would go on."
    )
    [quote] = [q for q in _quotes(nlp, text) if q.speaker_text == "She"]
    assert quote.speaker == "Jane Roe"
    text = "Vladimir Putin called Mrs. Jane Roe.\n\nHe said the talks would go on."
    [quote] = [q for q in _quotes(nlp, text) if q.speaker_text == "He"]
    assert quote.speaker == "Vladimir Putin"  # the gazetteer knows his gender


def test_a_title_in_quote_marks_is_no_direct_quote(nlp: Language) -> None:
    text = 'Sanders told "CBS This Morning," he would stay in the race.'
    assert all(q.text != '"CBS This Morning,"' for q in _quotes(nlp, text))


def test_titles_in_quote_marks_are_not_quotes(nlp: Language) -> None:
    text = "Jane Roe said on “Meet the Press” that the vote was fair."
    assert all(q.kind != "partial" for q in _quotes(nlp, text))


def test_unattributed_scare_quote_is_skipped(nlp: Language) -> None:
    assert _quotes(nlp, "The deal was a “disaster” for the region.") == ()


# Sentences from the news articles of PolNeAR's train split (Politico, The New York Times, The
# Washington Post, Breitbart, USA Today, 2015-2016), as published.
@pytest.mark.parametrize(
    ("text", "content", "speaker_text", "cue"),
    [
        (  # the writer's judgement: the whole clause, no source
            "Sanders seemed to be of two minds Tuesday night when he delivered a speech "
            "alternately defiant and conciliatory.",
            "Sanders seemed to be of two minds Tuesday night when he delivered a speech "
            "alternately defiant and conciliatory",
            None,
            "seemed",
        ),
        (
            "Ben Carson appears to be slipping.",
            "Ben Carson appears to be slipping",
            None,
            "appears",
        ),
        (  # an indirect question, its asker unnamed
            "Asked if her email practices were illegal, 46 percent of voters said yes, compared "
            "with 23 percent who said using a private server was improper but not illegal.",
            "if her email practices were illegal",
            None,
            "Asked",
        ),
        (  # a passive cue: the "by" agent is the source
            "O’Malley’s move was first reported by MSNBC.",
            "O’Malley’s move",
            "MSNBC",
            "reported",
        ),
        (
            "Both Google and Facebook have reportedly looked at Twitter and passed.",
            "Both Google and Facebook have reportedly looked at Twitter and passed",
            None,
            "reportedly",
        ),
        (  # evidence that takes a clause is cited, whatever its subject
            "Footage from the game shows that several students dressed up in American flag garb "
            "for the game against Bishop Noll Institute.",
            "that several students dressed up in American flag garb for the game against Bishop "
            "Noll Institute",
            "Footage from the game",
            "shows",
        ),
        (  # a headline's source need not be a name
            "Poll: Bernie Sanders Burns Hillary Clinton With First-Ever National Lead.",
            "Bernie Sanders Burns Hillary Clinton With First-Ever National Lead",
            "Poll",
            ":",
        ),
        (  # ... and its claim can be a quote
            "Kasich: ‘We Are Going To Go All The Way To Cleveland and Secure The Republican "
            "Nomination.’",
            "‘We Are Going To Go All The Way To Cleveland and Secure The Republican Nomination.’",
            "Kasich",
            ":",
        ),
        (  # a reported clause that ends in a partial quote takes in its closing mark
            "Tester credits the Democrats' bright prospects to the quality of its candidates -- "
            'but he said Trump\'s presence on the ballot "is going to help our candidates."',
            'Trump\'s presence on the ballot "is going to help our candidates."',
            "he",
            "said",
        ),
        (  # a person's attack is a stance ...
            "Trump also attacked Hillary Clinton and Marco Rubio during the course of the rant.",
            "Hillary Clinton and Marco Rubio",
            "Trump",
            "attacked",
        ),
    ],
)
def test_more_reported_shapes(
    nlp: Language, text: str, content: str, speaker_text: str | None, cue: str
) -> None:
    found = [q for q in _quotes(nlp, text) if q.text == content]
    assert found, [(q.text, q.speaker_text, q.cue) for q in _quotes(nlp, text)]
    assert (found[0].kind, found[0].speaker_text, found[0].cue) == ("reported", speaker_text, cue)


def test_attacks_and_appearances_that_are_not_attributions(nlp: Language) -> None:
    # ... an army's is not (seed 000's war: "Russia has been gradually stepping up efforts").
    assert _quotes(nlp, "Russian forces attacked Kyiv overnight with 500 drones.") == ()
    assert _quotes(nlp, "Trump appeared on Fox News on Sunday.") == ()


def test_a_participle_names_the_noun_it_modifies(nlp: Language) -> None:
    text = (
        "The effort to recruit pastors supporting Mr. Cruz in all of Iowa's 99 counties was the "
        "brainchild of Mr. Brown."
    )
    found = [q for q in _quotes(nlp, text) if q.cue == "supporting"]
    assert found, [(q.text, q.speaker_text, q.cue) for q in _quotes(nlp, text)]
    assert found[0].speaker_text == "pastors"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Russia said on Monday that the talks had failed.", "Russia"),  # a state speaks
        ("The Pentagon said on Monday that the review was routine.", "Pentagon"),
        ("Denver said on Tuesday that the roads would stay closed.", None),  # a city does not
    ],
)
def test_speakers_are_people_organisations_or_states(
    nlp: Language, text: str, speaker: str | None
) -> None:
    (quote,) = _quotes(nlp, text)
    assert quote.speaker == speaker
    assert quote.speaker_text is not None and quote.speaker_text in text  # the words are kept
