"""The user's job end to end: ``ingest`` then ``analyze`` (NLP, stories, comparisons) of a corpus.

The corpus is built from the shared data, the same way every run, and cut at ``--articles``: the
sources are taken in turn, one article from each (round robin), so a small corpus still mixes
formats and outlets:

* the two seed articles (plain text with a ``date`` line; SouthFront, The Independent);
* BASIL (150 articles: Fox News, The New York Times, HuffPost; 50 events told by all three),
  written as JSON Lines with outlet, date and title;
* Timeline17 (1,620 dated articles of the BBC, The Guardian, Reuters and CNN on 7 topics),
  JSON Lines;
* the ScrapingHub AEB pages (181 gzipped HTML pages of 181 sites), ingested as HTML;
* PolNeAR (927 articles of 7 US outlets, outlet and date from the file name), JSON Lines;
* the PTC training articles (371 plain-text articles).

Stages, each timed (wall and CPU seconds) in one child process holding a fresh store:
``Corpus.ingest``, ``Corpus.analyze`` (NLP and entity merging), ``Corpus.group_stories`` and
``Corpus.compare_stories``, in one ``Corpus.shared_workers(analyze=True, compare=True)`` scope:
the fork server the ingest's pool starts loads the analysis's and the comparison's models
(counted in the ingest's CPU), which their workers inherit. The baseline, timed in its own
child process in the same run, is plain ``spacy.load`` + ``nlp.pipe`` over the very texts
the store holds after ingest (not the duplicates), its model load timed as the stages' loads
are. Printed:
articles/s per stage and end to end (with and without comparisons), CPU seconds per article,
peak RSS of each process, and the ratios to the baseline. ``--workers N`` sets the processes of
``analyze`` and ``compare_stories`` (default: one per CPU); their CPU seconds count in the
stage's, and so do the fork server's (the workers are its children, not the stage's process:
their CPU is read from ``/proc`` through it, see ``_cpu``). Last, a worker's start-up: the CPU
of a pool of one analyze worker that loads the pipeline and does nothing, the first (with the
fork server's imports) and a second one.

Analyze's phases (wall and CPU seconds, from the stage's process and the log its workers
write): this process before its pool (reading, settings), the pool's start until every worker
holds its models (the fork server's imports, each worker's model loads), the workers' pieces
(CPU in them, and the seconds a worker sat idle between its start and the pool's end: waiting
for this process, or done while the other finished the last piece: the tail), and this process
after the pool (merging entities). The group stage's CPU seconds, and those of its main thread
(MiniLM's session and runs for the timelines take other threads, on CPUs idle after the pool).

``--sources name[:N],...`` takes only the named sources, each capped at N: ``--sources
seeds,basil:90,aeb --articles 273`` is the corpus issue #18 was first measured on (the two
seeds, BASIL's 2010–2012 articles, the 181 AEB pages).

Usage: python -m benchmarks.e2e --data ../shared/data --articles 300
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import inspect
import json
import multiprocessing
import os
import resource
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from itertools import islice, zip_longest
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from parallax.minilm_int8 import minilm_int8_chosen
from parallax.nlp.pipeline import DEFAULT_MODEL

SEEDS = Path(__file__).resolve().parent.parent / "src" / "parallax" / "examples" / "seeds"
BASIL_OUTLETS = {"fox": "Fox News", "nyt": "The New York Times", "hpo": "HuffPost"}
T17_OUTLETS = {"bbc": "BBC", "guardian": "The Guardian", "reuters": "Reuters", "cnn": "CNN"}


@dataclass(frozen=True, slots=True)
class Item:
    """One article of the benchmark corpus: a JSON Lines record or a file copied as it is."""

    source: str
    record: dict[str, str] | None = None
    file: Path | None = None


def _seeds() -> Iterator[Item]:
    for path in sorted(SEEDS.glob("*.txt")):
        yield Item("seeds", file=path)


def _basil(data: Path) -> Iterator[Item]:
    for path in sorted((data / "basil" / "articles").glob("*/*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        paragraphs = [
            " ".join(p) if isinstance(p, list) else str(p) for p in record["body-paragraphs"]
        ]
        yield Item(
            "basil",
            {
                "id": f"basil-{path.stem}",
                "title": record.get("title") or "",
                "published": record["date"],
                "outlet": BASIL_OUTLETS.get(record.get("source", ""), record.get("source", "")),
                "text": "\n\n".join(paragraphs),
            },
        )


def _timeline17(data: Path) -> Iterator[Item]:
    for path in sorted((data / "comparison" / "timeline17").glob("*/articles.json")):
        outlet = T17_OUTLETS.get(path.parent.name.split("_")[-1], path.parent.name)
        for article in json.loads(path.read_text(encoding="utf-8")):
            yield Item(
                "timeline17",
                {
                    "id": f"t17-{path.parent.name}-{article['uid']}",
                    "published": str(article["dct"])[:10],
                    "outlet": outlet,
                    "text": article["text"],
                },
            )


def _aeb(data: Path) -> Iterator[Item]:
    for path in sorted((data / "article-extraction" / "scrapinghub-aeb" / "html").glob("*.gz")):
        yield Item("aeb", file=path)


def _polnear(data: Path) -> Iterator[Item]:
    for path in sorted((data / "polnear").glob("*/text/*.txt")):
        outlet, day, _ = path.stem.split("_", 2)
        yield Item(
            "polnear",
            {
                "id": f"polnear-{path.stem}",
                "published": day,
                "outlet": outlet,
                "text": path.read_text(encoding="utf-8"),
            },
        )


def _ptc(data: Path) -> Iterator[Item]:
    for path in sorted((data / "ptc-semeval2020-task11" / "train" / "articles").glob("*.txt")):
        yield Item("ptc", file=path)


SOURCES: dict[str, Callable[[Path], Iterator[Item]]] = {
    "seeds": lambda _data: _seeds(),
    "basil": _basil,
    "timeline17": _timeline17,
    "aeb": _aeb,
    "polnear": _polnear,
    "ptc": _ptc,
}
ISSUE_18_SOURCES = "seeds,basil:90,aeb"  # the corpus #18 was measured on: 2 + 90 + 181 = 273


def parse_sources(spec: str) -> list[tuple[str, int | None]]:
    """Read ``name[:N],...`` (each a key of :data:`SOURCES`, N its cap) into (name, cap)."""
    chosen: list[tuple[str, int | None]] = []
    for part in filter(None, (piece.strip() for piece in spec.split(","))):
        name, _, cap = part.partition(":")
        if name not in SOURCES:
            raise ValueError(f"unknown source {name!r} (known: {', '.join(SOURCES)})")
        if cap and not (cap.isdigit() and int(cap) > 0):
            raise ValueError(f"the cap of {name!r} must be a positive whole number, not {cap!r}")
        chosen.append((name, int(cap) if cap else None))
    if not chosen:
        raise ValueError("no source named")
    return chosen


def corpus_items(
    data: Path, articles: int, sources: list[tuple[str, int | None]] | None = None
) -> list[Item]:
    """Return the first ``articles`` items of the sources taken in turn (round robin); each
    source capped where ``sources`` gives a cap (default: all six, in the order above)."""
    picked = sources or [(name, None) for name in SOURCES]
    streams = [islice(SOURCES[name](data), cap) for name, cap in picked]
    chosen: list[Item] = []
    for round_ in zip_longest(*streams):
        chosen.extend(item for item in round_ if item is not None)
        if len(chosen) >= articles:
            break
    return chosen[:articles]


def write_corpus(items: list[Item], folder: Path) -> list[str]:
    """Write ``items`` under ``folder`` (JSON Lines per source, files copied); return the paths."""
    records: dict[str, list[dict[str, str]]] = {}
    for item in items:
        if item.record is not None:
            records.setdefault(item.source, []).append(item.record)
        elif item.file is not None:
            target = folder / item.source / item.file.name
            target.parent.mkdir(parents=True, exist_ok=True)
            if item.file.suffix == ".gz":
                target = target.with_suffix("")
                target.write_bytes(gzip.decompress(item.file.read_bytes()))
            else:
                shutil.copyfile(item.file, target)
    for source, rows in records.items():
        lines = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
        (folder / f"{source}.jsonl").write_text(lines, encoding="utf-8")
    return sorted(str(path) for path in folder.iterdir())


def _living_children_cpu() -> float:
    """CPU seconds of this process's living children and of the children each has waited for,
    from ``/proc`` (0 where there is none): a pool's workers are children of the fork server,
    which lives as long as this process, so ``RUSAGE_CHILDREN`` would never count them."""
    me, ticks, total = str(os.getpid()), os.sysconf("SC_CLK_TCK"), 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:  # after the name in parentheses: state, ppid, ... utime (14th field) to cstime (17th)
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:  # gone meanwhile
            continue
        if fields[1] == me:
            total += sum(int(value) for value in fields[11:15])
    return total / ticks


def _descendants() -> list[Path]:
    """The ``/proc`` folders of this process's living children and their children."""
    parents, found = {str(os.getpid())}, []
    for _ in range(2):
        level = []
        for entry in Path("/proc").iterdir():
            try:
                if (
                    entry.name.isdigit()
                    and (entry / "stat").read_text().rsplit(")", 1)[1].split()[1] in parents
                ):
                    level.append(entry)
            except OSError:
                continue
        found += level
        parents = {entry.name for entry in level}
    return found


