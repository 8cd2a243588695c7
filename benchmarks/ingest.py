"""Ingest throughput (articles/s) for text, HTML and WARC against trafilatura alone.

The baseline is ``trafilatura.extract`` over the same HTML pages, timed in the same run; each
Parallax ingest (read, extract, clean, identify, resolve outlet, fingerprint, store in SQLite)
is printed as a ratio to it. Data: the ScrapingHub benchmark's pages (``--aeb DIR``).
HTML and WARC ingest run with one process and with ``--workers N`` (``parallax ingest
--workers``); CPU seconds count the worker processes too. These run in this process, which
the earlier cases have warmed (its libraries imported, the language model loaded); the
``parallax ingest`` command cases start a new process, as a user's command does, and count
its start. ``--only TEXT`` runs only the cases whose name holds TEXT (and the baseline).
``--compare-src DIR`` runs the command cases a second time with the package in DIR (another
checkout's ``src``: main's, say) first on ``PYTHONPATH``, each right after this tree's, so a
change's before and after are measured in one run against the same baseline.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import trafilatura
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from parallax.config import Settings
from parallax.corpus import Corpus


def load_pages(aeb: Path, limit: int | None) -> list[tuple[str, bytes]]:
    """Return (id, html bytes) for the benchmark's pages."""
    files = sorted((aeb / "html").glob("*.html.gz"))[:limit]
    return [
        (path.name.removesuffix(".html.gz"), gzip.decompress(path.read_bytes())) for path in files
    ]


