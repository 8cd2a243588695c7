"""The articles grouping takes next: publication order, undated last, texts read for a batch only."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from parallax.store.sqlite import SQLiteStore
from tests.stages.test_stages import TEXT, processed


def test_unassigned_articles_come_in_publication_order_and_only_a_batch_is_read(
    tmp_path: Path,
) -> None:
    store = SQLiteStore(tmp_path / "s.db")
    run = store.start_run("ingest")
    days = [date(2024, 3, 2), None, date(2024, 1, 5), date(2024, 2, 1)]
    with store.transaction():
        for number, day in enumerate(days):
            result = processed(f"https://a.example/{number}", f"Story {number}. {TEXT}")
            if result.outlet:
                store.upsert_outlet(result.outlet)
            store.upsert_article(replace(result.article, published=day), run_id=run)
    statements: list[str] = []
    store.connection.set_trace_callback(statements.append)
    batch = store.unassigned_articles(limit=3)
    store.connection.set_trace_callback(None)
    assert [row["published"] for row in batch] == [
        date(2024, 1, 5),
        date(2024, 2, 1),
        date(2024, 3, 2),
    ]
    assert [row["text"].split(".")[0] for row in batch] == ["Story 2", "Story 3", "Story 0"]
    assert store.unassigned_articles(limit=10)[-1]["published"] is None
    # The statement that sorts every unassigned article reads ids, not their texts.
    sorting = [sql for sql in statements if "ORDER BY" in sql]
    assert sorting and all("text" not in sql.split("FROM")[0] for sql in sorting)
    store.close()
