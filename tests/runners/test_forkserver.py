"""One fork server for every local pool of a process (``parallax.runners.forkserver``): an
ingest then an analyze in one process, and the reverse, both work and leave no server nor
worker behind; a held scope shares one server between them; workers run BLAS on one thread."""

from __future__ import annotations

import multiprocessing
import multiprocessing.forkserver
import multiprocessing.resource_tracker
import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

import parallax.runners.ingest_pool
import parallax.stages.ingest_ahead
from parallax.config import Settings
from parallax.corpus import Corpus
from parallax.runners import forkserver, local
from tests.runners.conftest import build_corpus

pytestmark = pytest.mark.skipif(
    not Path("/proc/self/stat").is_file() or not forkserver.available(),
    reason="needs a fork server and /proc",
)

_server = multiprocessing.forkserver._forkserver  # type: ignore[attr-defined]


def _children() -> set[int]:
    """This process's living children, but the resource tracker (it lives as long as we do)."""
    tracker = getattr(multiprocessing.resource_tracker._resource_tracker, "_pid", None)
    me, found = str(os.getpid()), set()
    for entry in Path("/proc").iterdir():
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if entry.name.isdigit() and fields[1] == me and fields[0] != "Z":
            found.add(int(entry.name))
    return found - {tracker}


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Chunks of two records and a pool after two of them: the ingest starts a pool."""
    monkeypatch.setattr(parallax.stages.ingest_ahead, "CHUNK", 2)
    monkeypatch.setattr(parallax.runners.ingest_pool, "POOL_AFTER", 2)


@pytest.fixture
def servers(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """The process ids of the fork servers started meanwhile, in order."""
    started: list[int] = []
    ensure = _server.ensure_running

    def recording() -> None:
        ensure()
        if _server._forkserver_pid not in started:
            started.append(_server._forkserver_pid)

    monkeypatch.setattr(multiprocessing.forkserver, "ensure_running", recording)
    before = _children()
    assert not forkserver.running() and forkserver.users() == 0
    yield started
    assert not forkserver.running() and forkserver.users() == 0
    assert _children() <= before, "no server nor worker is left"


def _corpus(tmp_path: Path) -> tuple[Corpus, list[str]]:
    data = build_corpus(tmp_path)
    db = tmp_path / "c.db"
    corpus = Corpus(db, settings=Settings(db=str(db), commit_every=1))
    return corpus, [str(data / name) for name in ("a-news.warc.gz", "b-more.warc.gz",
                                                   "d-pages.jsonl", "seeds")]  # fmt: skip


def _gone(pid: int) -> bool:
    return not Path(f"/proc/{pid}").exists()


@pytest.mark.usefixtures("small_chunks")
def test_an_ingest_then_an_analyze_each_start_and_stop_their_server(
    tmp_path: Path, servers: list[int]
) -> None:
    corpus, paths = _corpus(tmp_path)
    with corpus:
        ingested = corpus.ingest(paths, workers=2)
        assert len(servers) == 1 and _gone(servers[0]), "the ingest's server is stopped"
        assert ingested.new_articles >= 6
        analysed = corpus.analyze(workers=2)
        assert len(servers) == 2 and _gone(servers[1]), "analyze started its own and stopped it"
        assert analysed.analyzed == ingested.new_articles and analysed.entities > 0


@pytest.mark.usefixtures("small_chunks")
def test_an_analyze_then_an_ingest_each_start_and_stop_their_server(
    tmp_path: Path, servers: list[int]
) -> None:
    corpus, paths = _corpus(tmp_path)
    with corpus:
        corpus.ingest(paths[-1:], workers=1)  # the seeds, here: no pool
        assert servers == []
        analysed = corpus.analyze(workers=2)
        assert analysed.analyzed == 2 and len(servers) == 1 and _gone(servers[0])
        ingested = corpus.ingest(paths[:-1], workers=2)
        assert ingested.new_articles >= 4 and len(servers) == 2 and _gone(servers[1])
        assert corpus.analyze(workers=2).analyzed == ingested.new_articles


@pytest.mark.usefixtures("small_chunks")
def test_a_held_server_is_shared_by_the_stages_then_stopped(
    tmp_path: Path, servers: list[int]
) -> None:
    corpus, paths = _corpus(tmp_path)
    with corpus:
        with corpus.shared_workers():
            ingested = corpus.ingest(paths, workers=2)
            assert forkserver.running(), "held past the ingest's pool"
            analysed = corpus.analyze(workers=2)
            corpus.group_stories()
            corpus.compare_stories(workers=2)
            assert len(servers) == 1 and not _gone(servers[0])
        assert _gone(servers[0])
        assert analysed.analyzed == ingested.new_articles


def _blas_threads() -> list[int]:
    import numpy  # noqa: F401  (numpy's BLAS, loaded)
    from threadpoolctl import threadpool_info  # type: ignore[import-untyped]

    return [pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"]


def test_pool_workers_run_blas_on_one_thread(servers: list[int]) -> None:
    with (
        forkserver.pool(local.PRELOAD) as context,
        ProcessPoolExecutor(1, mp_context=context, initializer=forkserver.start_worker) as pool,
    ):
        threads = pool.submit(_blas_threads).result()
    assert threads and set(threads) == {1}, threads
