"""Peak memory of ``parallax analyze`` as the corpus grows: each process's and the machine's.

For each size N (``--sizes``, 1,000 and 2,000 articles by default) a store is built by replaying
real news bodies (FNC-1's grouped training bodies, each replay shuffled, as
``benchmarks.stories`` replays them; ``--more`` adds the distinct articles of Timeline17 or
PolNeAR folders) under the real outlets' domains, with new URLs and dates rising ``--per-day``
articles a day; then ``parallax analyze --no-compare`` (NLP with the default workers, entity
merging, then story grouping, as the CLI runs them) runs on it in a child process.

That child samples, every half second, ``/proc/PID/smaps_rollup`` of itself and of every
process under it (the fork server, the analyse workers, the resource tracker) and keeps the
peaks of RSS (every page a process maps, the pages shared copy-on-write with the fork server in
each), PSS (each shared page divided among the processes that map it: the sum over processes
is what the machine holds) and USS (a process's private pages) for the main process, the
largest other one and the sum over all of them. It also prints ``ru_maxrss`` of the main
process after the NLP stage and after grouping. CPU seconds are read from ``/proc/PID/stat``
of the same processes (the analyse workers are the fork server's children, not the main
process's, so ``RUSAGE_CHILDREN`` misses them).

``--one-run`` builds the largest size only and prints, as the NLP stage passes each size, the
peaks so far: the curve of one run (the main process's grouping comes after, in the last row).

Memory does not depend on the machine's load, only on the data, so a loaded machine measures
it as a quiet one would (the CPU seconds printed alongside do depend on it a little).

Usage: python -m benchmarks.analyze_memory [--fnc DIR] [--more DIR ...]
       [--sizes 1000,2000,5000,10000,20000] [--one-run] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from parallax.stories.features import StoryInput

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"


def bodies(fnc: Path, more: list[Path]) -> list[StoryInput]:
    """FNC-1's grouped training bodies, then the distinct articles of the ``more`` folders:
    Timeline17 topic folders (``articles.json``, detokenised) or PolNeAr (its train and dev
    folders; a folder with ``.txt`` files)."""
    from parallax.datasets.story_streams import read_fnc
    from parallax.stories.features import StoryInput

    pool = [row.item for row in read_fnc(fnc)]
    seen = {item.text.strip() for item in pool}
    for folder in more:
        for number, text in enumerate(_texts(folder)):
            if text.strip() and text.strip() not in seen:
                seen.add(text.strip())
                pool.append(
                    StoryInput(f"{folder.name}-{number}", None, None, text, None, frozenset())
                )
    return pool


def _texts(folder: Path) -> list[str]:
    from parallax.datasets.timeline17 import detokenize, read_timeline17

    if any(folder.glob("*/articles.json")) or (folder / "articles.json").is_file():
        topics = read_timeline17(folder)
        return [detokenize(article.text) for topic in topics for article in topic.articles]
    from parallax.datasets.polnear import read_polnear

    splits = [folder / split for split in ("train", "dev") if (folder / split).is_dir()]
    return [document.text for split in splits or [folder] for document in read_polnear(split)]


def records(pool: list[StoryInput], count: int, *, per_day: int, seed: int) -> list[dict[str, str]]:
    """``count`` article records replaying ``pool``'s bodies with new URLs, outlets and dates."""
    from benchmarks.serve import outlet_domains
    from benchmarks.stories import stream

    domains = outlet_domains()
    start = date(2021, 1, 1)
    found = []
    for number, item in enumerate(stream(pool, count, per_day=per_day, seed=seed)):
        published = item.published or start + timedelta(days=number // per_day)
        body = item.text.strip()
        found.append(
            {
                "url": f"https://{domains[number % len(domains)]}/memory/{number}",
                "title": body.split("\n", 1)[0][:120],
                "published": published.isoformat(),
                "text": body,
            }
        )
    return found


def build(folder: Path, rows: list[dict[str, str]]) -> Path:
    """Ingest ``rows`` into a new store in ``folder``; return its path."""
    from parallax.config import Settings
    from parallax.corpus import Corpus

    source = folder / "articles.jsonl"
    source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    db = folder / "memory.db"
    with Corpus(db, settings=Settings()) as corpus:
        corpus.ingest([str(source)])
    return db


def family(root: int) -> list[int]:
    """``root`` and every process under it (the fork server, its workers, the resource
    tracker), from ``/proc``'s parent links."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                stat = Path(f"/proc/{entry.name}/stat").read_text()
            except OSError:  # gone since the listing
                continue
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(parent, []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, ()))
    return found


def footprint(pid: int) -> dict[str, float] | None:
    """A process's resident memory now, in MB (``/proc/PID/smaps_rollup``): ``rss`` (every
    page it maps, shared ones too), ``pss`` (each shared page divided among the processes
    that map it: summed over processes, what the machine holds) and ``uss`` (its private
    pages: what ending it would free); None once it has ended."""
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return None
    kb = {}
    for line in text.splitlines()[1:]:
        name, _, rest = line.partition(":")
        kb[name] = int(rest.split()[0])
    private = kb.get("Private_Clean", 0) + kb.get("Private_Dirty", 0)
    return {"rss": kb["Rss"] / 1024, "pss": kb["Pss"] / 1024, "uss": private / 1024}


class Sampler(threading.Thread):
    """Reads the footprint of this process and of every process under it each ``every``
    seconds; keeps the peak of each figure for this process ("main"), for the largest other
    one ("worker") and for the sum over all of them ("total")."""

    def __init__(self, every: float = 0.5) -> None:
        super().__init__(name="memory-sampler", daemon=True)
        self.every = every
        self.peaks: dict[str, float] = {}
        self.lock = threading.Lock()
        self.done = threading.Event()
        self.ticks: dict[int, int] = {}  # CPU ticks of each process, as last read

    def cpu_s(self) -> float:
        """CPU seconds of this process and of every process under it, as last read (a
        process's last half second before it ended is missed)."""
        with self.lock:
            return sum(self.ticks.values()) / os.sysconf("SC_CLK_TCK")

    def sample(self) -> None:
        """Read every process once and raise the peaks."""
        me, now = os.getpid(), {}
        for pid in family(me):
            if (found := footprint(pid)) is not None:
                now[pid] = found
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            with self.lock:
                self.ticks[pid] = int(fields[11]) + int(fields[12])  # utime + stime
        with self.lock:
            for kind in ("rss", "pss", "uss"):
                values = {
                    "main": now.get(me, {}).get(kind, 0.0),
                    "worker": max((f[kind] for p, f in now.items() if p != me), default=0.0),
                    "total": sum(f[kind] for f in now.values()),
                }
                for who, value in values.items():
                    key = f"{who}_{kind}"
                    self.peaks[key] = max(self.peaks.get(key, 0.0), value)

    def run(self) -> None:
        while not self.done.wait(self.every):
            self.sample()

    def snapshot(self) -> dict[str, float]:
        """The peaks so far."""
        with self.lock:
            return dict(self.peaks)


def child(db: Path, checkpoints: list[int]) -> None:
    """Run what ``parallax analyze --no-compare`` runs on ``db`` (``Corpus.analyze`` with the
    default workers, then ``Corpus.group_stories``) in this process; print as JSON the peak
    RSS after each verb and the largest worker's (``ru_maxrss``), the sampled peaks of RSS,
    PSS and USS (:class:`Sampler`) at the end, and the sampled peaks so far as the NLP stage
    passes each of ``checkpoints`` articles (a curve from one run)."""
    from parallax.config import Settings
    from parallax.corpus import Corpus

    def peak(who: int) -> float:
        return resource.getrusage(who).ru_maxrss / 1024

    sampler = Sampler()
    sampler.start()
    curve: list[dict[str, float]] = []
    todo = sorted(checkpoints)

    def progress(done: int, total: int, label: str) -> None:
        while todo and done >= todo[0]:
            sampler.sample()
            curve.append({"articles": todo.pop(0), "cpu_s": cpu(), **sampler.snapshot()})
            print(json.dumps({"point": curve[-1]}), flush=True)  # as it passes: a long run
            # stopped early still shows its curve so far

    cpu = sampler.cpu_s
    with Corpus(db, settings=Settings()) as corpus:
        corpus.analyze(progress=progress)
        sampler.sample()
        analysed = peak(resource.RUSAGE_SELF)
        nlp_peaks = sampler.snapshot()
        corpus.group_stories()
    sampler.sample()
    sampler.done.set()
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)  # the fork server's, once it ended
    print(
        json.dumps(
            {
                "analyse_mb": analysed,
                "main_mb": peak(resource.RUSAGE_SELF),
                "worker_mb": workers.ru_maxrss / 1024,
                "cpu_s": cpu(),
                "nlp": nlp_peaks,
                "sampled": sampler.snapshot(),
                "curve": curve,
            }
        )
    )


