"""Peak memory of comparing one large story: by default 500 articles, under 1 GB the promise.

The story is Timeline17's Libya war (2011), the largest story in the shared data that two
outlets tell at length (CNN 398 articles, Reuters 379): ``--articles`` (default 500) taken in
turn from the two outlets, each outlet's articles in date order, so a 500-article story is 250
from each over the same months. Texts are Timeline17's as they are (CNN's run to 10k
characters). ``--topic`` picks another Timeline17 topic (``H1N1``: BBC, The Guardian,
Reuters, 405 articles in all).

The articles are ingested and analysed into a temporary store (``Corpus.ingest`` and
``Corpus.analyze``: NLP only; timed, not the subject). The comparison then runs in a fresh
process (``python -m benchmarks.story_memory --compare DB IDS``), as ``parallax compare``
would, so that its peak resident memory is the comparison's alone, not the analysis's: that
process compares a 3-article story of the same articles first (opening the store and loading
the comparison's models: the baseline, measured in the same run) and prints its RSS after it
and its peak during it; then it resets its peak (``/proc/self/clear_refs``) and prints the
peak RSS and the time of comparing the whole story, uncached. (The kernel's peak, ``VmHWM``, is
read rather than ``getrusage``'s ``ru_maxrss``, which a process keeps across ``exec`` from the
parent it was forked from: here, the analysis's.)

Before the whole story it times stories of its first 3, 10, 30 and 60 articles (``--sizes``),
each with nothing kept from the one before (no stored comparison, no sentence vectors, no
framing findings): the comparison's cost per article as a story grows. ``--store DIR`` keeps
the analysed store there and reuses it on the next run (the analysis of 500 articles takes
minutes on two cores).

Usage: python -m benchmarks.story_memory [--t17 DIR] [--articles 500] [--topic LibyaWar]
    [--sizes 3,10,30,60] [--store DIR]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from benchmarks.compare import make_story, t17_story
from benchmarks.e2e import Item, write_corpus

if TYPE_CHECKING:
    from parallax.corpus import Corpus
    from parallax.model import Story

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
# The promise of docs/reliability.md: one 500-article story compared in under 1 GB.
LIMIT_MIB = 1024


def story_items(t17: Path, topic: str, articles: int) -> list[Item]:
    """Return ``articles`` of ``topic``, taken in turn from each outlet in date order."""
    return t17_story(t17, articles, date.min, topic=topic)


def status_mib(field: str) -> float:
    """Return a memory figure of this process from ``/proc/self/status`` (``VmRSS``, ``VmHWM``)
    in MiB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    raise SystemExit("no /proc/self/status: the benchmark needs Linux")


def reset_peak() -> None:
    """Start this process's peak resident memory (``VmHWM``) again from its memory now."""
    # Linux 4.0 and later: writing 5 to clear_refs resets the peak.
    Path("/proc/self/clear_refs").write_text("5")


def forget_texts() -> None:
    """Drop what this process keeps of texts it has read (sentence vectors, framing findings),
    so that each timed story computes everything of its own."""
    from parallax.compare.framing import text_findings
    from parallax.models.vectors import cached_embedder

    text_findings.cache_clear()
    cached_embedder.cache_clear()  # a fresh, empty cache around the same loaded model


def timed_comparison(corpus: Corpus, story: Story) -> tuple[float, float]:
    """Compare ``story`` afresh (no stored comparison, no kept texts); return the wall and
    CPU seconds."""
    from parallax.stages.compare import story_comparison

    forget_texts()
    began, cpu = time.perf_counter(), time.process_time()
    story_comparison(
        corpus.store, story, corpus.outlets.get, cache=False, stored_only=False, save=False
    )
    return time.perf_counter() - began, time.process_time() - cpu


def compare_only(db: Path, ids_file: Path, sizes: list[int]) -> None:
    """In a fresh process: compare the story of the ids in ``ids_file``; print JSON figures.

    First a 3-article story (the baseline: models loaded), then a story of the first ``n``
    ids for each of ``sizes`` (the cost per article as stories grow), then the whole story.
    """
    from parallax.corpus import Corpus

    ids = json.loads(ids_file.read_text(encoding="utf-8"))
    with Corpus(db) as corpus:
        timed_comparison(corpus, make_story(corpus, "small", ids[:3]))
        baseline, baseline_peak = status_mib("VmRSS"), status_mib("VmHWM")
        grow = {
            size: timed_comparison(corpus, make_story(corpus, f"first-{size}", ids[:size]))
            for size in sizes
        }
        story = make_story(corpus, "large", ids)
        reset_peak()
        seconds, cpu = timed_comparison(corpus, story)
        large_peak = status_mib("VmHWM")
    figures = {
        "articles": len(story.article_ids),
        "seconds": seconds,
        "cpu_seconds": cpu,
        "rss_after_3_article_story_mib": baseline,
        "peak_with_3_article_story_mib": baseline_peak,
        "peak_of_large_story_mib": large_peak,
        "grow": {str(size): {"wall": wall, "cpu": used} for size, (wall, used) in grow.items()},
    }
    print(json.dumps(figures))