class PeakWatch:
    """The largest peak RSS (``VmHWM``) of any descendant of this process, read every half
    second while it runs: a fork server's workers are not this process's children, so
    ``RUSAGE_CHILDREN`` never holds theirs."""

    def __init__(self) -> None:
        self.peak_kib = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)
        self._thread.start()

    def _watch(self) -> None:
        while not self._stop.wait(0.5):
            for entry in _descendants():
                try:
                    status = (entry / "status").read_text()
                except OSError:
                    continue
                for line in status.splitlines():
                    if line.startswith("VmHWM:"):
                        self.peak_kib = max(self.peak_kib, int(line.split()[1]))

    def stop(self) -> float:
        """Stop watching; return the peak in MiB."""
        self._stop.set()
        self._thread.join()
        return self.peak_kib / 1024


def _cpu() -> float:
    """CPU seconds of this process, of its finished children (spawned workers) and of its
    living ones with their finished children (the fork server and the workers it started)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    finished = usage.ru_utime + usage.ru_stime + children.ru_utime + children.ru_stime
    return finished + _living_children_cpu()


def _peak_mib(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def _log_event(log: str, event: list[Any]) -> None:
    with open(log, "a", encoding="utf-8") as file:
        file.write(json.dumps([os.getpid(), *event]) + "\n")


def _traced_start(log: str, start: Callable[..., None], *args: object) -> None:
    """A pool worker's start (``start``, called by ``local._start_pool_worker`` once the worker has
    left the fork server and chosen the corpus's MiniLM), its wall and CPU logged."""
    wall, cpu = time.time(), time.process_time()
    start(*args)
    _log_event(log, ["start", wall, time.time(), time.process_time() - cpu])


