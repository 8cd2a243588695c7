"""A page's structured data: the JSON-LD objects it declares (``<script type=ld+json>``) and
the contents of its ``<meta>`` tags.

Titles, dates and authors read it.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from typing import Any

logger = logging.getLogger(__name__)


def _walk(value: Any) -> Iterator[dict[str, Any]]:
    """Yield every object in a JSON-LD value: lists and ``@graph`` unrolled, depth first."""
    if isinstance(value, list):
        for item in value:
            yield from _walk(item)
    elif isinstance(value, dict):
        yield value
        graph = value.get("@graph")
        if graph is not None:
            yield from _walk(graph)
        main = value.get("mainEntity")
        if isinstance(main, (dict, list)):
            yield from _walk(main)


# The headline, the site's names and the authors each read a page's JSON-LD: the last page's
# objects are kept with its tree, so that one page's blocks are parsed once, not three times.
# One (tree, objects) pair, replaced in one assignment, so a thread never sees a mixed pair.
_last: tuple[Any, tuple[dict[str, Any], ...]] | None = None


def json_ld_objects(tree: Any) -> tuple[dict[str, Any], ...]:
    """Return the JSON-LD objects of a parsed page, in page order; broken blocks are skipped.

    The page must not change between two calls with the same tree (none of its readers
    changes it), and the objects must be read, never changed: they are shared.
    """
    global _last
    cached = _last
    if cached is not None and cached[0] is tree:
        return cached[1]
    found: list[dict[str, Any]] = []
    for script in tree.xpath('//script[contains(translate(@type, "LDJSON", "ldjson"), "ld+json")]'):
        text = (script.text or "").strip()
        if not text:
            continue
        # A hostile page may nest a block deeper than the parser's (or the walk's) recursion.
        try:
            found.extend(_walk(json.loads(text, strict=False)))
        except (ValueError, RecursionError):
            logger.debug("skipped a JSON-LD block that does not parse")
    objects = tuple(found)
    _last = (tree, objects)
    return objects


# The contents of the last page's meta tags, kept with its tree as the JSON-LD objects are:
# the site's names and the social title are looked up several times a page.
_last_meta: tuple[Any, dict[str, tuple[str, ...]]] | None = None


def meta_contents(tree: Any) -> dict[str, tuple[str, ...]]:
    """Return the ``content`` of a page's ``<meta>`` tags under their ``property`` and their
    ``name``, in page order: ``meta_contents(tree)[key]`` is what the XPath
    ``//meta[@property="key" or @name="key"]/@content`` finds, read in one pass over the page.

    As for :func:`json_ld_objects`, the page must not change between two calls with the same
    tree, and the mapping is shared: read it, never change it.
    """
    global _last_meta
    cached = _last_meta
    if cached is not None and cached[0] is tree:
        return cached[1]
    found: dict[str, list[str]] = {}
    for meta in tree.getroottree().iter("meta"):
        content = meta.get("content")
        if content is None:
            continue
        for key in {meta.get("property"), meta.get("name")}:
            if key is not None:
                found.setdefault(key, []).append(content)
    contents = {key: tuple(values) for key, values in found.items()}
    _last_meta = (tree, contents)
    return contents
