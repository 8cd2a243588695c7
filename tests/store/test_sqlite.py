"""The store: WAL mode, migrations recorded, upserts, SQL-safe search."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from parallax.errors import ConfigError, StoreError
from parallax.store.migrations import MIGRATIONS, schema_version
from parallax.store.sqlite import SQLiteStore, fts_query


def test_new_store_is_migrated_and_in_wal_mode(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "s.db")
    assert schema_version(store.connection) == len(MIGRATIONS)
    assert store.connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.table_counts() == {"articles": 0, "outlets": 0, "rejections": 0, "runs": 0}
    store.close()
    again = SQLiteStore(tmp_path / "s.db")  # reopening applies nothing twice
    assert schema_version(again.connection) == len(MIGRATIONS)


def test_a_file_that_is_not_a_database_is_a_store_error(tmp_path: Path) -> None:
    path = tmp_path / "not.db"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="cannot open the store"):
        SQLiteStore(path)


def test_unknown_table_names_are_refused(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "s.db")
    with pytest.raises(StoreError):
        store.table_counts(["articles; DROP TABLE articles"])


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("chemical weapons", '"chemical" AND "weapons"'),
        ('say "hi there" OR x*', '"say" AND "hi there" OR "x"*'),
        ("title:x NEAR(y)", '"title:x" AND "NEAR" AND ("y")'),
        ("  ", ""),
    ],
)
def test_fts_query_requotes_every_word_and_keeps_the_operators(query: str, expected: str) -> None:
    assert fts_query(query) == expected


def test_hostile_search_text_is_a_clear_error_or_taken_literally(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "s.db")
    for query in ["'; DROP TABLE articles; --", "title:x", "a^b", "-x"]:
        assert store.search(query) == []
    for query in ['"', "NEAR(", "a OR", "*", "(a))", "NOT a"]:
        with pytest.raises(ConfigError, match="search syntax"):
            store.search(query)
    assert store.count_articles() == 0
    with sqlite3.connect(tmp_path / "s.db") as connection:
        assert (
            connection.execute(
                "SELECT COUNT(*) FROM sqlite_master WHERE name = 'articles'"
            ).fetchone()[0]
            == 1
        )
