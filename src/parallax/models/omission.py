"""Is a statement that other outlets report important to its story (leaving it out omits
something)? Small gradient-boosted trees over features the comparison can compute.

Each statement is read against the pool of statements of its story (every claim of the story
at comparison time; every statement of the event in Cherry, the data it is trained on):

- ``echo_*``: how many other statements of the pool say much the same (TF-IDF cosine of
  content words at least 0.2 / 0.35 / 0.5, learned over the pool), as a log count and as a
  share of the pool: a fact many articles repeat is central to the story;
- ``centroid``: its cosine to the pool's mean vector, ``max_similar``: to its nearest other;
- ``numbers``, ``names``, ``words``, ``quoted``: figures, capitalised names inside the
  sentence, its length, and whether it is a quotation;
- ``pool``: the log size of the pool;
- with MiniLM vectors of the statements and of the pool (the embedded model), the same echoes by
  meaning: ``meaning_echo_*`` and ``meaning_share_*`` count the pool's statements at MiniLM
  cosine 0.5 / 0.6 / 0.7 or more, ``meaning_max`` is the nearest one's cosine and
  ``meaning_centroid`` the cosine to the pool's mean vector. A fact told in other words ("the
  ministry said 12 people died" / "twelve were killed, officials said") shares few content words
  but is near in meaning; grouped cross-validation on Cherry's train events gains about 0.015 F1
  with them.

Two models ship: ``embedded`` (all the features; used when the comparison has MiniLM vectors)
and ``model`` (the lexical features only; used without them). The weights are fitted by
``parallax train omission`` (:mod:`parallax.training.omission`) on Cherry and shipped in
``parallax/data/models/omission/``. Prediction needs numpy only.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from parallax.models.artefacts import TreeEnsemble, finite, load_trees, read_or_packaged
from parallax.models.text import content_terms, learn_idf, tfidf, vector_matrix, words

__all__ = [
    "ECHO_LEVELS",
    "EMBEDDED_FEATURES",
    "FEATURES",
    "MEANING_FEATURES",
    "MODEL_NAME",
    "OmissionModel",
    "importance",
    "importance_rows",
    "load_omission_model",
]

MODEL_NAME = "parallax.omission.cherry-trees.v2"
ECHO_LEVELS = (0.2, 0.35, 0.5)
MEANING_LEVELS = (0.5, 0.6, 0.7)
"""MiniLM cosines at which a pool statement counts as saying much the same in other words."""
FEATURES = (
    *(f"echo_{level}" for level in ECHO_LEVELS),
    *(f"echo_share_{level}" for level in ECHO_LEVELS),
    "centroid",
    "max_similar",
    "numbers",
    "names",
    "words",
    "quoted",
    "pool",
)
MEANING_FEATURES = (
    *(f"meaning_echo_{level}" for level in MEANING_LEVELS),
    *(f"meaning_share_{level}" for level in MEANING_LEVELS),
    "meaning_max",
    "meaning_centroid",
)
EMBEDDED_FEATURES = (*FEATURES, *MEANING_FEATURES)
STATEMENT_BLOCK = 256
"""Statements read against the pool at a time (memory grows with a block times the pool)."""
_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
_NAME = re.compile(r"(?<=[a-z,;:] )[A-Z][a-z]+")
_QUOTE = re.compile(r"[\"“”]")


class OmissionModel:
    """The fitted trees over :data:`FEATURES` (``trees``) and over :data:`EMBEDDED_FEATURES`
    (``embedded``, when shipped), each with the probability at which a statement counts as
    important; rows with the meaning features go to ``embedded``."""

    def __init__(
        self,
        trees: TreeEnsemble,
        threshold: float,
        embedded: TreeEnsemble | None = None,
        embedded_threshold: float | None = None,
    ) -> None:
        self.trees = trees
        self.threshold = threshold
        self.embedded = embedded
        self.embedded_threshold = threshold if embedded_threshold is None else embedded_threshold

    def _pick(self, rows: Sequence[dict[str, float]]) -> tuple[TreeEnsemble, float]:
        if self.embedded is not None and rows and MEANING_FEATURES[0] in rows[0]:
            return self.embedded, self.embedded_threshold
        return self.trees, self.threshold

    def scores(self, rows: Sequence[dict[str, float]]) -> list[float]:
        """Return the probability that each statement is important."""
        if not rows:
            return []
        trees, _ = self._pick(rows)
        matrix = np.array([[row[name] for name in trees.features] for row in rows])
        return [float(p) for p in trees.probabilities(matrix)[:, 1]]

    def important(self, rows: Sequence[dict[str, float]]) -> list[bool]:
        """Return whether each statement is important (probability at the threshold or more)."""
        _, threshold = self._pick(rows)
        return [score >= threshold for score in self.scores(rows)]


def _read(path: Path) -> OmissionModel:
    trees, header = load_trees(path, prefix="model")
    if not (path / "embedded.json").exists():
        return OmissionModel(trees, float(header["threshold"]))
    embedded, embedded_header = load_trees(path, prefix="embedded")
    return OmissionModel(
        trees, float(header["threshold"]), embedded, float(embedded_header["threshold"])
    )


def load_omission_model(path: Path | None = None) -> OmissionModel:
    """Return the model at ``path``, by default the packaged one (read once)."""
    return read_or_packaged(path, "omission", _read)


def importance_rows(
    statements: Sequence[str],
    pool: Sequence[str],
    vectors: tuple[NDArray[np.floating[Any]], NDArray[np.floating[Any]]] | None = None,
) -> list[dict[str, float]]:
    """Return the feature rows of ``statements``, each read against ``pool``.

    A statement's own text, when it is in the pool, counts once as itself and not as an echo.
    With ``vectors`` (the L2-normalised MiniLM rows of ``statements`` and of ``pool``) the rows
    also hold :data:`MEANING_FEATURES`.
    """
    pool_terms = [content_terms(text) for text in pool]
    idf, unseen = learn_idf(pool_terms)
    own_terms = [content_terms(statement) for statement in statements]
    matrix = vector_matrix([tfidf(terms, idf, unseen) for terms in (*pool_terms, *own_terms)])
    pool_matrix, own_matrix = matrix[: len(pool)], matrix[len(pool) :]
    pool_columns = pool_matrix.T.tocsr()
    position = {text: i for i, text in reversed(list(enumerate(pool)))}
    rows = []
    similarity = np.zeros((0, len(pool)))
    for index, statement in enumerate(statements):
        if index % STATEMENT_BLOCK == 0:
            # A block of statements against the pool at a time: a story's claims times its
            # sentences, dense, was most of a large story's memory. Each row is computed from
            # its own statement alone, so the values do not depend on the block.
            block = own_matrix[index : index + STATEMENT_BLOCK] @ pool_columns
            similarity = np.asarray(block.todense()).reshape(block.shape[0], len(pool))
        row_similar = similarity[index % STATEMENT_BLOCK]
        centroid = float(row_similar.mean()) if len(pool) else 0.0
        own = position.get(statement)
        similar = np.delete(row_similar, own) if own is not None else row_similar
        size = max(1, len(similar))
        counts = {level: int(np.sum(similar >= level - 1e-12)) for level in ECHO_LEVELS}
        row = {f"echo_{level}": math.log1p(counts[level]) for level in ECHO_LEVELS}
        row |= {f"echo_share_{level}": counts[level] / size for level in ECHO_LEVELS}
        row |= {
            "centroid": finite(centroid),
            "max_similar": float(similar.max()) if len(similar) else 0.0,
            "numbers": math.log1p(len(_DIGITS.findall(statement))),
            "names": math.log1p(len(_NAME.findall(statement))),
            "words": math.log1p(len(words(statement))),
            "quoted": float(bool(_QUOTE.search(statement))),
            "pool": math.log1p(len(pool)),
        }
        rows.append(row)
    if vectors is not None:
        _add_meaning(rows, vectors, [position.get(statement) for statement in statements])
    return rows


def _add_meaning(
    rows: list[dict[str, float]],
    vectors: tuple[NDArray[np.floating[Any]], NDArray[np.floating[Any]]],
    own: Sequence[int | None],
) -> None:
    """Add :data:`MEANING_FEATURES` to ``rows`` from the statements' and the pool's vectors."""
    own_rows = np.asarray(vectors[0], dtype=np.float64)
    pool_rows = np.asarray(vectors[1], dtype=np.float64)
    mean = pool_rows.mean(axis=0) if len(pool_rows) else np.zeros(own_rows.shape[1])
    for start in range(0, len(rows), STATEMENT_BLOCK):
        block = own_rows[start : start + STATEMENT_BLOCK] @ pool_rows.T
        for offset, cosines in enumerate(block):
            index = start + offset
            at = own[index]
            similar = np.delete(cosines, at) if at is not None else cosines
            size = max(1, len(similar))
            counts = {level: int(np.sum(similar >= level)) for level in MEANING_LEVELS}
            row = rows[index]
            row |= {f"meaning_echo_{level}": math.log1p(counts[level]) for level in MEANING_LEVELS}
            row |= {f"meaning_share_{level}": counts[level] / size for level in MEANING_LEVELS}
            row["meaning_max"] = float(similar.max()) if len(similar) else 0.0
            row["meaning_centroid"] = finite(float(own_rows[index] @ mean))


def importance(
    statements: Sequence[str],
    pool: Sequence[str],
    model: OmissionModel | None = None,
    vectors: tuple[NDArray[np.floating[Any]], NDArray[np.floating[Any]]] | None = None,
) -> list[float]:
    """Return the probability that each statement is important to the story of ``pool``
    (with ``vectors``, as :func:`importance_rows` reads them, the embedded model's)."""
    found = model or load_omission_model()
    return found.scores(importance_rows(statements, pool, vectors))
