"""What the resources that name outlets and entities share: the store and those two resources."""

from __future__ import annotations

from parallax.resources.entities import Entities
from parallax.resources.outlets import Outlets
from parallax.store.sqlite import SQLiteStore


class Linked:
    """A resource whose rows name outlets and entities, which it resolves through theirs."""

    def __init__(self, store: SQLiteStore, outlets: Outlets, entities: Entities) -> None:
        self._store = store
        self._outlets = outlets
        self._entities = entities
