"""Event triggers and their arguments in pre-tokenised sentences."""

from __future__ import annotations

from parallax.nlp.events import (
    candidate_nouns,
    event_arguments,
    event_triggers,
    mention_head,
    parse_sentences,
)


def _words(parsed_words: tuple[str, ...], mentions: list[tuple[int, ...]]) -> list[str]:
    return [" ".join(parsed_words[i] for i in m) for m in mentions]


def test_verbs_and_eventive_nouns_are_triggers_and_auxiliaries_are_not() -> None:
    words = [
        "Police",
        "have",
        "arrested",
        "a",
        "man",
        "after",
        "the",
        "shooting",
        "and",
        "his",
        "escape",
        "on",
        "Monday",
    ]
    [parsed] = parse_sentences([words])
    assert parsed.words == tuple(words)  # not re-tokenised: indexes are the caller's
    found = _words(parsed.words, event_triggers(parsed))
    assert "arrested" in found and "shooting" in found
    assert "have" not in found and "escape" not in found  # no -ing/-tion suffix, no lexicon
    assert "escape" in _words(parsed.words, event_triggers(parsed, lexicon={"escape"}))


def test_arguments_name_who_did_what_to_whom_where_and_when() -> None:
    words = ["Police", "in", "Denver", "arrested", "Mike", "Elliott", "on", "Monday"]
    [parsed] = parse_sentences([words])
    head = mention_head(parsed, (3,))
    assert parsed.words[head] == "arrested"
    found = event_arguments(parsed, head)
    assert "police" in found.agents
    assert "mike elliott" in found.patients
    assert "denver" in found.places
    assert "monday" in found.times


def test_a_conjunct_verb_takes_the_subject_of_its_head() -> None:
    words = ["The", "police", "arrested", "and", "charged", "the", "driver"]
    [parsed] = parse_sentences([words])
    charged = words.index("charged")
    assert "police" in event_arguments(parsed, charged).agents


def test_nouns_a_model_calls_eventive_are_triggers_outside_entities() -> None:
    words = ["The", "quake", "hit", "Qeshm", "Island", "and", "damaged", "the", "harbour"]
    [parsed] = parse_sentences([words])
    nouns = candidate_nouns(parsed)
    assert {"quake", "harbour"} <= nouns  # common nouns outside entities are the candidates
    assert "island" not in nouns  # a named entity's word is not
    assert "quake" not in _words(parsed.words, event_triggers(parsed))  # no suffix, no lexicon
    found = _words(parsed.words, event_triggers(parsed, nouns={"quake", "island"}))
    assert "quake" in found
    assert "Island" not in found  # inside the entity "Qeshm Island"
    assert "harbour" not in found
