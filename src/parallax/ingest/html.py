"""Read one HTML page: main text and metadata through trafilatura.

Extraction options were chosen by measurement on the ScrapingHub Article Extraction Benchmark
(181 pages, scored with ``parallax.eval.extraction``): chosen on the 88 pages whose id starts
with ``0``-``7`` (dev), checked on the other 93 (test). Main-text F1, every row without comments:

    options                          dev      test     all
    trafilatura defaults             0.9606   0.9590   0.9598
    favor_precision (chosen)         0.9691   0.9593   0.9641
    favor_recall                     0.9592   0.9593   0.9593
    fast (no fallback extractors)    0.9615   0.9632   0.9623
    favor_precision + fast           0.9580   0.9348   0.9461
    favor_precision, no tables       0.9602   0.9540   0.9570

Precision also matters most downstream: boilerplate in the text becomes false quotes and claims.
Comments are never article text, so they stay out.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, BinaryIO

import trafilatura
from trafilatura.settings import Document

from parallax.config import Settings
from parallax.errors import Code, InputError
from parallax.ingest.authors import join_authors, page_authors
from parallax.ingest.decode import decode_document
from parallax.ingest.pagetree import load_page
from parallax.ingest.published import date_options
from parallax.ingest.readers import READERS, SPLITTERS, parsed
from parallax.ingest.titles import page_title, site_names
from parallax.ingest.trafmeta import page_metadata
from parallax.model import RawArticle, Rejection

logger = logging.getLogger(__name__)

TRAFILATURA_OPTIONS: dict[str, Any] = {
    "favor_precision": True,
    "include_comments": False,
    "include_tables": True,
}
"""Keyword arguments for ``trafilatura.bare_extraction`` (see the module docstring).

Its metadata comes from :func:`parallax.ingest.trafmeta.page_metadata` on the same tree, which
skips the fields Parallax never reads and finds the fallback title and author only when needed.
"""

# The HTML standard prescans 1024 bytes for a charset; real pages put it later, behind scripts.
CHARSET_SCAN_BYTES = 4096
_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?=$|[-_])")


def declared_charset(data: bytes) -> str | None:
    """Return the charset a ``<meta charset>`` or ``http-equiv`` tag declares near the top."""
    match = _META_CHARSET.search(data[:CHARSET_SCAN_BYTES])
    return match.group(1).decode("ascii").lower() if match else None


def _declared_language(tree: Any) -> str | None:
    """Return the primary language subtag of ``<html lang>`` (``en-gb`` -> ``en``), if any."""
    value = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang")
    if not isinstance(value, str):
        return None
    match = _LANGUAGE_TAG.match(value.strip())
    return match.group(0).lower() if match else None


def _published(value: str | None) -> date | None:
    """Parse trafilatura's ``YYYY-MM-DD`` date; None when it is missing or impossible."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _long_enough(text: str | None, settings: Settings) -> bool:
    return text is not None and len(text.strip()) >= settings.min_article_chars


def extract_html(
    html: str,
    *,
    source: str,
    record: str | None = None,
    url: str | None = None,
    settings: Settings,
) -> RawArticle | Rejection:
    """Extract the main text and metadata of one HTML page.

    Args:
        html: The decoded page.
        source: The file the page came from, for messages.
        record: Where in the source the page is (a WARC offset), for messages.
        url: The URL the page was fetched from; the canonical link the page declares is kept
            apart (``RawArticle.canonical``), since it only links copies.
        settings: Limits (``max_record_bytes``, ``min_article_chars``).

    Returns:
        The article with paragraphs separated by newlines, or a ``Rejection`` when the page is
        too large (P104), cannot be parsed (P109) or has no main text (P108).
    """

    def reject(code: Code, reason: str) -> Rejection:
        return Rejection(source, "ingest", code.value, reason, record)

    size = len(html.encode("utf-8", "surrogatepass"))
    if size > settings.max_record_bytes:
        return reject(
            Code.TOO_LARGE,
            f"HTML page of {size} bytes exceeds max_record_bytes ({settings.max_record_bytes})",
        )
    # trafilatura and lxml are third-party parsers fed untrusted pages; whatever they raise is a
    # property of this page, and one bad page must never stop a batch.
    try:
        tree = load_page(html)
        if tree is None:
            return reject(Code.BAD_HTML, "cannot parse HTML (no document tree)")
        language = _declared_language(tree)
        document = trafilatura.bare_extraction(tree, url=url, **TRAFILATURA_OPTIONS)
        # as_dict is off, so trafilatura returns a Document, or None when it finds no main text.
        if not isinstance(document, Document) or not _long_enough(document.text, settings):
            return reject(Code.NO_TEXT, "no main text found in HTML")
        # The text never depends on the metadata (trafilatura uses a URL only to resolve the
        # links it drops here), so it is found on the same tree, after it.
        meta = page_metadata(tree, url, date_options())
        page_url = meta.url or url
        # trafilatura's sitename is not passed on: on a page that names no site it is the title.
        title = page_title(tree, url=page_url, fallback=meta.title)
        names = site_names(tree, page_url, domain_label=False)
        authors = page_authors(tree, site_names=names, fallback=meta.author)
    except Exception as error:
        logger.warning("%s:%s: HTML extraction failed", source, record or "", exc_info=True)
        return reject(Code.BAD_HTML, f"cannot parse HTML ({type(error).__name__})")
    text = document.text or ""
    published = _published(meta.date)
    return RawArticle(
        source=source,
        raw_text=text,
        format="html",
        record=record,
        url=url,
        canonical=meta.url or None,
        title=title or None,
        published=published,
        published_source="html-meta" if published else "unknown",
        author=join_authors(authors),
        site_name=meta.sitename or None,
        language=language,
        flags=() if published else ("published-unknown",),
    )


@dataclass(frozen=True, slots=True)
class HtmlPage:
    """The bytes of one HTML page, read but not yet decoded or extracted (a ``Deferred``)."""

    source: str
    data: bytes
    record: str | None = None

    def parse(self, settings: Settings) -> RawArticle | Rejection:
        """Decode the page and extract its article (see :func:`extract_html`)."""
        try:
            decoded = decode_document(
                self.data, source=self.source, declared=declared_charset(self.data)
            )
        except InputError as error:
            return Rejection(self.source, "ingest", error.code.value, error.reason, error.record)
        text = extract_html(decoded.text, source=self.source, settings=settings)
        return with_flags(text, decoded.flags)


@SPLITTERS.register("html")
def split_html(
    stream: BinaryIO, *, source: str, settings: Settings
) -> Iterator[HtmlPage | Rejection]:
    """Read one HTML page from ``stream``; yield it unparsed, or why it cannot be read."""
    data = stream.read(settings.max_record_bytes + 1)
    if len(data) > settings.max_record_bytes:
        reason = f"HTML page larger than max_record_bytes ({settings.max_record_bytes})"
        yield Rejection(source, "ingest", Code.TOO_LARGE.value, reason)
        return
    yield HtmlPage(source, data)


@READERS.register("html")
def read_html(
    stream: BinaryIO, *, source: str, settings: Settings
) -> Iterator[RawArticle | Rejection]:
    """Read one HTML page from ``stream`` and yield its article or a rejection."""
    yield from parsed(split_html(stream, source=source, settings=settings), settings)


def with_flags(result: RawArticle | Rejection, flags: tuple[str, ...]) -> RawArticle | Rejection:
    """Add what decoding found (``charset-mismatch``) to an article's flags."""
    if flags and isinstance(result, RawArticle):
        return replace(result, flags=(*result.flags, *flags))
    return result