def measure(
    db: Path, checkpoints: list[int], passed: Callable[[dict[str, Any]], None]
) -> dict[str, Any]:
    """Run :func:`child` in a new process; call ``passed`` with each point of its curve as it
    passes it; return what it printed at its end."""
    command = [sys.executable, "-m", "benchmarks.analyze_memory", "--child", str(db)]
    command += ["--checkpoints", ",".join(map(str, checkpoints))]
    with tempfile.TemporaryFile("w+") as errors:
        with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=errors, text=True) as run:
            assert run.stdout is not None
            lines = []
            for line in run.stdout:
                if line.startswith('{"point"'):
                    passed(json.loads(line)["point"])
                else:
                    lines.append(line)
        if run.returncode:
            errors.seek(0)
            raise SystemExit(f"analyze failed:\n{errors.read()[-3000:]}")
    result: dict[str, Any] = json.loads("".join(lines).strip().splitlines()[-1])
    return result


def _row(size: int, found: dict[str, Any], last: tuple[int, dict[str, Any]] | None) -> str:
    keys = ("main_pss", "worker_pss", "total_pss")
    growth = ["", "", ""]
    if last is not None:
        per = 1000 / (size - last[0])
        growth = [f"{(found[key] - last[1][key]) * per:6.1f}" for key in keys]
    return (
        f"{size:9,} {found['main_rss']:8.0f} {found['main_pss']:8.0f} {found['main_uss']:8.0f} "
        f"{found['worker_rss']:9.0f} {found['worker_pss']:9.0f} {found['worker_uss']:9.0f} "
        f"{found['total_rss']:8.0f} {found['total_pss']:8.0f} "
        + " ".join(f"{g:>6}" for g in growth)
        + f" {found['cpu_s']:7.0f}"
    )


