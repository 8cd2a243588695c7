"""The front door: ``Corpus(db)`` opens a corpus, runs the stages over it (ingest, analyze,
group, compare, load) and hands reads to four resources: ``corpus.articles``,
``corpus.stories``, ``corpus.entities`` and ``corpus.outlets`` (:mod:`parallax.resources`).

Presentation (reports, exports, pages) calls the corpus; the corpus imports none of it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection, Iterable, Mapping
from contextlib import AbstractContextManager
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from parallax.config import Settings, load_settings
from parallax.ingest.sources import expand_sources
from parallax.minilm_int8 import use_minilm
from parallax.model import Progress, Rejection
from parallax.nlp.languages import skip_reason
from parallax.outcomes import (
    AnalyzeReport,
    CompareReport,
    GroupReport,
    IngestReport,
    PageVectorsReport,
)
from parallax.resources import Articles, Entities, Outlets, Stories
from parallax.stages.analyze import BatchMapper, analyze_store
from parallax.stages.compare import compare_part, compare_stories, story_comparison
from parallax.stages.group import group_stories
from parallax.stages.ingest import RecordMapper, ingest_sources
from parallax.stages.ingest_ahead import write_ahead
from parallax.stages.minilm_choice import minilm_models, use_corpus_minilm
from parallax.stages.sinks import StoreSink
from parallax.store.sqlite import SQLiteStore

logger = logging.getLogger(__name__)


def _languages(sink: StoreSink) -> tuple[tuple[str, int, str | None], ...]:
    """(language, articles, why analysis will skip it or None) for what a sink wrote."""
    return tuple(
        (language, count, skip_reason(None if language == "unknown" else language))
        for language, count in sink.languages()
    )


def _threads(threads: int) -> int:
    """The threads a comparison shares MiniLM's runs over: ``threads``, or one per CPU for 0."""
    from parallax.runners.cpus import default_workers

    return threads if threads > 0 else default_workers()


