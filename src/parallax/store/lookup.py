"""Finding rows: one by its id or a prefix of the id only it has; many by a list of keys."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

CHUNK = 500
"""Keys per query, well under SQLite's limit on bound parameters."""


def by_id_or_prefix(connection: sqlite3.Connection, select: str, ident: str) -> Any:
    """Return the row of ``select`` whose ``id`` is ``ident``, or else a unique id prefix.

    Args:
        connection: The open database.
        select: A ``SELECT ... FROM table`` with no ``WHERE``; the table has an ``id`` column.
        ident: A full id, or at least four characters of one.

    Returns:
        The row, or None when no row has the id and no single row has it as a prefix.
    """
    row = connection.execute(f"{select} WHERE id = ?", (ident,)).fetchone()
    if row is None and len(ident) >= 4 and ident.isalnum():
        # Ids are hex digits, so an alphanumeric prefix holds no LIKE wildcard.
        rows = connection.execute(f"{select} WHERE id LIKE ? || '%' LIMIT 2", (ident,)).fetchall()
        row = rows[0] if len(rows) == 1 else None
    return row


def rows_in(
    connection: sqlite3.Connection,
    sql: str,
    keys: Iterable[str],
    *,
    before: Sequence[Any] = (),
) -> Iterator[Any]:
    """Yield the rows of ``sql`` for the distinct ``keys``, :data:`CHUNK` keys a query.

    Args:
        connection: The open database.
        sql: A query whose ``{marks}`` stands for the keys' placeholders (``... IN ({marks})``).
        keys: The keys; each is asked for once.
        before: The values of the placeholders written before ``{marks}``.
    """
    unique = sorted(set(keys))
    for start in range(0, len(unique), CHUNK):
        chunk = unique[start : start + CHUNK]
        marks = ", ".join("?" for _ in chunk)
        yield from connection.execute(sql.format(marks=marks), [*before, *chunk])
