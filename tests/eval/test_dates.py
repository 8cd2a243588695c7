"""The TempEval-3 style date scorer: hand-built TimeML and CAT files, then real MEANTIME files."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from parallax.datasets.timeml import GoldTimex, parse_dct, read_cat, read_tml
from parallax.eval.dates import evaluate_dates, score_timexes
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
    assert parse_dct("03-02-2009") == date(2009, 3, 2)
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
