"""Browsing queries for the API and web: filtered article lists and search, page by page.

Pages use keyset pagination: each page ends with an opaque cursor that encodes the sort key of
its last row, and the next page starts strictly after that key. Following cursors reaches every
matching row exactly once however large the corpus is, and a page costs the same at the end of
the corpus as at its start (no ``OFFSET``). Every value reaches SQLite as a bound parameter.
"""

from __future__ import annotations

import base64
import binascii
import json
import sqlite3
from dataclasses import replace
from datetime import date
from typing import Any

from parallax.codec.articles import ARTICLE_COLUMNS, article_from_row, outlet_from_dict
from parallax.errors import Code, ConfigError
from parallax.model import Article, Outlet
from parallax.query import ARTICLE_SORTS, SEARCH_SORTS, ArticleQuery, check_sort
from parallax.results import MATCH_END, MATCH_START, ArticleSummary, Page, SearchResult
from parallax.store.cjk_search import SearchIndex, cjk_index
from parallax.store.fts import match_expression
from parallax.store.sorting import ARTICLE_KEYS, order_of

#: Characters of the cleaned text kept as an article's opening in list rows.
OPENING_CHARS = 280
#: Marks around matched words in search snippets: control characters that cleaned news text
#: does not contain, so a face can highlight matches without parsing the text itself.

_SUMMARY_COLUMNS = (
    "a.id, a.title, a.outlet, a.outlet_id, a.published, a.published_source, a.url, "
    f"substr(a.text, 1, {OPENING_CHARS + 1}) AS opening, a.duplicate_of, a.language"
)
#: Articles that mention an entity, or quote it as a speaker (two bound ids).
ENTITY_ARTICLES = (
    "SELECT article_id FROM mentions WHERE entity_id = ? "
    "UNION SELECT article_id FROM quotes WHERE speaker_id = ?"
)
# Outlets whose stored profile documents a state affiliation (any value).
_AFFILIATED = (
    "SELECT id FROM outlets WHERE json_extract(profile, '$.state_affiliation.value') IS NOT NULL"
)


def encode_cursor(kind: str, *key: Any) -> str:
    """Return an opaque, URL-safe cursor for the sort key of the last row of a page."""
    data = json.dumps([kind, *key], separators=(",", ":")).encode("utf-8")
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def decode_cursor(cursor: str, kind: str) -> list[Any]:
    """Return the sort key a cursor of ``kind`` encodes.

    Raises:
        ConfigError: the cursor was not made by :func:`encode_cursor` for this kind of list.
    """
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        value = json.loads(raw.decode("utf-8"))
    except (binascii.Error, UnicodeDecodeError, ValueError):
        value = None
    if not isinstance(value, list) or not value or value[0] != kind:
        raise ConfigError(
            Code.CONFIG,
            "invalid cursor: pass the next_cursor of a previous page of the same list unchanged",
        )
    return value[1:]


def _summary(row: sqlite3.Row) -> ArticleSummary:
    opening = row["opening"]
    if len(opening) > OPENING_CHARS:
        opening = opening[:OPENING_CHARS].rsplit(None, 1)[0] + "…"
    return ArticleSummary(
        id=row["id"],
        title=row["title"],
        outlet=row["outlet"],
        outlet_id=row["outlet_id"],
        published=date.fromisoformat(row["published"]) if row["published"] else None,
        published_source=row["published_source"],
        url=row["url"],
        opening=opening,
        duplicate_of=row["duplicate_of"],
        language=row["language"],
    )


