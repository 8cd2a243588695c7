"""The local engine (a process pool) against the plain local path, and resuming after a kill."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest

from parallax.config import Settings
from parallax.corpus import Corpus
from parallax.runners import write_shards
from parallax.runners.layout import LEDGER, TABLES
from tests.runners.conftest import SOURCES, SYNDICATED, exported, store_dump

# A hang guard: the package fixtures run the engine first, minutes on a loaded machine.
pytestmark = pytest.mark.timeout(300)


def load(out: Path, db: Path) -> Corpus:
    corpus = Corpus(db, settings=Settings(db=str(db)))
    report = corpus.load_shards(out)
    assert report.analyzed_here == 0  # every analysis came from the shards
    return corpus


def test_loaded_shards_equal_the_local_path(
    local_run: Path, baseline: Path, tmp_path: Path
) -> None:
    db, local_db = tmp_path / "loaded.db", tmp_path / "local.db"
    # Exporting compares the stories and stores their titles: on a copy, so that the other
    # tests of the package see the baseline as the local path left it.
    shutil.copy(baseline, local_db)
    with load(local_run, db) as corpus, Corpus(local_db) as local:
        assert exported(corpus) == exported(local)
        # The syndicated copy in the second WARC links to the original in the first, whatever
        # order the workers finished in: loading follows the planned order.
        [copy] = [a for a in corpus.articles.list() if a.url == SYNDICATED]
        original = corpus.articles.get(copy.duplicate_of or "")
        assert original is not None and original.source.endswith("a-news.warc.gz")
    assert store_dump(db) == store_dump(local_db)


def test_bad_files_become_rejections(local_run: Path, tmp_path: Path) -> None:
    with load(local_run, tmp_path / "loaded.db") as corpus:
        codes = {(Path(r.source).name, r.code) for r in corpus.articles.rejections()}
    assert {("garbage.bin", "P102"), ("cut.warc.gz", "P105"), ("c-articles.jsonl", "P106")} <= codes
    with Corpus(tmp_path / "loaded.db") as corpus:
        ledger = corpus.store.connection.execute(
            "SELECT articles, rejections FROM ledger WHERE source LIKE '%cut.warc.gz'"
        ).fetchall()
    assert [tuple(row) for row in ledger] == [(1, 1)]  # the record before the damage, then P105


def test_loading_again_changes_nothing(local_run: Path, tmp_path: Path) -> None:
    db = tmp_path / "loaded.db"
    load(local_run, db).close()
    before = store_dump(db)
    with Corpus(db, settings=Settings(db=str(db))) as corpus:
        again = corpus.load_shards(local_run)
    assert (again.sources, again.skipped_sources, again.articles) == (0, SOURCES, 0)
    assert store_dump(db) == before


def test_a_rerun_skips_finished_sources(local_run: Path, sample: Path) -> None:
    ledger = (local_run / LEDGER).read_text()
    shards = {path: path.stat().st_mtime_ns for path in local_run.rglob("*.parquet")}
    report = write_shards([str(sample)], local_run, engine="local", workers=1, settings=Settings())
    assert (report.sources, report.skipped_sources, report.articles) == (0, SOURCES, 0)
    assert (local_run / LEDGER).read_text() == ledger
    assert {path: path.stat().st_mtime_ns for path in local_run.rglob("*.parquet")} == shards


KILLED_RUN = """
import sys
from parallax.config import Settings
from parallax.runners import write_shards
if __name__ == "__main__":
    write_shards([sys.argv[1]], sys.argv[2], engine="local", workers=1, settings=Settings())
"""


@pytest.mark.slow
def test_a_killed_run_resumes_without_duplicates(
    sample: Path, baseline: Path, tmp_path: Path
) -> None:
    out = tmp_path / "shards"
    child = subprocess.Popen(
        [sys.executable, "-c", KILLED_RUN, str(sample), str(out)], start_new_session=True
    )
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline and child.poll() is None:
        if (out / LEDGER).is_file() and (out / LEDGER).read_text().count("\n") >= 2:
            break
        time.sleep(0.02)
    os.killpg(child.pid, signal.SIGKILL)  # the run and its worker processes, mid-source
    child.wait()
    finished = (out / LEDGER).read_text().count("\n")
    assert 2 <= finished < SOURCES
    report = write_shards([str(sample)], out, engine="local", workers=1, settings=Settings())
    assert report.skipped_sources == finished
    assert report.sources == SOURCES - finished
    assert not [path for table in TABLES for path in (out / table).glob(".*")]
    db = tmp_path / "loaded.db"
    load(out, db).close()
    assert store_dump(db) == store_dump(baseline)


def test_the_claims_event_mentions_travel_through_the_shards(
    local_run: Path, baseline: Path, tmp_path: Path
) -> None:
    db = tmp_path / "loaded.db"
    with load(local_run, db):
        pass
    loaded, local = store_dump(db)["event_mentions"], store_dump(baseline)["event_mentions"]
    assert loaded == local
    # The seeds' pause is read as an event with its own trigger span, inside a claim.
    assert any(row[3] in ("pause", "paused", "suspension", "halted") for row in loaded), loaded[:5]


@pytest.mark.timeout(600)  # the framing models load in the worker and in this process
def test_the_framing_findings_travel_through_the_shards(sample: Path, tmp_path: Path) -> None:
    # With analyze_framing, `parallax run`'s workers compute each text's framing findings as
    # `parallax analyze` does (stages.analyze.analyze_and_embed), and loading stores them.
    settings = Settings(analyze_framing=True)
    out = tmp_path / "shards"
    report = write_shards([str(sample)], out, engine="local", workers=1, settings=settings)
    assert report.articles == 12 and report.failed_sources == 0
    loaded_db, local_db = tmp_path / "loaded.db", tmp_path / "local.db"
    with Corpus(loaded_db, settings=replace(settings, db=str(loaded_db))) as corpus:
        assert corpus.load_shards(out).analyzed_here == 0
    with Corpus(local_db, settings=replace(settings, db=str(local_db))) as corpus:
        corpus.ingest([str(sample)])
        corpus.analyze(workers=1)
    query = "SELECT article_id, content_hash, version, findings FROM framing_findings ORDER BY 1"
    loaded, local = (_rows(db, query) for db in (loaded_db, local_db))
    assert local and all(row[3].startswith("{") for row in local)
    assert loaded == local


def _rows(db: Path, query: str) -> list[tuple[str, ...]]:
    connection = sqlite3.connect(db)
    try:
        return [tuple(row) for row in connection.execute(query)]
    finally:
        connection.close()
