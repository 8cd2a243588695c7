"""`parallax load` killed with SIGKILL while it stores a run's shards and while it runs the
corpus-wide steps after them, then run again: the final store is the store of a load that was
never interrupted, table by table.

The kill is real (see ``tests.killing``): the subprocess sends itself SIGKILL when a chosen
store write is reached for the n-th time.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from tests.killing import KILLED, parallax, same
from tests.runners.conftest import SOURCES, store_dump

pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]

STORE = "parallax.store.sqlite"
# Where each run is killed, in order: each point is reached by a run that resumes after the last
# (the local run's sources load in order a-news, b-more, c-articles, d-pages, seeds, z-bad).
KILL_POINTS = (
    (f"{STORE}:SQLiteStore.upsert_article:3", "shards, the second source's first article"),
    ("parallax.runners.load:save_shard_analysis:2", "shards, a source's second analysis"),
    (f"{STORE}:SQLiteStore.mark_finished:2", "shards, a source finished but not committed"),
    (f"{STORE}:SQLiteStore.replace_entities:1", "merging entities"),
    (f"{STORE}:SQLiteStore.record_assignment:4", "grouping"),
    ("parallax.store.comparisons:save_comparison:1", "comparing"),
)


def comparisons(db: Path) -> list[tuple[Any, ...]]:
    """The stored comparisons, without when they were computed."""
    with sqlite3.connect(db) as connection:
        cursor = connection.execute("SELECT * FROM comparisons")
        names = [column[0] for column in cursor.description]
        kept = [i for i, name in enumerate(names) if name != "computed_at"]
        return sorted((tuple(row[i] for i in kept) for row in cursor), key=repr)


def dump(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every stored table (``store_dump``), the grouper's state parsed: its sets are written in
    whatever order they iterate in, which differs between processes."""
    tables = store_dump(db)
    tables["story_index"] = [(key, json.loads(state)) for key, state in tables["story_index"]]
    tables["story_states"] = [(key, json.loads(state)) for key, _, state in tables["story_states"]]
    return tables


def test_load_killed_at_every_step_ends_as_an_uninterrupted_load(
    local_run: Path, tmp_path: Path
) -> None:
    out = tmp_path / "shards"
    shutil.copytree(local_run, out)
    whole, broken = tmp_path / "whole.db", tmp_path / "broken.db"
    assert parallax(whole, "load", str(out)) == 0
    for kill_at, where in KILL_POINTS:
        assert parallax(broken, "load", str(out), kill_at=kill_at) == KILLED, where
    assert parallax(broken, "load", str(out)) == 0
    expected, found = dump(whole), dump(broken)
    assert len(expected["ledger"]) == SOURCES and expected["story_articles"]
    assert [table for table in expected if not same(found[table], expected[table])] == []
    assert same(comparisons(broken), comparisons(whole))
