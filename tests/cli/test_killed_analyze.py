"""`parallax analyze` killed with SIGKILL in each stage (analysis, grouping, comparison), then run
again: the final store is the store of a run that was never interrupted.

The kill is real (see ``tests.killing``): the subprocess sends itself SIGKILL when a chosen
store write is reached for the n-th time.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.cli.kill_corpus import write_corpus
from tests.conftest import SHARED_DATA
from tests.killing import KILLED, parallax, same

STORE = "parallax.store.sqlite"
# Where each run is killed, in order: each point is reached by a run that resumes after the last.
KILL_POINTS = (
    (f"{STORE}:SQLiteStore.save_analysis:8", "analysis, in the second batch"),
    (f"{STORE}:SQLiteStore.save_analysis:9", "analysis, in the third batch"),
    (f"{STORE}:SQLiteStore.replace_entities:1", "analysis, merging entities"),
    (f"{STORE}:SQLiteStore.record_assignment:8", "grouping, in the second batch"),
    (f"{STORE}:SQLiteStore.save_story_snapshot:3", "grouping, before a batch commits"),
    ("parallax.store.comparisons:save_comparison:3", "comparison, after two stories"),
)

# Columns that say when or by which run a row was written, not what it holds.
CLOCK_COLUMNS = {"analyzed_at", "assigned_at", "updated_at", "computed_at", "run_id", "created_at"}
TABLES = (
    "analyses", "mentions", "quotes", "time_expressions", "claims", "entities", "stories",
    "story_articles", "story_index", "story_states", "comparisons", "rejections",
)  # fmt: skip


def analyze(db: Path, *args: str, kill_at: str | None = None) -> int:
    """Run ``parallax [ARGS] analyze`` (``--no-compare`` in ARGS goes after the verb)."""
    options = [arg for arg in args if arg != "--no-compare"]
    after = [arg for arg in args if arg == "--no-compare"]
    return parallax(db, *options, "analyze", *after, kill_at=kill_at)


def contents(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Return every row of the tables the analyze stages write, less their clock columns."""
    with sqlite3.connect(db) as connection:
        found = {}
        for table in TABLES:
            cursor = connection.execute(f"SELECT * FROM {table}")
            names = [column[0] for column in cursor.description]
            kept = [i for i, name in enumerate(names) if name not in CLOCK_COLUMNS | {"id"}]
            rows = [tuple(row[i] for i in kept) for row in cursor]
            if table == "story_index":  # the same state, whatever order its sets iterate in
                rows = [(json.loads(row[0]),) for row in rows]
            if table == "story_states":  # the digest, too, follows the order of the sets
                rows = [(row[0], json.loads(row[2])) for row in rows]
            if table == "comparisons":
                rows = [(*row[:-1], json.loads(row[-1])) for row in rows]
            found[table] = sorted(rows, key=repr)
    return found


def ingested(tmp_path: Path, name: str, source: Path) -> Path:
    db = tmp_path / name
    env = os.environ | {"PARALLAX_DB": str(db)}
    command = [sys.executable, "-m", "parallax", "ingest", str(source)]
    subprocess.run(command, env=env, check=True, capture_output=True, timeout=300)
    return db


def killed_and_resumed(
    tmp_path: Path, source: Path, settings: tuple[str, ...], points: tuple[tuple[str, str], ...]
) -> tuple[Path, Path]:
    """Analyse one copy of the ingested corpus without a break, another with a kill at each
    point in turn (each run resuming after the last), then once more; return both stores."""
    whole = ingested(tmp_path, "whole.db", source)
    broken = tmp_path / "broken.db"
    shutil.copy(whole, broken)
    assert analyze(whole, *settings) == 0
    for kill_at, where in points:
        assert analyze(broken, *settings, kill_at=kill_at) == KILLED, where
    assert analyze(broken, *settings) == 0
    return whole, broken


@pytest.mark.slow
def test_analyze_killed_in_every_stage_ends_as_an_uninterrupted_run(tmp_path: Path) -> None:
    source = tmp_path / "news.jsonl"
    assert write_corpus(source) == 30
    settings = ("--set", "commit_every=5", "--set", "story_embedder=tfidf")
    whole, broken = killed_and_resumed(tmp_path, source, settings, KILL_POINTS)
    expected, found = contents(whole), contents(broken)
    assert len(expected["stories"]) == 6 and len(expected["story_articles"]) == 30
    assert len(expected["comparisons"]) == 6
    assert [table for table in TABLES if not same(found[table], expected[table])] == []


@pytest.mark.slow
@pytest.mark.shared_data
def test_basil_grouping_killed_twice_keeps_every_story(tmp_path: Path) -> None:
    """The case as it was found: 150 BASIL articles, killed while grouping."""
    from parallax.datasets.story_streams import read_basil

    data = SHARED_DATA / "basil"
    if not data.is_dir():
        pytest.skip(f"BASIL is not at {data}")
    source = tmp_path / "basil.jsonl"
    rows = read_basil(data)[:150]
    source.write_text(
        "".join(
            json.dumps(
                {"id": row.item.article_id, "title": row.item.title, "text": row.item.text,
                 "published": str(row.item.published), "outlet": row.item.outlet}
            ) + "\n"
            for row in rows
        )
    )  # fmt: skip
    points = (
        (f"{STORE}:SQLiteStore.record_assignment:40", "grouping, in the second batch"),
        (f"{STORE}:SQLiteStore.save_story_snapshot:2", "grouping, before a batch commits"),
    )
    whole, broken = killed_and_resumed(
        tmp_path, source, ("--set", "commit_every=25", "--no-compare"), points
    )
    expected, found = contents(whole), contents(broken)
    differ = [table for table in TABLES if not same(found[table], expected[table])]
    assert [
        table for table in ("stories", "story_articles", "story_index") if table in differ
    ] == []
    with sqlite3.connect(broken) as connection:
        orphans = connection.execute(
            "SELECT COUNT(*) FROM story_articles WHERE story_id NOT IN (SELECT id FROM stories)"
        ).fetchone()[0]
    assert orphans == 0
