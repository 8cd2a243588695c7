"""The orders a list can be sorted by, as SQL, each paged by keyset.

A sort name from the allow-lists of :mod:`parallax.query` (``title``, ``-published`` …) maps
to a key expression that is never NULL (missing dates and titles sort last either way) and
the row id as the tie-break, both in the same direction, so the next page starts strictly
after the ``(key, id)`` of the last row with one row-value comparison. Only names from the
allow-lists become SQL; the values a cursor carries are bound parameters.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from parallax.errors import Code, ConfigError

#: What a missing value sorts as, ascending: the last code point, after any text.
_LAST = "char(1114111)"
#: Key expressions by column name, ascending then descending (a missing value is the last
#: code point ascending and '' descending: either way a row without it comes last).
ARTICLE_KEYS = {
    "published": (f"COALESCE(a.published, {_LAST})", "COALESCE(a.published, '')"),
    "title": (f"COALESCE(a.title, {_LAST})", "COALESCE(a.title, '')"),
    "outlet": (f"COALESCE(a.outlet, {_LAST})", "COALESCE(a.outlet, '')"),
}
#: The title a story is shown with: its stored neutral title, else the grouper's headline.
NAMED = "COALESCE(st.neutral_title, st.title)"
STORY_KEYS = {
    "last_seen": (f"COALESCE(st.last_seen, {_LAST})", "COALESCE(st.last_seen, '')"),
    "first_seen": (f"COALESCE(st.first_seen, {_LAST})", "COALESCE(st.first_seen, '')"),
    "articles": ("st.article_count",) * 2,
    "title": (NAMED,) * 2,
}


@dataclass(frozen=True, slots=True)
class Order:
    """One sort order of a list: its key expression, its direction and its id column."""

    name: str
    key: str
    descending: bool
    id_column: str

    @property
    def sql(self) -> str:
        """The ORDER BY terms."""
        direction = " DESC" if self.descending else ""
        return f"{self.key}{direction}, {self.id_column}{direction}"

    @property
    def after(self) -> str:
        """The WHERE clause that keeps the rows after a cursor's ``(key, id)``."""
        return f"({self.key}, {self.id_column}) {'<' if self.descending else '>'} (?, ?)"

    def position(self, key: list[Any]) -> list[Any]:
        """The ``(key, id)`` a cursor of this order holds, checked.

        Raises:
            ConfigError: the cursor does not hold a position of this order.
        """
        if len(key) != 2 or not isinstance(key[0], str | int) or not isinstance(key[1], str):
            raise ConfigError(Code.CONFIG, f"invalid cursor: it is not a position by {self.name}")
        return key


def order_of(sort: str, keys: dict[str, tuple[str, str]], id_column: str) -> Order:
    """The order named ``sort`` (``name`` or ``-name``) among ``keys``.

    Raises:
        ConfigError: the list has no such order.
    """
    name = sort.removeprefix("-")
    if name not in keys:
        raise ConfigError(Code.CONFIG, f"this list cannot be sorted by {sort!r}")
    descending = sort.startswith("-")
    return Order(sort, keys[name][descending], descending, id_column)
