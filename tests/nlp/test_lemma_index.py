"""The English words of spaCy's lemma index (the words whose event-noun decisions are packaged)."""

from __future__ import annotations

from parallax.nlp.lemma_index import english_lemmas
from parallax.nlp.pipeline import DEFAULT_MODEL


def test_the_lemma_index_holds_english_nouns_and_verbs_sorted_and_alphabetic() -> None:
    nouns = english_lemmas(DEFAULT_MODEL, ("noun",))
    both = english_lemmas(DEFAULT_MODEL)
    assert len(nouns) > 50_000
    assert nouns == sorted(set(nouns))
    assert all(word.isalpha() for word in both)
    assert {"earthquake", "table", "vigil", "robbery"} <= set(nouns)
    assert "accelerate" in set(both) - set(nouns)  # a verb, sometimes tagged as a noun
    assert set(nouns) < set(both)
    assert english_lemmas(DEFAULT_MODEL, ()) == []
