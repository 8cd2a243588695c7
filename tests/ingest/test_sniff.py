"""Formats are told from content; names only break ties."""

from __future__ import annotations

import gzip

import pytest

from parallax.ingest.sniff import sniff_format


@pytest.mark.parametrize(
    ("head", "name", "expected"),
    [
        (b"WARC/1.0\r\nWARC-Type: warcinfo\r\n", "x.bin", "warc"),
        (gzip.compress(b"WARC/1.1\r\nWARC-Type: response\r\n", mtime=0), "x.warc.gz", "warc"),
        (b'<?xml version="1.0"?>\n<rss version="2.0"><channel>', "feed.txt", "feed"),
        (b'<feed xmlns="http://www.w3.org/2005/Atom">', "a", "feed"),
        (b"<!DOCTYPE html><html><head>", "page.txt", "html"),
        (b'{"url": "https://a.org/x", "text": "..."}\n', "data", "jsonl"),
        (gzip.compress(b'{"text": "x"}\n', mtime=0), "data.jsonl.gz", "jsonl"),
        (b" date 2025-07-04 Title\n\nBody", "seed.txt", "text"),
        (b"Just some words", "notes", "text"),
        (b"\xef\xbb\xbf<html><body><p>x</p>", "bom.htm", "html"),
    ],
)
def test_sniff_format(head: bytes, name: str, expected: str) -> None:
    assert sniff_format(head, name=name) == expected
