"""Authors as a list of people: names as the page or feed writes them, and nothing else.

Pages and feeds name their authors with the publisher mixed in ("Condé Nast; Tom Bennett",
"Dana A. Ford; CNN"), with an e-mail (Atom's ``<email>``, RSS's ``jane@example.com (Jane)``),
or with a label ("By", "Von", "View all posts by"). A name here is kept as written, its initials
with their periods ("Dana A. Ford"); the publisher, the site, e-mails, labels, URLs and a
date glued to the byline go. A page's authors are read from its JSON-LD article (``author`` as
text, a person or a list), else from the caller's fallback (trafilatura's author line).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
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
# trafilatura reads a byline element whole: "by Jeff Foust<br><span>Monday, November 18, 2019"
# becomes "Jeff Foust Monday; November" (split at the comma, the numbers dropped). A weekday
# after a name, a month at its end or before a number, and a number start the date. "May" and
# "Mai" are left out: they are surnames as often ("Theresa May"); a month that begins a name
# is a first name ("April Roach") unless a number follows it.
_WEEKDAY = re.compile(
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day|(?:mon|diens|donners|frei|sams|sonn)tag"
    r"|mittwoch|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
)
_MONTH = re.compile(
    r"(?:january|february|march|april|june|july|august|september|october|november|december"
    r"|januar|februar|märz|juni|juli|oktober|dezember|janvier|février|mars|avril|juin|juillet"
    r"|août|septembre|octobre|novembre|décembre)"
)
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
    text = _without_date(text)
    if _URL.match(text) or not any(char.isalpha() for char in text):
        return ""
    return text


def _without_date(name: str) -> str:
    """Cut a date glued to a name ("Jeff Foust Monday" → "Jeff Foust", "November 9" → "")."""
    words = name.split()
    keys = [word.strip(".,;:()").casefold() for word in words]
    for index, key in enumerate(keys):
        numbered = any(char.isdigit() for char in key)
        next_numbered = index + 1 < len(keys) and any(char.isdigit() for char in keys[index + 1])
        last = index > 0 and index == len(keys) - 1
        month = bool(_MONTH.fullmatch(key)) and (last or next_numbered)
        # "The Mail on Sunday", "Welt am Sonntag": a weekday after "on" names a paper.
        weekday = index > 0 and _WEEKDAY.fullmatch(key) and keys[index - 1] not in ("on", "am")
        if numbered or month or weekday:
            words = words[:index]
            break
    if len(words) == 1 and (_WEEKDAY.fullmatch(keys[0]) or _MONTH.fullmatch(keys[0])):
        return ""
    return " ".join(words).strip(" ,:;-–—|")


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
    """The names in a JSON-LD ``author``: text, a Person or Organization, or a list of them.

    A reference to a person elsewhere in the graph (``{"@id": …}``, Yoast's form) is not
    followed: there the person's name is the site login as often as not ("vpohl", "sv_team"),
    and following it scored no better on the annotated pages than trafilatura's author line.
    """
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [name for item in value for name in _names(item)]
    if isinstance(value, dict):
        kind = value.get("@type")
        kinds = kind if isinstance(kind, list) else [kind]
        if any(isinstance(k, str) and k.lower() == "organization" for k in kinds):
            return []
        name = value.get("name")
        return [name] if isinstance(name, str) else []
    return []


def page_authors(
    tree: Any,
    *,
    site_names: Sequence[str] = (),
    fallback: str | Callable[[], str | None] | None = None,
) -> list[str]:
    """Return the people a page names as its authors (see the module docstring).

    ``fallback`` is trafilatura's author line, or a function that finds it (called only when
    the JSON-LD names nobody: the line costs a search of the page).
    """
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
    if callable(fallback):
        fallback = fallback()
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
