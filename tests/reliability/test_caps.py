"""Caps per source: a compressed file of junk, or one that expands without end, costs a
bounded amount of time, memory and store, and ends with one line naming the cap."""

from __future__ import annotations

import gzip
import io
import json
import tracemalloc
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from parallax.config import Settings
from parallax.corpus import Corpus
from parallax.model import Rejection
from tests.reliability.conftest import run_parallax

pytestmark = pytest.mark.reliability

ARTICLE = (
    "The port reopened on Wednesday after a week of strikes, and the first ships were unloaded "
    "overnight, the harbour master said."
)


def empty_objects_bomb(path: Path, lines: int) -> None:
    """A .jsonl.gz of ``lines`` lines of ``{}``: a few KB that expand to millions of records."""
    with gzip.open(path, "wb", compresslevel=9) as handle:
        chunk = b"{}\n" * 100_000
        for _ in range(lines // 100_000):
            handle.write(chunk)


def test_a_bomb_of_junk_lines_stops_at_the_rejection_cap(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.jsonl.gz"
    empty_objects_bomb(bomb, 3_000_000)
    assert bomb.stat().st_size < 20_000
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE)
    settings = Settings(max_source_rejections=5_000)
    heard: list[Rejection] = []
    db = tmp_path / "c.db"
    with Corpus(db, settings=settings) as corpus:
        corpus.ingest([str(good)])  # loads what any ingest loads (readers, outlets) first
        tracemalloc.start()
        report = corpus.ingest([str(bomb), str(good)], on_rejection=heard.append)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        stored = corpus.store.table_counts(("articles", "rejections"))
    assert report.rejected == len(heard) == 5_001 == stored["rejections"]
    assert len(report.rejections) == 1_000, "the report keeps a sample, not every rejection"
    assert heard[-1].code == "P116" and "max_source_rejections" in heard[-1].reason
    assert heard[-2].record == "5000", "the reader stopped at the cap"
    assert stored["articles"] == 1
    assert peak < 20_000_000, f"peak {peak} bytes"
    assert db.stat().st_size < 5_000_000


def test_the_cli_prints_each_line_as_it_happens_and_the_cap_last(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.jsonl.gz"
    empty_objects_bomb(bomb, 1_000_000)
    db = tmp_path / "c.db"
    result = run_parallax("ingest", str(bomb), db=db, max_source_rejections="300")
    lines = result.stderr.decode().splitlines()
    assert result.returncode == 0 and len(lines) == 301
    assert lines[0] == f"{bomb}:1: P113 record has no 'text' and no 'html' field"
    assert lines[-1].startswith(f"{bomb}: P116 the rest of the source is rejected: more than 300")
    assert "301 rejected" in result.stdout.decode()


def test_decompressed_bytes_are_capped(tmp_path: Path) -> None:
    lines = [json.dumps({"text": f"{ARTICLE} Item {n}."}) for n in range(2_000)]
    source = tmp_path / "many.jsonl.gz"
    source.write_bytes(gzip.compress("\n".join(lines).encode()))
    with Corpus(tmp_path / "c.db", settings=Settings(max_source_bytes=20_000)) as corpus:
        report = corpus.ingest([str(source)])
    (cap,) = report.rejections
    assert cap.code == "P116" and "max_source_bytes" in cap.reason
    assert 0 < report.articles < 2_000, "what came before the cap is kept"


def test_records_are_capped(tmp_path: Path) -> None:
    source = tmp_path / "five.jsonl"
    source.write_text("".join(json.dumps({"text": f"{ARTICLE} {n}."}) + "\n" for n in range(5)))
    with Corpus(tmp_path / "c.db", settings=Settings(max_source_records=3)) as corpus:
        report = corpus.ingest([str(source)])
    assert report.articles == 3
    assert [r.code for r in report.rejections] == ["P116"]
    assert "max_source_records" in report.rejections[0].reason


def test_a_warc_is_capped_by_its_declared_lengths(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    page = f"<html><body><article><p>{ARTICLE}</p></article></body></html>".encode()
    for n in range(5):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                f"https://example.org/{n}",
                "response",
                payload=io.BytesIO(page),
                length=len(page),
                http_headers=headers,
            )
        )
    source = tmp_path / "news.warc.gz"
    source.write_bytes(buffer.getvalue())
    with Corpus(
        tmp_path / "c.db", settings=Settings(max_source_bytes=2 * len(page) + 200)
    ) as corpus:
        report = corpus.ingest([str(source)])
    assert [r.code for r in report.rejections] == ["P116"]
    assert "max_source_bytes" in report.rejections[0].reason


def test_the_default_caps_fit_a_real_news_crawl() -> None:
    # A CC-NEWS WARC is about 1 GB compressed: tens of thousands of pages, a few GB expanded.
    settings = Settings()
    assert settings.max_source_bytes >= 5_000_000_000
    assert settings.max_source_records >= 500_000
    assert settings.max_source_rejections >= 20_000
