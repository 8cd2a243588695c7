"""The WARC reader on archives built at test time from real benchmark pages."""

from __future__ import annotations

import gzip
import io
import zlib
from dataclasses import replace
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from parallax.config import Settings
from parallax.errors import Code
from parallax.ingest.readers import READERS
from parallax.ingest.warc import read_warc
from parallax.model import RawArticle, Rejection

AEB = Path(__file__).resolve().parents[1] / "fixtures" / "html" / "aeb" / "html"
PAGES = {
    "https://www.sciencealert.com/nasa-finds-water-plumes-above-the-surface-of-jupiter-s-icy-moon-europa": "14cc2a0ca59c62a8c9f205a171e9ccf4ef4cf69b0c642f51c8c65c051b39024f",
    "https://www.lhpat-tm.com/blog/decision-info/index-2726.html": "85439e26c41c75901820d01a13e8cea7836abb58635ea3986f71a163ab0311d3",
    "https://www.thespacereview.com/article/3834/1": "c00962aabe7bdd1fca78f5360ea7fa93cd7674863b05157e00827506a7aa58c4",
}
TITLES = [
    "NASA Just Confirmed There Are Water Plumes Above The Surface of Jupiter's Moon Europa",
    "商品の改造が商標法違反に！？",
    "Seeking a bigger role for a big rocket",
    "Pogoda",
]
POLISH = "Zażółć gęślą jaźń. Łódź i Kraków mają dziś piękną pogodę, mówią synoptycy."


def response(writer: WARCWriter, url: str, body: bytes, content_type: str, status: str = "200 OK"):  # type: ignore[no-untyped-def]
    headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    # With its length given, warcio digests the payload in place instead of in a temporary file.
    return writer.create_warc_record(
        url, "response", payload=io.BytesIO(body), length=len(body), http_headers=headers
    )


