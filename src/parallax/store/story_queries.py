"""Browsing queries over the story stage: which stories a filtered story list keeps.

A story is kept when its active period overlaps the date range, when one of its outlets
passes the outlet filters of an article list (:class:`parallax.store.queries.ArticleFilter`,
the same SQL), and when the entity is one of its key entities or one of its articles mentions
or quotes it. Every value reaches SQLite as a bound parameter.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from parallax.store.queries import ENTITY_ARTICLES, ArticleFilter, article_clauses


@dataclass(frozen=True, slots=True)
class StoryFilter:
    """Which stories a list shows; every field left as None matches everything.

    ``outlets`` holds the outlet filters (``outlet_id``, ``country``, ``affiliated``,
    ``affiliation``) with the meaning they have for articles; a story passes when at least one
    of its articles' outlets passes all of them. ``since`` and ``until`` keep stories whose
    period ``[first_seen, last_seen]`` overlaps the range (undated stories are left out when a
    bound is given, and every story when ``since`` is after ``until``). ``entity_id`` keeps
    stories with an article that mentions or quotes the entity, ``entity_name`` stories that
    have it among their key entities (any case); a story passes when either holds. Frozen and
    hashable: a cache can key on it.
    """

    outlets: ArticleFilter = field(default_factory=ArticleFilter)
    since: date | None = None
    until: date | None = None
    entity_id: str | None = None
    entity_name: str | None = None

    @property
    def active(self) -> bool:
        """Whether any filter is set (else the list is every story)."""
        return self != StoryFilter()


def story_clauses(filters: StoryFilter) -> tuple[list[str], list[Any]]:
    """Return the WHERE clauses (over ``stories st``) and their parameters for ``filters``."""
    clauses: list[str] = []
    params: list[Any] = []
    if filters.since is not None:
        clauses.append("st.last_seen >= ?")
        params.append(filters.since.isoformat())
    if filters.until is not None:
        clauses.append("st.first_seen <= ?")
        params.append(filters.until.isoformat())
    if filters.since and filters.until and filters.since > filters.until:
        clauses.append("0")  # an empty range overlaps nothing, as it keeps no article
    outlet_where, outlet_params = article_clauses(filters.outlets)
    if outlet_where:
        clauses.append(
            "st.id IN (SELECT s.story_id FROM story_articles s JOIN articles a "  # noqa: S608
            f"ON a.id = s.article_id WHERE {' AND '.join(outlet_where)})"
        )
        params += outlet_params
    if filters.entity_id is not None or filters.entity_name is not None:
        clauses.append(
            "(st.id IN (SELECT s.story_id FROM story_articles s "  # noqa: S608
            f"WHERE s.article_id IN ({ENTITY_ARTICLES})) OR EXISTS (SELECT 1 FROM "
            "json_each(st.entities) WHERE json_each.value = ? COLLATE NOCASE))"
        )
        params += [filters.entity_id, filters.entity_id, filters.entity_name]
    return clauses, params


def story_ids(connection: sqlite3.Connection, filters: StoryFilter) -> frozenset[str]:
    """Return the ids of the stories that ``filters`` keep."""
    clauses, params = story_clauses(filters)
    where = " AND ".join(clauses) or "1"
    rows = connection.execute(f"SELECT st.id FROM stories st WHERE {where}", params)  # noqa: S608
    return frozenset(row[0] for row in rows)