HEADER = (
    f"{'articles':>9} {'main RSS':>8} {'main PSS':>8} {'main USS':>8} {'wrk RSS':>9} "
    f"{'wrk PSS':>9} {'wrk USS':>9} {'sum RSS':>8} {'sum PSS':>8} {'main/k':>6} {'wrk/k':>6} "
    f"{'sum/k':>6} "
    f"{'CPU s':>7}"
)


def main(argv: list[str] | None = None) -> None:
    """Build a store per size (or one, ``--one-run``), analyse each in a child process, print
    the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--fnc", type=Path, default=SHARED / "fnc-1")
    parser.add_argument(
        "--more",
        type=Path,
        action="append",
        default=[],
        help="more distinct English bodies: a Timeline17 or PolNeAR folder (repeatable)",
    )
    parser.add_argument("--sizes", default="1000,2000", help="articles per run, e.g. 1000,20000")
    parser.add_argument(
        "--one-run",
        action="store_true",
        help="one run of the largest size; the smaller sizes are its peaks so far as the NLP "
        "stage passes them",
    )
    parser.add_argument("--per-day", type=int, default=300, help="articles per day of the stream")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--json", type=Path, help="also write every run's figures here")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--checkpoints", default="", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(args.child, [int(n) for n in args.checkpoints.split(",") if n])
        return
    sizes = sorted(int(size) for size in args.sizes.split(","))
    pool = bodies(args.fnc, args.more)
    rows = records(pool, sizes[-1], per_day=args.per_day, seed=args.seed)
    distinct = len({row["text"] for row in rows})
    print(
        f"parallax analyze --no-compare (default workers) on {len(pool):,} distinct bodies "
        f"replayed to {sizes[-1]:,} articles ({distinct:,} distinct), {args.per_day}/day; "
        "peaks in MB (RSS, PSS, USS: /proc/PID/smaps_rollup sampled every 0.5 s); /k: growth "
        "of the main, the largest worker's and the summed PSS per 1,000 articles"
    )
    runs: list[dict[str, Any]] = []
    print(HEADER, flush=True)
    last: tuple[int, dict[str, Any]] | None = None

    def passed(point: dict[str, Any]) -> None:  # the NLP stage's peaks as it passes a size
        nonlocal last
        print(_row(point["articles"], point, last), flush=True)
        last = (point["articles"], point)

    for size in [sizes[-1]] if args.one_run else sizes:
        with tempfile.TemporaryDirectory(prefix="parallax-memory-") as scratch:
            db = build(Path(scratch), rows[:size])
            found = measure(db, sizes if args.one_run else [], passed)
        runs.append({"articles": size, **found})
        if args.one_run:
            print("after grouping (the whole run):")
            print(_row(size, {**found["sampled"], "cpu_s": found["cpu_s"]}, None))
        else:
            whole = {**found["sampled"], "cpu_s": found["cpu_s"]}
            print(_row(size, whole, last), flush=True)
            last = (size, whole)
        print(
            f"   ru_maxrss of the main process: {found['analyse_mb']:.0f} after NLP, "
            f"{found['main_mb']:.0f} after grouping",
            flush=True,
        )
    if args.json:
        args.json.write_text(json.dumps(runs, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
