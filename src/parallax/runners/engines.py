"""The engines that map the same worker over a corpus's sources, and ``write_shards``, which
runs one of them and writes Parquet shards (see :mod:`parallax.runners`, docs/scale.md).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Protocol

from parallax.config import Settings, load_settings
from parallax.errors import Code, ConfigError
from parallax.ingest.sources import file_digest
from parallax.model import Progress
from parallax.runners.layout import OutputDir
from parallax.runners.plan import Planned, plan_sources
from parallax.runners.types import Order, Outcome, RunReport, SourceTask, WorkerConfig
from parallax.runners.work import is_uri, write_missing

logger = logging.getLogger(__name__)


class Engine(Protocol):
    """Process tasks with a number of workers; yield each outcome as its source finishes."""

    def __call__(
        self, tasks: Sequence[SourceTask], *, config: WorkerConfig, workers: int | None
    ) -> Iterator[Outcome]: ...


def _local(
    tasks: Sequence[SourceTask], *, config: WorkerConfig, workers: int | None
) -> Iterator[Outcome]:
    from parallax.runners.local import run_local

    return run_local(tasks, config=config, workers=workers)


def _ray(
    tasks: Sequence[SourceTask], *, config: WorkerConfig, workers: int | None
) -> Iterator[Outcome]:
    from parallax.runners.raydata import run_ray

    return run_ray(tasks, config=config, workers=workers)


#: The engines by name; both map the same worker and write the same shards.
ENGINES: dict[str, Engine] = {"local": _local, "ray": _ray}


def write_shards(
    paths: Iterable[str],
    out: str | Path,
    *,
    engine: str = "local",
    workers: int | None = None,
    settings: Settings | None = None,
    progress: Progress | None = None,
) -> RunReport:
    """Read, clean and analyse every source under ``paths``; write Parquet shards under ``out``.

    Sources finished before with the same content (the ledger in ``out``) are skipped, so a
    killed run resumes where it stopped. Put the result into a store with
    ``Corpus(db).load_shards(out)``.

    Raises:
        ConfigError: an unknown engine, standard input as a path, or ``out`` in use by
            another run.
    """
    if engine not in ENGINES:
        raise ConfigError(
            Code.CONFIG, f"unknown engine {engine!r}; use one of {', '.join(ENGINES)}"
        )
    settings = settings or load_settings()
    paths = list(paths)
    directory = OutputDir(out)
    start = time.perf_counter()
    with directory.locked():
        directory.remove_temporaries()
        planned = plan_sources(paths, out=directory.path)
        run = directory.start_run(
            {"engine": engine, "workers": workers, "paths": [str(p) for p in paths],
             "settings": asdict(settings)}
        )  # fmt: skip
        orders = directory.orders([item.name for item in planned], run)
        tasks, outcomes = _triage(planned, orders, directory)
        total = len(planned)
        if progress:
            progress(len(outcomes), total, "")
        # Absolute, so that workers on other nodes (a shared filesystem) find it too.
        config = WorkerConfig(settings, str(directory.path.resolve()))
        for outcome in ENGINES[engine](tasks, config=config, workers=workers):
            if outcome.status != "skipped":
                directory.record(outcome)
            outcomes.append(outcome)
            if progress:
                progress(len(outcomes), total, outcome.name)
        report = _report(
            outcomes, run, engine, workers, directory.path, time.perf_counter() - start
        )
        directory.finish_run(run, asdict(report))
    return report


def _triage(
    planned: list[Planned], orders: list[Order], directory: OutputDir
) -> tuple[list[SourceTask], list[Outcome]]:
    """Split the plan into tasks for the workers and what is settled here.

    Inputs that name nothing are recorded at once. A local file finished before is hashed
    here and skipped when unchanged, so a resumed run starts no worker for it; a remote
    object is left to a worker, which compares its digest after fetching it.
    """
    done = directory.done_digests()
    tasks: list[SourceTask] = []
    outcomes: list[Outcome] = []
    for item, order in zip(planned, orders, strict=True):
        if item.rejection is not None:
            outcome = write_missing(directory.path, item.name, item.rejection, order)
            directory.record(outcome)
            outcomes.append(outcome)
        elif item.location is not None:
            finished = done.get(item.name, ())
            if finished and not is_uri(item.location):
                digest = _digest(Path(item.location))
                if digest in finished:
                    outcomes.append(Outcome(item.name, "skipped", order, digest))
                    continue
            tasks.append(SourceTask(item.name, item.location, order, finished))
    return tasks, outcomes


def _digest(path: Path) -> str | None:
    try:
        return file_digest(path)
    except OSError:  # gone since it was listed: the worker records why
        return None


def _report(
    outcomes: list[Outcome], run: int, engine: str, workers: int | None, out: Path, seconds: float
) -> RunReport:
    processed = [o for o in outcomes if o.status != "skipped"]
    peaks: dict[int, float] = {}
    for outcome in outcomes:
        if outcome.worker:
            peaks[outcome.worker] = max(peaks.get(outcome.worker, 0.0), outcome.peak_mb)
    return RunReport(
        run=run,
        engine=engine,
        workers=workers or len({o.worker for o in processed if o.worker}),
        out=str(out),
        sources=sum(1 for o in processed if o.status == "done"),
        skipped_sources=sum(1 for o in outcomes if o.status == "skipped"),
        failed_sources=sum(1 for o in processed if o.status in ("failed", "missing")),
        articles=sum(o.articles for o in processed),
        rejections=sum(o.counts.get("rejections", 0) for o in processed),
        seconds=seconds,
        worker_peak_mb=tuple(sorted(peaks.values(), reverse=True)),
    )
