"""What framing findings at analyze time cost, and what they save a story page.

``--cost``: CPU per article of ``Corpus.analyze`` in this process (one worker, every model loaded
before the clock starts) over ``--articles`` FNC-1 bodies replayed as
:mod:`benchmarks.analyze_memory` replays them, with the ``analyze_framing`` setting off and on,
alternating, each run on a fresh copy of the same ingested store.

``--page``: the CPU of a page's comparison (:func:`parallax.report.story.page_comparison`) of
the largest never-compared stories of such a corpus (analysed with framing findings and sentence
vectors), each in a fresh process with models warm, with nothing stored, only the framing
findings stored, and both stored.

Usage: python -m benchmarks.analyze_framing [--fnc ../shared/data/fnc-1] [--articles 150]
[--runs off,on] [--page]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from benchmarks.analyze_memory import SHARED, bodies, build, records
from parallax.config import Settings
from parallax.corpus import Corpus


def cost(fnc: Path, articles: int, runs: list[str]) -> None:
    """Print analyze's CPU per article with ``analyze_framing`` off and on."""
    from parallax.compare.framing import text_findings
    from parallax.models.vectors import cached_embedder
    from parallax.nlp.pipeline import load_pipeline

    rows = records(bodies(fnc, []), articles, per_day=300, seed=13)
    with tempfile.TemporaryDirectory(prefix="parallax-framing-") as scratch:
        db = build(Path(scratch), rows)
        load_pipeline(Settings().spacy_model)
        text_findings.__wrapped__(rows[0]["text"], "en")
        for number, mode in enumerate(runs):
            copy = Path(scratch) / f"{number}-{mode}.db"
            shutil.copy(db, copy)
            # Each run starts with no sentence vector known (the cached embedder would keep
            # the last run's): a new cache, the MiniLM model stays loaded.
            cached_embedder.cache_clear()
            settings = replace(Settings(), analyze_framing=mode == "on")
            with Corpus(copy, settings=settings) as corpus:
                began = time.process_time()
                report = corpus.analyze(workers=1)
                spent = time.process_time() - began
            print(
                f"analyze_framing {mode}: {report.analyzed} articles, {spent:.1f} CPU s, "
                f"{spent / report.analyzed * 1000:.0f} ms an article",
                flush=True,
            )


def page(db: Path, mode: str) -> None:
    """Print the CPU of each page comparison of the largest stories, as JSON."""
    from parallax.compare.framing import text_findings
    from parallax.models.vectors import cached_embedder
    from parallax.report.story import page_comparison, story_articles

    with Corpus(db, settings=Settings()) as corpus:
        connection = corpus.store.connection
        if mode in ("nothing", "framing"):
            connection.execute("DELETE FROM sentence_vectors")
        if mode == "nothing":
            connection.execute("DELETE FROM framing_findings")
        connection.commit()
        limit = corpus.settings.page_compare_articles
        stories = sorted(
            (s for s in corpus.stories.list() if len(s.article_ids) <= limit),
            key=lambda s: (-len(s.article_ids), s.id),
        )[:6]
        warm = corpus.articles.get(stories[-1].article_ids[0])
        assert warm is not None
        text_findings.__wrapped__(warm.text, warm.language)
        cached_embedder().embed(["warm up"])
        found = []
        for story in stories:
            began = time.process_time()
            page_comparison(corpus, story, story_articles(corpus, story))
            found.append([len(story.article_ids), round(time.process_time() - began, 3)])
    print(json.dumps({"stored": mode, "articles_and_cpu_s": found}))


def pages(fnc: Path, articles: int) -> None:
    """Build an analysed corpus (framing and vectors stored), then time its pages three ways."""
    with tempfile.TemporaryDirectory(prefix="parallax-pages-") as scratch:
        db = build(Path(scratch), records(bodies(fnc, []), articles, per_day=40, seed=13))
        settings = replace(Settings(), analyze_framing=True, sentence_vectors=True)
        with Corpus(db, settings=settings) as corpus:
            corpus.analyze(workers=1)
            corpus.group_stories()
        for mode in ("nothing", "framing", "both"):
            copy = Path(scratch) / f"{mode}.db"
            shutil.copy(db, copy)
            command = [sys.executable, "-m", "benchmarks.analyze_framing", "--child", str(copy)]
            subprocess.run([*command, mode], check=True)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--fnc", type=Path, default=SHARED / "fnc-1")
    parser.add_argument("--articles", type=int, default=150)
    parser.add_argument("--runs", default="off,on,off,on")
    parser.add_argument("--page", action="store_true")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        page(Path(args.child[0]), args.child[1])
    elif args.page:
        pages(args.fnc, args.articles)
    else:
        cost(args.fnc, args.articles, args.runs.split(","))


if __name__ == "__main__":
    main()
