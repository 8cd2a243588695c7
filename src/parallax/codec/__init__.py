"""The one JSON form of the data types (:mod:`parallax.model`, :mod:`parallax.comparison`).

Every type has its *dataclass form*: its fields in order, dates as ``YYYY-MM-DD``, tuples as
lists, nested dataclasses as objects; :func:`dump` writes it and :func:`load` reads it back
(``load(type(x), dump(x)) == x``). Where a reader outside Python sees a type differently (the
export leaves out an analysis item's ``article_id``, orders keys as ``docs/export-schema.json``
documents them, adds a derived field) a *shape* names the keys in order, and :func:`pick`
writes it. The modules hold the shapes and the few forms written by hand:

- :mod:`parallax.codec.articles`: articles (their store row and export form), outlets,
  rejections and what the NLP stage finds in an article;
- :mod:`parallax.codec.stories`: stories and their timelines;
- :mod:`parallax.codec.comparison`: a story's comparison of outlets as exported and cached.

Everything here imports only the data types: the store, the comparison stage, the reports and
the API all read and write through it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields, is_dataclass
from datetime import date
from typing import Any, TypeVar

from pydantic import TypeAdapter

T = TypeVar("T")

#: The keys of a JSON object in order; ``"key=attribute"`` writes an attribute under a new key.
Shape = tuple[str, ...]

__all__ = ["Shape", "dump", "field_names", "load", "pick"]


_ADAPTERS: dict[type[Any], TypeAdapter[Any]] = {}


def _adapter(cls: type[Any]) -> TypeAdapter[Any]:
    # Building an adapter walks the type's fields; do it once per type.
    adapter = _ADAPTERS.get(cls)
    if adapter is None:
        adapter = _ADAPTERS[cls] = TypeAdapter(cls)
    return adapter


def dump(value: object) -> Any:
    """Return the dataclass form of ``value`` (a data type, or a tuple or list of them)."""
    return _adapter(type(value)).dump_python(value, mode="json")


def load(cls: type[T], data: Any) -> T:
    """Rebuild a ``cls`` from its dataclass form (missing fields take their defaults)."""
    result: T = _adapter(cls).validate_python(data)
    return result


def field_names(cls: type[Any]) -> Shape:
    """Return the shape of a dataclass's own form: its field names in order."""
    return tuple(f.name for f in fields(cls))


def _plain(value: Any, nested: Mapping[type[Any], Shape]) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_plain(item, nested) for item in value]
    if is_dataclass(value) and not isinstance(value, type):
        cls = type(value)
        return pick(value, nested.get(cls) or field_names(cls), nested)
    return value


def pick(
    value: object, shape: Shape, nested: Mapping[type[Any], Shape] | None = None
) -> dict[str, Any]:
    """Return ``value`` as a JSON object with the keys of ``shape``, in its order.

    Args:
        value: A data type (a key may also name a property, as ``TimelineEntry.outlets``).
        shape: The keys; ``"key=attribute"`` writes ``attribute`` under ``key``.
        nested: The shapes of data types inside ``value``; any other is in its dataclass form.
    """
    inner = nested or {}
    result: dict[str, Any] = {}
    for entry in shape:
        key, _, attribute = entry.partition("=")
        result[key] = _plain(getattr(value, attribute or key), inner)
    return result
