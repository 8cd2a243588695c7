"""Blend two trained stance models into one artefact: the first's files, and the second's word
model and trees as ``blend_words`` / ``blend_trees`` with the blend's weight
(:class:`parallax.models.stance.StancePart`).

Both must be trained on the same split with the same seed (``parallax train stance`` with the
same ``--split``): then their IDF tables are the same, one table builds the pair columns for
both, and the blend's held-out pairs are held out for each part. The weight is an argument: it
is chosen outside (docs/evaluation.md gives the inner topic-grouped CV's choice), never on the
held-out figures this reports.

With ``known_weight`` the pairs whose claim was one of the training headlines get that weight
instead: ``weight=1, known_weight=0`` is the known-claim gate (a claim the models were trained
on is read by the first, any other by the second). The training headlines are kept as hashes
(:func:`parallax.models.stance.claim_key`), never as text. The summary counts the held-out
pairs each part read (``pairs_first``, ``pairs_second``, ``pairs_both``).
"""

from __future__ import annotations

import json
import shutil
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from parallax.datasets.fnc1 import StancePair, read_bodies, read_stances, topics
from parallax.models.artefacts import models_dir, text_key
from parallax.models.stance import MODEL_NAME, claim_key, load_stance_model
from parallax.training.stance import validation_metrics
from parallax.training.summary import TrainSummary

__all__ = ["blend_stance"]

_FIRST_FILES = ("idf.json", "words.json", "words.npz", "trees.json", "trees.npz")


def blend_stance(
    data: Path,
    first: Path,
    second: Path,
    *,
    weight: float,
    known_weight: float | None = None,
    out: Path | None = None,
) -> TrainSummary:
    """Write the blend of the stance models in ``first`` and ``second`` to ``out``, and score it
    on the held-out pairs of FNC-1's training files in ``data`` (``out`` by default: the
    packaged model's folder).

    Raises:
        ValueError: ``weight`` is outside [0, 1], the two were trained on different splits or
            seeds (their held-out bodies or IDF tables differ), either is a blend already, or
            ``out`` is one of them.
    """
    started = time.perf_counter()
    out = out or models_dir() / "stance"
    for share in (weight, known_weight):
        if share is not None and not 0.0 <= share <= 1.0:
            raise ValueError(f"the blend's weight {share} is outside [0, 1]")
    if out.resolve() in (first.resolve(), second.resolve()):
        raise ValueError("write the blend to a folder of its own")
    if any((path / "blend_trees.json").exists() for path in (first, second)):
        raise ValueError("a blended stance model cannot be a part of another blend")
    head = [
        json.loads((path / "trees.json").read_text(encoding="utf-8")) for path in (first, second)
    ]
    if head[0]["validation_body_ids"] != head[1]["validation_body_ids"] or (
        (first / "idf.json").read_bytes() != (second / "idf.json").read_bytes()
    ):
        raise ValueError("the two stance models were trained on different splits or seeds")
    bodies = read_bodies(data / "train_bodies.csv")
    pairs = read_stances(data / "train_stances.csv")
    held = set(head[0]["validation_body_ids"])
    out.mkdir(parents=True, exist_ok=True)
    for name in _FIRST_FILES:
        shutil.copyfile(first / name, out / name)
    shutil.copyfile(second / "words.json", out / "blend_words.json")
    shutil.copyfile(second / "words.npz", out / "blend_words.npz")
    shutil.copyfile(second / "trees.npz", out / "blend_trees.npz")
    blended = {key: head[1][key] for key in ("kind", "classes", "features")}
    blended |= {"recipe": head[1].get("recipe", ""), "seed": head[1].get("seed")}
    blended["blend_weight"] = weight
    if known_weight is not None:
        blended["known_weight"] = known_weight
        blended["known_claims"] = _training_claims(pairs, held, head)
    (out / "blend_trees.json").write_text(json.dumps(blended, indent=0) + "\n", encoding="utf-8")
    seconds = time.perf_counter() - started

    held_out = [pair for pair in pairs if pair.body_id in held]
    metrics = validation_metrics(out, bodies, held_out) | _readers(out, held_out)
    if head[0]["trained_on"].endswith("of topics"):
        grouping = topics(pairs)
        training = {grouping.of_body[p.body_id] for p in pairs if p.body_id not in held}
        unseen = [p for p in held_out if grouping.of_headline[p.headline] not in training]
        if unseen:
            found = validation_metrics(out, bodies, unseen)
            found |= _readers(out, unseen)
            metrics |= {f"unseen_{key}": value for key, value in found.items()}
    # Nothing is trained here: no training examples.
    return TrainSummary.written(
        MODEL_NAME, out, seconds=seconds, examples=0, held_out=len(held_out), metrics=metrics
    )


def _training_claims(
    pairs: Sequence[StancePair], held: set[int], head: Sequence[dict[str, Any]]
) -> list[str]:
    """The keys of the headlines the parts were trained on: those of the pairs whose body was
    trained on, and, where a part records its training headlines (a topic split trains no pair
    that joins a held-out topic), only those."""
    recorded = [set(meta["train_claims"]) for meta in head if meta.get("train_claims")]
    claims = {
        pair.headline
        for pair in pairs
        if pair.body_id not in held and all(text_key(pair.headline) in r for r in recorded)
    }
    return sorted({claim_key(claim) for claim in claims})


def _readers(path: Path, pairs: Sequence[StancePair]) -> dict[str, float]:
    """How many of ``pairs`` each part of the model in ``path`` reads."""
    model = load_stance_model(path)
    found = Counter(model.reads_claim_with(pair.headline) for pair in pairs)
    return {f"pairs_{part}": float(found[part]) for part in ("first", "second", "both")}
