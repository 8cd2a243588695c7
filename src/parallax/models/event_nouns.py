"""Which common nouns name an event ("the quake", "the heist", "the vigil"), from MiniLM.

The trigger finder (:func:`parallax.nlp.events.event_triggers`) knows eventive nouns by suffix
(-tion, -ment, …) and by the event-pair model's lexicon (words seen as triggers in the ECB+
train topics). Nouns of other stories' events ("earthquake", "robbery", "riot") are in neither.
This model reads a noun's lemma, embedded alone by MiniLM, with a logistic regression fitted on
the nouns of the ECB+ train topics (``parallax train event-pairs``); the words it calls eventive
are added to the finder's nouns. It reads the lemma without its sentence, so one decision per
word is cached for the process.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from parallax.models.artefacts import sigmoid

__all__ = ["NOUNS_FILE", "EventNouns", "read_event_nouns", "write_event_nouns"]

NOUNS_FILE = "nouns"  # nouns.json (threshold, provenance) and nouns.npz (weights) beside the trees


@dataclass(slots=True)
class EventNouns:
    """A linear model over a lemma's MiniLM vector: the probability that the noun names an event."""

    weights: NDArray[np.float64]
    bias: float
    threshold: float
    _known: dict[str, bool] = field(default_factory=dict, repr=False)

    def probabilities(self, vectors: NDArray[np.float64]) -> NDArray[np.float64]:
        """Return each row's (a lemma's unit MiniLM vector) probability of naming an event."""
        raw = vectors @ self.weights + self.bias
        return sigmoid(raw.reshape(-1, 1))[:, 0]

    def eventive(self, lemmas: Iterable[str]) -> frozenset[str]:
        """Return the lemmas the model calls eventive; each new word is embedded once."""
        from parallax.embeddings import shared_embedder

        wanted = sorted({lemma for lemma in lemmas if lemma.isalpha()})
        todo = [lemma for lemma in wanted if lemma not in self._known]
        if todo:
            vectors = np.asarray(shared_embedder("minilm").embed(todo), dtype=np.float64)
            found = self.probabilities(vectors) >= self.threshold
            self._known.update(zip(todo, (bool(v) for v in found), strict=True))
        return frozenset(lemma for lemma in wanted if self._known[lemma])


def read_event_nouns(path: Path) -> EventNouns | None:
    """Read ``nouns.json`` / ``nouns.npz`` from a model folder (None when it has none)."""
    header_path = path / f"{NOUNS_FILE}.json"
    if not header_path.exists():
        return None
    header = json.loads(header_path.read_text(encoding="utf-8"))
    with np.load(path / f"{NOUNS_FILE}.npz", allow_pickle=False) as saved:
        weights = np.asarray(saved["weights"], dtype=np.float64)
    return EventNouns(weights, float(header["bias"]), float(header["threshold"]))


def write_event_nouns(
    path: Path, weights: NDArray[np.float64], bias: float, threshold: float, meta: dict[str, object]
) -> None:
    """Write the model :func:`read_event_nouns` reads."""
    path.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(path / f"{NOUNS_FILE}.npz", weights=np.asarray(weights, dtype=np.float32))
    header = {"bias": bias, "threshold": threshold, **meta}
    (path / f"{NOUNS_FILE}.json").write_text(json.dumps(header, indent=1) + "\n", encoding="utf-8")
