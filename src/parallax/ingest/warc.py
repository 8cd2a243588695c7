"""Read WARC and WARC.gz archives as Common Crawl's CC-NEWS publishes them, and ARC and ARC.gz
archives (the Internet Archive's older format, Common Crawl's before 2013) through warcio's
``arc2warc`` conversion.

Only ``response`` records with a successful HTTP status and an HTML payload hold articles; the
other records (``warcinfo``, ``request``, ``metadata``, ``revisit``, images, redirects) are
skipped without a message. Messages name a record by its byte offset in the archive (for a
WARC.gz, the offset of its gzip member: the number CDX indexes and ``warcio index`` give), and
the ``WARC-Record-ID`` becomes ``RawArticle.external_id``. Where warcio cannot give a true offset
(a whole file gzipped in one member, rather than one member per record), the record is named by
its number instead: an offset is never negative. The target URI is the page's own URL and
``WARC-Date`` its capture time, so two captures of one URL with different text become two
revisions of one article.

A damaged archive yields every article read before the damage, then one rejection: P105 when
the file ends inside a record, P111 when warcio cannot parse what follows.
"""

from __future__ import annotations

import gzip
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator

from parallax.config import Settings
from parallax.errors import Code, InputError
from parallax.ingest.decode import decode_document
from parallax.ingest.html import declared_charset, extract_html, with_flags
from parallax.ingest.limits import limit_rejection
from parallax.ingest.readers import READERS, SPLITTERS, parsed
from parallax.ingest.sniff import ARC_MAGIC, gunzip_head, is_gzip
from parallax.model import RawArticle, Rejection

logger = logging.getLogger(__name__)

HTML_TYPES = ("text/html", "application/xhtml+xml")
# What warcio says of an archive gzipped whole rather than one gzip member per record.
_NON_CHUNKED = "non-chunked gzip file"
_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)


def _http_header(record: Any, name: str) -> str:
    if record.http_headers is None:
        return ""
    return str(record.http_headers.get_header(name) or "")


def _holds_article(record: Any) -> bool:
    """Return True for a successful HTTP response whose payload is HTML."""
    if record.rec_type != "response" or record.http_headers is None:
        return False
    status = str(record.http_headers.get_statuscode() or "")
    # Without a Content-Type, trust what the crawler identified (CC sets this header).
    media_type = _http_header(record, "Content-Type") or str(
        record.rec_headers.get_header("WARC-Identified-Payload-Type") or ""
    )
    return status.startswith("2") and media_type.split(";")[0].strip().lower() in HTML_TYPES


def _declared_length(record: Any) -> int:
    try:
        return int(record.rec_headers.get_header("Content-Length") or 0)
    except ValueError:
        return 0


def _cut_short(record: Any) -> bool:
    """Return True when the file ended before the record's declared ``Content-Length``.

    warcio reads a block through a ``LimitReader`` set to that length and stops quietly at the
    end of the file, so what the reader still expects shows that the record is cut.
    """
    return record.rec_type is None or int(getattr(record.raw_stream, "limit", 0) or 0) > 0


@dataclass(frozen=True, slots=True)
class WarcPage:
    """One HTML response record of an archive, read but not yet decoded or extracted (a
    ``Deferred``): its payload and the headers its article takes."""

    source: str
    record: str
    payload: bytes
    content_type: str
    url: str | None
    record_id: str | None
    captured: str | None

    def parse(self, settings: Settings) -> RawArticle | Rejection:
        """Decode the payload (HTTP charset, else ``<meta charset>``) and extract its article."""
        source, where, payload = self.source, self.record, self.payload
        match = _CHARSET.search(self.content_type)
        declared = match.group(1).lower() if match else declared_charset(payload)
        try:
            decoded = decode_document(payload, source=source, record=where, declared=declared)
        except InputError as error:
            return Rejection(source, "ingest", error.code.value, error.reason, where)
        url = self.url
        result = extract_html(decoded.text, source=source, record=where, url=url, settings=settings)
        result = with_flags(result, decoded.flags)
        if not isinstance(result, RawArticle):
            return result
        return replace(
            result,
            url=url or result.url,
            external_id=self.record_id.strip("<>") if self.record_id else result.external_id,
            captured=self.captured,
        )


