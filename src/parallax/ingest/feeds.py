"""Read RSS and Atom feeds with feedparser: one article per entry.

For each entry (``record`` is ``"entry N"``, counted from 1):

- ``raw_text``: the longest ``content`` value (RSS ``content:encoded``, Atom ``content``), else the
  ``summary`` (RSS ``description``), as plain text with one paragraph a line. HTML with markup goes
  through :func:`parallax.ingest.html.extract_html`; when that finds no article in a short
  fragment, or drops body text with the chrome (see ``EXTRACTED_MIN_SHARE``), the fragment is
  converted as it stands by :func:`html_to_text`, so no entry is lost.
- ``url`` from the entry's link (http and https only), ``title``, ``external_id`` from the entry
  id or RSS guid; ``author`` from feedparser's ``authors`` / ``author_detail`` names, without
  e-mails or the feed's own name (:mod:`parallax.ingest.authors`). The guid (or Atom id), with
  the feed it came in (the feed's link, else its id or title, else the file), is the entry's
  identity: a podcast feed whose entries all link to one page keeps every entry.
- An entry with a title and a link, id, enclosure or date but no content and no summary (or a
  summary too short to be an article) is kept as a headline-only item, flagged
  ``summary_only``: its text is its summary or title.
- ``published`` from the entry's published date, else its updated date: the calendar date as
  written in the feed, in the feed's own time zone (feedparser's UTC date when only that parses);
  ``published_source`` is ``"feed"``.
- ``site_name`` and ``outlet`` from the feed's title, ``language`` from the feed's language.

The whole feed is read (up to ``max_file_bytes``) because XML cannot be parsed in pieces by
feedparser. A feed that is not well-formed but still has entries is read leniently, with a
warning logged; one with no entries is a single P110 rejection. An entry with no text is P108.
The feed is parsed where it is read; each entry is read (its HTML extracted) as a
:class:`FeedEntry`, so that ``parallax ingest --workers`` reads entries in its workers.
"""

from __future__ import annotations

import email.utils
import io
import logging
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import PurePath
from typing import Any, BinaryIO

import feedparser
import lxml.etree
import lxml.html

from parallax.config import Settings
from parallax.errors import Code
from parallax.ingest.authors import feed_authors, join_authors
from parallax.ingest.identity import canonical_url
from parallax.ingest.readers import READERS, SPLITTERS, parsed
from parallax.model import RawArticle, Rejection

logger = logging.getLogger(__name__)

