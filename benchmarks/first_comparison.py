"""Where a story's first comparison goes: MiniLM's texts by the models that read them, and CPU.

A story's first comparison (what ``analyze`` runs after grouping, in a compare worker whose
models are loaded) computes its articles' framing findings and embeds their sentences, claims
and stated causes, then compares. This benchmark runs that case story by story in one process:
a warm-up story loads the models, then for each story the process's vectors and findings are
forgotten, its stored vectors, findings and comparison deleted, and it is compared and stored
as ``analyze`` does (``story_comparison(..., cache=True, save=True)``).

For each story it prints (a JSON object, then a table of them all; tokens by kind of text) the
CPU seconds of the comparison and of its parts (MiniLM over the
comparison texts, MiniLM over the technique classifier's spans, the framing models without
MiniLM, the comparison proper), the texts MiniLM ran (with their tokens) and, for each model
that reads vectors, how many of those texts it read. A text MiniLM ran twice, or ran without
any model reading it, is counted apart.

The store is ``benchmarks.compare_cold``'s (3 BASIL events of 3 articles, the Timeline17 H1N1
story at 3, 10, 30 and 60 articles; its ``stories.json`` names the stories): built by
``compare_cold.build`` unless ``--store`` names a folder that holds one.

Usage: python -m benchmarks.first_comparison [--store DIR] [--stories NAME,...] [--warmup NAME]
    [--t17 ../shared/data/comparison/timeline17 --basil ../shared/data/basil]
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
import traceback
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from benchmarks.compare import SHARED
from benchmarks.compare_cold import build

#: The functions that read vectors, by the model they serve (the innermost one on the stack
#: names the reader); the two that only embed ahead for them are ``ahead``.
READERS = {
    "score_biases": "bias",
    "important_groups": "importance",
    "similarity": "alignment",
    "restated": "restated",
    "_embedded": "stance",
    "span_rows": "techniques",
    "_similar_causes": "causes",
    "event_groups": "events",
    "_load": "ahead",
    "_embed_sentences": "ahead",
}


def _reader() -> str:
    """The model whose call is embedding now (:data:`READERS`), from the call stack."""
    for frame in reversed(traceback.extract_stack()):
        if "/parallax/" in frame.filename and frame.name in READERS:
            return READERS[frame.name]
    return "other"


class MiniLMTrace:
    """Stands in for the process's MiniLM behind its cached embedder: counts the texts it runs
    (tokens, CPU seconds, by the part of the comparison running) and who asks for each text."""

    def __init__(self) -> None:
        from parallax.models.vectors import cached_embedder

        self.cached = cached_embedder()
        self.inner = self.cached.embedder
        self.name, self.dimension = self.inner.name, self.inner.dimension
        self.part = "other"
        self.runs: list[tuple[str, list[str], float]] = []
        self.readers: defaultdict[str, set[str]] = defaultdict(set)
        asked = self.cached.embed

        def embed(texts: Sequence[str]) -> Any:
            reader = _reader()
            for text in texts:
                self.readers[text].add(reader)
            return asked(texts)

        self.cached.embedder = self
        self.cached.embed = embed  # type: ignore[method-assign]

    def embed(self, texts: Sequence[str]) -> Any:
        mark = time.process_time()
        found = self.inner.embed(texts)
        self.runs.append((self.part, list(texts), time.process_time() - mark))
        return found

    def tokens(self, texts: Sequence[str]) -> int:
        """Tokens MiniLM ran for ``texts`` (0 without its tokenizer)."""
        tokenizer = getattr(self.inner, "tokenizer", None)
        if tokenizer is None or not texts:
            return 0
        return sum(sum(e.attention_mask) for e in tokenizer.encode_batch(list(texts)))

    def reset(self) -> None:
        self.runs.clear()
        self.readers.clear()


@contextmanager
def _timed(
    module: Any, name: str, part: str, trace: MiniLMTrace, cpu: defaultdict[str, float]
) -> Iterator[None]:
    """While the block runs, time every call of ``module.name`` as ``part``."""
    original: Callable[..., Any] = getattr(module, name)

    def wrapped(*args: Any, **kwargs: Any) -> Any:
        before, trace.part = trace.part, part
        mark = time.process_time()
        try:
            return original(*args, **kwargs)
        finally:
            cpu[part] += time.process_time() - mark
            trace.part = before

    setattr(module, name, wrapped)
    try:
        yield
    finally:
        setattr(module, name, original)


def first_comparison(corpus: Any, name: str, ids: list[str], trace: MiniLMTrace) -> dict[str, Any]:
    """Compare story ``name`` as its first comparison; return its figures."""
    from benchmarks.compare import make_story
    from parallax.compare import framing as compare_framing
    from parallax.compare import story as compare_module
    from parallax.stages import framing as stage_framing
    from parallax.stages import vectors as stage_vectors
    from parallax.stages.compare import story_comparison

    story = make_story(corpus, name, ids)
    connection = corpus.store.connection
    connection.execute("DELETE FROM comparisons WHERE story_id = ?", (name,))
    connection.execute("DELETE FROM sentence_vectors")
    connection.executemany(
        "DELETE FROM framing_findings WHERE article_id = ?", [(a,) for a in story.article_ids]
    )
    connection.commit()
    trace.cached._rows.clear()  # a fresh compare worker's process, its models loaded
    compare_framing.text_findings.cache_clear()
    trace.reset()
    cpu: defaultdict[str, float] = defaultdict(float)
    with (
        _timed(stage_vectors, "preload_vectors", "comparison texts", trace, cpu),
        _timed(stage_framing, "complete_framing", "framing findings", trace, cpu),
        _timed(compare_module, "compare_story", "comparison proper", trace, cpu),
    ):
        mark = time.process_time()
        story_comparison(
            corpus.store, story, corpus.outlets.get, cache=True, stored_only=False, save=True
        )
        total = time.process_time() - mark
    embedded = [text for _, texts, _ in trace.runs for text in texts]
    minilm: defaultdict[str, float] = defaultdict(float)
    for part, _, seconds in trace.runs:
        minilm[part] += seconds
    read = {t: trace.readers[t] - {"ahead"} for t in dict.fromkeys(embedded)}
    by_reader: dict[str, list[int]] = {}
    for text, readers in read.items():
        for reader in readers or {"nobody"}:
            found = by_reader.setdefault(reader, [0, 0])
            found[0] += 1
            found[1] += trace.tokens([text])
    spans = [t for t, r in read.items() if r == {"techniques"}]
    # Sentences no claim is: read only by the models that read every sentence of the story.
    sentences_only = [t for t, r in read.items() if r and r <= {"bias", "importance", "restated"}]
    return {
        "story": name,
        "articles": len(story.article_ids),
        "cpu": total,
        "parts": {part: cpu[part] - minilm.get(part, 0.0) for part in cpu},
        "minilm": dict(minilm),
        "texts": len(embedded),
        "distinct": len(set(embedded)),
        "tokens": trace.tokens(embedded),
        "technique spans": [len(spans), trace.tokens(spans)],
        "sentences no claim is": [len(sentences_only), trace.tokens(sentences_only)],
        "readers": by_reader,
    }


def main(argv: list[str] | None = None) -> None:
    """Run the first comparison of each story of the store; print one JSON object a story."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--store", type=Path, default=None,
        help="compare_cold's --store DIR (built there when it holds no stories.json; default: "
        "built in a temporary folder)",
    )  # fmt: skip
    parser.add_argument("--t17", type=Path, default=SHARED / "comparison" / "timeline17")
    parser.add_argument("--basil", type=Path, default=SHARED / "basil")
    parser.add_argument("--stories", default="", help="Names in stories.json (default: all)")
    parser.add_argument("--warmup", default="", help="The story compared first (default: the "
                        "first BASIL story, left out of the figures)")  # fmt: skip
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        store = args.store or Path(scratch)
        if not (store / "stories.json").is_file():
            build(store, args.t17, args.basil, [3, 10, 30, 60], 3)
        run(store, args.stories, args.warmup)


