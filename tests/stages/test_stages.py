"""The stages written once: the guarded ingest step, the NLP retry policy and the store's sink."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest

from parallax.config import Settings
from parallax.ingest.outlets import load_outlets
from parallax.model import ArticleAnalysis, ArticleResult, RawArticle, Rejection
from parallax.nlp import pipeline
from parallax.stages import ingest
from parallax.stages.analyze import Item, analyze_batch
from parallax.stages.sinks import StoreSink
from parallax.store.sqlite import SQLiteStore

TEXT = (
    "Drones and missiles were launched overnight at the capital, the minister said on Friday. "
    "Air defences shot down most of them, but debris fell on two districts and started fires. "
    "Officials said the attack was the largest this month and that repairs would take weeks."
)


def raw(url: str, text: str = TEXT) -> RawArticle:
    return RawArticle("feed.jsonl", text, "jsonl", record=url, url=url)


def processed(url: str, text: str = TEXT) -> ArticleResult:
    found = ingest.process_article(raw(url, text), settings=Settings(), outlets=load_outlets())
    assert isinstance(found, ArticleResult)
    return found


def test_a_bug_on_one_article_becomes_its_rejection(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> ArticleResult:
        raise RuntimeError("a bug")

    monkeypatch.setattr(ingest, "process_article", broken)
    found = ingest.process_record(raw("https://a.example/1"), settings=Settings(),
                                  outlets=load_outlets())  # fmt: skip
    assert isinstance(found, Rejection)
    assert (found.stage, found.code, found.record) == ("pipeline", "P115", "https://a.example/1")
    assert "RuntimeError: a bug" in found.reason


def test_a_failing_batch_rejects_only_the_bad_article(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[list[str]] = []

    def analyze_texts(items: Iterable[Item], *, nlp: Any, **_: Any) -> Iterator[ArticleAnalysis]:
        batch = list(items)
        calls.append([article_id for article_id, _, _ in batch])
        if any(article_id == "bad" for article_id, _, _ in batch):
            raise ValueError("cannot parse")
        for article_id, _, _ in batch:
            yield ArticleAnalysis(article_id, (), (), (), ())

    monkeypatch.setattr(pipeline, "analyze_texts", analyze_texts)
    items: list[Item] = [("a", "x", None, "en"), ("bad", "y", None, None), ("c", "z", None, "en")]
    results = analyze_batch(items, nlp=None)
    assert calls == [["a", "bad", "c"], ["a"], ["bad"], ["c"]]
    assert [result.article_id for result in results] == ["a", "bad", "c"]
    assert [result.analysis is None for result in results] == [False, True, False]
    [rejection] = [result.rejection for result in results if result.rejection]
    assert (rejection.source, rejection.stage, rejection.code) == ("bad", "nlp", "P201")
    assert "ValueError: cannot parse" in rejection.reason


def test_the_store_sink_links_a_near_duplicate(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "s.db")
    sink = StoreSink(store, run_id=store.start_run("ingest"), duplicate_threshold=0.7)
    first = processed("https://a.example/1")
    again = processed("https://b.example/2", TEXT.replace("Friday", "Saturday"))
    assert first.article.id != again.article.id
    with sink.source("feed.jsonl", "ab" * 32):
        for record in (first, again, first):
            sink.write(record)
        sink.write(Rejection("feed.jsonl", "clean", "P101", "too short", "3"))
    assert sink.counts() == {"articles": 2, "new_articles": 2, "duplicates": 1, "revised": 0}
    (report,) = sink.files()
    assert (report.read, report.stored, report.unchanged, report.duplicates) == (4, 2, 1, 1)
    assert report.rejected == {"P101": 1}
    assert store.duplicates_of(first.article.id) == [again.article.id]
    assert store.is_finished("feed.jsonl", "ab" * 32)
    assert [rejection.record for rejection in sink.rejections] == ["3"]
    store.close()


def test_a_failing_source_leaves_nothing_in_the_store(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "s.db")
    sink = StoreSink(store, run_id=store.start_run("ingest"), duplicate_threshold=0.7)
    with pytest.raises(RuntimeError), sink.source("feed.jsonl", "cd" * 32):
        sink.write(processed("https://a.example/1"))
        raise RuntimeError("interrupted")
    assert store.count_articles() == 0
    assert not store.is_finished("feed.jsonl", "cd" * 32)
    store.close()