class Corpus:
    """A news corpus in one SQLite file.

    Example:
        >>> corpus = Corpus("news.db")
        >>> report = corpus.ingest(["articles/"])
        >>> corpus.articles.list()[0].outlet

    Attributes:
        articles: The stored articles, their analyses, filtered pages and search.
        stories: The stories, their filtered pages and timelines.
        entities: The canonical entities.
        outlets: The outlets met, with the registry's profiles.
    """

    def __init__(
        self,
        db: str | Path | None = None,
        *,
        settings: Settings | None = None,
        on_wait: Callable[[str], None] | None = None,
    ) -> None:
        """Open the corpus in ``db``; ``on_wait`` hears once when a write has to wait for
        another process writing to it (up to the ``lock_timeout`` setting)."""
        self.settings = settings or load_settings()
        self.db = str(db or self.settings.db)
        self.store = SQLiteStore(self.db, lock_timeout=self.settings.lock_timeout, on_wait=on_wait)
        # The MiniLM its vectors and findings come from: recorded by a new corpus, kept after.
        try:
            self.minilm = use_corpus_minilm(self.store, self.settings.minilm_int8)
        except BaseException:
            self.store.close()
            raise
        self.outlets = Outlets(self.store)
        self.entities = Entities(self.store)
        self.articles = Articles(self.store, self.outlets, self.entities)
        self.stories = Stories(self.store, self.outlets, self.entities)

    def _own_minilm(self) -> None:
        """Make ``minilm`` mean this corpus's MiniLM again (another corpus opened in this
        process since may have made it mean its own)."""
        use_minilm(minilm_models()[self.minilm])

    def close(self) -> None:
        """Close the store."""
        self.store.close()

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- worker processes ----------------------------------------------------------------
    def shared_workers(
        self, *, analyze: bool = False, compare: bool = False
    ) -> AbstractContextManager[None]:
        """Keep the fork server the worker pools of ``ingest``, ``analyze`` and
        ``compare_stories`` start their workers from running until the scope ends, so that
        the stages run in it share it (imports paid once); it is stopped at the end.

        With ``analyze`` (``compare``) the server, whichever pool starts it, also loads the
        analyze (comparison) workers' models once, which they then inherit instead of each
        loading its own; an analysis's pool asks for its own models when it starts the server,
        so ``compare`` is what a scope that analyses, then compares, needs."""
        from parallax.runners.forkserver import COMPARE, held, spacy_request

        warm = [spacy_request(self.settings.spacy_model)] if analyze else []
        return held(warm=[*warm, *([COMPARE] if compare else [])])

    # --- ingest --------------------------------------------------------------------------
    def ingest(
        self,
        paths: Iterable[str],
        *,
        fmt: str | None = None,
        stdin: BinaryIO | None = None,
        progress: Progress | None = None,
        on_rejection: Callable[[Rejection], None] | None = None,
        names: Mapping[str, str] | None = None,
        workers: int | None = None,
    ) -> IngestReport:
        """Read, clean and store every article under ``paths``; re-running is safe.

        Sources already fully ingested with the same content are skipped (the ledger), and
        the rejections they had are reported again; every write is an upsert keyed by a
        content-derived id, so a killed run resumes cleanly. ``on_rejection`` sees each
        rejection as it happens; the report keeps the first 1,000 and counts them all. A file
        path in ``names`` is recorded under the name it maps to (an upload's own name).
        ``workers`` processes parse and clean the records (default: the ``ingest_workers``
        setting; 0: one per CPU) while this one reads and writes; the store and the report end
        the same whatever their number.
        """
        from parallax.runners.ingest_pool import ingest_local
        from parallax.runners.ingest_start import ingest_workers

        store, settings = self.store, self.settings
        size = ingest_workers(settings, workers)
        mapper: RecordMapper | None = None
        if size > 1:  # else this process parses, as ever
            mapper = partial(ingest_local, settings=settings, outlets=self.outlets.registry,
                             workers=size)  # fmt: skip
        run_id = store.start_run("ingest")
        sink = StoreSink(
            store, run_id=run_id, duplicate_threshold=settings.duplicate_threshold,
            commit_every=settings.commit_every, on_rejection=on_rejection,
        )  # fmt: skip
        own_files = [Path(self.db + suffix) for suffix in ("", "-wal", "-shm", "-journal")]
        inputs = expand_sources(paths, exclude=own_files, names=names)
        if mapper is None:
            sources, skipped = ingest_sources(
                inputs, sink, settings=settings, outlets=self.outlets.registry, fmt=fmt,
                stdin=stdin, progress=progress,
            )  # fmt: skip
        else:
            sources, skipped = write_ahead(
                inputs, sink, settings=settings, outlets=self.outlets.registry, fmt=fmt,
                stdin=stdin, progress=progress, mapper=mapper,
            )  # fmt: skip
        counts = {"sources": sources, "skipped_sources": skipped, **sink.counts()}
        store.finish_run(run_id, counts | {"rejections": sink.rejected})
        return IngestReport(
            run_id=run_id, rejected=sink.rejected, rejections=tuple(sink.rejections),
            files=sink.files(), languages=_languages(sink), **counts,
        )  # fmt: skip

    # --- analyse (NLP) -------------------------------------------------------------------
    def analysis_version(self) -> str:
        """Return the versioned names of the NLP extractors and model now in use."""
        from parallax.nlp.pipeline import analysis_version

        return analysis_version(self.settings.spacy_model)

    def analyze(
        self, *, progress: Progress | None = None, workers: int | None = None
    ) -> AnalyzeReport:
        """Run the NLP stage over every article not yet analysed by the current version.

        Then merge entity spellings across the whole corpus into canonical entities.
        ``workers`` processes share the NLP (default: the ``analyze_workers`` setting; 0: one
        per CPU); the store ends the same whatever their number.
        """
        from parallax.runners.local import CHUNK, analyze_local, default_workers
        from parallax.stages.story_vectors import story_embedding

        self._own_minilm()
        version, settings = self.analysis_version(), self.settings
        size = workers if workers is not None else settings.analyze_workers
        pieces = -(-self.store.count_to_analyze(version) // min(CHUNK, settings.commit_every))
        size = min(size or default_workers(), pieces)
        mapper: BatchMapper | None = None
        if size > 1:  # else this process, as ever: no pool to start for a single piece
            how = story_embedding(self.store, settings) if Path(self.db).is_file() else None
            mapper = partial(analyze_local, model=settings.spacy_model, workers=size,
                             vectors=settings.sentence_vectors,
                             stories=(self.db, how) if how else None,
                             framing=settings.analyze_framing)  # fmt: skip
        return analyze_store(self.store, settings, version=version, progress=progress,
                             mapper=mapper)  # fmt: skip

    # --- stories and timelines -----------------------------------------------------------
    def group_stories(self, *, progress: Progress | None = None) -> GroupReport:
        """Assign every article without a story, one at a time in publication order.

        The grouper's state is kept in the store, so a later run goes on incrementally: new
        articles join existing stories or open new ones, and converging stories merge. An
        article's embedding computed ahead by ``parallax run`` (stored by ``load_shards``) is
        used when it is the grouper's embedder's vector of the very text it would embed.
        Then the timeline of every story that changed is built and stored for its page.
        """
        from parallax.runners.cpus import default_workers

        self._own_minilm()
        # MiniLM (restated developments) loads while the stories are grouped, on another CPU.
        with self.stories.warming(self.store.count_unassigned()):
            report = group_stories(self.store, self.settings, progress=progress)
        # So that no story page builds its timeline; MiniLM on a thread per analyze worker.
        self.stories.store_timelines(threads=self.settings.analyze_workers or default_workers())
        return report

    # --- load the shards of a run ------------------------------------------------------
    if TYPE_CHECKING:
        from parallax.runners.types import LoadReport

    def load_shards(self, directory: str | Path, *, progress: Progress | None = None) -> LoadReport:
        """Put the shards of ``parallax run`` into the store, as ingest, analyze and group do.

        Sources are loaded in the order the run planned them: rejections and articles through
        the ingest code path (upserts, near-duplicate links), then the analyses the workers
        made. Then ``analyze`` merges entities across the corpus (analysing any article the
        shards hold no current analysis for) and ``group_stories`` assigns stories. Sources
        already loaded (the store's ledger) are skipped: loading again changes nothing.

        Raises:
            ConfigError: ``directory`` is not the output of ``parallax run``.
        """
        from parallax.runners.load import load_entries
        from parallax.runners.types import LoadReport

        store, run_id = self.store, self.store.start_run("load")
        sink = StoreSink(
            store, run_id=run_id, duplicate_threshold=self.settings.duplicate_threshold
        )
        loaded = load_entries(
            store, Path(directory), version=self.analysis_version(), sink=sink, progress=progress
        )
        analyzed, grouped = self.analyze(), self.group_stories()
        counts = loaded.counts | {"analyzed_here": analyzed.analyzed}
        store.finish_run(run_id, counts | {"rejections": loaded.rejected})
        rejected = loaded.rejected + len(analyzed.rejections)
        return LoadReport(
            run_id=run_id, entities=analyzed.entities, stories=grouped, rejected=rejected,
            files=sink.files(), languages=_languages(sink),
            rejections=(*loaded.rejections, *analyzed.rejections), **counts,
        )  # fmt: skip

    # --- change detection ------------------------------------------------------------
    def data_version(self) -> int:
        """Return a number that changes whenever another connection commits to the store.

        Only comparable between calls on the same ``Corpus``: a server keeps one open to know
        when what it computed from the store (pages, story views) must be computed again.
        """
        from parallax.store.version import data_version

        return data_version(self.store.connection)

    # --- comparison ------------------------------------------------------------------
    if TYPE_CHECKING:
        from parallax.comparison import StoryComparison

    def compare(
        self,
        story_id: str,
        *,
        cache: bool = True,
        stored_only: bool = False,
        save: bool = True,
        threads: int = 1,
    ) -> StoryComparison | None:
        """Compare how the outlets of a story tell it (by story id or unique prefix): claims
        only one outlet reports or that it omits, contradictions, whom each quotes, framing
        and tone, every finding backed by spans; None when there is no such story.

        The result is cached in the store, keyed by a hash of what it is computed from (the
        articles, their analyses, outlet profiles and the comparison's version). With
        ``stored_only``, return the stored comparison when it is current and None otherwise,
        computing nothing (a web page does so for a large story). With ``save=False`` a
        computed comparison is not written to the store (web pages never write to it); else
        the story's neutral title, which lists show, is stored with it. ``threads`` share
        MiniLM's runs over a computed comparison's texts (0: one per CPU; a web page passes
        the ``page_threads`` setting); the comparison is the same for any number."""
        self._own_minilm()
        story = self.stories.get(story_id)
        if story is None:
            return None
        result, _computed = story_comparison(
            self.store, story, self.outlets.get, cache=cache, stored_only=stored_only,
            save=save, events=self.settings.compare_events, threads=_threads(threads),
        )  # fmt: skip
        return result

    @staticmethod
    def load_comparison_code() -> None:
        """Import the comparison stage's code and its models' (no model is loaded): what the
        first check of a story's stored comparison imports in a process, about a CPU second.
        A server does it when it starts, so that no first view of a page waits for it."""
        import parallax.codec.comparison
        import parallax.compare.story
        import parallax.stages.framing
        import parallax.stages.vectors
        import parallax.store.comparisons  # noqa: F401

    def embed_for_pages(self, *, workers: int | None = None) -> PageVectorsReport:
        """Store the sentence and claim vectors of the stories two or more outlets tell whose
        text reaches the ``page_vectors_chars`` setting and which have no current stored
        comparison, so that their pages' first views read them instead of running MiniLM
        (``parallax analyze --no-compare`` does; the pages are the same). ``workers`` threads
        share MiniLM's runs (default: the ``analyze_workers`` setting; 0: one per CPU)."""
        from parallax.runners.local import default_workers
        from parallax.stages.page_vectors import embed_ahead_of_pages

        self._own_minilm()
        settings = self.settings
        size = workers if workers is not None else settings.analyze_workers
        return embed_ahead_of_pages(
            self.store, self.outlets.get, chars=settings.page_vectors_chars,
            page_articles=settings.page_compare_articles, threads=size or default_workers(),
            events=settings.compare_events,
        )  # fmt: skip

    def compare_part(
        self,
        story_id: str,
        article_ids: Collection[str],
        *,
        first_chars: int | None = None,
        threads: int = 1,
    ) -> tuple[StoryComparison, int] | None:
        """Compare a part of a story: only the articles ``article_ids`` names, and with
        ``first_chars`` only each one's first sentences up to that many characters (a web
        page's budget for a long story told by one outlet). Return the comparison and the
        characters of text it read (None when there is no such story). A part of a story is
        computed, never read from or written to the store (``threads``: as :meth:`compare`)."""
        self._own_minilm()
        story = self.stories.get(story_id)
        if story is None:
            return None
        wanted = set(article_ids)
        story = replace(story, article_ids=tuple(a for a in story.article_ids if a in wanted))
        return compare_part(
            self.store, story, self.outlets.get, chars=first_chars,
            events=self.settings.compare_events, threads=_threads(threads),
        )  # fmt: skip

    def compare_stories(
        self, *, progress: Progress | None = None, workers: int | None = None
    ) -> CompareReport:
        """Compute and store the comparison of every story told by two or more outlets whose
        stored comparison is missing or stale, so that no reader waits for one.

        Run after grouping (``parallax analyze`` and ``parallax load`` do): a story that did
        not change since its comparison was stored costs one key check. A story told by one
        outlet has nothing to set side by side; pages compare it on demand, unless the
        ``compare_one_outlet_chars`` setting names it (its text long enough to keep a page
        waiting): then it is compared here too. Every story's
        neutral title is stored too (written only when it changed). ``workers`` processes
        compare batches of stories (default: the ``analyze_workers`` setting; 0: one per CPU)
        while this one stores them; the store ends the same whatever their number.
        """
        from parallax.runners.local import compare_local, default_workers
        from parallax.stages.compare_jobs import StoryMapper

        self._own_minilm()
        settings = self.settings
        size = workers if workers is not None else settings.analyze_workers
        size = size or default_workers()
        mapper: StoryMapper | None = None
        if size > 1 and Path(self.db).is_file():  # workers open the store's file to read it
            mapper = partial(compare_local, db=self.db, workers=size,
                             lock_timeout=settings.lock_timeout,
                             events=settings.compare_events)  # fmt: skip
        return compare_stories(
            self.store, self.outlets.get, progress=progress, events=settings.compare_events,
            mapper=mapper, one_outlet_chars=settings.compare_one_outlet_chars,
            page_articles=settings.page_compare_articles,
        )  # fmt: skip
