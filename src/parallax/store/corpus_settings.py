"""What a corpus was built with, one value per name (the table ``corpus_settings``).

A value is written once, by the first process that needs it, and read by every later one:
``minilm`` names the MiniLM the corpus's vectors, grouper state and findings come from
(:mod:`parallax.stages.minilm_choice`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from parallax.store.sqlite import SQLiteStore


def corpus_setting(store: SQLiteStore, name: str) -> str | None:
    """Return the value the corpus recorded for ``name`` (None: none yet)."""
    row = store.connection.execute(
        "SELECT value FROM corpus_settings WHERE name = ?", (name,)
    ).fetchone()
    return None if row is None else str(row[0])


def record_corpus_setting(store: SQLiteStore, name: str, value: str) -> str:
    """Record ``value`` for ``name`` unless a value is recorded already; return the recorded
    one (two processes opening a new corpus at once agree on the first one written). A value
    recorded already is only read: a reader never writes, so it never waits for a writer."""
    found = corpus_setting(store, name)
    if found is not None:
        return found
    store.connection.execute(
        "INSERT INTO corpus_settings (name, value) VALUES (?, ?) ON CONFLICT(name) DO NOTHING",
        (name, value),
    )
    found = corpus_setting(store, name)
    assert found is not None  # just written, or written before
    return found
