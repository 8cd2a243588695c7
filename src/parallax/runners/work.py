"""One source through every stage, written as shards: what each runner's workers do.

``process_source`` composes the stages ``Corpus`` runs — ``stages.ingest.ingest_source`` and
``stages.analyze.analyze_and_embed`` (the NLP, and with ``analyze_framing`` each text's framing
findings) — with their error funnel: a bad record or a bad article
becomes a rejection and the source goes on. Then it computes each article's story embedding,
which ``Corpus.group_stories`` would otherwise compute one process at a time after the run, and
the worker writes it all through a ``ShardSink``. ``SourceWorker`` holds what is costly to build
(the spaCy pipeline, the embedder, the outlet registry) for the life of a worker process or
actor.
"""

from __future__ import annotations

import logging
import os
import resource
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from parallax.config import Settings
from parallax.embeddings import DIMENSION, ArticleEmbedding, Embedder, embed_articles
from parallax.errors import Code
from parallax.ingest.outlets import OutletRegistry, load_outlets
from parallax.ingest.sources import SourceFile, file_digest
from parallax.model import ArticleResult, Rejection
from parallax.runners.shards import Processed, ShardSink
from parallax.runners.types import Outcome, SourceTask, WorkerConfig
from parallax.stages.analyze import analyze_and_embed
from parallax.stages.ingest import ingest_source

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class StoryEmbedder:
    """The embedder story grouping resolves to, and how much of an article it is given."""

    embedder: Embedder
    embed_chars: int


def is_uri(location: str) -> bool:
    """Return True for a filesystem URI such as ``s3://bucket/key`` (not a local path)."""
    return "://" in location


def _embed(
    articles: list[ArticleResult], embedder: StoryEmbedder | None
) -> list[ArticleEmbedding | None]:
    """Embed a batch of articles for story grouping (no embeddings if that fails).

    An embedding is only computed ahead: ``Corpus.group_stories`` embeds any article the
    shards hold none for, so a failure here costs time at load, never an article.
    """
    if embedder is None or not articles:
        return [None] * len(articles)
    pairs = [(result.article.title, result.article.text) for result in articles]
    try:
        return list(embed_articles(embedder.embedder, pairs, embed_chars=embedder.embed_chars))
    except Exception:
        logger.exception("story embedding failed; grouping will embed these articles")
        return [None] * len(articles)


def _analyzed(
    pending: list[Processed], nlp: Any, embedder: StoryEmbedder | None, *, framing: bool
) -> Iterator[Processed]:
    articles = [p.result for p in pending if isinstance(p.result, ArticleResult)]
    items = [(r.article.id, r.article.text, r.article.published, r.article.language)
             for r in articles]  # fmt: skip
    found = iter(analyze_and_embed(items, nlp=nlp, vectors=False, framing=framing) if items else [])
    embedded = iter(_embed(articles, embedder))
    version = _framing_version() if framing and items else ""
    for processed in pending:
        if isinstance(processed.result, ArticleResult):
            analysed, embedding = next(found), next(embedded)
            framed = (version, *analysed.framing) if analysed.framing else None
            yield Processed(processed.seq, processed.result, analysed.analysis,
                            analysed.rejection, embedding, framed)  # fmt: skip
        else:
            yield processed


def _framing_version() -> str:
    from parallax.compare.framing import framing_version

    return framing_version()


def process_source(
    source: SourceFile,
    *,
    settings: Settings,
    outlets: OutletRegistry,
    nlp: Any,
    embedder: StoryEmbedder | None = None,
) -> Iterator[Processed]:
    """Read, clean, analyse and (given an embedder) embed every record of one source, in order.

    Articles are analysed in batches of ``settings.commit_every``, so memory stays flat
    however large the source is; with the ``analyze_framing`` setting each text's framing
    findings are computed with its analysis, as ``parallax analyze`` computes them.
    """
    pending: list[Processed] = []
    for seq, result in enumerate(ingest_source(source, settings=settings, outlets=outlets)):
        pending.append(Processed(seq, result))
        if len(pending) >= settings.commit_every:
            yield from _analyzed(pending, nlp, embedder, framing=settings.analyze_framing)
            pending = []
    yield from _analyzed(pending, nlp, embedder, framing=settings.analyze_framing)


@contextmanager
def staged(location: str) -> Iterator[Path]:
    """Yield a local path holding the source: the file itself, or a copy of a remote object.

    Remote objects (any URI pyarrow opens: ``s3://``, ``gs://``, ``hdfs://``, ``file://``) are
    streamed to the worker's temporary directory (``TMPDIR``) and deleted afterwards.
    """
    if not is_uri(location):
        yield Path(location)
        return
    from pyarrow import fs  # type: ignore[import-untyped]

    filesystem, path = fs.FileSystem.from_uri(location)
    handle, name = tempfile.mkstemp(prefix="parallax-", suffix=Path(path).suffix)
    try:
        with os.fdopen(handle, "wb") as local, filesystem.open_input_stream(path) as remote:
            shutil.copyfileobj(remote, local, 1 << 20)
        yield Path(name)
    finally:
        Path(name).unlink(missing_ok=True)


