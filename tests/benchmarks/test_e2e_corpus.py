"""The e2e benchmark's corpus: the sources it takes, their caps, and #18's own corpus."""

from __future__ import annotations

import pytest
from benchmarks.e2e import ISSUE_18_SOURCES, corpus_items, parse_sources

from tests.conftest import SHARED_DATA


def test_parse_sources_reads_names_and_caps() -> None:
    assert parse_sources("seeds, basil:90,aeb") == [("seeds", None), ("basil", 90), ("aeb", None)]
    with pytest.raises(ValueError, match="unknown source 'cnn'"):
        parse_sources("seeds,cnn")
    with pytest.raises(ValueError, match="positive whole number"):
        parse_sources("basil:-3")
    with pytest.raises(ValueError, match="no source"):
        parse_sources(" , ")


def test_issue_18_corpus_is_the_seeds_basil_2010_to_2012_and_every_aeb_page() -> None:
    if not (SHARED_DATA / "basil").is_dir() or not (SHARED_DATA / "article-extraction").is_dir():
        pytest.skip(f"BASIL or the AEB pages are not under {SHARED_DATA}")
    items = corpus_items(SHARED_DATA, 273, parse_sources(ISSUE_18_SOURCES))
    counts: dict[str, int] = {}
    for item in items:
        counts[item.source] = counts.get(item.source, 0) + 1
    assert counts == {"seeds": 2, "basil": 90, "aeb": 181}
    years = {item.record["published"][:4] for item in items if item.record is not None}
    assert years == {"2010", "2011", "2012"}
    assert [item.source for item in items[:3]] == ["seeds", "basil", "aeb"]  # taken in turn


def test_default_corpus_takes_all_six_sources_in_turn() -> None:
    if not SHARED_DATA.is_dir():
        pytest.skip(f"no shared data at {SHARED_DATA}")
    items = corpus_items(SHARED_DATA, 12)
    assert [item.source for item in items[:6]] == [
        "seeds",
        "basil",
        "timeline17",
        "aeb",
        "polnear",
        "ptc",
    ]
