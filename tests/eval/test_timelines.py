"""The timeline scorers' parts on hand-built input, and one real SemEval-2015 corpus."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from parallax.datasets.semeval_timeline import read_gold_timelines
from parallax.eval.timelines import (
    busiest_days,
    dates_agree,
    day_entries,
    evaluate_timeline17,
    evaluate_timelines,
    fixed_length,
)
from parallax.eval.tls_metrics import (
    Scores,
    alignment_rouge1,
    date_scores,
    mean_scores,
    rouge_tokens,
)
from parallax.model import TimelineEntry, TimelineSource
from parallax.stories.timeline import precision_of
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


D = date


def test_date_f1_counts_exact_days() -> None:
    scores = date_scores(
        [D(2009, 1, 1), D(2009, 1, 2), D(2009, 1, 3)], [D(2009, 1, d) for d in (2, 3, 4, 5)]
    )
    assert (scores.precision, scores.recall) == (2 / 3, 2 / 4)
    assert scores.f1 == pytest.approx(4 / 7)
    assert date_scores([], [D(2009, 1, 1)]).f1 == 0.0


def test_rouge_tokens_are_stemmed_without_stop_words() -> None:
    assert rouge_tokens(["Schools closed in Scotland.", "Flu cases rise"]) == [
        "school", "close", "scotland", "flu", "case", "rise",
    ]  # fmt: skip


def test_alignment_rouge1_by_hand() -> None:
    """Jan 1 aligns to Jan 2 both ways (weight 1/2: 3 of 4 and of 3 stems), Jan 5 to Jan 5
    (2 of 2 and of 3 stems): precision = recall = (3/2 + 2) / 6."""
    predicted = {D(2009, 1, 1): ["Flu cases rise in Mexico"], D(2009, 1, 5): ["Schools close"]}
    gold = {
        D(2009, 1, 2): ["Cases rise in Mexico."],
        D(2009, 1, 5): ["Schools closed in Scotland."],
    }
    scores = alignment_rouge1(predicted, gold)
    assert scores.precision == pytest.approx(3.5 / 6) and scores.recall == pytest.approx(3.5 / 6)
    assert alignment_rouge1({}, gold) == Scores(0.0, 0.0)


def test_alignment_rouge1_matches_tilse_many_to_one() -> None:
    """Figures of tilse 0.2.1's ``evaluate_align_date_content_costs_many_to_one`` (ROUGE
    ``reimpl``, its Porter stemmer) on this example; two predicted dates share one gold date."""
    predicted = {
        D(2010, 1, 12): [
            "a magnitude seven earthquake strikes haiti near the capital",
            "thousands are feared dead",
        ],
        D(2010, 1, 13): ["aid agencies rush help to haiti"],
        D(2010, 1, 20): ["a strong aftershock hits haiti"],
    }
    gold = {
        D(2010, 1, 12): ["an earthquake of magnitude seven strikes haiti"],
        D(2010, 1, 15): ["the un says aid is reaching survivors"],
        D(2010, 1, 20): ["an aftershock of magnitude six hits the country"],
    }
    scores = alignment_rouge1(predicted, gold)
    assert scores.precision == pytest.approx(0.40625)
    assert scores.recall == pytest.approx(0.5757575757575757)
    assert date_scores(predicted, gold).f1 == pytest.approx(2 / 3)


def test_averages_take_f1_of_mean_precision_and_recall() -> None:
    mean = mean_scores([Scores(1.0, 0.0), Scores(0.0, 1.0)])
    assert (mean.precision, mean.recall, mean.f1) == (0.5, 0.5, 0.5)


def _entry(day: str, sources: int, summary: str) -> TimelineEntry:
    source = TimelineSource("a", None, 0, 1, summary, None)
    return TimelineEntry(day, precision_of(day) or "", "stated", summary, (source,) * sources, "x")


def test_fixed_length_keeps_the_best_sourced_dates_inside_the_gold_span() -> None:
    days = day_entries(
        [
            _entry("2009-01-01", 9, "before the span"),
            _entry("2009-01-02", 1, "weak"),
            _entry("2009-01-03", 3, "strong"),
            _entry("2009-01-03", 1, "strong too"),
            _entry("2009-01-04", 2, "middle"),
            _entry("2009-01", 5, "a month"),
        ]
    )
    assert sorted(days) == [D(2009, 1, d) for d in (1, 2, 3, 4)]
    gold = {D(2009, 1, 2): ["a", "b"], D(2009, 1, 5): ["c"]}  # L = 2 dates, k = round(1.5) = 2
    assert fixed_length(days, gold) == {
        D(2009, 1, 3): ["strong", "strong too"],
        D(2009, 1, 4): ["middle"],
    }


def test_timeline17_end_to_end_on_two_articles(tmp_path: Path) -> None:
    folder = tmp_path / "haiti_bbc"
    folder.mkdir()
    text = (
        "A massive earthquake struck Haiti on 12 January 2010 , killing thousands of people . "
        "The United Nations announced on 13 January 2010 that its headquarters had collapsed ."
    )
    articles = [
        {"uid": "1", "dct": "2010-01-13", "dates": [], "text": text},
        {
            "uid": "2",
            "dct": "2010-01-14",
            "dates": [],
            "text": "Aid flights to Port-au-Prince were halted on Thursday .",
        },
    ]
    (folder / "articles.json").write_text(json.dumps(articles))
    gold = [{"date": "2010-01-12", "text": "A 7.0 earthquake strikes Haiti ."}]
    (folder / "bbc.txt.timeline.json").write_text(json.dumps(gold))
    metrics = evaluate_timeline17(tmp_path, limit_articles=5)
    assert (metrics["topics"], metrics["gold_timelines"], metrics["articles"]) == (1, 1, 2)
    assert metrics["date_recall"] == 1.0 and 0.0 < metrics["ar1_f"] <= 1.0
    assert metrics["haiti_bbc/bbc.fixed_date_f1"] == 1.0


def test_busiest_days_baseline_counts_publications_inside_the_span() -> None:
    published = [D(2009, 1, d) for d in (1, 1, 1, 2, 3, 3, 4, 9)]
    gold = {D(2009, 1, 2): ["a"], D(2009, 1, 4): ["b"]}
    assert busiest_days(published, gold) == [D(2009, 1, 2), D(2009, 1, 3)]


def test_basil_timelines_on_a_real_triplet(tmp_path: Path) -> None:
    from parallax.eval.timelines import evaluate_basil_timelines

    # Paragraphs of BASIL's 2014-12-18 marijuana-lawsuit triplet (HuffPost and The New York
    # Times); the HuffPost quote's "in January 2017" once made a development two years on.
    huffpost = [
        "The states of Nebraska and Oklahoma filed a federal lawsuit in the U.S. Supreme Court "
        "Thursday, claiming that Colorado's legalization of recreational marijuana is "
        "unconstitutional under federal law.",
        '"Federal law still prohibits marijuana. So far, the federal government has mostly taken '
        "a hands-off approach to state medicalizations and legalizations, but in January 2017, "
        "the country will have a new president. That person could order the attorney general to "
        'enforce federal prohibition regardless of state law."',
    ]
    nyt = [
        "DENVER — Two heartland states filed the first major court challenge to marijuana "
        "legalization on Thursday, saying that Colorado’s growing array of state-regulated "
        "recreational marijuana shops was piping marijuana into neighboring states and should "
        "be shut down.",
        "He has complained that marijuana arrests have strained his jail budget.",
    ]
    folder = tmp_path / "articles" / "2014"
    folder.mkdir(parents=True)
    for name, source, paragraphs in (("t_3", "hpo", huffpost), ("t_2", "nyt", nyt)):
        record = {"source": source, "date": "2014-12-18", "triplet-uuid": "t", "uuid": name}
        record |= {"title": "Two states sue Colorado", "body-paragraphs": paragraphs}
        (folder / f"{name}.json").write_text(json.dumps(record))
    metrics = evaluate_basil_timelines(tmp_path)
    assert (metrics["stories"], metrics["articles"]) == (1, 2)
    assert metrics["over_a_year_after"] == 0 and metrics["after_story_unscheduled"] == 0
    assert metrics["multi_outlet"] == 1  # the lawsuit filed on Thursday, told by both


def test_the_shifted_sample_takes_the_articles_half_a_step_later() -> None:
    from parallax.datasets.timeline17 import T17Article
    from parallax.eval.timelines import spread

    articles = tuple(T17Article(str(i), "bbc", D(2010, 1, 1 + i), "text") for i in range(10))
    first = [a.uid for a in spread(articles, 5)]
    second = [a.uid for a in spread(articles, 5, shifted=True)]
    assert (first, second) == (["0", "2", "4", "6", "8"], ["1", "3", "5", "7", "9"])
    assert len(spread(articles, 20, shifted=True)) == 10