def story_embedder(settings: Settings) -> StoryEmbedder | None:
    """Return the embedder ``story_embedder`` resolves to for a new corpus, loaded once per
    process, with the characters the grouper gives it (None: no embedder, no embeddings).

    A store whose stories were grouped before may go on with another embedder under ``auto``
    (its saved state's); ``group_stories`` then embeds itself (the names differ).

    Raises:
        ConfigError: an unknown embedder, or ``minilm`` without the embeddings extra (P601).
    """
    from parallax.embeddings import resolve_embedder, shared_embedder
    from parallax.stories.configure import story_settings

    name = resolve_embedder(settings.story_embedder)
    if name is None:
        return None
    embedder = shared_embedder(name)
    if embedder.dimension != DIMENSION:  # the shards hold vectors of one size
        logger.warning("%s gives %d values, not %d: not embedding ahead", name,
                       embedder.dimension, DIMENSION)  # fmt: skip
        return None
    return StoryEmbedder(embedder, story_settings(settings, name).embed_chars)


def peak_mb() -> float:
    """Return this process's peak resident memory in MiB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class SourceWorker:
    """Process sources one at a time with a pipeline loaded once; write each as shards."""

    def __init__(self, config: WorkerConfig) -> None:
        from parallax.minilm_int8 import use_minilm

        use_minilm(config.minilm_int8)
        self.settings = config.settings
        self.out = Path(config.out)
        self.outlets = load_outlets()
        self._nlp: Any = None
        self.version: str | None = None
        self.embedder: StoryEmbedder | None = None

    @property
    def nlp(self) -> Any:
        """The spaCy pipeline, loaded on first use (a resumed run may find nothing to do),
        together with the story embedder."""
        if self._nlp is None:
            from parallax.nlp.pipeline import analysis_version, load_pipeline

            self._nlp = load_pipeline(self.settings.spacy_model)
            self.version = analysis_version(self.settings.spacy_model)
            self.embedder = story_embedder(self.settings)
        return self._nlp

    def run(self, task: SourceTask) -> Outcome:
        """Process one source unless this exact content is already done; never raises for
        bad input (it becomes rejection rows)."""
        start = (time.perf_counter(), time.process_time())
        try:
            with staged(task.location) as path:
                digest = file_digest(path)
                if digest in task.done:
                    return self._outcome(task, "skipped", digest, {}, start)
                if self._nlp is None:  # loaded once per worker: not a cost of this source
                    self.nlp  # noqa: B018
                    start = (time.perf_counter(), time.process_time())
                status, counts = self._write(task, path, digest)
        except OSError as error:
            reason = f"cannot open: {error.strerror or error}"
            status, counts = "failed", self._reject(task, None, Code.NOT_FOUND, reason)
            digest = None
        return self._outcome(task, status, digest, counts, start)

    def _write(self, task: SourceTask, path: Path, digest: str) -> tuple[str, dict[str, int]]:
        sink = ShardSink(self.out, task.name, digest, version=self.version)
        source = SourceFile(task.name, path)
        try:
            for item in process_source(
                source, settings=self.settings, outlets=self.outlets, nlp=self.nlp,
                embedder=self.embedder,
            ):  # fmt: skip
                sink.write(item)
        except Exception as error:  # a bug must not stop the run: record it, retry next run
            logger.exception("processing %s failed", task.name)
            sink.abort()
            reason = f"unexpected error while processing: {type(error).__name__}: {error}"
            return "failed", self._reject(task, digest, Code.BAD_RECORD, reason)
        return "done", sink.commit()

    def _reject(
        self, task: SourceTask, digest: str | None, code: Code, reason: str
    ) -> dict[str, int]:
        sink = ShardSink(self.out, task.name, digest, version=None)
        sink.write(Processed(0, Rejection(task.name, "ingest", code.value, reason)))
        return sink.commit()

    def _outcome(
        self,
        task: SourceTask,
        status: str,
        digest: str | None,
        counts: dict[str, int],
        start: tuple[float, float],
    ) -> Outcome:
        return Outcome(
            name=task.name,
            status=status,
            order=task.order,
            digest=digest,
            counts=counts,
            version=self.version,
            seconds=time.perf_counter() - start[0],
            cpu_seconds=time.process_time() - start[1],
            worker=os.getpid(),
            peak_mb=peak_mb(),
        )


def write_missing(out: Path, name: str, rejection: Rejection, order: tuple[int, int]) -> Outcome:
    """Write the shard of an input that names nothing (no such file, a glob matching none)."""
    sink = ShardSink(out, name, None, version=None)
    sink.write(Processed(0, rejection))
    return Outcome(name=name, status="missing", order=order, counts=sink.commit())
