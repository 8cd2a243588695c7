"""The part of trafilatura's page metadata that Parallax uses, found on the one parsed tree.

``trafilatura.bare_extraction(with_metadata=True)`` runs ``extract_metadata`` over its copy of
the page: meta tags, JSON-LD, title, author, canonical URL, date (htmldate), site name, and
then categories, tags and licence, which Parallax never reads. Its title and author serve only
as fallbacks when the page's own headline, byline and JSON-LD give none
(:mod:`.titles`, :mod:`.authors`). So the text is extracted without metadata, and this module
runs the same trafilatura steps on the tree the page was parsed into: the URL, date and site
name at once, the title and author only when asked for. Each field is what
``extract_metadata`` gives (a test holds the two to each other on every page the tests have).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from html import unescape
from typing import Any

from htmldate import find_date
from trafilatura.metadata import (
    META_URL,
    examine_meta,
    extract_meta_json,
    extract_sitename,
    extract_title,
    extract_url,
)
from trafilatura.utils import line_processing

from parallax.ingest.byline import page_byline

logger = logging.getLogger(__name__)

# trafilatura's Document.clean_and_trim: a field this long is cut, with an ellipsis.
_LONGEST_FIELD = 10000


def _trimmed(value: str | None) -> str | None:
    """Return ``value`` as ``Document.clean_and_trim`` leaves it."""
    if not isinstance(value, str):
        return value
    if len(value) > _LONGEST_FIELD:
        value = value[: _LONGEST_FIELD - 1] + "…"
    return line_processing(unescape(value))


@dataclass(slots=True)
class PageMetadata:
    """trafilatura's metadata of one page: ``url``, ``date`` and ``sitename`` found at once,
    ``title()`` and ``author()`` on demand."""

    tree: Any
    url: str | None
    date: str | None
    sitename: str | None
    _meta_title: str | None
    _meta_author: str | None
    _found: dict[str, str | None] = field(default_factory=dict)

    def title(self) -> str | None:
        """Return trafilatura's title: the meta tags' or JSON-LD's, else the page's."""
        if "title" not in self._found:
            self._found["title"] = _trimmed(self._meta_title or extract_title(self.tree))
        return self._found["title"]

    def author(self) -> str | None:
        """Return trafilatura's author line: the meta tags' or JSON-LD's, else the byline."""
        if "author" not in self._found:
            self._found["author"] = _trimmed(self._meta_author or page_byline(self.tree))
        return self._found["author"]


def page_metadata(
    tree: Any, url: str | None = None, date_options: dict[str, Any] | None = None
) -> PageMetadata:
    """Return the metadata ``trafilatura.metadata.extract_metadata`` finds on ``tree``.

    Args:
        tree: The parsed page; it is read, never changed.
        url: The URL the page was fetched from, for a page that declares none.
        date_options: Keyword arguments for htmldate's ``find_date``.
    """
    metadata = examine_meta(tree)
    # As trafilatura does: a one-word author in the meta tags is a handle, not a name.
    if metadata.author and " " not in metadata.author:
        metadata.author = None
    try:
        metadata = extract_meta_json(tree, metadata)
    except Exception as error:  # trafilatura guards its JSON-LD reader the same way
        logger.warning("error in JSON metadata extraction: %s", error)
    page_url = metadata.url or extract_url(tree, url)
    date = find_date(tree, **{**(date_options or {}), "url": page_url})
    sitename = metadata.sitename or extract_sitename(tree)
    if sitename:
        sitename = sitename.lstrip("@")  # a Twitter handle
        if sitename and "." not in sitename and not sitename[0].isupper():
            sitename = sitename.title()
    elif page_url:
        match = META_URL.match(page_url)
        sitename = match[1] if match else None
    return PageMetadata(
        tree=tree,
        url=_trimmed(page_url),
        date=_trimmed(date),
        sitename=_trimmed(sitename),
        _meta_title=metadata.title,
        _meta_author=metadata.author,
    )
