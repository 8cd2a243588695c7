"""The Timeline17 reader on a hand-built copy of its layout."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from parallax.datasets.timeline17 import detokenize, read_timeline17
from tests.conftest import SHARED_DATA


def _write(folder: Path, articles: list[dict[str, object]], timelines: dict[str, object]) -> None:
    folder.mkdir(parents=True)
    if articles:
        (folder / "articles.json").write_text(json.dumps(articles))
    for name, items in timelines.items():
        (folder / f"{name}.txt.timeline.json").write_text(json.dumps(items))


def test_outlet_folders_of_one_topic_are_one_topic(tmp_path: Path) -> None:
    article = {"uid": "7", "dct": "2009-04-25", "dates": [None], "text": "Flu spreads ."}
    _write(
        tmp_path / "H1N1_bbc",
        [article],
        {"h1n1_bbc": [{"date": "2009-05-01", "text": " One .  Two . "}]},
    )
    _write(
        tmp_path / "H1N1_reuters",
        [article | {"uid": "8", "dct": "2009-04-26"}],
        {"h1n1_reuters": [{"date": "2009-05-01", "text": "Three ."}]},
    )
    _write(tmp_path / "Finan_washingtonpost", [], {"tl": [{"date": "2008-09-15", "text": "x"}]})
    finan, h1n1 = read_timeline17(tmp_path)
    assert finan.name == "Finan" and not finan.articles and len(finan.timelines) == 1
    assert h1n1.name == "H1N1"
    assert [(a.outlet, a.uid, a.published) for a in h1n1.articles] == [
        ("bbc", "7", date(2009, 4, 25)),
        ("reuters", "8", date(2009, 4, 26)),
    ]
    assert [t.name for t in h1n1.timelines] == ["H1N1_bbc/h1n1_bbc", "H1N1_reuters/h1n1_reuters"]
    assert h1n1.timelines[0].summaries() == {date(2009, 5, 1): ["One .", "Two ."]}


def test_one_topic_folder_can_be_read_alone_and_repeated_dates_merge(tmp_path: Path) -> None:
    items = [
        {"date": "2009-05-01", "text": "A ."},
        {"date": "2009-05-01", "text": "B ."},
        {"date": "2009-05-03", "text": "C ."},
    ]
    _write(tmp_path / "MJ_bbc", [], {"bbc.co.uk": items})
    (topic,) = read_timeline17(tmp_path / "MJ_bbc")
    assert topic.name == "MJ" and topic.timelines[0].name == "MJ_bbc/bbc.co.uk"
    assert topic.timelines[0].summaries() == {
        date(2009, 5, 1): ["A .", "B ."],
        date(2009, 5, 3): ["C ."],
    }


def test_detokenize_undoes_treebank_spacing() -> None:
    text = "He said : `` It is n't over , '' ( again ) on 25 April 2009 ."
    assert detokenize(text) == 'He said: "It isn\'t over," (again) on 25 April 2009.'


@pytest.mark.shared_data
def test_the_dev_topics_present_are_read() -> None:
    root = SHARED_DATA / "comparison" / "timeline17"
    if not root.is_dir():
        pytest.skip(f"shared data not found at {root}")
    topics = {t.name: t for t in read_timeline17(root)}
    assert sorted(topics) == ["H1N1", "LibyaWar", "MJ", "haiti"]
    assert sum(len(t.timelines) for t in topics.values()) == 7
    assert sum(len(t.articles) for t in topics.values()) == 1620
    assert {a.outlet for a in topics["H1N1"].articles} == {"bbc", "guardian", "reuters"}
