"""The cold first view of a story page, part by part, in CPU seconds.

A served story page is made once per data version (then kept in the server's caches); the
first view pays for everything. This benchmark opens a store (``--db``: ``benchmarks.serve
--corpus`` builds one of 10,000 articles; without it, a corpus of ``--articles`` is built as
``benchmarks.serve`` builds its own, in ``--corpus`` when given) and, for the largest stories
and as many from the middle of the size order, makes each story's view as the server does,
timing each part:

* ``articles``: the story's articles read from the store, in page order;
* ``comparison``: :func:`~parallax.report.story.page_comparison` (computed for a story of up
  to ``page_compare_articles`` articles, else the stored one when current; a long one-outlet
  story up to the page's budget of ``page_compare_chars`` characters);
* ``columns``: one column per outlet, from the comparison;
* ``coverage``: the coverage chart;
* ``timeline``: the story's dated timeline;
* ``render``: the story page's HTML, and its size in bytes.

The store is copied to a scratch folder first (``--copy``, the default), so a run never writes
to the corpus it was given, and every story is timed in the same process: the first story
with a comparison pays for loading the models, which its ``comparison`` column shows.

``--kinds`` instead times the view of every story a page compares (up to
``page_compare_articles`` articles; at most ``--per-size`` stories of each kind and size), each as
a first view (the models loaded before, the process's framing findings and sentence vectors
forgotten before each story), and prints them by kind: ``stored`` (a current comparison is stored,
as ``analyze`` stores it for every story two or more outlets tell), ``one-outlet`` (computed by
the page) and ``uncompared`` (two or more outlets, nothing current stored: after ``analyze
--no-compare``), with each story's characters of text, which a computed view's cost follows.
Besides the CPU seconds of the process (every thread), it prints each view's wall seconds and
the CPU seconds of the thread that makes the view: a page computing a comparison shares MiniLM
over ``page_threads`` threads (``--threads``), so on an idle machine its wall time falls
towards the larger of that thread's CPU and the process's CPU over the cores.

``--page-vectors`` first stores, in the copied store, the sentence and claim vectors that
``analyze --no-compare`` stores for the long stories several outlets tell (``page_vectors_chars``,
``--vectors-chars N`` to set it), and prints that step's CPU seconds, how many texts it embedded
and the bytes they take in the store; the views then read them. Run once without and once with
it on the same store to compare the first views before and after.

``--served`` instead asks the real app (``parallax serve``'s, in this process) for each story
page as a first view, with the same choice of stories and the models loaded before as
``--kinds``: the seconds (wall, and CPU of the process) until the page's answer is there, and
whether it came with its comparison or with the comparison pending (then computed apart,
:mod:`parallax.server.comparing`), and the wall seconds until the comparison is there (its
job done; the page's next view shows it), and for a pending page what its body route
(``/stories/{id}/body``, which the page's script polls) answered right after the page and once
the comparison was there (202, then 200). It also prints what building the app cost (the
templates are compiled there). ``--wait S`` sets how long a page waits for its comparison
(``PAGE_WAIT_SECONDS``; the default as served).

``--page-chars N`` sets the page budget of a one-outlet story (``page_compare_chars``; 0: none,
every one-outlet story compared whole as before the budget).

Usage: python -m benchmarks.story_cold [--db /path/to/bench.db | --articles 2000]
[--largest 5] [--median 5] [--kinds [--per-size 1000]] [--served [--wait 0.5]]
[--page-chars 6000] [--threads 0] [--page-vectors [--vectors-chars 40000]]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TypeVar

from parallax.config import Settings
from parallax.corpus import Corpus
from parallax.model import Story

T = TypeVar("T")
PARTS = ("articles", "comparison", "columns", "coverage", "timeline", "render")


def cpu(call: Callable[[], T]) -> tuple[T, float]:
    """Return what ``call()`` returned and the CPU seconds it took."""
    started = time.process_time()
    value = call()
    return value, time.process_time() - started


def chosen(corpus: Corpus, largest: int, median: int) -> list[tuple[str, Story]]:
    """The ``largest`` stories with most articles and ``median`` from the middle of that order."""
    ordered = sorted(corpus.stories.list(), key=lambda s: (-len(s.article_ids), s.id))
    middle = max(0, len(ordered) // 2 - median // 2)
    return [("largest", s) for s in ordered[:largest]] + [
        ("median", s) for s in ordered[middle : middle + median]
    ]


def page_html(view: object) -> str:
    """The story page's HTML for ``view``, as the server renders it."""
    from starlette.requests import Request

    from parallax.server.pages.render import TEMPLATES

    path = "/stories/x"
    scope = {"type": "http", "method": "GET", "path": path, "headers": [], "query_string": b""}
    page = TEMPLATES.get_template("story.html")
    return page.render(request=Request(scope), path=path, view=view)