def run(store: Path, stories: str, warmup: str) -> None:
    """Print the figures of each story of ``store`` (:func:`main`'s options)."""
    from parallax.corpus import Corpus

    ids: dict[str, list[str]] = json.loads((store / "stories.json").read_text("utf-8"))
    warmup = warmup or next(name for name in ids if name.startswith("basil-"))
    names = [n for n in stories.split(",") if n] or [n for n in ids if n != warmup]
    with Corpus(store / "compare.db") as corpus:
        trace = MiniLMTrace()
        first_comparison(corpus, warmup, ids[warmup], trace)
        rows = []
        for name in names:
            rows.append(first_comparison(corpus, name, ids[name], trace))
            print(json.dumps(rows[-1]), flush=True)
    print(f"{'story':<16}{'art.':>5}{'CPU s':>8}{'/art.':>7}{'MiniLM':>8}{'texts':>7}"
          f"{'tokens':>8}{'no claim':>10}{'spans':>7}{'unread':>8}")  # fmt: skip
    for row in rows:
        minilm = sum(row["minilm"].values())
        print(
            f"{row['story'][:15]:<16}{row['articles']:>5}{row['cpu']:>8.3f}"
            f"{row['cpu'] / row['articles']:>7.3f}{minilm / row['cpu']:>8.0%}{row['texts']:>7}"
            f"{row['tokens']:>8}{row['sentences no claim is'][1]:>10}"
            f"{row['technique spans'][1]:>7}{row['readers'].get('nobody', [0, 0])[1]:>8}"
        )


if __name__ == "__main__":
    main()
