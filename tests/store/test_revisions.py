"""The revisions table: every text of an article kept, and a store from before it migrated."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from parallax.stages.sinks import StoreSink
from parallax.store.migrations import MIGRATIONS
from parallax.store.sqlite import SQLiteStore
from tests.stages.test_stages import TEXT, processed


def test_a_store_from_before_revisions_gets_one_revision_per_article(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    store = SQLiteStore(db)
    sink = StoreSink(store, run_id=store.start_run("ingest"), duplicate_threshold=0.7)
    with sink.source("a.jsonl", None):
        sink.write(processed("https://a.example/1"))
    store.close()
    # Take the store back to the schema before the revisions migration (and the later ones).
    before = next(n for n, script in enumerate(MIGRATIONS) if "CREATE TABLE revisions" in script)
    later = "".join(
        f"ALTER TABLE time_expressions DROP COLUMN {column}; "
        for column in ("event_start", "event_end", "event_tense", "event_role")
    )
    later += (
        "DROP TRIGGER articles_fts_cjk_insert; DROP TRIGGER articles_fts_cjk_delete; "
        "DROP TRIGGER articles_fts_cjk_update; DROP TABLE articles_fts_cjk; "
        "DROP INDEX articles_language; ALTER TABLE analyses DROP COLUMN skipped; "
        "DROP TABLE sentence_vectors; DROP TABLE story_states; DROP TABLE framing_findings; "
        "ALTER TABLE stories DROP COLUMN neutral_title; DROP TABLE event_mentions; "
        "DROP TABLE story_timelines; DROP INDEX fingerprint_bands_article; "
        "DROP TABLE corpus_settings; "
    )
    assert len(MIGRATIONS) == before + 11, "undo the newer migrations here too"
    connection = sqlite3.connect(db)
    connection.executescript(
        "DROP TABLE revisions; DROP INDEX articles_canonical; "
        f"ALTER TABLE articles DROP COLUMN captured; {later}"
        f"PRAGMA user_version = {before};"
    )
    connection.close()
    store = SQLiteStore(db)
    (article,) = store.articles()
    (revision,) = store.revisions(article.id)
    assert (revision.content_hash, revision.text, revision.captured) == (
        article.content_hash,
        article.text,
        None,
    )
    store.close()


def test_a_new_text_under_one_id_is_a_revision_and_an_old_one_changes_nothing(
    tmp_path: Path,
) -> None:
    store = SQLiteStore(tmp_path / "s.db")
    sink = StoreSink(store, run_id=store.start_run("ingest"), duplicate_threshold=0.7)
    first = processed("https://a.example/1")
    edited = processed("https://a.example/1", TEXT.replace("Friday", "Saturday"))
    with sink.source("a.jsonl", None):
        for record in (first, edited, first, edited):
            sink.write(record)
    (report,) = sink.files()
    assert (report.stored, report.revised, report.unchanged) == (1, 1, 2)
    assert [r.text for r in store.revisions(first.article.id)] == [
        first.article.text,
        edited.article.text,
    ]
    assert store.article(first.article.id).text == edited.article.text  # type: ignore[union-attr]
    store.close()
