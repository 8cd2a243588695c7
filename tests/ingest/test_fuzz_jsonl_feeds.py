"""Fuzzing the JSON Lines and feed readers: whatever the bytes, only articles or rejections."""

from __future__ import annotations

import io
import json
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from parallax.config import Settings
from parallax.ingest.feeds import html_to_text, read_feed
from parallax.ingest.jsonl import read_jsonl
from parallax.model import RawArticle, Rejection

pytestmark = pytest.mark.slow

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
FUZZ = hypothesis_settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
# A small record limit so that the fuzzer also reaches the overlong-line path.
SETTINGS = replace(Settings(), max_record_bytes=512, max_file_bytes=64_000)
ARTICLES = (FIXTURES / "jsonl" / "articles.jsonl").read_bytes()
FEEDS = [
    (FIXTURES / "feeds" / "motherjones-rss2.xml").read_bytes(),
    (FIXTURES / "feeds" / "newsblur-blog-atom.xml").read_bytes(),
]
FIELDS = ["id", "url", "link", "title", "text", "body", "html", "published", "date", "outlet"]


def check_jsonl(data: bytes, limits: Settings = SETTINGS) -> list[RawArticle | Rejection]:
    results = list(read_jsonl(io.BytesIO(data), source="fuzz.jsonl", settings=limits))
    for result in results:
        assert isinstance(result, RawArticle | Rejection)
        assert result.record is not None and result.record.isdigit()
        if isinstance(result, RawArticle):
            assert result.raw_text.strip()
            result.raw_text.encode("utf-8")
    return results


def check_feed(data: bytes) -> list[RawArticle | Rejection]:
    results = list(read_feed(io.BytesIO(data), source="fuzz.xml", settings=SETTINGS))
    for result in results:
        assert isinstance(result, RawArticle | Rejection)
        if isinstance(result, RawArticle):
            assert result.raw_text.strip()
            assert result.record is not None and result.record.startswith("entry ")
            # Everything read must be storable as UTF-8.
            for value in (result.raw_text, result.title, result.author, result.site_name):
                (value or "").encode("utf-8")
    return results


@st.composite
def mutated(draw: st.DrawFn, original: bytes) -> bytes:
    """Return ``original`` with a few bytes replaced, inserted or cut away."""
    data = bytearray(original)
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["replace", "insert", "cut"]))
        chunk = draw(st.binary(min_size=1, max_size=8))
        if action == "replace":
            data[at : at + len(chunk)] = chunk
        elif action == "insert":
            data[at:at] = chunk
        else:
            del data[at : at + draw(st.integers(1, 400))]
    return bytes(data)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=40),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=12,
)


@FUZZ
@given(st.binary(max_size=3000))
def test_jsonl_arbitrary_bytes(data: bytes) -> None:
    check_jsonl(data)


@FUZZ
@given(mutated(ARTICLES))
def test_jsonl_mutated_fixture(data: bytes) -> None:
    check_jsonl(data, Settings())


@FUZZ
@given(st.lists(st.dictionaries(st.sampled_from(FIELDS), json_values), min_size=1, max_size=6))
def test_jsonl_records_with_any_field_values(records: list[dict[str, object]]) -> None:
    lines = "\n".join(json.dumps(record) for record in records).encode()
    results = check_jsonl(lines, Settings())
    # One result per line: a bad field never swallows or splits a record.
    assert [r.record for r in results] == [str(n) for n in range(1, len(records) + 1)]


@FUZZ
@given(st.binary(max_size=3000))
def test_feed_arbitrary_bytes(data: bytes) -> None:
    check_feed(data)


@FUZZ
@given(st.sampled_from(FEEDS).flatmap(mutated))
def test_feed_mutated_fixture(data: bytes) -> None:
    check_feed(data)


@FUZZ
@given(st.text(max_size=400))
def test_html_to_text_never_raises(html: str) -> None:
    text = html_to_text(html)
    assert text == text.strip()
    assert "\n\n" not in text
