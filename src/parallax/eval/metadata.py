"""Score the title, date and authors read from HTML pages against the pages' annotated ones.

The data is trafilatura's evaluation set (:func:`parallax.datasets.article_extraction.
load_metadata_pages`): 851 pages, mostly German blogs, news and institutional sites, each with the
title, author and date the trafilatura project annotated (123 with no date, 313 with no author).

Metrics, each over the pages where it is defined:

- ``title_exact``: the title equals the annotated one once white space is collapsed.
- ``title_caseless``: the same but for case (the annotators copied some headlines as a style
  sheet shows them, in capitals: "ERNEUTER VERZICHT AUF REGIONALLEHRGANG").
- ``title_relaxed``: equal after case folding and dropping punctuation and symbols, or one of the
  two contains the other (a headline kept with its kicker, a subtitle dropped).
- ``date_same_day``: over pages with an annotated date, the date read is that day.
- ``date_precision``: over pages given a date that have an annotated one, the share right.
- ``date_invented``: over pages with no annotated date, the share given one anyway.
- ``author_exact`` / ``author_overlap``: over pages with an annotated author, the set of names
  read equals the annotated set / shares at least one name with it. Names are split on ``;``,
  ``,``, ``&``, "and", "und"; a leading "By" or "Von" is dropped, case and punctuation ignored.
- ``author_invented``: over pages with no annotated author, the share given one anyway.

``part`` splits the pages by host (a hash of the host name, so one site never sits on both
sides): rules are tuned on ``dev`` and checked on ``test``.
"""

from __future__ import annotations

import hashlib
import logging
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from parallax.config import Settings
from parallax.datasets.article_extraction import MetadataPage, load_metadata_pages
from parallax.errors import Code, ConfigError
from parallax.model import RawArticle

logger = logging.getLogger(__name__)

PARTS = ("all", "dev", "test")


@dataclass(frozen=True, slots=True)
class PageMetadata:
    """What an extractor read from one page."""

    title: str | None
    author: str | None
    published: date | None


Extractor = Callable[[MetadataPage, Settings], PageMetadata]
"""Read the metadata of one page (given with its URL, as a crawl would have it)."""

_SPACES = re.compile(r"\s+")
_NAME_SEPARATORS = re.compile(r"\s*(?:[;,&/|]|\band\b|\bund\b)\s*", re.IGNORECASE)
_NAME_PREFIX = re.compile(r"^(?:by|von)\s+", re.IGNORECASE)


def collapse(text: str | None) -> str:
    """Return ``text`` with runs of white space made one space, stripped."""
    return _SPACES.sub(" ", text or "").strip()


def relaxed(text: str | None) -> str:
    """Return ``text`` case folded, without punctuation or symbols, spaces collapsed."""
    kept = (
        " " if unicodedata.category(char)[0] in "PSZ" else char
        for char in unicodedata.normalize("NFKC", text or "").casefold()
    )
    return collapse("".join(kept))


def title_matches(predicted: str | None, truth: str) -> tuple[bool, bool, bool]:
    """Return whether ``predicted`` matches the true title exactly, exactly but for case, and
    relaxedly."""
    exact = collapse(predicted) == collapse(truth)
    caseless = collapse(predicted).casefold() == collapse(truth).casefold()
    mine, theirs = relaxed(predicted), relaxed(truth)
    loose = bool(mine and theirs) and (mine in theirs or theirs in mine)
    return exact, caseless, exact or caseless or loose


def author_names(text: str | None) -> frozenset[str]:
    """Return the set of names in an author string, relaxed for comparison."""
    names = (_NAME_PREFIX.sub("", part.strip()) for part in _NAME_SEPARATORS.split(text or ""))
    return frozenset(name for name in (relaxed(part) for part in names) if name)


def page_part(url: str) -> str:
    """Return ``dev`` or ``test`` for a page, by a hash of its host name (``www.`` dropped)."""
    host = (urlsplit(url).hostname or "").removeprefix("www.")
    return "dev" if hashlib.sha256(host.encode("utf-8")).digest()[0] % 2 == 0 else "test"


