"""Stance against FNC-1: its files, its official score, macro-F1, and the held-out split.

The FNC score (the challenge's ``scorer.py``): +0.25 for a correct unrelated, +0.25 for any
related label on a related pair, +0.75 more for the exact related label; reported as a
percentage of the best possible score. Macro-F1 over the four classes is reported too, since the
FNC score rewards the easy related/unrelated split (Hanselowski et al., COLING 2018).

Only pairs whose body the model never saw in training are scored: on FNC-1's training files that
is exactly the held-out validation split (20% of bodies, fixed seed); on the competition test
files it is every pair.
"""

from __future__ import annotations

import csv
import logging
import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from parallax.errors import Code, InputError

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

LABELS: tuple[str, ...] = ("agree", "disagree", "discuss", "unrelated")
VALIDATION_SEED = 13
VALIDATION_FRACTION = 0.2


@dataclass(frozen=True, slots=True)
class StancePair:
    """One labelled (headline, body) pair of FNC-1."""

    headline: str
    body_id: int
    stance: str


def read_bodies(path: Path) -> dict[int, str]:
    """Return FNC-1 bodies by id from a ``*_bodies.csv`` file.

    Raises:
        InputError: the file is missing (P114) or lacks a column (P113).
    """
    rows = _read_csv(path, ("Body ID", "articleBody"))
    return {int(row["Body ID"]): row["articleBody"] for row in rows}


def read_stances(path: Path) -> list[StancePair]:
    """Return FNC-1 labelled pairs from a ``*_stances.csv`` file.

    Raises:
        InputError: the file is missing (P114), lacks a column (P113) or has an unknown label
            (P115).
    """
    pairs = []
    for number, row in enumerate(_read_csv(path, ("Headline", "Body ID", "Stance")), start=2):
        if row["Stance"] not in LABELS:
            raise InputError(
                Code.BAD_RECORD,
                f"unknown stance {row['Stance']!r}",
                path=str(path),
                record=str(number),
            )
        pairs.append(StancePair(row["Headline"], int(row["Body ID"]), row["Stance"]))
    return pairs


def _read_csv(path: Path, columns: tuple[str, ...]) -> list[dict[str, str]]:
    if not path.is_file():
        raise InputError(Code.NOT_FOUND, "file is missing", path=str(path))
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in columns if c not in (reader.fieldnames or ())]
        if missing:
            raise InputError(Code.MISSING_FIELD, f"no column {missing[0]!r}", path=str(path))
        return list(reader)


def split_bodies(
    body_ids: Sequence[int], *, seed: int = VALIDATION_SEED, fraction: float = VALIDATION_FRACTION
) -> tuple[list[int], list[int]]:
    """Split body ids into (train, validation), no body in both; the same for the same seed."""
    shuffled = sorted(body_ids)
    random.Random(seed).shuffle(shuffled)
    cut = round(fraction * len(shuffled))
    return sorted(shuffled[cut:]), sorted(shuffled[:cut])


def fnc_score(gold: Sequence[str], predicted: Sequence[str]) -> float:
    """Return the FNC-1 score as a percentage of the best possible score."""
    score = best = 0.0
    for truth, guess in zip(gold, predicted, strict=True):
        best += 0.25 if truth == "unrelated" else 1.0
        if truth == guess:
            score += 0.25 if truth == "unrelated" else 1.0
        elif truth != "unrelated" and guess != "unrelated":
            score += 0.25
    return 100.0 * score / best if best else 0.0


def f1_by_class(
    gold: Sequence[str], predicted: Sequence[str], labels: Sequence[str] = LABELS
) -> dict[str, float]:
    """Return F1 per label (0.0 for a label neither predicted nor present)."""
    scores = {}
    for label in labels:
        tp = sum(1 for g, p in zip(gold, predicted, strict=True) if g == p == label)
        predicted_n = sum(1 for p in predicted if p == label)
        gold_n = sum(1 for g in gold if g == label)
        scores[label] = 2.0 * tp / (predicted_n + gold_n) if predicted_n + gold_n else 0.0
    return scores


def evaluate_stance(bodies_csv: Path, stances_csv: Path) -> dict[str, float]:
    """Score the packaged stance model on the pairs of FNC-1 files whose body it was not trained on.

    Returns:
        ``fnc_score`` (% of the maximum), ``fnc_score_all_unrelated`` (the same files answered
        "unrelated" throughout), ``macro_f1``, ``f1_<label>`` for each label, ``accuracy``,
        ``pairs`` scored and ``pairs_skipped`` (their body was a training body).

    Raises:
        InputError: a file is missing or malformed, a pair names an unknown body, or no pair is
            left to score.
    """
    from parallax.compare.stance import load_stance_model, predict_stances

    model = load_stance_model()
    bodies = read_bodies(bodies_csv)
    pairs = read_stances(stances_csv)
    unknown = sorted({pair.body_id for pair in pairs} - set(bodies))
    if unknown:
        raise InputError(
            Code.BAD_RECORD, f"stance names unknown body {unknown[0]}", path=str(stances_csv)
        )
    held_out = {body_id for body_id, body in bodies.items() if not model.trained_on(body)}
    scored = [pair for pair in pairs if pair.body_id in held_out]
    if not scored:
        raise InputError(
            Code.BAD_RECORD,
            "every pair's body was a training body: nothing is held out",
            path=str(stances_csv),
        )
    results = predict_stances(
        [(pair.headline, bodies[pair.body_id]) for pair in scored], model=model
    )
    gold = [pair.stance for pair in scored]
    predicted = [result.label for result in results]
    per_class = f1_by_class(gold, predicted)
    metrics = {
        "fnc_score": fnc_score(gold, predicted),
        "fnc_score_all_unrelated": fnc_score(gold, ["unrelated"] * len(gold)),
        "macro_f1": sum(per_class.values()) / len(per_class),
        **{f"f1_{label}": value for label, value in per_class.items()},
        "accuracy": sum(1 for g, p in zip(gold, predicted, strict=True) if g == p) / len(gold),
        "pairs": float(len(scored)),
        "pairs_skipped": float(len(pairs) - len(scored)),
    }
    logger.info("stance: scored %d pairs, skipped %d", len(scored), len(pairs) - len(scored))
    return metrics
