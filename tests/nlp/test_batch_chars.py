"""The NLP batches' character budget: ``analyze_texts`` cuts its ``nlp.pipe`` batches by
characters as well as by count (a long text is analysed alone), with the same analyses as
batches cut by count only."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest

from parallax.nlp.pipeline import (
    DEFAULT_MODEL,
    analyze_text,
    analyze_texts,
    load_pipeline,
    one_long_text_at_a_time,
    text_batches,
    whole_batches,
)
from tests.nlp.conftest import SHARED_DATA

Text = tuple[str, str, date | None]


def _polnear(count: int) -> list[Text]:
    """PolNeAR's dev articles, the longest first (22,068 characters down)."""
    paths = sorted(SHARED_DATA.glob("polnear/dev/text/*.txt"), key=lambda p: -p.stat().st_size)
    return [(p.stem, p.read_text(encoding="utf-8"), None) for p in paths[:count]]


def test_batches_are_cut_by_count_then_by_characters_a_long_text_alone() -> None:
    items = [(f"a{i}", "x" * length, None) for i, length in enumerate([5, 3, 9, 20, 2, 2, 7, 1])]
    cuts = [[int(item[0][1:]) for item in batch] for batch in text_batches(items, 4, 10)]
    # count batches [0..3] and [4..7]; inside each, runs of at most 10 characters; the text of
    # 20 characters alone
    assert cuts == [[0, 1], [2], [3], [4, 5], [6, 7]]
    short = [(f"a{i}", "x", None) for i in range(5)]
    # five characters fit the budget, but never more than 4 texts: the count cut stays
    assert [len(batch) for batch in text_batches(short, 4, 10)] == [4, 1]


def test_a_long_batch_of_real_articles_never_holds_more_than_its_budget() -> None:
    items = _polnear(40)
    budget = 30_000
    batches = list(text_batches(items, 32, budget))
    assert [item for batch in batches for item in batch] == items
    for batch in batches:
        held = sum(len(text) for _, text, _ in batch)
        assert held <= budget or len(batch) == 1
    # the count cut is kept: the 33rd article starts a batch
    starts = {batch[0][0] for batch in batches}
    assert items[32][0] in starts
    assert len(batches) > 40 * 12_000 // budget // 2  # these texts are long: many batches


def test_the_budget_splits_the_pipe_batches_with_the_same_analyses(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    nlp = load_pipeline(DEFAULT_MODEL)
    items = _polnear(8)  # 10,000-22,000 characters each
    whole = list(analyze_texts(items, nlp=nlp, batch_chars=10**9))
    seen: list[int] = []
    pipe = nlp.pipe

    def counted(texts: Any, **kwargs: Any) -> Iterator[Any]:
        if not kwargs.get("as_tuples"):  # not analyze_texts's call
            return pipe(texts, **kwargs)
        texts = list(texts)
        seen.append(sum(len(text) for text, _ in texts))
        assert kwargs["batch_size"] == len(texts)  # spaCy sees the batch whole
        return pipe(texts, **kwargs)

    monkeypatch.setattr(nlp, "pipe", counted)
    budgeted = list(analyze_texts(items, nlp=nlp, batch_chars=25_000))
    assert len(seen) >= 4  # 8 long texts under 25,000 characters a batch: at least four
    assert all(held <= 25_000 for held in seen)
    assert budgeted == whole
    assert any(analysis.quotes for analysis in budgeted)


class Recorder:
    """A lock that records how often it was taken (and checks it is never taken twice)."""

    def __init__(self) -> None:
        self.taken = 0
        self.held = False

    def __enter__(self) -> None:
        assert not self.held
        self.held, self.taken = True, self.taken + 1

    def __exit__(self, *_exc: object) -> None:
        self.held = False


def test_only_a_text_over_the_budget_is_parsed_holding_the_shared_lock() -> None:
    nlp = load_pipeline(DEFAULT_MODEL)
    items = _polnear(6)  # 22,068 / 17,743 / 17,144 / 10,975 ... characters
    whole = list(analyze_texts(items, nlp=nlp, batch_chars=10**9))
    lock = Recorder()
    one_long_text_at_a_time(lock)
    try:
        found = list(analyze_texts(items, nlp=nlp, batch_chars=17_600))
    finally:
        one_long_text_at_a_time(None)
    over = [text for _, text, _ in items if len(text) > 17_600]
    assert lock.taken == len(over) == 2  # 22,068 and 17,743, each alone
    assert not lock.held
    assert found == whole


def test_the_parser_and_the_ner_predict_each_batch_whole_with_the_same_analyses(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    nlp = load_pipeline(DEFAULT_MODEL)
    # spaCy's transition-based components cut a batch into sub-batches of batch_size // 4
    # docs: analyze_texts gives them 4 x the batch, so that the batch is one sub-batch
    assert set(whole_batches(nlp, 5)) == {"parser", "ner"}
    assert all(cfg["batch_size"] // 4 == 5 for cfg in whole_batches(nlp, 5).values())
    items = _polnear(12)
    alone = [analyze_text(key, text, published, nlp=nlp) for key, text, published in items]
    seen: list[tuple[int, dict[str, Any]]] = []
    pipe = nlp.pipe

    def counted(texts: Any, **kwargs: Any) -> Iterator[Any]:
        if not kwargs.get("as_tuples"):
            return pipe(texts, **kwargs)
        texts = list(texts)
        seen.append((len(texts), kwargs.get("component_cfg") or {}))
        return pipe(texts, **kwargs)

    monkeypatch.setattr(nlp, "pipe", counted)
    batched = list(analyze_texts(items, nlp=nlp, batch_chars=60_000))
    assert any(size > 2 for size, _ in seen)  # batches the old sub-batches of 2 would cut
    for size, cfg in seen:
        if size > 1:
            assert cfg["parser"]["batch_size"] // 4 >= size
            assert cfg["ner"]["batch_size"] // 4 >= size
    # each doc is parsed as it is alone: the same analyses as one text at a time
    assert batched == alone
    assert any(analysis.quotes for analysis in batched)
