"""A document's vector for graded similarity (how alike two articles are): its lead's MiniLM
vector, leaning on its head's (the SemEval-2022 Task 8 figures are in docs/stories.md)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from parallax.embeddings import Embedder, normalise_rows

LEAD_CHARS = 800
"""Characters of a document's start embedded as its lead (MiniLM cuts at 256 wordpieces)."""
HEAD_CHARS = 60
"""Characters embedded as its head: about a headline."""
HEAD_WEIGHT = 0.4
"""Share of the head's vector in the document's."""


def cut_at_word(text: str, limit: int) -> str:
    """Return ``text`` cut to at most ``limit`` characters, at a space when one is near the end."""
    if len(text) <= limit:
        return text
    kept = text[:limit]
    space = kept.rfind(" ")
    return kept[:space] if space > limit // 2 else kept


def document_vectors(
    embedder: Embedder,
    texts: Sequence[str],
    *,
    lead_chars: int = LEAD_CHARS,
    head_chars: int = HEAD_CHARS,
    head_weight: float = HEAD_WEIGHT,
) -> NDArray[np.float32]:
    """Return one unit vector per document: its lead's embedding, leaning on its head's.

    A headline says what the story is; the body runs on into background that two articles of
    one story do not share. On the English SemEval-2022 Task 8 training pairs the cosine of
    these vectors follows the human ratings more closely than that of the lead alone (the
    figures and how the three constants were chosen are in docs/stories.md).

    Args:
        embedder: The embedder (the product's: ``shared_embedder("minilm")``).
        texts: Each document's text, its headline first (:func:`story_embed_text` with no cut).
        lead_chars: Characters of the start embedded as the lead.
        head_chars: Characters of the start embedded as the head.
        head_weight: The head's share of the mixed vector (0: the lead alone).
    """
    leads = [cut_at_word(text.strip(), lead_chars) for text in texts]
    if not leads:
        return np.zeros((0, embedder.dimension), dtype=np.float32)
    mixed = (1.0 - head_weight) * embedder.embed(leads)
    if head_weight:
        mixed += head_weight * embedder.embed([cut_at_word(lead, head_chars) for lead in leads])
    return normalise_rows(mixed.astype(np.float32))
