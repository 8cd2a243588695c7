"""The compiled attribute ruler and lemmatizer set what spaCy's own components set, token for
token; the event-noun model is asked only about the nouns its answer decides."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from parallax.models.event_pairs import load_event_pairs
from parallax.nlp.attributes import (
    COMPILED_PIPE,
    IndexedWords,
    compile_pipeline,
    token_attributes,
)
from parallax.nlp.event_mentions import claim_events, parsed_span
from parallax.nlp.events import candidate_nouns, event_triggers, undecided_nouns
from parallax.nlp.pipeline import DEFAULT_MODEL, analyze_doc, load_pipeline
from tests.nlp.conftest import SHARED_DATA, read_seed

# Words the two-token rules are for ("gon na", "let 's", "y' all", "ai n't", "there is").
RULES_TEXT = (
    "We're gonna win, let's go. Y'all ain't seen nothing yet, she said.\n"
    "There is a dog, and there were cats. C'mon, we gotta leave.\n\n"
    "The U.S. Senate's vote on Tuesday — 52 to 48 — was delayed; officials didn't explain."
)


def _texts() -> list[str]:
    texts = [read_seed("000")[0], read_seed("001")[0], RULES_TEXT]
    # A sample of news prose beside the seeds when the shared data is there (PolNeAR dev).
    texts += [
        p.read_text(encoding="utf-8")
        for p in sorted(SHARED_DATA.glob("polnear/dev/text/*.txt"))[:12]
    ]
    return texts


@pytest.fixture(scope="module")
def pipelines() -> tuple[Language, Language]:
    plain = spacy.load(DEFAULT_MODEL)
    compiled = spacy.load(DEFAULT_MODEL)
    assert compile_pipeline(compiled) == ["attribute_ruler", "lemmatizer"]
    assert compiled.pipe_names == plain.pipe_names
    return plain, compiled


def _entities(doc: Doc) -> list[tuple[int, int, str]]:
    return [(e.start, e.end, e.label_) for e in doc.ents]


def test_every_token_gets_the_attributes_spacy_gives(pipelines: tuple[Language, Language]) -> None:
    plain, compiled = pipelines
    texts = _texts()
    for text, expected, found in zip(texts, plain.pipe(texts), compiled.pipe(texts), strict=True):
        assert token_attributes(found) == token_attributes(expected), text[:60]
        assert _entities(found) == _entities(expected)


def test_the_two_token_rules_still_apply(pipelines: tuple[Language, Language]) -> None:
    _, compiled = pipelines
    doc = compiled(RULES_TEXT)
    lemmas = {t.text: t.lemma_ for t in doc}
    assert lemmas["gon"] == "go" and lemmas["na"] == "to"
    assert lemmas["ai"] == "be"
    assert next(t.lemma_ for t in doc if t.lower_ == "'s") == "us"  # "let's"


def test_a_rule_it_cannot_read_leaves_the_component_as_it_is() -> None:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LENGTH": 3}]], {"POS": "NOUN"})  # type: ignore[attr-defined]
    assert compile_pipeline(nlp) == []
    assert nlp.get_pipe("attribute_ruler") is ruler
    ruler.add([[{"TAG": "NN"}]], {"_": {}})  # type: ignore[attr-defined]
    assert compile_pipeline(nlp) == []


def test_the_loaded_pipeline_runs_the_compiled_components() -> None:
    nlp = load_pipeline()
    assert "attribute_ruler" in nlp.pipe_names and "lemmatizer" in nlp.pipe_names
    assert nlp.get_pipe_meta("attribute_ruler").factory == COMPILED_PIPE
    assert nlp.get_pipe_meta("lemmatizer").factory == COMPILED_PIPE


def test_asking_the_noun_model_only_what_it_decides_finds_the_same_triggers() -> None:
    nlp, model = load_pipeline(), load_event_pairs()
    for key in ("000", "001"):
        text, published = read_seed(key)
        doc = nlp(text)
        claims = analyze_doc(doc, key, published).claims
        entities = [(e.start, e.end, e.label_) for e in doc.ents]
        spans = [doc.char_span(c.start, c.end, alignment_mode="expand") for c in claims]
        parses = [parsed_span(s) for s in spans if s is not None and len(s)]
        # The doc's entities passed in read as doc.ents read inside.
        assert parses == [parsed_span(s, entities) for s in spans if s is not None and len(s)]
        candidates = set().union(*(candidate_nouns(p) for p in parses))
        asked = undecided_nouns(candidates, model.lexicon)
        assert asked < candidates  # some nouns are triggers by the lexicon or their suffix
        every = model.eventive_nouns(candidates)
        some = model.eventive_nouns(asked)
        assert some <= every
        for parse in parses:
            assert event_triggers(parse, model.lexicon, some) == event_triggers(
                parse, model.lexicon, every
            )
        assert claim_events(doc, claims)  # and the stage still finds events


def test_the_lemma_index_answers_in_as_its_list_does(pipelines: tuple[Language, Language]) -> None:
    plain, compiled = pipelines
    before = plain.get_pipe("lemmatizer").lookups.get_table("lemma_index")  # type: ignore[attr-defined]
    holder = compiled.get_pipe("lemmatizer")
    after = holder.compiled.lemmatizer.lookups.get_table("lemma_index")  # type: ignore[attr-defined]
    assert sorted(before) == sorted(after)
    for pos, words in before.items():
        indexed = after[pos]
        assert isinstance(indexed, IndexedWords) and list(indexed) == words
        assert all(word in indexed for word in words[:: max(1, len(words) // 500)])
        assert not any(f"{word}qx" in indexed for word in words[:200])
        assert ("house" in indexed) == ("house" in words)
