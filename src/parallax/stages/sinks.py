"""Where processed articles go in a store: every path into a store writes through ``StoreSink``.

``Corpus.ingest`` writes what it reads through it, and ``Corpus.load_shards`` what the runners'
workers wrote as shards (their own sink, ``parallax.runners.shards.ShardSink``), so an article
is stored, fingerprinted and linked to its near-duplicate the same way on both paths.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Literal

from parallax.ingest.duplicates import nearest
from parallax.model import Article, ArticleResult, Rejection
from parallax.outcomes import SourceReport
from parallax.store.sqlite import SQLiteStore

#: What became of one article: a new article, a new revision of a stored one, or nothing new.
Outcome = Literal["stored", "revised", "unchanged"]


@dataclass(slots=True)
class _Tally:
    """The running counts of one source (see :class:`parallax.model.SourceReport`)."""

    read: int = 0
    stored: int = 0
    revised: int = 0
    unchanged: int = 0
    duplicates: int = 0
    rejected: Counter[str] = field(default_factory=Counter)


class StoreSink:
    """Write articles and rejections into a store for one run, and count what it wrote.

    Args:
        store: The open store.
        run_id: The run the rows belong to.
        duplicate_threshold: The similarity at or above which a new article is linked to the
            article it nearly duplicates.
        commit_every: Commit a source's transaction after this many records (0: once, at the
            end of the source).
        on_rejection: Called with each rejection as it happens (the CLI prints it there and
            then); the sink itself keeps only the first ``REPORTED_REJECTIONS`` and a count.
    """

    #: How many rejections a sink keeps for its report; the rest are counted and stored.
    REPORTED_REJECTIONS = 1000

    def __init__(
        self,
        store: SQLiteStore,
        *,
        run_id: int,
        duplicate_threshold: float,
        commit_every: int = 0,
        on_rejection: Callable[[Rejection], None] | None = None,
    ) -> None:
        self.store = store
        self.run_id = run_id
        self.duplicate_threshold = duplicate_threshold
        self.commit_every = commit_every
        self.on_rejection = on_rejection
        self.articles = self.new_articles = self.duplicates = self.revised = self.rejected = 0
        self.rejections: list[Rejection] = []
        self._source_articles = self._source_rejections = self._pending = 0
        self._tallies: dict[str, _Tally] = {}
        self._tally = _Tally()
        self._languages: Counter[str] = Counter()

    def counts(self) -> dict[str, int]:
        """Return the articles written, how many were new, how many were linked as copies or
        near-duplicates, and how many were new revisions of stored articles."""
        return {
            "articles": self.articles,
            "new_articles": self.new_articles,
            "duplicates": self.duplicates,
            "revised": self.revised,
        }

    def languages(self) -> tuple[tuple[str, int], ...]:
        """Return how many articles were written in each language (``unknown``: none found),
        most first."""
        return tuple(sorted(self._languages.items(), key=lambda item: (-item[1], item[0])))

    def files(self) -> tuple[SourceReport, ...]:
        """Return what became of each source's records, in the order the sources were read."""
        return tuple(
            SourceReport(
                source=name,
                read=tally.read,
                stored=tally.stored,
                revised=tally.revised,
                unchanged=tally.unchanged,
                duplicates=tally.duplicates,
                rejected=dict(sorted(tally.rejected.items())),
            )
            for name, tally in self._tallies.items()
        )

    def is_finished(self, name: str, digest: str) -> bool:
        """Return True when the store's ledger holds this exact content of a source as done.

        The rejections it had then are reported again (not stored again): a re-run says what
        is wrong with an input as the first run did, and ``--strict`` fails the same way.
        """
        rejected = self.store.finished_rejections(name, digest)
        if rejected is None:
            return False
        for rejection in self.store.source_rejections(name, limit=rejected):
            self._report(rejection)
        return True

    @contextmanager
    def source(self, name: str, digest: str | None) -> Iterator[None]:
        """Write one source's records (see :meth:`write`) in one transaction, rolled back if
        anything fails; with a digest, mark the source finished in the store's ledger.

        With ``commit_every`` the transaction is committed every so many records, so a killed
        run keeps what it wrote (every write is an upsert: running again resumes cleanly).
        """
        self._source_articles = self._source_rejections = self._pending = 0
        self._tally = self._tallies.setdefault(name, _Tally())
        with self.store.transaction():
            yield
            if digest:
                self.store.mark_finished(
                    name, digest, articles=self._source_articles, rejections=self._source_rejections
                )

    def write_source(
        self, name: str, digest: str | None, records: Iterable[ArticleResult | Rejection]
    ) -> None:
        """Write every record of one source (see :meth:`source`)."""
        with self.source(name, digest):
            for record in records:
                self.write(record)

    def write(self, record: ArticleResult | Rejection) -> None:
        """Write one record of the open source: its article, or why it was rejected."""
        self._tally.read += 1
        if isinstance(record, Rejection):
            self.add_rejection(record)
            self._tally.rejected[record.code] += 1
            self._source_rejections += 1
        else:
            outcome, linked = self.add_article(record)
            self._languages[record.article.language or "unknown"] += 1
            if outcome == "stored":
                self._tally.stored += 1
            elif outcome == "revised":
                self._tally.revised += 1
            else:
                self._tally.unchanged += 1
            self._tally.duplicates += linked
            self._source_articles += 1
        self._pending += 1
        if self.commit_every and self._pending >= self.commit_every:
            self.store.commit()
            self.store.begin()
            self._pending = 0

    def reject_input(self, rejection: Rejection) -> None:
        """Record an input that names nothing to read (a missing file, an empty glob)."""
        tally = self._tallies.setdefault(rejection.source, _Tally())
        tally.rejected[rejection.code] += 1
        self.add_rejection(rejection)

    def add_rejection(self, rejection: Rejection) -> None:
        """Record a rejection that is no record of a source (a missing input, a failed
        analysis)."""
        self.store.add_rejection(rejection, run_id=self.run_id)
        self._report(rejection)

    def _report(self, rejection: Rejection) -> None:
        self.rejected += 1
        if len(self.rejections) < self.REPORTED_REJECTIONS:
            self.rejections.append(rejection)
        if self.on_rejection:
            self.on_rejection(rejection)

    def add_article(self, result: ArticleResult) -> tuple[Outcome, bool]:
        """Store an article, never over a different text: return what became of it, and
        whether it was linked to an article it copies.

        A new id is stored and linked to the article it copies (the same text under the
        canonical URL it declares) or nearly duplicates. A known id with a text the store holds
        already changes nothing. A known id with a new text becomes a new revision: every
        revision is kept, and the article shows the latest capture.
        """
        store, article = self.store, result.article
        state = store.article_state(article.id)
        if state is not None:
            stored_hash, stored_captured = state
            if stored_hash == article.content_hash or store.has_revision(
                article.id, article.content_hash
            ):
                return "unchanged", False
            store.add_revision(article, run_id=self.run_id)
            if _is_later(article.captured, stored_captured):
                self._write(result)
            self.articles += 1
            self.revised += 1
            return "revised", False
        self._write(result)
        store.add_revision(article, run_id=self.run_id)
        self.articles += 1
        self.new_articles += 1
        original = store.copy_of(article) or self._near_duplicate(result)
        if original:
            store.set_duplicate_of(article.id, original, bands=result.fingerprint.bands)
            self.duplicates += 1
        return "stored", original is not None

    def _write(self, result: ArticleResult) -> None:
        if result.outlet:
            self.store.upsert_outlet(result.outlet)
        self.store.upsert_article(result.article, run_id=self.run_id)
        self.store.store_fingerprint(result.article.id, result.fingerprint)

    def _near_duplicate(self, result: ArticleResult) -> str | None:
        article: Article = result.article
        candidates = self.store.near_duplicate_candidates(article.id, result.fingerprint)
        match = nearest(result.fingerprint, candidates, threshold=self.duplicate_threshold)
        return match[0] if match else None


def _is_later(captured: str | None, shown: str | None) -> bool:
    """Return True when a new revision captured at ``captured`` should replace the one shown.

    Without capture times the one ingested last is the latest.
    """
    return captured is None or shown is None or captured >= shown