def score_metadata(
    pairs: Iterable[tuple[MetadataPage, PageMetadata]],
) -> dict[str, float]:
    """Score predicted metadata against the annotated metadata of each page.

    Returns:
        The metrics of the module docstring and the counts they are taken over.
    """
    counts = dict.fromkeys(
        (
            *("pages", "titled", "title_exact", "title_caseless", "title_relaxed", "dated"),
            "undated",
            *("date_same_day", "date_given_dated", "date_invented", "authored"),
            *("unauthored", "author_exact", "author_overlap", "author_invented"),
        ),
        0,
    )
    for page, predicted in pairs:
        counts["pages"] += 1
        if page.title:
            exact, caseless, loose = title_matches(predicted.title, page.title)
            counts["titled"] += 1
            counts["title_exact"] += exact
            counts["title_caseless"] += caseless
            counts["title_relaxed"] += loose
        if page.published is not None:
            counts["dated"] += 1
            counts["date_given_dated"] += predicted.published is not None
            counts["date_same_day"] += predicted.published == page.published
        else:
            counts["undated"] += 1
            counts["date_invented"] += predicted.published is not None
        mine, theirs = author_names(predicted.author), author_names(page.author)
        if theirs:
            counts["authored"] += 1
            counts["author_exact"] += mine == theirs
            counts["author_overlap"] += bool(mine & theirs)
        else:
            counts["unauthored"] += 1
            counts["author_invented"] += bool(mine)

    def share(part: str, whole: str) -> float:
        return counts[part] / counts[whole] if counts[whole] else 0.0

    return {
        "title_exact": share("title_exact", "titled"),
        "title_caseless": share("title_caseless", "titled"),
        "title_relaxed": share("title_relaxed", "titled"),
        "date_same_day": share("date_same_day", "dated"),
        "date_precision": share("date_same_day", "date_given_dated"),
        "date_invented": share("date_invented", "undated"),
        "author_exact": share("author_exact", "authored"),
        "author_overlap": share("author_overlap", "authored"),
        "author_invented": share("author_invented", "unauthored"),
        "pages": float(counts["pages"]),
        "dated_pages": float(counts["dated"]),
        "undated_pages": float(counts["undated"]),
        "authored_pages": float(counts["authored"]),
    }


def _parallax(page: MetadataPage, settings: Settings) -> PageMetadata:
    # Through the HTML reader, so decoding is part of what is scored; the URL is passed as a
    # WARC record would pass it.
    from parallax.ingest.decode import decode_bytes
    from parallax.ingest.html import declared_charset, extract_html

    html = decode_bytes(page.html, source=page.file, declared=declared_charset(page.html))
    article = extract_html(html, source=page.file, url=page.url, settings=settings)
    if not isinstance(article, RawArticle):
        logger.info("%s", article.line())
        return PageMetadata(None, None, None)
    return PageMetadata(article.title, article.author, article.published)


def _trafilatura(page: MetadataPage, settings: Settings) -> PageMetadata:
    import trafilatura

    from parallax.ingest.decode import decode_bytes
    from parallax.ingest.html import declared_charset

    html = decode_bytes(page.html, source=page.file, declared=declared_charset(page.html))
    found = trafilatura.extract_metadata(html, default_url=page.url)
    published = date.fromisoformat(found.date[:10]) if found.date else None
    return PageMetadata(found.title, found.author, published)


EXTRACTORS: dict[str, Extractor] = {"parallax": _parallax, "trafilatura": _trafilatura}
"""The extractors :func:`evaluate_metadata` can score, by name."""


def evaluate_metadata(
    data_dir: Path,
    *,
    part: str = "all",
    extractor: str = "parallax",
    settings: Settings | None = None,
) -> dict[str, float]:
    """Read the metadata of every annotated page of trafilatura's evaluation set and score it.

    Args:
        data_dir: The folder with ``evaldata.json`` and the pages.
        part: ``all``, or ``dev`` / ``test``: the half of the hosts to score.
        extractor: ``parallax`` (our HTML reader) or ``trafilatura`` (its ``extract_metadata``
            with its defaults, for comparison).
        settings: Limits for the reader; the defaults when not given.

    Raises:
        ConfigError: an unknown part or extractor (P601).
        InputError: ``evaldata.json`` or a page is missing (P114).
    """
    if part not in PARTS:
        raise ConfigError(Code.CONFIG, f"unknown part {part!r}; known: {', '.join(PARTS)}")
    if extractor not in EXTRACTORS:
        known = ", ".join(sorted(EXTRACTORS))
        raise ConfigError(Code.CONFIG, f"unknown extractor {extractor!r}; known: {known}")
    extract = EXTRACTORS[extractor]
    settings = settings or Settings()
    pages = [
        page
        for page in load_metadata_pages(data_dir)
        if part == "all" or page_part(page.url) == part
    ]
    return score_metadata((page, extract(page, settings)) for page in pages)
