"""The reader registry: one streaming reader per input format.

A reader takes a binary stream and yields ``RawArticle`` for each article it finds and
``Rejection`` for each record it cannot read; it never raises for bad input, so one broken
record never stops a batch.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from typing import BinaryIO, Protocol

from parallax.config import Settings
from parallax.model import RawArticle, Rejection
from parallax.registry import Registry


class Reader(Protocol):
    """The shape every reader has."""

    def __call__(
        self, stream: BinaryIO, *, source: str, settings: Settings
    ) -> Iterator[RawArticle | Rejection]: ...


READERS: Registry[Reader] = Registry("readers")

BUILTIN_READER_MODULES = ("text", "jsonl", "jsondoc", "html", "feeds", "warc")


def load_builtin_readers() -> Registry[Reader]:
    """Import the built-in reader modules (each registers itself) and return the registry."""
    for module in BUILTIN_READER_MODULES:
        importlib.import_module(f"parallax.ingest.{module}")
    return READERS
