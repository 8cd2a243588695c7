"""Serving under load: p50/p99 latency and errors of the web pages with concurrent clients.

``parallax serve`` runs in a subprocess on loopback over a generated corpus of at least 10,000
articles; for each endpoint, N clients (default 50) each keep one HTTP/1.1 connection and send
the next request as soon as the last one is answered, for a fixed time. The endpoints are the
story page (coverage chart, timeline, outlet columns), the stories list and the articles list
(pages at random depths, reached with real cursors), an analysed article page (highlighted
text and panels) and search (a set of queries). The baseline, measured in the same run
against the same server, is the static stylesheet; each page is printed as a ratio to it.
Before each load, every distinct path of the endpoint (up to 100) is fetched once by one
client: the "cold" columns are those first answers, made from the store rather than from the
server's caches. After each table, the server process's peak and current resident memory
(``VmHWM`` and ``VmRSS`` from ``/proc``).

The corpus: the bundled seeds and the test inputs (dated text, JSON Lines, three real HTML pages)
are ingested, their cleaned text is cut into sentences, and articles are generated from random
runs of those sentences under the real outlets' domains, with shifted URLs and dates; the first
``--analysed`` of them are run through the NLP stage (the article page requests only those), the
rest are stored without analysis; then every article is grouped into stories. Beyond
``--base`` articles (2,000 by default) the rest are replays of those, with their analyses and
story embeddings copied (:mod:`benchmarks.serve_corpus` says what such a corpus is and is not):
100,000 articles in minutes rather than hours. ``--corpus DIR`` keeps the corpus for the next
run.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import quote

from parallax.config import Settings
from parallax.corpus import Corpus
from parallax.runners.local import default_workers

ROOT = Path(__file__).resolve().parents[1]
INPUTS = (
    ROOT / "src" / "parallax" / "examples" / "seeds",
    ROOT / "tests" / "fixtures" / "jsonl" / "articles.jsonl",
    ROOT / "tests" / "fixtures" / "jsonl" / "pages.jsonl",
    ROOT / "tests" / "fixtures" / "html" / "aeb" / "html",
)
SEARCHES = (
    "Ukraine", "chemical weapons", "ceasefire", "Patriot", "Medvedev", "teachers",
    "Trump Putin", "air defence", "negotiations", "drones", "WeWork attorney", "Kyiv",
)  # fmt: skip
_SENTENCE = re.compile(r"(?<=[.!?”\"])\s+(?=[A-Z“\"])")


def sentence_pool(db: Path) -> list[str]:
    """Ingest the real inputs into ``db`` and return their distinct sentences."""
    with Corpus(db, settings=Settings()) as corpus:
        corpus.ingest([str(path) for path in INPUTS])
        texts = [article.text for article in corpus.articles.list()]
    sentences = {s.strip() for text in texts for s in _SENTENCE.split(text)}
    return sorted(s for s in sentences if 40 <= len(s) <= 400 and "\n" not in s)


def outlet_domains() -> list[str]:
    """The first domain of every outlet in the packaged registry."""
    with Corpus(":memory:", settings=Settings()) as corpus:
        return sorted(
            outlet.domains[0] for outlet in corpus.outlets.registry.all() if outlet.domains
        )


def generate(
    pool: list[str], domains: list[str], count: int, seed: int, *, days: int = 730
) -> list[dict[str, str]]:
    """Return ``count`` article records built from random runs of real sentences, dated over
    ``days`` days from 2024-01-01."""
    rng = random.Random(seed)
    start = date(2024, 1, 1)
    records = []
    for number in range(count):
        chosen = rng.sample(pool, rng.randint(12, 30))
        paragraphs = [" ".join(chosen[i : i + 3]) for i in range(0, len(chosen), 3)]
        published = start + timedelta(days=(number * 7919) % days)
        slug = re.sub(r"[^a-z0-9]+", "-", chosen[0].lower())[:60].strip("-")
        domain = domains[number % len(domains)]
        records.append(
            {
                "url": f"https://{domain}/bench/{published:%Y/%m/%d}/{number}-{slug}",
                "title": chosen[0][:120],
                "published": published.isoformat(),
                "text": "\n\n".join(paragraphs),
            }
        )
    return records


def build_corpus(folder: Path, *, articles: int, analysed: int, seed: int, base: int = 0) -> Path:
    """Build (or reuse) the benchmark corpus in ``folder``; return the database path.

    With ``base`` under ``articles``, only ``base`` articles are generated and the rest are
    replays of them (:mod:`benchmarks.serve_corpus`)."""
    db = folder / "bench.db"
    if db.exists():
        with Corpus(db, settings=Settings()) as corpus:
            if corpus.articles.count() >= articles:
                # A corpus grouped by an older version has no stored timelines: store them
                # as grouping now does (a no-op when they are current).
                timelines = corpus.stories.store_timelines(threads=default_workers())
                count = corpus.articles.count()
                print(f"reusing {db} ({count:,} articles; {timelines} story timelines stored)")
                return db
    if 0 < base < articles:
        from benchmarks.serve_corpus import build_replayed, describe

        db, built = build_replayed(
            folder, articles=articles, base=base, analysed=analysed, seed=seed
        )
        print(describe(db, built))
        return db
    started = time.perf_counter()
    pool = sentence_pool(folder / "sources.db")
    records = generate(pool, outlet_domains(), articles, seed)
    hot, rest = folder / "hot.jsonl", folder / "rest.jsonl"
    for path, part in ((hot, records[:analysed]), (rest, records[analysed:])):
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in part), "utf-8")
    # Sentences recur across generated articles, so near-duplicate detection stays on (as in
    # real use) but rarely links two; the threshold is the default.
    with Corpus(db, settings=Settings()) as corpus:
        corpus.ingest([str(hot)])
        report = corpus.analyze()
        ingested = corpus.ingest([str(rest)])
        grouped = corpus.group_stories()
        total = corpus.articles.count()
    seconds = time.perf_counter() - started
    print(
        f"built {db}: {total:,} articles from {len(pool)} real sentences and "
        f"{len(set(domains_of(records)))} outlet domains, {report.analyzed} analysed, "
        f"{ingested.duplicates} linked as near-duplicates, {grouped.stories:,} stories, "
        f"in {seconds:.0f} s"
    )
    return db


def domains_of(records: list[dict[str, str]]) -> list[str]:
    return [record["url"].split("/")[2] for record in records]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def start_server(db: Path, port: int, log: Path, workers: int) -> subprocess.Popen[bytes]:
    """Start ``parallax serve`` on loopback and wait until it answers."""
    command = [sys.executable, "-m", "parallax", "serve", "--db", str(db), "--port", str(port)]
    command += ["--workers", str(workers)]
    with log.open("wb") as out:
        server = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 120
    while True:
        if server.poll() is not None:
            raise SystemExit(f"parallax serve exited: {log.read_text()}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/articles?limit=1", timeout=5):
                return server
        except OSError:
            if time.monotonic() > deadline:
                server.terminate()
                raise SystemExit("parallax serve did not start in 120 s") from None
            time.sleep(0.2)


def get_json(port: int, path: str) -> dict[str, object]:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=30) as response:
        result: dict[str, object] = json.load(response)
        return result


def list_paths(port: int, pages: int) -> list[str]:
    """The first ``pages`` pages of the articles list, each by the cursor the API gives."""
    paths, cursor = ["/articles"], None
    for _ in range(pages - 1):
        body = get_json(port, "/api/articles?limit=50" + (f"&cursor={cursor}" if cursor else ""))
        cursor = body["next_cursor"]
        if not cursor:
            break
        paths.append(f"/articles?cursor={cursor}")
    return paths


def story_list_paths(port: int, pages: int) -> list[str]:
    """The first ``pages`` pages of the stories list, each by the cursor the API gives."""
    paths, cursor = ["/stories"], None
    for _ in range(pages - 1):
        body = get_json(port, "/api/stories?limit=50" + (f"&cursor={cursor}" if cursor else ""))
        cursor = body["next_cursor"]
        if not cursor:
            break
        paths.append(f"/stories?cursor={cursor}")
    return paths


def story_paths(db: Path, count: int) -> list[str]:
    """The pages of the ``count`` stories with most articles (the costliest to make)."""
    with Corpus(db, settings=Settings()) as corpus:
        found = sorted(corpus.stories.list(), key=lambda story: -len(story.article_ids))[:count]
    return [f"/stories/{story.id}" for story in found]


def article_paths(db: Path) -> list[str]:
    """The pages of the analysed articles."""
    with Corpus(db, settings=Settings()) as corpus:
        rows = corpus.store.connection.execute("SELECT article_id FROM analyses").fetchall()
    return [f"/articles/{row[0]}" for row in rows]


@dataclass
class Result:
    """What one endpoint's run measured."""

    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    seconds: float = 0.0
    cold: list[float] = field(default_factory=list)
    sent: int = 0  # every request, warm-up included
    settled: tuple[int, int, float] | None = None  # story pages asked for, whole, seconds
    settle_cpu: float = 0.0  # the server's CPU seconds while they settled


