"""Story embeddings computed ahead by the run workers: save them, read them back.

``parallax load`` saves the vectors the workers computed; ``Corpus.group_stories`` reads them
for each batch of articles it assigns and embeds only those without a fitting one. A row is
``(embedder, text_sha256, vector)``: the embedder's versioned name, the SHA-256 of the exact
text embedded and the vector as little-endian float32 bytes; the grouper decides whether it
fits (:class:`parallax.embeddings.ArticleEmbedding`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from parallax.store.lookup import rows_in

if TYPE_CHECKING:
    from parallax.store.sqlite import SQLiteStore


def save_embedding(
    store: SQLiteStore, article_id: str, embedder: str, text_sha256: str, vector: bytes
) -> None:
    """Store one article's story embedding, replacing the one stored before."""
    store.connection.execute(
        "INSERT INTO article_embeddings (article_id, embedder, text_sha256, vector) "
        "VALUES (?, ?, ?, ?) ON CONFLICT(article_id) DO UPDATE SET "
        "embedder = excluded.embedder, text_sha256 = excluded.text_sha256, "
        "vector = excluded.vector",
        (article_id, embedder, text_sha256, vector),
    )


def article_embeddings(store: SQLiteStore, ids: Iterable[str]) -> dict[str, tuple[str, str, bytes]]:
    """Return ``{article_id: (embedder, text_sha256, vector)}`` of the stored among ``ids``."""
    rows = rows_in(
        store.connection,
        "SELECT article_id, embedder, text_sha256, vector FROM article_embeddings "
        "WHERE article_id IN ({marks})",
        ids,
    )
    return {row[0]: (row[1], row[2], bytes(row[3])) for row in rows}
