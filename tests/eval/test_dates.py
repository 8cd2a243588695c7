"""The TempEval-3 style date scorer: hand-built TimeML and CAT files, then real MEANTIME files."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from parallax.datasets.timeml import GoldTimex, parse_dct, read_cat, read_tml
from parallax.eval.dates import evaluate_dates, evaluate_event_dates, score_timexes
from tests.conftest import SHARED_DATA

TML = (
    "<?xml version='1.0' encoding='utf-8'?>\n<TimeML><DOCID>1</DOCID>"
    '<DCT><TIMEX3 tid="t0" type="DATE" value="2025-07-04" functionInDocument="CREATION_TIME">'
    "2025-07-04</TIMEX3></DCT>"
    '<TEXT>Talks were held on <TIMEX3 tid="t1" type="DATE" value="2025-07-03">Thursday</TIMEX3>'
    ' after <TIMEX3 tid="t2" type="DURATION" value="PXM">months</TIMEX3> of delay.</TEXT></TimeML>'
)

CAT = """<?xml version="1.0" ?><Document doc_id="1" doc_name="x">
<token number="0" sentence="0" t_id="1">Talks</token>
<token number="1" sentence="0" t_id="2">ended</token>
<token number="2" sentence="0" t_id="3">on</token>
<token number="3" sentence="0" t_id="4">Thursday</token>
<token number="4" sentence="0" t_id="5">.</token>
<token number="5" sentence="1" t_id="6">July</token>
<token number="6" sentence="1" t_id="7">04</token>
<token number="7" sentence="1" t_id="8">,</token>
<token number="8" sentence="1" t_id="9">2025</token>
<Markables>
<TIMEX3 functionInDocument="CREATION_TIME" m_id="1" type="DATE" value="2025-07-04">
<token_anchor t_id="6"/><token_anchor t_id="7"/><token_anchor t_id="8"/><token_anchor t_id="9"/>
</TIMEX3>
<TIMEX3 functionInDocument="NONE" m_id="2" type="DATE" value="2025-07-03">
<token_anchor t_id="4"/>
</TIMEX3>
<TIMEX3 TAG_DESCRIPTOR="x" m_id="3" type="DATE" value="2058"/>
</Markables>
</Document>
"""


def test_read_tml(tmp_path: Path) -> None:
    path = tmp_path / "a.tml"
    path.write_text(TML, encoding="utf-8")
    document = read_tml(path)
    assert document.text == "Talks were held on Thursday after months of delay."
    assert document.published == date(2025, 7, 4)
    assert [document.text[t.start : t.end] for t in document.timexes] == ["Thursday", "months"]


def test_read_cat_rebuilds_text_and_offsets(tmp_path: Path) -> None:
    path = tmp_path / "a.xml"
    path.write_text(CAT, encoding="utf-8")
    document = read_cat(path)
    assert document.text == "Talks ended on Thursday.\nJuly 04, 2025"
    assert document.published == date(2025, 7, 4)
    assert [(document.text[t.start : t.end], t.value) for t in document.timexes] == [
        ("Thursday", "2025-07-03"),
        ("July 04, 2025", "2025-07-04"),
    ]


def test_parse_dct_quirks() -> None:
    assert parse_dct("2008-03-01T00:00:00") == date(2008, 3, 1)
    assert parse_dct("03-02-2009") == date(2009, 2, 3)  # its date line: February 03, 2009
    assert parse_dct("") is None


def test_score_timexes_by_hand() -> None:
    gold = (GoldTimex(19, 27, "DATE", "2025-07-03"), GoldTimex(34, 40, "DURATION", "PXM"))
    predicted = [
        (16, 27, "DATE", "2025-07-03"),  # "on Thursday": relaxed match, right value
        (34, 40, "DURATION", "P1M"),  # exact span, wrong value
        (44, 49, "DATE", None),  # a false positive
    ]
    scores = score_timexes([(gold, predicted)])
    assert scores["strict_f1"] == pytest.approx(0.4)  # P 1/3, R 1/2
    assert scores["relaxed_f1"] == pytest.approx(0.8)  # P 2/3, R 1
    assert scores["value_f1"] == pytest.approx(0.4)
    assert scores["type_f1"] == pytest.approx(0.8)


def test_evaluate_dates_end_to_end(tmp_path: Path) -> None:
    (tmp_path / "a.tml").write_text(TML, encoding="utf-8")
    scores = evaluate_dates(tmp_path)
    assert scores["documents"] == 1.0
    assert scores["strict_f1"] == pytest.approx(1.0)
    assert scores["value_f1"] == pytest.approx(1.0)


MEANTIME = SHARED_DATA / "wikinews-timelines" / "meantime_english" / "intra_cross-doc_annotation"


@pytest.mark.shared_data
@pytest.mark.skipif(not MEANTIME.is_dir(), reason="shared data (MEANTIME) is not present")
def test_meantime_sample(tmp_path: Path) -> None:
    for path in sorted((MEANTIME / "corpus_airbus").glob("*.xml"))[:3]:
        (tmp_path / path.name).symlink_to(path)
    scores = evaluate_dates(tmp_path)
    assert scores["documents"] == 3.0
    assert scores["relaxed_f1"] > 0.6


def test_per_topic_scores_each_folder(tmp_path: Path) -> None:
    (tmp_path / "corpus_a").mkdir()
    (tmp_path / "corpus_b").mkdir()
    (tmp_path / "corpus_a" / "a.tml").write_text(TML, encoding="utf-8")
    wrong = TML.replace('value="2025-07-03"', 'value="2025-06-26"')  # a gold value we miss
    (tmp_path / "corpus_b" / "b.tml").write_text(wrong, encoding="utf-8")
    scores = evaluate_dates(tmp_path, per_topic=True)
    assert scores["topic_a_value_f1"] == pytest.approx(1.0)
    assert scores["topic_b_value_f1"] == pytest.approx(0.5)
    assert scores["topic_mean_value_f1"] == pytest.approx(0.75)
    assert "topic_a_value_f1" not in evaluate_dates(tmp_path)


def test_event_dates_against_a_gold_timeline(tmp_path: Path) -> None:
    documents, gold = tmp_path / "docs", tmp_path / "gold"
    documents.mkdir()
    gold.mkdir()
    (documents / "1_talks.xml").write_text(CAT, encoding="utf-8")
    # "ended" (sentence 0) is dated by "on Thursday"; a second, undated-by-us event is not counted.
    (gold / "talks.txt").write_text(
        "Talks\n1\t2025-07-03\t1-0-ended\n2\t2025-07-XX\t1-0-Talks\n3\tXXXX-XX-XX\t1-0-on\n",
        encoding="utf-8",
    )
    scores = evaluate_event_dates(documents, gold)
    assert scores["gold_dated_events"] == 2.0
    assert scores["event_timexes"] == 1.0
    assert scores["event_date_accuracy"] == pytest.approx(1.0)
    (gold / "talks.txt").write_text("Talks\n1\t2025-07-02\t1-0-ended\n", encoding="utf-8")
    assert evaluate_event_dates(documents, gold)["event_date_accuracy"] == 0.0


SEMEVAL = SHARED_DATA / "wikinews-timelines" / "semeval2015_task4_timeline"


@pytest.mark.shared_data
@pytest.mark.skipif(not SEMEVAL.is_dir(), reason="shared data (SemEval-2015 Task 4) is not present")
def test_semeval_trial_event_dates() -> None:
    scores = evaluate_event_dates(
        SEMEVAL / "Corpus-trial-data_task4", SEMEVAL / "TimeLines_trial_data_task4_v1.2"
    )
    assert scores["documents"] == 30.0
    assert scores["event_timexes"] > 20
    assert scores["event_date_accuracy"] > 0.7
