"""Throughput of ``parallax run`` with 1 and 2 workers, per engine, and of ``parallax load``.

The corpus replays real articles: the ScrapingHub benchmark pages (``--aeb DIR``, gzip HTML)
as CC-NEWS-shaped WARC files, and optionally the seed articles (``--seeds DIR``) as JSON Lines,
each replay under a new URL so every article gets its own id. Each case writes shards into a
fresh directory; the ratio of 2 workers to 1 is measured in the same run.

Two rates are printed: wall (articles over the whole run, start-up included: process spawn or
Ray start, then the spaCy load in every worker) and busy (articles over the busiest worker's
summed per-source time, the steady state a long run approaches). ``cpu ms/a`` is the workers'
CPU time per article, ``balance`` how evenly that CPU work divides among the workers (1.0:
evenly; the speed-up free cores would give is workers × balance), ``cores`` the CPU time the
workers got per second of wall time: on a machine shared with other work it shows how many
cores the run really had. The per-article CPU cost gives the cluster estimate in docs/scale.md.

Usage: python -m benchmarks.runners --aeb ../shared/data/article-extraction/scrapinghub-aeb
       [--seeds src/parallax/examples/seeds] [--articles 1200] [--per-file 40]
       [--engines local,ray] [--workers 1,2] [--repeat 3]

With ``--repeat N`` every case runs N times, the worker counts in alternating order (1, 2, then
2, 1, ...), so a machine that drifts faster or slower during the run (a shared VM does, by 40%
over hours) does not favour one count; the ratio is computed per repeat and the median reported
with the range.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import re
import statistics
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from parallax.config import Settings
from parallax.corpus import Corpus
from parallax.runners import write_shards
from parallax.runners.layout import LEDGER, read_jsonl
from parallax.runners.load import load_entries
from parallax.stages.sinks import StoreSink

CC_NEWS_DAY = 380_000  # articles in one day of CC-NEWS (order of magnitude)


def pages(aeb: Path) -> list[tuple[str, bytes]]:
    """Return (url, html) for the benchmark's pages, with their ground-truth URLs."""
    truth = json.loads((aeb / "ground-truth.json").read_text())
    found = []
    for path in sorted((aeb / "html").glob("*.html.gz")):
        page_id = path.name.removesuffix(".html.gz")
        url = truth.get(page_id, {}).get("url") or f"https://aeb.example/{page_id}"
        found.append((url, gzip.decompress(path.read_bytes())))
    return found


# A page's canonical link (or og:url, or its URL in other metadata) names the article and wins
# over the fetched URL; the replays drop or rewrite them, so each replay is a new article.
_CANONICAL = re.compile(
    rb"<link[^>]*rel=[\"']?canonical[^>]*>|<meta[^>]*property=[\"']?og:url[^>]*>", re.I
)


def replayed(url: str, replay: int) -> str:
    """Return ``url`` moved to a host of its own per replay (a new article id)."""
    parts = urlsplit(url)
    return f"https://r{replay}.{parts.netloc or 'example.org'}{parts.path or '/'}"


def write_warcs(items: Iterator[tuple[str, bytes]], out: Path, *, count: int, per_file: int) -> int:
    """Write ``count`` pages as gzip WARC response records, ``per_file`` per file."""
    written = 0
    while written < count:
        with (out / f"replay-{written // per_file:05d}.warc.gz").open("wb") as handle:
            writer = WARCWriter(handle, gzip=True)
            for _ in range(min(per_file, count - written)):
                url, html = next(items)
                headers = StatusAndHeaders(
                    "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
                )
                record = writer.create_warc_record(
                    url, "response", payload=io.BytesIO(html), length=len(html),
                    http_headers=headers,
                )  # fmt: skip
                writer.write_record(record)
                written += 1
    return written


def build(args: argparse.Namespace, root: Path) -> Path:
    """Write the replay corpus under ``root``; return its directory."""
    data = root / "corpus"
    data.mkdir()
    pool = pages(args.aeb)
    seeds = sorted(args.seeds.glob("*.txt")) if args.seeds else []
    share = len(seeds) / (len(pool) + len(seeds)) if seeds else 0.0
    html_count = round(args.articles * (1 - share))

    def stream() -> Iterator[tuple[str, bytes]]:
        replay = 0
        while True:
            for url, html in pool:
                new = replayed(url, replay)
                yield new, _CANONICAL.sub(b"", html).replace(url.encode(), new.encode())
            replay += 1

    write_warcs(stream(), data, count=html_count, per_file=args.per_file)
    if seeds:
        lines = []
        for number in range(args.articles - html_count):
            seed = seeds[number % len(seeds)]
            text = seed.read_text(encoding="utf-8")
            lines.append(
                json.dumps({"url": f"https://seed{number}.example/{seed.stem}", "text": text})
            )
        for start in range(0, len(lines), args.per_file):
            chunk = lines[start : start + args.per_file]
            (data / f"seeds-{start // args.per_file:05d}.jsonl").write_text("\n".join(chunk) + "\n")
    return data


