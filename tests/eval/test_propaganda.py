"""PTC scoring: TC micro-F1 over span multisets, SI character-overlap F1, the reader."""

from __future__ import annotations

from pathlib import Path

import pytest

from parallax.datasets.ptc import read_ptc
from parallax.errors import InputError
from parallax.training.scores import merge_spans, si_scores, tc_micro_f1
from parallax.training.split import held_out_split


def test_tc_micro_f1_counts_a_doubly_labelled_span_twice() -> None:
    gold = [("1", 0, 5, "Doubt"), ("1", 0, 5, "Loaded_Language"), ("1", 9, 12, "Slogans")]
    predicted = [("1", 0, 5, "Loaded_Language"), ("1", 0, 5, "Repetition"), ("1", 9, 12, "Slogans")]
    assert tc_micro_f1(gold, predicted) == pytest.approx(2 / 3)
    assert tc_micro_f1(gold, []) == 0.0


def test_si_scores_by_hand() -> None:
    gold = {"1": [(0, 10)], "2": [(0, 4)]}
    predicted = {"1": [(5, 15)], "2": []}
    # precision: span (5,15) overlaps 5 of its 10 -> 0.5 / 1 span
    # recall: gold (0,10) covered 5/10, gold (0,4) 0 -> 0.5 / 2 spans = 0.25
    precision, recall, f1 = si_scores(gold, predicted)
    assert (precision, recall) == pytest.approx((0.5, 0.25))
    assert f1 == pytest.approx(2 * 0.5 * 0.25 / 0.75)
    assert si_scores({"1": [(0, 4), (2, 8)]}, {"1": [(0, 8)]}) == pytest.approx((1.0, 1.0, 1.0))


def test_merge_spans() -> None:
    assert merge_spans([(5, 9), (0, 3), (2, 4), (9, 10)]) == [(0, 4), (5, 10)]


def test_split_articles_holds_out_a_fifth() -> None:
    ids = [str(i) for i in range(50)]
    train, held = held_out_split(ids)
    assert len(held) == 10 and not set(train) & set(held)


def test_read_ptc(tmp_path: Path) -> None:
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "article7.txt").write_text(
        "Title\n\nA bad, bad idea.\n", encoding="utf-8"
    )
    (tmp_path / "x-TC.labels").write_text("7\tRepetition\t9\t12\n7\tLoaded_Language\t14\t17\n")
    [article] = read_ptc(tmp_path)
    assert article.id == "7"
    assert [article.text[s:e] for s, e, _ in article.techniques] == ["bad", "bad"]
    (tmp_path / "x-TC.labels").write_text("7\t3\t4\n")
    with pytest.raises(InputError, match="P115"):
        read_ptc(tmp_path)
    with pytest.raises(InputError, match="P114"):
        read_ptc(tmp_path / "absent")