def _traced_work(log: str, work: Callable[[list[Any]], list[Any]], items: list[Any]) -> list[Any]:
    """A pool worker's piece, its wall and CPU logged."""
    wall, cpu = time.time(), time.process_time()
    found = work(items)
    _log_event(log, ["piece", wall, time.time(), time.process_time() - cpu])
    return found


@contextlib.contextmanager
def _analyze_phases(figures: dict[str, float]) -> Iterator[None]:
    """Trace ``analyze``'s pool (``local.map_in_order``) and its entity merge; fill ``figures``
    with each phase's wall and CPU seconds (see the module's documentation)."""
    import parallax.stages.analyze as stage
    from parallax.runners import local

    log = tempfile.mktemp(suffix=".jsonl")
    marks: dict[str, tuple[float, float]] = {}

    def mark(name: str) -> None:
        usage = resource.getrusage(resource.RUSAGE_SELF)
        marks.setdefault(name, (time.time(), usage.ru_utime + usage.ru_stime))

    mapper, merge = local.map_in_order, stage.merge_store_entities

    def traced_map(batches: Any, work: Any, *, start: Any, args: tuple[Any, ...] = (),
                   **options: Any) -> Iterator[Any]:  # fmt: skip
        mark("pool")
        yield from mapper(batches, partial(_traced_work, log, work),
                          start=_traced_start, args=(log, start, *args), **options)  # fmt: skip
        mark("pool end")

    def traced_merge(store: Any) -> Any:
        mark("merge")
        found = merge(store)
        mark("merge end")
        return found

    local.map_in_order, stage.merge_store_entities = traced_map, traced_merge
    mark("begin")
    try:
        yield
    finally:
        local.map_in_order, stage.merge_store_entities = mapper, merge
    mark("end")
    events = [json.loads(line) for line in Path(log).read_text().splitlines()] if (
        Path(log).is_file()) else []  # fmt: skip
    Path(log).unlink(missing_ok=True)
    if "pool" not in marks or not events:  # one process: no pool
        return
    (begin, begin_cpu), (pool, pool_cpu) = marks["begin"], marks["pool"]
    pool_end = marks["pool end"][0]
    starts = [e for e in events if e[1] == "start"]
    pieces = [e for e in events if e[1] == "piece"]
    figures["before pool s"], figures["before pool cpu"] = pool - begin, pool_cpu - begin_cpu
    figures["pool start s"] = max(e[3] for e in starts) - pool
    figures["worker start cpu"] = sum(e[4] for e in starts)
    figures["pieces cpu"] = sum(e[4] for e in pieces)
    busy = sum(e[3] - e[2] for e in pieces)
    figures["worker idle s"] = sum(pool_end - e[3] for e in starts) - busy
    last = [max(e[3] for e in pieces if e[0] == s[0]) for s in starts if any(
        e[0] == s[0] for e in pieces)]  # fmt: skip
    figures["tail s"] = max(last) - min(last)
    figures["after pool s"] = marks["merge end"][0] - pool_end
    figures["after pool cpu"] = marks["merge end"][1] - marks["pool end"][1]


