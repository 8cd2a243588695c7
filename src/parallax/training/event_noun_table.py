"""Write the eventive-noun model's decisions ahead (``nouns_decided.npz`` with the fp32 MiniLM,
``nouns_decided_int8.npz`` with the int8 one: the one ``minilm`` means, so run it once without
``PARALLAX_MINILM_INT8`` and once with ``PARALLAX_MINILM_INT8=1``).

The words: the nouns and verbs of spaCy's English lemma index (:mod:`parallax.nlp.lemma_index`;
a verb lemma is met as a noun when the tagger reads it as one) that the model would be asked
about, that is not in the event-pair model's lexicon nor eventive by their suffix
(:func:`parallax.nlp.events.undecided_nouns`). Each is decided as the model decides a word it
meets in a text: its lemma embedded alone by MiniLM. Run it again after training the event-pair
model (``parallax train event-pairs``) or changing the embedder; until then the file is ignored
(its key no longer fits) and every word is embedded, as without it::

    python -m parallax.training.event_noun_table [MODEL_FOLDER]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from parallax.models.artefacts import models_dir
from parallax.models.event_nouns import DECIDED_FILE, decided_file, write_decided
from parallax.models.event_pairs import PACKAGED, read_event_pairs
from parallax.nlp.events import undecided_nouns
from parallax.nlp.lemma_index import english_lemmas
from parallax.nlp.pipeline import DEFAULT_MODEL

__all__ = ["main", "write_table"]


def write_table(folder: Path, model: str = DEFAULT_MODEL) -> dict[str, bool]:
    """Decide the words of ``model``'s lemma index with the event-pair model in ``folder`` and
    write the decisions beside it; return them."""
    pairs = read_event_pairs(folder)
    if pairs.nouns is None:
        raise ValueError(f"{folder} has no eventive-noun model")
    words = undecided_nouns(english_lemmas(model), pairs.lexicon)
    return write_decided(decided_file(folder / DECIDED_FILE), pairs.nouns, words)


def main(argv: list[str] | None = None) -> None:
    """Write the table for the model folder given (default: the packaged event-pair model)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", nargs="?", type=Path, default=models_dir() / PACKAGED)
    args = parser.parse_args(argv)
    decided = write_table(args.folder)
    eventive = sum(decided.values())
    written = decided_file(args.folder / DECIDED_FILE)
    print(f"{len(decided)} words decided ({eventive} eventive) in {written}")


if __name__ == "__main__":
    main()
