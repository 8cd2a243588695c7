"""NLP stage throughput (articles/s) and peak memory against plain spaCy with the same model.

The baseline is ``spacy.load(model)`` and ``nlp.pipe`` over the same texts, timed in the same
run; the NLP stage is ``parallax.nlp.pipeline.analyze_texts`` with ``load_pipeline`` (paragraph
marks and the gazetteer added to the model, then entities, quotes, dates and claims). Each case
runs in its own child process, so its peak RSS is its own (the model included); a first pass
over a few texts warms up, then the cases take ``--repeat`` timed passes in turn and the best
pass of each is kept (wall
and CPU seconds, each the best of its passes). Texts: real articles,
``--texts`` a folder of ``*.txt`` files (searched recursively) or one file, optionally
replicated (``--replicate``).

Usage: python -m benchmarks.nlp --texts ../shared/data/polnear/dev/text [--replicate 2]
"""

from __future__ import annotations

import argparse
import multiprocessing
import resource
import time
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path

from parallax.nlp.pipeline import DEFAULT_MODEL

_WARM_UP = 4


def load_texts(path: Path, replicate: int) -> list[str]:
    """Return the texts of a file or of every ``*.txt`` under a folder, ``replicate`` times."""
    files = [path] if path.is_file() else sorted(path.rglob("*.txt"))
    texts = [file.read_text(encoding="utf-8") for file in files]
    return texts * replicate


def _spacy(texts: list[str], model: str, batch_size: int) -> Callable[[], int]:
    """Load the model alone; return the pass to time."""
    import spacy

    nlp = spacy.load(model)
    list(nlp.pipe(texts[:_WARM_UP]))
    return lambda: sum(1 for _ in nlp.pipe(texts, batch_size=batch_size))


def _parallax(texts: list[str], model: str, batch_size: int) -> Callable[[], int]:
    """Load the NLP stage's pipeline; return the pass to time."""
    from parallax.nlp.pipeline import analyze_texts, load_pipeline

    nlp = load_pipeline(model)
    items = [(f"a{i}", text, None) for i, text in enumerate(texts)]
    list(analyze_texts(items[:_WARM_UP], nlp=nlp))
    return lambda: sum(1 for _ in analyze_texts(items, nlp=nlp, batch_size=batch_size))


_CASES: dict[str, Callable[[list[str], str, int], Callable[[], int]]] = {
    "spacy": _spacy,
    "parallax": _parallax,
}


def _worker(case: str, texts: list[str], model: str, batch_size: int, pipe: Connection) -> None:
    """Child process: load one case, then time a pass each time the parent asks."""
    work = _CASES[case](texts, model, batch_size)
    while pipe.recv() == "pass":
        start, cpu = time.perf_counter(), time.process_time()
        count = work()
        pipe.send((count, time.perf_counter() - start, time.process_time() - cpu))
    pipe.send(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def run(
    texts: list[str], *, model: str, batch_size: int, repeat: int
) -> dict[str, dict[str, float]]:
    """Measure both cases, each in its own process, passes taken in turn; best pass each.

    Taking the passes in turn (spaCy, Parallax, spaCy, …) keeps a change in the machine's load
    from favouring whichever case ran first.
    """
    context = multiprocessing.get_context("spawn")
    pipes: dict[str, Connection] = {}
    workers = []
    for case in _CASES:
        parent, child = context.Pipe()
        worker = context.Process(target=_worker, args=(case, texts, model, batch_size, child))
        worker.start()
        pipes[case] = parent
        workers.append(worker)
    best = dict.fromkeys(_CASES, float("inf"))
    best_cpu = dict.fromkeys(_CASES, float("inf"))
    counts = dict.fromkeys(_CASES, 0)
    for _ in range(repeat):
        for case, pipe in pipes.items():
            pipe.send("pass")
            counts[case], seconds, cpu = pipe.recv()
            best[case] = min(best[case], seconds)
            best_cpu[case] = min(best_cpu[case], cpu)
    results: dict[str, dict[str, float]] = {}
    for case, pipe in pipes.items():
        pipe.send("stop")
        peak = pipe.recv()
        results[case] = {
            "articles": float(counts[case]),
            "seconds": best[case],
            "cpu_s": best_cpu[case],
            "peak_mib": peak,
        }
    for worker in workers:
        worker.join()
    return results


def main(argv: list[str] | None = None) -> None:
    """Print articles/s and peak memory of each case and the NLP stage's ratio to spaCy."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--texts", type=Path, required=True, help="Folder of *.txt, or a file")
    parser.add_argument("--replicate", type=int, default=1, help="Repeat the texts N times")
    parser.add_argument("--model", default=DEFAULT_MODEL, help="Installed spaCy pipeline")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--repeat", type=int, default=3, help="Best of N passes")
    args = parser.parse_args(argv)
    texts = load_texts(args.texts, args.replicate)
    results = run(texts, model=args.model, batch_size=args.batch_size, repeat=args.repeat)
    base = results["spacy"]
    base_rate = base["articles"] / base["seconds"]
    characters = sum(len(text) for text in texts)
    print(f"{len(texts)} texts, {characters / len(texts):.0f} characters on average, {args.model}")
    print(
        f"{'case':34} {'articles':>8} {'seconds':>8} {'art/s':>8} {'ratio':>6} "
        f"{'cpu_s':>7} {'cpu_ratio':>9} {'peak MiB':>9}"
    )
    names = {"spacy": "spacy.load + nlp.pipe (baseline)", "parallax": "parallax analyze_texts"}
    for case, figures in results.items():
        rate = figures["articles"] / figures["seconds"]
        cpu_ratio = base["cpu_s"] / figures["cpu_s"]
        print(
            f"{names[case]:34} {figures['articles']:8.0f} {figures['seconds']:8.2f} "
            f"{rate:8.1f} {rate / base_rate:6.2f} {figures['cpu_s']:7.2f} {cpu_ratio:9.2f} "
            f"{figures['peak_mib']:9.0f}"
        )


if __name__ == "__main__":
    main()
