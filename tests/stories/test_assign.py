"""Incremental story assignment: joins, new stories, merges, time, explanations, snapshots."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from parallax.stories import StoryIndex, StoryInput, StorySettings
from parallax.stories.state import story_id

# tests/conftest.SHARED_DATA, spelled out: another conftest module may shadow that name.
SHARED_DATA = Path(__file__).resolve().parents[3] / "shared" / "data"


def article(
    article_id: str,
    text: str,
    *,
    day: int = 1,
    title: str | None = None,
    outlet: str | None = None,
    entities: frozenset[str] = frozenset(),
) -> StoryInput:
    """Build a grouper input dated 2025-03-``day``."""
    return StoryInput(article_id, date(2025, 3, day), title, text, outlet, entities)


QUAKE = (
    "A strong earthquake struck northern Chile near the port city of Iquique, triggering a "
    "tsunami warning along the Pacific coast. Chilean officials ordered coastal evacuations "
    "as aftershocks rattled Iquique and emergency teams checked damaged buildings."
)
QUAKE_FOLLOW = (
    "Aftershocks kept shaking Iquique a day after the earthquake in northern Chile. The "
    "tsunami warning was lifted, evacuations ended and Chilean emergency teams counted "
    "damaged buildings along the coast."
)
RATES = (
    "The central bank raised interest rates by a quarter point to fight inflation, the "
    "governor announced, warning that borrowing costs for mortgages would stay high while "
    "inflation remains above the bank's target."
)


def test_the_seed_articles_form_one_story(seeds: list[StoryInput]) -> None:
    index = StoryIndex()
    first, second = (index.assign(item) for item in seeds)
    assert first.opened
    assert not second.opened
    assert second.story_id == first.story_id
    [story] = index.stories()
    assert story.article_ids == tuple(item.article_id for item in seeds)
    assert story.first_seen == date(2025, 7, 4)
    assert story.last_seen == date(2025, 7, 8)
    assert {"ukraine", "weapon"} <= set(index.key_terms(story.id))


def test_an_unrelated_article_opens_its_own_story(seeds: list[StoryInput]) -> None:
    index = StoryIndex()
    for item in seeds:
        index.assign(item)
    rates = replace(article("rates", RATES), published=date(2025, 7, 6))
    assignment = index.assign(rates)
    assert assignment.opened
    assert len(index.stories()) == 2


def test_a_follow_up_joins_the_right_story() -> None:
    index = StoryIndex()
    quake = index.assign(article("quake", QUAKE, day=1))
    rates = index.assign(article("rates", RATES, day=1))
    follow = index.assign(article("follow", QUAKE_FOLLOW, day=2))
    assert quake.opened and rates.opened
    assert not follow.opened
    assert follow.story_id == quake.story_id
    assert index.story_of("follow") == quake.story_id


def test_the_same_order_gives_the_same_stories(seeds: list[StoryInput]) -> None:
    items = [
        article("quake", QUAKE, day=1),
        article("rates", RATES, day=1),
        article("follow", QUAKE_FOLLOW, day=2),
    ]
    runs = []
    for _ in range(2):
        index = StoryIndex()
        assignments = [index.assign(item) for item in [*items, *seeds]]
        runs.append((assignments, index.stories()))
    assert runs[0] == runs[1]


def test_every_assignment_is_explained() -> None:
    index = StoryIndex()
    index.assign(article("quake", QUAKE, day=1))
    follow = index.assign(article("follow", QUAKE_FOLLOW, day=2))
    [candidate] = follow.candidates
    assert candidate.story_id == follow.story_id
    assert candidate.score >= follow.threshold
    assert candidate.entities is None and candidate.embedding is None
    assert candidate.gap_days == 1 and candidate.time == 1.0
    assert "iquique" in candidate.shared_terms
    lines = follow.lines()
    assert lines[0].startswith("follow: joined ")
    assert "text " in lines[1] and "iquique" in lines[1]
    first = index.assign(article("rates", RATES, day=2))
    assert first.decision.startswith("opened a new story")


def test_the_story_id_is_a_hash_of_its_first_article() -> None:
    index = StoryIndex()
    assignment = index.assign(article("quake", QUAKE))
    assert assignment.story_id == story_id("quake")
    assert index.stories()[0].id == story_id("quake")


def test_an_article_assigned_twice_is_counted_once() -> None:
    index = StoryIndex()
    first = index.assign(article("quake", QUAKE))
    again = index.assign(article("quake", QUAKE))
    assert again.story_id == first.story_id and not again.opened
    assert index.stories()[0].article_ids == ("quake",)


def test_a_story_out_of_the_time_window_is_not_a_candidate() -> None:
    index = StoryIndex(StorySettings(window_days=7))
    index.assign(article("quake", QUAKE, day=1))
    later = index.assign(article("later", QUAKE_FOLLOW, day=20))
    assert later.opened
    assert later.candidates == ()


def test_time_distance_lowers_the_score() -> None:
    settings = StorySettings(window_days=30, time_grace_days=1, time_scale_days=3)
    near, far = StoryIndex(settings), StoryIndex(settings)
    for index in (near, far):
        index.assign(article("quake", QUAKE, day=1))
    close = near.assign(article("follow", QUAKE_FOLLOW, day=2)).candidates[0]
    distant = far.assign(article("follow", QUAKE_FOLLOW, day=12)).candidates[0]
    assert distant.text == pytest.approx(close.text)
    assert distant.time < close.time == 1.0
    assert distant.score < close.score


def test_stories_that_converge_merge() -> None:
    # Two stories about one event, written apart; a third article bridges them.
    settings = StorySettings(threshold=0.3, merge_threshold=0.3, short_terms=0)
    index = StoryIndex(settings)
    left = index.assign(article("left", "Iquique earthquake tsunami warning Chile coast", day=1))
    right = index.assign(article("right", "Chile aftershocks evacuations damaged buildings", day=1))
    bridge = index.assign(
        article(
            "bridge",
            "Chile earthquake: tsunami warning, aftershocks, evacuations and damaged buildings "
            "along the Iquique coast",
            day=2,
        )
    )
    assert left.opened and right.opened
    assert bridge.merged == (right.story_id,)
    assert bridge.story_id == left.story_id  # the older story's id survives
    [story] = index.stories()
    assert set(story.article_ids) == {"left", "right", "bridge"}
    assert index.story_of("right") == left.story_id
    assert "merged" in bridge.decision


def test_entities_are_a_signal_and_key_entities_are_counted() -> None:
    index = StoryIndex()
    chile = frozenset({"Chile", "Iquique"})
    index.assign(article("quake", QUAKE, entities=chile, outlet="Reuters"))
    follow = index.assign(article("follow", QUAKE_FOLLOW, day=2, entities=chile, outlet="AP"))
    candidate = follow.candidates[0]
    assert candidate.entities == pytest.approx(1.0)
    assert set(candidate.shared_entities) == {"Chile", "Iquique"}
    [story] = index.stories()
    assert set(story.entities) == {"Chile", "Iquique"}
    assert story.outlets == ("AP", "Reuters")


def test_the_title_is_the_most_central_headline() -> None:
    index = StoryIndex()
    index.assign(article("a", QUAKE, title="Earthquake hits Chile"))
    index.assign(article("b", QUAKE_FOLLOW, title="Iquique aftershocks", day=2))
    assert index.stories()[0].title in {"Earthquake hits Chile", "Iquique aftershocks"}
    headline_only = StoryIndex()
    headline_only.assign(article("c", QUAKE))
    assert headline_only.stories()[0].title.startswith("A strong earthquake struck")


def test_a_snapshot_restores_the_index_exactly(seeds: list[StoryInput]) -> None:
    items = [article("quake", QUAKE), article("rates", RATES), *seeds]
    rest = [article("follow", QUAKE_FOLLOW, day=2)]
    straight = StoryIndex()
    for item in items + rest:
        straight.assign(item)
    first = StoryIndex()
    for item in items:
        first.assign(item)
    data = json.loads(json.dumps(first.snapshot()))
    restored = StoryIndex.from_snapshot(data)
    for item in rest:
        restored.assign(item)
    assert restored.stories() == straight.stories()
    assert restored.snapshot() == json.loads(json.dumps(straight.snapshot()))


def test_a_snapshot_of_another_version_is_refused() -> None:
    data = StoryIndex().snapshot() | {"version": 0}
    with pytest.raises(ValueError, match="version"):
        StoryIndex.from_snapshot(data)


def test_undated_articles_group_on_content() -> None:
    index = StoryIndex()
    quake = index.assign(replace(article("quake", QUAKE), published=None))
    follow = index.assign(replace(article("follow", QUAKE_FOLLOW), published=None))
    assert follow.story_id == quake.story_id
    assert follow.candidates[0].gap_days is None


def test_an_empty_article_opens_a_story_without_failing() -> None:
    index = StoryIndex()
    empty = index.assign(StoryInput("empty", None, None, "", None, frozenset()))
    assert empty.opened
    assert index.stories()[0].article_ids == ("empty",)


def _negatives_join(seeds: list[StoryInput], others: list[StoryInput]) -> list[str]:
    """Return the ids of ``others`` that join the seeds' story, each tried on its own."""
    index = StoryIndex()
    for item in seeds:
        index.assign(item)
    snapshot = index.snapshot()
    joined = []
    for item in others:
        # Dated inside the seeds' window, so only the content can keep it out.
        trial = StoryIndex.from_snapshot(snapshot)
        if not trial.assign(replace(item, published=date(2025, 7, 6))).opened:
            joined.append(item.article_id)
    return joined


@pytest.mark.shared_data
def test_no_basil_article_joins_the_seed_story(seeds: list[StoryInput]) -> None:
    from parallax.datasets.story_streams import read_basil

    data = SHARED_DATA / "basil"
    if not data.is_dir():
        pytest.skip(f"shared data not found: {data}")
    others = [row.item for row in read_basil(data)]
    assert len(others) == 150
    assert _negatives_join(seeds, others) == []


@pytest.mark.shared_data
def test_no_fnc_body_joins_the_seed_story(seeds: list[StoryInput]) -> None:
    from parallax.datasets.story_streams import read_fnc

    data = SHARED_DATA / "fnc-1"
    if not data.is_dir():
        pytest.skip(f"shared data not found: {data}")
    # A seeded sample of 300 bodies keeps the test fast; all 1,683 stay out as well (see the
    # report of issue 4), including the Putin, ISIS-weapons and Kurdish-arms stories.
    others = [row.item for row in read_fnc(data)][:300]
    assert _negatives_join(seeds, others) == []
