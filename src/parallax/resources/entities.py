"""``corpus.entities``: the canonical entities the NLP stage merged across a corpus."""

from __future__ import annotations

from parallax.model import Entity
from parallax.results import EntityDetail, EntitySummary, Facets, Page
from parallax.store import entity_queries, facets
from parallax.store.sqlite import SQLiteStore


class Entities:
    """The canonical entities of one corpus."""

    def __init__(self, store: SQLiteStore) -> None:
        self._store = store

    def list(self, *, label: str | None = None) -> list[Entity]:
        """Return every canonical entity, most mentioned first; ``label`` keeps one type."""
        return self._store.entities(label=label)

    def page(
        self,
        *,
        label: str | None = None,
        prefix: str | None = None,
        limit: int = 50,
        cursor: str | None = None,
        sort: str | None = None,
    ) -> Page[EntitySummary]:
        """Return one page of canonical entities, most mentioned first.

        Args:
            label: Keep one type: PERSON, ORG, GPE, LOC, NORP, PRODUCT, EVENT ...
            prefix: Keep entities whose name or an alias starts with this text.
            limit: The most entities on this page.
            cursor: The ``next_cursor`` of the previous page.
            sort: One of :data:`parallax.query.ENTITY_SORTS` (default most mentioned first).

        Raises:
            ConfigError: the cursor is not one this list made, or the sort is unknown.
        """
        return entity_queries.entity_page(
            self._store.connection, label=label, prefix=prefix, limit=limit, cursor=cursor,
            sort=sort,
        )  # fmt: skip

    def facets(self, *, label: str | None = None, prefix: str | None = None) -> Facets:
        """Return how many entities of each type the filters keep."""
        return facets.entity_facets(self._store.connection, label=label, prefix=prefix)

    def find(self, ref: str) -> EntitySummary | None:
        """Return the entity with this id, else the only one with this exact name (any case)."""
        return entity_queries.find_entity(self._store.connection, ref)

    def get(
        self, entity_id: str, *, limit: int = 50, cursor: str | None = None
    ) -> EntityDetail | None:
        """Return an entity (by id, or its exact name), its totals, and one page of the
        articles that name it, newest first, each with its mention count and the entity's
        quotes in it; None when there is no such entity.

        Raises:
            ConfigError: the cursor is not one this list made.
        """
        return entity_queries.entity_detail(
            self._store.connection, entity_id, limit=limit, cursor=cursor
        )

    def names(self, entity_id: str) -> dict[str, str]:
        """Return the entity's name in each language of the articles that name it
        (``{"en": "Volodymyr Zelensky", "ru": "Владимир Зеленский", "uk": ...}``): an entity
        merged across scripts keeps how each language writes it."""
        return entity_queries.entity_names(self._store.connection, entity_id)
