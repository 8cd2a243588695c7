"""The omission rule behind each outlet's "omits" list, as a public predicate."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from parallax.compare.story import omits
from parallax.comparison import ClaimGroup, Evidence


def _group(*outlets: str, first: date | None = date(2024, 5, 2)) -> ClaimGroup:
    claims = tuple(Evidence(f"a{i}", name, 0, 4, "text") for i, name in enumerate(outlets))
    return ClaimGroup(id="g1", summary="text", claims=claims, first_reported=first)


def test_an_outlet_never_omits_what_it_reports() -> None:
    assert not omits("A", _group("A", "B"), date(2024, 5, 9))


def test_an_outlet_omits_what_others_reported_while_it_covered_the_story() -> None:
    assert omits("A", _group("B"), date(2024, 5, 2))
    assert omits("A", _group("B"), date(2024, 5, 9))


def test_what_was_first_reported_after_the_outlets_last_article_is_not_omitted() -> None:
    assert not omits("A", _group("B"), date(2024, 5, 1))


def test_unknown_dates_count_as_omitted() -> None:
    assert omits("A", _group("B"), None)
    assert omits("A", _group("B", first=None), date(2024, 5, 1))


def test_a_group_the_model_finds_unimportant_is_no_omission() -> None:
    assert not omits("A", _group("B"), date(2024, 5, 9), important=False, outlets=2)
    assert omits("A", _group("B"), date(2024, 5, 9), important=True, outlets=2)


def test_what_most_outlets_report_is_always_an_omission() -> None:
    assert omits("A", _group("B", "C"), date(2024, 5, 9), important=False, outlets=3)
    assert not omits("A", _group("B"), date(2024, 5, 9), important=False, outlets=3)
    # ... but not what was first reported after the outlet's last article.
    assert not omits("A", _group("B", "C"), date(2024, 5, 1), important=False, outlets=3)


def test_the_importance_model_is_needed_only_where_an_outlet_lacks_a_group() -> None:
    from parallax.compare.story import omission_possible

    assert not omission_possible([_group("A")], ["A"])  # one outlet: nothing to omit
    assert not omission_possible([_group("A", "B"), _group("B", "A")], ["A", "B"])
    assert omission_possible([_group("A", "B"), _group("B")], ["A", "B"])


def test_a_one_outlet_story_is_compared_the_same_without_the_importance_model(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The seed article alone: its comparison skips the importance model (every group is its
    outlet's) and equals the one computed with the model run."""
    import parallax.compare.story as story_module
    from parallax.compare.story import compare_story
    from parallax.corpus import Corpus
    from parallax.stages.compare import story_articles
    from tests.compare.story_fixtures import SEEDS

    with Corpus(tmp_path / "c.db") as corpus:
        corpus.ingest([str(next(SEEDS.glob("*.txt")))])
        corpus.analyze()
        corpus.group_stories()
        [story] = corpus.stories.list()
        items = story_articles(corpus.store, story, corpus.outlets.get)
    assert sum(len(item.claims) for item in items) > 1
    ran: list[int] = []
    real = story_module.important_groups

    def counted(*args: Any, **kwargs: Any) -> set[str]:
        ran.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(story_module, "important_groups", counted)
    skipped = compare_story(story.id, items, story.entities)
    assert not ran
    monkeypatch.setattr(story_module, "omission_possible", lambda *_: True)
    with_model = compare_story(story.id, items, story.entities)
    assert ran and skipped.groups and skipped == with_model
