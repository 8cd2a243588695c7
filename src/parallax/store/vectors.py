"""Sentence vectors for the comparison's models, stored when first computed: save, read back.

A row is ``(embedder, text_sha256, vector)``: the embedder's versioned name, the SHA-256 of the
exact text embedded and the vector as little-endian float32 bytes. Rows are keyed by the text,
not by an article: a sentence two articles share is stored once, and a row stays right for as
long as the embedder keeps its name.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from parallax.store.lookup import rows_in

if TYPE_CHECKING:
    from parallax.store.sqlite import SQLiteStore


def save_sentence_vectors(
    store: SQLiteStore, embedder: str, rows: Iterable[tuple[str, bytes]]
) -> None:
    """Store ``(text_sha256, vector)`` rows of ``embedder``; a text stored before is kept."""
    store.connection.executemany(
        "INSERT INTO sentence_vectors (embedder, text_sha256, vector) VALUES (?, ?, ?) "
        "ON CONFLICT(embedder, text_sha256) DO NOTHING",
        ((embedder, digest, vector) for digest, vector in rows),
    )


def sentence_vectors(store: SQLiteStore, embedder: str, digests: Iterable[str]) -> dict[str, bytes]:
    """Return ``{text_sha256: vector}`` of ``embedder``'s stored rows among ``digests``."""
    rows = rows_in(
        store.connection,
        "SELECT text_sha256, vector FROM sentence_vectors "
        "WHERE embedder = ? AND text_sha256 IN ({marks})",
        digests,
        before=(embedder,),
    )
    return {row[0]: bytes(row[1]) for row in rows}


def count_sentence_vectors(store: SQLiteStore) -> int:
    """Return how many sentence vectors the store holds (all embedders)."""
    return int(store.connection.execute("SELECT count(*) FROM sentence_vectors").fetchone()[0])
