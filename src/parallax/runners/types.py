"""What the runners pass around: one source to process, what became of it, and run reports."""

from __future__ import annotations

from dataclasses import dataclass, field

from parallax.config import Settings
from parallax.minilm_int8 import minilm_int8_chosen
from parallax.outcomes import GroupReport, IngestReport

#: A source's place in the load order: (the run that first planned it, its index in that run).
Order = tuple[int, int]


@dataclass(frozen=True, slots=True)
class SourceTask:
    """One unit of work: a source file, where a worker finds it, and what is already done.

    ``name`` is the source as the user gave it (it becomes ``Article.source``, exactly as in
    ``parallax ingest``); ``location`` is an absolute local path or a filesystem URI
    (``s3://bucket/key``) a worker on any machine can open.
    """

    name: str
    location: str
    order: Order
    done: tuple[str, ...] = ()  # SHA-256 digests of this source's contents already finished


@dataclass(frozen=True, slots=True)
class WorkerConfig:
    """What every worker needs: the settings, the output directory and whether ``minilm``
    means the int8 model (as in the process that plans the run)."""

    settings: Settings
    out: str
    minilm_int8: bool = field(default_factory=minilm_int8_chosen)


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one source: ``done``, ``skipped`` (finished before), ``failed`` (an
    unexpected error, recorded as a rejection; retried by the next run) or ``missing``."""

    name: str
    status: str
    order: Order
    digest: str | None = None
    counts: dict[str, int] = field(default_factory=dict)
    version: str | None = None
    seconds: float = 0.0
    cpu_seconds: float = 0.0  # CPU time the worker spent on it (contention does not inflate it)
    worker: int = 0  # the process id of the worker that did it
    peak_mb: float = 0.0  # the worker's peak resident memory so far

    @property
    def articles(self) -> int:
        """How many articles the source gave."""
        return self.counts.get("articles", 0)


@dataclass(frozen=True, slots=True)
class RunReport:
    """What one ``parallax run`` did."""

    run: int
    engine: str
    workers: int
    out: str
    sources: int
    skipped_sources: int
    failed_sources: int
    articles: int
    rejections: int
    seconds: float
    worker_peak_mb: tuple[float, ...] = ()  # each worker's peak resident memory, largest first

    @property
    def rate(self) -> float:
        """Articles per second of wall time."""
        return self.articles / self.seconds if self.seconds else 0.0


@dataclass(frozen=True, slots=True)
class LoadReport(IngestReport):
    """What one ``parallax load`` did: the ingest counts (its ``rejections`` also those of the
    NLP stage), then NLP and story grouping."""

    analyses: int  # analyses taken from the shards
    embeddings: int  # story embeddings taken from the shards (computed by the workers)
    analyzed_here: int  # articles the shards held no current analysis for, analysed by load
    entities: int
    stories: GroupReport
