"""The thresholds and weights of story grouping, in one frozen object.

Every field carries its help text in the same shape as :class:`parallax.config.Settings`, so the
fields can move into the one settings table unchanged. The defaults were tuned on the dev halves
of BASIL, the UCI headline slice and the FNC-1 groups (see ``parallax.eval.stories``), never on a
test half or a held-out split.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from parallax.config import setting
from parallax.embeddings import embedder_version

WITH_EMBEDDINGS: dict[str, Any] = {
    "threshold": 0.35,
    "merge_threshold": 0.60,
    "short_threshold": 0.30,
    "short_merge_threshold": 0.50,
    "embedding_weight": 0.5,
    "short_embedding_weight": 3.0,
}
"""The values tuned for grouping with MiniLM (fp32; the multilingual embedder scores English
with it), on the dev halves, 2026-11-22 (docs/stories.md)."""

RETUNED: dict[str, dict[str, Any]] = {
    # Its cosine of two headlines differs from fp32's by 0.015 (sd): the headline cut-off and
    # embedding weight re-chosen for it on the UCI dev half (session 38, docs/stories.md).
    "parallax.embedders.minilm-int8.v2": {
        "short_threshold": 0.31,
        "short_embedding_weight": 4.0,
    },
}
"""Values of :data:`WITH_EMBEDDINGS` re-chosen for one embedder, by its versioned name (the
name its vectors are stored under), so each embedder keeps its own."""


@dataclass(frozen=True, slots=True)
class StorySettings:
    """Options of the incremental story grouper. Never mutate; use ``dataclasses.replace``."""

    threshold: float = setting(
        0.25, "Combined score at or above which an article joins its best candidate story."
    )
    merge_threshold: float = setting(
        0.50, "Story-to-story score at or above which two stories the article matched merge."
    )
    short_terms: int = setting(
        10, "Articles with fewer distinct terms (a headline alone) use the short thresholds."
    )
    short_threshold: float = setting(
        0.15, "The join threshold for short articles, whose cosines run lower."
    )
    short_merge_threshold: float = setting(0.35, "The merge threshold for short articles.")
    text_weight: float = setting(1.0, "Weight of the TF-IDF cosine in the combined score.")
    entity_weight: float = setting(
        0.5, "Weight of the shared-entity cosine; left out when either side has no entities."
    )
    embedding_weight: float = setting(
        1.0, "Weight of the sentence-embedding cosine; used only when an embedder is set."
    )
    short_embedding_weight: float = setting(
        1.0, "Weight of the sentence-embedding cosine for short articles (a headline alone)."
    )
    title_weight: int = setting(
        2, "How many times the words of a headline count, against once for the body."
    )
    window_days: int = setting(
        7, "Stories last active more than this many days away from an article are not candidates."
    )
    time_grace_days: float = setting(
        3.0, "Days away from a story's activity window that cost nothing."
    )
    time_scale_days: float = setting(
        14.0, "Past the grace, the time factor decays as exp(-extra days / this scale)."
    )
    idf_prior_documents: int = setting(
        50, "Empty pseudo-documents added to the IDF's document count (softens the cold start)."
    )
    query_terms: int = setting(
        12, "Top TF-IDF terms of an article looked up in the candidate index."
    )
    story_terms: int = setting(24, "Top TF-IDF terms of a story written to the candidate index.")
    centroid_terms: int = setting(
        300, "Terms kept in a story's TF-IDF centroid (the heaviest ones)."
    )
    max_postings: int = setting(
        200, "Most recently active stories kept per term in the candidate index."
    )
    max_candidates: int = setting(
        30, "Candidate stories scored in full per article (the rest are not looked at)."
    )
    title_pool: int = setting(8, "Most central articles a story keeps to choose its title from.")
    key_entities: int = setting(10, "Entities listed as a story's key entities.")
    explain_top: int = setting(5, "Candidates kept in each assignment's explanation.")
    embed_chars: int = setting(
        600, "Characters of headline and text given to the embedder (it truncates further)."
    )
    embed_batch: int = setting(64, "Texts per embedder call when assigning a batch.")

    @classmethod
    def tuned_for(cls, embedder: str | None) -> StorySettings:
        """Return the defaults tuned for grouping with the embedder registered as ``embedder``
        (None: without one).

        With MiniLM embeddings the combined score runs higher, so the thresholds are higher.
        A headline alone says little in TF-IDF terms, so there the embedding counts three times
        as much as the text; in a full text the embedding (of its first 600 characters) sees
        the topic more than the claim, so it counts half as much (tuned on the dev halves,
        2026-11-22; see docs/stories.md). An embedder in :data:`RETUNED` (by the versioned
        name of what ``embedder`` loads: ``minilm`` is the int8 MiniLM where that is chosen)
        has values of its own.
        """
        if embedder is None:
            return cls()
        return cls(**{**WITH_EMBEDDINGS, **RETUNED.get(embedder_version(embedder), {})})

    def scaled(self, factor: float) -> StorySettings:
        """Return these settings with every join and merge threshold multiplied by ``factor``."""
        if factor == 1.0:
            return self
        return replace(
            self,
            threshold=self.threshold * factor,
            merge_threshold=self.merge_threshold * factor,
            short_threshold=self.short_threshold * factor,
            short_merge_threshold=self.short_merge_threshold * factor,
        )
