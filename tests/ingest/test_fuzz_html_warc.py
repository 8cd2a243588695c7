"""Arbitrary and mutated bytes through the HTML and WARC readers: rejections, never exceptions."""

from __future__ import annotations

import gzip
import io
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from parallax.config import Settings
from parallax.errors import Code
from parallax.ingest.html import extract_html, read_html
from parallax.ingest.warc import read_warc
from parallax.model import RawArticle, Rejection

AEB = Path(__file__).resolve().parents[1] / "fixtures" / "html" / "aeb"
PAGE = AEB / "html" / "14cc2a0ca59c62a8c9f205a171e9ccf4ef4cf69b0c642f51c8c65c051b39024f.html.gz"
FUZZ = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SETTINGS = Settings()

pytestmark = pytest.mark.slow


@cache
def page() -> bytes:
    return gzip.decompress(PAGE.read_bytes())


@cache
def archive(compress: bool) -> bytes:
    """A small archive: warcinfo, a request and the real page as a response."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=compress)
    writer.write_record(writer.create_warcinfo_record("fuzz.warc", {"software": "tests"}))
    url = "https://www.sciencealert.com/europa"
    request = StatusAndHeaders("GET / HTTP/1.1", [("Host", "example.org")], is_http_request=True)
    writer.write_record(
        writer.create_warc_record(
            url, "request", payload=io.BytesIO(b""), length=0, http_headers=request
        )
    )
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    body = page()
    writer.write_record(
        writer.create_warc_record(
            url, "response", payload=io.BytesIO(body), length=len(body), http_headers=headers
        )
    )
    return buffer.getvalue()


def mutate(data: bytes, edits: list[tuple[int, int, bytes]]) -> bytes:
    """Replace ``data[at:at+length]`` with ``insert`` for each edit, positions taken modulo size."""
    for position, length, insert in edits:
        at = position % (len(data) + 1)
        data = data[:at] + insert + data[at + length :]
    return data


EDITS = st.lists(
    st.tuples(
        st.integers(min_value=0), st.integers(min_value=0, max_value=64), st.binary(max_size=16)
    ),
    min_size=1,
    max_size=4,
)


def assert_readable(items: list[RawArticle | Rejection]) -> None:
    """Every rejection reads as one printable line that the CLI can show."""
    for item in items:
        if isinstance(item, Rejection):
            assert item.reason and item.reason.isprintable(), item
            assert item.code.startswith("P1")


def check_html(data: bytes) -> None:
    items = list(read_html(io.BytesIO(data), source="fuzz.html", settings=SETTINGS))
    assert len(items) == 1
    assert isinstance(items[0], RawArticle | Rejection)
    assert_readable(items)


def check_warc(data: bytes) -> None:
    items = list(read_warc(io.BytesIO(data), source="fuzz.warc", settings=SETTINGS))
    assert all(isinstance(item, RawArticle | Rejection) for item in items)
    # A damaged archive ends with its one archive-level rejection; nothing follows it. Records
    # before the damage may be rejected one by one (binary payload, no text, too large).
    damaged = {Code.TRUNCATED.value, Code.BAD_WARC.value}
    assert sum(isinstance(item, Rejection) and item.code in damaged for item in items) <= 1
    assert not any(isinstance(item, Rejection) and item.code in damaged for item in items[:-1])
    assert_readable(items)


@FUZZ
@given(st.binary(max_size=4096))
def test_read_html_on_arbitrary_bytes(data: bytes) -> None:
    check_html(data)


@FUZZ
@given(st.text(max_size=2000))
def test_extract_html_on_arbitrary_text(html: str) -> None:
    assert isinstance(
        extract_html(html, source="fuzz.html", settings=SETTINGS), RawArticle | Rejection
    )


@FUZZ
@given(EDITS)
def test_read_html_on_a_mutated_real_page(edits: list[tuple[int, int, bytes]]) -> None:
    check_html(mutate(page(), edits))


@FUZZ
@given(st.binary(max_size=4096))
def test_read_warc_on_arbitrary_bytes(data: bytes) -> None:
    check_warc(data)


@FUZZ
@given(st.booleans(), EDITS)
def test_read_warc_on_a_mutated_archive(
    compress: bool, edits: list[tuple[int, int, bytes]]
) -> None:
    check_warc(mutate(archive(compress), edits))


@FUZZ
@given(st.booleans(), st.integers(min_value=0))
def test_read_warc_on_a_cut_archive(compress: bool, cut: int) -> None:
    data = archive(compress)
    check_warc(data[: cut % (len(data) + 1)])