PAGE_VECTORS = "page vectors (--no-compare)"


def _page_vectors(corpus: Any, workers: int | None) -> dict[str, float]:
    """Time ``embed_for_pages`` (what ``analyze --no-compare`` runs after grouping) on a copy
    of the store, so that the comparisons after it find no vector it stored."""
    import sqlite3

    from parallax.corpus import Corpus

    with tempfile.TemporaryDirectory(prefix="parallax-e2e-pages-") as scratch, _kept_vectors():
        copy = Path(scratch) / "copy.db"
        with sqlite3.connect(copy) as target:
            corpus.store.connection.backup(target)
        with Corpus(copy) as other:
            wall, cpu = time.perf_counter(), _cpu()
            other.embed_for_pages(workers=workers)
            return {"seconds": time.perf_counter() - wall, "cpu": _cpu() - cpu}


@contextlib.contextmanager
def _kept_vectors() -> Iterator[None]:
    """Put back, after the block, the vectors this process's cached MiniLM held before it: the
    page vectors' are not the comparisons' to reuse (``compare_jobs.with_known_vectors``)."""
    try:
        from parallax.models.vectors import cached_embedder
    except ImportError:  # a tree without it
        yield
        return
    rows = getattr(cached_embedder(), "_rows", None)
    saved = None if rows is None else rows.copy()
    try:
        yield
    finally:
        if rows is not None and saved is not None:
            rows.clear()
            rows.update(saved)


def _shared_workers(corpus: Any) -> contextlib.AbstractContextManager[Any]:
    """The fork server held across the four stages, asked (where the tree can) to load the
    analysis's and the comparison's models when the first pool (the ingest's) starts it, as a
    script that ingests, analyses and compares in one scope does; an older tree's as it is."""
    shared = getattr(corpus, "shared_workers", None)
    if shared is None:
        return contextlib.nullcontext()
    held: contextlib.AbstractContextManager[Any]
    if "compare" in inspect.signature(shared).parameters:
        held = shared(analyze=True, compare=True)
    else:
        held = shared()
    return held


