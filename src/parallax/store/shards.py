"""Store side of loading run shards: match analyses to stored articles, save them.

Articles from shards go through the ingest code path (``SQLiteStore.upsert_article`` and the
near-duplicate lookup); this module holds the only SQL that loading adds.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from parallax.model import Claim, EventMention, Mention, Quote, TimeExpression
from parallax.store.lookup import rows_in

if TYPE_CHECKING:
    from parallax.store.sqlite import SQLiteStore


def article_identities(store: SQLiteStore, ids: Iterable[str]) -> dict[str, tuple[str, str | None]]:
    """Return ``{id: (content_hash, published)}`` of the stored articles among ``ids``.

    An analysis from a shard belongs to the stored article only when both match: the stored
    text, and the publication date the date resolver worked from.
    """
    rows = rows_in(
        store.connection,
        "SELECT id, content_hash, published FROM articles WHERE id IN ({marks})",
        ids,
    )
    return {row[0]: (row[1], row[2]) for row in rows}


def save_shard_analysis(
    store: SQLiteStore,
    article_id: str,
    version: str,
    *,
    mentions: Sequence[Mention],
    quotes: Sequence[Quote],
    dates: Sequence[TimeExpression],
    claims: Sequence[Claim],
    analyzed_at: str,
    skipped: str | None = None,
    events: Sequence[EventMention] = (),
) -> None:
    """Replace what is stored for one article by the analysis a worker made of it."""
    store.save_analysis(
        article_id,
        version,
        mentions=mentions,
        quotes=quotes,
        dates=dates,
        claims=claims,
        analyzed_at=analyzed_at,
        skipped=skipped,
        events=events,
    )
