"""MiniLM in length buckets against one text at a time: CPU milliseconds a text, same vectors.

The texts are what the comparison embeds: the sentences of the first ``--articles`` BASIL
articles (``parallax.models.text.sentence_spans``), as ``analyze`` embeds them a batch at a time.
Cases, each timed in CPU seconds of this process (best of ``--repeat`` passes), in one process
with one onnxruntime session (one thread, the product's setting):

* one at a time (the baseline): ``embed([text])`` for each text, one model run per text;
* buckets: ``embed(texts)``, texts of one length in tokens run together (``OnnxMiniLM``);
* padded: the texts sorted by length and cut into runs of ``--batch`` texts padded to the
  longest, the attention mask hiding the padding (what ``OnnxMiniLM`` did before one at a time).

Printed: texts, distinct lengths, ms a text, the ratio to the baseline and the largest absolute
difference of any vector component from the baseline's vectors.

Usage: python -m benchmarks.embed --basil ../shared/data/basil [--articles 40] [--repeat 2]
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"


def basil_sentences(basil: Path, articles: int) -> list[str]:
    """Return the sentences of the first ``articles`` BASIL articles, in order."""
    from parallax.models.text import sentence_spans

    texts: list[str] = []
    for path in sorted((basil / "articles").glob("*/*.json"))[:articles]:
        record = json.loads(path.read_text(encoding="utf-8"))
        body = "\n\n".join(
            " ".join(p) if isinstance(p, list) else str(p) for p in record["body-paragraphs"]
        )
        texts.extend(body[start:end] for start, end in sentence_spans(body))
    return texts


def padded(embedder: object, texts: list[str], batch: int) -> NDArray[np.float32]:
    """Embed ``texts`` in runs of ``batch`` padded to their longest, sorted by length."""
    from parallax.embeddings import OnnxMiniLM

    assert isinstance(embedder, OnnxMiniLM)
    encodings = embedder.tokenizer.encode_batch(texts)
    ids = [[t for t, m in zip(e.ids, e.attention_mask, strict=True) if m] for e in encodings]
    order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
    out = np.zeros((len(ids), embedder.dimension), dtype=np.float32)
    for start in range(0, len(order), batch):
        part = order[start : start + batch]
        width = max(len(ids[i]) for i in part)
        tokens = np.zeros((len(part), width), dtype=np.int64)
        mask = np.zeros_like(tokens)
        for row, i in enumerate(part):
            tokens[row, : len(ids[i])], mask[row, : len(ids[i])] = ids[i], 1
        feed = {"input_ids": tokens, "attention_mask": mask}
        if "token_type_ids" in embedder.inputs:
            feed["token_type_ids"] = np.zeros_like(tokens)
        hidden = np.asarray(embedder.session.run(None, feed)[0], dtype=np.float32)
        for row, i in enumerate(part):
            out[i] = hidden[row, : len(ids[i])].mean(axis=0)
    unit: NDArray[np.float32] = out / np.linalg.norm(out, axis=1, keepdims=True)
    return unit


def best_cpu(
    call: Callable[[], NDArray[np.float32]], repeat: int
) -> tuple[float, NDArray[np.float32]]:
    """Return the least CPU seconds of ``repeat`` calls and the last call's vectors."""
    best, result = float("inf"), np.zeros(0, dtype=np.float32)
    for _ in range(repeat):
        start = time.process_time()
        result = call()
        best = min(best, time.process_time() - start)
    return best, result


def main(argv: list[str] | None = None) -> None:
    """Print ms a text of each case, the ratio to one at a time and the vectors' difference."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--basil", type=Path, default=SHARED / "basil")
    parser.add_argument("--articles", type=int, default=40)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--batch", type=int, default=32, help="Texts a padded run")
    args = parser.parse_args(argv)

    from parallax.embeddings import load_embedder

    texts = basil_sentences(args.basil, args.articles)
    embedder = load_embedder("minilm")
    embedder.embed(texts[:8])  # onnxruntime's first runs allocate
    encodings = embedder.tokenizer.encode_batch(texts)  # type: ignore[attr-defined]
    lengths = {sum(e.attention_mask) for e in encodings}
    one_cpu, one = best_cpu(lambda: np.vstack([embedder.embed([t]) for t in texts]), args.repeat)
    cases = {
        "buckets (OnnxMiniLM.embed)": lambda: embedder.embed(texts),
        f"padded runs of {args.batch}": lambda: padded(embedder, texts, args.batch),
    }
    print(f"{len(texts)} texts ({args.articles} BASIL articles' sentences), {len(lengths)} lengths")
    print(f"{'case':<28} {'ms/text':>8} {'x one':>6} {'max |diff|':>10}")
    print(f"{'one at a time (baseline)':<28} {1000 * one_cpu / len(texts):8.2f} {1.0:6.2f}")
    for name, call in cases.items():
        cpu, vectors = best_cpu(call, args.repeat)
        diff = float(np.abs(vectors - one).max())
        print(f"{name:<28} {1000 * cpu / len(texts):8.2f} {one_cpu / cpu:6.2f} {diff:10.1e}")


if __name__ == "__main__":
    main()
