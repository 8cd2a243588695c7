"""The English words spaCy's model knows by part of speech: the lemma index its rule lemmatizer
ships (WordNet 3.0's nouns, verbs, adjectives and adverbs, lower-cased; WordNet 3.0 licence).

:mod:`parallax.training.event_noun_table` decides ahead, for each of these words, what the
eventive-noun model would decide on meeting it (:mod:`parallax.models.event_nouns`).
"""

from __future__ import annotations

from collections.abc import Sequence

import spacy
from spacy.lookups import Lookups

__all__ = ["english_lemmas"]


def english_lemmas(model: str, parts: Sequence[str] = ("noun", "verb")) -> list[str]:
    """Return the alphabetic words of the lemma index of the installed spaCy pipeline
    ``model`` under the parts of speech ``parts``, sorted, each once."""
    folder = spacy.util.get_package_path(model)
    [data] = [path for path in folder.iterdir() if (path / "config.cfg").is_file()] or [folder]
    index = Lookups().from_disk(data / "lemmatizer" / "lookups").get_table("lemma_index")
    found: set[str] = set()
    for part in parts:
        found.update(word for word in index.get(part, ()) if word.isalpha())
    return sorted(found)