def measure(corpus: Corpus, story: Story) -> tuple[dict[str, float], int]:
    """CPU seconds of each part of one story's cold view, and the page's size in bytes."""
    from parallax.report.chart import coverage_chart
    from parallax.report.story import (
        StoryView,
        page_comparison,
        story_articles,
        story_columns,
    )

    seconds: dict[str, float] = {}
    articles, seconds["articles"] = cpu(lambda: story_articles(corpus, story))
    (comparison, scope), seconds["comparison"] = cpu(
        lambda: page_comparison(corpus, story, articles)
    )
    columns, seconds["columns"] = cpu(lambda: story_columns(corpus, articles, comparison))
    coverage, seconds["coverage"] = cpu(
        lambda: coverage_chart((a.outlet or "unknown", a.published) for a in articles)
    )
    timeline, seconds["timeline"] = cpu(lambda: tuple(corpus.stories.timeline(story.id)))
    view = StoryView(story, articles, timeline, coverage, comparison, columns, scope)
    html, seconds["render"] = cpu(lambda: page_html(view))
    return seconds, len(html.encode())


def report(rows: list[tuple[str, Story, dict[str, float], int]]) -> None:
    """Print one line per story and the median and maximum of each group."""
    head = " ".join(f"{part:>10}" for part in PARTS)
    print(f"{'group':8} {'story':16} {'articles':>8} {head} {'total':>8} {'page KB':>8}")
    for group, story, seconds, size in rows:
        parts = " ".join(f"{seconds[part]:10.3f}" for part in PARTS)
        total = sum(seconds.values())
        print(
            f"{group:8} {story.id:16} {len(story.article_ids):8d} {parts} {total:8.3f} "
            f"{size / 1024:8.0f}"
        )
    for group in ("largest", "median"):
        totals = [sum(s.values()) for g, _, s, _ in rows if g == group]
        if totals:
            print(
                f"{group}: cold view CPU s p50 {statistics.median(totals):.3f}, "
                f"max {max(totals):.3f} over {len(totals)} stories"
            )


def story_kind(corpus: Corpus, story: Story) -> str:
    """``stored``, ``one-outlet`` or ``uncompared`` (see the module's help)."""
    if corpus.stories.compared(story.id):
        return "stored"
    return "one-outlet" if len(story.outlets) <= 1 else "uncompared"


def kinds(corpus: Corpus, per_size: int) -> None:
    """Time every story a page compares as a first view; print one line per kind and size,
    then the slowest computed views with their characters of text."""
    from parallax.compare.framing import text_findings
    from parallax.models.omission import load_omission_model
    from parallax.models.vectors import cached_embedder

    limit = corpus.settings.page_compare_articles
    stories = [s for s in corpus.stories.list() if limit <= 0 or len(s.article_ids) <= limit]
    if not stories:
        print("no story a page compares")
        return
    smallest = min(stories, key=lambda s: (len(s.article_ids), s.id))
    corpus.compare(smallest.id, save=False)  # every model loaded before the clock
    cached_embedder().embed(["warm up"])
    load_omission_model()
    chars = corpus.store.story_text_chars(s.id for s in stories)
    seen: dict[tuple[str, int], int] = {}
    rows: list[tuple[str, Story, float, float, float]] = []
    for story in sorted(stories, key=lambda s: (-len(s.article_ids), s.id)):
        key = (story_kind(corpus, story), len(story.article_ids))
        if seen.get(key, 0) >= per_size:
            continue
        seen[key] = seen.get(key, 0) + 1
        text_findings.cache_clear()
        cached_embedder.cache_clear()
        cached_embedder().embed(["warm up"])
        wall, own = time.perf_counter(), time.thread_time()
        seconds, _ = measure(corpus, story)
        wall, own = time.perf_counter() - wall, time.thread_time() - own
        rows.append((key[0], story, sum(seconds.values()), wall, own))
    groups: dict[tuple[str, int], list[tuple[float, float, float]]] = {}
    for kind, story, total, wall, own in rows:
        groups.setdefault((kind, len(story.article_ids)), []).append((total, wall, own))
    for (kind, size), found in sorted(groups.items()):
        totals, walls, owns = (list(column) for column in zip(*found, strict=True))
        print(
            f"{kind:11} {size:3d} articles: {len(totals):4d} stories, cold view CPU s "
            f"p50 {statistics.median(totals):.3f}, max {max(totals):.3f}; wall s p50 "
            f"{statistics.median(walls):.3f}, max {max(walls):.3f}; this thread's CPU s p50 "
            f"{statistics.median(owns):.3f}, max {max(owns):.3f}"
        )
    print(
        "slowest computed views (kind, story, articles, characters, CPU s, wall s, "
        "this thread's CPU s):"
    )
    computed = sorted((r for r in rows if r[0] != "stored"), key=lambda r: -r[2])
    for kind, story, total, wall, own in computed[:10]:
        print(
            f"  {kind:11} {story.id:16} {len(story.article_ids):4d} "
            f"{chars.get(story.id, 0):9,d} {total:8.3f} {wall:8.3f} {own:8.3f}"
        )


