"""Framing findings for the comparison, each article's computed once and stored, read back by it.

What the framing models find in an article's text (:func:`parallax.compare.framing.text_findings`:
loaded terms, persuasion techniques, biased sentences) does not depend on the story it is
compared in, yet it was 70% of the CPU time of a 3-article story's comparison once the models
were loaded (the technique tagger, MiniLM over each span it marks, the technique classifier, the
bias model), and the reason a comparison loaded MiniLM at all once vectors were stored. The store
keeps one row per article text and framing version (``parallax.store.framing``). Before a story
is compared, :func:`stored_framing` gives each article its stored findings; the comparison
embeds then only what it needs besides (``parallax.stages.vectors.preload_vectors``), and
:func:`complete_framing` computes the findings still missing, storing them when the comparison
is stored. A story compared again, in any process or grown by an article, runs no framing model
for the articles it had. With the ``analyze_framing`` setting the analyze workers compute every
article's findings ahead (:func:`frame_texts`), so no comparison and no page runs the models.

Stored findings are the ones the models return for that text, read back to the same values
(JSON keeps every float as it was), so the comparison is the same with or without them.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from parallax.compare.framing import (
    ENGLISH,
    FindingsDraft,
    TextFindings,
    draft_findings,
    drafted,
    findings_kept,
    framing_version,
    text_findings,
)
from parallax.embeddings import embeddings_available
from parallax.store.framing import framing_findings, save_framing_findings

if TYPE_CHECKING:
    from parallax.compare.story import StoryArticle
    from parallax.store.sqlite import SQLiteStore

logger = logging.getLogger(__name__)


def findings_json(found: TextFindings) -> str:
    """Return ``found`` as the JSON text the store keeps."""
    document: dict[str, Any] = {
        "terms": found.terms,
        "techniques": found.techniques,
        "biased": found.biased,
        "spans": found.spans,
    }
    if found.notes:  # only when there are some: English findings are stored as before
        document["notes"] = found.notes
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"))


def findings_from_json(text: str) -> TextFindings:
    """Return the findings stored as ``text`` (:func:`findings_json`)."""
    document: dict[str, list[list[Any]]] = json.loads(text)

    def rows(key: str) -> tuple[Any, ...]:
        return tuple(tuple(row) for row in document[key])

    notes = tuple(str(note) for note in document.get("notes", ()))
    return TextFindings(rows("terms"), rows("techniques"), rows("biased"), rows("spans"), notes)


def frame_texts(texts: Sequence[tuple[str, str | None]]) -> list[tuple[str, str] | None]:
    """Return ``(content_hash, findings JSON)`` of each ``(cleaned text, language)``: what
    :func:`complete_framing` would compute for it, for the analyze workers to store ahead of
    any comparison or page (the findings depend on the text alone). A text the framing models
    fail on gets None (its comparison computes them then): framing never rejects an article.
    """
    from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]

    from parallax.ingest.identity import content_hash

    found: list[tuple[str, str] | None] = []
    # One text's matrices are small; the other cores run the other workers (as compare_batch).
    with threadpool_limits(1, user_api="blas"):
        _embed_sentences([text for text, language in texts if language in ENGLISH])
        for text, language in texts:
            try:  # not through the per-process cache: each text comes once to a worker
                findings = text_findings.__wrapped__(text, language)
            except Exception:
                logger.exception("framing findings failed; the comparison will compute them")
                found.append(None)
                continue
            found.append((content_hash(text), findings_json(findings)))
    return found


def _embed_sentences(texts: Sequence[str]) -> None:
    """Embed the sentences the bias model reads of every text in one call, so that MiniLM runs
    them in fuller length buckets (about a fifth less CPU than text by text); the process's
    cached embedder keeps them for the bias model. The vectors are the same either way
    (``OnnxMiniLM`` never pads), so are the findings."""
    from parallax.models.bias import embeddings_available as bias_embedded

    if not texts or not bias_embedded():
        return
    from parallax.models.text import sentence_spans
    from parallax.models.vectors import cached_embedder

    try:
        cached_embedder().embed([text[s:e] for text in texts for s, e in sentence_spans(text)])
    except Exception:  # a saving only: the bias model embeds what is missing itself
        logger.exception("embedding a batch's sentences failed")


def stored_framing(store: SQLiteStore, items: Sequence[StoryArticle]) -> list[StoryArticle]:
    """Return the story's articles, each with its stored findings when its current text has
    some of the running framing version (else as it was)."""
    hashes = {item.article.id: item.article.content_hash for item in items}
    stored = framing_findings(store, framing_version(), hashes)
    return [
        replace(item, framing=findings_from_json(stored[item.article.id]))
        if item.framing is None and item.article.id in stored
        else item
        for item in items
    ]


def complete_framing(
    store: SQLiteStore, items: Sequence[StoryArticle], *, save: bool, threads: int = 1
) -> list[StoryArticle]:
    """Return the story's articles, each with its findings: those without any are computed now
    and, with ``save``, stored (a web page, which never writes, computes them only).

    With ``threads`` > 1 (a web page's first view) MiniLM embeds the story's claims and the
    sentences the bias model reads on that many threads (:func:`_ahead`) while this thread
    runs what the framing models compute without it; the findings are the same.
    """
    english = [
        item.article.text
        for item in items
        if item.framing is None and item.article.language in ENGLISH
    ]
    drafts: dict[str, FindingsDraft] = {}
    if threads > 1:
        kept = {item.article.text for item in items if findings_kept(*_key(item))}
        drafts = _ahead(items, [text for text in english if text not in kept], threads)
    else:
        # The sentences of every article still without findings embedded in one call first, as
        # frame_texts does (fuller length buckets for MiniLM; the same vectors and findings).
        _embed_sentences(english)
    with drafted(drafts):
        done = [
            replace(item, framing=text_findings(item.article.text, item.article.language))
            if item.framing is None
            else item
            for item in items
        ]
    rows = framing_rows(items, done)
    if save and rows:
        with store.transaction():
            save_framing_findings(store, framing_version(), rows)
    return done


DRAFT_CHARS = 150_000
"""Most characters of text a page drafts while MiniLM runs (:func:`_ahead`): a draft holds each
sentence's bias features by name, 0.14-0.29 KB a character of text (tracemalloc, the two seed
articles), so 20-45 MB at most; 150,000 characters is the 52-article story, the largest a page
compares in the 100k replay corpus."""


def _key(item: StoryArticle) -> tuple[str, str | None]:
    return item.article.text, item.article.language


def _ahead(
    items: Sequence[StoryArticle], english: Sequence[str], threads: int
) -> dict[str, FindingsDraft]:
    """Embed the story's texts MiniLM will read (``stages.vectors.embed_ahead``) on
    ``threads`` threads while this one drafts the findings of the ``english`` texts
    (:func:`~parallax.compare.framing.draft_findings`: loaded terms, the technique tagger,
    the bias model's features; onnxruntime runs without the GIL); as each draft is made,
    the technique spans it marks are embedded behind them, on as many threads, while this
    thread drafts the next text. Return the drafts by text.

    The texts whose findings ``text_findings`` most likely keeps are left out by the caller.
    A text whose sentences' vectors the process holds (stored ahead, ``page_vectors_chars``)
    is still drafted: its technique spans are then the only MiniLM work, and they run beside
    the drafts. A text past :data:`DRAFT_CHARS` characters of drafts (their feature rows are
    held until the findings are finished) is not drafted; ``text_findings`` computes it whole.
    """
    from parallax.stages.vectors import embed_ahead

    fresh, chars = [], 0
    for text in dict.fromkeys(english):
        if chars + len(text) <= DRAFT_CHARS:
            fresh.append(text)
            chars += len(text)
    drafts: dict[str, FindingsDraft] = {}
    with ThreadPoolExecutor(1, thread_name_prefix="embed-ahead") as background:
        background.submit(embed_ahead, items, threads=threads)
        for text in fresh:
            drafts[text] = draft = draft_findings(text)
            if spans := draft.technique_texts(text):
                background.submit(_embed_spans, spans, threads)
    return drafts


def _embed_spans(spans: Sequence[str], threads: int) -> None:
    """Embed technique spans ahead of the classifier on ``threads`` threads (a saving only:
    the classifier embeds what is missing itself)."""
    if not embeddings_available():
        return
    from parallax.models.vectors import cached_embedder

    try:
        cached_embedder().prefetch(spans, threads=threads)
    except Exception:
        logger.exception("embedding a story's technique spans failed")


def framing_rows(
    before: Sequence[StoryArticle], after: Sequence[StoryArticle]
) -> list[tuple[str, str, str]]:
    """Return the rows the store keeps of the findings :func:`complete_framing` computed:
    ``(article_id, content_hash, findings JSON)`` of each article without findings ``before``
    that has some ``after``."""
    return [
        (new.article.id, new.article.content_hash, findings_json(new.framing))
        for old, new in zip(before, after, strict=True)
        if old.framing is None and new.framing is not None
    ]
