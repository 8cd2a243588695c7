"""BABE: the reader and macro-F1."""

from __future__ import annotations

from pathlib import Path

import pytest

from parallax.datasets.babe import read_babe
from parallax.errors import InputError
from parallax.eval.bias import macro_f1
from parallax.training.bias import fold_groups
from tests.conftest import SHARED_DATA

BABE = SHARED_DATA / "babe-media-bias"
HEADER = "text;news_link;outlet;topic;type;label_bias;label_opinion;biased_words\n"


def test_macro_f1_by_hand() -> None:
    gold = [True, True, False, False]
    predicted = [True, False, False, False]
    # biased: tp 1, 1 predicted + 2 gold -> 2/3; non-biased: tp 2, 3 predicted + 2 gold -> 4/5
    macro, biased, non_biased = macro_f1(gold, predicted)
    assert (biased, non_biased) == pytest.approx((2 / 3, 4 / 5))
    assert macro == pytest.approx((2 / 3 + 4 / 5) / 2)


def test_read_babe_keeps_agreed_labels_and_marked_words(tmp_path: Path) -> None:
    path = tmp_path / "final_labels_SG2.csv"
    path.write_text(
        "\ufeff"
        + HEADER
        + "A bizarre claim.;http://a;X;t;left;Biased;Opinion;['bizarre']\n"
        + "A meeting.;http://b;Y;t;left;Non-biased;Factual;[]\n"
        + "Unclear.;http://c;X;t;left;No agreement;Factual;[]\n",
        encoding="utf-8",
    )
    examples = read_babe(tmp_path)
    assert [(e.text, e.biased, e.marked) for e in examples] == [
        ("A bizarre claim.", True, frozenset({"bizarre"})),
        ("A meeting.", False, frozenset()),
    ]
    assert [e.outlet for e in examples] == ["X", "Y"]
    path.write_text(HEADER + "x;http://a;X;t;left;Biased;O;[oops\n", encoding="utf-8")
    with pytest.raises(InputError, match="P115"):
        read_babe(path)
    with pytest.raises(InputError, match="P114"):
        read_babe(tmp_path / "absent")


@pytest.mark.shared_data
def test_babe_has_3673_labelled_sentences() -> None:
    if not BABE.is_dir():
        pytest.skip("../shared/data/babe-media-bias is absent")
    examples = read_babe(BABE)
    assert len(examples) == 3673
    assert sum(e.biased for e in examples) == 1810


@pytest.mark.shared_data
def test_folds_by_outlet_keep_each_outlet_whole() -> None:
    if not BABE.is_dir():
        pytest.skip("../shared/data/babe-media-bias is absent")
    examples = read_babe(BABE)
    by_outlet = fold_groups(examples, "outlet")
    by_article = fold_groups(examples, "article")
    assert {"Reuters", "Breitbart", "Alternet", "Fox News"} <= set(by_outlet)
    # an outlet holds many articles, and an article belongs to one outlet
    assert len(set(by_outlet)) < 15 < len(set(by_article))
    outlet_of: dict[str, set[str]] = {}
    for article, outlet in zip(by_article, by_outlet, strict=True):
        outlet_of.setdefault(article, set()).add(outlet)
    assert all(len(outlets) == 1 for outlets in outlet_of.values())
    with pytest.raises(ValueError, match="outlet"):
        fold_groups(examples, "topic")
