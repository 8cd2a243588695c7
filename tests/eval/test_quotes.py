"""The PolNeAR quote scorer: hand-built inputs with hand-computed scores, then real dev files."""

from __future__ import annotations

from pathlib import Path

import pytest

from parallax.datasets.polnear import GoldDocument, parse_ann, read_polnear
from parallax.eval.quotes import evaluate_quotes, span_scores, to_relations
from tests.conftest import SHARED_DATA

TEXT = 'Jane Roe said the bridge is safe. "We are done," Bob added.'


def _span(part: str) -> tuple[int, int]:
    start = TEXT.index(part)
    return start, start + len(part)


def _t(tid: str, label: str, part: str) -> str:
    start, end = _span(part)
    return f"{tid}\t{label} {start} {end}\t{part}"


QUOTED = _span('"We are done,"')
ANN = "\n".join(
    [
        _t("T1", "Source", "Jane Roe"),
        _t("T2", "Cue", "said"),
        _t("T3", "Content", "the bridge is safe"),
        _t("T4", "Attribution", "said"),
        "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
        # A discontinuous span, scored as its envelope.
        f"T5\tContent {QUOTED[0]} {QUOTED[0] + 5};{QUOTED[0] + 6} {QUOTED[1]}\t…",
        _t("T6", "Source", "Bob"),
        _t("T7", "Cue", "added"),
        _t("T8", "Attribution", "added"),
        "E2\tAttribution:T8 Content:T5 Cue:T7 Source:T6",
        "T9\tDiscard 0 4\tJane",
    ]
)


def test_parse_ann_envelopes_discontinuous_spans() -> None:
    first, second = parse_ann(ANN)
    assert first.content == _span("the bridge is safe")
    assert (first.cue, first.source) == (_span("said"), _span("Jane Roe"))
    assert second.content == QUOTED


def test_parse_ann_envelopes_fragments_out_of_order() -> None:
    # PolNeAR writes some fragments in annotation order, not text order ("1064 1105;959 1047").
    ann = f"T1\tContent {QUOTED[0] + 6} {QUOTED[1]};{QUOTED[0]} {QUOTED[0] + 5}\t…\n"
    ann += "E1\tAttribution:T2 Content:T1"
    (relation,) = parse_ann(ann)
    assert relation.content == QUOTED


def test_span_scores_by_hand() -> None:
    document = GoldDocument("doc", TEXT, parse_ann(ANN))
    predictions = [
        (_span("the bridge is safe"), _span("said"), _span("Jane Roe")),  # all exact
        (_span("We are done,"), None, None),  # overlaps, not exact; no speaker
        (_span("Jane"), None, None),  # a false positive
    ]
    scores = span_scores([(document, predictions)])
    assert scores["content_exact_p"] == pytest.approx(1 / 3)
    assert scores["content_exact_r"] == pytest.approx(1 / 2)
    assert scores["content_exact_f1"] == pytest.approx(0.4)
    assert scores["content_overlap_f1"] == pytest.approx(0.8)
    assert scores["source_exact_f1"] == pytest.approx(2 / 3)
    assert scores["cue_overlap_f1"] == pytest.approx(2 / 3)
    assert scores["speaker_match"] == pytest.approx(0.5)


def test_to_relations_drops_nested_and_joins_split_quotes() -> None:
    speaker = (0, 3)
    predictions = [
        ((10, 20), None, speaker),
        ((30, 40), None, speaker),  # same speaker right after: one relation
        ((32, 36), None, (50, 55)),  # inside another prediction: dropped
        ((500, 510), None, speaker),  # too far away
    ]
    assert to_relations(predictions) == [((10, 40), None, speaker), ((500, 510), None, speaker)]


def test_to_relations_keeps_two_cues_of_one_speaker_apart() -> None:
    speaker = (0, 3)
    predictions = [
        ((10, 20), (5, 9), speaker),  # "X denied …,
        ((30, 40), (22, 28), speaker),  # saying …": another cue, another relation
    ]
    assert to_relations(predictions) == predictions


def test_read_polnear_picks_the_lowest_annotator(tmp_path: Path) -> None:
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "attributions" / "a_ff00.ann").write_text("", encoding="utf-8")
    (tmp_path / "attributions" / "a_0a1b.ann").write_text(ANN, encoding="utf-8")
    [document] = read_polnear(tmp_path)
    assert len(document.attributions) == 2


def test_evaluate_quotes_end_to_end(tmp_path: Path) -> None:
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "attributions" / "a_0a1b.ann").write_text(ANN, encoding="utf-8")
    scores = evaluate_quotes(tmp_path)
    assert scores["documents"] == 1.0
    assert scores["content_overlap_f1"] == pytest.approx(1.0)
    assert scores["speaker_match"] == pytest.approx(1.0)


POLNEAR_DEV = SHARED_DATA / "polnear" / "dev"


@pytest.mark.shared_data
@pytest.mark.skipif(not POLNEAR_DEV.is_dir(), reason="shared data (PolNeAR dev) is not present")
def test_polnear_dev_sample() -> None:
    scores = evaluate_quotes(POLNEAR_DEV, limit=3)
    assert scores["documents"] == 3.0
    assert all(0.0 <= value <= 1.0 for key, value in scores.items() if "_" in key)
    assert scores["content_overlap_f1"] > 0.4
