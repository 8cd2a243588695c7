"""What a story's page reads in a few queries: its articles, its timeline's inputs, and its
stored timeline.

A story's timeline is a pure function of its articles' outlets, dates and analyses (and of the
code that builds it). It is stored with a key, a hash the caller makes of the rows
:func:`timeline_key_rows` returns; a stored timeline whose key differs is stale, is never
returned, and is replaced when timelines are stored again.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from datetime import date
from typing import Any

from parallax.codec.articles import ARTICLE_COLUMNS, article_from_row
from parallax.model import Article, Claim, Quantity, TimeExpression
from parallax.store.sorting import NAMED

#: Ids are passed as one JSON array (``json_each``): one statement however large the story.
_IDS = "SELECT value FROM json_each(?)"


def _ids(article_ids: Sequence[str]) -> str:
    return json.dumps(list(article_ids))


def articles_by_id(connection: sqlite3.Connection, article_ids: Sequence[str]) -> list[Article]:
    """Return the stored articles among ``article_ids`` (in no particular order)."""
    query = f"SELECT {', '.join(ARTICLE_COLUMNS)} FROM articles WHERE id IN ({_IDS})"  # noqa: S608
    return [article_from_row(dict(row)) for row in connection.execute(query, (_ids(article_ids),))]


def timeline_inputs(
    connection: sqlite3.Connection, article_ids: Sequence[str]
) -> dict[
    str,
    tuple[
        str | None,
        date | None,
        tuple[Claim, ...],
        tuple[TimeExpression, ...],
        str | None,
        tuple[tuple[int, int], ...],
    ],
]:
    """Return, by article id, what a timeline reads of each stored article: its outlet, its
    publication date, its claims, its time expressions (each in span order), its language and
    the spans of its direct and partial quotes (someone else's words)."""
    ids = _ids(article_ids)
    heads = connection.execute(
        f"SELECT id, outlet, published, language FROM articles WHERE id IN ({_IDS})",  # noqa: S608
        (ids,),
    ).fetchall()
    claims: dict[str, list[Claim]] = {}
    for r in connection.execute(
        "SELECT article_id, span_start, span_end, text, score, extractor, quantities FROM "  # noqa: S608
        f"claims WHERE article_id IN ({_IDS}) ORDER BY article_id, span_start",
        (ids,),
    ):
        quantities = tuple(Quantity(*q) for q in json.loads(r[6]))
        claims.setdefault(r[0], []).append(Claim(r[0], r[1], r[2], r[3], r[4], r[5], quantities))
    dates: dict[str, list[TimeExpression]] = {}
    for r in connection.execute(
        "SELECT article_id, span_start, span_end, text, type, value, extractor, event_start, "  # noqa: S608
        "event_end, event_tense, event_role FROM time_expressions "
        f"WHERE article_id IN ({_IDS}) ORDER BY article_id, span_start",
        (ids,),
    ):
        dates.setdefault(r[0], []).append(TimeExpression(*r))
    quoted: dict[str, list[tuple[int, int]]] = {}
    for r in connection.execute(
        "SELECT article_id, span_start, span_end FROM quotes "  # noqa: S608
        f"WHERE article_id IN ({_IDS}) AND kind IN ('direct', 'partial') "
        "ORDER BY article_id, span_start",
        (ids,),
    ):
        quoted.setdefault(r[0], []).append((r[1], r[2]))
    return {
        row[0]: (
            row[1],
            date.fromisoformat(row[2]) if row[2] else None,
            tuple(claims.get(row[0], ())),
            tuple(dates.get(row[0], ())),
            row[3],
            tuple(quoted.get(row[0], ())),
        )
        for row in heads
    }


_KEY_ROWS = (
    "SELECT s.story_id, s.article_id, a.outlet, a.published, a.content_hash, n.version, "
    "n.analyzed_at FROM story_articles s JOIN articles a ON a.id = s.article_id "
    "LEFT JOIN analyses n ON n.article_id = s.article_id"
)


def timeline_key_rows(connection: sqlite3.Connection, story_id: str) -> list[tuple[Any, ...]]:
    """Return what a story's stored timeline is keyed by: for each of its articles, its id,
    outlet, date, content hash, and its analysis's version and time (an analysis written
    again gets a new time), in article id order."""
    return [
        tuple(row[1:])
        for row in connection.execute(
            f"{_KEY_ROWS} WHERE s.story_id = ? ORDER BY s.article_id", (story_id,)
        )
    ]


def all_timeline_key_rows(connection: sqlite3.Connection) -> dict[str, list[tuple[Any, ...]]]:
    """Return :func:`timeline_key_rows` of every story, by story id, in one query."""
    found: dict[str, list[tuple[Any, ...]]] = {}
    for row in connection.execute(f"{_KEY_ROWS} ORDER BY s.story_id, s.article_id"):
        found.setdefault(row[0], []).append(tuple(row[1:]))
    return found


def load_timeline(
    connection: sqlite3.Connection, story_id: str, key: str
) -> list[dict[str, Any]] | None:
    """Return a story's stored timeline made from ``key`` (its entries as JSON), or None."""
    row = connection.execute(
        "SELECT entries FROM story_timelines WHERE story_id = ? AND key = ?", (story_id, key)
    ).fetchone()
    if row is None:
        return None
    entries: list[dict[str, Any]] = json.loads(row[0])
    return entries


def stored_timeline_keys(connection: sqlite3.Connection) -> dict[str, str]:
    """Return the key of every stored timeline, by story id."""
    return dict(connection.execute("SELECT story_id, key FROM story_timelines").fetchall())


def save_timeline(
    connection: sqlite3.Connection, story_id: str, key: str, entries: list[dict[str, Any]]
) -> bool:
    """Store a story's timeline in place of any older one; False if the file is read-only."""
    try:
        connection.execute(
            "INSERT INTO story_timelines (story_id, key, entries) VALUES (?, ?, ?) "
            "ON CONFLICT (story_id) DO UPDATE SET key = excluded.key, entries = excluded.entries",
            (story_id, key, json.dumps(entries, ensure_ascii=False)),
        )
    except sqlite3.OperationalError as error:
        if "readonly" in str(error):
            return False
        raise
    return True


def drop_timelines(connection: sqlite3.Connection, keep: Sequence[str]) -> int:
    """Remove the stored timelines of stories not in ``keep`` (merged away); return how many."""
    cursor = connection.execute(
        f"DELETE FROM story_timelines WHERE story_id NOT IN ({_IDS})",  # noqa: S608
        (_ids(keep),),
    )
    return cursor.rowcount


def has_comparison(connection: sqlite3.Connection, story_id: str) -> bool:
    """Whether any comparison of the story is stored (current or not)."""
    row = connection.execute(
        "SELECT 1 FROM comparisons WHERE story_id = ? LIMIT 1", (story_id,)
    ).fetchone()
    return row is not None


def story_title_of(connection: sqlite3.Connection, article_id: str) -> tuple[str, str] | None:
    """Return the id and shown title of the story an article belongs to, reading neither the
    story's article list nor its articles (a breadcrumb needs only these)."""
    row = connection.execute(
        f"SELECT st.id, {NAMED} FROM story_articles s JOIN stories st "  # noqa: S608
        "ON st.id = s.story_id WHERE s.article_id = ?",
        (article_id,),
    ).fetchone()
    return (row[0], row[1]) if row else None
