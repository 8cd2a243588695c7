"""The timeline scorer's parts on hand-built input, and one real SemEval-2015 corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from parallax.datasets.semeval_timeline import read_gold_timelines
from parallax.eval.timelines import dates_agree, evaluate_timelines
from tests.conftest import SHARED_DATA


def test_gold_timelines_are_read_with_every_mention(tmp_path: Path) -> None:
    (tmp_path / "apple.txt").write_text(
        "Apple\n0\tXXXX-XX-XX\t4596-6-sued\n3\t2006-03\t4596-2-filed\t4596-2-lawsuit\n"
    )
    events = read_gold_timelines(tmp_path)
    assert [(e.doc_id, e.sentence, e.word, e.value) for e in events] == [
        ("4596", 6, "sued", "XXXX-XX-XX"),
        ("4596", 2, "filed", "2006-03"),
        ("4596", 2, "lawsuit", "2006-03"),
    ]


@pytest.mark.parametrize(
    ("ours", "gold", "agree"),
    [
        ("2006-03-28", "2006-03", True),
        ("2006-03", "2006-03", True),
        ("2006", "2006-03", False),
        ("2006-04-01", "2006-03", False),
        ("2008-01-09", "2008-01-09", True),
        ("2008-W02", "2008-01-09", False),
    ],
)
def testdates_agree_at_the_gold_precision(ours: str, gold: str, agree: bool) -> None:
    assert dates_agree(ours, gold) is agree


@pytest.mark.shared_data
def test_trial_corpus_scores_are_in_range() -> None:
    root = SHARED_DATA / "wikinews-timelines" / "semeval2015_task4_timeline"
    if not root.is_dir():
        pytest.skip(f"shared data not found at {root}")
    metrics = evaluate_timelines(
        root / "Corpus-trial-data_task4", root / "TimeLines_trial_data_task4_v1.2"
    )
    assert metrics["documents"] == 30 and metrics["gold_dated_events"] == 165
    assert 0.0 < metrics["anchored_recall"] <= metrics["coverage"] <= 1.0
