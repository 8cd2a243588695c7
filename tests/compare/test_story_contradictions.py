"""A story's contradictions: once per story, values marked in the reports, escaped, and the
kind and score they carry."""

from __future__ import annotations

import json
import re
from dataclasses import replace

import pytest

from parallax.codec.comparison import comparison_from_dict, comparison_to_dict
from parallax.compare.contradictions import RELIABILITY, calibrated_score, story_contradictions
from parallax.comparison import (
    CONTRADICTION_KINDS,
    ClaimPair,
    Contradiction,
    ContradictionSide,
    Evidence,
    StoryComparison,
    involving,
)
from parallax.corpus import Corpus
from parallax.eval.reliability import conflict_reliability
from parallax.report import Report, write_report
from parallax.report.story import OutletColumn, outlet_column, story_view
from tests.compare.story_fixtures import INDEPENDENT, SOUTHFRONT, comparison, corpus
from tests.conftest import SHARED_DATA

__all__ = ["comparison", "corpus"]  # module-scoped fixtures

WORLDWIDE = "a review of US supplies worldwide"
PENTAGON = "a Pentagon review of ammunition stocks after U.S. strikes on Iranian nuclear facilities"


def _reports(corpus: Corpus, comparison: StoryComparison) -> tuple[str, str]:
    [story] = corpus.stories.list()
    view = story_view(corpus, story, compare=lambda _: comparison)
    report = Report(story.title, "story", (), story=view)
    return write_report(report, "html") or "", write_report(report, "md") or ""


def test_the_seed_reports_show_the_cause_contradiction_once_with_both_values_marked(
    corpus: Corpus, comparison: StoryComparison
) -> None:
    html, markdown = _reports(corpus, comparison)
    for value in (WORLDWIDE, PENTAGON):
        assert html.count(f"<mark>{value}</mark>") == 1, value
        assert markdown.count(f"**{value}**") == 1, value
    assert html.count('id="contradictions-heading"') == 1
    assert "### Contradictions" in markdown
    # The columns link to the story's list instead of repeating it (and so does the table at
    # the top, from each outlet's count).
    column_links = '<p class="contradiction-count"><a href="#contradictions-heading">'
    assert html.count(column_links) == len(comparison.outlets)
    glance_cell = '<td class="num" data-label="contradictions"><a href="#contradictions-heading">'
    assert html.count(glance_cell) == len(comparison.outlets)
    assert markdown.count("1 contradiction with other outlets") == len(comparison.outlets)


def test_values_are_escaped_inside_the_marks(corpus: Corpus, comparison: StoryComparison) -> None:
    [found] = [c for c in comparison.contradictions if c.kind == "cause"]
    span = found.first.span
    hostile = "<script>alert(1)</script>"
    text = span.text[: found.first.value[0]] + hostile if found.first.value else hostile
    side = ContradictionSide(replace(span, text=text), (len(text) - len(hostile), len(text)))
    altered = replace(comparison, contradictions=(replace(found, first=side),))
    html, markdown = _reports(corpus, altered)
    assert "<script>alert(1)" not in html
    assert "<mark>&lt;script&gt;alert(1)&lt;/script&gt;</mark>" in html
    assert "**\\<script\\>alert(1)\\</script\\>**" in markdown
    assert not re.search(r"(?<!\\)<script", markdown)


def test_one_contradiction_for_the_same_values_found_through_two_pairs(
    comparison: StoryComparison,
) -> None:
    [pair] = [p for p in comparison.pairs if p.label == "contradict" and p.kind == "cause"]
    swapped = ClaimPair(
        pair.second, pair.first, pair.label, pair.score, pair.model, kind=pair.kind,
        explanation=pair.explanation, details=pair.details[::-1],
    )  # fmt: skip
    [found] = story_contradictions([pair, swapped, pair], [])
    assert found.kind == "cause"
    assert {found.first.value_text, found.second.value_text} == {WORLDWIDE, PENTAGON}
    assert {found.first.span.outlet, found.second.span.outlet} == {INDEPENDENT, SOUTHFRONT}


