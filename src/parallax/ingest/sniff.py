"""Tell an input's format from its first bytes (and, failing that, its name)."""

from __future__ import annotations

import re
import zlib

GZIP_MAGIC = b"\x1f\x8b"
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
    A gzip member is looked into: ``.warc.gz`` stays ``warc`` (warcio reads gzip itself).
    """
    if head.startswith(GZIP_MAGIC):
        inner = gunzip_head(head)
        return sniff_format(inner, name=name.removesuffix(".gz")) if inner else "text"
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"WARC/"):
        return "warc"
    lowered = stripped[:2048]
    if (stripped.startswith(b"<?xml") and _FEED.search(lowered)) or _FEED.match(stripped):
        return "feed"
    if stripped.startswith(b"<") and _HTML.search(lowered):
        return "html"
    if stripped.startswith((b"{", b"[")):
        return "jsonl"
    for suffix, fmt in _SUFFIXES.items():
        if name.lower().endswith(suffix):
            return fmt
    return "text"


def is_gzip(head: bytes) -> bool:
    """Return True when ``head`` starts a gzip stream."""
    return head.startswith(GZIP_MAGIC)


__all__ = ["gunzip_head", "is_gzip", "sniff_format"]
