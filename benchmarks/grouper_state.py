"""What writing the grouper's state once per batch costs, against assigning the batch.

FNC-1 training bodies are replayed as a stream (``benchmarks.stories.stream``: unique ids,
dates rising ``--per-day`` a day) and assigned ``--batch`` at a time with TF-IDF grouping, as
``parallax analyze`` does. After each batch the state is serialised as the store writes it
(``index.snapshot()`` then ``encode_snapshot``) and, for comparison, with ``json.dumps`` as it
was written before; at each checkpoint one line gives the batch's assignment time, both
serialisation times (the best of five), the store's one as a share of the assignment, the
state's size, and what the store writes for the batch: the stories whose state the batch
changed (one row each) and the rest of the state (one row), against the whole state.

Usage: python -m benchmarks.grouper_state [--fnc DIR] [--checkpoints 1600,5000] [--batch 200]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.stories import SHARED, stream
from parallax.config import Settings
from parallax.datasets.story_streams import read_fnc
from parallax.store.stories import encode_snapshot
from parallax.stories.configure import open_index


def best_of(work: Callable[[], object], repeat: int = 5) -> float:
    """Return the shortest of ``repeat`` timings of ``work`` (the machine is shared)."""
    timings = []
    for _ in range(repeat):
        began = time.perf_counter()
        work()
        timings.append(time.perf_counter() - began)
    return min(timings)


def main(argv: list[str] | None = None) -> int:
    """Run the measurement and print one line per checkpoint; return an exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fnc", type=Path, default=SHARED / "fnc-1")
    parser.add_argument("--checkpoints", default="1600,5000")
    parser.add_argument("--batch", type=int, default=200)
    parser.add_argument("--per-day", type=int, default=100)
    args = parser.parse_args(argv)
    checkpoints = sorted(int(value) for value in args.checkpoints.split(","))
    pool = [row.item for row in read_fnc(args.fnc)]
    items = stream(pool, checkpoints[-1], per_day=args.per_day, seed=0)
    index = open_index(Settings(story_embedder="tfidf"))
    print("articles  assign_s  json_s  store_s  ratio  state_MB  written_MB  stories_written")
    saved: dict[str, bytes] = {}
    for start in range(0, len(items), args.batch):
        began = time.perf_counter()
        index.assign_all(items[start : start + args.batch])
        assigned = time.perf_counter() - began
        done = start + args.batch
        # What the store writes: the rows of the stories whose state changed, and the rest.
        snapshot = index.snapshot()
        states = {story["id"]: encode_snapshot(story).encode() for story in snapshot["stories"]}
        changed = {key: state for key, state in states.items() if saved.get(key) != state}
        saved = states
        rest = {key: value for key, value in snapshot.items() if key != "stories"}
        written = sum(map(len, changed.values())) + len(encode_snapshot(rest))
        if not any(start < point <= done for point in checkpoints):
            continue
        before = best_of(lambda: json.dumps(index.snapshot(), separators=(",", ":")))
        stored = best_of(lambda: encode_snapshot(index.snapshot()))
        state = encode_snapshot(index.snapshot())
        share = stored / assigned
        print(f"{done:8d}  {assigned:8.2f}  {before:6.2f}  {stored:7.2f}  {share:5.2f}  "
              f"{len(state) / 1e6:8.1f}  {written / 1e6:10.2f}  "
              f"{len(changed):>6d} of {len(states)}")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
