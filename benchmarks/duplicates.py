"""Near-duplicate detection at scale: ingesting N near-identical articles against N distinct ones.

Each case writes one JSON Lines file of generated articles (seeded, so every run sees the same
text) and times ``Corpus.ingest`` over it into a fresh store. The baseline is N *distinct*
articles of the same length, timed in the same run at each size: fingerprinting and storing cost
the same for both, so the ratio shows what finding near-duplicates adds. Linear near-duplicate
lookup keeps the ratio flat as N grows; a quadratic one makes it grow with N.

Usage: python -m benchmarks.duplicates [--sizes 1000,4000,10000] [--words 300]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import tempfile
import time
from pathlib import Path

from parallax.config import Settings
from parallax.corpus import Corpus

VOCABULARY = 5000


def words(rng: random.Random, count: int) -> list[str]:
    """Return ``count`` pseudo-words drawn from a fixed vocabulary."""
    return [f"w{rng.randrange(VOCABULARY)}" for _ in range(count)]


def write_articles(path: Path, count: int, length: int, *, near: bool) -> None:
    """Write ``count`` articles of ``length`` words: copies of one text that differ in one
    word each (``near``), or unrelated texts."""
    rng = random.Random(7)
    base = words(rng, length)
    with path.open("w", encoding="utf-8") as out:
        for number in range(count):
            body = list(base) if near else words(rng, length)
            body[number % length] = f"v{number}"  # every text differs, so every id differs
            record = {
                "url": f"https://bench{number % 7}.example/{number}",
                "title": f"Article {number}",
                "published": "2025-07-04",
                "text": " ".join(body) + ".",
            }
            out.write(json.dumps(record) + "\n")


def ingest_seconds(source: Path, scratch: Path) -> tuple[int, int, float]:
    """Ingest ``source`` into a fresh store; return (articles, near-duplicates, seconds)."""
    with Corpus(scratch / f"{source.stem}.db", settings=Settings()) as corpus:
        start = time.perf_counter()
        report = corpus.ingest([str(source)])
        return report.articles, report.duplicates, time.perf_counter() - start


def main(argv: list[str] | None = None) -> None:
    """Print seconds per case and the ratio of near-identical to distinct at each size."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1000,4000,10000", help="Comma-separated N")
    parser.add_argument("--words", type=int, default=300, help="Words per article")
    args = parser.parse_args(argv)
    sizes = [int(size) for size in args.sizes.split(",")]
    print(
        f"{'N':>6} {'case':14} {'stored':>7} {'dups':>6} {'seconds':>8} {'ms/art':>7} {'ratio':>6}"
    )
    with tempfile.TemporaryDirectory() as folder:
        scratch = Path(folder)
        for size in sizes:
            baseline = 0.0
            for near in (False, True):
                name = "near-identical" if near else "distinct"
                source = scratch / f"{name}-{size}.jsonl"
                write_articles(source, size, args.words, near=near)
                stored, duplicates, seconds = ingest_seconds(source, scratch)
                baseline = baseline or seconds
                print(
                    f"{size:6d} {name:14} {stored:7d} {duplicates:6d} {seconds:8.2f} "
                    f"{1000 * seconds / size:7.2f} {seconds / baseline:6.2f}",
                    flush=True,
                )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of the benchmark process: {peak:.0f} MiB")


if __name__ == "__main__":
    main()
