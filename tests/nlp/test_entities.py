"""Entity mentions on the seed articles and on small hand-written texts."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import pytest
from spacy.language import Language
from spacy.tokens import Doc, Span

from parallax.model import ArticleAnalysis, Mention
from parallax.nlp.aliases import merge_entities
from parallax.nlp.pipeline import analyze_text


def _labels(mentions: tuple[Mention, ...], text: str) -> set[str]:
    return {mention.label for mention in mentions if mention.text == text}


def test_gazetteer_fixes_model_slips(analyses: dict[str, ArticleAnalysis]) -> None:
    for analysis in analyses.values():
        assert _labels(analysis.mentions, "Kyiv") == {"GPE"}
    products = {m.text for a in analyses.values() for m in a.mentions if m.label == "PRODUCT"}
    assert {"Patriot", "HIMARS", "AIM-120"} <= products
    trump = [m for m in analyses["000"].mentions if m.text == "Trump"]
    assert trump and all(m.label == "PERSON" for m in trump)  # "Trump’s" was ORG


def test_short_names_and_titles_join_the_full_name(analyses: dict[str, ArticleAnalysis]) -> None:
    by_text = {(m.text, m.start): m for m in analyses["000"].mentions}
    people = {text: m.entity for (text, _), m in by_text.items() if m.label == "PERSON"}
    assert people["Sikorski"] == "Radek Sikorski"
    assert people["Mr Trump"] == "Donald Trump"
    assert people["Putin"] == "Vladimir Putin"
    assert people["Poland’s foreign minister"] == "Radek Sikorski"
    sikorski = next(m for m in analyses["000"].mentions if m.text == "Radek Sikorski")
    assert sikorski.role == "Poland’s foreign minister"
    brekelmans = next(m for m in analyses["000"].mentions if m.text == "Ruben Brekelmans")
    assert brekelmans.role == "Dutch defence minister"


def test_role_phrase_joins_the_role_holder(analyses: dict[str, ArticleAnalysis]) -> None:
    us_president = [m for m in analyses["000"].mentions if m.text.lower() == "us president"]
    assert us_president and {m.entity for m in us_president} == {"Donald Trump"}
    trump = next(m for m in analyses["001"].mentions if m.text == "Donald Trump")
    assert trump.role == "U.S. President"
    medvedev = next(m for m in analyses["001"].mentions if m.text == "Dmitry Medvedev")
    assert medvedev.role == "Security Council Deputy Chairman"


def test_role_named_in_the_article_wins_over_the_gazetteer(nlp: Language) -> None:
    text = (
        "Jane Roe, the mayor of Springfield, opened the bridge. "
        "Later the mayor said the work was done."
    )
    analysis = analyze_text("t", text, date(2025, 7, 4), nlp=nlp)
    roles = [m for m in analysis.mentions if m.text == "mayor"]
    assert [m.entity for m in roles] == ["Jane Roe"]


def test_seed_spellings_merge_into_one_entity(analyses: dict[str, ArticleAnalysis]) -> None:
    mentions = [m for analysis in analyses.values() for m in analysis.mentions]
    entities = {(e.label, e.name): e for e in merge_entities(mentions)}
    trump = entities[("PERSON", "Donald Trump")]
    assert {"Trump", "Mr Trump"} <= set(trump.aliases)
    assert "U.S. President" in trump.roles
    putin = entities[("PERSON", "Vladimir Putin")]
    assert "Putin" in putin.aliases
    assert not any(name == "Trump" for _, name in entities)
    assert ("GPE", "Kyiv") in entities and ("PERSON", "Kyiv") not in entities


@pytest.mark.parametrize(
    ("published", "speaker"),
    [
        (date(2025, 7, 8), "Hakan Fidan"),  # in his term
        (date(2020, 3, 1), "Mevlüt Çavuşoğlu"),  # in his predecessor's
        (date(2012, 3, 1), None),  # before any term the gazetteer lists: nobody
        (date(2030, 3, 1), None),  # after the open term was last checked: nobody
        (None, None),  # no publication date: nobody
    ],
)
def test_a_role_resolves_to_its_holder_on_the_day(
    nlp: Language, published: date | None, speaker: str | None
) -> None:
    text = "The Turkish Foreign Minister said that talks would resume in Istanbul."
    [quote] = analyze_text("t", text, published, nlp=nlp).quotes
    assert quote.speaker_text == "The Turkish Foreign Minister"
    assert quote.speaker == speaker


def test_a_title_with_an_of_phrase_is_a_role(nlp: Language) -> None:
    text = "The U.S. Secretary of State said the talks would go on."
    [quote] = analyze_text("t", text, date(2022, 1, 1), nlp=nlp).quotes
    assert quote.speaker == "Antony Blinken"


@pytest.mark.parametrize(
    ("published", "speaker"),
    [(date(2025, 7, 4), "Donald Trump"), (date(2023, 5, 1), "Joe Biden")],
)
def test_the_us_president_is_who_held_the_office_that_day(
    nlp: Language, published: date, speaker: str
) -> None:
    text = "The US president said that the talks would resume next week."
    quotes = analyze_text("t", text, published, nlp=nlp).quotes
    assert [(q.speaker_text, q.speaker) for q in quotes] == [("The US president", speaker)]


def test_entities_within_a_range_are_the_spans_own(nlp: Language) -> None:
    from parallax.nlp.entities import _ents_within, role_key
    from parallax.nlp.gazetteer import load_gazetteer

    doc = nlp(
        "Poland's foreign minister Radek Sikorski met the United States ambassador in Warsaw "
        "on Monday, and the French defence minister spoke to NATO officials in Brussels."
    )
    ents, gazetteer = doc.ents, load_gazetteer()
    assert len(ents) >= 4
    checked = 0
    for start in range(len(doc)):
        for end in range(start + 1, min(len(doc), start + 8) + 1):
            assert _ents_within(ents, start, end) == list(doc[start:end].ents)
            key = role_key(doc, start, end, gazetteer, ents)
            assert key == role_key(doc, start, end, gazetteer)
            checked += key[0] is not None
    assert checked  # some ranges hold a place


def _nickname_names_token_by_token(doc: Doc, ents: Sequence[Span]) -> list[Span]:
    """``nickname_names`` as it was: a window of five ``Token`` objects at every token."""
    quotes = {'"', "“", "”", "'", "‘", "’"}
    people = {i for ent in ents if ent.label_ == "PERSON" for i in range(ent.start, ent.end)}
    found: list[Span] = []
    for i in range(len(doc) - 4):
        first, open_, nick, close, last = doc[i : i + 5]
        if not all(t.is_alpha and t.is_title for t in (first, nick, last)):
            continue
        if open_.text not in quotes or close.text not in quotes:
            continue
        if people & {i, i + 4} and not (found and found[-1].end > i):
            found.append(Span(doc, i, i + 5, label="PERSON"))
    return found


def test_names_and_surname_cues_read_as_arrays_are_the_token_walks(
    nlp: Language, seeds: dict[str, tuple[str, date]]
) -> None:
    """The nicknamed names, the lone-surname cues (tags, capitals, lower-case words) and the
    quotes' token offsets read from ``Doc.to_array`` are those the walks over every token
    gave, on the seeds and on HuffPost's 'William "Mo" Cowan' (BASIL, 2013-01-30)."""
    from parallax.nlp.lone_surnames import not_surnames
    from parallax.nlp.nicknames import nickname_names
    from parallax.nlp.offsets import Tokens

    texts = [text for text, _ in seeds.values()] + [
        'Gov. Deval Patrick (D) on Wednesday appointed William "Mo" Cowan, his former chief of '
        "staff, to the Senate seat. Cowan said he would not run. 'I am not running for office,' "
        "Cowan told reporters in Boston.",
        "A",
        "",
    ]
    found = 0
    for doc in nlp.pipe(texts):
        assert nickname_names(doc, doc.ents) == _nickname_names_token_by_token(doc, doc.ents)
        found += len(nickname_names(doc, doc.ents))
        skip, lower = {-7}, {"Queen"}
        not_surnames(doc, skip, lower)
        assert skip == {-7} | {t.i for t in doc if t.tag_ != "NNP"} | {
            t.i - 1 for t in doc if t.text[:1].isupper()
        }
        assert lower == {"Queen"} | {t.text for t in doc if t.is_lower}
        assert Tokens(doc).starts == [t.idx for t in doc]  # the quotes' offset index
    assert found == 1  # William "Mo" Cowan
