"""``parallax ingest`` over several worker processes builds the store one process builds, and
reports the same: real benchmark pages as HTML files and in WARCs, broken records among them."""

from __future__ import annotations

import gzip
import io
import json
import shutil
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from warcio.warcwriter import WARCWriter

import parallax.ingest.feeds
import parallax.ingest.html
import parallax.ingest.warc
import parallax.runners.ingest_pool
import parallax.stages.ingest
import parallax.stages.ingest_ahead
from parallax.codec import dump
from parallax.config import Settings
from parallax.corpus import Corpus
from parallax.model import Rejection
from tests.runners.conftest import AEB, PAGES, URLS, _response, build_corpus, store_dump

FEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "feeds"


def _page(doc_id: str) -> bytes:
    return gzip.decompress((AEB / "html" / f"{doc_id}.html.gz").read_bytes())


def _broken_warc() -> bytes:
    """A WARC whose middle records are broken: markup with no document (P109), binary bytes
    served as HTML (P102) and a page with no main text (P108), between real pages."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    first, japanese, third = PAGES
    records = [
        (URLS[first], _page(first)),
        ("https://broken.example/markup", b"<"),
        ("https://broken.example/binary", bytes(range(256)) * 4),
        ("https://broken.example/empty", b"<html><body><nav>Home</nav></body></html>"),
        (URLS[japanese], _page(japanese)),
        (URLS[third], _page(third)),
    ]
    for url, body in records:
        writer.write_record(_response(writer, url, body, "text/html; charset=UTF-8"))
    return buffer.getvalue()


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The runners' sample corpus (WARCs, JSON Lines, text, garbage, a cut WARC), a WARC with
    broken records in its middle, the benchmark pages as HTML files with a broken one, one
    file given twice (the second time the ledger skips it), and two feeds."""
    root = tmp_path_factory.mktemp("ingest-workers")
    corpus = build_corpus(root)
    (corpus / "m-broken.warc.gz").write_bytes(_broken_warc())
    pages = root / "pages"
    pages.mkdir()
    for doc_id in PAGES:
        (pages / f"{doc_id}.html").write_bytes(_page(doc_id))
    (pages / "broken.html").write_bytes(b"<html><body><p>no article</p></body></html>")
    feeds = root / "feeds"
    feeds.mkdir()
    for feed in ("motherjones-rss2.xml", "newsblur-blog-atom.xml"):
        shutil.copy(FEEDS / feed, feeds / feed)
    return [str(corpus), str(pages), str(corpus / "a-news.warc.gz"), str(feeds)]


