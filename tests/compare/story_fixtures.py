"""A corpus of the two seed articles, analysed and grouped: one story, two outlets."""

from __future__ import annotations

from pathlib import Path

import pytest

from parallax.comparison import StoryComparison
from parallax.corpus import Corpus

SEEDS = Path(__file__).resolve().parents[2] / "src" / "parallax" / "examples" / "seeds"
INDEPENDENT, SOUTHFRONT = "The Independent", "SouthFront"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    found = Corpus(tmp_path_factory.mktemp("compare") / "c.db")
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