def like_pattern(text: str) -> str:
    """Escape LIKE wildcards so user text matches literally (with ``ESCAPE '\\'``)."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _match(query: str) -> str:
    """Return the FTS5 match expression for a search as typed (see :mod:`parallax.store.fts`)."""
    return match_expression(query)


def period_clauses(
    since: date | None, until: date | None, *, start: str, end: str
) -> tuple[list[str], list[Any]]:
    """Return the WHERE clauses and parameters keeping rows whose period overlaps the range.

    A row's period runs from column ``start`` to column ``end`` (an article's is its one
    ``published`` day, a story's its first to its last day); ``since`` and ``until`` are the
    range's ends, each left open when None.
    """
    clauses: list[str] = []
    params: list[Any] = []
    if since is not None:
        clauses.append(f"{end} >= ?")
        params.append(since.isoformat())
    if until is not None:
        clauses.append(f"{start} <= ?")
        params.append(until.isoformat())
    return clauses, params


def article_clauses(query: ArticleQuery) -> tuple[list[str], list[Any]]:
    """Return the WHERE clauses (over ``articles a``) and their parameters for ``query``.

    ``query`` is resolved: its ``outlet`` is an outlet id and its ``entity`` an entity id;
    empty strings are left out by the caller (see :mod:`parallax.resources`).
    """
    clauses: list[str] = []
    params: list[Any] = []
    if query.outlet is not None:
        clauses.append("a.outlet_id = ?")
        params.append(query.outlet)
    period_where, period_params = period_clauses(
        query.since, query.until, start="a.published", end="a.published"
    )
    clauses += period_where
    params += period_params
    if query.country:
        clauses.append(
            "a.outlet_id IN (SELECT id FROM outlets WHERE "
            "json_extract(profile, '$.country.value') LIKE ? || '%' ESCAPE '\\')"
        )
        params.append(like_pattern(query.country.strip()))
    if query.affiliation:
        clauses.append(
            "a.outlet_id IN (SELECT id FROM outlets WHERE "
            "json_extract(profile, '$.state_affiliation.value') LIKE '%' || ? || '%' ESCAPE '\\')"
        )
        params.append(like_pattern(query.affiliation.strip()))
    if query.state_affiliated is True:
        clauses.append(f"a.outlet_id IN ({_AFFILIATED})")
    elif query.state_affiliated is False:
        clauses.append(f"(a.outlet_id IS NULL OR a.outlet_id NOT IN ({_AFFILIATED}))")
    if query.entity is not None:
        clauses.append(f"a.id IN ({ENTITY_ARTICLES})")
        params += [query.entity, query.entity]
    if query.language:
        clauses.append("a.language = ?")
        params.append(query.language.strip().lower())
    match = _match(query.q or "")
    cjk = cjk_index(query.q or "")
    if cjk:
        clauses.append(f"a.rowid IN (SELECT rowid FROM {cjk.table} WHERE {cjk.where})")  # noqa: S608
        params += cjk.params
    elif match:
        clauses.append("a.rowid IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)")
        params.append(match)
    return clauses, params


def _limit(limit: int) -> int:
    if limit < 1:
        raise ConfigError(Code.CONFIG, f"limit must be at least 1, got {limit}")
    return limit


def _position(cursor: str | None) -> tuple[str | None, str] | None:
    """Return the (published, id) of the last row of the previous page, if any."""
    if not cursor:
        return None
    key = decode_cursor(cursor, "a")
    if len(key) != 2 or not isinstance(key[1], str) or not isinstance(key[0], str | None):
        raise ConfigError(Code.CONFIG, "invalid cursor: it does not hold an article position")
    return key[0], key[1]


def _select(
    connection: sqlite3.Connection, clauses: list[str], params: list[Any], order: str, limit: int
) -> list[sqlite3.Row]:
    where = " AND ".join(clauses) or "1"
    query = f"SELECT {_SUMMARY_COLUMNS} FROM articles a WHERE {where} ORDER BY {order} LIMIT ?"  # noqa: S608
    return connection.execute(query, [*params, limit]).fetchall()


def article_page(connection: sqlite3.Connection, query: ArticleQuery) -> Page[ArticleSummary]:
    """Return one page of the articles ``query`` keeps, newest first (undated articles last).

    The order is (published, id) descending. Dated and undated articles are read by two
    simple range queries, one after the other, so each page is an index range scan rather
    than a sort of everything after the cursor.
    """
    limit = _limit(query.limit)
    check_sort(query.sort, ARTICLE_SORTS)
    clauses, params = article_clauses(query)
    if query.sort not in (None, ARTICLE_SORTS[0]):
        return _sorted_page(connection, query.sort, clauses, params, query.cursor, limit)
    position = _position(query.cursor)
    rows: list[sqlite3.Row] = []
    if position is None or position[0] is not None:
        after, after_params = ["a.published IS NOT NULL"], list[Any]()
        if position is not None:
            after.append("(a.published, a.id) < (?, ?)")
            after_params += [position[0], position[1]]
        order = "a.published DESC, a.id DESC"
        rows = _select(connection, clauses + after, params + after_params, order, limit + 1)
    if len(rows) <= limit:
        after, after_params = ["a.published IS NULL"], []
        if position is not None and position[0] is None:
            after.append("a.id < ?")
            after_params.append(position[1])
        more = limit + 1 - len(rows)
        rows += _select(connection, clauses + after, params + after_params, "a.id DESC", more)
    items = tuple(_summary(row) for row in rows[:limit])
    next_cursor = None
    if len(rows) > limit:
        last = items[-1]
        published = last.published.isoformat() if last.published else None
        next_cursor = encode_cursor("a", published, last.id)
    return Page(items, next_cursor)


def _sorted_page(
    connection: sqlite3.Connection,
    sort: str,
    clauses: list[str],
    params: list[Any],
    cursor: str | None,
    limit: int,
) -> Page[ArticleSummary]:
    """One page in another order than the default: the page's rows are chosen by key alone
    (no text read), then read."""
    order = order_of(sort, ARTICLE_KEYS, "a.id")
    if cursor:
        clauses = [*clauses, order.after]
        params = [*params, *order.position(decode_cursor(cursor, f"a{sort}"))]
    where = " AND ".join(clauses) or "1"
    rows = connection.execute(
        f"SELECT {_SUMMARY_COLUMNS}, {order.key} AS sort_key FROM articles a "  # noqa: S608
        f"WHERE a.rowid IN (SELECT a.rowid FROM articles a WHERE {where} ORDER BY {order.sql} "
        f"LIMIT ?) ORDER BY {order.sql}",
        [*params, limit + 1],
    ).fetchall()
    items = tuple(_summary(row) for row in rows[:limit])
    next_cursor = None
    if len(rows) > limit:
        last = rows[limit - 1]
        next_cursor = encode_cursor(f"a{sort}", last["sort_key"], last["id"])
    return Page(items, next_cursor)


def count_articles(connection: sqlite3.Connection, query: ArticleQuery) -> int:
    """Return how many articles ``query`` keeps (its ``limit`` and ``cursor`` are unused)."""
    clauses, params = article_clauses(query)
    where = " AND ".join(clauses) or "1"
    sql = f"SELECT COUNT(*) FROM articles a WHERE {where}"  # noqa: S608
    return int(connection.execute(sql, params).fetchone()[0])


def search_page(connection: sqlite3.Connection, query: ArticleQuery) -> Page[SearchResult]:
    """Return one page of full-text matches of ``query.q``, best first (ties in the order
    they were stored).

    ``query.q`` is in search syntax (:mod:`parallax.store.fts`); ``query.sort`` "published"
    or "-published" orders the matches by date instead of relevance. The other filters keep
    the matches an article list with the same filters keeps; the rank of a match does not
    depend on them, so cursors stay valid from page to page.
    """
    limit, cursor = _limit(query.limit), query.cursor
    check_sort(query.sort, SEARCH_SORTS)
    match = _match(query.q or "")
    if not match:
        return Page((), None)
    index = cjk_index(query.q or "") or SearchIndex(
        "articles_fts", "articles_fts MATCH ?", (match,), "bm25(articles_fts)",
        "snippet(articles_fts, 1, ?, ?, '…', 24)",
    )  # fmt: skip
    if query.sort not in (None, SEARCH_SORTS[0]):
        return _dated_search(connection, query, index)
    kept, kept_params = article_clauses(replace(query, q=None))
    within = ""
    if kept:
        within = f" AND rowid IN (SELECT a.rowid FROM articles a WHERE {' AND '.join(kept)})"  # noqa: S608
    after, after_params = "", list[Any]()
    if cursor:
        key = decode_cursor(cursor, "s")
        if len(key) != 2 or not isinstance(key[0], int | float) or type(key[1]) is not int:
            raise ConfigError(Code.CONFIG, "invalid cursor: it does not hold a search position")
        after = "WHERE rank > ? OR (rank = ? AND row > ?)"
        after_params = [key[0], key[0], key[1]]
    # bm25() is lower for better matches. Every match is ranked inside the full-text index
    # alone (no join: a common word matches most of a corpus), and only the page's rows are
    # then read, with their snippets. Filters only narrow which matches that query keeps (the
    # filtered rowids are gathered once), so a match has the same rank and cursor either way.
    ranked = connection.execute(
        f"SELECT row, rank FROM (SELECT rowid AS row, {index.rank} AS rank "  # noqa: S608
        f"FROM {index.table} WHERE {index.where}{within}) {after} ORDER BY rank, row LIMIT ?",
        [*index.params, *kept_params, *after_params, limit + 1],
    ).fetchall()
    page = ranked[:limit]
    if not page:
        return Page((), None)
    marks = ",".join("?" for _ in page)
    rows = connection.execute(
        f"SELECT a.rowid AS row, {_SUMMARY_COLUMNS}, {index.snippet} AS snippet "  # noqa: S608
        f"FROM {index.table} JOIN articles a ON a.rowid = {index.table}.rowid "
        f"WHERE {index.where} AND {index.table}.rowid IN ({marks})",
        [MATCH_START, MATCH_END, *index.params, *(row["row"] for row in page)],
    ).fetchall()
    by_row = {row["row"]: row for row in rows}
    items = tuple(
        SearchResult(_summary(by_row[hit["row"]]), by_row[hit["row"]]["snippet"], -hit["rank"])
        for hit in page
        if hit["row"] in by_row
    )
    next_cursor = None
    if len(ranked) > limit:
        last = page[-1]
        next_cursor = encode_cursor("s", last["rank"], last["row"])
    return Page(items, next_cursor)


def _dated_search(
    connection: sqlite3.Connection, query: ArticleQuery, index: SearchIndex
) -> Page[SearchResult]:
    """Matches by publication date: the article list's page of them, with their snippets."""
    page = article_page(connection, query)
    if not page.items:
        return Page((), None)
    marks = ",".join("?" for _ in page.items)
    rows = connection.execute(
        f"SELECT a.id, {index.snippet} AS snippet, {index.rank} AS rank "  # noqa: S608
        f"FROM {index.table} JOIN articles a ON a.rowid = {index.table}.rowid "
        f"WHERE {index.where} AND a.id IN ({marks})",
        [MATCH_START, MATCH_END, *index.params, *(item.id for item in page.items)],
    ).fetchall()
    by_id = {row["id"]: row for row in rows}
    items = tuple(
        SearchResult(item, by_id[item.id]["snippet"], -by_id[item.id]["rank"])
        for item in page.items
        if item.id in by_id
    )
    return Page(items, page.next_cursor)


