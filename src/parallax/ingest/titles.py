"""A page's headline, as the page itself shows it: never the SEO ``<title>`` with the site name.

A news or blog page names its article up to four times: the JSON-LD ``headline``, ``og:title``
(or ``twitter:title``), the ``<h1>`` above the text, and the ``<title>`` of the browser tab. The
last is written for search engines and carries the site's name (``"… | CNN Politics"``,
``"… - Golem.de"``, ``"Durch die Gegend | …"``), sometimes a date (``"… – DW – 13.06.2023"``).
The rule, written against trafilatura's annotated pages (``parallax eval metadata``: title exact
match 0.575 before, 0.851 after; docs/metadata.md):

1. A heading another source confirms is the headline: an ``<h1>`` (or its main part, or a
   heading a theme marks as the entry's title, or an ``<h2>``) whose text is the JSON-LD
   headline, the ``og:title`` or the ``<title>``, or with which one of them starts or ends.
   A kicker inside the heading (a "Dachzeile" span, a ``<small>`` topic line) and a heading
   the style sheet hides are left out.
2. Else the page's single ``<h1>``.
3. Else the JSON-LD headline, then ``og:title``, then ``<title>``, with the site's name and a
   date cut off where they stand between separators (" | ", " - ", " – ", " — ", " · ",
   " » "): the site's names are ``og:site_name``, ``application-name``, the JSON-LD publisher
   and the host and domain names.
4. Else the caller's fallback (trafilatura's own title).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import lru_cache
from itertools import chain
from typing import Any
from urllib.parse import urlsplit

from courlan import extract_domain

from parallax.ingest.structured import json_ld_objects, meta_contents

# Separators between a headline and the site name: a dash, bullet or guillemet with white space
# on both sides, "::", or a bar ("NEWS WEB EASY|…"). A colon is no separator: headlines use it
# ("Laufen im Winter: …").
_SEPARATOR = re.compile(r"\s+[\-–—·•»›~/]\s+|\s*::\s*|\s*\|\s*")
_SPACES = re.compile(r"\s+")
_NOT_ALNUM = re.compile(r"[\W_]+")
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))
_DATE_PART = re.compile(
    r"^(?:\d{1,4}[./-]\d{1,2}[./-]\d{1,4}|\d{1,2}\.?\s+\w+\.?\s+\d{4}|\w+\.?\s+\d{1,2},?\s+\d{4})$"
)
_ARTICLE_TYPES = ("article", "posting", "report", "webpage", "review", "recipe")
MAX_HEADLINE_CHARS = 300
"""A longer heading is a paragraph set in large type, not a headline."""
MIN_CONFIRMED_CHARS = 4
"""A shorter heading ("News") confirmed by a title that starts with it is chance."""
_TRIM = " |-–—·•"
_KICKER = re.compile(
    r"kicker|dachzeile|overline|topline|toptitle|topic-label|eyebrow|roofline|subheadline"
    r"|sub-heading|h1small|titleheader|visually-?hidden|element-invisible|sr-only|screen-reader"
    r"|hiddendash|colon|(?:^|\s)label(?:\s|$)",
    re.IGNORECASE,
)
_INLINE = re.compile(
    r"a|abbr|b|bdi|bdo|cite|code|data|dfn|em|font|i|kbd|mark|q|s|samp|span|strong|sub|sup|time"
    r"|u|var|wbr"
)
# A heading a style sheet hides ("hide-accessible", "sr-only") labels the page for screen
# readers ("Navigation", "detail"); the reader sees another. Whole class names only: "hide-sm"
# and "hide-bg" hide a heading on one screen size alone.
_HIDDEN_HEADING = re.compile(
    r"(?:^|\s)(?:hidden|hide-accessible|visually-?hidden|sr-only|screen-reader-text|aural"
    r"|navskip|element-invisible)(?:\s|$)",
    re.IGNORECASE,
)
_HEADLINE_PART = re.compile(r"(?:^|[\s_-])headline(?:$|[\s_-])", re.IGNORECASE)
_TITLED_HEADINGS = (
    "//*[self::h1 or self::h2 or self::h3][contains(@class, 'entry-title') or "
    "contains(@class, 'post-title') or contains(@class, 'article-title') or "
    "contains(@class, 'headline')]"
)


def collapse(text: str | None) -> str:
    """Return ``text`` with runs of white space made one space, stripped, and without soft
    hyphens and zero-width characters (hyphenation hints, invisible on the page)."""
    return _SPACES.sub(" ", (text or "").translate(_INVISIBLE)).strip()


@lru_cache(maxsize=4096)
def _key(text: str) -> str:
    """Compare form: case folded, letters and digits only (the characters ``str.isalnum``
    accepts: ``[^\\W_]`` is exactly those, on every code point). Cached: a site's names are
    compared with each heading and each author."""
    return _NOT_ALNUM.sub("", unicodedata.normalize("NFKC", text).casefold())


def _meta(tree: Any, *names: str) -> str:
    contents = meta_contents(tree)
    for name in names:
        for value in contents.get(name, ()):
            text = collapse(value)
            if text:
                return text
    return ""


def site_names(
    tree: Any, url: str | None, known: str | None = None, *, domain_label: bool = True
) -> list[str]:
    """Return the names a page's site goes by: ``known``, ``og:site_name``, ``application-name``,
    the JSON-LD publisher's name and the host and domain names (``www.golem.de`` → ``golem.de``,
    and with ``domain_label`` ``golem``: left out for authors, since a personal site is named
    after its author, as ``wolfgangmichal.de``)."""
    names = [collapse(known), _meta(tree, "og:site_name"), _meta(tree, "application-name")]
    for item in json_ld_objects(tree):
        publisher = item.get("publisher")
        if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
            names.append(collapse(publisher["name"]))
    host = (urlsplit(url).hostname or "").removeprefix("www.") if url else ""
    if host:
        # The registrable domain names the outlet: "cnn" for edition.cnn.com, "bbc" for
        # bbc.co.uk (courlan ships with trafilatura and knows the public suffixes).
        domain = extract_domain(url or "") or host
        names.extend((host, domain))
        if domain_label:
            names.append(domain.split(".")[0])
    return [name for name in names if _key(name)]


def is_site_name(part: str, names: Sequence[str], *, strict: bool = False) -> bool:
    """Whether ``part`` is one of the site's ``names``; unless ``strict``, also the site's name
    in a longer or shorter form ("Piratenpartei Österreichs" for ``piratenpartei.at``)."""
    key = _key(part)
    if not key:
        return True
    for name in names:
        other = _key(name)
        if key == other:
            return True
        if strict:
            continue
        # A short part must match whole so that one word of a headline is not the site.
        if len(other) >= 4 and other in key and len(key) <= 2 * len(other):
            return True
        if len(key) >= 4 and key in other:
            return True
    return False


def strip_site(title: str, names: Sequence[str], *, loose: bool = True) -> str:
    """Cut the site name and a date off ``title`` where they stand between separators.

    Parts that are exactly a site name go first; only when none is and ``loose``, parts that
    contain one or are contained in one ("Piratenpartei Österreichs" for ``piratenpartei.at``);
    never all of them.
    """
    whole = collapse(title)
    parts = [part for part in _SEPARATOR.split(whole) if part]
    if len(parts) < 2:
        return whole
    for strict in (True, False) if loose else (True,):
        kept = [
            part
            for part in parts
            if not is_site_name(part, names, strict=strict) and not _DATE_PART.match(part.strip())
        ]
        if kept and len(kept) < len(parts):
            # Rejoined as the page wrote it, so a headline with a dash in it survives.
            start, end = parts.index(kept[0]), parts.index(kept[-1])
            pattern = r"\s*.*?\s*".join(re.escape(part) for part in parts[start : end + 1])
            found = re.search(pattern, whole)
            return found.group(0).strip() if found else " - ".join(kept)
    return whole


def _headline(tree: Any) -> str:
    for item in json_ld_objects(tree):
        kind = item.get("@type")
        kinds = kind if isinstance(kind, list) else [kind]
        if not any(isinstance(k, str) and k.lower().endswith(_ARTICLE_TYPES) for k in kinds):
            continue
        value = item.get("headline")
        if isinstance(value, str) and collapse(value):
            return collapse(value)
    return ""


def heading_text(element: Any) -> str:
    """Return a heading's text without its kicker: news sites set the topic line ("Klimaschutz",
    a "Dachzeile") inside the ``<h1>`` with a class saying so, and hidden separators with it;
    a part whose class names it the headline, and holds most of the text, is the heading's
    text."""
    whole = len(collapse(element.text_content()))
    for inner in element.iterdescendants():
        marked = _HEADLINE_PART.search(str(inner.get("class") or ""))
        if marked and not _KICKER.search(str(inner.get("class") or "")):
            text = collapse(inner.text_content())
            if 2 * len(text) >= whole:
                return text
    parts: list[str] = []

    def walk(node: Any) -> None:
        if node is not element and _KICKER.search(str(node.get("class") or "")):
            return
        if node is not element and (node.get("aria-hidden") == "true" or node.tag == "small"):
            # <small> inside a heading is a kicker or a date line set apart ("<small>Tunesien
            # </small><br> Große Aufgaben …"), never the headline's own words.
            return
        parts.append(node.text or "")
        for child in node:
            if isinstance(child.tag, str):
                # Inline markup sits inside a word run ("Frauen im <abbr>THW</abbr>: …");
                # a line break or a block starts a new run.
                apart = not _INLINE.fullmatch(child.tag)
                parts.append(" " if apart else "")
                walk(child)
                parts.append(" " if apart else "")
            parts.append(child.tail or "")

    walk(element)
    return collapse("".join(parts))


def _main_parts(h1: Any) -> list[Any]:
    """The child elements of an ``<h1>`` that hold at least half its text, longest first."""
    whole = len(collapse(h1.text_content()))
    parts = [
        child
        for child in h1
        if isinstance(child.tag, str) and 2 * len(collapse(child.text_content())) >= whole
    ]
    return sorted(parts, key=lambda child: -len(child.text_content()))


def _titled_headings(tree: Any) -> Iterator[Any]:
    """Yield the headings a theme marks as the entry's title (searched when first asked)."""
    yield from tree.xpath(_TITLED_HEADINGS)


