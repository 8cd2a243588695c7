"""The event mentions of the claims, read at analysis time and stored with the analysis."""

from __future__ import annotations

from pathlib import Path

import pytest

from parallax.corpus import Corpus
from parallax.nlp.event_mentions import REPORTING, claim_events
from parallax.nlp.pipeline import analysis_version, analyze_doc, load_pipeline

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def analysed(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    corpus = Corpus(tmp_path_factory.mktemp("events") / "c.db")
    corpus.ingest([str(ROOT / "src" / "parallax" / "examples" / "seeds")])
    corpus.analyze()
    return corpus


def test_stored_event_mentions_point_at_their_triggers_inside_claims(analysed: Corpus) -> None:
    for article in analysed.articles.list():
        found = analysed.articles.analysis(article.id, events=True)
        claims = {(c.start, c.end) for c in found.claims}
        assert found.events, article.outlet
        for event in found.events:
            assert article.text[event.start : event.end] == event.text
            assert (event.claim_start, event.claim_end) in claims
            assert event.claim_start <= event.start < event.end <= event.claim_end
            assert event.head not in REPORTING


def test_the_pause_and_its_arguments_are_read_from_the_parse(analysed: Corpus) -> None:
    [independent] = analysed.articles.list(outlet="The Independent")
    events = analysed.articles.analysis(independent.id, events=True).events
    # "Pentagon officials suggested the suspension was a 'pause' in delivery of Patriots …"
    [suspension] = [e for e in events if e.text == "suspension" and "Pentagon" in e.window]
    assert suspension.pos == "NOUN"
    same_claim = [e for e in events if e.claim_start == suspension.claim_start]
    [suggested] = [e for e in same_claim if e.head == "suggest"]
    assert suggested.agents == ("pentagon official",)
    assert {"pentagon", "patriots"} <= set(suggested.names)


def test_reporting_verbs_are_no_event(tmp_path: Path) -> None:
    nlp = load_pipeline()
    text = "Police arrested the gunman in Denver on Tuesday, officials said on Wednesday."
    doc = nlp(text)
    analysis = analyze_doc(doc, "a", None)
    events = claim_events(doc, analysis.claims)
    heads = {e.head for e in events}
    assert "arrest" in heads and "say" not in heads
    [arrest] = [e for e in events if e.head == "arrest"]
    assert arrest.agents == ("police",) and "gunman" in arrest.patients
    assert "denver" in arrest.places


def test_the_analysis_version_names_the_event_reader() -> None:
    assert "parallax.events.triggers.v2" in analysis_version()


def test_a_noun_the_model_calls_eventive_is_a_mention() -> None:
    nlp = load_pipeline()
    text = "The massacre left dozens dead in the village, and the coup was condemned by the UN."
    doc = nlp(text)
    analysis = analyze_doc(doc, "a", None)
    heads = {e.head for e in claim_events(doc, analysis.claims)}
    # Neither word has an eventive suffix nor is in the lexicon: the noun model finds them.
    assert {"massacre", "coup"} <= heads
    assert "village" not in heads
