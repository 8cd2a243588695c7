"""A story's comparison in a fresh process, with what the store keeps for it present or absent.

``benchmarks.compare`` times comparisons in the process that ingested and analysed the stories,
with every model already loaded. The cost a user meets is another: ``parallax compare`` (or a
page) in a new process, on a store analysed earlier. Here every comparison runs in a process
of its own, in two modes:

* ``cold``: the story's comparison is the process's first (it loads the models);
* ``warm``: another story (a BASIL event) is compared first in the same process.

and three states of the store, for the story's articles:

* ``none``: neither sentence vectors nor framing findings stored (the first comparison of a
  story on a store analysed with the default settings);
* ``vectors``: the sentence vectors stored (``analyze`` with ``sentence_vectors``, or an
  earlier comparison), the framing findings not (what main read before findings were stored);
* ``all``: sentence vectors and framing findings stored (a story compared again, or grown by an
  article, after its articles' first comparison).

The stories are those of ``benchmarks.compare``: the first ``--stories`` BASIL events (3
articles each, one per outlet; their median is printed) and the H1N1 story of Timeline17 cut
at each of ``--articles`` (default 3,10,30,60), for the cost per article as a story grows. In
every case the stored comparison of the story is removed first, so the comparison is computed
and stored as ``parallax compare`` does for a story it has not compared. Each process prints its
CPU seconds for the imports, opening the corpus, the warm-up comparison and the timed one. A
last process times each model's loading alone (``--loads``).

Usage: python -m benchmarks.compare_cold --t17 ../shared/data/comparison/timeline17 \
    --basil ../shared/data/basil [--articles 3,10,30,60] [--stories 3] [--modes cold,warm] \
    [--states none,vectors,all] [--store DIR]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from benchmarks.compare import SHARED, basil_stories, cpu_seconds, t17_story

STATES = ("none", "vectors", "all")


def build(folder: Path, t17: Path, basil: Path, sizes: list[int], stories: int) -> Path:
    """Ingest and analyse the stories' articles (sentence vectors stored); return the store's
    path. The stories' JSON Lines ids are written beside it (``stories.json``)."""
    from benchmarks.e2e import write_corpus
    from parallax.config import Settings
    from parallax.corpus import Corpus

    large = t17_story(t17, sizes[-1], date(2009, 4, 25))
    small = basil_stories(basil, stories)
    db = folder / "compare.db"
    settings = Settings(db=str(db), sentence_vectors=True)
    with Corpus(db, settings=settings) as corpus:
        for name, items in {"t17": large, "basil": [i for s in small.values() for i in s]}.items():
            (folder / name).mkdir()
            corpus.ingest(write_corpus(items, folder / name))
            corpus.analyze()
    ids: dict[str, list[str]] = {
        f"basil-{event}": [item.record["id"] for item in items if item.record]
        for event, items in small.items()
    }
    h1n1 = [item.record["id"] for item in large if item.record]
    ids.update({f"h1n1-{n}": h1n1[:n] for n in sizes})
    (folder / "stories.json").write_text(json.dumps(ids), encoding="utf-8")
    return db


def child(db: Path, name: str, state: str, warmup: str | None) -> dict[str, float]:
    """Time one comparison in this (fresh) process; return CPU seconds by step."""
    from benchmarks.compare import make_story
    from parallax.corpus import Corpus
    from parallax.stages.compare import story_comparison

    times = {"import": cpu_seconds()}  # the interpreter's start and every import, this far
    ids = json.loads((db.parent / "stories.json").read_text(encoding="utf-8"))
    mark = cpu_seconds()
    with Corpus(db) as corpus:
        connection = corpus.store.connection

        def compare(story_name: str) -> None:
            story = make_story(corpus, story_name, ids[story_name])
            connection.execute("DELETE FROM comparisons WHERE story_id = ?", (story_name,))
            story_comparison(
                corpus.store, story, corpus.outlets.get, cache=True, stored_only=False, save=True
            )

        corpus.outlets.get("")  # the outlet registry: loaded by any command that opens one
        times["open"] = cpu_seconds() - mark
        mark = cpu_seconds()
        if warmup is not None:
            compare(warmup)
        times["warmup"] = cpu_seconds() - mark
        story = make_story(corpus, name, ids[name])
        article_ids = [(article_id,) for article_id in story.article_ids]
        if state == "none":
            connection.execute("DELETE FROM sentence_vectors")
        if state in ("none", "vectors"):
            connection.executemany("DELETE FROM framing_findings WHERE article_id = ?", article_ids)
        connection.commit()
        mark = cpu_seconds()
        compare(name)
        times["compare"] = cpu_seconds() - mark
    return times