def build_warc(*, compress: bool, big_page: bytes | None = None) -> bytes:
    """Build an archive shaped like CC-NEWS: warcinfo, then request/response/metadata triples."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=compress)
    writer.write_record(writer.create_warcinfo_record("test.warc", {"software": "parallax tests"}))
    for url, doc_id in PAGES.items():
        request = StatusAndHeaders(
            "GET / HTTP/1.1", [("Host", "example.org")], is_http_request=True
        )
        writer.write_record(
            writer.create_warc_record(
                url, "request", payload=io.BytesIO(b""), length=0, http_headers=request
            )
        )
        page = gzip.decompress((AEB / f"{doc_id}.html.gz").read_bytes())
        writer.write_record(response(writer, url, page, "text/html; charset=UTF-8"))
        writer.write_record(
            writer.create_warc_record(
                url,
                "metadata",
                payload=io.BytesIO(b"fetchTimeMs: 120\r\n"),
                length=18,
                warc_content_type="application/warc-fields",
            )
        )
        if big_page is not None:
            writer.write_record(response(writer, url + "?big", big_page, "text/html"))
    # Not articles: an image, a redirect and a 404 page.
    writer.write_record(response(writer, "https://example.org/a.png", b"\x89PNG\r\n", "image/png"))
    writer.write_record(
        response(writer, "https://example.org/old", b"<html>moved</html>", "text/html", "301 Moved")
    )
    writer.write_record(
        response(
            writer,
            "https://example.org/gone",
            b"<p>" + b"Not found. " * 20,
            "text/html",
            "404 Not Found",
        )
    )
    # The charset comes from the HTTP header only; the page declares none.
    polish = f"<html><head><title>Pogoda</title></head><body><article><p>{POLISH}</p></article></body></html>"
    writer.write_record(
        response(
            writer,
            "https://example.pl/pogoda",
            polish.encode("iso-8859-2"),
            "text/html; charset=ISO-8859-2",
        )
    )
    return buffer.getvalue()


def read_all(
    data: bytes, settings: Settings, source: str = "news.warc"
) -> list[RawArticle | Rejection]:
    return list(read_warc(io.BytesIO(data), source=source, settings=settings))


def test_read_warc_is_the_registered_warc_reader() -> None:
    assert READERS.get("warc") is read_warc


@pytest.mark.parametrize("compress", [False, True], ids=["warc", "warc.gz"])
def test_reads_only_successful_html_responses(settings: Settings, compress: bool) -> None:
    data = build_warc(compress=compress)
    items = read_all(data, settings)
    assert all(isinstance(item, RawArticle) for item in items), items
    articles = [item for item in items if isinstance(item, RawArticle)]
    assert [raw.title for raw in articles] == TITLES
    # The canonical link where the page has one, else WARC-Target-URI.
    assert [raw.url for raw in articles] == [*PAGES, "https://example.pl/pogoda"]
    assert all(raw.format == "html" and raw.source == "news.warc" for raw in articles)
    assert articles[3].raw_text == POLISH  # decoded with the HTTP header's charset
    for raw in articles:
        assert raw.external_id is not None and raw.external_id.startswith("urn:uuid:")
        # The record is the byte offset where the record (or its gzip member) starts.
        assert raw.record is not None
        start = data[int(raw.record) :]
        assert start.startswith(b"\x1f\x8b") if compress else start.startswith(b"WARC/1.0\r\n")
        header = zlib.decompressobj(wbits=31).decompress(start[:2000]) if compress else start
        assert raw.external_id.encode() in header[:400]


def test_external_ids_are_distinct(settings: Settings) -> None:
    articles = read_all(build_warc(compress=True), settings)
    ids = [raw.external_id for raw in articles if isinstance(raw, RawArticle)]
    assert len(set(ids)) == len(ids) == 4


def test_truncated_warc_gz_keeps_articles_before_the_damage(settings: Settings) -> None:
    data = build_warc(compress=True)
    items = read_all(data[:-200], settings)  # cuts into the last record, the Polish page
    assert [item.title for item in items[:-1] if isinstance(item, RawArticle)] == TITLES[:3]
    assert len(items) == 4
    last = items[-1]
    assert isinstance(last, Rejection)
    assert last.code == Code.TRUNCATED.value
    assert last.reason.startswith("truncated WARC after ")
    assert last.record is not None and data[int(last.record) :].startswith(b"\x1f\x8b")


@pytest.mark.parametrize("compress", [False, True], ids=["warc", "warc.gz"])
def test_archive_cut_in_its_middle_yields_one_rejection(settings: Settings, compress: bool) -> None:
    data = build_warc(compress=compress)
    items = read_all(data[: len(data) // 2], settings)
    rejections = [item for item in items if isinstance(item, Rejection)]
    assert len(rejections) == 1
    assert items[-1] is rejections[0]
    assert rejections[0].code == Code.TRUNCATED.value
    assert 1 <= len(items) - 1 < 4


def test_garbage_after_the_records_is_a_corrupt_archive(settings: Settings) -> None:
    items = read_all(build_warc(compress=False) + b"this is not a WARC header\r\n\r\n", settings)
    assert [item.title for item in items[:-1] if isinstance(item, RawArticle)] == TITLES
    last = items[-1]
    assert isinstance(last, Rejection)
    assert last.code == Code.BAD_WARC.value
    assert "corrupt WARC after" in last.reason


@pytest.mark.parametrize("data", [b"", b"hello, this is plain text\n", b"\x1f\x8b\x08\x00"])
def test_not_a_warc_is_one_rejection(settings: Settings, data: bytes) -> None:
    items = read_all(data, settings)
    assert len(items) == 1
    assert isinstance(items[0], Rejection)
    assert items[0].code == Code.BAD_WARC.value


@pytest.mark.parametrize("compress", [False, True], ids=["warc", "warc.gz"])
def test_oversized_record_is_rejected_and_reading_goes_on(
    settings: Settings, compress: bool
) -> None:
    big_page = (
        b"<html><body><article>"
        + b"<p>A paragraph of filler text.</p>" * 3000
        + b"</article></body></html>"
    )
    limit = replace(settings, max_record_bytes=80_000)
    assert len(big_page) > 80_000
    items = read_all(build_warc(compress=compress, big_page=big_page), limit)
    kinds = [type(item).__name__ for item in items]
    assert kinds == ["RawArticle", "Rejection"] * 3 + ["RawArticle"]
    for rejection in items[1::2]:
        assert isinstance(rejection, Rejection)
        assert rejection.code == Code.TOO_LARGE.value
        assert rejection.record is not None
    assert [item.title for item in items if isinstance(item, RawArticle)] == TITLES


def test_reader_is_streaming(settings: Settings) -> None:
    """The first article comes out before the reader has seen the end of the archive."""
    data = build_warc(compress=False)

    class Tracking(io.BytesIO):
        furthest = 0

        def read(self, size: int | None = -1) -> bytes:
            chunk = super().read(size)
            Tracking.furthest = max(Tracking.furthest, self.tell())
            return chunk

    stream = Tracking(data)
    first = next(read_warc(stream, source="news.warc", settings=settings))
    assert isinstance(first, RawArticle)
    assert Tracking.furthest < len(data) // 2
