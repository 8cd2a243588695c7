"""Replay a run's shards into a store in the run's planned order (``Corpus.load_shards``).

Each finished source is loaded in one transaction: its rejections, its articles through the
ingest code path (the ``save`` callable: upserts and near-duplicate links), then the analyses
and story embeddings the workers made, kept only where they were made of the text and date the
store now holds.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from parallax.errors import Code, ConfigError
from parallax.model import Rejection
from parallax.pipeline import ArticleResult
from parallax.runners.layout import LEDGER, LedgerEntry, OutputDir
from parallax.runners.shards import (
    read_analyses,
    read_articles,
    read_embeddings,
    read_rejections,
)
from parallax.store.embeddings import save_embedding
from parallax.store.shards import article_identities, save_shard_analysis
from parallax.store.sqlite import SQLiteStore, now

#: Store one processed article as ``Corpus.ingest`` does: (result, run id, counts).
SaveArticle = Callable[[ArticleResult, int, dict[str, int]], None]
Progress = Callable[[int, int, str], None]
_COUNTS = ("sources", "skipped_sources", "articles", "new_articles", "duplicates", "analyses",
           "embeddings")  # fmt: skip


@dataclass(slots=True)
class Loaded:
    """What loading the shards did, before the corpus-wide steps."""

    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(_COUNTS, 0))
    rejections: list[Rejection] = field(default_factory=list)


def pending_entries(store: SQLiteStore, out: Path) -> tuple[list[LedgerEntry], int]:
    """Return the finished sources not yet in the store, in load order, and how many are.

    Raises:
        ConfigError: ``out`` holds no ledger: it is not the output of ``parallax run``.
    """
    if not (out / LEDGER).is_file():
        reason = "no finished sources here; write them with: parallax run PATH... --out DIR"
        raise ConfigError(Code.CONFIG, reason, path=str(out))
    entries = OutputDir(out).finished()
    todo = [
        entry
        for entry in entries
        if not (
            entry.status == "done" and entry.digest and store.is_finished(entry.name, entry.digest)
        )
    ]
    return todo, len(entries) - len(todo)


def load_entries(
    store: SQLiteStore,
    out: Path,
    *,
    version: str,
    save: SaveArticle,
    run_id: int,
    progress: Progress | None = None,
) -> Loaded:
    """Load every finished source not yet in the store; ``version`` is this install's NLP.

    Analyses made by another version are left out (``Corpus.analyze`` redoes those articles).
    """
    todo, skipped = pending_entries(store, out)
    loaded = Loaded()
    loaded.counts["skipped_sources"] = skipped
    for done, entry in enumerate(todo, start=1):
        with store.transaction():
            _load_entry(store, out, entry, version=version, save=save, run_id=run_id, loaded=loaded)
        if progress:
            progress(done, len(todo), entry.name)
    return loaded


def _load_entry(
    store: SQLiteStore,
    out: Path,
    entry: LedgerEntry,
    *,
    version: str,
    save: SaveArticle,
    run_id: int,
    loaded: Loaded,
) -> None:
    counts = loaded.counts
    nlp_failures: dict[int, Rejection] = {}
    rejected = 0
    for seq, rejection in read_rejections(out, entry):
        if rejection.stage == "nlp":  # recorded with the analysis it belongs to, below
            nlp_failures[seq] = rejection
            continue
        store.add_rejection(rejection, run_id=run_id)
        loaded.rejections.append(rejection)
        rejected += 1
    ids = []
    for item in read_articles(out, entry):
        save(item.result, run_id, counts)
        ids.append(item.result.article.id)
    stored = article_identities(store, ids)
    analysed = stored if entry.version == version else {}
    for seq, article_id, identity, analysis in read_analyses(out, entry):
        if analysed.get(article_id) != (identity["content_hash"], identity["published"]):
            continue  # made of a text or date the store did not keep
        save_shard_analysis(
            store,
            article_id,
            version,
            mentions=analysis.mentions,
            quotes=analysis.quotes,
            dates=analysis.dates,
            claims=analysis.claims,
            analyzed_at=now(),
        )
        counts["analyses"] += 1
        if seq in nlp_failures:
            store.add_rejection(nlp_failures[seq], run_id=run_id)
            loaded.rejections.append(nlp_failures[seq])
    # The same rule for embeddings; group_stories checks the embedder and the text's hash too.
    for article_id, identity, embedding in read_embeddings(out, entry):
        if stored.get(article_id) != (identity["content_hash"], identity["published"]):
            continue
        save_embedding(store, article_id, embedding.embedder, embedding.text_sha256,
                       embedding.to_bytes())  # fmt: skip
        counts["embeddings"] += 1
    if entry.status == "done" and entry.digest:
        store.mark_finished(entry.name, entry.digest, articles=len(ids), rejections=rejected)
        counts["sources"] += 1