def _headings(tree: Any) -> Iterator[str]:
    """Yield the page's headings that may be its headline, each once: ``<h1>`` and its parts,
    then headings a theme marks as the entry's title, then ``<h2>`` (old blog themes set the
    blog's name in ``<h1>``). Lazily: the first confirmed heading ends the search, so the
    later ones are never read."""
    h1s = list(tree.iter("h1"))
    elements = chain(
        h1s,
        # The parts of an <h1> (a kicker span, then the headline span) when no class says
        # which, the longest first: a kicker is shorter than its headline.
        (child for h1 in h1s for child in _main_parts(h1)),
        _titled_headings(tree),
        tree.iter("h2"),
    )
    seen: set[str] = set()
    for element in elements:
        if _HIDDEN_HEADING.search(str(element.get("class") or "")):
            continue
        text = heading_text(element)
        if text and len(text) <= MAX_HEADLINE_CHARS and text not in seen:
            seen.add(text)
            yield text


def _confirmed(heading: str, sources: Iterable[str]) -> bool:
    """Whether another source names ``heading``: it is the source, or the source starts or ends
    with it (the rest being the site's name, a kicker, a date)."""
    key = _key(heading)
    if len(key) < MIN_CONFIRMED_CHARS:
        return False
    for source in sources:
        other = _key(source)
        if other and (other == key or other.startswith(key) or other.endswith(key)):
            return True
    return False


