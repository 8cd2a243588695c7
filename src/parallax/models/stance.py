"""Stance of an article body toward a claim: agree, disagree, discuss or unrelated.

The model (trained by ``parallax train stance`` on FNC-1's training split; see
``data/models/stance/NOTE.md``) stacks two learners:

1. a linear model over the body's words and bigrams and the claim's words, trained on related
   pairs only, that gives agree / disagree / discuss probabilities;
2. gradient-boosted trees over dense pair features (TF-IDF cosines overall, of the lead and of
   the best sentences; claim words, bigrams, numbers and names found in the body; refutation,
   hedging, agreement and negation cues in the body, in the sentences closest to the claim and
   near the claim's words; valence) plus the linear model's three probabilities.

A model may carry a second word model and trees (``blend_words``, ``blend_trees``; written by
:func:`parallax.training.stance_blend.blend_stance`) trained on the same split with another
recipe: its probabilities are averaged with the first's at the blend's weight, from pair
columns built once (each part reads the columns its trees were trained on, a prefix of them).
A blend may also weigh the pairs whose claim was one of its training headlines (hashes of them,
``known_claims``) at a weight of their own: the known-claim gate reads those by the first part
alone and every other claim by the second alone, and then builds for each pair only the
columns of the part that reads it.

Prediction needs numpy only, and reads each body once when given many pairs.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from parallax.models.artefacts import (
    LinearModel,
    TreeEnsemble,
    load_linear,
    load_trees,
    read_or_packaged,
    text_key,
)
from parallax.models.stance_cross import CROSS_FEATURES
from parallax.models.stance_evidence import EVIDENCE_FEATURES
from parallax.models.stance_features import Idf, pair_rows
from parallax.models.stance_scope import SCOPE_FEATURES

LABELS: tuple[str, ...] = ("agree", "disagree", "discuss", "unrelated")
RELATED: tuple[str, ...] = ("agree", "disagree", "discuss")
MODEL_NAME = "parallax.stance.fnc1-stack.v1"
STANCE_PART = 2048
"""Most pairs :func:`predict_stances` reads and scores at once."""


@dataclass(frozen=True, slots=True)
class StanceResult:
    """The stance of a body toward a claim, with every label's probability."""

    label: str
    scores: dict[str, float]
    model: str = MODEL_NAME


@dataclass(frozen=True, slots=True)
class StancePart:
    """A second word model and trees, blended with the first's probabilities at ``weight``;
    a pair whose claim's key (:func:`claim_key`) is in ``known_claims`` at ``known_weight``."""

    words: LinearModel
    trees: TreeEnsemble
    weight: float
    recipe: str
    known_weight: float | None = None
    known_claims: frozenset[str] = frozenset()

    def weight_of(self, claim: str) -> float:
        """The second part's share of the probabilities for a pair with ``claim``."""
        if self.known_weight is not None and claim_key(claim) in self.known_claims:
            return self.known_weight
        return self.weight


def claim_key(claim: str) -> str:
    """The hash by which a blend knows its training claims: of the claim's words, lower-cased
    (:func:`parallax.models.artefacts.text_key`); the text itself is never stored."""
    return text_key(claim.casefold())


@dataclass(frozen=True, slots=True)
class StanceModel:
    """The loaded stance model: IDF tables, the linear word model and the trees (and the
    blended second part, when it has one)."""

    idf: Idf
    body_idf: dict[str, float]
    words: LinearModel
    trees: TreeEnsemble
    meta: dict[str, Any]
    blend: StancePart | None = None

    def _reads(self, column: str) -> bool:
        parts = [self.trees] + ([self.blend.trees] if self.blend is not None else [])
        return any(column in trees.features for trees in parts)

    def reads_claim_with(self, claim: str) -> str:
        """Which part reads pairs with ``claim``: ``first``, ``second`` or ``both``."""
        share = self.blend.weight_of(claim) if self.blend is not None else 0.0
        return "first" if share == 0.0 else "second" if share == 1.0 else "both"

    def trained_on(self, body: str) -> bool:
        """Return whether ``body`` was one of the model's training bodies."""
        return text_key(body) in self.meta.get("train_bodies", ())

    @property
    def evidence(self) -> bool:
        """Whether the trees read the sentence-evidence features (an older model does not)."""
        return self._reads(EVIDENCE_FEATURES[0])

    @property
    def scope(self) -> bool:
        """Whether the trees read the scope features as well (:mod:`.stance_scope`)."""
        return self._reads(SCOPE_FEATURES[0])

    @property
    def cross(self) -> bool:
        """Whether the trees read the crossed cue columns as well (:mod:`.stance_cross`)."""
        return self._reads(CROSS_FEATURES[0])

    def trained_on_claim(self, claim: str) -> bool:
        """Return whether ``claim`` was one of the model's training headlines."""
        return text_key(claim) in self.meta.get("train_claims", ())


def save_idf(idf: Idf, body_idf: dict[str, float], path: Path) -> None:
    """Write the two IDF tables of a stance model as ``idf.json``."""
    path.mkdir(parents=True, exist_ok=True)
    table = {
        "default": round(idf.default, 4),
        "terms": {term: round(value, 3) for term, value in sorted(idf.weights.items())},
        "body_vocabulary": {term: round(value, 3) for term, value in sorted(body_idf.items())},
    }
    (path / "idf.json").write_text(json.dumps(table, ensure_ascii=False, separators=(",", ":")))