def _parallax(paths: list[str], db: str, workers: int | None, pipe: Connection) -> None:
    """Child process: run the four stages on a fresh store; send their figures and the texts."""
    from parallax.corpus import Corpus

    figures: dict[str, dict[str, float]] = {}
    phases: dict[str, float] = {}
    watch = PeakWatch()
    with Corpus(db) as corpus, _shared_workers(corpus):
        steps: dict[str, Callable[[], object]] = {
            "ingest": lambda: corpus.ingest(paths),
            "analyze": lambda: corpus.analyze(workers=workers),
            "group": corpus.group_stories,
            "compare": lambda: corpus.compare_stories(workers=workers),
        }
        for name, step in steps.items():
            wall, cpu, thread = time.perf_counter(), _cpu(), time.thread_time()
            with _analyze_phases(phases) if name == "analyze" else contextlib.nullcontext():
                step()
            figures[name] = {"seconds": time.perf_counter() - wall, "cpu": _cpu() - cpu}
            if name == "group":  # its other threads: MiniLM's session and runs (timelines)
                phases["group main thread cpu"] = time.thread_time() - thread
                phases["group cpu"] = figures[name]["cpu"]
                if hasattr(corpus, "embed_for_pages"):  # what analyze --no-compare adds
                    figures[PAGE_VECTORS] = _page_vectors(corpus, workers)
        texts = [a.text for a in corpus.articles.each() if a.duplicate_of is None]
        stories = corpus.stories.count()
    largest_worker = max(watch.stop(), _peak_mib(resource.RUSAGE_CHILDREN))
    pipe.send((figures, texts, stories, (_peak_mib(), largest_worker), phases))


def _spacy(texts: list[str], model: str, pipe: Connection) -> None:
    """Child process: plain spaCy over the same texts, the model's load timed as Parallax's is."""
    wall, cpu = time.perf_counter(), _cpu()
    import spacy

    nlp = spacy.load(model)
    count = sum(1 for _ in nlp.pipe(texts))
    pipe.send((count, time.perf_counter() - wall, _cpu() - cpu, _peak_mib()))


def _nothing() -> int:
    return os.getpid()


def _startup(model: str, pipe: Connection) -> None:
    """Child process: the CPU and wall seconds of two pools of one analyze worker in turn, each
    loading ``model`` (or, from a fork server that loaded it, inheriting it) and doing
    nothing; the largest worker's peak RSS."""
    from concurrent.futures import ProcessPoolExecutor

    from parallax.runners import local

    # The pools of one command share the fork server (runners.forkserver; an older tree keeps
    # it for the process's life, or spawns its workers): measure what the tree does.
    try:
        from parallax.runners import forkserver
    except ImportError:
        forkserver = None  # type: ignore[assignment]
    figures, watch = [], PeakWatch()
    # As analyze_local asks, where the tree has it: the server loads the pipeline once.
    request = getattr(forkserver, "spacy_request", None)
    warm = {"warm": (request(model),)} if request else {}
    with forkserver.held() if forkserver else contextlib.nullcontext():
        for _ in range(2):
            wall, cpu = time.perf_counter(), _cpu()
            with (
                forkserver.pool(local.PRELOAD, **warm) if forkserver
                else contextlib.nullcontext(getattr(
                    local, "pool_context", lambda: multiprocessing.get_context("spawn"))())
            ) as context, ProcessPoolExecutor(
                1, mp_context=context, initializer=local._start_pool_worker,
                initargs=(local._start_nlp, (model,), minilm_int8_chosen()),
            ) as pool:  # fmt: skip
                pool.submit(_nothing).result()
            figures.append((time.perf_counter() - wall, _cpu() - cpu))
    pipe.send((figures, max(watch.stop(), _peak_mib(resource.RUSAGE_CHILDREN))))


def _in_child(target: Callable[..., None], *args: object) -> Any:
    """Run ``target(*args, pipe)`` in a spawned process; return what it sends on the pipe."""
    context = multiprocessing.get_context("spawn")
    parent, child = context.Pipe()
    process = context.Process(target=target, args=(*args, child))
    process.start()
    child.close()  # this process's end: recv ends when the child does, never waits forever
    try:
        result = parent.recv()
    except EOFError:
        process.join()
        raise SystemExit(
            f"benchmarks.e2e: the child process running {target.__name__} ended (exit code "
            f"{process.exitcode}) before it sent its figures; its error is printed above"
        ) from None
    process.join()
    return result


