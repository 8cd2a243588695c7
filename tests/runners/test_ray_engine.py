"""The Ray engine (Ray Data, an actor pool) stores exactly what the local path stores."""

from __future__ import annotations

import logging
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
import ray  # the ray extra is part of dev: without it this fails, never skips

from parallax.config import Settings
from parallax.corpus import Corpus
from parallax.runners import write_shards
from parallax.runners.layout import LEDGER
from tests.runners.conftest import exported, store_dump

pytestmark = [pytest.mark.slow, pytest.mark.timeout(240)]


@pytest.fixture(scope="module")
def cluster() -> Iterator[None]:
    """A local Ray instance on 2 CPUs that fails instead of hanging if nothing moves."""
    ray.init(num_cpus=2, include_dashboard=False, logging_level=logging.WARNING)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # Ray 2.60's own default context
        context = ray.data.DataContext.get_current()
    context.execution_no_progress_timeout_s = 90
    context.wait_for_min_actors_s = 90
    try:
        yield
    finally:
        ray.shutdown()


def test_ray_engine_equals_the_local_path_and_resumes(
    cluster: None, sample: Path, baseline: Path, tmp_path: Path
) -> None:
    out = tmp_path / "shards"
    report = write_shards([str(sample)], out, engine="ray", workers=2, settings=Settings())
    assert (report.sources, report.failed_sources, report.articles) == (8, 0, 12)
    db = tmp_path / "loaded.db"
    with Corpus(db, settings=Settings(db=str(db))) as corpus, Corpus(baseline) as local:
        assert corpus.load_shards(out).analyzed_here == 0
        assert exported(corpus) == exported(local)
    assert store_dump(db) == store_dump(baseline)
    ledger = (out / LEDGER).read_text()
    again = write_shards([str(sample)], out, engine="ray", workers=2, settings=Settings())
    assert (again.sources, again.skipped_sources) == (0, 8)
    assert (out / LEDGER).read_text() == ledger
