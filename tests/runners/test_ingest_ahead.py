"""``parallax ingest`` of enough files starts its workers' fork server before the command imports
the library and opens the store (``parallax.ahead``), then lets the pool do every record: the
store is the one a single process builds; a server that no pool used is ended, not waited for."""

from __future__ import annotations

import gzip
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

import parallax.runners.ingest_pool
from parallax.cli import app
from parallax.runners import forkserver
from tests.runners.conftest import AEB, PAGES, store_dump

pytestmark = pytest.mark.skipif(not forkserver.available(), reason="needs a fork server")

#: Input files that surely pay for a pool: eight chunks of sixteen records.
ENOUGH = 8 * 16

_PARAGRAPHS = (
    "The council of {town} met on Tuesday evening to vote on the new budget for schools, roads "
    "and the public library, after a debate that had lasted for {n} weeks.",
    "Residents of {town} told the meeting that the bus line to the hospital must stay open, and "
    "the mayor promised a decision before the end of month number {n}.",
)
_TOWNS = ("Harwick", "Bellmont", "Ostrava", "Quillan", "Dunmore", "Tarvis", "Ebbing", "Lorne")


def _inputs(root: Path) -> Path:
    """Real benchmark pages as HTML files, a page with no article (a rejection), and text
    articles: as many files as a pool needs, and a few more."""
    folder = root / "inputs"
    folder.mkdir()
    for doc_id in PAGES:
        page = gzip.decompress((AEB / "html" / f"{doc_id}.html.gz").read_bytes())
        (folder / f"{doc_id}.html").write_bytes(page)
    (folder / "broken.html").write_bytes(b"<html><body><nav>Home</nav></body></html>")
    for n in range(ENOUGH):
        town = _TOWNS[n % len(_TOWNS)]
        text = "\n\n".join(p.format(town=town, n=n) for p in _PARAGRAPHS)
        (folder / f"article-{n:03d}.txt").write_text(f"{town} votes ({n})\n\n{text}\n")
    return folder


def _search_rows(db: Path) -> list[tuple[object, ...]]:
    """The full-text index's rows (what search finds), sorted."""
    with sqlite3.connect(db) as connection:
        rows = connection.execute("SELECT rowid, * FROM articles_fts").fetchall()
    return sorted(rows, key=repr)


def _ingest(folder: Path, db: Path, workers: int) -> None:
    args = ["ingest", str(folder), "--db", str(db), "--workers", str(workers), "--json"]
    app(args, prog_name="parallax", standalone_mode=False)


def test_the_command_starts_its_workers_ahead_and_stores_what_one_process_stores(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _inputs(tmp_path)
    _ingest(folder, tmp_path / "one.db", workers=1)
    started: list[bool] = []
    acquire = forkserver.acquire

    def recording(*args: object, **kwargs: object) -> object:
        started.append(forkserver.running())
        return acquire(*args, **kwargs)  # type: ignore[arg-type]

    def here(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the server was started ahead: the pool does every record")

    monkeypatch.setattr(forkserver, "acquire", recording)
    # The workers are forked from a new server: they import the real function; only this
    # process's share (the records it processes while a pool starts) would fail.
    monkeypatch.setattr(parallax.runners.ingest_pool, "process_item", here)
    _ingest(folder, tmp_path / "two.db", workers=2)
    # The first acquire (the command's, ahead) started the server; the pool's found it running.
    assert started[:2] == [False, True]
    assert not forkserver.running()
    one, two = store_dump(tmp_path / "one.db"), store_dump(tmp_path / "two.db")
    assert len(one["articles"]) == ENOUGH + len(PAGES)
    assert [row[3] for row in one["rejections"]] == ["P108"]
    assert two == one
    assert _search_rows(tmp_path / "two.db") == _search_rows(tmp_path / "one.db")


def test_fewer_files_or_one_process_start_nothing_ahead(tmp_path: Path) -> None:
    from parallax.ahead import ingest_workers_ahead
    from parallax.config import Settings

    folder = _inputs(tmp_path)
    few = [str(path) for path in sorted(folder.iterdir())[: ENOUGH - 1]]
    settings = Settings(db=str(tmp_path / "x.db"))
    with ingest_workers_ahead(few, settings=settings, workers=2) as started:
        assert not started and not forkserver.running()
    with ingest_workers_ahead([str(folder)], settings=settings, workers=1) as started:
        assert not started and not forkserver.running()
    with ingest_workers_ahead([str(folder)], settings=settings, workers=2) as started:
        assert started and forkserver.running()
    assert not forkserver.running() and forkserver.users() == 0


def test_a_server_no_pool_used_is_ended_without_waiting_for_its_imports(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The server imports a module that takes seconds and then leaves a mark; ended at once,
    # it never gets there (waited for, the scope would end only after the mark was left).
    marker = tmp_path / "imported"
    monkeypatch.setenv("PARALLAX_TEST_SLOW_IMPORT_MARK", str(marker))
    with forkserver.ahead(["tests.runners.slow_import"]):
        assert forkserver.running()
    assert not forkserver.running() and forkserver.users() == 0
    assert not marker.exists()


def test_ingest_imports_neither_the_store_nor_the_extractor_before_its_start() -> None:
    # Regression guard: what ``parallax ingest`` imports before it can start the workers'
    # server (its module, with the front door's ``parallax.ahead``) holds neither the store,
    # the stages nor trafilatura, whose imports are what the server's start runs beside.
    code = (
        "import sys\n"
        "import parallax.cli.ingest\n"
        "heavy = ('parallax.corpus', 'parallax.store.sqlite', 'parallax.stages.ingest',\n"
        "         'trafilatura', 'numpy', 'pydantic')\n"
        "print(sorted(name for name in heavy if name in sys.modules))\n"
    )
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert found.stdout.strip() == "[]"