def measure(data: Path, out: Path, engine: str, workers: int) -> dict[str, float]:
    """Run one case; return its counts, rates and memory."""
    start = time.perf_counter()
    report = write_shards([str(data)], out, engine=engine, workers=workers, settings=Settings())
    wall = time.perf_counter() - start
    busy: dict[int, float] = defaultdict(float)
    cpu: dict[int, float] = defaultdict(float)
    for line in read_jsonl(out / LEDGER):
        busy[int(line["worker"])] += float(line["seconds"])
        cpu[int(line["worker"])] += float(line["cpu_seconds"])
    busiest = max(busy.values())
    return {
        # 1.0 when every worker did the same CPU work: the speed-up free cores would give
        "balance": sum(cpu.values()) / (workers * max(cpu.values())),
        "load": os.getloadavg()[0],
        # CPU time the workers got per second of wall time: what the machine gave this run
        "cores": sum(cpu.values()) / wall,
        "articles": report.articles,
        "wall": wall,
        "wall_rate": report.articles / wall,
        "busy_rate": report.articles / busiest,
        "cost_ms": 1000 * sum(cpu.values()) / report.articles,
        "peak_mb": max(report.worker_peak_mb),
        "workers_seen": len(busy),
    }


def load_phases(out: Path, db: Path) -> dict[str, float]:
    """Time the phases of ``Corpus.load_shards`` one by one; return articles/s for each."""
    rates: dict[str, float] = {}
    with Corpus(db, settings=Settings(db=str(db))) as corpus:
        store = corpus.store
        start = time.perf_counter()
        sink = StoreSink(  # as Corpus.load_shards builds it
            store, run_id=store.start_run("load"),
            duplicate_threshold=corpus.settings.duplicate_threshold,
        )  # fmt: skip
        loaded = load_entries(store, out, version=corpus.analysis_version(), sink=sink)
        articles = loaded.counts["articles"]
        rates["shards into the store"] = articles / (time.perf_counter() - start)
        start = time.perf_counter()
        corpus.analyze()  # nothing left to analyse: the corpus-wide entity merge
        rates["entity merge"] = articles / (time.perf_counter() - start)
        start = time.perf_counter()
        corpus.group_stories()
        rates["story grouping"] = articles / (time.perf_counter() - start)
    return rates


COLUMNS = (
    ("articles", "articles", "8.0f"), ("wall", "wall s", "7.1f"), ("wall_rate", "wall a/s", "8.1f"),
    ("busy_rate", "busy a/s", "8.1f"), ("cost_ms", "cpu ms/a", "8.1f"),
    ("balance", "balance", "7.2f"), ("cores", "cores", "5.2f"), ("peak_mb", "peak MiB", "8.0f"),
    ("load", "load avg", "8.1f"),
)  # fmt: skip
HEADER = f"{'engine':6} {'workers':>7} " + " ".join(
    f"{title:>{int(spec.split('.')[0])}}" for _, title, spec in COLUMNS
)


def row(engine: str, workers: int, result: dict[str, float]) -> str:
    """Format one case as a line of the table."""
    cells = " ".join(f"{result[key]:{spec}}" for key, _, spec in COLUMNS)
    return f"{engine:6} {workers:7d} {cells}"


def main(argv: list[str] | None = None) -> None:
    """Build the corpus, run every case, print the table, the ratios and the estimate."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--aeb", type=Path, required=True, help="ScrapingHub benchmark folder")
    parser.add_argument("--seeds", type=Path, help="Folder of seed .txt articles to replay too")
    parser.add_argument("--articles", type=int, default=1200, help="Articles in the corpus")
    parser.add_argument("--per-file", type=int, default=40, help="Articles per source file")
    parser.add_argument("--engines", default="local,ray", help="Comma-separated engines")
    parser.add_argument("--workers", default="1,2", help="Comma-separated worker counts")
    parser.add_argument("--repeat", type=int, default=1, help="Runs of every case (median ratio)")
    args = parser.parse_args(argv)
    engines = args.engines.split(",")
    counts = [int(value) for value in args.workers.split(",")]
    with tempfile.TemporaryDirectory(prefix="parallax-bench-") as scratch:
        root = Path(scratch)
        data = build(args, root)
        files = len(list(data.iterdir()))
        print(f"corpus: {args.articles} articles in {files} files ({args.per_file} per file)")
        print(HEADER)
        runs: dict[tuple[str, int], list[dict[str, float]]] = defaultdict(list)
        for repeat in range(max(1, args.repeat)):
            for engine in engines:
                for workers in counts if repeat % 2 == 0 else counts[::-1]:
                    out = root / f"out-{engine}-{workers}-{repeat}"
                    result = measure(data, out, engine, workers)
                    runs[(engine, workers)].append(result)
                    print(row(engine, workers, result), flush=True)
        low, high = min(counts), max(counts)
        for engine in engines:
            for rate in ("wall_rate", "busy_rate"):
                ratios = [
                    two[rate] / one[rate]
                    for one, two in zip(runs[(engine, low)], runs[(engine, high)], strict=True)
                ]
                name = rate.removesuffix("_rate")
                middle = statistics.median(ratios)
                line = f"{engine}: {high} vs {low} workers, {name}: {middle:.2f}x"
                if len(ratios) > 1:
                    line += f" (range {min(ratios):.2f}-{max(ratios):.2f}, {len(ratios)} runs)"
                print(line)
        phases = load_phases(root / f"out-{engines[0]}-{low}-0", root / "bench.db")
        print("parallax load, per phase: " + ", ".join(
            f"{name} {rate:.0f} articles/s" for name, rate in phases.items()))  # fmt: skip
        load_rate = 1 / sum(1 / rate for rate in phases.values())
        cost = statistics.median(found["cost_ms"] for found in runs[(engines[0], low)]) / 1000
        cores = CC_NEWS_DAY * cost / 3600
        hours = CC_NEWS_DAY / load_rate / 3600
        print(f"one CC-NEWS day ({CC_NEWS_DAY} articles) in one hour: {cores:.0f} worker cores "
              f"at {cost * 1000:.0f} CPU ms per article; load alone {hours:.1f} h")  # fmt: skip


if __name__ == "__main__":
    main()
