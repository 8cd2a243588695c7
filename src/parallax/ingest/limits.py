"""Bound what one source may cost: decompressed bytes, records and rejections.

A small gzip file can hold gigabytes (a bomb), and a file of junk lines can yield millions of
rejections; without caps either fills memory, the disk and the terminal. Past a cap the rest of
the source is rejected with one P116 line that names the cap and the setting that raises it;
what the source yielded before it stays.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import BinaryIO, TypeVar

from parallax.config import Settings
from parallax.errors import Code
from parallax.model import Rejection

T = TypeVar("T")


class SourceLimitExceeded(Exception):
    """A source went past one of its caps; :func:`limit_reason` words the rejection."""

    def __init__(self, setting: str, limit: int) -> None:
        self.setting = setting
        self.limit = limit
        super().__init__(f"{setting} ({limit})")


def limit_rejection(source: str, setting: str, limit: int, what: str) -> Rejection:
    """Return the one line that rejects the rest of a source past a cap."""
    reason = (
        f"the rest of the source is rejected: more than {limit} {what} "
        f"(the {setting} cap; --set {setting}=N raises it)"
    )
    return Rejection(source, "ingest", Code.SOURCE_LIMIT.value, reason)


class CountingStream:
    """A binary stream that counts the bytes read through it and refuses to go past a limit.

    Wrapped around a decompressing stream, it bounds what a compressed source expands to.

    Raises:
        SourceLimitExceeded: from a read that would go past ``limit`` bytes.
    """

    def __init__(self, stream: BinaryIO, limit: int) -> None:
        self.stream = stream
        self.limit = limit
        self.count = 0

    def _counted(self, chunk: bytes) -> bytes:
        self.count += len(chunk)
        if self.count > self.limit:
            raise SourceLimitExceeded("max_source_bytes", self.limit)
        return chunk

    def read(self, size: int = -1) -> bytes:
        """Read up to ``size`` bytes (everything left with -1, still counted)."""
        return self._counted(self.stream.read(size))

    def read1(self, size: int = -1) -> bytes:
        """Read as :meth:`read` does (for readers that ask buffered streams for ``read1``)."""
        return self.read(size)

    def readline(self, size: int = -1) -> bytes:
        """Read one line of at most ``size`` bytes."""
        return self._counted(self.stream.readline(size))

    def __iter__(self) -> Iterator[bytes]:
        return iter(self.readline, b"")

    def seekable(self) -> bool:
        """Counting only runs forwards."""
        return False

    def readable(self) -> bool:
        """A counting stream is always readable."""
        return True

    def close(self) -> None:
        """Close the wrapped stream."""
        self.stream.close()


def limit_source(
    items: Iterable[T | Rejection], *, source: str, settings: Settings
) -> Iterator[T | Rejection]:
    """Yield a source's items until it passes ``max_source_records`` or
    ``max_source_rejections``, then one P116 rejection for the rest of it."""
    rejections = 0
    for records, item in enumerate(items, start=1):
        if records > settings.max_source_records:
            yield limit_rejection(
                source, "max_source_records", settings.max_source_records, "records"
            )
            return
        if isinstance(item, Rejection):
            rejections += 1
            if rejections > settings.max_source_rejections:
                limit = settings.max_source_rejections
                yield limit_rejection(source, "max_source_rejections", limit, "rejections")
                return
        yield item