def _page(record: Any, payload: bytes, *, source: str, where: str) -> WarcPage:
    """Take from a response record what its article needs, so the record itself can go."""
    headers = record.rec_headers
    record_id, captured = headers.get_header("WARC-Record-ID"), headers.get_header("WARC-Date")
    return WarcPage(
        source=source,
        record=where,
        payload=payload,
        content_type=_http_header(record, "Content-Type"),
        url=headers.get_header("WARC-Target-URI") or None,
        record_id=str(record_id) if record_id else None,
        captured=str(captured) if captured else None,
    )


class _CountingReader:
    """Hand warcio a stream's bytes, counting them and keeping the last few.

    warcio stops quietly when the file ends inside a record header; comparing where the last
    complete record ended with what was read shows the bytes it left unparsed.
    """

    def __init__(self, stream: BinaryIO, keep: int = 4096) -> None:
        self.stream = stream
        self.keep = keep
        self.count = 0
        self.tail = b""
        # The first bytes, read ahead to tell an ARC from a WARC, handed back first.
        self.head = stream.read(512)

    def read(self, size: int = -1) -> bytes:
        if self.head:
            cut = len(self.head) if size < 0 else size
            chunk, self.head = self.head[:cut], self.head[cut:]
        else:
            chunk = self.stream.read(size)
        self.count += len(chunk)
        self.tail = (self.tail + chunk)[-self.keep :]
        return chunk

    def tell(self) -> int:
        return self.count

    def unparsed_after(self, offset: int) -> bool:
        """Return True when more than blank lines follow ``offset`` in what was read."""
        left = self.count - offset
        return left > len(self.tail) or bool(left > 0 and self.tail[-left:].strip())


def _count(records: int) -> str:
    return f"{records} record" if records == 1 else f"{records} records"


def _describe(error: Exception) -> str:
    """Name the error in one printable line; warcio quotes the bad bytes, which stay out."""
    lines = str(error).strip().splitlines() or [""]
    detail = lines[0].split(", first line")[0]
    detail = "".join(char for char in detail if char.isprintable())[:120]
    return f"{type(error).__name__}: {detail}" if detail else type(error).__name__


def _where(offset: int, records: int) -> str:
    """Name a record by its byte offset, or by its number where warcio has no true offset."""
    return str(offset) if offset >= 0 else f"record {records + 1}"


def _is_arc(head: bytes) -> bool:
    """Return True when an archive starts like an ARC file rather than a WARC file."""
    inner = gunzip_head(head) if is_gzip(head) else head
    return inner.lstrip(b"\r\n").startswith(ARC_MAGIC)


def _truncated(source: str, records: int, offset: int) -> Rejection:
    where = _where(offset, records)
    reason = f"truncated WARC after {_count(records)}: the file ends inside the record at {where}"
    return Rejection(source, "ingest", Code.TRUNCATED.value, reason, where)


@dataclass(slots=True)
class _Position:
    """How far reading an archive got: records read, and where the next one starts."""

    records: int = 0
    next_offset: int = 0
    expanded: int = 0  # the records' declared lengths so far (what the archive expands to)
    stopped: bool = False  # a rejection already said why reading ended


@READERS.register("warc")
def read_warc(
    stream: BinaryIO, *, source: str, settings: Settings
) -> Iterator[RawArticle | Rejection]:
    """Stream the articles of a WARC, WARC.gz, ARC or ARC.gz archive, one record at a time."""
    yield from parsed(split_warc(stream, source=source, settings=settings), settings)


