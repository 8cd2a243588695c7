"""Named, versioned registries of components (readers, extractors, clusterers).

A component is registered as ``parallax.<kind>.<name>.<version>``, for example
``parallax.readers.warc.v1``; every stored fact records the versioned name that produced it.
Third parties add components through the entry-point group ``parallax.<kind>``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from importlib.metadata import entry_points
from typing import Generic, TypeVar

T = TypeVar("T")


class Registry(Generic[T]):
    """A mapping from short names to components of one kind, each with a version."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self._items: dict[str, tuple[str, T]] = {}
        self._entry_points_loaded = False

    def register(self, name: str, *, version: str = "v1") -> Callable[[T], T]:
        """Return a decorator that registers a component under ``name``."""

        def decorate(component: T) -> T:
            self._items[name] = (version, component)
            return component

        return decorate

    def _load_entry_points(self) -> None:
        if self._entry_points_loaded:
            return
        self._entry_points_loaded = True
        for point in entry_points(group=f"parallax.{self.kind}"):
            if point.name not in self._items:
                self._items[point.name] = ("v1", point.load())

    def get(self, name: str) -> T:
        """Return the component registered as ``name``; raise KeyError if there is none."""
        if name not in self._items:  # an entry point never replaces a component registered here
            self._load_entry_points()
        return self._items[name][1]

    def versioned_name(self, name: str) -> str:
        """Return ``parallax.<kind>.<name>.<version>`` for a registered component."""
        if name not in self._items:  # scanning the installed packages' entry points is slow
            self._load_entry_points()
        return f"parallax.{self.kind}.{name}.{self._items[name][0]}"

    def names(self) -> list[str]:
        """Return the registered short names, sorted."""
        self._load_entry_points()
        return sorted(self._items)

    def __contains__(self, name: object) -> bool:
        self._load_entry_points()
        return name in self._items

    def __iter__(self) -> Iterator[str]:
        return iter(self.names())
