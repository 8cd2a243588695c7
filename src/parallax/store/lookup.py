"""Finding one row by its id, or by a prefix of the id that only one row has."""

from __future__ import annotations

import sqlite3
from typing import Any


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
