"""The grouper's state is saved one row per story: a batch rewrites the stories it changed,
not the whole state, and the state reads back as it was saved."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path

from parallax.store.sqlite import SQLiteStore
from parallax.stories import StoryIndex, StoryInput

TEXTS = {
    "flood": "Floods in Valencia: the river burst its banks and the army evacuated the old town.",
    "vote": "The parliament in Lisbon voted on the budget; the finance minister lost the vote.",
    "match": "Porto beat Benfica two to one in the derby; the coach praised the young striker.",
}


def item(article_id: str, text: str, day: int) -> StoryInput:
    return StoryInput(article_id, date(2025, 3, day), None, text, None, frozenset())


def three_stories(db: Path) -> tuple[SQLiteStore, StoryIndex]:
    """A fresh store and a grouper holding one story for each of :data:`TEXTS`."""
    index = StoryIndex()
    index.assign_all(item(name, text, 1) for name, text in TEXTS.items())
    return SQLiteStore(db), index


def saved(store: SQLiteStore, index: StoryIndex) -> int:
    """Save the index's state in one transaction; return how many rows it wrote."""
    before = store.connection.total_changes
    with store.transaction():
        store.save_story_snapshot(index.snapshot(), updated_at="2025-03-03T00:00:00")
    return store.connection.total_changes - before


def test_a_batch_rewrites_only_the_stories_it_changed(tmp_path: Path) -> None:
    store, index = three_stories(tmp_path / "s.db")
    stories = len(index.stories())
    assert stories == 3
    assert saved(store, index) == stories + 1  # every story, and the rest of the state
    # One more article about the flood changes its story alone.
    index.assign_all([item("flood-2", TEXTS["flood"] + " The army stayed a second night.", 2)])
    assert len(index.stories()) == stories
    assert saved(store, index) == 1 + 1
    assert saved(store, index) == 1  # nothing changed: the rest of the state only
    assert store.story_snapshot() == json.loads(json.dumps(index.snapshot()))
    restored = StoryIndex.from_snapshot(store.story_snapshot() or {})
    assert restored.snapshot() == index.snapshot()
    store.close()


def test_a_story_merged_away_loses_its_row(tmp_path: Path) -> None:
    store, index = three_stories(tmp_path / "s.db")
    saved(store, index)
    snapshot = index.snapshot()
    gone = snapshot["stories"].pop()["id"]
    with store.transaction():
        store.save_story_snapshot(snapshot, updated_at="2025-03-03T00:00:00")
    ids = {row[0] for row in store.connection.execute("SELECT story_id FROM story_states")}
    assert gone not in ids and len(ids) == 2
    store.close()


def test_a_state_saved_whole_before_is_read_and_split_at_its_next_save(tmp_path: Path) -> None:
    store, index = three_stories(tmp_path / "s.db")
    whole = json.dumps(index.snapshot())
    with store.transaction():  # as the store wrote it before the stories had rows
        store.connection.execute(
            "INSERT INTO story_index (id, snapshot, updated_at) VALUES (1, ?, '')", (whole,)
        )
    assert store.story_snapshot() == json.loads(whole)
    saved(store, index)
    (rest,) = store.connection.execute("SELECT snapshot FROM story_index").fetchone()
    assert "stories" not in json.loads(rest)
    assert store.story_snapshot() == json.loads(whole)
    store.close()


def test_rows_are_committed_with_the_batch(tmp_path: Path) -> None:
    store, index = three_stories(tmp_path / "s.db")
    saved(store, index)
    with sqlite3.connect(tmp_path / "s.db") as other:
        assert other.execute("SELECT COUNT(*) FROM story_states").fetchone()[0] == 3
    store.close()
