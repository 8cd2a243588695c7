"""Agree / contradiction / unique on iSTS headline chunks, on a file in the task's layout."""

from __future__ import annotations

from pathlib import Path

from parallax.eval.alignment import evaluate_alignment, headline_text
from tests.datasets.test_ists import WA

OPPO = """<sentence id="2" status="">
// Stocks rise in Tokyo
// Stocks fall in Tokyo
<source>
1 Stocks :
2 rise :
3 in :
4 Tokyo :
</source>
<translation>
1 Stocks :
2 fall :
3 in :
4 Tokyo :
</translation>
<alignment>
1 <==> 1 // EQUI // 5 // Stocks <==> Stocks
2 <==> 2 // OPPO // 4 // rise <==> fall
3 4 <==> 3 4 // EQUI // 5 // in Tokyo <==> in Tokyo
</alignment>
</sentence>
"""


def test_headline_text_offsets() -> None:
    text, spans = headline_text(["Demjanjuk", ",", "dies"])
    assert text == "Demjanjuk , dies"
    assert [text[s:e] for s, e in spans] == ["Demjanjuk", ",", "dies"]


def test_confusion_matrix_and_false_contradictions(tmp_path: Path) -> None:
    (tmp_path / "STSint.input.headlines.wa").write_text(WA + "\n" + OPPO, encoding="utf-8")
    scores = evaluate_alignment(tmp_path, embed=False)
    assert scores["headline_pairs"] == 2 and scores["units"] == 8
    gold_counts = {
        gold: sum(
            scores[f"gold_{gold}_as_{label}"] for label in ("agree", "contradiction", "unique")
        )
        for gold in ("agree", "contradiction", "unique")
    }
    assert gold_counts == {"agree": 5, "contradiction": 1, "unique": 2}
    # identical chunks ("in Tokyo", "Stocks", "91"-chunks) are one claim
    assert scores["gold_agree_as_agree"] >= 3
    assert scores["gold_unique_as_unique"] == 2  # the lone commas
    assert 0.0 <= scores["false_contradiction_rate"] <= 1.0