def _read(path: Path) -> StanceModel:
    words, _ = load_linear(path, prefix="words")
    trees, meta = load_trees(path, prefix="trees")
    table = json.loads((path / "idf.json").read_text(encoding="utf-8"))
    idf = Idf(table["terms"], float(table["default"]))
    meta["train_bodies"] = frozenset(meta.get("train_bodies", ()))
    meta["train_claims"] = frozenset(meta.get("train_claims", ()))
    blend = None
    if (path / "blend_trees.json").exists():
        second_words, _ = load_linear(path, prefix="blend_words")
        second_trees, second = load_trees(path, prefix="blend_trees")
        if second_trees.classes != trees.classes:
            raise ValueError(f"{path}: the blended trees' classes differ from the first's")
        weight = float(second["blend_weight"])
        known = second.get("known_weight")
        blend = StancePart(
            second_words,
            second_trees,
            weight,
            str(second.get("recipe", "")),
            None if known is None else float(known),
            frozenset(second.get("known_claims", ())),
        )
    return StanceModel(idf, table["body_vocabulary"], words, trees, meta, blend)


def load_stance_model(path: Path | None = None) -> StanceModel:
    """Load a stance model from ``path`` (default: the packaged one).

    Raises:
        ConfigError: a model file is missing (train it with ``parallax train stance``).
    """
    return read_or_packaged(path, "stance", _read)


def predict_stances(
    pairs: Iterable[tuple[str, str]], *, model: StanceModel | None = None
) -> list[StanceResult]:
    """Return the stance of each body toward its claim, for ``(claim, body)`` pairs."""
    model = model or load_stance_model()
    pairs = list(pairs)
    results = []
    # A part at a time: every pair's word features at once (a dict per pair) were a large
    # story's second-largest holding. Each pair is scored alone: the part does not matter.
    for start in range(0, len(pairs), STANCE_PART):
        probabilities = _probabilities(model, pairs[start : start + STANCE_PART])
        for row in probabilities:
            scores = {
                label: round(float(p), 4) for label, p in zip(model.trees.classes, row, strict=True)
            }
            results.append(StanceResult(model.trees.classes[int(np.argmax(row))], scores))
    return results


def _probabilities(model: StanceModel, pairs: Sequence[tuple[str, str]]) -> np.ndarray[Any, Any]:
    blend = model.blend
    if blend is None:
        return _rows_probabilities(model, pairs, [model.trees])
    shares = np.asarray([blend.weight_of(claim) for claim, _ in pairs])
    found = np.zeros((len(pairs), len(model.trees.classes)))
    # Pairs that one part alone reads get only that part's columns (the second's sentence
    # evidence is the costly part); the others get every column, built once for both.
    for reads, rows in (
        ([model.trees], np.flatnonzero(shares == 0.0)),
        ([blend.trees], np.flatnonzero(shares == 1.0)),
        ([model.trees, blend.trees], np.flatnonzero((shares > 0.0) & (shares < 1.0))),
    ):
        if len(rows):
            found[rows] = _rows_probabilities(
                model, [pairs[int(i)] for i in rows], reads, shares[rows]
            )
    return found


def _rows_probabilities(
    model: StanceModel,
    pairs: Sequence[tuple[str, str]],
    parts: Sequence[TreeEnsemble],
    shares: np.ndarray[Any, Any] | None = None,
) -> np.ndarray[Any, Any]:
    """The probabilities of ``pairs`` read by ``parts`` (the first's trees, the second's or
    both, blended at ``shares``), from rows with the columns those parts read."""

    def reads(column: str) -> bool:
        return any(column in trees.features for trees in parts)

    def has(trees: TreeEnsemble) -> bool:
        return any(part is trees for part in parts)

    dense, bags = pair_rows(
        pairs,
        model.idf,
        model.body_idf,
        evidence=reads(EVIDENCE_FEATURES[0]),
        scope=reads(SCOPE_FEATURES[0]),
        cross=reads(CROSS_FEATURES[0]),
    )
    found: np.ndarray[Any, Any] | None = None
    if has(model.trees):
        found = _part_probabilities(model.words, model.trees, dense, bags)
    if model.blend is not None and has(model.blend.trees):
        second = _part_probabilities(model.blend.words, model.blend.trees, dense, bags)
        if found is None:
            found = second
        else:
            share = (shares if shares is not None else np.full(len(pairs), model.blend.weight))[
                :, None
            ]
            found = (1.0 - share) * found + share * second
    assert found is not None
    return found


def _part_probabilities(
    words: LinearModel,
    trees: TreeEnsemble,
    dense: np.ndarray[Any, np.dtype[np.float64]],
    bags: Sequence[Mapping[str, float]],
) -> np.ndarray[Any, Any]:
    # The trees read the first columns of the rows (the columns of their recipe), then the word
    # model's three probabilities; a word model ignores the bag's features it lacks.
    columns = len(trees.features) - len(RELATED)
    found: np.ndarray[Any, Any] = trees.probabilities(
        np.hstack([dense[:, :columns], words.probabilities(bags)])
    )
    return found


def predict_stance(claim: str, body: str, *, model: StanceModel | None = None) -> StanceResult:
    """Return the stance of ``body`` toward ``claim``: agree, disagree, discuss or unrelated."""
    return predict_stances([(claim, body)], model=model)[0]
