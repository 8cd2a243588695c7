"""trafilatura's author line (``trafilatura.metadata.extract_author``), found without a pruned
copy of the whole page.

``extract_author`` deep-copies the page, deletes from the copy what its discard XPaths match
(comment sections, sidebars, dates, figures: ``AUTHOR_DISCARD_XPATHS``), then returns the
first element its author XPaths find in what is left whose text is 3 to 119 characters long.
Every test in those XPaths reads only an element's own tag and attributes. So an element the
author XPaths find in the pruned copy is one they find in the page itself with neither itself
nor an ancestor (but the root, which is never deleted) matched by a discard XPath; and its text
there is the text of a copy of that element alone, pruned the same way (deleting an element
changes only the inside of its parent). This module reads the page as it is, asks each element
found whether a discard XPath matches it or an ancestor (the discard XPaths turned to the
``ancestor-or-self`` axis), and copies only the elements whose text it reads. All XPaths are
compiled without lxml's "smart" strings, which their regular-expression tests never use.

A page that is a fragment (its tree has a parent), or has a ``<rel>`` element (an author XPath
reads the text of one), or a trafilatura whose discard XPaths have another shape, goes through
the same steps as ``extract_author`` on a pruned copy. ``tests/ingest/test_byline.py`` holds
the result to ``extract_author``'s on real pages.
"""

from __future__ import annotations

import re
from copy import deepcopy
from typing import Any

from lxml.etree import XPath
from trafilatura.htmlprocessing import prune_unwanted_nodes
from trafilatura.json_metadata import normalize_authors
from trafilatura.metadata import extract_metainfo
from trafilatura.utils import trim
from trafilatura.xpaths import AUTHOR_DISCARD_XPATHS, AUTHOR_XPATHS

_NAMESPACES = {"re": "http://exslt.org/regular-expressions"}
_LONGEST_BYLINE = 120  # extract_author's length limit (extract_metainfo's len_limit)
_DESCENDANTS = ".//*["  # a discard XPath over the descendants of the page's root
_NAMED = re.compile(r"//[a-z]+(?:\|//[a-z]+)*")  # one over elements named, anywhere


def _compiled(path: str) -> XPath:
    return XPath(path, namespaces=_NAMESPACES, smart_strings=False)


def _upwards(path: str) -> str | None:
    """Return the XPath that, from an element, finds it or its ancestors where ``path`` from
    the page's root finds them; None for a shape this module does not know."""
    path = path.strip()
    if path.startswith(_DESCENDANTS):
        return "ancestor-or-self::*[" + path.removeprefix(_DESCENDANTS)
    if _NAMED.fullmatch(path):
        return "|".join("ancestor-or-self::" + step.removeprefix("//") for step in path.split("|"))
    return None


_AUTHOR = [_compiled(x.path) for x in AUTHOR_XPATHS]
_DISCARD = [_compiled(x.path) for x in AUTHOR_DISCARD_XPATHS]
_UPWARDS = [_upwards(x.path) for x in AUTHOR_DISCARD_XPATHS]
_DISCARDED_ABOVE = [_compiled(p) for p in _UPWARDS if p] if all(_UPWARDS) else None


def _pruned_author(tree: Any) -> str | None:
    """``extract_author``'s own steps: prune a copy of the page, then search it."""
    subtree = prune_unwanted_nodes(deepcopy(tree), _DISCARD)
    return extract_metainfo(subtree, _AUTHOR, len_limit=_LONGEST_BYLINE)


def _kept(element: Any, tree: Any, upwards: list[XPath]) -> bool:
    """Whether ``element`` is still there once the discard XPaths' matches are deleted."""
    return not any(found is not tree for x in upwards for found in x(element))


def _byline(tree: Any) -> str | None:
    upwards = _DISCARDED_ABOVE
    if upwards is None or tree.getparent() is not None or tree.find(".//rel") is not None:
        return _pruned_author(tree)
    for expression in _AUTHOR:
        for element in expression(tree):
            if not _kept(element, tree, upwards):
                continue
            pruned = prune_unwanted_nodes(deepcopy(element), _DISCARD)
            content = trim(" ".join(pruned.itertext()))
            if content and 2 < len(content) < _LONGEST_BYLINE:
                return content
    return None


def page_byline(tree: Any) -> str | None:
    """Return what ``trafilatura.metadata.extract_author(tree)`` returns (see the module
    docstring); ``tree`` is read, never changed."""
    found = _byline(tree)
    return normalize_authors(None, found) if found else found