def first_views(corpus: Corpus, per_size: int) -> list[tuple[str, Story]]:
    """Every story a page compares (at most ``per_size`` of each kind and size), largest
    first, with its kind; the models loaded before (as a warm server has them)."""
    from parallax.models.omission import load_omission_model
    from parallax.models.vectors import cached_embedder

    limit = corpus.settings.page_compare_articles
    stories = [s for s in corpus.stories.list() if limit <= 0 or len(s.article_ids) <= limit]
    if stories:
        smallest = min(stories, key=lambda s: (len(s.article_ids), s.id))
        corpus.compare(smallest.id, save=False)  # every model loaded before the clock
        cached_embedder().embed(["warm up"])
        load_omission_model()
    seen: dict[tuple[str, int], int] = {}
    chosen: list[tuple[str, Story]] = []
    for story in sorted(stories, key=lambda s: (-len(s.article_ids), s.id)):
        key = (story_kind(corpus, story), len(story.article_ids))
        if seen.get(key, 0) < per_size:
            seen[key] = seen.get(key, 0) + 1
            chosen.append((key[0], story))
    return chosen


def served(corpus: Corpus, per_size: int) -> None:
    """Ask the app for each story page a page compares as a first view; print when its answer
    and when its comparison were there (see the module's help)."""
    from fastapi.testclient import TestClient

    from parallax.compare.framing import text_findings
    from parallax.models.vectors import cached_embedder
    from parallax.server.app import create_app

    chosen = first_views(corpus, per_size)
    chars = corpus.store.story_text_chars(s.id for _, s in chosen)
    app, seconds = cpu(lambda: create_app(corpus.db, settings=corpus.settings))
    print(f"app built (templates compiled) in {seconds:.3f} CPU s")
    print(
        f"{'kind':11} {'story':16} {'articles':>8} {'chars':>9} {'page wall s':>11} "
        f"{'page CPU s':>10} {'answer':>10} {'comparison wall s':>17} {'next view':>9} "
        f"{'body':>7}"
    )
    with TestClient(app, headers={"accept": "text/html"}) as client:
        jobs = app.state.comparison_jobs
        for kind, story in chosen:
            text_findings.cache_clear()
            cached_embedder.cache_clear()
            cached_embedder().embed(["warm up"])
            started, own = time.perf_counter(), time.process_time()
            answer = client.get(f"/stories/{story.id}")
            page, page_cpu = time.perf_counter() - started, time.process_time() - own
            pending = 'id="comparison-pending"' in answer.text
            polled = client.get(f"/stories/{story.id}/body").status_code if pending else 0
            for job in jobs.pending():
                job.result()
            ready = time.perf_counter() - started
            again = client.get(f"/stories/{story.id}")
            whole = again.status_code == 200 and 'id="comparison-pending"' not in again.text
            body = "-"
            if pending:  # what the pending page's script is answered meanwhile, and now
                body = f"{polled}/{client.get(f'/stories/{story.id}/body').status_code}"
            print(
                f"{kind:11} {story.id:16} {len(story.article_ids):8d} "
                f"{chars.get(story.id, 0):9,d} {page:11.3f} {page_cpu:10.3f} "
                f"{'pending' if pending else 'whole':>10} {ready:17.3f} "
                f"{'whole' if whole else 'PENDING':>9} {body:>7}"
            )


