"""Near-duplicate candidates: only canonical articles, and never more than the caps."""

from __future__ import annotations

from pathlib import Path

from parallax.model import Fingerprint
from parallax.stages.sinks import StoreSink
from parallax.store.fingerprints import BAND_CANDIDATES, CANDIDATES
from parallax.store.sqlite import SQLiteStore
from tests.stages.test_stages import TEXT, processed


def variant(number: int) -> str:
    """Return the test text with a line added: a near-duplicate of every other variant."""
    return f"{TEXT} Update {number}."


def test_a_near_duplicate_is_no_candidate_for_later_articles(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "s.db")
    sink = StoreSink(store, run_id=store.start_run("ingest"), duplicate_threshold=0.7)
    copies = [processed(f"https://a.example/{n}", variant(n)) for n in range(12)]
    with sink.source("feed.jsonl", None):
        for copy in copies:
            sink.write(copy)
    canonical = copies[0].article.id
    assert sink.counts()["duplicates"] == 11
    assert store.duplicates_of(canonical) == sorted(copy.article.id for copy in copies[1:])
    late = processed("https://b.example/late", variant(40))
    found = store.near_duplicate_candidates(late.article.id, late.fingerprint)
    assert [candidate_id for candidate_id, _ in found] == [canonical]
    # Stored again (a rerun), a linked article still keeps out of the band index.
    with sink.source("feed.jsonl", None):
        sink.write(copies[3])
    found = store.near_duplicate_candidates(late.article.id, late.fingerprint)
    assert [candidate_id for candidate_id, _ in found] == [canonical]
    store.close()


def test_candidates_are_capped_and_those_sharing_most_keys_come_first(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "s.db")
    sink = StoreSink(store, run_id=store.start_run("ingest"), duplicate_threshold=0.7)
    many = BAND_CANDIDATES + CANDIDATES
    articles = [processed(f"https://c.example/{n}", f"Article {n}. {TEXT}") for n in range(many)]
    with store.transaction():
        for result in articles:
            if result.outlet:
                store.upsert_outlet(result.outlet)
            store.upsert_article(result.article, run_id=sink.run_id)
    # Every article posted under one band key; one of them under every key of the probe.
    probe = articles[0].fingerprint
    close = max(result.article.id for result in articles[1:])
    with store.transaction():
        for result in articles[1:]:
            bands = probe.bands if result.article.id == close else (probe.bands[0],)
            store.store_fingerprint(result.article.id, Fingerprint(probe.signature, bands))
    found = store.near_duplicate_candidates(articles[0].article.id, probe)
    assert len(found) == CANDIDATES
    assert found[0][0] == close  # last by id, first by keys shared
    store.close()


def _band_scans(store: SQLiteStore, statements: list[str]) -> list[str]:
    """The statements run that read the band table by article id (a scan of all of it)."""
    plans = []
    for sql in statements:
        if "fingerprint_bands" in sql and sql.lstrip().startswith("DELETE"):
            plan = store.connection.execute(f"EXPLAIN QUERY PLAN {sql}").fetchall()
            plans += [sql for row in plan if str(row[-1]).startswith("SCAN fingerprint_bands")]
    return plans


def test_ingesting_new_articles_and_linking_copies_never_scans_the_band_table(
    tmp_path: Path,
) -> None:
    store = SQLiteStore(tmp_path / "s.db")
    sink = StoreSink(store, run_id=store.start_run("ingest"), duplicate_threshold=0.7)
    statements: list[str] = []
    store.connection.set_trace_callback(statements.append)
    copies = [processed(f"https://a.example/{n}", variant(n)) for n in range(4)]
    with sink.source("feed.jsonl", None):
        for copy in copies:
            sink.write(copy)
    store.connection.set_trace_callback(None)
    assert sink.counts()["duplicates"] == 3
    assert _band_scans(store, statements) == []
    # The copies left the band index, their canonical article stayed in it.
    late = processed("https://b.example/late", variant(40))
    found = store.near_duplicate_candidates(late.article.id, late.fingerprint)
    assert [candidate_id for candidate_id, _ in found] == [copies[0].article.id]
    (count,) = store.connection.execute("SELECT COUNT(*) FROM fingerprint_bands").fetchone()
    assert count == len(copies[0].fingerprint.bands)
    store.close()


def test_a_re_fingerprinted_article_loses_its_old_band_rows_through_the_index(
    tmp_path: Path,
) -> None:
    store = SQLiteStore(tmp_path / "s.db")
    sink = StoreSink(store, run_id=store.start_run("ingest"), duplicate_threshold=0.7)
    first, other = processed("https://a.example/1"), processed("https://b.example/2", variant(2))
    with sink.source("feed.jsonl", None):
        sink.write(first)
        sink.write(other)
    article = first.article.id
    count = "SELECT COUNT(*) FROM fingerprint_bands WHERE article_id = ?"
    bands = len(first.fingerprint.bands)
    assert store.connection.execute(count, (article,)).fetchone()[0] == bands
    revised = Fingerprint(other.fingerprint.signature, other.fingerprint.bands)
    store.store_fingerprint(article, revised)  # a new text: its old keys go, the new come
    keys = store.connection.execute(
        "SELECT band, key FROM fingerprint_bands WHERE article_id = ? ORDER BY band", (article,)
    ).fetchall()
    assert [tuple(row) for row in keys] == list(enumerate(other.fingerprint.bands))
    plan = store.connection.execute(
        "EXPLAIN QUERY PLAN DELETE FROM fingerprint_bands WHERE article_id = ?", (article,)
    ).fetchall()
    assert "fingerprint_bands_article" in str([tuple(row) for row in plan])  # no scan
