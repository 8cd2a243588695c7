"""The seed story compared with event groups (the ``compare_events`` setting): one group per
event cluster of the claims' stored event mentions, a claim in as many groups as it has events.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from parallax.codec.comparison import comparison_from_dict, comparison_to_dict
from parallax.compare.event_groups import NOT_EVENTS
from parallax.compare.story import EVENTS_NAME, compare_story
from parallax.comparison import ClaimGroup, StoryComparison
from parallax.config import load_settings
from parallax.corpus import Corpus
from parallax.stages.compare import story_articles
from parallax.stories.timeline import TimelineArticle, build_timeline, event_clusters
from tests.compare.story_fixtures import INDEPENDENT, SEEDS, SOUTHFRONT


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    db = tmp_path_factory.mktemp("events") / "c.db"
    found = Corpus(db, settings=replace(load_settings(db=str(db)), compare_events=True))
    found.ingest([str(SEEDS)])
    found.analyze()
    found.group_stories()
    return found


@pytest.fixture(scope="module")
def comparison(corpus: Corpus) -> StoryComparison:
    [story] = corpus.stories.list()
    found = corpus.compare(story.id)
    assert found is not None
    return found


def _groups_with(comparison: StoryComparison, trigger: str, claim: str) -> list[ClaimGroup]:
    return [
        g
        for g in comparison.groups
        if any(e.text == trigger for e in g.events) and any(claim in c.text for c in g.claims)
    ]


def test_the_setting_names_the_event_groups_in_the_version(comparison: StoryComparison) -> None:
    assert EVENTS_NAME in comparison.version
    assert any(group.events for group in comparison.groups)


def test_the_default_comparison_keeps_claim_pair_groups(tmp_path: Path, corpus: Corpus) -> None:
    assert load_settings(db=str(tmp_path / "c.db")).compare_events is False
    [story] = corpus.stories.list()
    items = story_articles(corpus.store, story, corpus.outlets.get, events=True)
    assert any(item.events for item in items)  # stored, but read only when asked
    default = compare_story(story.id, items, story.entities)
    assert EVENTS_NAME not in default.version
    assert not any(group.events for group in default.groups)


def test_each_event_is_a_span_inside_a_claim_of_its_group(
    comparison: StoryComparison, corpus: Corpus
) -> None:
    for group in comparison.groups:
        for event in group.events:
            article = corpus.articles.get(event.article_id)
            assert article is not None
            assert article.text[event.start : event.end] == event.text
            assert any(c.start <= event.start and event.end <= c.end for c in group.claims)
            assert event.text.lower() not in NOT_EVENTS


def test_a_claim_is_in_as_many_groups_as_it_has_events(comparison: StoryComparison) -> None:
    [pause_claim] = [
        c for g in comparison.groups for c in g.claims if "temporary suspension" in c.text
    ][:1]
    groups = [g for g in comparison.groups if pause_claim in g.claims]
    own = {
        (e.start, e.end)
        for g in groups
        for e in g.events
        if e.article_id == pause_claim.article_id and pause_claim.start <= e.start < pause_claim.end
    }
    assert len(groups) == len(own) > 1  # suspension, review, strikes …


def test_the_us_pause_is_one_event_reported_by_both_outlets(comparison: StoryComparison) -> None:
    # "This decision followed a temporary suspension of arms deliveries …" (SouthFront) and
    # "Pentagon officials suggested the suspension was a 'pause' in delivery …" (Independent).
    [group] = _groups_with(comparison, "suspension", "temporary suspension")
    assert set(group.outlets) == {INDEPENDENT, SOUTHFRONT}
    assert any("“pause” in delivery" in claim.text for claim in group.claims)
    for column in comparison.outlets:
        assert group.id not in column.unique and group.id not in column.omitted


def test_the_pentagon_review_is_one_event_of_both_outlets(comparison: StoryComparison) -> None:
    [group] = _groups_with(comparison, "review", "ammunition stocks")
    assert set(group.outlets) == {INDEPENDENT, SOUTHFRONT}


def _unique_texts(comparison: StoryComparison, outlet: str) -> list[str]:
    column = comparison.outlet(outlet)
    assert column is not None
    found = (comparison.group(g) for g in column.unique)
    return [c.text for g in found if g is not None for c in g.claims]


def test_what_only_each_outlet_reports(comparison: StoryComparison) -> None:
    independent = _unique_texts(comparison, INDEPENDENT)
    assert any("chemical" in text and "evidence" in text for text in independent)
    assert any("civilians in Kherson" in text and "drones" in text for text in independent)
    southfront = _unique_texts(comparison, SOUTHFRONT)
    assert any("Turkish" in text and "third round" in text for text in southfront)
    assert any("resum" in text for text in southfront)


def test_the_cause_contradiction_stays_one(comparison: StoryComparison) -> None:
    assert [c.kind for c in comparison.contradictions] == ["cause"]


def test_the_stored_comparison_keeps_the_events(comparison: StoryComparison) -> None:
    again = comparison_from_dict(comparison_to_dict(comparison))
    assert again.groups == comparison.groups


def test_the_timeline_can_take_its_developments_from_the_event_clusters(
    comparison: StoryComparison, corpus: Corpus
) -> None:
    inputs = []
    for column in comparison.outlets:
        for article_id in column.article_ids:
            article = corpus.articles.get(article_id)
            found = corpus.articles.analysis(article_id)
            assert article is not None
            inputs.append(
                TimelineArticle(
                    article.id, article.outlet, article.published, found.claims, found.dates
                )
            )
    clusters = event_clusters(comparison)
    pause = next(k for k in clusters if any("temporary suspension" in c.text
                                            for g in comparison.groups for c in g.claims
                                            if (c.article_id, c.start, c.end) == k))  # fmt: skip
    assert clusters[pause]
    entries = build_timeline(inputs, events=clusters)
    [entry] = [e for e in entries if any("temporary suspension" in s.text for s in e.sources)]
    assert {s.outlet for s in entry.sources} == {INDEPENDENT, SOUTHFRONT}
    # Every development of two articles shares an event cluster or words: none is made of
    # clusters of one article.
    assert all(len(ids) for ids in clusters.values())
