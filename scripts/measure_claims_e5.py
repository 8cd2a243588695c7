"""Measure the e5 cosine as a same-event score of claim pairs, on ECB+ (English).

The cross-language claim alignment (``parallax.compare.crosslingual_claims``) scores a pair of
claims in different languages by the e5 cosine, put on the English-English scale by the
per-language-pair calibration. Its threshold and slope come from English pairs, where e5 reads
the same language on both sides: the ECB+ train topics (the claim-pair model's examples:
sentences with a gold event mention, two of different documents of a topic, positive when they
share a gold event chain) and 80% of MRPC train (paraphrase = positive), the examples of the
claim-pair model. A logistic regression of the label on the cosine is fitted on them; the
threshold is the cosine at which it gives the claim-pair model's grouping threshold. The ECB+
dev topics and the held-back MRPC fifth are the second signals.

Usage: python scripts/measure_claims_e5.py ../shared/data/comparison/ecbplus \
    ../shared/data/comparison/mrpc
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

from parallax.crosslingual import E5Small
from parallax.datasets.ecbplus import DEV_TOPICS, read_topics, topics_present
from parallax.datasets.mrpc import read_mrpc
from parallax.models.claim_pairs import load_claim_pairs
from parallax.training.claim_pairs import ecb_sentences, mrpc_groups
from parallax.training.split import held_out_split


def _pairs(folder: Path, topics: list[int], e5: E5Small) -> tuple[np.ndarray, np.ndarray]:
    cosines: list[float] = []
    labels: list[int] = []
    for _topic, documents in read_topics(folder, topics).items():
        texts, docs, chains = ecb_sentences(documents)
        rows = e5.embed(texts).astype(np.float64)
        for i in range(len(texts)):
            for j in range(i + 1, len(texts)):
                if docs[i] != docs[j]:
                    cosines.append(float(rows[i] @ rows[j]))
                    labels.append(int(bool(chains[i] & chains[j])))
    return np.asarray(cosines), np.asarray(labels)


def _mrpc(folder: Path, e5: E5Small) -> tuple[tuple[np.ndarray, np.ndarray], ...]:
    """The MRPC train pairs' cosines and labels: (kept 80%, held-back 20%) as the model's."""
    every = read_mrpc(folder)
    groups = mrpc_groups(every)
    kept = set(held_out_split(sorted(set(groups)))[0])
    first = e5.embed([p.first for p in every]).astype(np.float64)
    second = e5.embed([p.second for p in every]).astype(np.float64)
    cosines = np.einsum("ij,ij->i", first, second)
    labels = np.asarray([int(p.paraphrase) for p in every])
    mask = np.asarray([g in kept for g in groups])
    return (cosines[mask], labels[mask]), (cosines[~mask], labels[~mask])


def _f1(cosines: np.ndarray, labels: np.ndarray, threshold: float) -> tuple[float, float, float]:
    predicted = cosines >= threshold
    tp = float(np.sum(predicted & (labels == 1)))
    precision = tp / max(1.0, float(predicted.sum()))
    recall = tp / max(1.0, float(labels.sum()))
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def main(folder: Path, mrpc: Path) -> None:
    started = time.process_time()
    e5 = E5Small()
    present = list(topics_present(folder))
    train = [t for t in present if t not in DEV_TOPICS]
    dev = [t for t in present if t in DEV_TOPICS]
    x_train, y_train = _pairs(folder, train, e5)
    x_dev, y_dev = _pairs(folder, dev, e5)
    (x_kept, y_kept), (x_held, y_held) = _mrpc(mrpc, e5)
    x_fit, y_fit = np.concatenate([x_train, x_kept]), np.concatenate([y_train, y_kept])
    fit = LogisticRegression().fit(x_fit.reshape(-1, 1), y_fit)
    slope, intercept = float(fit.coef_[0][0]), float(fit.intercept_[0])
    same = load_claim_pairs().threshold[True]
    threshold = (np.log(same / (1 - same)) - intercept) / slope
    grid = np.round(np.arange(0.80, 0.97, 0.005), 3)
    best = max(grid, key=lambda t: _f1(x_fit, y_fit, float(t))[2])
    print(f"ECB+ train topics {len(train)}: {len(y_train)} pairs, {int(y_train.sum())} positive")
    print(f"ECB+ dev topics {len(dev)}: {len(y_dev)} pairs, {int(y_dev.sum())} positive")
    print(f"MRPC kept {len(y_kept)} ({int(y_kept.sum())} +), held back {len(y_held)}")
    print(f"logistic on ECB+ train + MRPC kept: slope {slope:.2f}, intercept {intercept:.2f}")
    print(f"cosine at the grouping threshold {same}: {threshold:.4f}; best-F1 cut {best}")
    sets = (("ECB+ train", x_train, y_train), ("MRPC kept", x_kept, y_kept),
            ("ECB+ dev", x_dev, y_dev), ("MRPC held", x_held, y_held))  # fmt: skip
    for name, x, y in sets:
        print(f"{name}: AUC {roc_auc_score(y, x):.3f}")
        for cut in (float(best), 0.875, 0.9, 0.925, float(threshold)):
            p, r, f = _f1(x, y, cut)
            print(f"  at {cut:.3f}: P {p:.3f} R {r:.3f} F1 {f:.3f}")
    print(f"CPU seconds: {time.process_time() - started:.1f}")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