@SPLITTERS.register("warc")
def split_warc(
    stream: BinaryIO, *, source: str, settings: Settings
) -> Iterator[WarcPage | Rejection]:
    """Stream the HTML pages of an archive unparsed, one record at a time, and the rejections.

    An archive gzipped whole (one gzip member, not one per record) is read again through a gzip
    decompressor from its start when the stream can seek, its records named by number.
    """
    reader = _CountingReader(stream)
    arc = _is_arc(reader.head)
    position = _Position()
    # warcio is a third-party parser fed untrusted archives: whatever it raises means the
    # archive is damaged from there on, and the articles before the damage must still come out.
    try:
        yield from _records(reader, source=source, settings=settings, arc=arc, at=position)
    except Exception as error:
        if _NON_CHUNKED in str(error) and stream.seekable():
            stream.seek(0)
            whole = gzip.GzipFile(fileobj=stream)
            yield from _numbered(whole, source=source, settings=settings, arc=arc, skip=position)
            return
        logger.warning("%s: damaged WARC after %d records", source, position.records, exc_info=True)
        reason = f"corrupt WARC after {_count(position.records)} ({_describe(error)})"
        where = _where(position.next_offset, position.records)
        yield Rejection(source, "ingest", Code.BAD_WARC.value, reason, where)
        return
    if position.stopped:
        return
    if position.records == 0:
        yield Rejection(source, "ingest", Code.BAD_WARC.value, "no WARC records found")
    elif reader.unparsed_after(position.next_offset):
        yield _truncated(source, position.records, position.next_offset)


def _numbered(
    whole: gzip.GzipFile, *, source: str, settings: Settings, arc: bool, skip: _Position
) -> Iterator[WarcPage | Rejection]:
    """Read a whole-file gzipped archive decompressed, past the records already read."""
    position = _Position()
    try:
        for item in _records(
            whole, source=source, settings=settings, arc=arc, at=position, numbered=True
        ):
            if position.records > skip.records:
                yield item
    except Exception as error:
        logger.warning("%s: damaged WARC after %d records", source, position.records, exc_info=True)
        reason = f"corrupt WARC after {_count(position.records)} ({_describe(error)})"
        where = f"record {position.records + 1}"
        yield Rejection(source, "ingest", Code.BAD_WARC.value, reason, where)


def _records(
    reader: Any,
    *,
    source: str,
    settings: Settings,
    arc: bool,
    at: _Position,
    numbered: bool = False,
) -> Iterator[WarcPage | Rejection]:
    """Yield the articles and rejections of an archive's records, counting them in ``at``."""
    limit = settings.max_record_bytes
    # An ARC file's records come out converted to WARC ones (``arc2warc``). In a WARC file
    # warcio would read a line of junk as an ARC header, so there an ARC record is damage.
    iterator = ArchiveIterator(reader, arc2warc=arc)
    for record in iterator:
        if record.format != "warc":
            reason = f"not a WARC record after {_count(at.records)} (read as {record.format})"
            where = _where(-1 if numbered else at.next_offset, at.records)
            yield Rejection(source, "ingest", Code.BAD_WARC.value, reason, where)
            at.stopped = True
            return
        # warcio decompresses a WARC.gz itself: its declared lengths bound what it expands to,
        # checked before a record is read through.
        at.expanded += _declared_length(record)
        if at.expanded > settings.max_source_bytes:
            yield limit_rejection(source, "max_source_bytes", settings.max_source_bytes, "bytes")
            at.stopped = True
            return
        wanted = _holds_article(record)
        oversized = _declared_length(record) > limit
        payload = record.content_stream().read(limit + 1) if wanted and not oversized else b""
        # Both calls read the rest of the record, so they come after its payload.
        offset = -1 if numbered else iterator.get_record_offset()
        at.next_offset = offset + iterator.get_record_length()
        where = _where(offset, at.records)
        if _cut_short(record):
            yield _truncated(source, at.records, offset)
            at.stopped = True
            return
        at.records += 1
        if not wanted:
            continue
        if oversized or len(payload) > limit:
            reason = f"WARC record larger than max_record_bytes ({limit})"
            yield Rejection(source, "ingest", Code.TOO_LARGE.value, reason, where)
            continue
        yield _page(record, payload, source=source, where=where)
