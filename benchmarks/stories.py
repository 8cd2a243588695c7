"""Per-article cost of story assignment at 1k, 10k and 100k articles already indexed.

The corpus grows by replaying real articles (UCI headlines and FNC-1 bodies) with shifted dates:
each replay is shuffled, its ids are made unique, and dates advance at ``--per-day`` articles a
day, so the stream looks like months of news. At each checkpoint the next ``--probe`` articles of
the stream are timed (wall time per article) and the resident memory is read; both are printed
with their ratio to the 1k checkpoint, measured in the same run.

With ``--embedder minilm`` every distinct text is embedded once up front (timed separately, per
article) and replays reuse the vectors, so the checkpoints time the index with its embedding
signal and the embedding cost is printed on its own line.

Usage: python -m benchmarks.stories [--uci DIR] [--fnc DIR] [--checkpoints 1000,10000,100000]
"""

from __future__ import annotations

import argparse
import gc
import random
import resource
import sys
import time
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from parallax.datasets.story_streams import read_fnc, read_uci
from parallax.embeddings import load_embedder
from parallax.stories.assign import StoryIndex
from parallax.stories.features import StoryInput
from parallax.stories.settings import StorySettings

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"


def rss_mb() -> float:
    """Return the resident memory of this process in MB (current where /proc has it)."""
    statm = Path("/proc/self/statm")
    if statm.is_file():
        pages = int(statm.read_text().split()[1])
        return pages * resource.getpagesize() / 1e6
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3


def load_pool(uci: Path, fnc: Path) -> list[StoryInput]:
    """Return the real articles the stream replays (labels dropped)."""
    return [row.item for row in read_uci(uci)] + [row.item for row in read_fnc(fnc)]


def stream(pool: list[StoryInput], total: int, *, per_day: int, seed: int) -> list[StoryInput]:
    """Replay ``pool`` (shuffled each time) with unique ids and dates rising ``per_day`` a day."""
    start = date(2020, 1, 1)
    rng = random.Random(seed)
    items: list[StoryInput] = []
    replay = 0
    while len(items) < total:
        order = list(range(len(pool)))
        rng.shuffle(order)
        for number in order:
            if len(items) == total:
                break
            article = pool[number]
            items.append(
                replace(
                    article,
                    article_id=f"{article.article_id}#{replay}",
                    published=start + timedelta(days=len(items) // per_day),
                )
            )
        replay += 1
    return items


def run(args: argparse.Namespace) -> int:
    """Run the benchmark and print one line per checkpoint; return an exit status."""
    checkpoints = sorted(int(value) for value in args.checkpoints.split(","))
    pool = load_pool(args.uci, args.fnc)
    total = checkpoints[-1] + args.probe
    items = stream(pool, total, per_day=args.per_day, seed=args.seed)
    vectors: dict[str, NDArray[np.float32]] = {}
    settings = StorySettings.tuned_for(args.embedder)
    index = StoryIndex(settings)
    if args.embedder:
        embedder = load_embedder(args.embedder, threads=args.threads)
        texts = {index.embed_text(article): article for article in pool}
        sample = list(texts)[: args.probe]
        began = time.perf_counter()
        for start in range(0, len(sample), settings.embed_batch):
            embedder.embed(sample[start : start + settings.embed_batch])
        per = (time.perf_counter() - began) / max(1, len(sample))
        print(f"embedding ({embedder.name}, {args.threads} thread): {per * 1e3:.2f} ms/article")
        keys = list(texts)
        for start in range(0, len(keys), 256):
            chunk = keys[start : start + 256]
            for key, vector in zip(chunk, embedder.embed(chunk), strict=True):
                vectors[key] = vector
    print(
        f"stream: {len(pool)} real articles replayed to {total}, {args.per_day}/day, "
        f"window {settings.window_days} days; probe {args.probe} articles per checkpoint"
    )
    results: list[tuple[int, float, float, int]] = []
    position = 0
    for checkpoint in checkpoints:
        while position < checkpoint:
            article = items[position]
            index.assign(article, embedding=vectors.get(index.embed_text(article)))
            position += 1
        gc.collect()
        probe = items[position : position + args.probe]
        embeddings = [vectors.get(index.embed_text(article)) for article in probe]
        began = time.perf_counter()
        for article, vector in zip(probe, embeddings, strict=True):
            index.assign(article, embedding=vector)
        elapsed = time.perf_counter() - began
        position += len(probe)
        results.append((checkpoint, elapsed / len(probe), rss_mb(), len(index.stories())))
    base_time, base_memory = results[0][1], results[0][2]
    print(
        f"{'indexed':>9} {'ms/article':>11} {'ratio':>6} {'RSS MB':>8} {'ratio':>6} {'stories':>8}"
    )
    for checkpoint, per, memory, count in results:
        print(
            f"{checkpoint:>9} {per * 1e3:>11.3f} {per / base_time:>6.2f} "
            f"{memory:>8.1f} {memory / base_memory:>6.2f} {count:>8}"
        )
    return 0


def main(argv: list[str] | None = None) -> int:
    """Parse the arguments and run."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--uci", type=Path, default=SHARED / "uci-news-aggregator-slice")
    parser.add_argument("--fnc", type=Path, default=SHARED / "fnc-1")
    parser.add_argument("--checkpoints", default="1000,10000,100000")
    parser.add_argument("--probe", type=int, default=1000, help="articles timed per checkpoint")
    parser.add_argument("--per-day", type=int, default=300, help="articles per day of the stream")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--embedder", default=None, help="a registered embedder, e.g. minilm")
    parser.add_argument("--threads", type=int, default=1)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
