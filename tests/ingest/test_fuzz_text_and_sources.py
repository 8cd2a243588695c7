"""Fuzz the text reader, the cleaner and the dispatcher: any bytes in, only articles or
rejections out; cleaning only deletes, so offsets always map back into the raw text."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parallax.config import Settings
from parallax.ingest.clean import clean_raw_text
from parallax.ingest.sources import SourceFile, read_source
from parallax.ingest.text import read_text
from parallax.model import RawArticle, Rejection

SEED = (Path(__file__).resolve().parents[2] / "src/parallax/examples/seeds").glob("000_*.txt")
SEED_TEXT = next(SEED).read_text()
FUZZ = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.mark.slow
@FUZZ
@given(st.binary(max_size=4000))
def test_text_reader_never_raises(data: bytes) -> None:
    for item in read_text(io.BytesIO(data), source="f", settings=Settings()):
        assert isinstance(item, RawArticle | Rejection)


@pytest.mark.slow
@FUZZ
@given(st.lists(st.sampled_from(SEED_TEXT.split("\n\n")), max_size=12), st.text(max_size=200))
def test_cleaning_only_deletes(paragraphs: list[str], noise: str) -> None:
    raw = noise + "\n\n".join(paragraphs) + noise
    cleaned = clean_raw_text(raw)
    assert sum(segment.length for segment in cleaned.segments) == len(cleaned.text)
    for segment in cleaned.segments:
        assert segment.raw_start >= 0 and segment.raw_start + segment.length <= len(raw)
        assert (
            cleaned.text[segment.start : segment.start + segment.length]
            == raw[segment.raw_start : segment.raw_start + segment.length]
        )
    assert cleaned.text == cleaned.text.strip()


@pytest.mark.slow
@FUZZ
@given(
    st.binary(max_size=3000),
    st.sampled_from(["a.txt", "a.jsonl", "a.html", "a.xml", "a.warc", "a.gz"]),
)
def test_dispatcher_never_raises(tmp_path: Path, data: bytes, name: str) -> None:
    path = tmp_path / name
    for payload in (data, gzip.compress(data), gzip.compress(data)[: max(1, len(data) // 3)]):
        path.write_bytes(payload)
        for item in read_source(SourceFile(str(path), path), settings=Settings()):
            assert isinstance(item, RawArticle | Rejection)
