"""The reader registry: one streaming reader per input format.

A reader takes a binary stream and yields ``RawArticle`` for each article it finds and
``Rejection`` for each record it cannot read; it never raises for bad input, so one broken
record never stops a batch.
"""

from __future__ import annotations

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
