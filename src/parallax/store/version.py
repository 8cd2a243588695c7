"""The store's data version: a number that moves whenever another connection commits."""

from __future__ import annotations

import sqlite3


def data_version(connection: sqlite3.Connection) -> int:
    """Return SQLite's ``PRAGMA data_version`` on ``connection``.

    The value is only comparable on the same connection: it changes when any other connection
    (in this process or another) commits to the file, and never for this connection's own
    writes. A reader that keeps one connection open can so tell, for a few microseconds per
    question, whether anything it computed from the store may be stale.
    """
    return int(connection.execute("PRAGMA data_version").fetchone()[0])
