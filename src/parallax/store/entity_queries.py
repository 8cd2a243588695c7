"""Browsing queries over the NLP stage's entities: lists, one entity, links from an article.

Entity lists page with the same opaque keyset cursors as article lists (see
:mod:`parallax.store.queries`); every value reaches SQLite as a bound parameter.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from parallax.errors import Code, ConfigError
from parallax.model import Quote
from parallax.query import ENTITY_SORTS, ArticleQuery, check_sort
from parallax.results import (
    ArticleLinks,
    EntityArticle,
    EntityDetail,
    EntitySummary,
    Page,
)
from parallax.store.queries import (
    ENTITY_ARTICLES,
    article_page,
    decode_cursor,
    encode_cursor,
    like_pattern,
)

_ENTITY_COLUMNS = (
    "e.id, e.name, e.label, e.aliases, e.roles, "
    "(SELECT COUNT(*) FROM mentions m WHERE m.entity_id = e.id) AS n"
)
_QUOTE_SELECT = (
    "SELECT q.article_id, q.span_start, q.span_end, q.text, q.kind, q.extractor, "
    "COALESCE(e.name, q.speaker) AS speaker, q.speaker_text, q.speaker_start, q.speaker_end, "
    "q.cue, q.cue_start, q.cue_end FROM quotes q LEFT JOIN entities e ON e.id = q.speaker_id"
)


def _entity_summary(row: sqlite3.Row) -> EntitySummary:
    return EntitySummary(
        id=row["id"],
        name=row["name"],
        label=row["label"],
        aliases=tuple(json.loads(row["aliases"])),
        roles=tuple(json.loads(row["roles"])),
        mentions=int(row["n"]),
    )


def _quote_row(row: sqlite3.Row) -> Quote:
    return Quote(
        row["article_id"], row["span_start"], row["span_end"], row["text"], row["kind"],
        row["extractor"], speaker=row["speaker"], speaker_text=row["speaker_text"],
        speaker_start=row["speaker_start"], speaker_end=row["speaker_end"], cue=row["cue"],
        cue_start=row["cue_start"], cue_end=row["cue_end"],
    )  # fmt: skip


def entity_clauses(*, label: str | None, prefix: str | None) -> tuple[list[str], list[Any]]:
    """The WHERE clauses (over ``entities e``) and parameters of a type and a name prefix."""
    clauses, params = ["1"], list[Any]()
    if label:
        clauses.append("e.label = ?")
        params.append(label)
    if prefix and prefix.strip():
        clauses.append(
            "(e.name LIKE ? || '%' ESCAPE '\\' OR EXISTS (SELECT 1 FROM json_each(e.aliases) j "
            "WHERE j.value LIKE ? || '%' ESCAPE '\\'))"
        )
        params += [like_pattern(prefix.strip())] * 2
    return clauses, params


def _by_name(sort: str, cursor: str | None) -> tuple[str, list[Any], str]:
    """The keyset clause, its parameters and the order of a list sorted by name."""
    descending = sort.startswith("-")
    after, params = "1", list[Any]()
    if cursor:
        key = decode_cursor(cursor, f"e{sort}")
        if len(key) != 2 or not all(isinstance(part, str) for part in key):
            raise ConfigError(Code.CONFIG, "invalid cursor: it does not hold an entity position")
        after, params = f"(name, id) {'<' if descending else '>'} (?, ?)", key
    direction = " DESC" if descending else ""
    return after, params, f"name{direction}, id{direction}"


def entity_page(
    connection: sqlite3.Connection,
    *,
    label: str | None = None,
    prefix: str | None = None,
    limit: int,
    cursor: str | None = None,
    sort: str | None = None,
) -> Page[EntitySummary]:
    """Return one page of canonical entities, most mentioned first (ties by name, then id),
    or by name when ``sort`` is "name" or "-name".

    ``label`` keeps one entity type (PERSON, ORG, GPE ...); ``prefix`` keeps entities whose
    name or one of whose aliases starts with it (case-insensitive for ASCII letters).
    """
    if limit < 1:
        raise ConfigError(Code.CONFIG, f"limit must be at least 1, got {limit}")
    check_sort(sort, ENTITY_SORTS)
    clauses, params = entity_clauses(label=label, prefix=prefix)
    after, after_params, order = "1", list[Any](), "n DESC, name, id"
    if sort not in (None, ENTITY_SORTS[0]):
        after, after_params, order = _by_name(sort, cursor)
    elif cursor:
        key = decode_cursor(cursor, "e")
        if len(key) != 3 or not isinstance(key[0], int) or not isinstance(key[1], str):
            raise ConfigError(Code.CONFIG, "invalid cursor: it does not hold an entity position")
        if not isinstance(key[2], str):
            raise ConfigError(Code.CONFIG, "invalid cursor: it does not hold an entity position")
        after = "(n < ? OR (n = ? AND (name > ? OR (name = ? AND id > ?))))"
        after_params = [key[0], key[0], key[1], key[1], key[2]]
    rows = connection.execute(
        f"WITH counted AS (SELECT {_ENTITY_COLUMNS} FROM entities e "  # noqa: S608
        f"WHERE {' AND '.join(clauses)}) "
        f"SELECT * FROM counted WHERE {after} ORDER BY {order} LIMIT ?",
        [*params, *after_params, limit + 1],
    ).fetchall()
    items = tuple(_entity_summary(row) for row in rows[:limit])
    next_cursor = None
    if len(rows) > limit:
        last = items[-1]
        next_cursor = encode_cursor("e", last.mentions, last.name, last.id)
        if sort not in (None, ENTITY_SORTS[0]):
            next_cursor = encode_cursor(f"e{sort}", last.name, last.id)
    return Page(items, next_cursor)


def find_entity(connection: sqlite3.Connection, ref: str) -> EntitySummary | None:
    """Return the entity with this id, else the only one with this name (any case), or None."""
    select = f"SELECT {_ENTITY_COLUMNS} FROM entities e"  # noqa: S608
    row = connection.execute(f"{select} WHERE e.id = ?", (ref,)).fetchone()
    if row is None:
        rows = connection.execute(
            f"{select} WHERE e.name = ? COLLATE NOCASE LIMIT 2", (ref.strip(),)
        ).fetchall()
        row = rows[0] if len(rows) == 1 else None
    return _entity_summary(row) if row else None


def entity_detail(
    connection: sqlite3.Connection, entity_id: str, *, limit: int, cursor: str | None = None
) -> EntityDetail | None:
    """Return an entity with its totals and one page of the articles that name it.

    Each article comes with how often it mentions the entity and the quotes the entity is
    the speaker of in it; following ``next_cursor`` reaches every such article once.
    """
    entity = find_entity(connection, entity_id)
    if entity is None:
        return None
    page = article_page(connection, ArticleQuery(entity=entity.id, limit=limit, cursor=cursor))
    ids = [item.id for item in page.items]
    marks = ",".join("?" for _ in ids)
    counts = {
        row[0]: int(row[1])
        for row in connection.execute(
            "SELECT article_id, COUNT(*) FROM mentions "  # noqa: S608
            f"WHERE entity_id = ? AND article_id IN ({marks}) GROUP BY article_id",
            [entity.id, *ids],
        )
    }
    quotes: dict[str, list[Quote]] = {}
    for row in connection.execute(
        f"{_QUOTE_SELECT} WHERE q.speaker_id = ? AND q.article_id IN ({marks}) "
        "ORDER BY q.article_id, q.span_start",
        [entity.id, *ids],
    ):
        quotes.setdefault(row["article_id"], []).append(_quote_row(row))
    articles = tuple(
        EntityArticle(item, counts.get(item.id, 0), tuple(quotes.get(item.id, ())))
        for item in page.items
    )
    count = f"SELECT COUNT(*) FROM ({ENTITY_ARTICLES})"  # noqa: S608
    total = connection.execute(count, (entity.id, entity.id)).fetchone()[0]
    said = connection.execute(
        "SELECT COUNT(*) FROM quotes WHERE speaker_id = ?", (entity.id,)
    ).fetchone()[0]
    return EntityDetail(entity, int(total), int(said), Page(articles, page.next_cursor))


def article_links(connection: sqlite3.Connection, article_id: str) -> ArticleLinks:
    """Return the entity ids of what one article names and of the speakers it quotes."""
    mentions = {
        (row[0], row[1]): row[2]
        for row in connection.execute(
            "SELECT DISTINCT m.label, e.name, e.id FROM mentions m "
            "JOIN entities e ON e.id = m.entity_id WHERE m.article_id = ?",
            (article_id,),
        )
    }
    speakers = {
        row[0]: row[1]
        for row in connection.execute(
            "SELECT DISTINCT e.name, e.id FROM quotes q "
            "JOIN entities e ON e.id = q.speaker_id WHERE q.article_id = ?",
            (article_id,),
        )
    }
    return ArticleLinks(mentions, speakers)


def entity_names(connection: sqlite3.Connection, entity_id: str) -> dict[str, str]:
    """Return the entity's name in each language its articles are in: the base form most of
    that language's mentions give (ties: the longest, then the first in order); an article
    of unknown language counts as ``und``."""
    rows = connection.execute(
        "SELECT COALESCE(a.language, 'und'), m.entity, COUNT(*) AS n FROM mentions m "
        "JOIN articles a ON a.id = m.article_id WHERE m.entity_id = ? "
        "GROUP BY 1, m.entity ORDER BY 1, n DESC, LENGTH(m.entity) DESC, m.entity",
        (entity_id,),
    ).fetchall()
    names: dict[str, str] = {}
    for language, name, _ in rows:
        names.setdefault(str(language), str(name))
    return names