def _ingest(db: Path, paths: list[str], workers: int) -> tuple[dict[str, Any], list[Rejection]]:
    printed: list[Rejection] = []
    with Corpus(db, settings=Settings(db=str(db), commit_every=3)) as corpus:
        report = corpus.ingest(paths, workers=workers, on_rejection=printed.append)
    document = json.loads(json.dumps(dump(report)))
    document.pop("run_id", None)
    return document, printed


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Chunks of two records, so that chunks cut sources, and the WARCs, in several places,
    and a pool that starts after two of them."""
    monkeypatch.setattr(parallax.stages.ingest_ahead, "CHUNK", 2)
    monkeypatch.setattr(parallax.runners.ingest_pool, "POOL_AFTER", 2)


@pytest.fixture
def pool_first(monkeypatch: pytest.MonkeyPatch) -> None:
    """This process waits for the pool to start instead of processing the first chunks."""

    def started(start: parallax.runners.ingest_pool.PoolStart) -> bool:
        start.join()
        return True

    monkeypatch.setattr(parallax.runners.ingest_pool.PoolStart, "ready", started)


@pytest.mark.usefixtures("small_chunks", "pool_first")
def test_two_workers_store_and_report_what_one_does(
    inputs: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    one, one_printed = _ingest(tmp_path / "one.db", inputs, workers=1)

    def here(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("with two workers this process must not parse pages or clean")

    # The workers are spawned: they import the real functions; only this process would fail.
    # A JSON Lines record's HTML page (d-pages.jsonl) and a feed's entries go there too.
    monkeypatch.setattr(parallax.ingest.feeds, "_entry_article", here)
    monkeypatch.setattr(parallax.ingest.html.HtmlPage, "parse", here)
    monkeypatch.setattr(parallax.ingest.warc.WarcPage, "parse", here)
    monkeypatch.setattr(parallax.ingest.html, "extract_html", here)
    monkeypatch.setattr(parallax.stages.ingest, "process_record", here)
    two, two_printed = _ingest(tmp_path / "two.db", inputs, workers=2)
    assert two == one
    assert two_printed == one_printed
    assert store_dump(tmp_path / "two.db") == store_dump(tmp_path / "one.db")
    # What the comparison covers: articles from every kind of input, and broken records
    # named by file and offset, as one process names them.
    assert one["new_articles"] >= 12 and one["skipped_sources"] == 1
    assert sum(row["stored"] for row in one["files"] if row["source"].endswith(".xml")) >= 5
    broken = [r for r in one_printed if r.source.endswith("m-broken.warc.gz")]
    assert [r.code for r in broken] == ["P109", "P102", "P108"]
    assert all(r.record and r.record.isdigit() and int(r.record) > 0 for r in broken)
    codes = {r.code for r in one_printed}
    assert {"P102", "P105", "P108", "P109"} <= codes


def _share_of(monkeypatch: pytest.MonkeyPatch, records: int) -> list[parallax.stages.ingest.Done]:
    """Make the pool start once this process has processed ``records`` records (it finishes
    the chunk it is in); return the list of the results of the records it processes."""
    import parallax.runners.ingest_pool as ingest_pool

    mine: list[parallax.stages.ingest.Done] = []
    real = ingest_pool.process_item

    def here(record: Any, **kwargs: Any) -> Any:
        mine.append(real(record, **kwargs))
        return mine[-1]

    def started(start: ingest_pool.PoolStart) -> bool:
        if len(mine) < records:
            return False
        start.join()
        return True

    monkeypatch.setattr(ingest_pool, "process_item", here)
    monkeypatch.setattr(ingest_pool.PoolStart, "ready", started)
    return mine


@pytest.mark.usefixtures("small_chunks")
@pytest.mark.parametrize("share", [5, 10**6])
def test_what_this_process_does_while_the_pool_starts_is_stored_as_one_process_stores_it(
    inputs: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, share: int
) -> None:
    # The broken WARC first, so that its broken records fall in this process's share (5
    # records: three chunks of two); the rest goes to the pool. With a share larger than the
    # input, the pool never starts in time and this process does it all.
    broken = tmp_path / "broken"
    broken.mkdir()
    shutil.copy(Path(inputs[0]) / "m-broken.warc.gz", broken / "m-broken.warc.gz")
    paths = [str(broken / "m-broken.warc.gz"), *inputs]
    one, one_printed = _ingest(tmp_path / "one.db", paths, workers=1)
    mine = _share_of(monkeypatch, share)
    two, two_printed = _ingest(tmp_path / "two.db", paths, workers=2)
    assert two == one
    assert two_printed == one_printed
    assert store_dump(tmp_path / "two.db") == store_dump(tmp_path / "one.db")
    read = sum(row["read"] for row in one["files"])
    if share < read:
        assert len(mine) == 6, "this process's share ends with the chunk it is in"
    else:
        assert len(mine) >= read, "the pool never started in time: this process did it all"
    # The first WARC's broken records were this process's; they are recorded as a worker
    # records the same records of the sample corpus's copy of the WARC (the pool's when the
    # share is 5): named by file and offset, with the same codes and reasons.
    assert [r.code for r in mine[:6] if isinstance(r, Rejection)] == ["P109", "P102", "P108"]
    here = [r for r in two_printed if r.source == paths[0]]
    assert here == [r for r in mine[:6] if isinstance(r, Rejection)]
    there = [r for r in two_printed if r.source.endswith("corpus/m-broken.warc.gz")]
    assert [replace(r, source=paths[0]) for r in there] == here


@pytest.mark.usefixtures("small_chunks")
def test_ingesting_again_with_workers_changes_nothing(inputs: list[str], tmp_path: Path) -> None:
    db = tmp_path / "again.db"
    first, first_printed = _ingest(db, inputs, workers=2)
    stored = store_dump(db)
    again, again_printed = _ingest(db, inputs, workers=2)
    assert again["new_articles"] == again["revised"] == 0
    assert again["skipped_sources"] == first["sources"] + first["skipped_sources"]
    assert again_printed == first_printed  # the rejections are reported again, not stored
    assert store_dump(db) == stored


@pytest.mark.parametrize(("setting", "pool"), [(1, None), (2, 2), (0, 3)])
def test_the_setting_chooses_the_pool(
    inputs: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, setting: int, pool: Any
) -> None:
    import parallax.runners.cpus as cpus
    import parallax.runners.ingest_pool as ingest_pool

    sizes: list[int] = []

    def recording(chunks: Any, *, settings: Settings, outlets: Any, workers: int) -> Any:
        sizes.append(workers)
        return (ingest_pool.process_chunk(chunk, settings=settings, outlets=outlets)
                for chunk in chunks)  # fmt: skip

    monkeypatch.setattr(ingest_pool, "ingest_local", recording)
    monkeypatch.setattr(cpus, "default_workers", lambda: 3)
    db = tmp_path / "set.db"
    settings = replace(Settings(db=str(db)), ingest_workers=setting)
    with Corpus(db, settings=settings) as corpus:
        assert corpus.ingest(inputs[1:2]).new_articles == 3
    assert sizes == ([] if pool is None else [pool])


def test_a_few_pages_start_no_pool(
    inputs: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import parallax.runners.ingest_pool as ingest_pool

    def refused(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("four pages are not worth starting workers")

    one, _ = _ingest(tmp_path / "one.db", inputs[1:2], workers=1)
    monkeypatch.setattr(ingest_pool, "ProcessPoolExecutor", refused)
    two, _ = _ingest(tmp_path / "two.db", inputs[1:2], workers=2)
    assert two == one and one["new_articles"] == 3
    assert store_dump(tmp_path / "two.db") == store_dump(tmp_path / "one.db")


@pytest.mark.usefixtures("small_chunks")
def test_reading_ahead_stops_at_a_source_cap(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bomb = tmp_path / "bomb.jsonl.gz"
    bomb.write_bytes(gzip.compress(b"{}\n" * 100_000))
    read: list[object] = []
    split = parallax.stages.ingest_ahead.split_source

    def counted(*args: Any, **kwargs: Any) -> Any:
        for record in split(*args, **kwargs):
            read.append(record)
            yield record

    monkeypatch.setattr(parallax.stages.ingest_ahead, "split_source", counted)
    db = tmp_path / "bomb.db"
    with Corpus(db, settings=Settings(db=str(db), max_source_rejections=50)) as corpus:
        heard: list[Rejection] = []
        report = corpus.ingest([str(bomb)], workers=2, on_rejection=heard.append)
    assert report.rejected == 51 and heard[-1].code == "P116" and heard[-2].record == "50"
    assert len(read) < 200, "the rest of the source is not read"


def _probe(_: int) -> dict[str, Any]:
    """What a worker holds before its first record (run in a worker of the pool)."""
    import sys

    import parallax.ingest.clean as clean
    import parallax.ingest.duplicates as duplicates
    import parallax.ingest.language as language

    return {
        "warmed": "parallax.runners.ingest_warm" in sys.modules,
        "libraries": {"trafilatura", "py3langid"} <= set(sys.modules),
        "permutations": duplicates._permutations.cache_info().currsize,
        "language_model": language._identifier.cache_info().currsize,
        "rules": clean.load_rules.cache_info().currsize,
        "nlp": "spacy" in sys.modules,
    }


def test_workers_start_warm_from_a_forkserver_that_goes_with_the_pool() -> None:
    import multiprocessing.forkserver
    from concurrent.futures import ProcessPoolExecutor

    import parallax.runners.ingest_pool as ingest_pool
    from parallax.runners import forkserver

    server = multiprocessing.forkserver._forkserver  # type: ignore[attr-defined]
    with forkserver.pool(ingest_pool.WORKER_MODULES) as context:
        assert server._forkserver_pid is not None
        with ProcessPoolExecutor(2, mp_context=context) as pool:
            held = list(pool.map(_probe, range(2), chunksize=1))
    # Forked from the warmed server: the libraries imported and their first use made there,
    # once (the language model, the MinHash permutations and the boilerplate rules loaded), and
    # no NLP loaded.
    assert held == [{"warmed": True, "libraries": True, "language_model": 1, "permutations": 1,
                     "rules": 1, "nlp": False}] * 2  # fmt: skip
    assert server._forkserver_pid is None, "the forkserver is stopped and waited for"


def test_the_forkserver_imports_what_the_main_module_imported(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import types

    from parallax.runners import forkserver

    main = types.ModuleType("__main__")
    main.json = json  # type: ignore[attr-defined]
    main.Path = Path  # type: ignore[attr-defined]
    main.dump = dump  # type: ignore[attr-defined]
    main.answer = 42  # type: ignore[attr-defined]
    monkeypatch.setitem(__import__("sys").modules, "__main__", main)
    assert forkserver.main_imports() == ["json", "parallax.codec", "pathlib"]


def _fake_main(spec: str | None, path: str | None) -> Any:
    """A ``__main__`` run as ``python -m spec`` or as the script ``path``, which took its
    ``main`` from ``parallax.cli`` (as the ``parallax`` command does)."""
    import importlib.machinery
    import types

    import parallax.cli

    main = types.ModuleType("__main__")
    main.__spec__ = importlib.machinery.ModuleSpec(spec, None) if spec else None
    if path:
        main.__file__ = path
    main.main = parallax.cli.main  # type: ignore[attr-defined]
    return main


@pytest.mark.parametrize(
    ("spec", "path", "runs"),
    [
        ("parallax.__main__", None, False),  # python -m parallax
        ("benchmarks.ingest", None, True),  # python -m benchmarks.ingest
        (None, "/venv/bin/parallax", True),  # the console script
        (None, None, False),  # an interactive session
    ],
)
def test_the_forkserver_preloads_the_main_module_only_where_the_workers_run_it(
    monkeypatch: pytest.MonkeyPatch, spec: str | None, path: str | None, runs: bool
) -> None:
    import multiprocessing.forkserver

    import parallax.runners.ingest_pool as ingest_pool
    from parallax.runners import forkserver

    preloads: list[list[str]] = []
    monkeypatch.setitem(__import__("sys").modules, "__main__", _fake_main(spec, path))
    monkeypatch.setattr(multiprocessing.forkserver, "set_forkserver_preload", preloads.append)
    monkeypatch.setattr(multiprocessing.forkserver, "ensure_running", lambda: None)
    assert forkserver.children_run_main() is runs
    with forkserver.pool(ingest_pool.WORKER_MODULES):
        pass
    [preload] = preloads
    assert preload[-2:] == list(ingest_pool.WORKER_MODULES)
    assert ("__main__" in preload, "parallax.cli" in preload) == (runs, runs)
    if not runs:
        assert preload == list(ingest_pool.WORKER_MODULES)


def _imported(_: int) -> dict[str, bool]:
    """Which of the command's modules a worker holds (run in a worker of the pool)."""
    import sys

    return {name: name in sys.modules for name in ("parallax.cli", "parallax.stages.ingest")}