def main(argv: list[str] | None = None) -> None:
    """Build the corpus, time the stages and the baseline, print the table and the ratios."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, required=True, help="The shared data folder")
    parser.add_argument("--articles", type=int, default=300, help="Corpus size (round robin)")
    parser.add_argument("--model", default=DEFAULT_MODEL, help="spaCy pipeline of the baseline")
    parser.add_argument(
        "--workers",
        type=int,
        default=None,
        help="analyze's and compare's processes (default: one per CPU)",
    )
    parser.add_argument(
        "--sources",
        default=None,
        help="name[:N],... of the sources to take in turn, each capped at N "
        f"(default: all of {', '.join(SOURCES)}); '{ISSUE_18_SOURCES}' with --articles 273 "
        "is the corpus issue #18 was measured on",
    )
    args = parser.parse_args(argv)
    try:
        sources = parse_sources(args.sources) if args.sources is not None else None
    except ValueError as error:
        parser.error(f"--sources: {error}")
    items = corpus_items(args.data, args.articles, sources)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        paths = write_corpus(items, folder)
        figures, texts, stories, peak, phases = _in_child(
            _parallax, paths, str(Path(tmp) / "e2e.db"), args.workers
        )
    count, spacy_seconds, spacy_cpu, spacy_peak = _in_child(_spacy, texts, args.model)
    startup, worker_peak = _in_child(_startup, args.model)
    by_source: dict[str, int] = {}
    for item in items:
        by_source[item.source] = by_source.get(item.source, 0) + 1
    stored = len(texts)
    print(f"{len(items)} input articles ({', '.join(f'{k} {v}' for k, v in by_source.items())})")
    mean_chars = sum(map(len, texts)) / stored
    print(f"{stored} stored (not duplicates), {stories} stories, {mean_chars:.0f} chars each")
    print(f"{'stage':32} {'seconds':>8} {'art/s':>8} {'CPU s/art':>10} {'× spaCy':>8}")
    base_rate = count / spacy_seconds
    rows = [(name, values["seconds"], values["cpu"]) for name, values in figures.items()]
    nlp_stages = ["analyze", "group", *([PAGE_VECTORS] if PAGE_VECTORS in figures else [])]
    pages = figures.pop(PAGE_VECTORS, None)  # not in the end to end run (compare_stories)
    rows.append(
        (
            "analyze --no-compare",
            sum(({PAGE_VECTORS: pages} | figures)[n]["seconds"] for n in nlp_stages),
            sum(({PAGE_VECTORS: pages} | figures)[n]["cpu"] for n in nlp_stages),
        )
    )
    rows.append(
        (
            "end to end (all stages)",
            sum(v["seconds"] for v in figures.values()),
            sum(v["cpu"] for v in figures.values()),
        )
    )
    rows.append(("spacy.load + nlp.pipe (baseline)", spacy_seconds, spacy_cpu))
    for name, seconds, cpu in rows:
        rate = stored / seconds if seconds else float("inf")
        print(f"{name:32} {seconds:8.2f} {rate:8.2f} {cpu / stored:10.3f} {rate / base_rate:8.2f}")
    print(f"analyze and compare workers: {args.workers or 'one per CPU'}; CPU seconds include them")
    print(
        f"peak RSS: parallax {peak[0]:.0f} MiB (largest worker {peak[1]:.0f} MiB), "
        f"spaCy baseline {spacy_peak:.0f} MiB"
    )
    if "pieces cpu" in phases:
        print(
            "analyze phases: before the pool {before pool s:.2f} s ({before pool cpu:.2f} CPU s); "
            "pool start until every worker is ready {pool start s:.2f} s (workers' start "
            "{worker start cpu:.2f} CPU s); pieces {pieces cpu:.2f} CPU s, workers idle "
            "{worker idle s:.2f} s in all (tail {tail s:.2f} s); after the pool "
            "{after pool s:.2f} s ({after pool cpu:.2f} CPU s)".format(**phases)
        )
    if "group cpu" in phases:
        print(
            "group (stories and timelines): {group cpu:.2f} CPU s, of which its main thread "
            "{group main thread cpu:.2f} (the rest on other threads, beside it)".format(**phases)
        )
    (first_wall, first_cpu), (second_wall, second_cpu) = startup
    print(
        f"analyze worker start-up (a pool of one that loads {args.model}): first pool "
        f"{first_cpu:.2f} CPU s ({first_wall:.2f} s), a later one {second_cpu:.2f} CPU s "
        f"({second_wall:.2f} s); worker peak RSS {worker_peak:.0f} MiB"
    )


if __name__ == "__main__":
    main()
