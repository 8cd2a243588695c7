"""What the NER-UK cross-validation computes once, kept in a folder: each text's e5 states and
each fold's raw predictions.

``parallax eval ner --format ner-uk --folds K --cache DIR`` cross-validates as without it, and
keeps in ``DIR`` what costs CPU: the e5 pieces and states of every text
(``states/<text hash>.npz``, read without pickle) and, per fold, both models' raw entities on
the fold's documents (``fold-<k>-of-<K>.json``). A second run with the same ``DIR`` refits
nothing whose inputs are unchanged: a fold's file is used only when its recipe key (the
models' recipes, the labels trained on and the training documents' fingerprints) is the one
the run would fit with; otherwise the fold is fitted again and its file replaced. So the
re-typer stage (``--retype``) can be run again in about a minute, and a run stopped midway goes
on from the folds it finished.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

__all__ = ["FoldCache", "text_key"]

Span = tuple[int, int, str]
#: A text's raw entities by model (``cnn``: the spaCy recipe, ``crf``: the state CRF).
Raw = dict[str, list[Span]]


def text_key(text: str) -> str:
    """The name a text is kept under: the first 20 hex digits of its SHA-256."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


class FoldCache:
    """The cache folder of one cross-validation (nothing is kept when ``folder`` is None)."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder

    def states(self, texts: Sequence[str]) -> dict[str, tuple[Any, Any]]:
        """Each text's e5 pieces and states (:func:`parallax.training.ner_uk.document_states`),
        read from the folder where kept there, computed and kept otherwise."""
        import numpy as np

        from parallax.nlp.e5_states import Pieces, load_encoder

        found: dict[str, tuple[Any, Any]] = {}
        encoder = None
        for text in dict.fromkeys(texts):
            path = None if self.folder is None else self.folder / "states" / f"{text_key(text)}.npz"
            if path is not None and path.is_file():
                with np.load(path, allow_pickle=False) as kept:
                    pieces = Pieces(
                        ids=kept["ids"].tolist(),
                        starts=kept["starts"].tolist(),
                        ends=kept["ends"].tolist(),
                    )
                    found[text] = (pieces, np.asarray(kept["rows"]))
                continue
            encoder = encoder or load_encoder()
            pieces, rows = encoder.text_states(text)
            found[text] = (pieces, rows)
            if path is not None:
                path.parent.mkdir(parents=True, exist_ok=True)
                partial = path.with_suffix(".part.npz")
                np.savez(
                    partial,
                    ids=np.asarray(pieces.ids, dtype=np.int64),
                    starts=np.asarray(pieces.starts, dtype=np.int64),
                    ends=np.asarray(pieces.ends, dtype=np.int64),
                    rows=rows,
                )
                partial.replace(path)
        return found

    def _fold_file(self, fold: int, folds: int) -> Path | None:
        return None if self.folder is None else self.folder / f"fold-{fold}-of-{folds}.json"

    def predictions(self, fold: int, folds: int, key: Mapping[str, Any]) -> dict[str, Raw] | None:
        """The fold's raw entities by text key, when kept with this recipe ``key``."""
        path = self._fold_file(fold, folds)
        if path is None or not path.is_file():
            return None
        kept = json.loads(path.read_text(encoding="utf-8"))
        if kept.get("key") != json.loads(json.dumps(key)):
            return None
        return {
            text: {model: [(s, e, label) for s, e, label in spans] for model, spans in raw.items()}
            for text, raw in kept["predictions"].items()
        }

    def keep(
        self, fold: int, folds: int, key: Mapping[str, Any], predictions: Mapping[str, Raw]
    ) -> None:
        """Write the fold's raw entities (by text key) with its recipe ``key``."""
        path = self._fold_file(fold, folds)
        if path is None:
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".part")
        body = {"key": key, "predictions": predictions}
        partial.write_text(json.dumps(body, ensure_ascii=False) + "\n", encoding="utf-8")
        partial.replace(path)
