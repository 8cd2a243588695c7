"""Ingest with the parsing elsewhere: this process reads ahead, a mapper parses and processes,
this process writes, in input order.

``write_ahead`` does what ``ingest_sources`` does one record at a time, with the costly part
(trafilatura on a page, cleaning, language detection, fingerprints) handed to a
``RecordMapper`` in chunks. Reading the files stays here, so a WARC of gigabytes is streamed,
never loaded: only a few chunks are in flight. Every store write, ledger check and report line
stays here too, in input order, so the store, the report and the rejections are those one
process makes: the reading ahead only guesses which sources the ledger will skip, and a source
it skipped that is not skipped after all is read here, as one process would.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Generator, Iterable, Iterator
from contextlib import closing
from dataclasses import dataclass
from typing import BinaryIO

from parallax.config import Settings
from parallax.ingest.limits import limit_source
from parallax.ingest.outlets import OutletRegistry
from parallax.ingest.sources import SourceFile, source_digest, split_source
from parallax.model import Progress, Rejection
from parallax.stages.ingest import Done, Pending, RecordMapper, ingest_source
from parallax.stages.sinks import StoreSink

#: Records sent to the mapper at a time: small enough that two workers share a short source
#: evenly, large enough that sending them costs little beside parsing them.
CHUNK = 16


@dataclass(frozen=True, slots=True)
class _Planned:
    """What reading ahead did with one source: its digest, and whether it was read."""

    digest: str | None
    read: bool


class _Ahead:
    """Read sources ahead into chunks of records, and hand back their results tagged with the
    index of the source they came from, in order."""

    def __init__(
        self,
        items: list[SourceFile | Rejection],
        sink: StoreSink,
        *,
        settings: Settings,
        fmt: str | None,
        stdin: BinaryIO | None,
    ) -> None:
        self.items, self.sink, self.settings = items, sink, settings
        self.fmt, self.stdin, self.chunk = fmt, stdin, CHUNK
        self.planned: dict[int, _Planned] = {}
        self._tags: deque[list[int]] = deque()
        self._abandoned = -1

    def abandon(self, index: int) -> None:
        """Read no more of source ``index``: it is written (past a cap, the rest of a bomb
        must not be read) or skipped."""
        self._abandoned = index

    def _records(self) -> Iterator[tuple[int, Pending]]:
        for index, item in enumerate(self.items):
            if isinstance(item, Rejection):
                continue
            digest = source_digest(item)
            # Only a guess: the ledger changes as sources are written (the same file twice).
            done = digest is not None and (
                self.sink.store.finished_rejections(item.name, digest) is not None
            )
            self.planned[index] = _Planned(digest, read=not done)
            if not done:
                records = split_source(item, settings=self.settings, fmt=self.fmt,
                                       stdin=self.stdin)  # fmt: skip
                with closing(records):
                    for record in records:
                        if self._abandoned == index:
                            break
                        yield index, record

    def chunks(self) -> Iterator[list[Pending]]:
        """Yield the records of every source to read, ``chunk`` at a time, in order."""
        batch: list[tuple[int, Pending]] = []
        for tagged in self._records():
            batch.append(tagged)
            if len(batch) >= self.chunk:
                yield self._sent(batch)
                batch = []
        if batch:
            yield self._sent(batch)

    def _sent(self, batch: list[tuple[int, Pending]]) -> list[Pending]:
        self._tags.append([index for index, _ in batch])
        return [record for _, record in batch]

    def results(self, mapper: RecordMapper) -> Generator[tuple[int, Done]]:
        """Yield each record's result with its source's index, in order."""
        for done in mapper(self.chunks()):
            yield from zip(self._tags.popleft(), done, strict=True)


class _Peekable:
    """An iterator of tagged results that shows the index of the next one."""

    def __init__(self, results: Iterator[tuple[int, Done]]) -> None:
        self._results = results
        self._next: tuple[int, Done] | None = None

    def index(self) -> int | None:
        """Return the source index of the next result (None after the last)."""
        if self._next is None:
            self._next = next(self._results, None)
        return None if self._next is None else self._next[0]

    def of(self, index: int) -> Iterator[Done]:
        """Yield the results of source ``index`` (the next ones), then stop."""
        while self.index() == index and self._next is not None:
            result, self._next = self._next[1], None
            yield result


def write_ahead(
    sources: Iterable[SourceFile | Rejection],
    sink: StoreSink,
    *,
    settings: Settings,
    outlets: OutletRegistry,
    fmt: str | None,
    stdin: BinaryIO | None,
    progress: Progress | None,
    mapper: RecordMapper,
) -> tuple[int, int]:
    """Write every source's records as ``ingest_sources`` does, their parsing and processing
    done by ``mapper``; return how many sources were read and how many were skipped."""
    items = list(sources)
    ahead = _Ahead(items, sink, settings=settings, fmt=fmt, stdin=stdin)
    read = skipped = 0
    with closing(ahead.results(mapper)) as results:
        stream = _Peekable(results)
        for index, item in enumerate(items):
            if isinstance(item, Rejection):
                sink.reject_input(item)
            else:
                stream.index()  # reading ahead has now reached this source
                planned = ahead.planned.pop(index)
                if planned.digest and sink.is_finished(item.name, planned.digest):
                    skipped += 1
                else:
                    read += 1
                    records = (
                        limit_source(stream.of(index), source=item.name, settings=settings)
                        if planned.read
                        else ingest_source(
                            item, settings=settings, outlets=outlets, fmt=fmt, stdin=stdin
                        )
                    )
                    sink.write_source(item.name, planned.digest, records)
                ahead.abandon(index)
                for _ in stream.of(index):  # past a source cap, or read for a skipped source
                    pass
            if progress:
                name = item.source if isinstance(item, Rejection) else item.name
                progress(index + 1, len(items), name)
    return read, skipped
