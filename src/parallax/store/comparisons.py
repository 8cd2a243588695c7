"""The cache of story comparisons: one JSON document per story, keyed by what it was made from.

A comparison is a pure function of its story's articles, their analyses, their outlets'
profiles and the comparison's version; the caller hashes those into ``key``. A row whose key
differs is stale and is simply recomputed and replaced.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any


def load_comparison(
    connection: sqlite3.Connection, story_id: str, key: str
) -> dict[str, Any] | None:
    """Return the cached comparison of a story made from ``key``, or None."""
    row = connection.execute(
        "SELECT document FROM comparisons WHERE story_id = ? AND key = ?", (story_id, key)
    ).fetchone()
    if row is None:
        return None
    document: dict[str, Any] = json.loads(row[0])
    return document


def save_comparison(
    connection: sqlite3.Connection,
    story_id: str,
    key: str,
    version: str,
    document: dict[str, Any],
    *,
    computed_at: str,
) -> bool:
    """Store a story's comparison in place of any older one; False if the file is read-only."""
    try:
        connection.execute(
            "INSERT INTO comparisons (story_id, key, version, document, computed_at) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (story_id) DO UPDATE SET key = excluded.key, "
            "version = excluded.version, document = excluded.document, "
            "computed_at = excluded.computed_at",
            (story_id, key, version, json.dumps(document, ensure_ascii=False), computed_at),
        )
    except sqlite3.OperationalError as error:
        if "readonly" in str(error):
            return False
        raise
    return True