async def _request(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, path: str, timeout: float
) -> int:
    """Send one GET on a kept-alive connection, read the whole response, return its status."""
    writer.write(
        f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/html\r\n\r\n".encode("ascii")
    )
    head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), timeout)
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines)}
    if headers.get("transfer-encoding", "").lower() == "chunked":
        while size := int((await reader.readuntil(b"\r\n")).strip(), 16):
            await reader.readexactly(size + 2)
        await reader.readuntil(b"\r\n")
    else:
        await asyncio.wait_for(reader.readexactly(int(headers.get("content-length", 0))), timeout)
    return status


async def _client(
    port: int, paths: list[str], rng: random.Random, until: float, measure_from: float, out: Result
) -> None:
    connection = None
    while time.perf_counter() < until:
        path = rng.choice(paths)
        started = time.perf_counter()
        try:
            if connection is None:
                connection = await asyncio.open_connection("127.0.0.1", port)
            status = await _request(*connection, path, timeout=30)
        except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, TimeoutError):
            status = 0
            if connection is not None:
                connection[1].close()
            connection = None
        out.sent += 1
        if started >= measure_from:
            out.latencies.append(time.perf_counter() - started)
            out.errors += status != 200
    if connection is not None:
        connection[1].close()


async def settle_pages(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, paths: list[str], limit: float
) -> tuple[int, int, float]:
    """Wait until every story page among ``paths`` is whole: ask for each one's body
    (``/stories/{id}/body``, ``202`` while its comparison is being computed, which also starts
    a job for a page that has none) once a second, up to ``limit`` seconds. Return the pages
    asked for, those whole at the end, and the seconds it took: the load then measures the
    pages a reader sees once each has been viewed, not the server computing comparisons."""
    pending = [path for path in paths if path.startswith("/stories/")]
    asked, started = len(pending), time.perf_counter()
    while pending and time.perf_counter() - started < limit:
        waiting = []
        for path in pending:
            if await _request(reader, writer, f"{path}/body", timeout=60) == 202:
                waiting.append(path)
        pending = waiting
        if pending:
            await asyncio.sleep(1)
    return asked, asked - len(pending), time.perf_counter() - started