def cpu_seconds() -> float:
    """Return the CPU time of this process and of its finished children (worker pools)."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def timed(work: Callable[[], int], repeat: int) -> tuple[int, float, float, float]:
    """Run ``work`` ``repeat`` times; return its item count, the best wall time, the best CPU
    time (the steadier figure on a shared machine: other processes' load leaves it be) and the
    best CPU time of this process alone (what worker processes cannot share)."""
    best, best_cpu, best_own, count = float("inf"), float("inf"), float("inf"), 0
    for _ in range(repeat):
        start, start_cpu, start_own = time.perf_counter(), cpu_seconds(), time.process_time()
        count = work()
        best = min(best, time.perf_counter() - start)
        best_cpu = min(best_cpu, cpu_seconds() - start_cpu)
        best_own = min(best_own, time.process_time() - start_own)
    return count, best, best_cpu, best_own


def write_warc(pages: list[tuple[str, bytes]], path: Path) -> None:
    """Write the pages as CC-NEWS-style gzip WARC response records."""
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        for page_id, html in pages:
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            record = writer.create_warc_record(
                f"https://bench.example/{page_id}",
                "response",
                payload=io.BytesIO(html),
                http_headers=headers,
            )
            writer.write_record(record)


def command_ingest(target: Path, db: Path, workers: int, src: Path | None = None) -> int:
    """Run ``parallax ingest`` in a new process, as a user does (with the package in ``src``
    when given); return the articles read."""
    env = os.environ | {"PARALLAX_MIN_ARTICLE_CHARS": "1"}
    if src is not None:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(src), env.get("PYTHONPATH")]))
    command = [sys.executable, "-m", "parallax", "ingest", str(target), "--db", str(db),
               "--workers", str(workers), "--json"]  # fmt: skip
    done = subprocess.run(command, env=env, capture_output=True, check=True, text=True)
    report = json.loads(done.stdout)
    return sum(row["stored"] + row["revised"] + row["unchanged"] for row in report["files"])


def run(
    aeb: Path,
    *,
    limit: int | None,
    repeat: int,
    workers: int = 2,
    copies: int = 1,
    only: str | None = None,
    compare_src: Path | None = None,
) -> list[tuple[str, int, float, float, float]]:
    """Measure every case; return (name, articles, wall seconds, CPU seconds, CPU seconds of
    this process)."""
    pages = [(f"{page_id}-{n}" if n else page_id, html)
             for n in range(copies) for page_id, html in load_pages(aeb, limit)]  # fmt: skip
    settings = Settings(min_article_chars=1)
    results: list[tuple[str, int, float, float, float]] = []

    def baseline() -> int:
        return sum(1 for _, html in pages if trafilatura.extract(html.decode("utf-8", "replace")))

    results.append(("trafilatura.extract alone (baseline)", *timed(baseline, repeat)))
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        (root / "html").mkdir()
        (root / "text").mkdir()
        for page_id, html in pages:
            (root / "html" / f"{page_id}.html").write_bytes(html)
            text = trafilatura.extract(html.decode("utf-8", "replace")) or ""
            (root / "text" / f"{page_id}.txt").write_text(
                f" date 2025-07-04\n\n{text}\n", encoding="utf-8"
            )
        write_warc(pages, root / "pages.warc.gz")
        cases = [("parallax ingest: text files", root / "text", 1)]
        for name, target in (("HTML files", root / "html"), ("WARC.gz", root / "pages.warc.gz")):
            for size in sorted({1, workers}):
                cases.append((f"parallax ingest: {name}, {size} proc", target, size))
        for name, target, size in cases:
            if only is not None and only not in name:
                continue

            def ingest(target: Path = target, size: int = size) -> int:
                with (
                    tempfile.TemporaryDirectory(dir=root) as run_dir,
                    Corpus(Path(run_dir) / "bench.db", settings=settings) as corpus,
                ):
                    report = corpus.ingest([str(target)], workers=size)
                    # A copy of a page in an HTML file is the same article: count it read.
                    return sum(row.stored + row.revised + row.unchanged for row in report.files)

            results.append((name, *timed(ingest, repeat)))
        sources = [None] if compare_src is None else [None, compare_src]
        label = "parallax ingest command: HTML files, {} proc{}"
        commands = [(label.format(size, " [compared]" if src else ""), root / "html", size, src)
                    for size in sorted({1, workers}) for src in sources]  # fmt: skip
        for name, target, size, src in commands:
            if only is None or only in name:

                def command(target: Path = target, size: int = size, src: Path | None = src) -> int:
                    with tempfile.TemporaryDirectory(dir=root) as run_dir:
                        return command_ingest(target, Path(run_dir) / "bench.db", size, src)

                results.append((name, *timed(command, repeat)))
    return results


def main(argv: list[str] | None = None) -> None:
    """Print articles/s for each case and its ratio to the baseline."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--aeb", type=Path, required=True, help="ScrapingHub benchmark folder (html/*.html.gz)"
    )
    parser.add_argument("--limit", type=int, default=None, help="Use only the first N pages")
    parser.add_argument("--repeat", type=int, default=3, help="Best of N runs")
    parser.add_argument(
        "--workers", type=int, default=2, help="Processes for the second HTML and WARC runs"
    )
    parser.add_argument("--copies", type=int, default=1, help="Each page N times (a larger input)")
    parser.add_argument("--only", default=None, help="Run only the cases whose name holds this")
    parser.add_argument(
        "--compare-src", type=Path, default=None,
        help="Run the command cases again with the package in this folder (another checkout's src)",
    )  # fmt: skip
    args = parser.parse_args(argv)
    results = run(
        args.aeb, limit=args.limit, repeat=args.repeat, workers=args.workers, copies=args.copies,
        only=args.only, compare_src=args.compare_src,
    )  # fmt: skip
    base_rate = results[0][1] / results[0][2]
    base_cpu_rate = results[0][1] / results[0][3]
    print(f"{'case':56} {'articles':>8} {'seconds':>8} {'art/s':>8} {'ratio':>6} "
          f"{'cpu_s':>7} {'cpu_ratio':>9} {'main_cpu_s':>10}")  # fmt: skip
    for name, count, seconds, cpu, own in results:
        rate = count / seconds
        print(f"{name:56} {count:8d} {seconds:8.2f} {rate:8.1f} {rate / base_rate:6.2f} "
              f"{cpu:7.2f} {count / cpu / base_cpu_rate:9.2f} {own:10.2f}")  # fmt: skip
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of the benchmark process: {peak:.0f} MiB")


if __name__ == "__main__":
    main()
