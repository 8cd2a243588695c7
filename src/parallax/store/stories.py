"""Store tables of the story stage: stories, each article's assignment, the grouper's state.

Mixed into :class:`parallax.store.sqlite.SQLiteStore`; only SQL and row conversion live here.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Collection, Iterable
from datetime import date
from typing import Any

import orjson

from parallax.model import Story
from parallax.store.lookup import by_id_or_prefix, rows_in
from parallax.store.sorting import NAMED

# What ``json.dumps`` accepted in a snapshot, orjson accepts too: keys that are not strings
# (written as strings) and numpy numbers.
_SNAPSHOT_OPTIONS = orjson.OPT_NON_STR_KEYS | orjson.OPT_SERIALIZE_NUMPY


# A story row as :meth:`StoryTables._story` reads it: the title is the one lists show.
_STORY_COLUMNS = f"id, {NAMED}, first_seen, last_seen, entities, outlets, grouper"

# The key under which the saved rest of the state lists its stories' ids, in their order.
_STORY_ORDER = "story_order"


def encode_snapshot(snapshot: dict[str, Any]) -> str:
    """Return the grouper's state as the store writes it (compact JSON)."""
    return orjson.dumps(snapshot, option=_SNAPSHOT_OPTIONS).decode()


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


class StoryTables:
    """Reads and writes of the story tables (needs ``self.connection``)."""

    connection: sqlite3.Connection

    def story_snapshot(self) -> dict[str, Any] | None:
        """Return the grouper's saved state, or None before the first grouping."""
        row = self.connection.execute("SELECT snapshot FROM story_index WHERE id = 1").fetchone()
        if not row:
            return None
        snapshot: dict[str, Any] = json.loads(row[0])
        order = snapshot.pop(_STORY_ORDER, None)
        if order is None:  # saved whole, before the stories had rows of their own
            return snapshot
        states = dict(self.connection.execute("SELECT story_id, state FROM story_states"))
        snapshot["stories"] = [json.loads(states[story_id]) for story_id in order]
        return snapshot

    def save_story_snapshot(self, snapshot: dict[str, Any], *, updated_at: str) -> None:
        """Save the grouper's state: the stories a batch changed, and the rest.

        Each story is a row with a digest of its state, so a batch rewrites only the stories
        whose state changed (those it touched) and deletes those merged away, not the whole
        state; the rest (term statistics, the candidate index, which article is in which
        story) is one row. Most of the state is the floats of the stories' centroids, which
        orjson encodes about four times faster than ``json`` (the same JSON, read back to the
        same numbers).
        """
        rest = {key: value for key, value in snapshot.items() if key != "stories"}
        rest[_STORY_ORDER] = [story["id"] for story in snapshot["stories"]]
        states = {
            story["id"]: orjson.dumps(story, option=_SNAPSHOT_OPTIONS)
            for story in snapshot["stories"]
        }
        saved = dict(self.connection.execute("SELECT story_id, digest FROM story_states"))
        changed = []
        for story_id, state in states.items():
            digest = hashlib.blake2b(state, digest_size=16).digest()
            if saved.get(story_id) != digest:
                changed.append((story_id, digest, state.decode()))
        self.connection.executemany(
            "INSERT INTO story_states (story_id, digest, state) VALUES (?, ?, ?) "
            "ON CONFLICT(story_id) DO UPDATE SET digest = excluded.digest, state = excluded.state",
            changed,
        )
        self.connection.executemany(
            "DELETE FROM story_states WHERE story_id = ?",
            [(story_id,) for story_id in saved.keys() - states.keys()],
        )
        self.connection.execute(
            "INSERT INTO story_index (id, snapshot, updated_at) VALUES (1, ?, ?) "
            "ON CONFLICT(id) DO UPDATE SET snapshot = excluded.snapshot, "
            "updated_at = excluded.updated_at",
            (encode_snapshot(rest), updated_at),
        )

    def unassigned_articles(self, *, limit: int) -> list[dict[str, Any]]:
        """Return articles without a story, in publication order (undated last)."""
        # The ids are chosen first, then only their rows read: sorting every unassigned
        # article's text for each batch made grouping a large new corpus quadratic.
        ids = [
            row[0]
            for row in self.connection.execute(
                "SELECT a.id FROM articles a "
                "LEFT JOIN story_articles s ON s.article_id = a.id WHERE s.article_id IS NULL "
                "ORDER BY a.published IS NULL, a.published, a.id LIMIT ?",
                (limit,),
            )
        ]
        found = {
            r[0]: r
            for r in rows_in(
                self.connection,
                "SELECT id, published, title, text, outlet, language FROM articles "
                "WHERE id IN ({marks})",
                ids,
            )
        }
        return [
            {
                "id": r[0],
                "published": _date(r[1]),
                "title": r[2],
                "text": r[3],
                "outlet": r[4],
                "language": r[5],
            }
            for r in (found[article_id] for article_id in ids)
        ]

    def share_in_languages(self, languages: Iterable[str]) -> float:
        """Return the share of stored articles in one of ``languages`` (ISO 639-1 codes, as
        ingest detected them or the source declared them); 0 for an empty store."""
        row = self.connection.execute(
            "SELECT COUNT(*), COALESCE(SUM(language IN (SELECT value FROM json_each(?))), 0) "
            "FROM articles",
            (json.dumps(sorted(languages)),),
        ).fetchone()
        return float(row[1]) / row[0] if row[0] else 0.0

    def count_unassigned(self) -> int:
        """Return how many articles have no story yet."""
        return int(
            self.connection.execute(
                "SELECT COUNT(*) FROM articles a LEFT JOIN story_articles s "
                "ON s.article_id = a.id WHERE s.article_id IS NULL"
            ).fetchone()[0]
        )

    def entity_names(self, article_id: str) -> frozenset[str]:
        """Return the canonical names of the entities an article mentions."""
        rows = self.connection.execute(
            "SELECT DISTINCT COALESCE(e.name, m.entity) FROM mentions m "
            "LEFT JOIN entities e ON e.id = m.entity_id WHERE m.article_id = ?",
            (article_id,),
        )
        return frozenset(row[0] for row in rows)

    def record_assignment(
        self, article_id: str, story_id: str, explanation: dict[str, Any], *, grouper: str,
        assigned_at: str,
    ) -> None:  # fmt: skip
        """Record which story an article joined, and why."""
        self.connection.execute(
            "INSERT INTO story_articles (article_id, story_id, explanation, grouper, assigned_at) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT(article_id) DO UPDATE SET "
            "story_id = excluded.story_id, explanation = excluded.explanation, "
            "grouper = excluded.grouper, assigned_at = excluded.assigned_at",
            (article_id, story_id, json.dumps(explanation), grouper, assigned_at),
        )

    def replace_stories(
        self, stories: Iterable[Story], *, removed: Iterable[str], updated_at: str
    ) -> None:
        """Write changed stories, drop merged-away ones, and point their articles at them."""
        self.connection.executemany(
            "DELETE FROM stories WHERE id = ?", [(story_id,) for story_id in removed]
        )
        for story in stories:
            self.connection.execute(
                "INSERT INTO stories (id, title, first_seen, last_seen, entities, outlets, "
                "article_count, grouper, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT(id) DO UPDATE SET title = excluded.title, "
                "first_seen = excluded.first_seen, last_seen = excluded.last_seen, "
                "entities = excluded.entities, outlets = excluded.outlets, "
                "article_count = excluded.article_count, grouper = excluded.grouper, "
                "updated_at = excluded.updated_at",
                (
                    story.id, story.title,
                    story.first_seen.isoformat() if story.first_seen else None,
                    story.last_seen.isoformat() if story.last_seen else None,
                    json.dumps(story.entities), json.dumps(story.outlets),
                    len(story.article_ids), story.grouper, updated_at,
                ),
            )  # fmt: skip
            self.connection.executemany(
                "UPDATE story_articles SET story_id = ? WHERE article_id = ?",
                [(story.id, article_id) for article_id in story.article_ids],
            )

    def stories(
        self, *, limit: int | None = None, ids: Collection[str] | None = None
    ) -> list[Story]:
        """Return stories, most recently active first; only those in ``ids`` when given."""
        among, params = "", list[Any]()
        if ids is not None:  # one JSON array, however many ids: no limit on bound variables
            among = "WHERE id IN (SELECT value FROM json_each(?)) "
            params.append(json.dumps(sorted(ids)))
        rows = self.connection.execute(
            f"SELECT {_STORY_COLUMNS} FROM stories st {among}"  # noqa: S608
            "ORDER BY last_seen IS NULL, last_seen DESC, article_count DESC, id LIMIT ?",
            [*params, -1 if limit is None else limit],
        ).fetchall()
        return [self._story(row) for row in rows]

    def story(self, story_id: str) -> Story | None:
        """Return one story by id (or a unique id prefix)."""
        query = f"SELECT {_STORY_COLUMNS} FROM stories st"  # noqa: S608
        row = by_id_or_prefix(self.connection, query, story_id)
        return self._story(row) if row else None

    def story_text_chars(self, story_ids: Iterable[str]) -> dict[str, int]:
        """Return the characters of text of each story's articles, together, by story id (a
        story without articles is left out), without reading the articles into Python."""
        sql = (
            "SELECT s.story_id, SUM(LENGTH(a.text)) FROM story_articles s JOIN articles a "
            "ON a.id = s.article_id WHERE s.story_id IN ({marks}) GROUP BY s.story_id"
        )
        return {row[0]: int(row[1] or 0) for row in rows_in(self.connection, sql, story_ids)}

    def story_headlines(self, story_id: str) -> list[tuple[str | None, str | None]]:
        """Return the headline and outlet of each of a story's articles, in the order its page
        lists them (by date, undated last), without reading the articles."""
        rows = self.connection.execute(
            "SELECT a.title, a.outlet FROM story_articles s JOIN articles a "
            "ON a.id = s.article_id WHERE s.story_id = ? "
            "ORDER BY a.published IS NULL, a.published, a.id",
            (story_id,),
        )
        return [(row[0], row[1]) for row in rows]

    def save_story_title(self, story_id: str, title: str) -> bool:
        """Store a story's neutral title; True when it changed (False when the file is
        read-only), so that a title that stays the same writes nothing."""
        try:
            changed = self.connection.execute(
                "UPDATE stories SET neutral_title = ? WHERE id = ? AND neutral_title IS NOT ?",
                (title, story_id, title),
            ).rowcount
        except sqlite3.OperationalError as error:
            if "readonly" in str(error):
                return False
            raise
        return changed > 0

    def story_of(self, article_id: str) -> tuple[str, dict[str, Any]] | None:
        """Return the story an article belongs to, with the explanation of its assignment."""
        row = self.connection.execute(
            "SELECT story_id, explanation FROM story_articles WHERE article_id = ?", (article_id,)
        ).fetchone()
        return (row[0], json.loads(row[1])) if row else None

    def _story(self, row: Any) -> Story:
        ids = self.connection.execute(
            "SELECT s.article_id FROM story_articles s JOIN articles a ON a.id = s.article_id "
            "WHERE s.story_id = ? ORDER BY a.published IS NULL, a.published, a.id",
            (row[0],),
        )
        return Story(
            id=row[0],
            title=row[1],
            article_ids=tuple(r[0] for r in ids),
            entities=tuple(json.loads(row[4])),
            outlets=tuple(json.loads(row[5])),
            first_seen=_date(row[2]),
            last_seen=_date(row[3]),
            grouper=row[6],
        )
