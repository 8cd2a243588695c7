"""The reader registry: one streaming reader per input format.

A reader takes a binary stream and yields ``RawArticle`` for each article it finds and
``Rejection`` for each record it cannot read; it never raises for bad input, so one broken
record never stops a batch.

A format whose records cost more to parse than to find (an HTML page, a WARC record) also
registers a splitter: it yields each such record unparsed, as a picklable :class:`Deferred`
whose ``parse`` gives what the reader would have yielded, so that another process may parse
it (``parallax ingest --workers``). The reader is its splitter with every record parsed.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Iterator
from typing import BinaryIO, Protocol

from parallax.config import Settings
from parallax.errors import Code
from parallax.model import RawArticle, Rejection
from parallax.registry import Registry

logger = logging.getLogger(__name__)


class Reader(Protocol):
    """The shape every reader has."""

    def __call__(
        self, stream: BinaryIO, *, source: str, settings: Settings
    ) -> Iterator[RawArticle | Rejection]: ...


class Deferred(Protocol):
    """A record found but not yet parsed; picklable, parsed the same in any process."""

    @property
    def source(self) -> str:
        """The file the record came from."""
        ...

    @property
    def record(self) -> str | None:
        """Where in the file the record is (a WARC offset), if the file holds several."""
        ...

    def parse(self, settings: Settings) -> RawArticle | Rejection:
        """Return the article the record holds, or why it holds none."""
        ...


class Splitter(Protocol):
    """A reader that yields its costly records unparsed."""

    def __call__(
        self, stream: BinaryIO, *, source: str, settings: Settings
    ) -> Iterator[RawArticle | Rejection | Deferred]: ...


READERS: Registry[Reader] = Registry("readers")
SPLITTERS: Registry[Splitter] = Registry("splitters")

BUILTIN_READER_MODULES = ("text", "jsonl", "jsondoc", "html", "feeds", "warc")


def load_builtin_readers() -> Registry[Reader]:
    """Import the built-in reader modules (each registers itself) and return the registry."""
    for module in BUILTIN_READER_MODULES:
        importlib.import_module(f"parallax.ingest.{module}")
    return READERS


def parsed(
    items: Iterator[RawArticle | Rejection | Deferred], settings: Settings
) -> Iterator[RawArticle | Rejection]:
    """Yield a splitter's items with every deferred record parsed here, in order."""
    for item in items:
        yield item if isinstance(item, RawArticle | Rejection) else parse_record(item, settings)


def parse_record(record: Deferred, settings: Settings) -> RawArticle | Rejection:
    """Return ``record`` parsed, or a rejection when parsing raises: a bug met on one page
    must cost that page alone, in whichever process it is parsed."""
    try:
        return record.parse(settings)
    except Exception as error:
        logger.exception("parsing failed for %s:%s", record.source, record.record or "")
        reason = f"unexpected error while reading: {type(error).__name__}"
        return Rejection(record.source, "ingest", Code.BAD_RECORD.value, reason, record.record)
