"""One SQLite connection that waits politely for another writer.

SQLite lets one process write at a time. In WAL mode readers never wait for a writer, but a
second writer does: left to itself it fails with ``database is locked`` after its busy timeout.
Here a write that finds the store locked first waits ``PATIENCE`` seconds quietly (another
process's commit is usually that short), then says once that it is waiting, and waits on up to
``lock_timeout`` seconds in all before giving up with one coded error (P502).
"""

from __future__ import annotations

import logging
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from parallax.errors import Code, StoreError

logger = logging.getLogger(__name__)

#: Seconds a write waits before saying that it is waiting.
PATIENCE = 1.0
T = TypeVar("T")


def waiting_message(path: str) -> str:
    """Return the line shown while a write waits for another process to finish writing."""
    return f"waiting for another parallax process writing to {path} …"


def _is_locked(error: sqlite3.OperationalError) -> bool:
    text = str(error)
    return "database is locked" in text or "database is busy" in text


class PoliteConnection(sqlite3.Connection):
    """A connection whose statements wait for another writer, announce it, and time out with
    a :class:`StoreError` (P502) instead of ``sqlite3.OperationalError``.

    Call :meth:`configure` right after ``sqlite3.connect(..., factory=PoliteConnection)``.
    """

    path: str
    lock_timeout: float
    on_wait: Callable[[str], None] | None

    def configure(
        self, path: str, *, lock_timeout: float, on_wait: Callable[[str], None] | None
    ) -> None:
        """Set the store's path (for messages), the longest wait and who hears about it."""
        self.path, self.lock_timeout, self.on_wait = path, lock_timeout, on_wait
        self._set_busy_timeout(min(PATIENCE, lock_timeout))

    def _set_busy_timeout(self, seconds: float) -> None:
        super().execute(f"PRAGMA busy_timeout = {max(0, int(seconds * 1000))}")

    def _patiently(self, call: Callable[..., T], *args: Any, script: bool = False) -> T:
        # Inside a transaction the caller opened, a retry would run outside it: only a whole
        # statement or script in autocommit mode (BEGIN IMMEDIATE is one) is tried again.
        retry = script or not self.in_transaction
        try:
            return call(*args)
        except sqlite3.OperationalError as error:
            if not _is_locked(error):
                raise
            if not retry or self.lock_timeout <= PATIENCE:
                raise self._gave_up(min(PATIENCE, self.lock_timeout)) from error
        message = waiting_message(self.path)
        logger.warning(message)
        if self.on_wait:
            self.on_wait(message)
        started = time.monotonic()
        self._set_busy_timeout(self.lock_timeout - PATIENCE)
        try:
            if self.in_transaction:  # a script that began a transaction before it waited
                super().execute("ROLLBACK")
            return call(*args)
        except sqlite3.OperationalError as error:
            if _is_locked(error):
                raise self._gave_up(PATIENCE + time.monotonic() - started) from error
            raise
        finally:
            self._set_busy_timeout(PATIENCE)

    def _gave_up(self, waited: float) -> StoreError:
        reason = (
            f"another parallax process kept the store locked for writing for {waited:.0f} s; "
            "run this again when it is done, or wait longer with --set lock_timeout=SECONDS"
        )
        return StoreError(Code.LOCKED, reason, path=self.path)

    def execute(self, sql: str, parameters: Any = (), /) -> sqlite3.Cursor:
        """Execute one statement, waiting for another writer as the module says."""
        return self._patiently(super().execute, sql, parameters)

    def executemany(self, sql: str, parameters: Any, /) -> sqlite3.Cursor:
        """Execute one statement per parameter set, waiting for another writer."""
        return self._patiently(super().executemany, sql, parameters)

    def executescript(self, script: str, /) -> sqlite3.Cursor:
        """Execute a script, waiting for another writer."""
        return self._patiently(super().executescript, script, script=True)


def connect(
    path: str | Path, *, lock_timeout: float, on_wait: Callable[[str], None] | None = None
) -> PoliteConnection:
    """Open a :class:`PoliteConnection` in autocommit mode (transactions are explicit)."""
    connection = sqlite3.connect(
        str(path), isolation_level=None, timeout=PATIENCE, factory=PoliteConnection
    )
    connection.configure(str(path), lock_timeout=lock_timeout, on_wait=on_wait)
    return connection
