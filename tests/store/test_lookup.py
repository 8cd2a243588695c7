"""One row by id or by a unique id prefix."""

from __future__ import annotations

import sqlite3

import pytest

from parallax.store.lookup import by_id_or_prefix

SELECT = "SELECT id, name FROM things"


@pytest.fixture
def connection() -> sqlite3.Connection:
    connection = sqlite3.connect(":memory:")
    connection.execute("CREATE TABLE things (id TEXT PRIMARY KEY, name TEXT)")
    connection.executemany(
        "INSERT INTO things VALUES (?, ?)",
        [("abcd1234", "one"), ("abcd5678", "two"), ("ef012345", "three")],
    )
    return connection


@pytest.mark.parametrize(
    ("ident", "name"),
    [
        ("abcd1234", "one"),  # the full id
        ("ef01", "three"),  # a prefix only one id has
        ("abcd", None),  # a prefix two ids share
        ("ef0", None),  # too short to be a prefix
        ("ef_1", None),  # not alphanumeric: no LIKE wildcard gets through
        ("ffff", None),
    ],
)
def test_by_id_or_prefix(connection: sqlite3.Connection, ident: str, name: str | None) -> None:
    row = by_id_or_prefix(connection, SELECT, ident)
    assert (row[1] if row else None) == name
