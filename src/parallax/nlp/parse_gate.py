"""Turns to parse, shared by the processes of one analyse pool, so that their transient memory
never adds up past one long text.

spaCy's small English model takes about 2.4 KB of transient memory per character it parses at
once (docs/scale.md). A batch is cut to :data:`parallax.nlp.pipeline.BATCH_CHARS` characters
(≈ 0.15 GB), but a longer text is parsed alone, whole, up to ``max_article_chars`` (≈ 0.5 GB at
200,000 characters). With a gate of as many turns as the pool has workers, a batch is parsed
holding one turn; a long text holding one turn and the long-text lock, so that two long texts
are never parsed at once; and a very long text (over twice the batch budget) holding every
turn: while one worker parses it, no other worker parses anything. The most the pool's parses
hold at once is then the longest text alone, or a long text beside one batch, never a very long
text beside a batch, and the other cores idle only for the rare very long text.

The gate is fair: a worker waiting for all turns holds the door, so that the other workers take
no new turn until it has parsed its text (else a long text could wait behind every batch of the
corpus, and be parsed last, alone, with the other cores idle).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from multiprocessing.context import BaseContext

__all__ = ["ParseGate"]


class ParseGate:
    """``turns`` turns to parse, shared by the processes a pool starts (pass it to them at
    start: its semaphore and lock come from ``context``)."""

    def __init__(self, turns: int, context: BaseContext) -> None:
        if turns < 1:
            raise ValueError(f"a parse gate needs at least one turn, not {turns}")
        self.turns = turns
        self._free = context.Semaphore(turns)
        self._door = context.Lock()
        self._long = context.Lock()

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Hold one turn while a batch of at most ``BATCH_CHARS`` characters is parsed."""
        with self._door:  # closed while a long text waits for every turn
            self._free.acquire()
        try:
            yield
        finally:
            self._free.release()

    @contextmanager
    def long_text(self) -> Iterator[None]:
        """Hold one turn and the long-text lock while one text longer than ``BATCH_CHARS`` is
        parsed: no other process parses a long text meanwhile."""
        with self._long, self.batch():
            yield

    @contextmanager
    def alone(self) -> Iterator[None]:
        """Hold every turn while one very long text (over twice ``BATCH_CHARS``) is parsed:
        the other processes finish what they are parsing, then wait."""
        with self._door:
            for _ in range(self.turns):
                self._free.acquire()
        try:
            yield
        finally:
            for _ in range(self.turns):
                self._free.release()