_STAGE = "ingest"
_FORMAT = "feed"
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_MARKUP = re.compile(r"<[A-Za-z!/?]")
_BLOCKS = frozenset(
    {
        *("address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "figcaption"),
        *("figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main"),
        *("nav", "ol", "p", "pre", "section", "table", "tr", "ul"),
    }
)
_HIDDEN = frozenset({"script", "style", "template"})
_WHITESPACE = re.compile(r"\s+")
_NEWLINES = re.compile(r"\n{2,}")
EXTRACTED_MIN_SHARE = 0.8
"""Least share of a fragment's words the HTML extractor must keep for its text to be used."""


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One entry of a parsed feed, its text not yet read (a ``Deferred``): an entry's HTML goes
    through the article extractor in whichever process parses it."""

    source: str
    record: str
    entry: Mapping[str, Any]
    site_name: str | None
    language: str | None
    scope: str

    def parse(self, settings: Settings) -> RawArticle | Rejection:
        """Return the entry's article, or why it holds none."""
        return _entry_article(self, settings)


@READERS.register("feed")
def read_feed(
    stream: BinaryIO, *, source: str, settings: Settings
) -> Iterator[RawArticle | Rejection]:
    """Yield one article per feed entry, or a rejection for the feed or for one entry."""
    yield from parsed(split_feed(stream, source=source, settings=settings), settings)


@SPLITTERS.register("feed")
def split_feed(
    stream: BinaryIO, *, source: str, settings: Settings
) -> Iterator[RawArticle | Rejection | FeedEntry]:
    """Parse a feed; yield each entry unread, or a rejection for the feed.

    Args:
        stream: The binary stream holding one RSS or Atom document.
        source: The name of the input (a path), copied into every article and rejection.
        settings: ``max_file_bytes`` bounds the feed; the rest go on to HTML extraction.
    """
    limit = settings.max_file_bytes
    data = stream.read(limit + 1)
    if len(data) > limit:
        reason = f"feed is larger than max_file_bytes ({limit} bytes); raise it to read this feed"
        yield _reject(source, None, Code.TOO_LARGE, reason)
        return
    if not data.strip():
        yield _reject(source, None, Code.EMPTY, "empty input")
        return
    # feedparser is a third-party parser fed untrusted bytes, and a few broken documents make it
    # raise (a namespace URI with a space in it, for one): that is a property of this feed.
    try:
        # Wrapped in BytesIO: feedparser treats bytes that name an existing file as its path.
        parsed = feedparser.parse(io.BytesIO(data))
    except Exception as error:
        logger.warning("%s: feedparser failed", source, exc_info=True)
        reason = f"feedparser cannot read it: {type(error).__name__}: {error}"
        yield _reject(source, None, Code.BAD_FEED, reason)
        return
    entries: list[Mapping[str, Any]] = parsed.get("entries") or []
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if not entries:
        if problem is not None:
            yield _reject(source, None, Code.BAD_FEED, f"feedparser cannot read it: {problem}")
        elif not parsed.get("version"):
            yield _reject(source, None, Code.BAD_FEED, "not an RSS or Atom feed")
        else:
            logger.info("%s: the feed has no entries", source)
        return
    if problem is not None:
        logger.warning("%s: the feed is not well-formed (%s); read it leniently", source, problem)
    feed: Mapping[str, Any] = parsed.get("feed") or {}
    site_name = _detail_text(feed, "title") or None
    language = _string(feed.get("language"))
    scope = _feed_key(feed, source)
    for number, entry in enumerate(entries, start=1):
        yield FeedEntry(source, f"entry {number}", entry, site_name, language, scope)


def _entry_article(item: FeedEntry, settings: Settings) -> RawArticle | Rejection:
    """Read one feed entry: its text, title, link, date and authors."""
    source, record, entry, site_name = item.source, item.record, item.entry, item.site_name
    text = _entry_text(entry, source=source, record=record, settings=settings)
    title = _detail_text(entry, "title") or None
    flags: tuple[str, ...] = ()
    identified = any(entry.get(key) for key in ("link", "id", "enclosures", "published"))
    if not entry.get("content") and len(text) < settings.min_article_chars and title and identified:
        # A headline-only item (a link list, a podcast episode): kept, and marked so. It
        # needs a link, an id, an enclosure or a date: a bare title is no news item.
        text, flags = text if text else title, ("summary_only",)
    if not text:
        return _reject(source, record, Code.NO_TEXT, "entry has no content and no summary")
    guid = _string(entry.get("id"))
    return RawArticle(
        source=source,
        raw_text=text,
        format=_FORMAT,
        record=record,
        url=_link(entry),
        title=title,
        published=_entry_date(entry),
        published_source=_FORMAT,
        author=join_authors(feed_authors(entry, site_names=[site_name or ""])),
        site_name=site_name,
        outlet=site_name,
        language=item.language,
        external_id=guid,
        identity=f"feed:{item.scope}#{guid}" if guid else None,
        flags=flags,
    )


def _feed_key(feed: Mapping[str, Any], source: str) -> str:
    """Name the feed an entry's guid belongs to: its link, else its id or title, else the file."""
    link = canonical_url(_string(feed.get("link")))
    return link or _string(feed.get("id")) or _string(feed.get("title")) or PurePath(source).name


def _reject(source: str, record: str | None, code: Code, reason: str) -> Rejection:
    return Rejection(source=source, stage=_STAGE, code=code.value, reason=reason, record=record)


def _string(value: object) -> str | None:
    """Return ``value`` stripped if it is a non-blank string, else None."""
    return (value.strip() or None) if isinstance(value, str) else None


def _detail_text(item: Mapping[str, Any], key: str) -> str:
    """Return a feed or entry text field as plain text, converting it when it is HTML."""
    value = _string(item.get(key)) or ""
    detail = item.get(f"{key}_detail") or {}
    return html_to_text(value) if detail.get("type") in _HTML_TYPES else value


def _link(entry: Mapping[str, Any]) -> str | None:
    link = _string(entry.get("link"))
    # feedparser copies a guid or an Atom id (often a "urn:") into link when there is no link.
    return link if link and link.startswith(("http://", "https://")) else None


def _entry_date(entry: Mapping[str, Any]) -> date | None:
    """Return the entry's published (else updated) date as written, else as feedparser read it."""
    for key in ("published", "updated"):
        written = _written_date(_string(_own(entry, key)))
        if written is not None:
            return written
        parsed = _own(entry, f"{key}_parsed")
        if parsed:
            return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
    return None


def _own(entry: Mapping[str, Any], key: str) -> Any:
    """The entry's own value for ``key``, bypassing feedparser's deprecated updated→published
    fallback (which warns, and would read a published date as an updated one)."""
    return dict.get(entry, key) if isinstance(entry, dict) else entry.get(key)


def _written_date(value: str | None) -> date | None:
    """Parse an RFC 822 (RSS) or RFC 3339 (Atom) date, keeping its own time zone's calendar date."""
    if value is None:
        return None
    try:
        return datetime.fromisoformat(value).date()
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def _entry_text(entry: Mapping[str, Any], *, source: str, record: str, settings: Settings) -> str:
    """Return the entry's text: its longest content, else its summary, as plain text."""
    details = [item for item in entry.get("content") or [] if _string(item.get("value"))]
    if details:
        best = max(details, key=lambda item: len(item["value"]))
        value, kind = str(best["value"]), best.get("type")
    else:
        value = _string(entry.get("summary")) or ""
        kind = (entry.get("summary_detail") or {}).get("type")
    if kind not in _HTML_TYPES:
        return value.strip()
    plain = html_to_text(value)
    if _MARKUP.search(value):
        extracted = _extract(
            value, url=_link(entry), source=source, record=record, settings=settings
        )
        # The extractor is built to strip page chrome, and a feed fragment has little: when it
        # drops more than a fifth of the words, it has dropped body text (a list, a caption).
        if len(extracted.split()) >= EXTRACTED_MIN_SHARE * len(plain.split()):
            return extracted
    return plain


def _extract(html: str, *, url: str | None, source: str, record: str, settings: Settings) -> str:
    """Run the HTML article extractor on a content fragment; return "" when it finds nothing."""
    # Imported here so that reading a feed of plain text never loads trafilatura.
    from parallax.ingest.html import extract_html

    result = extract_html(html, source=source, record=record, url=url, settings=settings)
    return result.raw_text.strip() if isinstance(result, RawArticle) else ""


def html_to_text(html: str) -> str:
    """Turn an HTML fragment into plain text: one line per block, spaces collapsed.

    Scripts, styles and comments are dropped and character references decoded; white space
    inside a block, line breaks included, becomes one space, as a browser shows it.
    """
    if not html.strip():
        return ""
    parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True)
    # Bytes with a stated encoding: lxml refuses a str that carries an XML encoding declaration.
    try:
        root = lxml.html.document_fromstring(html.encode("utf-8", "replace"), parser=parser)
    except lxml.etree.LxmlError:
        return ""
    # Walked, never rewritten: lxml refuses to set text holding control characters.
    parts: list[str] = []
    hidden = 0
    for event, element in lxml.etree.iterwalk(root, events=("start", "end")):
        tag = element.tag if isinstance(element.tag, str) else ""
        if event == "start":
            hidden += tag in _HIDDEN
            if tag == "br" or tag in _BLOCKS:
                parts.append("\n")
            if element.text and tag and not hidden:
                parts.append(_WHITESPACE.sub(" ", element.text))
            continue
        hidden -= tag in _HIDDEN
        if tag in _BLOCKS:
            parts.append("\n")
        if element.tail and not hidden:
            parts.append(_WHITESPACE.sub(" ", element.tail))
    lines = (line.strip() for line in "".join(parts).split("\n"))
    return _NEWLINES.sub("\n", "\n".join(lines)).strip()
