"""A large serving corpus in minutes: a base of real-pipeline articles, replayed with shifted dates.

``benchmarks.serve`` (and ``benchmarks.story_cold``) need stores of 10,000 to 100,000 articles.
Building one article by article costs what the product costs: at 10,000 articles about 600 s,
most of it embedding every article for the story grouper (MiniLM). This builder makes a large
store in a fraction of that time:

1. **The base** (``--base`` articles, 2,000 by default) is built as ``benchmarks.serve`` always
   built its corpus: random runs of real sentences (the bundled seeds and the test inputs) under
   the real outlets' domains, dated over ``span`` days at the 10k corpus's density; the first
   ``--analysed`` go through the real NLP stage, all of them through the real ingest.
2. **Each base article is embedded once** for the grouper, as ``parallax run`` does ahead of
   ``load``, and the vector is kept with the article (``article_embeddings``).
3. **Replays** copy every base article under a new URL (a new id), another outlet's domain and
   dates shifted by the base span plus the story window, so no copy ever meets another copy of
   the same text in one story window: replay ``k`` is the base again, ``k`` spans later.
   A copy keeps its original's text and title, and gets a **copy of its stored analysis** (the
   mentions, quotes, dates, claims and events; the sentence vectors are keyed by text, so the
   copies share them) and **of its story embedding**; no NLP and no embedding runs again.
4. **Grouping is real:** every article, base and copies, goes through ``Corpus.group_stories``
   in publication order, with the default embedder; the copies' vectors are the ones it would
   compute (the same embedder and the same text), so it embeds nothing.

5. **Framing findings** are stored for every article, as ``analyze`` stores them with the
   ``analyze_framing`` setting a server runs with: each distinct text
   read once by the framing models (:func:`frame_stored`), so a story page runs none of them.

What it is not: a corpus of 100,000 different texts. The texts repeat every ``--base``
articles (in another period, under other outlets), so full-text search finds ``R`` copies of
each hit, the story grouping meets the same story shapes ``R`` times, and the stories, pages and
timelines have the sizes of the base's, not of a real year of news. Copies carry the original's
near-duplicate fingerprint but are never linked to it (the sink's threshold is out of reach:
their dates and outlets differ on purpose), so near-duplicate linking is not exercised. The
analyses are copies, so the NLP cost of a 100k corpus is not in the build time
(``benchmarks.e2e`` measures it).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path

from parallax.config import Settings
from parallax.corpus import Corpus

#: Articles a day in the 10k corpus ``benchmarks.serve`` has always built (10,000 over 730
#: days); the base keeps that density, so its stories have the same sizes.
DENSITY = 10_000 / 730


@dataclass(frozen=True)
class Built:
    """What building took, in seconds (wall) and articles, phase by phase."""

    phases: dict[str, float]
    cpu: dict[str, float]
    articles: int
    analysed: int
    stories: int
    grouped: int


def _timed(phases: dict[str, float], cpu: dict[str, float], name: str) -> Callable[..., object]:
    def run(call: Callable[[], object]) -> object:
        wall, began = time.perf_counter(), time.process_time()
        value = call()
        phases[name] = phases.get(name, 0.0) + time.perf_counter() - wall
        cpu[name] = cpu.get(name, 0.0) + time.process_time() - began
        return value

    return run


def build_replayed(
    folder: Path, *, articles: int, base: int, analysed: int, seed: int
) -> tuple[Path, Built]:
    """Build a corpus of ``articles`` in ``folder``: ``base`` generated, the rest replayed."""
    from benchmarks.serve import generate, outlet_domains, sentence_pool

    phases: dict[str, float] = {}
    cpu: dict[str, float] = {}
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / "bench.db"
    span = max(1, round(base / DENSITY))
    pool = sentence_pool(folder / "sources.db")
    domains = outlet_domains()
    records = generate(pool, domains, base, seed, days=span)
    hot, rest = folder / "hot.jsonl", folder / "rest.jsonl"
    for path, part in ((hot, records[:analysed]), (rest, records[analysed:])):
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in part), "utf-8")
    settings = Settings()
    with Corpus(db, settings=settings) as corpus:
        _timed(phases, cpu, "ingest base")(lambda: corpus.ingest([str(hot)]))
        _timed(phases, cpu, "analyse base")(corpus.analyze)
        _timed(phases, cpu, "ingest base")(lambda: corpus.ingest([str(rest)]))
        _timed(phases, cpu, "embed base")(lambda: embed_base(corpus, settings))
        window = settings.story_window_days
        copied = _timed(phases, cpu, "replay")(
            lambda: replay(corpus, domains, articles - base, shift=span + window + 1)
        )
        _timed(phases, cpu, "merge entities")(lambda: merge_entities(corpus))
        _timed(phases, cpu, "framing")(lambda: frame_stored(corpus))
        grouped = _timed(phases, cpu, "group")(corpus.group_stories)
        total = corpus.articles.count()
        stories = len(corpus.stories.list())
    assigned = int(getattr(grouped, "assigned", 0))
    return db, Built(phases, cpu, total, analysed + int(str(copied)), stories, assigned)


def embed_base(corpus: Corpus, settings: Settings) -> int:
    """Embed every stored article once for the grouper and keep the vectors; return how many."""
    from parallax.embeddings import embed_articles
    from parallax.store.embeddings import save_embedding
    from parallax.stories.configure import open_index

    index = open_index(settings)
    if index.embedder is None:
        return 0
    found = corpus.articles.list()
    store = corpus.store
    with store.transaction():
        for start in range(0, len(found), 256):
            chunk = found[start : start + 256]
            embedded = embed_articles(
                index.embedder,
                [(article.title, article.text) for article in chunk],
                embed_chars=index.settings.embed_chars,
            )
            for article, vector in zip(chunk, embedded, strict=True):
                save_embedding(
                    store, article.id, vector.embedder, vector.text_sha256, vector.to_bytes()
                )
    return len(found)


def replay(corpus: Corpus, domains: list[str], count: int, *, shift: int) -> int:
    """Store ``count`` copies of the stored articles, ``shift`` days later per replay, each
    with its original's analysis and story embedding; return how many analyses were copied."""
    from parallax.ingest.duplicates import fingerprint
    from parallax.ingest.identity import article_id, canonical_url
    from parallax.ingest.outlets import resolve_outlet
    from parallax.model import ArticleResult
    from parallax.stages.sinks import StoreSink
    from parallax.store.embeddings import article_embeddings, save_embedding

    store, settings = corpus.store, corpus.settings
    originals = sorted(
        corpus.articles.list(), key=lambda a: (a.published is None, a.published or date.min, a.id)
    )
    ids = [article.id for article in originals]
    vectors = article_embeddings(store, ids)
    analyses = {i: store.analysis(i, events=True) for i in ids}
    analyses = {i: found for i, found in analyses.items() if found.version}
    prints = {a.id: fingerprint(a.text, settings) for a in originals}
    registry = corpus.outlets.registry
    run_id = store.start_run("replay")
    # Nothing is linked as a near-duplicate: a copy is its original on purpose.
    sink = StoreSink(store, run_id=run_id, duplicate_threshold=2.0)
    made, round_, copied = 0, 0, 0
    while made < count:
        round_ += 1
        with store.transaction():
            for number, original in enumerate(originals):
                if made == count:
                    break
                domain = domains[(number + 7 * round_) % len(domains)]
                published = original.published
                if published is not None:
                    published += timedelta(days=shift * round_)
                url = f"https://{domain}/replay/{round_}/{number}/{original.id}"
                canonical = canonical_url(url)
                outlet, evidence = resolve_outlet(
                    registry, url=url, raw_text=original.raw_text, stated=None, site_name=None
                )
                copy = replace(
                    original,
                    id=article_id(canonical=canonical, text=original.text),
                    source=f"replay-{round_}",
                    url=url,
                    canonical_url=canonical,
                    published=published,
                    outlet_id=outlet.id if outlet else None,
                    outlet=outlet.name if outlet else None,
                    outlet_evidence=evidence,
                    duplicate_of=None,
                )
                sink.add_article(ArticleResult(copy, outlet, prints[original.id]))
                if original.id in vectors:
                    save_embedding(store, copy.id, *vectors[original.id])
                if original.id in analyses:
                    _copy_analysis(corpus, analyses[original.id], copy.id)
                    copied += 1
                made += 1
    store.finish_run(run_id, {"replayed": made, "rounds": round_})
    return copied


