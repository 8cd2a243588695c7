"""``parallax eval stories --format slavicner``: SlavicNER's documents as a multilingual stream
labelled by topic, grouped by the product's grouper (a real sample: two topics, Russian and
Ukrainian, from the shared copy; research use, read in place)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from parallax.cli import app
from parallax.datasets.story_streams import READERS
from parallax.eval.stories import default_part, evaluate_stories
from tests.conftest import SHARED_DATA

SLAVICNER = SHARED_DATA / "multilingual" / "slavicner"
TOPICS = ("nord_stream", "ryanair")
needs_data = pytest.mark.skipif(
    not all((SLAVICNER / "raw" / topic).is_dir() for topic in TOPICS),
    reason="shared data (SlavicNER) is not present",
)


def _sample(folder: Path, per_language: int = 4) -> Path:
    for topic in TOPICS:
        for language in ("ru", "uk"):
            target = folder / "raw" / topic / language
            target.mkdir(parents=True)
            for path in sorted((SLAVICNER / "raw" / topic / language).glob("*.txt"))[:per_language]:
                (target / path.name).symlink_to(path)
    return folder


@pytest.mark.shared_data
@needs_data
def test_documents_are_labelled_by_topic_with_their_language(tmp_path: Path) -> None:
    rows = READERS["slavicner"](_sample(tmp_path))
    assert len(rows) == 16
    assert {row.story for row in rows} == set(TOPICS)
    assert {row.item.language for row in rows} == {"ru", "uk"}
    first = rows[0]
    assert first.item.title and first.item.title not in first.item.text  # the first line
    assert [row.item.article_id for row in READERS["slavicner"](tmp_path)] == [
        row.item.article_id for row in rows
    ]  # a seeded order
    assert default_part("slavicner") == "all"


@pytest.mark.shared_data
@needs_data
def test_the_stream_is_grouped_and_scored_whole(tmp_path: Path) -> None:
    scores = evaluate_stories(_sample(tmp_path), fmt="slavicner", part="all", embedder="tfidf")
    assert scores["articles"] == 16
    assert scores["gold_stories"] == 2
    assert 0.0 < scores["bcubed_f1"] <= 1.0
    runner = CliRunner()
    shown = runner.invoke(
        app, ["eval", "stories", "--format", "slavicner", "--data", str(tmp_path),
              "--embedder", "tfidf", "--json"],
    )  # fmt: skip
    assert shown.exit_code == 0, shown.output
    assert json.loads(shown.output)["articles"] == 16
