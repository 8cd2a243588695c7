"""The output directory of a run: Parquet shards per table, the ledger, the plan, the runs.

    DIR/
      articles/<key>-<digest>.parquet      one file per table and finished source (none if empty)
      fingerprints/ mentions/ quotes/ dates/ claims/ embeddings/ rejections/ events/ framing/
      sources.jsonl   every source ever planned, with its place in the load order
      ledger.jsonl    every finished source: name, SHA-256, status, row counts
      runs.jsonl      one line when a run starts and one when it ends

A shard is written under a hidden temporary name and renamed when the whole source is done,
then the source is appended to the ledger. ``load`` reads only what the ledger lists, so a
killed run leaves nothing half-written visible; the next run redoes the unfinished sources.
Shard names carry the content digest, so a changed source gets new files beside the old ones.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import logging
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from parallax.errors import Code, ConfigError
from parallax.model import now
from parallax.runners.types import Order, Outcome

logger = logging.getLogger(__name__)

TABLES = (
    "articles", "fingerprints", "mentions", "quotes", "dates", "claims", "embeddings", "rejections",
    "events", "framing",
)  # fmt: skip
LEDGER = "ledger.jsonl"
SOURCES = "sources.jsonl"
RUNS = "runs.jsonl"
_LOCK = ".lock"
_MISSING = "missing"


def shard_stem(name: str, digest: str | None) -> str:
    """Return the file stem of a source's shards: a hash of its name, then of its content."""
    key = hashlib.sha256(name.encode("utf-8")).hexdigest()[:16]
    return f"{key}-{(digest or _MISSING)[:16]}"


def shard_path(out: Path, table: str, stem: str) -> Path:
    """Return where one table's shard of one source lives."""
    return out / table / f"{stem}.parquet"


@dataclass(frozen=True, slots=True)
class LedgerEntry:
    """A finished source as the ledger records it."""

    name: str
    digest: str | None
    status: str
    order: Order
    counts: Mapping[str, int]
    version: str | None

    @property
    def stem(self) -> str:
        """The file stem of this source's shards."""
        return shard_stem(self.name, self.digest)

    def shards(self, out: Path, table: str) -> Path | None:
        """Return the shard of ``table`` for this source, or None when it has no rows."""
        return shard_path(out, table, self.stem) if self.counts.get(table) else None


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """Read a JSON Lines file; a torn last line (a run killed while appending) is ignored."""
    if not path.is_file():
        return []
    records = []
    lines = path.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            records.append(json.loads(line))
        except json.JSONDecodeError as error:
            if number == len(lines):
                logger.warning("%s: ignoring a torn last line", path)
                break
            raise ConfigError(Code.CONFIG, f"corrupt line: {error}", path=str(path)) from error
    return records


def append_jsonl(path: Path, record: Mapping[str, Any]) -> None:
    """Append one line and flush it to disk before going on."""
    with path.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
        handle.flush()
        os.fsync(handle.fileno())


class OutputDir:
    """One run directory: its lock, plan, ledger and run log."""

    def __init__(self, out: str | Path) -> None:
        self.path = Path(out)

    @contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the directory for one run; a second run on it fails at once."""
        self.path.mkdir(parents=True, exist_ok=True)
        for table in TABLES:
            (self.path / table).mkdir(exist_ok=True)
        with (self.path / _LOCK).open("w") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError as error:
                raise ConfigError(
                    Code.CONFIG,
                    "another parallax run is writing to this directory; wait for it to finish",
                    path=str(self.path),
                ) from error
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def remove_temporaries(self) -> int:
        """Delete the temporary shards a killed run left behind; return how many."""
        removed = 0
        for table in TABLES:
            for stale in (self.path / table).glob(".*.tmp"):
                stale.unlink(missing_ok=True)
                removed += 1
        return removed

    # --- runs and the plan ---------------------------------------------------------------
    def start_run(self, details: Mapping[str, Any]) -> int:
        """Record the start of a run and return its number."""
        numbers = [int(r["run"]) for r in read_jsonl(self.path / RUNS)]
        run = max(numbers, default=0) + 1
        append_jsonl(self.path / RUNS, {"run": run, "started_at": now(), **details})
        return run

    def finish_run(self, run: int, summary: Mapping[str, Any]) -> None:
        """Record the end of a run with its summary."""
        append_jsonl(self.path / RUNS, {"run": run, "finished_at": now(), "summary": summary})

    def orders(self, names: list[str], run: int) -> list[Order]:
        """Return each source's place in the load order, planning new sources into ``run``.

        A source keeps the place it got in the first run that planned it, so a resumed run
        loads in the same order as one that was never interrupted.
        """
        known = {r["source"]: (int(r["order"][0]), int(r["order"][1])) for r in self._plan()}
        orders = []
        for index, name in enumerate(names):
            if name not in known:
                known[name] = (run, index)
                append_jsonl(self.path / SOURCES, {"source": name, "order": [run, index]})
            orders.append(known[name])
        return orders

    def _plan(self) -> list[dict[str, Any]]:
        return read_jsonl(self.path / SOURCES)

    # --- the ledger ----------------------------------------------------------------------
    def record(self, outcome: Outcome) -> None:
        """Append a finished source to the ledger (its shards are already in place)."""
        append_jsonl(
            self.path / LEDGER,
            {
                "source": outcome.name,
                "digest": outcome.digest,
                "status": outcome.status,
                "order": list(outcome.order),
                "counts": outcome.counts,
                "version": outcome.version,
                "seconds": round(outcome.seconds, 3),
                "cpu_seconds": round(outcome.cpu_seconds, 3),
                "worker": outcome.worker,
                "peak_mb": round(outcome.peak_mb, 1),
                "finished_at": now(),
            },
        )

    def finished(self) -> list[LedgerEntry]:
        """Return the sources to load, in load order: the last entry for each content."""
        latest: dict[tuple[str, str | None], LedgerEntry] = {}
        for record in read_jsonl(self.path / LEDGER):
            entry = LedgerEntry(
                name=record["source"],
                digest=record["digest"],
                status=record["status"],
                order=(int(record["order"][0]), int(record["order"][1])),
                counts=record["counts"],
                version=record["version"],
            )
            latest[(entry.name, entry.digest)] = entry
        return sorted(latest.values(), key=lambda entry: (entry.order, entry.name))

    def done_digests(self) -> dict[str, tuple[str, ...]]:
        """Return, per source name, the digests of its contents finished without error."""
        done: dict[str, list[str]] = {}
        for entry in self.finished():
            if entry.status == "done" and entry.digest:
                done.setdefault(entry.name, []).append(entry.digest)
        return {name: tuple(digests) for name, digests in done.items()}