def page_vectors(corpus: Corpus) -> None:
    """Store the vectors ``analyze --no-compare`` stores ahead of pages; print what it cost."""
    from parallax.store.vectors import count_sentence_vectors

    store = corpus.store
    before = count_sentence_vectors(store)
    size = store.connection.execute(
        "SELECT coalesce(sum(length(text_sha256) + length(vector) + length(embedder)), 0) "
        "FROM sentence_vectors"
    ).fetchone()[0]
    report, seconds = cpu(corpus.embed_for_pages)
    after = store.connection.execute(
        "SELECT coalesce(sum(length(text_sha256) + length(vector) + length(embedder)), 0) "
        "FROM sentence_vectors"
    ).fetchone()[0]
    print(
        f"page vectors (page_vectors_chars {corpus.settings.page_vectors_chars:,}): "
        f"{report.stories} stories, {report.embedded} texts embedded "
        f"({count_sentence_vectors(store) - before} rows, {(after - size) / 1e6:.2f} MB of "
        f"row data) in {seconds:.2f} CPU s of this process"
    )


def main(argv: list[str] | None = None) -> None:
    """Time the cold view of the chosen stories of a store and print the table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, help="the store (copied, not written)")
    parser.add_argument("--articles", type=int, default=2000, help="corpus size without --db")
    parser.add_argument("--analysed", type=int, default=100, help="articles run through NLP")
    parser.add_argument("--corpus", type=Path, help="keep the built corpus in this folder")
    parser.add_argument("--largest", type=int, default=5, help="stories with most articles")
    parser.add_argument("--median", type=int, default=5, help="stories from the middle")
    parser.add_argument(
        "--no-copy", dest="copy", action="store_false", help="open the store in place"
    )
    parser.add_argument("--kinds", action="store_true", help="every story a page compares")
    parser.add_argument("--per-size", type=int, default=1000, help="with --kinds: per kind, size")
    parser.add_argument(
        "--served", action="store_true", help="first views through the app, pending or whole"
    )
    parser.add_argument("--wait", type=float, help="with --served: PAGE_WAIT_SECONDS")
    parser.add_argument(
        "--page-chars",
        type=int,
        help="the page budget of a one-outlet story (page_compare_chars; 0: none, as before it)",
    )
    parser.add_argument(
        "--threads",
        type=int,
        help="threads a page shares MiniLM over (page_threads; 0: one per CPU, the default)",
    )
    parser.add_argument(
        "--page-vectors",
        action="store_true",
        help="first store the vectors analyze --no-compare stores ahead of pages",
    )
    parser.add_argument("--vectors-chars", type=int, help="with --page-vectors: page_vectors_chars")
    args = parser.parse_args(argv)
    settings = Settings()
    if args.vectors_chars is not None:
        settings = replace(settings, page_vectors_chars=args.vectors_chars)
    if args.page_chars is not None:
        settings = replace(settings, page_compare_chars=args.page_chars)
    if args.threads is not None:
        settings = replace(settings, page_threads=args.threads)
    with tempfile.TemporaryDirectory(prefix="parallax-story-cold-") as scratch:
        db = args.db
        if db is None:
            from benchmarks.serve import build_corpus

            folder = args.corpus or Path(scratch)
            folder.mkdir(parents=True, exist_ok=True)
            db = args.db = build_corpus(
                folder, articles=args.articles, analysed=args.analysed, seed=6
            )
        if args.copy:
            db = Path(scratch) / args.db.name
            shutil.copyfile(args.db, db)
        with Corpus(db, settings=settings) as corpus:
            if args.page_vectors:
                page_vectors(corpus)
            if args.served:
                if args.wait is not None:
                    from parallax.server import comparing

                    comparing.PAGE_WAIT_SECONDS = args.wait
                served(corpus, args.per_size)
                return
            if args.kinds:
                kinds(corpus, args.per_size)
                return
            stories = chosen(corpus, args.largest, args.median)
            rows = [(group, story, *measure(corpus, story)) for group, story in stories]
    report(rows)


if __name__ == "__main__":
    main()
