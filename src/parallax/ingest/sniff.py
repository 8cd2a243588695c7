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
    its first line holds a whole object, which is ``jsonl`` (JSON Lines).
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

    JSON Lines starts with a whole object on its first line; a document starts with ``[`` (an
    array) or with an object that goes on past its first line (pretty-printed). A first line
    longer than what was read is taken for JSON Lines, which streams.
    """
    if stripped.startswith(b"["):
        return True
    first, newline, _ = stripped.partition(b"\n")
    try:
        json.loads(first)
    except ValueError:
        return bool(newline)
    return False


def is_gzip(head: bytes) -> bool:
    """Return True when ``head`` starts a gzip stream."""
    return head.startswith(GZIP_MAGIC)


__all__ = ["ARC_MAGIC", "gunzip_head", "is_gzip", "sniff_format"]
