"""Peak memory of ``parallax analyze`` as the corpus grows: the main process and its largest worker.

For each size N (``--sizes``, 1,000 and 2,000 articles by default) a store is built by replaying
real news bodies (FNC-1's grouped training bodies, each replay shuffled, as
``benchmarks.stories`` replays them) under the real outlets' domains, with new URLs and dates
rising ``--per-day`` articles a day; then ``parallax analyze --no-compare`` (NLP with the
default workers, entity merging, then story grouping, as the CLI runs them) runs on it in a
child process. That child reads its own peak resident memory (``ru_maxrss``) after the NLP
stage ("analyse") and after grouping ("main"), and its children's (the largest analyse
worker's, once the pool is shut down); the benchmark prints them per N, with their growth
per 1,000 articles between consecutive sizes: memory that grows with N, unlike the workers'
(bounded by their batch), is held for the whole run somewhere.

Peak RSS does not depend on the machine's load, only on the data, so a loaded machine measures
it as a quiet one would (the CPU seconds printed alongside do depend on it a little).

Usage: python -m benchmarks.analyze_memory [--fnc DIR] [--sizes 1000,2000,5000,10000,20000]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"


def records(fnc: Path, count: int, *, per_day: int, seed: int) -> list[dict[str, str]]:
    """``count`` article records replaying FNC-1 bodies with new URLs, outlets and dates."""
    from benchmarks.serve import outlet_domains
    from benchmarks.stories import stream
    from parallax.datasets.story_streams import read_fnc

    pool = [row.item for row in read_fnc(fnc)]
    domains = outlet_domains()
    start = date(2021, 1, 1)
    found = []
    for number, item in enumerate(stream(pool, count, per_day=per_day, seed=seed)):
        published = item.published or start + timedelta(days=number // per_day)
        body = item.text.strip()
        found.append(
            {
                "url": f"https://{domains[number % len(domains)]}/memory/{number}",
                "title": body.split("\n", 1)[0][:120],
                "published": published.isoformat(),
                "text": body,
            }
        )
    return found


def build(folder: Path, rows: list[dict[str, str]]) -> Path:
    """Ingest ``rows`` into a new store in ``folder``; return its path."""
    from parallax.config import Settings
    from parallax.corpus import Corpus

    source = folder / "articles.jsonl"
    source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    db = folder / "memory.db"
    with Corpus(db, settings=Settings()) as corpus:
        corpus.ingest([str(source)])
    return db


def child(db: Path) -> None:
    """Run what ``parallax analyze --no-compare`` runs on ``db`` (``Corpus.analyze`` with the
    default workers, then ``Corpus.group_stories``) in this process; print the peak RSS after
    each verb, and the largest worker's, as JSON."""
    from parallax.config import Settings
    from parallax.corpus import Corpus

    def peak(who: int) -> float:
        return resource.getrusage(who).ru_maxrss / 1024

    began = time.process_time()
    with Corpus(db, settings=Settings()) as corpus:
        corpus.analyze()
        analysed = peak(resource.RUSAGE_SELF)
        corpus.group_stories()
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(
        json.dumps(
            {
                "analyse_mb": analysed,
                "main_mb": peak(resource.RUSAGE_SELF),
                "worker_mb": workers.ru_maxrss / 1024,
                "cpu_s": time.process_time() - began + workers.ru_utime + workers.ru_stime,
            }
        )
    )


def measure(db: Path) -> dict[str, float]:
    """Run :func:`child` in a new process; return what it printed."""
    command = [sys.executable, "-m", "benchmarks.analyze_memory", "--child", str(db)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode:
        raise SystemExit(f"analyze failed:\n{done.stderr[-3000:]}")
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main(argv: list[str] | None = None) -> None:
    """Build a store per size, analyse each in a child process, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--fnc", type=Path, default=SHARED / "fnc-1")
    parser.add_argument("--sizes", default="1000,2000", help="articles per run, e.g. 1000,20000")
    parser.add_argument("--per-day", type=int, default=300, help="articles per day of the stream")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(args.child)
        return
    sizes = sorted(int(size) for size in args.sizes.split(","))
    rows = records(args.fnc, sizes[-1], per_day=args.per_day, seed=args.seed)
    print(
        f"parallax analyze --no-compare (default workers) on FNC-1 bodies replayed to "
        f"{sizes[-1]:,} articles, {args.per_day}/day"
    )
    print(
        f"{'articles':>9} {'analyse MB':>10} {'main MB':>8} {'/1k':>6} {'worker MB':>10} "
        f"{'/1k':>6} {'CPU s':>8}"
    )
    last: tuple[int, dict[str, float]] | None = None
    for size in sizes:
        with tempfile.TemporaryDirectory(prefix="parallax-memory-") as scratch:
            found = measure(build(Path(scratch), rows[:size]))
        growth = ["", ""]
        if last is not None:
            per = 1000 / (size - last[0])
            growth = [
                f"{(found[key] - last[1][key]) * per:6.1f}" for key in ("main_mb", "worker_mb")
            ]
        print(
            f"{size:9,} {found['analyse_mb']:10.0f} {found['main_mb']:8.0f} {growth[0]:>6} "
            f"{found['worker_mb']:10.0f} "
            f"{growth[1]:>6} {found['cpu_s']:8.0f}",
            flush=True,
        )
        last = (size, found)


if __name__ == "__main__":
    main()
