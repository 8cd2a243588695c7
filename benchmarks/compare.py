"""The story comparison's cost: one 30-article story told by 3 outlets, and 3-article stories.

Inputs, read from the shared data (paths are arguments):

* the large story: Timeline17's H1N1 topic, the one real story in the shared data that three
  outlets tell at length (BBC, The Guardian, Reuters; 2009 swine-flu outbreak). ``--articles``
  (default 30) are taken in turn from the three outlets, each outlet's articles in date order
  from ``--since`` (default 2009-04-25, when all three report the outbreak), so a 30-article
  story is 10 articles from each outlet over the same weeks. A list such as ``3,10,30,60`` also
  times the stories made of the first 3 and 10 articles: the cost per article as a story
  grows. Articles and texts are Timeline17's as they are (BBC's run to 10k characters,
  Reuters' to 3k).
* the small stories: the first ``--stories`` BASIL events (default 3), each one event told by
  Fox News, The New York Times and HuffPost: the 3-article story that most pages show.

Both are ingested and analysed once into a temporary store (timed apart: this is the analysis
baseline). Each story is then made a :class:`parallax.model.Story` of exactly those articles,
with its five most-mentioned entities as key entities, and compared through
:func:`parallax.stages.compare.story_comparison`, the call behind ``Corpus.compare``,
``parallax compare`` and the story page, once cold (computed and stored; the first comparison of
the run, which loads the comparison's models, is timed on its own) and once warm (read back from
the store's cache). The process's peak RSS is printed (the models' share dominates it); with
``--memory`` the peak Python memory of one uncached comparison of the large story is measured
with ``tracemalloc`` on a separate, untimed call (it doubles the large story's cost).

Baselines, measured in the same run: the analysis (``Corpus.analyze``, models already loaded)
of the BASIL articles, per article; and a plain TF-IDF cosine over all pairs of the large
story's claims (scikit-learn, median of ``--repeat`` runs). Ratios to both are printed.

Usage: python -m benchmarks.compare --t17 ../shared/data/comparison/timeline17 \
    --basil ../shared/data/basil [--articles 30] [--stories 3] [--memory]
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import tempfile
import time
import tracemalloc
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import date
from functools import partial
from itertools import zip_longest
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from benchmarks.e2e import BASIL_OUTLETS, T17_OUTLETS, Item, write_corpus

if TYPE_CHECKING:
    from parallax.corpus import Corpus
    from parallax.model import Story

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
T17_TOPIC = "H1N1"


def t17_story(t17: Path, articles: int, since: date, *, topic: str = T17_TOPIC) -> list[Item]:
    """Return ``articles`` articles of ``topic`` published from ``since``, taken in turn from
    each outlet in date order."""
    per_outlet: list[Iterator[Item]] = []
    for folder in sorted(t17.glob(f"{topic}_*")):
        outlet = T17_OUTLETS.get(folder.name.split("_")[-1], folder.name)
        rows = json.loads((folder / "articles.json").read_text(encoding="utf-8"))
        rows = sorted(
            (row for row in rows if str(row["dct"])[:10] >= since.isoformat()),
            key=lambda row: (str(row["dct"]), str(row["uid"])),
        )
        items = [
            Item(
                "t17",
                {
                    "id": f"t17-{folder.name}-{row['uid']}",
                    "published": str(row["dct"])[:10],
                    "outlet": outlet,
                    "text": row["text"],
                },
            )
            for row in rows
        ]
        per_outlet.append(iter(items))
    chosen = [item for round_ in zip_longest(*per_outlet) for item in round_ if item is not None]
    if len(chosen) < articles:
        raise SystemExit(f"only {len(chosen)} {topic} articles under {t17} since {since}")
    return chosen[:articles]


def basil_stories(basil: Path, stories: int) -> dict[str, list[Item]]:
    """Return the first ``stories`` BASIL events (by file name) as their three articles each."""
    events: dict[str, list[Item]] = {}
    for path in sorted((basil / "articles").glob("*/*.json")):
        event = path.stem.rsplit("_", 1)[0]
        if event not in events and len(events) == stories:
            break
        record = json.loads(path.read_text(encoding="utf-8"))
        paragraphs = [
            " ".join(p) if isinstance(p, list) else str(p) for p in record["body-paragraphs"]
        ]
        source = record.get("source", "")
        events.setdefault(event, []).append(
            Item(
                "basil",
                {
                    "id": f"basil-{path.stem}",
                    "title": record.get("title") or "",
                    "published": record["date"],
                    "outlet": BASIL_OUTLETS.get(source, source),
                    "text": "\n\n".join(paragraphs),
                },
            )
        )
    return events


def make_story(corpus: Corpus, story_id: str, external_ids: list[str]) -> Story:
    """Return a story of exactly these ingested articles (by their JSON Lines ``id``)."""
    from parallax.model import Story

    wanted = set(external_ids)
    articles = [a for a in corpus.articles.each() if a.external_id in wanted]
    mentions: Counter[str] = Counter()
    for article in articles:
        mentions.update(m.entity for m in corpus.store.analysis(article.id).mentions)
    days = [a.published for a in articles if a.published is not None]
    return Story(
        id=story_id,
        title=story_id,
        article_ids=tuple(a.id for a in articles),
        entities=tuple(name for name, _ in mentions.most_common(5)),
        outlets=tuple(sorted({a.outlet or "" for a in articles})),
        first_seen=min(days, default=None),
        last_seen=max(days, default=None),
        grouper="benchmark",
    )


class Timing(NamedTuple):
    """Wall and CPU seconds of one call (CPU is the steadier figure on a loaded machine)."""

    wall: float
    cpu: float


def count_claims(corpus: Corpus, story: Story) -> int:
    """Return the number of claims the analysis found in the story's articles."""
    return sum(len(corpus.store.analysis(a).claims) for a in story.article_ids)


