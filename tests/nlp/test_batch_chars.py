"""The NLP batches' character budget: ``analyze_texts`` cuts its ``nlp.pipe`` batches by
characters as well as by count (a long text is analysed alone), with the same analyses as
batches cut by count only."""

from __future__ import annotations

import multiprocessing
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import date
from typing import Any

import pytest

from parallax.nlp.parse_gate import ParseGate
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
    """A parse gate that records the turns taken (and checks none is taken while one is held)."""

    def __init__(self) -> None:
        self.taken: list[str] = []
        self.held = False

    @contextmanager
    def _turn(self, kind: str) -> Iterator[None]:
        assert not self.held
        self.held = True
        self.taken.append(kind)
        try:
            yield
        finally:
            self.held = False

    def batch(self) -> AbstractContextManager[None]:
        return self._turn("batch")

    def long_text(self) -> AbstractContextManager[None]:
        return self._turn("long")

    def alone(self) -> AbstractContextManager[None]:
        return self._turn("alone")


def test_a_long_text_takes_the_long_turn_a_very_long_one_every_turn_a_batch_one() -> None:
    nlp = load_pipeline(DEFAULT_MODEL)
    items = _polnear(12)  # 22,068 / 17,743 / 17,144 / 10,975 ... characters, the longest first
    whole = list(analyze_texts(items, nlp=nlp, batch_chars=10**9))
    gate = Recorder()
    one_long_text_at_a_time(gate)  # type: ignore[arg-type]  # the gate's turns, recorded
    try:
        found = list(analyze_texts(items, nlp=nlp, batch_chars=10_000))
    finally:
        one_long_text_at_a_time(None)
    lengths = [len(text) for _, text, _ in items]
    very, long = sum(n > 20_000 for n in lengths), sum(10_000 < n <= 20_000 for n in lengths)
    assert (very, long) == (1, 3)  # 22,068; 17,743, 17,144 and 10,975
    assert gate.taken[: very + long] == ["alone"] + ["long"] * long  # each alone, in order
    assert set(gate.taken[very + long :]) == {"batch"}
    assert not gate.held
    assert found == whole


def _ordered(
    first: Callable[[ParseGate, Callable[[str], None]], None],
    second: Callable[[ParseGate, Callable[[str], None]], None],
) -> list[str]:
    """Run ``first`` in a thread until it holds its turn, then ``second`` in another; return
    what both recorded, in order. ``first`` keeps its turn until ``second`` has asked for one
    and had time to get it, were the gate open."""
    gate = ParseGate(2, multiprocessing.get_context("spawn"))
    events: list[str] = []
    holding, asked = threading.Event(), threading.Event()

    def record(event: str) -> None:
        events.append(event)
        if event.endswith("holds"):
            holding.set()
        if event.endswith("asks"):
            asked.set()

    def hold_first() -> None:
        first(gate, record)

    one = threading.Thread(target=hold_first)
    one.start()
    assert holding.wait(10)
    two = threading.Thread(target=second, args=(gate, record))
    two.start()
    assert asked.wait(10)
    time.sleep(0.3)  # an open gate lets the second in now, before the first lets go
    record("first lets go")
    release.set()
    one.join(10)
    two.join(10)
    release.clear()
    return events


release = threading.Event()


def _alone(name: str) -> Callable[[ParseGate, Callable[[str], None]], None]:
    def run(gate: ParseGate, record: Callable[[str], None]) -> None:
        record(f"{name} asks")
        with gate.alone():
            record(f"{name} holds")
            if name == "long":
                release.wait(10)

    return run


def _long(name: str) -> Callable[[ParseGate, Callable[[str], None]], None]:
    def run(gate: ParseGate, record: Callable[[str], None]) -> None:
        record(f"{name} asks")
        with gate.long_text():
            record(f"{name} holds")
            if name == "long":
                release.wait(10)

    return run


def _batch(name: str) -> Callable[[ParseGate, Callable[[str], None]], None]:
    def run(gate: ParseGate, record: Callable[[str], None]) -> None:
        record(f"{name} asks")
        with gate.batch():
            record(f"{name} holds")
            if name == "batch":
                release.wait(10)

    return run


def test_no_batch_is_parsed_while_a_long_text_is() -> None:
    events = _ordered(_alone("long"), _batch("other"))
    assert events == ["long asks", "long holds", "other asks", "first lets go", "other holds"]


def test_a_long_text_waits_for_the_batch_being_parsed() -> None:
    events = _ordered(_batch("batch"), _alone("other"))
    assert events == ["batch asks", "batch holds", "other asks", "first lets go", "other holds"]


def test_two_long_texts_are_never_parsed_at_once() -> None:
    events = _ordered(_long("long"), _long("other"))
    assert events == ["long asks", "long holds", "other asks", "first lets go", "other holds"]


def test_a_long_text_and_a_batch_are_parsed_at_once() -> None:
    events = _ordered(_long("long"), _batch("other"))
    assert events == ["long asks", "long holds", "other asks", "other holds", "first lets go"]


def test_two_batches_are_parsed_at_once() -> None:
    gate = ParseGate(2, multiprocessing.get_context("spawn"))
    with gate.batch(), gate.batch():  # both turns taken by batches, no wait
        pass
    with pytest.raises(ValueError, match="at least one turn"):
        ParseGate(0, multiprocessing.get_context("spawn"))


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