def analysed_store(items: list[Item], folder: Path) -> float | None:
    """Ingest and analyse ``items`` into ``folder`` (``story.db``, ``ids.json``); return the
    seconds it took, or None when the folder already holds them (an earlier ``--store`` run)."""
    from parallax.corpus import Corpus

    db, ids_file = folder / "story.db", folder / "ids.json"
    ids = [item.record["id"] for item in items if item.record]
    if db.exists() and ids_file.exists():
        if json.loads(ids_file.read_text(encoding="utf-8")) != ids:
            raise SystemExit(f"{folder} holds another story: remove it or pick another folder")
        return None
    inputs = folder / "in"
    inputs.mkdir(parents=True, exist_ok=True)
    paths = write_corpus(items, inputs)
    began = time.perf_counter()
    with Corpus(db) as corpus:
        corpus.ingest(paths)
        corpus.analyze()
    ids_file.write_text(json.dumps(ids), encoding="utf-8")
    return time.perf_counter() - began


def main(argv: list[str] | None = None) -> int:
    """Build the story, analyse it, compare it in a fresh process; print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--t17", type=Path, default=SHARED / "comparison" / "timeline17")
    parser.add_argument("--topic", default="LibyaWar")
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument(
        "--sizes",
        type=lambda text: [int(part) for part in text.split(",") if part],
        default=[3, 10, 30, 60],
        help="also time stories of the first N articles, for each N (comma-separated)",
    )
    parser.add_argument(
        "--store",
        type=Path,
        help="keep the analysed store in this folder, and reuse it when it is there",
    )
    parser.add_argument(
        "--compare", nargs=2, type=Path, metavar=("DB", "IDS"), help=argparse.SUPPRESS
    )
    args = parser.parse_args(argv)
    if args.compare:
        db, ids_file = args.compare
        compare_only(db, ids_file, args.sizes)
        return 0

    items = story_items(args.t17, args.topic, args.articles)
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.store or Path(tmp)
        analysed = analysed_store(items, folder)
        command = [
            sys.executable, "-m", "benchmarks.story_memory",
            "--sizes", ",".join(str(size) for size in args.sizes),
            "--compare", str(folder / "story.db"), str(folder / "ids.json"),
        ]  # fmt: skip
        done = subprocess.run(command, capture_output=True, text=True, check=True)
        figures = json.loads(done.stdout.strip().splitlines()[-1])
    chars = sum(len(item.record["text"]) for item in items if item.record)
    print(f"story: {args.topic}, {figures['articles']} articles, {chars} characters")
    if analysed is not None:
        print(f"ingest + analyze (not the subject): {analysed:.0f} s")
    print("comparison cost as the story grows (uncached; CPU seconds are the steadier figure):")
    print("  articles  wall s  CPU s  CPU s per article")
    for size, spent in figures["grow"].items():
        per = spent["cpu"] / int(size)
        print(f"  {size:>8}  {spent['wall']:6.1f}  {spent['cpu']:5.1f}  {per:.2f}")
    print(
        f"compare the whole story, uncached: {figures['seconds']:.1f} s "
        f"({figures['cpu_seconds']:.1f} CPU s)"
    )
    after_small = figures["rss_after_3_article_story_mib"]
    print(f"RSS after a 3-article story (models loaded): {after_small:.0f} MiB")
    small_peak = figures["peak_with_3_article_story_mib"]
    print(f"peak RSS while loading and comparing it: {small_peak:.0f} MiB")
    large = figures["peak_of_large_story_mib"]
    print(f"peak RSS while comparing the whole story: {large:.0f} MiB")
    verdict = "under" if large < LIMIT_MIB else "OVER"
    print(f"the whole story's comparison is {verdict} the {LIMIT_MIB} MiB promise")
    return 0


if __name__ == "__main__":
    sys.exit(main())
