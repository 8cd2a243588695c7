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

Usage: python -m benchmarks.story_memory [--t17 DIR] [--articles 500] [--topic LibyaWar]
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

from benchmarks.compare import make_story, t17_story
from benchmarks.e2e import Item, write_corpus

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


def compare_only(db: Path, ids_file: Path) -> None:
    """In a fresh process: compare the story of the ids in ``ids_file``; print JSON figures."""
    from parallax.corpus import Corpus
    from parallax.stages.compare import story_comparison

    ids = json.loads(ids_file.read_text(encoding="utf-8"))
    with Corpus(db) as corpus:
        small = make_story(corpus, "small", ids[:3])
        story_comparison(
            corpus.store, small, corpus.outlets.get, cache=False, stored_only=False, save=False
        )
        baseline, baseline_peak = status_mib("VmRSS"), status_mib("VmHWM")
        story = make_story(corpus, "large", ids)
        reset_peak()
        began = time.perf_counter()
        story_comparison(
            corpus.store, story, corpus.outlets.get, cache=False, stored_only=False, save=False
        )
        seconds = time.perf_counter() - began
        large_peak = status_mib("VmHWM")
    figures = {
        "articles": len(story.article_ids),
        "seconds": seconds,
        "rss_after_3_article_story_mib": baseline,
        "peak_with_3_article_story_mib": baseline_peak,
        "peak_of_large_story_mib": large_peak,
    }
    print(json.dumps(figures))


def main(argv: list[str] | None = None) -> int:
    """Build the story, analyse it, compare it in a fresh process; print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--t17", type=Path, default=SHARED / "comparison" / "timeline17")
    parser.add_argument("--topic", default="LibyaWar")
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument(
        "--compare", nargs=2, type=Path, metavar=("DB", "IDS"), help=argparse.SUPPRESS
    )
    args = parser.parse_args(argv)
    if args.compare:
        compare_only(*args.compare)
        return 0

    from parallax.corpus import Corpus

    items = story_items(args.t17, args.topic, args.articles)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "story.db"
        folder = Path(tmp) / "in"
        folder.mkdir()
        paths = write_corpus(items, folder)
        began = time.perf_counter()
        with Corpus(db) as corpus:
            corpus.ingest(paths)
            corpus.analyze()
        analysed = time.perf_counter() - began
        ids_file = Path(tmp) / "ids.json"
        ids = [item.record["id"] for item in items if item.record]
        ids_file.write_text(json.dumps(ids), encoding="utf-8")
        command = [
            sys.executable,
            "-m",
            "benchmarks.story_memory",
            "--compare",
            str(db),
            str(ids_file),
        ]
        done = subprocess.run(command, capture_output=True, text=True, check=True)
        figures = json.loads(done.stdout.strip().splitlines()[-1])
    chars = sum(len(item.record["text"]) for item in items if item.record)
    print(f"story: {args.topic}, {figures['articles']} articles, {chars} characters")
    print(f"ingest + analyze (not the subject): {analysed:.0f} s")
    print(f"compare the whole story, uncached: {figures['seconds']:.1f} s")
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