def stored_outlet(connection: sqlite3.Connection, outlet_id: str) -> Outlet | None:
    """Return the stored profile of the outlet with exactly this id, or None."""
    row = connection.execute("SELECT profile FROM outlets WHERE id = ?", (outlet_id,)).fetchone()
    return outlet_from_dict(json.loads(row["profile"])) if row else None


def outlet_names(connection: sqlite3.Connection) -> list[tuple[str, str]]:
    """Return ``(id, name)`` of every stored outlet, by name (cheap: no profile, no count)."""
    rows = connection.execute("SELECT id, name FROM outlets ORDER BY name COLLATE NOCASE, id")
    return [(row["id"], row["name"]) for row in rows]


def article_batch(
    connection: sqlite3.Connection, *, after: tuple[str | None, str] | None, limit: int
) -> list[Article]:
    """Return up to ``limit`` whole articles by publication date, then id (undated last),
    starting after the ``(published, id)`` of the last article of the batch before."""
    where, params = "", list[Any]()
    if after is not None and after[0] is not None:
        where = " WHERE published IS NULL OR (published, id) > (?, ?)"
        params += [after[0], after[1]]
    elif after is not None:
        where, params = " WHERE published IS NULL AND id > ?", [after[1]]
    columns = ", ".join(ARTICLE_COLUMNS)
    rows = connection.execute(
        f"SELECT {columns} FROM articles{where} ORDER BY published IS NULL, published, id LIMIT ?",  # noqa: S608
        [*params, limit],
    )
    return [article_from_row(dict(row)) for row in rows]
