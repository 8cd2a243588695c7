"""``corpus.outlets``: the outlets met in a corpus, with the packaged registry's profiles."""

from __future__ import annotations

import builtins

from parallax.ingest.outlets import OutletRegistry, load_outlets
from parallax.model import Outlet
from parallax.store import queries
from parallax.store.sqlite import SQLiteStore


class Outlets:
    """The outlets of one corpus: profiles from the registry, else from the store."""

    def __init__(self, store: SQLiteStore) -> None:
        self._store = store
        self._registry: OutletRegistry | None = None

    @property
    def registry(self) -> OutletRegistry:
        """The packaged outlet registry (loaded on first use)."""
        if self._registry is None:
            self._registry = load_outlets()
        return self._registry

    def list(self) -> builtins.list[tuple[Outlet, int]]:
        """Return the outlets met in this corpus, with their article counts, most first."""
        return self._store.outlets()

    def get(self, outlet_id: str) -> Outlet | None:
        """Return the outlet with exactly this id: the registry's profile, else the stored one."""
        found = self.registry.get(outlet_id)
        return found or queries.stored_outlet(self._store.connection, outlet_id)

    def find(self, name: str) -> Outlet | None:
        """Return the profile of an outlet by name, alias, id or domain."""
        found = self.registry.find(name)
        if found is not None:
            return found
        lowered = name.casefold()
        return next(
            (o for o, _ in self._store.outlets() if lowered in (o.id, o.name.casefold())), None
        )

    def names(self) -> builtins.list[tuple[str, str]]:
        """Return ``(id, name)`` of every outlet met in the corpus, by name."""
        return queries.outlet_names(self._store.connection)

    def resolve(self, ref: str | None) -> str | None:
        """Return the id of the outlet ``ref`` names (id, name, alias or domain); ``ref``
        itself when it names none, so that it matches nothing; None for no outlet."""
        if not ref:
            return None
        found = self.get(ref) or self.registry.find(ref)
        return found.id if found else ref