def _trimmed(title: str | None) -> str | None:
    # A separator left at either end ("| Headline") is no part of it.
    return title.strip(_TRIM) or None if title else title


def page_title(
    tree: Any,
    *,
    url: str | None = None,
    site_name: str | None = None,
    fallback: str | Callable[[], str | None] | None = None,
) -> str | None:
    """Return the page's headline (see the module docstring), or ``fallback``.

    Args:
        tree: The parsed page (``lxml.html``).
        url: The page's URL, whose host name is one of the site's names.
        site_name: A name of the site found elsewhere (trafilatura's ``sitename``).
        fallback: The title to return when the page offers none, or a function that finds
            it (called only then: trafilatura's title costs a search of the page).
    """
    names = site_names(tree, url, site_name)
    chosen = _choose(tree, names) or (fallback() if callable(fallback) else fallback)
    # A heading or trafilatura's title may still carry the exact site name or a date
    # ("23.01.2022 - Dorothea Wierer …"); only exact names, since a heading is the page's own.
    return _trimmed(strip_site(chosen, names, loose=False)) if chosen else None


def _choose(tree: Any, names: Sequence[str]) -> str | None:
    headline = _headline(tree)
    social = _meta(tree, "og:title", "twitter:title")
    tab = collapse(" ".join(tree.xpath("//head/title//text()")))
    for heading in _headings(tree):
        if not is_site_name(heading, names) and _confirmed(heading, (headline, social, tab)):
            return heading
    # One <h1> that nothing confirms is still the page's own headline: the SEO title and the
    # social one are rewritten for their audiences, the heading is what the reader sees.
    h1s = [text for text in (heading_text(h) for h in tree.iter("h1")) if text]
    if len(h1s) == 1 and len(h1s[0]) <= MAX_HEADLINE_CHARS and not is_site_name(h1s[0], names):
        return h1s[0]
    for candidate in (headline, social, tab):
        stripped = strip_site(candidate, names) if candidate else ""
        if stripped and not is_site_name(stripped, names, strict=True):
            return stripped
    return None
