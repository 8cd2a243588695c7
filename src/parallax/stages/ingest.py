"""The ingest stage: one article cleaned, identified, given its outlet and fingerprinted, and
one source read through it.

``process_article`` is pure: the same raw article and settings always give the same result,
so ``Corpus.ingest`` and the runners' workers, which both read sources through
``ingest_source``, get identical answers; ``process_item`` is what ``Corpus.ingest``'s worker
processes run on each record when it is given several (``parallax ingest --workers``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, BinaryIO

from parallax.config import Settings
from parallax.errors import Code
from parallax.ingest.clean import clean_text
from parallax.ingest.duplicates import fingerprint
from parallax.ingest.identity import article_id, canonical_url, content_hash, linkable_canonical
from parallax.ingest.language import resolve_language
from parallax.ingest.limits import limit_source
from parallax.ingest.outlets import OutletRegistry, resolve_outlet
from parallax.ingest.readers import Deferred, parse_record
from parallax.ingest.sources import SourceFile, source_digest, split_source
from parallax.ingest.stubs import stub_reason
from parallax.model import Article, ArticleResult, Progress, RawArticle, Rejection

if TYPE_CHECKING:  # the workers that process records write nothing: no store to import
    from parallax.stages.sinks import StoreSink

logger = logging.getLogger(__name__)


def process_article(
    raw: RawArticle, *, settings: Settings, outlets: OutletRegistry
) -> ArticleResult | Rejection:
    """Clean one raw article and give it an id, an outlet, a language and a fingerprint."""
    cleaned = clean_text(raw)
    stub = stub_reason(cleaned.text, raw.title) if cleaned.text else None
    if stub:
        return Rejection(raw.source, "clean", Code.NOT_ARTICLE.value, stub, raw.record)
    # A headline-only feed item is short by nature; it is kept, flagged as such.
    length_rule = "summary_only" not in raw.flags or not cleaned.text.strip()
    if length_rule and len(cleaned.text) < settings.min_article_chars:
        reason = f"only {len(cleaned.text)} characters of text after cleaning"
        return Rejection(raw.source, "clean", Code.NO_TEXT.value, reason, raw.record)
    if len(cleaned.text) > settings.max_article_chars:
        limit = settings.max_article_chars
        reason = f"{len(cleaned.text)} characters exceeds max_article_chars ({limit})"
        return Rejection(raw.source, "clean", Code.TOO_LARGE.value, reason, raw.record)
    own = canonical_url(raw.url)
    # The page's own address names it; a declared canonical only links it to a copy.
    canonical = linkable_canonical(raw.url, raw.canonical) or own
    url = raw.url or raw.canonical
    outlet, evidence = resolve_outlet(
        outlets, url=url, raw_text=raw.raw_text, stated=raw.outlet, site_name=raw.site_name,
        text=cleaned.text,
    )  # fmt: skip
    hint = outlet.language.value if outlet and outlet.language else None
    language = resolve_language(cleaned.text, title=raw.title, declared=raw.language, hint=hint)
    article = Article(
        id=article_id(canonical=own, text=cleaned.text, identity=raw.identity),
        source=raw.source,
        format=raw.format,
        text=cleaned.text,
        raw_text=raw.raw_text,
        segments=cleaned.segments,
        removals=cleaned.removals,
        content_hash=content_hash(cleaned.text),
        record=raw.record,
        url=url,
        canonical_url=canonical,
        title=raw.title,
        published=raw.published,
        published_source=raw.published_source,
        outlet_id=outlet.id if outlet else None,
        outlet=outlet.name if outlet else None,
        outlet_evidence=evidence,
        author=raw.author,
        language=language.language,
        external_id=raw.external_id,
        flags=raw.flags,
        captured=raw.captured,
    )
    return ArticleResult(article, outlet, fingerprint(cleaned.text, settings))


def process_record(
    raw: RawArticle, *, settings: Settings, outlets: OutletRegistry
) -> ArticleResult | Rejection:
    """Return :func:`process_article`'s result, or a rejection when processing raises: a bug on
    one article must not stop the source."""
    try:
        return process_article(raw, settings=settings, outlets=outlets)
    except Exception as error:
        logger.exception("processing failed for %s:%s", raw.source, raw.record)
        reason = f"unexpected error while processing: {type(error).__name__}: {error}"
        return Rejection(raw.source, "pipeline", Code.BAD_RECORD.value, reason, raw.record)


#: A record as a source's reader left it: parsed, rejected, or found but not yet parsed.
Pending = RawArticle | Rejection | Deferred
#: A record processed: its article, or why it was rejected.
Done = ArticleResult | Rejection
#: Processes chunks of records in order, one result per record, wherever it likes (worker
#: processes: ``parallax.runners.ingest_pool``); the results are those of :func:`process_item`.
RecordMapper = Callable[[Iterator[list[Pending]]], Iterator[list[Done]]]


def process_item(item: Pending, *, settings: Settings, outlets: OutletRegistry) -> Done:
    """Parse a record if it is not yet, then process it (see :func:`process_record`)."""
    if isinstance(item, Rejection):
        return item
    raw = item if isinstance(item, RawArticle) else parse_record(item, settings)
    return raw if isinstance(raw, Rejection) else process_record(raw, settings=settings,
                                                                 outlets=outlets)  # fmt: skip


def ingest_source(
    source: SourceFile,
    *,
    settings: Settings,
    outlets: OutletRegistry,
    fmt: str | None = None,
    stdin: BinaryIO | None = None,
) -> Iterator[ArticleResult | Rejection]:
    """Read one source and yield each record processed, in source order: an article, or why
    the record was rejected (never an exception for bad input), up to the source's caps."""
    records = (
        process_item(item, settings=settings, outlets=outlets)
        for item in split_source(source, settings=settings, fmt=fmt, stdin=stdin)
    )
    yield from limit_source(records, source=source.name, settings=settings)


def ingest_sources(
    sources: Iterable[SourceFile | Rejection],
    sink: StoreSink,
    *,
    settings: Settings,
    outlets: OutletRegistry,
    fmt: str | None = None,
    stdin: BinaryIO | None = None,
    progress: Progress | None = None,
) -> tuple[int, int]:
    """Write every source's records into a store's sink, each source in its own transaction;
    return how many sources were read and how many were skipped.

    A source whose exact content the store's ledger holds as finished is skipped; an input
    that names nothing is recorded as a rejection. (``stages.ingest_ahead.write_ahead`` does
    the same with the parsing done elsewhere.)
    """
    items = list(sources)
    read = skipped = 0
    for done, item in enumerate(items, start=1):
        if isinstance(item, Rejection):
            sink.reject_input(item)
        else:
            digest = source_digest(item)
            if digest and sink.is_finished(item.name, digest):
                skipped += 1
            else:
                read += 1
                records = ingest_source(
                    item, settings=settings, outlets=outlets, fmt=fmt, stdin=stdin
                )
                sink.write_source(item.name, digest, records)
        if progress:
            progress(done, len(items), item.source if isinstance(item, Rejection) else item.name)
    return read, skipped
