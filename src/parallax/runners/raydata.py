"""The Ray engine: Ray Data maps the same worker over the sources with an actor pool.

One dataset row per source; ``map_batches`` with a callable class runs a fixed pool of actors,
each holding the spaCy pipeline for its whole life, and streams one outcome row back per
source. Each actor writes its shards straight into the run directory, which must therefore
be a filesystem every node mounts at the same path. With ``RAY_ADDRESS`` set the run joins
that cluster; otherwise it starts a local Ray instance and stops it at the end.

Needs the ``ray`` extra: ``pip install 'parallax-news[ray]'``.
"""

from __future__ import annotations

import json
import logging
import os
import warnings
from collections.abc import Iterator, Sequence
from typing import Any

from parallax.errors import Code, ConfigError
from parallax.runners.types import Outcome, SourceTask, WorkerConfig
from parallax.runners.work import SourceWorker

#: Ray settings of the local instance ``run_ray`` starts (never of a cluster it joins). Without
#: metrics and event statistics every Ray process idles more cheaply: on the 2-core development
#: machine Ray's own processes took 0.17 of the 2 cores from the actors with them, 0.09 without
#: (docs/scale.md). Nothing reads them: a local instance has no dashboard.
LOCAL_SYSTEM_CONFIG: dict[str, Any] = {"enable_metrics_collection": False, "event_stats": False}


class RaySourceWorker:
    """A Ray Data actor: one :class:`SourceWorker`, called with batches of source rows."""

    def __init__(self, config: WorkerConfig) -> None:
        self.worker = SourceWorker(config)

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[Any]]:
        outcomes = [
            self.worker.run(
                SourceTask(
                    name=str(name),
                    location=str(location),
                    order=(int(run), int(index)),
                    done=tuple(json.loads(str(done))),
                )
            )
            for name, location, run, index, done in zip(
                batch["name"], batch["location"], batch["run"], batch["index"], batch["done"],
                strict=True,
            )
        ]  # fmt: skip
        return {"outcome": [json.dumps(_outcome_to_dict(outcome)) for outcome in outcomes]}


def _outcome_to_dict(outcome: Outcome) -> dict[str, Any]:
    return {
        "name": outcome.name,
        "status": outcome.status,
        "order": list(outcome.order),
        "digest": outcome.digest,
        "counts": outcome.counts,
        "version": outcome.version,
        "seconds": outcome.seconds,
        "cpu_seconds": outcome.cpu_seconds,
        "worker": outcome.worker,
        "peak_mb": outcome.peak_mb,
    }


def _outcome_from_dict(data: dict[str, Any]) -> Outcome:
    return Outcome(**(data | {"order": tuple(data["order"])}))


def _ray() -> Any:
    try:
        import ray
        import ray.data
    except ImportError as error:
        raise ConfigError(
            Code.CONFIG,
            "the ray engine needs Ray Data: pip install 'parallax-news[ray]'",
        ) from error
    return ray


def run_ray(
    tasks: Sequence[SourceTask],
    *,
    config: WorkerConfig,
    workers: int | None,
    cpus_per_worker: float | None = None,
) -> Iterator[Outcome]:
    """Process ``tasks`` on Ray with a pool of ``workers`` actors; yield outcomes as they come.

    ``workers`` defaults to the cluster's CPU count. Each actor asks for ``cpus_per_worker``
    CPUs; by default the pool takes all but one actor's share of the cluster's CPUs, so Ray
    Data's own tasks always find a CPU and the pipeline cannot stall in back-pressure (on a
    2-core machine, 2 actors at 1 CPU each would hang forever).
    """
    if not tasks:
        return
    ray = _ray()
    started = not ray.is_initialized()
    if started:
        if os.environ.get("RAY_ADDRESS"):
            ray.init()  # joins the cluster at RAY_ADDRESS
        else:
            ray.init(
                include_dashboard=False,
                logging_level=logging.WARNING,
                _system_config=LOCAL_SYSTEM_CONFIG,
            )
    try:
        cpus = float(ray.cluster_resources().get("CPU", 1.0))
        size = max(1, min(workers or int(cpus), len(tasks)))
        per_actor = cpus_per_worker or min(1.0, cpus / (size + 1))
        with warnings.catch_warnings():
            # Ray 2.60 builds its default DataContext through a deprecated setter.
            warnings.simplefilter("ignore", DeprecationWarning)
            context = ray.data.DataContext.get_current()
        context.enable_progress_bars = False
        context.print_on_execution_start = False
        rows = [
            {"name": t.name, "location": t.location, "run": t.order[0], "index": t.order[1],
             "done": json.dumps(list(t.done))}
            for t in tasks
        ]  # fmt: skip
        dataset = ray.data.from_items(rows, override_num_blocks=len(rows)).map_batches(
            RaySourceWorker,
            fn_constructor_kwargs={"config": config},
            batch_size=1,
            compute=ray.data.ActorPoolStrategy(size=size),
            num_cpus=per_actor,
        )
        for row in dataset.iter_rows():
            yield _outcome_from_dict(json.loads(row["outcome"]))
    finally:
        if started:
            ray.shutdown()
