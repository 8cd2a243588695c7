"""Turns to parse, shared by the processes of one analyse pool, so that their transient memory
never adds up past one long text.

spaCy's small English model takes about 2.4 KB of transient memory per character it parses at
once (docs/scale.md). A batch is cut to :data:`parallax.nlp.pipeline.BATCH_CHARS` characters
(≈ 0.15 GB), but a longer text is parsed alone, whole, up to ``max_article_chars`` (≈ 0.5 GB at
200,000 characters). With a gate of as many turns as the pool has workers, a batch is parsed
holding one turn and a long text holding all of them: while one worker parses a long text, no
other worker parses anything, so the machine holds one long text's transient memory at most,
never a long text's plus the other workers' batches'.

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
    def alone(self) -> Iterator[None]:
        """Hold every turn while one text longer than ``BATCH_CHARS`` is parsed: the other
        processes finish the batch they are parsing, then wait."""
        with self._door:
            for _ in range(self.turns):
                self._free.acquire()
        try:
            yield
        finally:
            for _ in range(self.turns):
                self._free.release()
