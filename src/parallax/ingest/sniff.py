"""Tell an input's format from its first bytes (and, failing that, its name)."""

from __future__ import annotations

import json
import re
import zlib

GZIP_MAGIC = b"\x1f\x8b"
#: How an ARC file (version 1) begins: its file-description record.
ARC_MAGIC = b"filedesc://"
_ARC_RECORD = re.compile(rb"^https?://\S+ \d{1,3}(?:\.\d{1,3}){3} \d{14} \S+ \d+\r?\n")
_FEED = re.compile(rb"<(?:rss|feed|rdf:RDF)\b", re.IGNORECASE)
_HTML = re.compile(rb"<(?:!doctype\s+html|html|head|body|article|div|p)\b", re.IGNORECASE)
_SPACE = re.compile(r"[ \t\r\n]*")
#: Keys under which a JSON document lists its articles (news APIs, feed-to-JSON converters).
LIST_KEYS = ("articles", "items")
#: Keys that make an object one record (the text fields of :mod:`parallax.ingest.jsonl`), so
#: that a record with, say, an ``items`` list of tags stays a record.
RECORD_KEYS = ("text", "body", "content", "articleBody", "html")
_SUFFIXES = {
    ".txt": "text",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".html": "html",
    ".htm": "html",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
    ".warc": "warc",
    ".arc": "warc",
    ".json": "json",
}


def gunzip_head(head: bytes, size: int = 4096) -> bytes:
    """Decompress as much of a gzip prefix as possible (for sniffing only)."""
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, size)
    except zlib.error:
        return b""


def sniff_format(head: bytes, *, name: str = "") -> str:
    """Return the reader name for data beginning with ``head``.

    Content decides; the file name is only a tie-breaker for text that could be anything.
    A gzip member is looked into: ``.warc.gz`` and ``.arc.gz`` stay ``warc`` (warcio reads gzip
    itself). JSON is ``json`` (one document: an object or an array, pretty-printed or not) unless
    its first line holds a whole object that is one record, which is ``jsonl`` (JSON Lines).
    """
    if head.startswith(GZIP_MAGIC):
        inner = gunzip_head(head)
        return sniff_format(inner, name=name.removesuffix(".gz")) if inner else "text"
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith((b"WARC/", ARC_MAGIC)) or _ARC_RECORD.match(stripped):
        return "warc"
    lowered = stripped[:2048]
    if (stripped.startswith(b"<?xml") and _FEED.search(lowered)) or _FEED.match(stripped):
        return "feed"
    if stripped.startswith(b"<") and _HTML.search(lowered):
        return "html"
    if stripped.startswith((b"{", b"[")):
        return "json" if _is_json_document(stripped) else "jsonl"
    for suffix, fmt in _SUFFIXES.items():
        if name.lower().endswith(suffix):
            return fmt
    return "text"


def _is_json_document(stripped: bytes) -> bool:
    """Tell one JSON document from JSON Lines by its first line.

    A first line that is one whole JSON value is a document when that value is an array or an
    object listing its articles (a minified export), and a JSON Lines record otherwise. A first
    line that does not parse is a document when more lines follow (pretty-printed); when it runs
    past what was read, the prefix decides: an array, or an object with an ``articles``/``items``
    list among the keys read, is a document, and anything else is taken for JSON Lines, which
    streams.
    """
    first, newline, _ = stripped.partition(b"\n")
    try:
        value = json.loads(first)
    except (ValueError, RecursionError):
        if newline:
            return True
    else:
        return is_document(value)
    return stripped.startswith(b"[") or _lists_articles(first.decode("utf-8", "ignore"))


def is_document(value: object) -> bool:
    """Return True for a parsed JSON value that holds articles as a document does: an array, or
    an object that lists them under a ``LIST_KEYS`` key and is not itself a record."""
    if isinstance(value, list):
        return True
    if not isinstance(value, dict) or any(key in value for key in RECORD_KEYS):
        return False
    return any(isinstance(value.get(key), list) for key in LIST_KEYS)


def _lists_articles(prefix: str) -> bool:
    """Return True when the object that ``prefix`` begins has a list under a ``LIST_KEYS`` key.

    Only the top-level keys are looked at, one whole value after another, until the prefix ends
    or a ``RECORD_KEYS`` key shows the object to be one record.
    """
    decoder = json.JSONDecoder()
    position = _skip_space(prefix, 1)
    while True:
        try:
            key, position = decoder.raw_decode(prefix, position)
        except (ValueError, RecursionError):
            return False
        position = _skip_space(prefix, position)
        if key in RECORD_KEYS or not prefix.startswith(":", position):
            return False
        position = _skip_space(prefix, position + 1)
        if key in LIST_KEYS and prefix.startswith("[", position):
            return True
        try:
            _, position = decoder.raw_decode(prefix, position)
        except (ValueError, RecursionError):
            return False
        position = _skip_space(prefix, position)
        if not prefix.startswith(",", position):
            return False
        position = _skip_space(prefix, position + 1)


def _skip_space(text: str, position: int) -> int:
    match = _SPACE.match(text, position)
    return match.end() if match else position


def is_gzip(head: bytes) -> bool:
    """Return True when ``head`` starts a gzip stream."""
    return head.startswith(GZIP_MAGIC)


__all__ = ["ARC_MAGIC", "LIST_KEYS", "gunzip_head", "is_document", "is_gzip", "sniff_format"]
