"""Where processed articles go in a store: every path into a store writes through ``StoreSink``.

``Corpus.ingest`` writes what it reads through it, and ``Corpus.load_shards`` what the runners'
workers wrote as shards (their own sink, ``parallax.runners.shards.ShardSink``), so an article
is stored, fingerprinted and linked to its near-duplicate the same way on both paths.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

from parallax.ingest.duplicates import nearest
from parallax.model import ArticleResult, Rejection
from parallax.store.sqlite import SQLiteStore


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
        self.articles = self.new_articles = self.duplicates = self.rejected = 0
        self.rejections: list[Rejection] = []
        self._source_articles = self._source_rejections = self._pending = 0

    def counts(self) -> dict[str, int]:
        """Return the articles stored, how many of them were new, and how many of those were
        linked as near-duplicates."""
        return {
            "articles": self.articles,
            "new_articles": self.new_articles,
            "duplicates": self.duplicates,
        }

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
        if isinstance(record, Rejection):
            self.add_rejection(record)
            self._source_rejections += 1
        else:
            self.add_article(record)
            self._source_articles += 1
        self._pending += 1
        if self.commit_every and self._pending >= self.commit_every:
            self.store.commit()
            self.store.begin()
            self._pending = 0

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

    def add_article(self, result: ArticleResult) -> None:
        """Upsert an article, its outlet and its fingerprint; link a new article to the
        article it nearly duplicates."""
        store, article = self.store, result.article
        is_new = not store.has_article(article.id)
        if result.outlet:
            store.upsert_outlet(result.outlet)
        store.upsert_article(article, run_id=self.run_id)
        store.store_fingerprint(article.id, result.fingerprint)
        self.articles += 1
        if not is_new:
            return
        self.new_articles += 1
        candidates = store.near_duplicate_candidates(article.id, result.fingerprint)
        match = nearest(result.fingerprint, candidates, threshold=self.duplicate_threshold)
        if match:
            store.set_duplicate_of(article.id, match[0])
            self.duplicates += 1
