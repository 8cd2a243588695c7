"""Revisions: every text an article was captured with, and the lookups that decide whether an
incoming article is new, a new revision, a copy, or something the store already holds."""

from __future__ import annotations

import sqlite3

from parallax.model import Article, Revision, now

_REVISION_COLUMNS = "article_id, content_hash, captured, source, record, title, text, ingested_at"


class RevisionTables:
    """Reads and writes of the revisions table (needs ``self.connection``)."""

    connection: sqlite3.Connection

    def article_state(self, article_id: str) -> tuple[str, str | None] | None:
        """Return the stored article's ``(content_hash, captured)``, or None when it is new."""
        row = self.connection.execute(
            "SELECT content_hash, captured FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        return (row[0], row[1]) if row else None

    def has_revision(self, article_id: str, content_hash: str) -> bool:
        """Return True when this text of the article is stored as one of its revisions."""
        row = self.connection.execute(
            "SELECT 1 FROM revisions WHERE article_id = ? AND content_hash = ?",
            (article_id, content_hash),
        ).fetchone()
        return row is not None

    def add_revision(self, article: Article, *, run_id: int | None) -> None:
        """Keep this text of the article (once: the same text again adds nothing)."""
        self.connection.execute(
            "INSERT OR IGNORE INTO revisions (article_id, content_hash, captured, source, record, "
            "title, text, run_id, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                article.id,
                article.content_hash,
                article.captured,
                article.source,
                article.record,
                article.title,
                article.text,
                run_id,
                now(),
            ),
        )

    def revisions(self, article_id: str) -> list[Revision]:
        """Return every revision of an article, oldest capture first (then in ingest order)."""
        rows = self.connection.execute(
            f"SELECT {_REVISION_COLUMNS} FROM revisions WHERE article_id = ? "  # noqa: S608
            "ORDER BY COALESCE(captured, ingested_at), rowid",
            (article_id,),
        ).fetchall()
        return [Revision(*row) for row in rows]

    def copy_of(self, article: Article) -> str | None:
        """Return the id of another article this one copies word for word under the canonical
        URL it declares (the copy's own canonical article when that is itself a copy)."""
        if not article.canonical_url:
            return None
        row = self.connection.execute(
            "SELECT COALESCE(duplicate_of, id) FROM articles WHERE canonical_url = ? "
            "AND content_hash = ? AND id != ? ORDER BY ingested_at, id LIMIT 1",
            (article.canonical_url, article.content_hash, article.id),
        ).fetchone()
        return str(row[0]) if row else None