def frame_stored(corpus: Corpus, *, chunk: int = 64) -> int:
    """Store the framing findings of every article without them, as ``analyze`` stores them
    (the ``analyze_framing`` setting; :func:`parallax.stages.framing.frame_texts`): the
    articles the base did not analyse and the replays, whose texts repeat the base's, so each
    distinct text is read by the models once and its findings stored for every article with
    that text. Return how many texts were read."""
    from parallax.compare.framing import framing_version
    from parallax.stages.framing import frame_texts
    from parallax.store.framing import save_framing_findings

    store, version = corpus.store, framing_version()
    rows = store.connection.execute(
        "SELECT content_hash, id FROM articles a WHERE NOT EXISTS (SELECT 1 FROM "
        "framing_findings f WHERE f.article_id = a.id AND f.content_hash = a.content_hash "
        "AND f.version = ?) ORDER BY content_hash, id",
        (version,),
    ).fetchall()
    ids: dict[str, list[str]] = {}
    for digest, article_id in rows:
        ids.setdefault(digest, []).append(article_id)
    missing = list(ids.items())
    for start in range(0, len(missing), chunk):
        part = missing[start : start + chunk]
        texts = []
        for _digest, same in part:
            article = corpus.articles.get(same[0])
            assert article is not None
            texts.append((article.text, article.language))
        found = frame_texts(texts)
        with store.transaction():
            save_framing_findings(store, version, (
                (article_id, digest, framed[1])
                for (digest, same), framed in zip(part, found, strict=True)
                if framed is not None and framed[0] == digest
                for article_id in same
            ))  # fmt: skip
    return len(missing)


def _copy_analysis(corpus: Corpus, found: object, article: str) -> None:
    from parallax.model import now
    from parallax.results import StoredAnalysis

    assert isinstance(found, StoredAnalysis)
    moved = {
        name: tuple(replace(item, article_id=article) for item in getattr(found, name))
        for name in ("mentions", "quotes", "dates", "claims", "events")
    }
    corpus.store.save_analysis(
        article, str(found.version), analyzed_at=now(), skipped=found.skipped, **moved
    )


def merge_entities(corpus: Corpus) -> int:
    """Merge entity spellings across the whole store, as ``analyze`` does at its end."""
    from parallax.stages.analyze import merge_store_entities

    return len(merge_store_entities(corpus.store))


def describe(db: Path, built: Built) -> str:
    """One paragraph: what was built, and each phase's wall and CPU seconds (this process's)."""
    phases = ", ".join(
        f"{name} {built.phases[name]:.0f} s ({built.cpu[name]:.0f} CPU s)" for name in built.phases
    )
    rate = built.grouped / max(built.cpu["group"], 1e-9)
    return (
        f"built {db}: {built.articles:,} articles ({built.analysed:,} with an analysis), "
        f"{built.stories:,} stories, in {sum(built.phases.values()):.0f} s: {phases}; "
        f"grouping {rate:,.0f} articles per CPU second"
    )