def cpu_seconds() -> float:
    """CPU seconds of this process and of its finished children (``analyze``'s workers)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime + children.ru_utime + children.ru_stime


def timed(call: Callable[[], object]) -> Timing:
    """Return the wall and CPU seconds of one call (its worker processes' CPU included)."""
    wall, cpu = time.perf_counter(), cpu_seconds()
    call()
    return Timing(time.perf_counter() - wall, cpu_seconds() - cpu)


def median(timings: list[Timing]) -> Timing:
    """Return the median wall and the median CPU seconds (each on its own)."""
    return Timing(
        statistics.median(t.wall for t in timings), statistics.median(t.cpu for t in timings)
    )


def line(name: str, timing: Timing, per: int = 1) -> str:
    """Return ``name: wall`` and its CPU seconds, divided by ``per``."""
    return f"{name} seconds: {timing.wall / per:.4f} (cpu {timing.cpu / per:.4f})"


def tfidf_all_pairs(claims: list[str]) -> None:
    """The baseline: TF-IDF over the claims and the cosine of every pair."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    matrix = TfidfVectorizer(sublinear_tf=True).fit_transform(claims)
    (matrix @ matrix.T).toarray()


def main(argv: list[str] | None = None) -> None:
    """Ingest and analyse, time the comparisons and the baselines, print figures and ratios."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--t17", type=Path, default=SHARED / "comparison" / "timeline17")
    parser.add_argument("--basil", type=Path, default=SHARED / "basil")
    parser.add_argument(
        "--articles",
        type=lambda text: sorted({int(n) for n in text.split(",")}),
        default=[30],
        help="Sizes of the H1N1 story, comma-separated (e.g. 3,10,30,60); the largest is the "
        "large story",
    )
    parser.add_argument("--since", type=date.fromisoformat, default=date(2009, 4, 25))
    parser.add_argument("--stories", type=int, default=3, help="BASIL 3-article stories")
    parser.add_argument("--repeat", type=int, default=20, help="Runs of the TF-IDF baseline")
    parser.add_argument(
        "--memory", action="store_true", help="Also measure peak Python memory (one more run)"
    )
    args = parser.parse_args(argv)

    from parallax.corpus import Corpus
    from parallax.stages.compare import story_comparison

    large = t17_story(args.t17, args.articles[-1], args.since)
    small = basil_stories(args.basil, args.stories)
    timings: dict[str, Timing] = {}
    per_size: dict[int, Timing] = {}
    claim_counts: dict[int, int] = {}
    with tempfile.TemporaryDirectory() as tmp, Corpus(Path(tmp) / "compare.db") as corpus:
        sets = {"t17": large, "basil": [item for s in small.values() for item in s]}
        for name, items in sets.items():
            folder = Path(tmp) / name
            folder.mkdir()
            paths = write_corpus(items, folder)
            timings[f"ingest {name}"] = timed(partial(corpus.ingest, paths))
            timings[f"analyze {name}"] = timed(corpus.analyze)

        def compare(story: Story, *, cache: bool = True) -> Timing:
            call = partial(story_comparison, corpus.store, story, corpus.outlets.get)
            return timed(partial(call, cache=cache, stored_only=False, save=cache))

        triplets = [
            make_story(corpus, f"basil-{event}", [i.record["id"] for i in items if i.record])
            for event, items in small.items()
        ]
        timings["compare first 3-article story (loads models)"] = compare(triplets[0])
        cold = [compare(story) for story in triplets[1:]]
        warm = [compare(story) for story in triplets]
        ids = [i.record["id"] for i in large if i.record]
        for smaller in args.articles[:-1]:
            prefix = make_story(corpus, f"h1n1-{smaller}", ids[:smaller])
            timings[f"compare {smaller}-article H1N1 story cold"] = cold_prefix = compare(prefix)
            per_size[smaller] = cold_prefix
            claim_counts[smaller] = count_claims(corpus, prefix)
        story = make_story(corpus, "h1n1", ids)
        size = len(story.article_ids)
        per_size[size] = timings[f"compare {size}-article story cold"] = large_cold = compare(story)
        timings[f"compare {size}-article story warm"] = compare(story)
        claim_counts[size] = count_claims(corpus, story)
        peak = None
        if args.memory:
            tracemalloc.start()
            compare(story, cache=False)
            peak = tracemalloc.get_traced_memory()[1] / 2**20
            tracemalloc.stop()
        claims = [c.text for a in story.article_ids for c in corpus.store.analysis(a).claims]
        chars = sum(len(a.text) for a in corpus.articles.each() if a.id in story.article_ids)
        baseline = median([timed(lambda: tfidf_all_pairs(claims)) for _ in range(args.repeat)])
    basil_articles = sum(len(s) for s in small.values())
    per_article = timings["analyze basil"]
    triplet = median(cold) if cold else timings["compare first 3-article story (loads models)"]
    timings["compare 3-article story cold median"] = triplet
    timings["compare 3-article story warm median"] = median(warm)
    print(
        f"large story: {size} articles of {T17_TOPIC} ({', '.join(story.outlets)}), "
        f"{chars} chars, {len(claims)} claims"
    )
    print(f"small stories: {len(triplets)} BASIL events, {basil_articles} articles")
    for name, timing in timings.items():
        print(line(name, timing))
    print(line("analyze per article (models loaded)", per_article, basil_articles))
    print(line("tfidf all-pairs cosine of the large story's claims (median)", baseline))
    for n, timing in per_size.items():
        print(line(f"compare per article, {n}-article H1N1 story", timing, n))
        per_claim = line(f"compare per claim, {n}-article H1N1 story", timing, claim_counts[n])
        print(f"{per_claim} [{claim_counts[n]} claims]")
    print(line("compare per article, 3-article stories", triplet, 3))
    if peak is not None:
        print(f"compare large story peak python memory MiB: {peak:.1f}")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of the whole run MiB: {rss:.0f}")
    analyze_cpu = per_article.cpu / basil_articles
    print(f"ratio large cold / tfidf baseline (cpu): {large_cold.cpu / baseline.cpu:.0f}")
    print(f"ratio large cold per article / analyze per article (cpu): "
          f"{large_cold.cpu / size / analyze_cpu:.2f}")  # fmt: skip
    print(f"ratio 3-article cold / analyze per article (cpu): {triplet.cpu / analyze_cpu:.2f}")
    print(f"ratio large per article / 3-article per article (cpu): "
          f"{large_cold.cpu / size / (triplet.cpu / 3):.2f}")  # fmt: skip


if __name__ == "__main__":
    main()
