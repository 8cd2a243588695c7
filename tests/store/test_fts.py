"""Search syntax as typed, as an FTS5 expression: operators kept, everything else quoted,
and what cannot be parsed refused with a message that says how to fix it."""

from __future__ import annotations

import sqlite3

import pytest

from parallax.errors import ConfigError
from parallax.store.fts import match_expression

TEXTS = [
    ("Marijuana law passes", "The state legalised marijuana on Tuesday."),
    ("Mosque opens", "A new mosque was built in the town centre."),
    ("State-owned media", "State-owned media said the election was fair."),
]


@pytest.fixture(scope="module")
def fts() -> sqlite3.Connection:
    connection = sqlite3.connect(":memory:")
    connection.execute(
        "CREATE VIRTUAL TABLE t USING fts5(title, text, tokenize='porter unicode61')"
    )
    connection.executemany("INSERT INTO t VALUES (?, ?)", TEXTS)
    return connection


def titles(fts: sqlite3.Connection, typed: str) -> list[str]:
    rows = fts.execute(
        "SELECT title FROM t WHERE t MATCH ? ORDER BY rowid", (match_expression(typed),)
    )
    return [row[0] for row in rows]


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("marijuana OR mosque", ["Marijuana law passes", "Mosque opens"]),
        ("marijuana mosque", []),
        ("marijuana or mosque", []),  # lower-case "or" is a word, as in FTS5
        ('"new mosque"', ["Mosque opens"]),
        ('"mosque new"', []),
        ("elect*", ["State-owned media"]),
        ('"state own"*', ["State-owned media"]),
        ("state-owned", ["State-owned media"]),
        ("(marijuana OR mosque) NOT law", ["Mosque opens"]),
        ("state AND media", ["State-owned media"]),
        ("title:marijuana", []),  # a column filter is not syntax here: one quoted word
    ],
)
def test_the_syntax_people_know_is_passed_through(
    fts: sqlite3.Connection, typed: str, found: list[str]
) -> None:
    assert titles(fts, typed) == found


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ('"unclosed', "a quote is not closed"),
        ("a ( b", "a ( is not closed"),
        ("smile :)", "a ) without its ("),
        ("OR mosque", "OR needs words on both sides"),
        ("NOT mosque", "NOT needs words on both sides"),
        ("mosque OR", "has nothing after it"),
        ("*", "a * must end a word"),
    ],
)
def test_what_cannot_be_parsed_is_a_clear_error(typed: str, reason: str) -> None:
    with pytest.raises(ConfigError, match="search syntax: ") as error:
        match_expression(typed)
    assert reason in error.value.reason


@pytest.mark.parametrize("typed", ["a^b", "'; DROP TABLE t; --", 'x""y', "NEAR(a b)", "-x +y"])
def test_any_other_text_is_quoted_and_runs(fts: sqlite3.Connection, typed: str) -> None:
    assert titles(fts, typed) == []


def test_nothing_to_search_is_an_empty_expression() -> None:
    assert match_expression(" \x00 ") == ""
