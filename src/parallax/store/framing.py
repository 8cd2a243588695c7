"""Framing findings for the comparison, stored when first computed: save, read back.

A row is ``(article_id, content_hash, version, findings)``: the article, the content hash of the
text the findings were computed from, the framing's versioned name (its models and cut-offs)
and the findings as JSON. A row is read only for the article's current text and the running
framing version: a revised text or a new model finds nothing and is computed again.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from parallax.store.lookup import rows_in

if TYPE_CHECKING:
    from parallax.store.sqlite import SQLiteStore


def save_framing_findings(
    store: SQLiteStore, version: str, rows: Iterable[tuple[str, str, str]]
) -> None:
    """Store ``(article_id, content_hash, findings JSON)`` rows of ``version``; a row stored
    before is kept (the same text and version give the same findings)."""
    store.connection.executemany(
        "INSERT INTO framing_findings (article_id, content_hash, version, findings) "
        "VALUES (?, ?, ?, ?) ON CONFLICT(article_id, content_hash, version) DO NOTHING",
        ((article_id, digest, version, findings) for article_id, digest, findings in rows),
    )


def framing_findings(
    store: SQLiteStore, version: str, articles: Mapping[str, str]
) -> dict[str, str]:
    """Return ``{article_id: findings JSON}`` of ``version`` for the ``{article_id:
    content_hash}`` given, each only when stored for that content hash."""
    rows = rows_in(
        store.connection,
        "SELECT article_id, content_hash, findings FROM framing_findings "
        "WHERE version = ? AND article_id IN ({marks})",
        articles,
        before=(version,),
    )
    return {row[0]: str(row[2]) for row in rows if articles.get(row[0]) == row[1]}


def count_framing_findings(store: SQLiteStore) -> int:
    """Return how many articles' framing findings the store holds (all versions and texts)."""
    return int(store.connection.execute("SELECT count(*) FROM framing_findings").fetchone()[0])