def loads() -> dict[str, float]:
    """Time the loading of each model the comparison uses, one after another, in this process."""
    from parallax.embeddings import shared_embedder
    from parallax.models.bias import load_bias_model
    from parallax.models.claim_pairs import load_claim_pairs
    from parallax.models.event_pairs import load_event_pairs
    from parallax.models.omission import load_omission_model
    from parallax.models.stance import load_stance_model
    from parallax.models.techniques import load_propaganda_model

    steps: dict[str, Callable[[], object]] = {
        "minilm (onnxruntime session)": lambda: shared_embedder("minilm"),
        "bias": load_bias_model,
        "techniques": load_propaganda_model,
        "stance": load_stance_model,
        "claim pairs": load_claim_pairs,
        "event pairs": load_event_pairs,
        "omission": load_omission_model,
    }
    times = {}
    for name, step in steps.items():
        mark = cpu_seconds()
        step()
        times[name] = cpu_seconds() - mark
    return times


def spawn(*args: str) -> Any:
    """Run this module in a new process with ``args``; return the JSON it prints."""
    found = subprocess.run(
        [sys.executable, "-m", "benchmarks.compare_cold", *args],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(found.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> None:
    """Build the store, time each story, mode and state in a fresh process, print the table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--t17", type=Path, default=SHARED / "comparison" / "timeline17")
    parser.add_argument("--basil", type=Path, default=SHARED / "basil")
    parser.add_argument(
        "--articles", type=lambda text: sorted({int(n) for n in text.split(",")}),
        default=[3, 10, 30, 60], help="Sizes of the H1N1 story, comma-separated",
    )  # fmt: skip
    parser.add_argument("--stories", type=int, default=3, help="BASIL 3-article stories")
    parser.add_argument("--modes", default="cold,warm", help="cold, warm or both")
    parser.add_argument("--child", nargs=4, metavar=("DB", "STORY", "STATE", "WARMUP"))
    parser.add_argument("--loads", action="store_true", help="Only time the models' loading")
    parser.add_argument(
        "--states", default=",".join(STATES), help="Of none, vectors, all (in that order)"
    )
    parser.add_argument(
        "--store", type=Path, default=None,
        help="Keep the built store in this folder and reuse it when it is there (with "
        "--states all: each story compared once first, so its framing findings are stored)",
    )  # fmt: skip
    args = parser.parse_args(argv)
    if args.child:
        db, name, state, warmup = args.child
        print(json.dumps(child(Path(db), name, state, None if warmup == "-" else warmup)))
        return
    if args.loads:
        print(json.dumps(loads()))
        return
    modes = args.modes.split(",")
    states = tuple(state for state in STATES if state in args.states.split(","))
    with tempfile.TemporaryDirectory() as scratch:
        tmp = args.store or Path(scratch)
        db = tmp / "compare.db"
        if not (tmp / "stories.json").is_file():
            mark = cpu_seconds()
            db = build(tmp, args.t17, args.basil, args.articles, args.stories)
            print(f"ingest and analyze (cpu, workers included): {cpu_seconds() - mark:.1f} s")
        ids = json.loads((tmp / "stories.json").read_text(encoding="utf-8"))
        if states[0] != "none":  # what the first state would have stored: each story once
            for name in ids:
                spawn("--child", str(db), name, "all", "-")
        basil = [name for name in ids if name.startswith("basil-")]
        results: dict[tuple[str, str, str], dict[str, float]] = {}
        for name in ids:
            # The warm-up is another BASIL story: its models load, its articles stay apart.
            warmup = next(other for other in basil if other != name)
            for mode in modes:
                for state in states:  # none first: it stores what vectors and all then read
                    results[name, mode, state] = spawn(
                        "--child", str(db), name, state, warmup if mode == "warm" else "-"
                    )
        model_loads = spawn("--loads")
    first = results[basil[0], modes[0], states[0]]
    print(f"process start and imports (cpu): {first['import']:.3f} s; opening the corpus and "
          f"the outlet registry: {first['open']:.3f} s")  # fmt: skip
    print("model loading alone (cpu s): "
          + ", ".join(f"{k} {v:.3f}" for k, v in model_loads.items()))  # fmt: skip
    print("comparison cpu seconds (per article in brackets), fresh process per figure")
    print(f"{'story':<26}{'mode':<6}" + "".join(f"{state:>18}" for state in states))
    rows = [("3-article BASIL (median)", basil, 3)] + [
        (f"{n}-article H1N1", [f"h1n1-{n}"], n) for n in args.articles
    ]
    for label, names, size in rows:
        for mode in modes:
            cells = []
            for state in states:
                seconds = statistics.median(results[n, mode, state]["compare"] for n in names)
                cells.append(f"{seconds:8.3f} ({seconds / size:.3f})")
            print(f"{label:<26}{mode:<6}" + "".join(f"{cell:>18}" for cell in cells))


if __name__ == "__main__":
    main()
