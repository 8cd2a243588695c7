"""The story stage over a store: assign every article without a story, in publication order,
and keep the stories, each assignment's explanation and the grouper's state.

The grouper's state is kept in the store, so a later run goes on incrementally: new articles
join existing stories or open new ones, and converging stories merge.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from parallax.config import Settings
from parallax.model import Progress, now
from parallax.outcomes import GroupReport
from parallax.store.sqlite import SQLiteStore

if TYPE_CHECKING:
    from parallax.embeddings import ArticleEmbedding
    from parallax.stories import Assignment, StoryIndex, StoryInput


def explanation(assignment: Assignment) -> dict[str, Any]:
    """Return why an article went where it went, as the store keeps it (``--why`` shows it)."""
    return {
        "decision": assignment.decision,
        "lines": assignment.lines(),
        "threshold": assignment.threshold,
        "opened": assignment.opened,
        "merged": list(assignment.merged),
        "candidates": [asdict(candidate) for candidate in assignment.candidates],
    }


def _inputs(store: SQLiteStore, batch: list[dict[str, Any]]) -> list[StoryInput]:
    from parallax.stories import StoryInput

    return [
        StoryInput(
            article_id=row["id"],
            published=row["published"],
            title=row["title"],
            text=row["text"],
            outlet=row["outlet"],
            entities=store.entity_names(row["id"]),
            language=row.get("language"),
        )
        for row in batch
    ]


def _known(
    store: SQLiteStore, index: StoryIndex, items: list[StoryInput]
) -> dict[str, ArticleEmbedding]:
    """Return the embeddings computed ahead (by the runners) for these articles."""
    from parallax.embeddings import ArticleEmbedding
    from parallax.store.embeddings import article_embeddings

    if index.embedder is None:
        return {}
    stored = article_embeddings(store, [item.article_id for item in items])
    return {key: ArticleEmbedding.from_bytes(*row) for key, row in stored.items()}


def group_stories(
    store: SQLiteStore, settings: Settings, *, progress: Progress | None = None
) -> GroupReport:
    """Assign every stored article without a story, ``settings.commit_every`` at a time.

    An article's embedding computed ahead by ``parallax run`` (stored by ``load_shards``) is
    used when it is the grouper's embedder's vector of the very text it would embed.
    """
    from parallax.stages.story_vectors import cross_language_corpus
    from parallax.stories.configure import open_index

    index = open_index(
        settings, store.story_snapshot(), other_languages=cross_language_corpus(store)
    )
    total, done, opened, merged = store.count_unassigned(), 0, 0, 0
    while batch := store.unassigned_articles(limit=settings.commit_every):
        items = _inputs(store, batch)
        known = _known(store, index, items)
        assignments = index.assign_all(items, known=known)
        # One transaction per batch: its assignments, the stories they touch and the grouper's
        # state after them. A kill leaves the store as the last batch did, and a rerun restores
        # that state and goes on with the next article, as an uninterrupted run would.
        with store.transaction():
            for assignment in assignments:
                store.record_assignment(
                    assignment.article_id,
                    assignment.story_id,
                    explanation(assignment),
                    grouper=assignment.grouper,
                    assigned_at=now(),
                )
            opened += sum(assignment.opened for assignment in assignments)
            merged += save_touched(store, index, assignments)
            store.save_story_snapshot(index.snapshot(), updated_at=now())
        done += len(batch)
        if progress:
            progress(done, total, batch[-1]["id"])
    return GroupReport(assigned=done, opened=opened, merged=merged, stories=len(index.stories()))


def save_touched(store: SQLiteStore, index: StoryIndex, assignments: list[Assignment]) -> int:
    """Write the stories a batch of assignments changed and drop those merged away; return how
    many merged away."""
    removed = [gone for assignment in assignments for gone in assignment.merged]
    store.replace_stories(
        index.stories_holding(assignment.story_id for assignment in assignments),
        removed=sorted(removed),  # a merged-away id never comes back
        updated_at=now(),
    )
    return len(removed)
