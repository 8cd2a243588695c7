"""Replay a run's shards into a store in the run's planned order (``Corpus.load_shards``).

Each finished source is loaded in one transaction: its rejections and its articles through
the ``StoreSink`` that ``Corpus.ingest`` writes through (upserts and near-duplicate links),
then the analyses, story embeddings and framing findings the workers made, kept only where
they were made of the text (and date) the store now holds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from parallax.errors import Code, ConfigError
from parallax.model import Progress, Rejection, now
from parallax.nlp.languages import version_suffix
from parallax.runners.layout import LEDGER, LedgerEntry, OutputDir
from parallax.runners.shards import (
    read_analyses,
    read_articles,
    read_embeddings,
    read_framing,
    read_rejections,
)
from parallax.stages.sinks import StoreSink
from parallax.store.embeddings import save_embedding
from parallax.store.framing import save_framing_findings
from parallax.store.shards import article_identities, save_shard_analysis
from parallax.store.sqlite import SQLiteStore

_COUNTS = ("sources", "skipped_sources", "articles", "new_articles", "duplicates", "analyses",
           "embeddings")  # fmt: skip


@dataclass(slots=True)
class Loaded:
    """What loading the shards did, before the corpus-wide steps."""

    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(_COUNTS, 0))
    rejections: list[Rejection] = field(default_factory=list)
    rejected: int = 0  # all of them; ``rejections`` keeps the first the sink reports


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
    sink: StoreSink,
    progress: Progress | None = None,
) -> Loaded:
    """Load every finished source not yet in the store through ``sink``; ``version`` is this
    install's NLP.

    Analyses made by another version are left out (``Corpus.analyze`` redoes those articles).
    """
    todo, skipped = pending_entries(store, out)
    loaded = Loaded()
    loaded.counts["skipped_sources"] = skipped
    for done, entry in enumerate(todo, start=1):
        _load_entry(store, out, entry, version=version, sink=sink, loaded=loaded)
        if progress:
            progress(done, len(todo), entry.name)
    loaded.counts |= sink.counts()
    loaded.rejections, loaded.rejected = sink.rejections, sink.rejected
    return loaded


def _load_entry(
    store: SQLiteStore,
    out: Path,
    entry: LedgerEntry,
    *,
    version: str,
    sink: StoreSink,
    loaded: Loaded,
) -> None:
    counts = loaded.counts
    finished = entry.digest if entry.status == "done" else None
    with sink.source(entry.name, finished):
        nlp_failures: dict[int, Rejection] = {}
        for seq, rejection in read_rejections(out, entry):
            if rejection.stage == "nlp":  # recorded with the analysis it belongs to, below
                nlp_failures[seq] = rejection
                continue
            sink.write(rejection)
        ids = []
        for item in read_articles(out, entry):
            sink.write(item.result)
            ids.append(item.result.article.id)
        stored = article_identities(store, ids)
        analysed = stored if entry.version == version else {}
        for seq, article_id, identity, analysis in read_analyses(out, entry):
            if analysed.get(article_id) != (identity["content_hash"], identity["published"]):
                continue  # made of a text or date the store did not keep
            # A language stage other than English adds its version (Corpus.analyze redoes an
            # article whose stage changed since the shard was written).
            expected = version + version_suffix(identity["language"])
            if identity["analysis_version"] != expected:
                continue
            save_shard_analysis(
                store,
                article_id,
                expected,
                mentions=analysis.mentions,
                quotes=analysis.quotes,
                dates=analysis.dates,
                claims=analysis.claims,
                analyzed_at=now(),
                skipped=analysis.skipped,
                events=analysis.events,
            )
            counts["analyses"] += 1
            if seq in nlp_failures:
                sink.add_rejection(nlp_failures[seq])
        # The same rule for embeddings; group_stories checks the embedder and the text's hash.
        for article_id, identity, embedding in read_embeddings(out, entry):
            if stored.get(article_id) != (identity["content_hash"], identity["published"]):
                continue
            save_embedding(store, article_id, embedding.embedder, embedding.text_sha256,
                           embedding.to_bytes())  # fmt: skip
            counts["embeddings"] += 1
        # Framing findings are those of a text: kept where it is the text the store holds.
        for article_id, framing, digest, findings in read_framing(out, entry):
            if stored.get(article_id, ("",))[0] == digest:
                save_framing_findings(store, framing, [(article_id, digest, findings)])
    if finished:
        counts["sources"] += 1