async def load(
    port: int,
    paths: list[str],
    *,
    clients: int,
    seconds: float,
    warmup: float,
    seed: int,
    settle: float = 0,
    pid: int = 0,
) -> Result:
    """Run ``clients`` closed-loop clients over ``paths``; measure after ``warmup`` seconds
    (and, with ``settle``, after every story page among them is whole: :func:`settle_pages`)."""
    result = Result()
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    for path in sorted(set(paths))[:100]:  # first answers, one client: made from the store
        started = time.perf_counter()
        status = await _request(reader, writer, path, timeout=60)
        result.cold.append(time.perf_counter() - started)
        result.errors += status != 200
    if settle > 0:
        before = server_cpu(pid)
        result.settled = await settle_pages(reader, writer, sorted(set(paths))[:100], settle)
        result.settle_cpu = server_cpu(pid) - before
    writer.close()
    begin = time.perf_counter()
    measure_from, until = begin + warmup, begin + warmup + seconds
    await asyncio.gather(
        *(
            _client(port, paths, random.Random(seed + n), until, measure_from, result)
            for n in range(clients)
        )
    )
    result.seconds = seconds
    return result


def percentile(values: list[float], fraction: float) -> float:
    """The ``fraction`` quantile (nearest rank) of ``values``, in milliseconds."""
    ordered = sorted(values)
    return 1000 * ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else 0.0


