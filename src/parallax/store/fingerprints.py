"""Store tables of near-duplicate detection: each article's MinHash signature, and the LSH band
keys of the canonical articles, the only ones a new article is compared with.

Mixed into :class:`parallax.store.sqlite.SQLiteStore`; only SQL lives here.

An article linked as a near-duplicate keeps its signature but leaves the band index: a thousand
copies of one wire story are then one candidate (their canonical article), not a thousand, so
ingesting them costs linear time. A lookup also reads at most :data:`BAND_CANDIDATES` articles
per band key and compares at most :data:`CANDIDATES`, those sharing the most band keys first, so
many similar articles that stay below the threshold cannot make it quadratic either. On ordinary
corpora, where a band key is shared by a handful of articles, neither cap is ever reached.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any

from parallax.model import Fingerprint

#: Canonical articles read per band key in one lookup (the first by id: a stable choice).
BAND_CANDIDATES = 100
#: Canonical articles compared with a new article in one lookup.
CANDIDATES = 100


class FingerprintTables:
    """Reads and writes of the near-duplicate tables (needs ``self.connection``)."""

    connection: sqlite3.Connection

    def store_fingerprint(self, article_id: str, fingerprint: Fingerprint) -> None:
        """Keep an article's MinHash signature, and its LSH band keys unless it is linked as
        a near-duplicate of another."""
        execute = self.connection.execute
        known = execute("SELECT 1 FROM fingerprints WHERE article_id = ?", (article_id,)).fetchone()
        execute(
            "INSERT OR REPLACE INTO fingerprints VALUES (?, ?)", (article_id, fingerprint.signature)
        )
        if known is not None:  # a re-fingerprinted article (its rows found by their index)
            execute("DELETE FROM fingerprint_bands WHERE article_id = ?", (article_id,))
        linked = execute(
            "SELECT 1 FROM articles WHERE id = ? AND duplicate_of IS NOT NULL", (article_id,)
        ).fetchone()
        if linked is None:
            self.connection.executemany(
                "INSERT OR IGNORE INTO fingerprint_bands VALUES (?, ?, ?)",
                [(band, key, article_id) for band, key in enumerate(fingerprint.bands)],
            )

    def near_duplicate_candidates(
        self, article_id: str, fingerprint: Fingerprint
    ) -> list[tuple[str, bytes]]:
        """Return ``(id, signature)`` of the canonical articles sharing a band key with
        ``fingerprint`` (at most :data:`CANDIDATES`, the most keys shared first): the
        articles to compare it with."""
        per_band = (
            "SELECT * FROM (SELECT b.article_id FROM fingerprint_bands b "
            "JOIN articles a ON a.id = b.article_id WHERE b.band = ? AND b.key = ? "
            "AND b.article_id != ? AND a.duplicate_of IS NULL LIMIT ?)"
        )
        params: list[Any] = []
        for band, key in enumerate(fingerprint.bands):
            params += [band, key, article_id, BAND_CANDIDATES]
        rows = self.connection.execute(
            "SELECT f.article_id, f.signature FROM ("  # noqa: S608
            + " UNION ALL ".join(per_band for _ in fingerprint.bands)
            + ") c JOIN fingerprints f ON f.article_id = c.article_id "
            "GROUP BY f.article_id ORDER BY COUNT(*) DESC, f.article_id LIMIT ?",
            [*params, CANDIDATES],
        ).fetchall()
        return [(row[0], row[1]) for row in rows]

    def duplicates_of(self, article_id: str) -> list[str]:
        """Return the ids of articles linked to this canonical article as near-duplicates."""
        rows = self.connection.execute(
            "SELECT id FROM articles WHERE duplicate_of = ? ORDER BY id", (article_id,)
        )
        return [row[0] for row in rows]

    def set_duplicate_of(
        self, article_id: str, canonical_id: str, *, bands: Sequence[bytes] | None = None
    ) -> None:
        """Link an article to the canonical article it nearly duplicates; it is no candidate
        for later articles any more (its canonical article stands for it).

        Args:
            article_id: The duplicate.
            canonical_id: The article it duplicates.
            bands: The duplicate's LSH band keys when the caller has them: its rows are then
                deleted by their primary key, else found by the article index (migration 16).
        """
        execute = self.connection.execute
        execute("UPDATE articles SET duplicate_of = ? WHERE id = ?", (canonical_id, article_id))
        if bands is None:
            execute("DELETE FROM fingerprint_bands WHERE article_id = ?", (article_id,))
        else:
            self.connection.executemany(
                "DELETE FROM fingerprint_bands WHERE band = ? AND key = ? AND article_id = ?",
                [(band, key, article_id) for band, key in enumerate(bands)],
            )
