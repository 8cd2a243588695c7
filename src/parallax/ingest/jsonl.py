"""Read JSON Lines: one article per line, streamed a bounded line at a time.

Each non-blank line holds one JSON object. The fields read, with the aliases accepted for each
(the first alias present wins; ``null`` or a blank string counts as absent; other keys are
ignored):

=============  ===================================  =============================================
RawArticle     JSON keys                            value
=============  ===================================  =============================================
raw_text       ``text``, ``body``, ``content``,     the article text, kept as given
               ``articleBody``
(extracted)    ``html``                             a whole HTML page, used when there is no text
external_id    ``id``, ``external_id``              a string or an integer
url            ``url``, ``link``                    a string
title          ``title``, ``headline``              a string
published      ``published``, ``date``,             an ISO 8601 date or date-time; the date as
               ``published_at``, ``datePublished``  written is kept, whatever its time zone
author         ``author``                           a string
outlet         ``outlet``                           the outlet's name, as the producer gives it
site_name      ``site_name``                        a string
language       ``language``, ``lang``               a string such as ``en``
=============  ===================================  =============================================

``record`` is the 1-based line number. A first line that is a whole JSON document (an array, or
an object with an ``articles``/``items`` list: a minified export too long for the sniffer to see
its list) is read as :mod:`parallax.ingest.jsondoc` reads it, ``record`` being ``item N``.
A record is identified by its ``url``, else by its text:
``id`` is kept as ``external_id`` but names nothing across files, where producers reuse the same
numbers (``1``, ``2``…) for different articles, so two texts under one id are never one article.
A record with ``html`` and no text goes through :func:`parallax.ingest.html.extract_html`; the
fields the record gives win over what the page says.
Every problem is a :class:`~parallax.model.Rejection` for that line alone: P104 a line longer than
``max_record_bytes``, P106 malformed JSON, P107 an impossible date, P108 an empty text, P113 no
text and no html (or a value that is not an object), P115 a field of the wrong type, P101-P103
bytes that do not decode. Lone surrogates from ``\\ud800``-style escapes become U+FFFD, because
they cannot be stored as UTF-8.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any, BinaryIO

from parallax.config import Settings
from parallax.errors import Code, InputError
from parallax.ingest.decode import decode_bytes
from parallax.ingest.readers import READERS, SPLITTERS, parsed
from parallax.ingest.sniff import LIST_KEYS, is_document
from parallax.model import RawArticle, Rejection

_STAGE = "ingest"
_FORMAT = "jsonl"
# schema.org's NewsArticle names (``articleBody``, ``datePublished``) are what JSON exports of
# JSON-LD carry.
_TEXT_KEYS = ("text", "body", "content", "articleBody")
_KEYS: dict[str, tuple[str, ...]] = {
    "external_id": ("id", "external_id"),
    "url": ("url", "link"),
    "title": ("title", "headline"),
    "published": ("published", "date", "published_at", "datePublished"),
    "author": ("author",),
    "outlet": ("outlet",),
    "site_name": ("site_name",),
    "language": ("language", "lang"),
}
_DRAIN_CHUNK = 1 << 16
# JSON joins escaped surrogate pairs into one character, so any surrogate left is a lone one.
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclasses.dataclass(frozen=True, slots=True)
class HtmlRecord:
    """A JSON record's HTML page, read but not yet extracted (a ``Deferred``): the page goes to
    trafilatura in whichever process parses it, the record's own fields over the page's."""

    source: str
    record: str
    html: str
    fields: dict[str, Any]
    fmt: str

    def parse(self, settings: Settings) -> RawArticle | Rejection:
        """Extract the article (see :func:`parallax.ingest.html.extract_html`)."""
        return _from_html(
            self.html, self.fields, source=self.source, record=self.record, settings=settings,
            fmt=self.fmt,
        )  # fmt: skip


Split = RawArticle | Rejection | HtmlRecord


@READERS.register("jsonl")
def read_jsonl(
    stream: BinaryIO, *, source: str, settings: Settings
) -> Iterator[RawArticle | Rejection]:
    """Yield one article or rejection per non-blank line of a JSON Lines stream (a record's
    HTML extracted here; :func:`split_jsonl` leaves it to the caller)."""
    yield from parsed(split_jsonl(stream, source=source, settings=settings), settings)


@SPLITTERS.register("jsonl")
def split_jsonl(stream: BinaryIO, *, source: str, settings: Settings) -> Iterator[Split]:
    """Yield one article, rejection or unextracted HTML record per non-blank line of a JSON
    Lines stream.

    Args:
        stream: The binary stream, read one bounded line at a time and never whole.
        source: The name of the input (a path), copied into every article and rejection.
        settings: ``max_record_bytes`` bounds a line; the rest go on to HTML extraction.
    """
    limit = settings.max_record_bytes
    number = 0
    first = True
    # Two bytes over the limit: a line of exactly ``limit`` bytes may still end in "\r\n".
    while line := stream.readline(limit + 2):
        number += 1
        record = str(number)
        complete = line.endswith(b"\n") or len(line) < limit + 2
        if not complete:
            _drain_line(stream)
        line = line.rstrip(b"\r\n")
        if not complete or len(line) > limit:
            yield _reject(source, record, Code.TOO_LARGE, _too_large(limit))
            continue
        if number == 1:
            line = line.removeprefix(b"\xef\xbb\xbf")
        if not line.strip():
            continue
        whole, first = first, False
        try:
            yield from _split_line(
                line, source=source, record=record, settings=settings, whole=whole
            )
        except InputError as exc:
            yield _reject(source, record, exc.code, exc.reason)


def _too_large(limit: int) -> str:
    return f"line is longer than max_record_bytes ({limit} bytes); raise it to read this record"


def _drain_line(stream: BinaryIO) -> None:
    """Skip the rest of an overlong line without holding it in memory."""
    while chunk := stream.readline(_DRAIN_CHUNK):
        if chunk.endswith(b"\n"):
            return


def _reject(source: str, record: str, code: Code, reason: str) -> Rejection:
    return Rejection(source=source, stage=_STAGE, code=code.value, reason=reason, record=record)


def _decode(line: bytes, *, source: str, record: str) -> str:
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        pass
    return decode_bytes(line, source=source, record=record)


def _split_line(
    line: bytes, *, source: str, record: str, settings: Settings, whole: bool
) -> Iterator[Split]:
    """Turn one line into an article (or the extractor's rejection); raise InputError otherwise.

    A first non-blank line (``whole``) that is a JSON document (an array, or an object with an
    ``articles``/``items`` list: a minified export whose head did not show its list) yields one
    result per item, numbered ``item N`` as the document reader numbers them.
    """
    text_line = _decode(line, source=source, record=record)
    try:
        value = json.loads(text_line)
    except json.JSONDecodeError as exc:
        raise InputError(
            Code.MALFORMED_JSON, f"malformed JSON: {exc.msg} (column {exc.colno})"
        ) from exc
    except (ValueError, RecursionError) as exc:
        # Integers past Python's digit limit raise ValueError; deep nesting, RecursionError.
        raise InputError(Code.MALFORMED_JSON, f"malformed JSON: {exc}") from exc
    if whole and is_document(value):
        yield from split_items(document_items(value), source=source)
        return
    if not isinstance(value, dict):
        kind = type(value).__name__
        raise InputError(Code.MISSING_FIELD, f"line holds a JSON {kind}, not an object")
    yield split_record(value, source=source, record=record, fmt=_FORMAT)


def document_items(value: Any) -> list[Any]:
    """Return the objects a JSON document holds: its list, its ``articles``/``items``, or itself."""
    if isinstance(value, list):
        return value
    if is_document(value):
        for key in LIST_KEYS:
            if isinstance(value.get(key), list):
                return list(value[key])
    return [value]


def read_items(
    items: list[Any], *, source: str, settings: Settings
) -> Iterator[RawArticle | Rejection]:
    """Yield one article or rejection per item of a JSON document, as record ``item N``."""
    yield from parsed(split_items(items, source=source), settings)


def split_items(items: list[Any], *, source: str) -> Iterator[Split]:
    """Yield one article, rejection or unextracted HTML record per item of a JSON document."""
    for number, item in enumerate(items, start=1):
        record = f"item {number}"
        if not isinstance(item, dict):
            reason = f"item holds a JSON {type(item).__name__}, not an object"
            yield _reject(source, record, Code.MISSING_FIELD, reason)
            continue
        try:
            yield split_record(item, source=source, record=record, fmt="json")
        except InputError as error:
            yield _reject(source, record, error.code, error.reason)


def split_record(
    value: dict[str, Any], *, source: str, record: str, fmt: str
) -> RawArticle | HtmlRecord:
    """Turn one JSON object into an article, or its HTML page to extract.

    Raises:
        InputError: The record has no text, or a field of the wrong type.
    """
    fields = _fields(value, fmt)
    _, text = _first(value, _TEXT_KEYS)
    if text is not None:
        return RawArticle(source=source, raw_text=text, format=fmt, record=record, **fields)
    _, html = _first(value, ("html",))
    if html is not None:
        return HtmlRecord(source, record, html, fields, fmt)
    blank = [key for key in (*_TEXT_KEYS, "html") if value.get(key) is not None]
    if blank:
        raise InputError(Code.NO_TEXT, f"field {blank[0]!r} is empty")
    raise InputError(Code.MISSING_FIELD, "record has no 'text' and no 'html' field")


def _fields(value: dict[str, Any], fmt: str) -> dict[str, Any]:
    """Read the metadata fields of a record as RawArticle keyword arguments."""
    fields: dict[str, Any] = {}
    for name, keys in _KEYS.items():
        key, found = _first(value, keys, allow_int=name == "external_id")
        if key is None or found is None:
            continue
        if name == "published":
            fields["published"] = _parse_date(key, found)
            fields["published_source"] = fmt
        else:
            fields[name] = found
    return fields


def _first(
    value: dict[str, Any], keys: tuple[str, ...], *, allow_int: bool = False
) -> tuple[str | None, str | None]:
    """Return the first key of ``keys`` whose value is not null or blank, and that value."""
    for key in keys:
        found = value.get(key)
        if found is None or (isinstance(found, str) and not found.strip()):
            continue
        if allow_int and isinstance(found, int) and not isinstance(found, bool):
            return key, str(found)
        if not isinstance(found, str):
            kind = type(found).__name__
            raise InputError(Code.BAD_RECORD, f"field {key!r} must be a string, got a JSON {kind}")
        # A lone surrogate (from a "\ud800" escape) cannot be encoded as UTF-8 later on.
        return key, _SURROGATE.sub("\ufffd", found)
    return None, None


def _parse_date(key: str, value: str) -> date:
    """Parse an ISO 8601 date or date-time; raise InputError for anything else."""
    try:
        return datetime.fromisoformat(value.strip()).date()
    except ValueError:
        shown = value if len(value) <= 60 else value[:57] + "..."
        raise InputError(
            Code.BAD_DATE, f"field {key!r} is not a valid ISO 8601 date: {shown!r}"
        ) from None


def _from_html(
    html: str, fields: dict[str, Any], *, source: str, record: str, settings: Settings, fmt: str
) -> RawArticle | Rejection:
    """Extract the article from a record's HTML; the record's own fields take precedence."""
    # Imported here so that reading plain-text JSONL never loads trafilatura.
    from parallax.ingest.html import extract_html

    result = extract_html(
        html, source=source, record=record, url=fields.get("url"), settings=settings
    )
    if isinstance(result, Rejection):
        return result
    flags = result.flags
    if "published" in fields:
        # The record's own date stands in for the one the page lacked.
        flags = tuple(flag for flag in flags if flag != "published-unknown")
    return dataclasses.replace(result, format=fmt, record=record, flags=flags, **fields)