def main(argv: list[str] | None = None) -> None:
    """Build the corpus, start the server, load each endpoint, print the table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=10_000, help="corpus size")
    parser.add_argument("--analysed", type=int, default=200, help="articles run through NLP")
    parser.add_argument(
        "--base",
        type=int,
        default=2000,
        help="articles generated; the rest are replays of them with shifted dates "
        "(benchmarks.serve_corpus; 0: generate every article)",
    )
    parser.add_argument("--clients", default="50", help="concurrent clients, e.g. 1,50")
    parser.add_argument("--seconds", type=float, default=20, help="measured time per endpoint")
    parser.add_argument("--warmup", type=float, default=2, help="unmeasured time first")
    parser.add_argument("--corpus", type=Path, help="keep the corpus in this folder")
    parser.add_argument("--workers", type=int, default=1, help="parallax serve --workers")
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument(
        "--settle",
        type=float,
        default=0,
        help="after the first answers, wait up to this many seconds until every story page "
        "is whole (its comparison computed by the server's jobs) before the load; 0: do not "
        "wait, so the load runs beside the comparisons that the first views started",
    )
    parser.add_argument(
        "--only", help="load only the endpoints whose name contains this (e.g. 'story page')"
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="parallax-bench-") as scratch:
        folder = args.corpus or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        db = build_corpus(
            folder, articles=args.articles, analysed=args.analysed, seed=args.seed, base=args.base
        )
        port = free_port()
        server = start_server(db, port, Path(scratch) / "serve.log", args.workers)
        try:
            cases = [
                ("static /static/parallax.css (baseline)", ["/static/parallax.css"]),
                ("story page /stories/{id} (100 largest)", story_paths(db, 100)),
                ("stories list /stories (all pages)", story_list_paths(port, 100)),
                ("search /search?q= (12 queries)", [f"/search?q={quote(q)}" for q in SEARCHES]),
                ("article page /articles/{id} (analysed)", article_paths(db)),
                ("articles list /articles (100 pages)", list_paths(port, 100)),
            ]
            if args.only:  # the baseline stays: every page is printed as a ratio to it
                cases = cases[:1] + [case for case in cases[1:] if args.only in case[0]]
            print(
                f"{platform.python_implementation()} {platform.python_version()}, "
                f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}; parallax serve "
                f"--workers {args.workers} (uvicorn) on 127.0.0.1; "
                f"{args.seconds:g} s per endpoint after {args.warmup:g} s warm-up"
            )
            for clients in (int(c) for c in args.clients.split(",")):
                run(port, cases, clients, args, server.pid)
        finally:
            server.terminate()
            server.wait(timeout=10)


def server_cpu(pid: int) -> float:
    """CPU seconds (user and system) the server process has used so far; 0 where ``/proc``
    cannot tell (with ``--workers`` above 1 its workers' time is not in it)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def server_memory(pid: int) -> tuple[float, float]:
    """The server process's peak and current resident memory in MB (``VmHWM``, ``VmRSS``);
    0 where ``/proc`` cannot tell (with ``--workers`` above 1 its workers' memory is not in it)."""
    try:
        lines = Path(f"/proc/{pid}/status").read_text().splitlines()
    except OSError:
        return 0.0, 0.0
    kb = {
        key: int(value.split()[0])
        for key, _, value in (line.partition(":") for line in lines)
        if key in ("VmHWM", "VmRSS")
    }
    return kb.get("VmHWM", 0) / 1024, kb.get("VmRSS", 0) / 1024


def run(
    port: int,
    cases: list[tuple[str, list[str]]],
    clients: int,
    args: argparse.Namespace,
    pid: int,
) -> None:
    """Load every case with ``clients`` clients and print one table; ``cpu ms`` is the
    server's CPU time per answered request, cold answers and warm-up included (a figure a
    loaded machine changes less than wall time)."""
    print(f"\n{clients} concurrent client{'s' if clients > 1 else ''}")
    header = f"{'endpoint':42} {'requests':>8} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>7}"
    print(
        f"{header} {'max ms':>7} {'errors':>6} {'p50 ×':>6} {'p99 ×':>6} "
        f"{'cold p50':>8} {'cold max':>8} {'cpu ms':>7}"
    )
    base: tuple[float, float] | None = None
    for name, paths in cases:
        cpu_before = server_cpu(pid)
        result = asyncio.run(
            load(
                port,
                paths,
                clients=clients,
                seconds=args.seconds,
                warmup=args.warmup,
                seed=args.seed,
                settle=args.settle,
                pid=pid,
            )
        )
        p50, p99 = percentile(result.latencies, 0.5), percentile(result.latencies, 0.99)
        base = base or (p50, p99)
        count = len(result.latencies)
        cpu = server_cpu(pid) - cpu_before - result.settle_cpu
        cpu_ms = 1000 * cpu / max(1, result.sent + len(result.cold))
        print(
            f"{name:42} {count:8d} {count / result.seconds:7.0f} {p50:7.1f} {p99:7.1f} "
            f"{1000 * max(result.latencies, default=0):7.1f} {result.errors:6d} "
            f"{p50 / base[0]:6.1f} {p99 / base[1]:6.1f} "
            f"{percentile(result.cold, 0.5):8.1f} {1000 * max(result.cold, default=0):8.1f} "
            f"{cpu_ms:7.2f}"
        )
        if result.settled and result.settled[0]:
            asked, whole, seconds = result.settled
            print(
                f"{'':42} {whole} of {asked} story pages whole after {seconds:.1f} s "
                f"(the comparisons the first views started: {result.settle_cpu:.1f} server "
                "CPU s, not in cpu ms)"
            )
    peak, now = server_memory(pid)
    print(f"server memory: peak RSS {peak:,.0f} MB, RSS now {now:,.0f} MB")


if __name__ == "__main__":
    main()
