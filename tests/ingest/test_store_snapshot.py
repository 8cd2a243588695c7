"""The store that ingest builds from real pages is the one recorded before ingest was made faster.

The 13 HTML pages of the fixtures (3 of the ScrapingHub benchmark, 10 of trafilatura's
evaluation set) are ingested as HTML files and, with their URLs, as one WARC archive (fixed
record ids and dates), at the default settings. Every stored row (article text, title, date,
outlet, language, author, URLs, flags, fingerprints, band keys, outlets, revisions, rejections,
ledger) is compared with ``tests/fixtures/html/ingest-store.json``, recorded by this module
(``python -m tests.ingest.test_store_snapshot``) on main at 6141878, before session 31's ingest
work (one parse with a C class lookup, one-pass shingle hashes, one read of the meta tags).
Long values, and the band keys, are kept as SHA-256 digests. A change of trafilatura, of lxml or of any ingest rule
that changes what is stored fails here: record the file again only for a change meant to.
The ``corpus_settings`` row (store migration 17: the MiniLM a corpus is built with, recorded
when it is first opened) was added to both stores of the file when that table was made.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import sqlite3
import sys
import tarfile
from pathlib import Path
from typing import Any

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from parallax.config import Settings
from parallax.corpus import Corpus

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "html"
SNAPSHOT = FIXTURES / "ingest-store.json"
# Columns that say when or in which run a row was written, not what it holds.
_WHEN = {"ingested_at", "created_at", "finished_at", "started_at", "run_id"}
_DIGESTED = 80  # longer text values are kept as digests
_LISTED = 50  # a table with more rows is kept as its number of rows and a digest


def _pages() -> list[tuple[str, str, bytes]]:
    """Return (file name, URL, bytes) of every fixture page."""
    truth = json.loads((FIXTURES / "aeb" / "ground-truth.json").read_text(encoding="utf-8"))
    pages = [
        (f"{page_id}.html", str(truth[page_id]["url"]),
         gzip.decompress((FIXTURES / "aeb" / "html" / f"{page_id}.html.gz").read_bytes()))
        for page_id in sorted(truth)
    ]  # fmt: skip
    evaldata = json.loads(
        (FIXTURES / "trafilatura-eval" / "evaldata.json").read_text(encoding="utf-8")
    )
    urls = {entry["file"]: url for url, entry in evaldata.items()}
    with tarfile.open(FIXTURES / "trafilatura-eval" / "html-eval-and-cache.tar.xz") as tar:
        for member in sorted(tar.getmembers(), key=lambda member: member.name):
            name = Path(member.name).name
            handle = tar.extractfile(member)
            if member.isfile() and handle is not None and name in urls:
                pages.append((name, urls[name], handle.read()))
    return pages


def _warc(pages: list[tuple[str, str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for number, (_, url, html) in enumerate(pages):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        fixed = {
            "WARC-Record-ID": f"<urn:uuid:00000000-0000-4000-8000-{number:012d}>",
            "WARC-Date": f"2024-01-01T00:00:{number:02d}Z",
        }
        record = writer.create_warc_record(
            url, "response", payload=io.BytesIO(html), length=len(html),
            http_headers=headers, warc_headers_dict=fixed,
        )  # fmt: skip
        writer.write_record(record)
    return buffer.getvalue()


def _value(value: Any) -> Any:
    if isinstance(value, bytes):
        return "sha256:" + hashlib.sha256(value).hexdigest()
    if isinstance(value, str) and len(value) > _DIGESTED:
        return "sha256:" + hashlib.sha256(value.encode("utf-8")).hexdigest()
    return value


def _rows(db: Path) -> dict[str, list[dict[str, Any]]]:
    """Every row of every table but the full-text index, without when it was written."""
    connection = sqlite3.connect(db)
    try:
        tables = [
            row[0]
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                " AND name NOT LIKE 'articles_fts%' ORDER BY name"
            )
        ]
        found: dict[str, list[dict[str, Any]]] = {}
        for table in tables:
            cursor = connection.execute(f"SELECT * FROM {table}")
            columns = [column[0] for column in cursor.description]
            rows = [
                {
                    column: _value(value)
                    for column, value in zip(columns, row, strict=True)
                    if column not in _WHEN and not (column == "id" and table == "rejections")
                }
                for row in cursor
            ]
            rows.sort(key=lambda row: json.dumps(row, sort_keys=True))
            if len(rows) > _LISTED:  # the band keys: their number and one digest
                digest = hashlib.sha256(json.dumps(rows, sort_keys=True).encode()).hexdigest()
                found[table] = [{"rows": len(rows), "sha256": digest}]
            elif rows:
                found[table] = rows
        found["articles_fts"] = [
            {"rows": connection.execute("SELECT count(*) FROM articles_fts").fetchone()[0]}
        ]
        return found
    finally:
        connection.close()


def build(root: Path) -> dict[str, dict[str, list[dict[str, Any]]]]:
    """Ingest the fixture pages as HTML files and as a WARC; return each store's rows."""
    pages = _pages()
    (root / "pages").mkdir()
    for name, _, html in pages:
        (root / "pages" / name).write_bytes(html)
    (root / "pages.warc.gz").write_bytes(_warc(pages))
    stores = {}
    for kind, target, names in (
        ("html", root / "pages", {str(root / "pages" / name): name for name, _, _ in pages}),
        ("warc", root / "pages.warc.gz", {str(root / "pages.warc.gz"): "pages.warc.gz"}),
    ):
        with Corpus(root / f"{kind}.db", settings=Settings()) as corpus:
            corpus.ingest([str(target)], names=names, workers=1)
        stores[kind] = _rows(root / f"{kind}.db")
    return stores


def test_there_are_pages() -> None:
    assert len(_pages()) == 13


def test_the_store_is_the_recorded_one(tmp_path: Path) -> None:
    recorded = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    built = json.loads(json.dumps(build(tmp_path)))
    assert len(built["html"]["articles"]) == len(built["warc"]["articles"]) == 13
    for kind in ("html", "warc"):
        assert built[kind].keys() == recorded[kind].keys(), kind
        for table, rows in recorded[kind].items():
            assert built[kind][table] == rows, (kind, table)


if __name__ == "__main__":  # record the snapshot: python -m tests.ingest.test_store_snapshot
    import tempfile

    with tempfile.TemporaryDirectory() as scratch:
        SNAPSHOT.write_text(
            json.dumps(build(Path(scratch)), indent=1, sort_keys=True, ensure_ascii=False) + "\n",
            encoding="utf-8",
        )
    sys.stdout.write(f"wrote {SNAPSHOT}\n")