def test_a_stance_contradiction_has_no_value_and_an_actor_one_names_place_or_agent() -> None:
    a = Evidence("a1", "A", 10, 40, "Russia struck the city on Monday.")
    b = Evidence("b1", "B", 0, 30, "Ukraine struck the city on Monday.")
    stance = ClaimPair(a, b, "contradict", 0.7, "stance.v1", kind="stance")
    actors = ClaimPair(
        a, b, "contradict", 0.9, "rules.v2", kind="actors", explanation="Russia vs Ukraine",
        details=(Evidence("a1", "A", 10, 16, "Russia"), Evidence("b1", "B", 0, 7, "Ukraine")),
    )  # fmt: skip
    agreed = ClaimPair(a, b, "agree", 0.9, "group")
    first, second = story_contradictions([stance, actors, agreed], [])
    assert first.kind == "stance" and first.first.value is None and first.second.value is None
    assert second.kind == "agent"  # no mention of a place among the claims' mentions
    assert (second.first.value_text, second.second.value_text) == ("Russia", "Ukraine")
    assert second.first.value == (0, 6)


def test_the_score_is_the_kinds_measured_reliability() -> None:
    assert set(RELIABILITY) == set(CONTRADICTION_KINDS)
    real, false = RELIABILITY["number"]
    assert calibrated_score("number") == round((real + 1) / (real + false + 2), 4)
    assert calibrated_score("cause") == 0.5  # no cause conflict fired on the labelled pairs
    assert all(0.0 < calibrated_score(kind) < 1.0 for kind in CONTRADICTION_KINDS)


def test_every_story_contradiction_is_a_kind_with_values_inside_its_spans(
    comparison: StoryComparison,
) -> None:
    assert comparison.contradictions
    for item in comparison.contradictions:
        assert isinstance(item, Contradiction) and item.kind in CONTRADICTION_KINDS
        for side in (item.first, item.second):
            if side.value is not None:
                start, end = side.value
                assert 0 <= start < end <= len(side.span.text)


ISTS = SHARED_DATA / "comparison" / "ists2016-headlines" / "train"


@pytest.mark.shared_data
@pytest.mark.skipif(not ISTS.is_dir(), reason="shared data (iSTS-2016 headlines) is absent")
def test_the_reliability_table_is_the_one_measured_on_ists_dev() -> None:
    measured = conflict_reliability(ISTS)
    for kind in CONTRADICTION_KINDS:
        assert RELIABILITY[kind] == measured.get(kind, (0, 0)), kind


def test_each_outlet_column_refers_to_the_story_contradictions_instead_of_copying_them(
    comparison: StoryComparison,
) -> None:
    document = comparison_to_dict(comparison)
    listed = document["contradictions"]
    for column in document["outlets"]:
        assert all(isinstance(i, int) for i in column["contradictions"])
        for i in column["contradictions"]:
            sides = (listed[i]["first"]["span"], listed[i]["second"]["span"])
            assert column["outlet"] in {side["outlet"] for side in sides}
    # Each contradiction is reachable from both of its outlets' columns, and from no other.
    referring = [i for column in document["outlets"] for i in column["contradictions"]]
    assert sorted(referring) == sorted([*range(len(listed))] * 2)
    [cause] = [c for c in comparison.contradictions if c.kind == "cause"]
    assert cause in comparison.contradictions_of(SOUTHFRONT)
    assert cause in comparison.contradictions_of(INDEPENDENT)
    assert comparison.contradictions_of("no such outlet") == ()


def test_a_third_outlet_refers_only_to_the_contradictions_it_is_a_side_of(
    comparison: StoryComparison,
) -> None:
    [cause] = [c for c in comparison.contradictions if c.kind == "cause"]
    third = "Third Outlet"
    span = replace(cause.second.span, outlet=third)
    extra = replace(cause, second=replace(cause.second, span=span))
    contradictions = (cause, extra)
    assert involving(contradictions, INDEPENDENT) == (0, 1)
    assert involving(contradictions, third) == (1,)
    mine = replace(comparison.outlets[0], outlet=third, contradictions=(1,))
    columns = tuple(
        replace(c, contradictions=involving(contradictions, c.outlet)) for c in comparison.outlets
    )
    widened = replace(comparison, outlets=(*columns, mine), contradictions=contradictions)
    assert widened.contradictions_of(third) == (extra,)
    assert comparison_from_dict(json.loads(json.dumps(comparison_to_dict(widened)))) == widened
    view_columns = {c.outlet: c for c in _columns(widened)}
    assert [c.contradiction for c in view_columns[third].contradictions] == [extra]
    assert view_columns[third].contradictions[0].mine.outlet == third


def _columns(comparison: StoryComparison) -> tuple[OutletColumn, ...]:
    return tuple(outlet_column(c.outlet, (), None, comparison) for c in comparison.outlets)