def test_workers_of_python_m_parallax_come_from_a_server_without_the_cli(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # ``python -m parallax ingest``: multiprocessing does not run parallax.__main__ in the
    # workers, so the fork server does not import the CLI for them either.
    from concurrent.futures import ProcessPoolExecutor

    import parallax.runners.ingest_pool as ingest_pool
    from parallax.runners import forkserver

    monkeypatch.setitem(__import__("sys").modules, "__main__",
                        _fake_main("parallax.__main__", None))  # fmt: skip
    with (
        forkserver.pool(ingest_pool.WORKER_MODULES) as context,
        ProcessPoolExecutor(1, mp_context=context) as pool,
    ):
        held = pool.submit(_imported, 0).result()
    assert held == {"parallax.cli": False, "parallax.stages.ingest": True}


def test_the_forkserver_stays_while_another_pool_uses_it() -> None:
    # Two ingests at once (a server's threads): the first to finish leaves the server running.
    import multiprocessing.forkserver

    import parallax.runners.ingest_pool as ingest_pool
    from parallax.runners import forkserver

    server = multiprocessing.forkserver._forkserver  # type: ignore[attr-defined]
    forkserver.acquire(ingest_pool.WORKER_MODULES)
    started = server._forkserver_pid
    forkserver.acquire(ingest_pool.WORKER_MODULES)
    assert server._forkserver_pid == started
    forkserver.release()
    assert server._forkserver_pid == started, "the other pool still uses it"
    forkserver.release()
    assert server._forkserver_pid is None


def test_without_a_forkserver_the_pool_is_spawned(monkeypatch: pytest.MonkeyPatch) -> None:
    # Windows has no forkserver: the ingest pool spawns its workers, and starts or stops none.
    import multiprocessing
    import multiprocessing.forkserver

    import parallax.runners.ingest_pool as ingest_pool
    from parallax.runners import forkserver

    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    server = multiprocessing.forkserver._forkserver  # type: ignore[attr-defined]
    before = server._forkserver_pid
    with forkserver.pool(ingest_pool.WORKER_MODULES) as context:
        assert context.get_start_method() == "spawn"
        assert forkserver.users() == 0
    assert forkserver.users() == 0
    assert server._forkserver_pid == before
