"""The SQLite store: WAL mode, versioned migrations, upserts, FTS5 search.

This package is the only place in Parallax that speaks SQL. Every value from an article
reaches SQLite as a bound parameter, never as part of a statement.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from parallax.codec.articles import (
    ARTICLE_COLUMNS,
    article_from_row,
    article_to_row,
    outlet_from_dict,
    outlet_to_json,
)
from parallax.errors import Code, StoreError
from parallax.model import Article, Outlet, Rejection, now
from parallax.results import SearchHit
from parallax.store.analysis import AnalysisTables
from parallax.store.cjk_search import cjk_index
from parallax.store.connection import connect
from parallax.store.fingerprints import FingerprintTables
from parallax.store.fts import match_expression
from parallax.store.lookup import by_id_or_prefix
from parallax.store.migrations import migrate
from parallax.store.revisions import RevisionTables
from parallax.store.runs import mark_interrupted, this_process
from parallax.store.stories import StoryTables

_INSERT_ARTICLE = (
    f"INSERT INTO articles ({', '.join(ARTICLE_COLUMNS)}, run_id, ingested_at) "  # noqa: S608
    f"VALUES ({', '.join(':' + c for c in ARTICLE_COLUMNS)}, :run_id, :ingested_at) "
    "ON CONFLICT(id) DO UPDATE SET "
    + ", ".join(f"{c} = excluded.{c}" for c in ARTICLE_COLUMNS if c not in ("id", "duplicate_of"))
    # Same text again (a re-run, or the same page from another path): keep the first sighting.
    + " WHERE articles.content_hash != excluded.content_hash"
)
_ARTICLE_SELECT = f"SELECT {', '.join(ARTICLE_COLUMNS)} FROM articles"  # noqa: S608


def fts_query(query: str) -> str:
    """Return the FTS5 expression for a search as typed (see :mod:`parallax.store.fts`)."""
    return match_expression(query)


class SQLiteStore(AnalysisTables, StoryTables, FingerprintTables, RevisionTables):
    """A Parallax corpus in one SQLite file."""

    def __init__(
        self,
        path: str | Path,
        *,
        lock_timeout: float = 600.0,
        on_wait: Callable[[str], None] | None = None,
    ) -> None:
        """Open (creating and migrating as needed) the store at ``path``.

        A write that finds another process writing waits up to ``lock_timeout`` seconds,
        telling ``on_wait`` once that it waits, then raises ``StoreError`` (P502).
        """
        self.path = str(path)
        try:
            self.connection = connect(self.path, lock_timeout=lock_timeout, on_wait=on_wait)
            self.connection.row_factory = sqlite3.Row
            self.connection.execute("PRAGMA journal_mode = WAL")
            self.connection.execute("PRAGMA synchronous = NORMAL")
            self.connection.execute("PRAGMA foreign_keys = ON")
            migrate(self.connection)
        except sqlite3.DatabaseError as error:
            raise StoreError(
                Code.STORE, f"cannot open the store: {error}", path=self.path
            ) from error

    def close(self) -> None:
        """Close the connection."""
        self.connection.close()

    def begin(self) -> None:
        """Start a write transaction."""
        self.connection.execute("BEGIN IMMEDIATE")

    def commit(self) -> None:
        """Commit the open transaction."""
        self.connection.execute("COMMIT")

    def rollback(self) -> None:
        """Roll back the open transaction."""
        self.connection.execute("ROLLBACK")

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Run the enclosed writes as one transaction; roll back if anything fails."""
        self.begin()
        try:
            yield
        except BaseException:
            self.rollback()
            raise
        self.commit()

    # --- runs and the ledger -------------------------------------------------------------
    def start_run(self, command: str) -> int:
        """Record the start of a run and return its id.

        The run keeps the process id and host that run it until it finishes, so that the
        next run can tell a run whose process was killed (see :func:`mark_interrupted`).
        """
        mark_interrupted(self.connection)
        cursor = self.connection.execute(
            "INSERT INTO runs (command, started_at, status, summary) VALUES (?, ?, 'running', ?)",
            (command, now(), json.dumps(this_process())),
        )
        return int(cursor.lastrowid or 0)

    def finish_run(self, run_id: int, summary: dict[str, Any], *, status: str = "finished") -> None:
        """Record the end of a run with its summary counts."""
        self.connection.execute(
            "UPDATE runs SET finished_at = ?, status = ?, summary = ? WHERE id = ?",
            (now(), status, json.dumps(summary), run_id),
        )

    def runs(self) -> list[dict[str, Any]]:
        """Return every run, newest first."""
        rows = self.connection.execute("SELECT * FROM runs ORDER BY id DESC").fetchall()
        return [dict(row) | {"summary": json.loads(row["summary"])} for row in rows]

    def is_finished(self, source: str, digest: str) -> bool:
        """Return True when this exact source content was fully ingested before."""
        return self.finished_rejections(source, digest) is not None

    def finished_rejections(self, source: str, digest: str) -> int | None:
        """Return how many rejections this exact source content had when it was fully
        ingested, or None when it was not."""
        row = self.connection.execute(
            "SELECT rejections FROM ledger WHERE source = ? AND digest = ?", (source, digest)
        ).fetchone()
        return None if row is None else int(row[0])

    def source_rejections(self, source: str, *, limit: int) -> list[Rejection]:
        """Return the latest ``limit`` rejections recorded for a source, oldest first."""
        rows = self.connection.execute(
            "SELECT source, stage, code, reason, record FROM rejections WHERE source = ? "
            "ORDER BY id DESC LIMIT ?",
            (source, limit),
        ).fetchall()
        return [
            Rejection(r["source"], r["stage"], r["code"], r["reason"], r["record"] or None)
            for r in reversed(rows)
        ]

    def mark_finished(self, source: str, digest: str, *, articles: int, rejections: int) -> None:
        """Record a source as fully ingested."""
        self.connection.execute(
            "INSERT OR REPLACE INTO ledger VALUES (?, ?, ?, ?, ?)",
            (source, digest, now(), articles, rejections),
        )

    # --- outlets -------------------------------------------------------------------------
    def upsert_outlet(self, outlet: Outlet) -> None:
        """Store (or refresh) an outlet profile."""
        self.connection.execute(
            "INSERT INTO outlets (id, name, profile) VALUES (?, ?, ?) "
            "ON CONFLICT(id) DO UPDATE SET name = excluded.name, profile = excluded.profile",
            (outlet.id, outlet.name, outlet_to_json(outlet)),
        )

    def outlets(self) -> list[tuple[Outlet, int]]:
        """Return stored outlets with their article counts, most articles first."""
        rows = self.connection.execute(
            "SELECT o.profile, COUNT(a.id) AS n FROM outlets o "
            "LEFT JOIN articles a ON a.outlet_id = o.id GROUP BY o.id ORDER BY n DESC, o.name"
        ).fetchall()
        return [(outlet_from_dict(json.loads(row["profile"])), int(row["n"])) for row in rows]

    # --- articles ------------------------------------------------------------------------
    def has_article(self, article_id: str) -> bool:
        """Return True when an article with this id is stored."""
        query = "SELECT 1 FROM articles WHERE id = ?"
        return self.connection.execute(query, (article_id,)).fetchone() is not None

    def upsert_article(self, article: Article, *, run_id: int | None) -> None:
        """Insert an article, or update it when its text changed.

        ``duplicate_of`` and the first-seen time never change on update.
        """
        params = article_to_row(article) | {"run_id": run_id, "ingested_at": now()}
        self.connection.execute(_INSERT_ARTICLE, params)

    def article(self, article_id: str) -> Article | None:
        """Return one article by id (a unique id prefix also works), or None."""
        row = by_id_or_prefix(self.connection, _ARTICLE_SELECT, article_id)
        return article_from_row(dict(row)) if row else None

    def articles(
        self,
        *,
        outlet_id: str | None = None,
        language: str | None = None,
        limit: int | None = None,
    ) -> list[Article]:
        """Return articles ordered by publication date, then id; ``language`` keeps one."""
        clauses, params = list[str](), list[object]()
        if outlet_id:
            clauses.append("outlet_id = ?")
            params.append(outlet_id)
        if language:
            clauses.append("language = ?")
            params.append(language.strip().lower())
        where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
        query = f"{_ARTICLE_SELECT}{where} ORDER BY published IS NULL, published, id LIMIT ?"
        params.append(-1 if limit is None else limit)
        return [article_from_row(dict(row)) for row in self.connection.execute(query, params)]

    def count_articles(self) -> int:
        """Return how many articles are stored."""
        return int(self.connection.execute("SELECT COUNT(*) FROM articles").fetchone()[0])

    def search(self, query: str, *, limit: int = 20) -> list[SearchHit]:
        """Full-text search over titles and texts, best matches first."""
        match = fts_query(query)
        if not match:
            return []
        cjk = cjk_index(query)
        if cjk:  # Chinese, Japanese, Korean: the trigram index
            sql = (
                f"SELECT a.id, a.title, a.outlet, a.published, {cjk.snippet} AS snippet, "  # noqa: S608
                f"{cjk.rank} AS score FROM {cjk.table} JOIN articles a ON a.rowid = "
                f"{cjk.table}.rowid WHERE {cjk.where} ORDER BY score, a.rowid LIMIT ?"
            )
            rows = self.connection.execute(sql, ("[", "]", *cjk.params, limit)).fetchall()
        else:
            rows = self.connection.execute(
                "SELECT a.id, a.title, a.outlet, a.published, "
                "snippet(articles_fts, 1, '[', ']', '…', 16) AS snippet, "
                "bm25(articles_fts) AS score "
                "FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid "
                "WHERE articles_fts MATCH ? ORDER BY score LIMIT ?",
                (match, limit),
            ).fetchall()
        return [
            SearchHit(r["id"], r["title"], r["outlet"], r["published"], r["snippet"], -r["score"])
            for r in rows
        ]

    # --- rejections ----------------------------------------------------------------------
    def add_rejection(self, rejection: Rejection, *, run_id: int | None) -> None:
        """Record a rejection once (re-running the same input adds no copy)."""
        self.connection.execute(
            "INSERT OR IGNORE INTO rejections (run_id, source, record, stage, code, reason, "
            "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                run_id,
                rejection.source,
                rejection.record or "",
                rejection.stage,
                rejection.code,
                rejection.reason,
                now(),
            ),
        )

    def rejections(self, *, limit: int | None = None) -> list[Rejection]:
        """Return recorded rejections, oldest first."""
        rows = self.connection.execute(
            "SELECT source, stage, code, reason, record FROM rejections ORDER BY id LIMIT ?",
            (-1 if limit is None else limit,),
        )
        return [
            Rejection(r["source"], r["stage"], r["code"], r["reason"], r["record"] or None)
            for r in rows
        ]

    def table_counts(
        self, tables: Sequence[str] = ("articles", "outlets", "rejections", "runs")
    ) -> dict[str, int]:
        """Return row counts of the named tables (names checked against the schema)."""
        known = {
            row[0]
            for row in self.connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'"
            )
        }
        counts = {}
        for table in tables:
            if table not in known:
                raise StoreError(Code.STORE, f"no table named {table!r}", path=self.path)
            counts[table] = int(
                # The name was checked against sqlite_master above.
                self.connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]  # noqa: S608
            )
        return counts
