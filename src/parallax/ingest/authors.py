"""Authors as a list of people: names as the page or feed writes them, and nothing else.

Pages and feeds name their authors with the publisher mixed in ("Condé Nast; Tom Bennett",
"Dana A. Ford; CNN"), with an e-mail (Atom's ``<email>``, RSS's ``jane@example.com (Jane)``),
or with a label ("By", "Von", "View all posts by"). A name here is kept as written, its initials
with their periods ("Dana A. Ford"); the publisher, the site, e-mails, labels and URLs go.
A page's authors are read from its JSON-LD article (``author`` as text, a person or a list),
else from the caller's fallback (trafilatura's author line).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from parallax.ingest.structured import json_ld_objects
from parallax.ingest.titles import collapse, is_site_name

SEPARATOR = "; "
"""How the names of several authors are joined in the one ``author`` field."""

_SPLIT = re.compile(r"\s*(?:;|\||\s&\s|\s+and\s+|\s+und\s+)\s*", re.IGNORECASE)
_EMAIL_NAME = re.compile(r"\S+@\S+\s*\((.*)\)")
_EMAIL = re.compile(r"<?\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b>?|\(\s*\)")
_LABEL = re.compile(
    r"^(?:view all posts by|posted by|written by|zum profil von|autor(?:in)?:?|author:?"
    r"|by|von|par|por|di|door)\s+",
    re.IGNORECASE,
)
_BARE_INITIAL = re.compile(r"(?<=\w )([A-Z])(?= \w)")
_URL = re.compile(r"^(?:https?://|www\.)", re.IGNORECASE)
_ARTICLE_TYPES = ("article", "posting", "report", "webpage", "review", "recipe")


def clean_name(value: str) -> str:
    """Return one author's name without e-mail, label or surrounding punctuation ("" if none)."""
    text = collapse(value)
    match = _EMAIL_NAME.fullmatch(text)
    if match:
        text = match.group(1)
    text = collapse(_EMAIL.sub(" ", text))
    previous = None
    while previous != text:
        previous, text = text, _LABEL.sub("", text).strip(" ,:;-–—|")
    if _URL.match(text) or not any(char.isalpha() for char in text):
        return ""
    return text


def _without_outlet(name: str, site_names: Sequence[str]) -> str:
    """Drop an outlet after a comma ("Rob Picheta, CNN" → "Rob Picheta")."""
    head, comma, tail = name.rpartition(",")
    if comma and head.strip() and is_site_name(tail, site_names, strict=True):
        return head.strip()
    return name


def clean_authors(values: Iterable[str], *, site_names: Sequence[str] = ()) -> list[str]:
    """Split, clean and deduplicate author strings; drop the publisher and the site.

    Args:
        values: Author strings, each possibly naming several people ("A; B", "A and B").
        site_names: Names of the site and its publisher; a name that is one of them is no author.
    """
    names: list[str] = []
    seen: set[str] = set()
    for value in values:
        for part in _SPLIT.split(value or ""):
            name = _without_outlet(clean_name(part), site_names)
            key = name.casefold()
            if not name or key in seen or is_site_name(name, site_names, strict=True):
                continue
            seen.add(key)
            names.append(name)
    return names


def _names(value: Any) -> list[str]:
    """The names in a JSON-LD ``author``: text, a Person or Organization, or a list of them."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [name for item in value for name in _names(item)]
    if isinstance(value, dict):
        if str(value.get("@type") or "").lower() == "organization":
            return []
        name = value.get("name")
        return [name] if isinstance(name, str) else []
    return []


def page_authors(
    tree: Any, *, site_names: Sequence[str] = (), fallback: str | None = None
) -> list[str]:
    """Return the people a page names as its authors (see the module docstring)."""
    for item in json_ld_objects(tree):
        kind = item.get("@type")
        kinds = kind if isinstance(kind, list) else [kind]
        if not any(isinstance(k, str) and k.lower().endswith(_ARTICLE_TYPES) for k in kinds):
            continue
        found = clean_authors(_names(item.get("author")), site_names=site_names)
        if found:
            return found
    # trafilatura's author line already weighs the meta tags and the byline (it drops "admin",
    # one-word handles and organisations); read raw, they did worse.
    return [
        restore_initials(name) for name in clean_authors([fallback or ""], site_names=site_names)
    ]


def restore_initials(name: str) -> str:
    """Give back the period of a middle initial that trafilatura's author line drops
    ("Dana A Ford" → "Dana A. Ford")."""
    return _BARE_INITIAL.sub(r"\1.", name)


def feed_authors(entry: Mapping[str, Any], *, site_names: Sequence[str] = ()) -> list[str]:
    """Return a feed entry's authors from feedparser's ``authors`` list, ``author_detail`` (its
    name, never its e-mail) or ``author``, in that order."""
    values: list[str] = []
    raw = entry.get("author")
    # RSS <author> is "email (Name)", and feedparser's own split of it garbles some addresses.
    if isinstance(raw, str) and _EMAIL_NAME.fullmatch(collapse(raw)):
        return clean_authors([raw], site_names=site_names)
    for detail in entry.get("authors") or []:
        if isinstance(detail, Mapping) and isinstance(detail.get("name"), str):
            values.append(detail["name"])
    detail = entry.get("author_detail")
    if not values and isinstance(detail, Mapping) and isinstance(detail.get("name"), str):
        values.append(detail["name"])
    if not values and isinstance(raw, str):
        values.append(raw)
    return clean_authors(values, site_names=site_names)


def join_authors(names: Sequence[str]) -> str | None:
    """Return the names as the one ``author`` field ("A; B"), or None when there are none."""
    return SEPARATOR.join(names) or None
