"""Browsing queries over the story stage: filtered story lists, page by page.

A story is kept when its active period overlaps the date range, when one of its outlets
passes the outlet filters of an article list (:func:`parallax.store.queries.article_clauses`,
the same SQL), and when the entity is one of its key entities or one of its articles mentions
or quotes it. Pages use keyset pagination in the order of ``StoreTables.stories`` (most
recently active first, then most articles, then id). Every value reaches SQLite as a bound
parameter.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Any

from parallax.errors import Code, ConfigError
from parallax.query import STORY_SORTS, ArticleQuery, StoryQuery, check_sort
from parallax.store.queries import (
    ENTITY_ARTICLES,
    article_clauses,
    decode_cursor,
    encode_cursor,
    period_clauses,
)
from parallax.store.sorting import STORY_KEYS, order_of

#: The sort key of the story list: last day (undated last, as '' sorts after every date
#: when descending), article count, id.
_DAY = "COALESCE(st.last_seen, '')"


def story_clauses(query: StoryQuery, entity_name: str | None) -> tuple[list[str], list[Any]]:
    """Return the WHERE clauses (over ``stories st``) and their parameters for ``query``.

    ``query`` is resolved: its ``outlet`` is an outlet id and its ``entity`` an entity id,
    and ``entity_name`` is that entity's canonical name (a story passes when one of its
    articles names the id or the name is among its key entities, any case). Empty strings
    are left out by the caller.
    """
    clauses, params = period_clauses(
        query.since, query.until, start="st.first_seen", end="st.last_seen"
    )
    if query.since and query.until and query.since > query.until:
        clauses.append("0")  # an empty range overlaps nothing, as it keeps no article
    outlets = ArticleQuery(
        outlet=query.outlet, country=query.country, state_affiliated=query.state_affiliated,
        affiliation=query.affiliation, language=query.language,
    )  # fmt: skip
    outlet_where, outlet_params = article_clauses(outlets)
    if outlet_where:
        clauses.append(
            "st.id IN (SELECT s.story_id FROM story_articles s JOIN articles a "  # noqa: S608
            f"ON a.id = s.article_id WHERE {' AND '.join(outlet_where)})"
        )
        params += outlet_params
    if query.entity is not None or entity_name is not None:
        clauses.append(
            "(st.id IN (SELECT s.story_id FROM story_articles s "  # noqa: S608
            f"WHERE s.article_id IN ({ENTITY_ARTICLES})) OR EXISTS (SELECT 1 FROM "
            "json_each(st.entities) WHERE json_each.value = ? COLLATE NOCASE))"
        )
        params += [query.entity, query.entity, entity_name]
    return clauses, params


def _position(cursor: str) -> tuple[str, int, str]:
    try:
        key = decode_cursor(cursor, "t")
    except ConfigError:
        key = []
    if len(key) != 3 or not all(
        isinstance(k, t) for k, t in zip(key, (str, int, str), strict=True)
    ):
        raise ConfigError(Code.CONFIG, f"cursor {cursor!r} is not a story of this list")
    return key[0], key[1], key[2]


def story_page(
    connection: sqlite3.Connection, query: StoryQuery, *, entity_name: str | None = None
) -> tuple[list[str], str | None]:
    """Return the ids of one page of the stories ``query`` keeps, in list order, and the
    cursor of the next page (None on the last page).

    Raises:
        ConfigError: the limit is below 1, or the cursor is not one a story list made.
    """
    if query.limit < 1:
        raise ConfigError(Code.CONFIG, f"limit must be at least 1, got {query.limit}")
    check_sort(query.sort, STORY_SORTS)
    clauses, params = story_clauses(query, entity_name)
    if query.sort not in (None, STORY_SORTS[0]):
        return _sorted_page(connection, query, clauses, params)
    if query.cursor:
        day, count, last = _position(query.cursor)
        clauses.append(
            f"({_DAY} < ? OR ({_DAY} = ? AND (st.article_count < ? "
            "OR (st.article_count = ? AND st.id > ?))))"
        )
        params += [day, day, count, count, last]
    return _page(
        connection, clauses, params, query.limit,
        key=f"{_DAY}, st.article_count", order_by=f"{_DAY} DESC, st.article_count DESC, st.id",
        cursor_of=lambda last: encode_cursor("t", last[1], last[2], last[0]),
    )  # fmt: skip


def _sorted_page(
    connection: sqlite3.Connection, query: StoryQuery, clauses: list[str], params: list[Any]
) -> tuple[list[str], str | None]:
    """One page of story ids in another order than the default, and the next cursor."""
    sort = query.sort or STORY_SORTS[0]
    order = order_of(sort, STORY_KEYS, "st.id")
    if query.cursor:
        clauses = [*clauses, order.after]
        params = [*params, *order.position(decode_cursor(query.cursor, f"t{sort}"))]
    return _page(
        connection, clauses, params, query.limit, key=order.key, order_by=order.sql,
        cursor_of=lambda last: encode_cursor(f"t{sort}", last[1], last[0]),
    )  # fmt: skip


def _page(
    connection: sqlite3.Connection,
    clauses: list[str],
    params: list[Any],
    limit: int,
    *,
    key: str,
    order_by: str,
    cursor_of: Callable[[Any], str],
) -> tuple[list[str], str | None]:
    """One page of story ids and the next cursor: ``key`` is the sort key's columns and
    ``order_by`` the order; one row more than ``limit`` is read to know whether a next page
    exists, and ``cursor_of`` makes its cursor from the page's last row."""
    where = " AND ".join(clauses) or "1"
    rows = connection.execute(
        f"SELECT st.id, {key} FROM stories st WHERE {where} "  # noqa: S608
        f"ORDER BY {order_by} LIMIT ?",
        [*params, limit + 1],
    ).fetchall()
    ids = [row[0] for row in rows[:limit]]
    next_cursor = cursor_of(rows[limit - 1]) if len(rows) > limit else None
    return ids, next_cursor


def count_stories(
    connection: sqlite3.Connection, query: StoryQuery, *, entity_name: str | None = None
) -> int:
    """Return how many stories ``query`` keeps (its ``limit`` and ``cursor`` are unused)."""
    clauses, params = story_clauses(query, entity_name)
    where = " AND ".join(clauses) or "1"
    row = connection.execute(f"SELECT COUNT(*) FROM stories st WHERE {where}", params)  # noqa: S608
    return int(row.fetchone()[0])
